import type { BundledFonts, DocumentRenderer } from './documents-protocol';
import { DocumentService } from './document-service';
import { connect, local, type Remote } from './rpc';

function rendererOf(remote: Remote<DocumentService>): DocumentRenderer {
  return {
    renderMany: (docs, format, onProgress, fonts, signal) =>
      remote.renderMany(docs, format, onProgress, fonts, signal),
    render: async (doc, format, fonts) => (await remote.renderMany([doc], format, undefined, fonts))[0]!,
    dispose: () => remote.dispose(),
  };
}

/** The app's renderer: a module Worker that keeps the fonts loaded between calls. */
export function createWorkerDocumentRenderer(): DocumentRenderer {
  return rendererOf(
    connect<DocumentService>(
      () =>
        new Worker(new URL('./documents.worker.ts', import.meta.url), {
          type: 'module',
          name: 'documents',
        }),
      { crashed: (detail) => `文书生成程序出错：${detail || '未知错误'}` },
    ),
  );
}

/** The same service on the calling thread (tests): the caller supplies the font bytes. */
export function createInProcessDocumentRenderer(loadFonts: () => Promise<BundledFonts>): DocumentRenderer {
  return rendererOf(local(new DocumentService(loadFonts)));
}
