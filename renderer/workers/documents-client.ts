import type {
  BundledFonts,
  DocumentRenderer,
  DocumentsRequest,
  DocumentsResponse,
  DocumentProgress,
} from './documents-protocol';
import { DocumentService } from './document-service';

export class DocumentRenderError extends Error {
  constructor(
    message: string,
    public readonly cancelled = false,
  ) {
    super(message);
    this.name = 'DocumentRenderError';
  }
}

/** The app's renderer: a module Worker that keeps the fonts loaded between calls. */
export function createWorkerDocumentRenderer(): DocumentRenderer {
  const worker = new Worker(new URL('./documents.worker.ts', import.meta.url), {
    type: 'module',
    name: 'documents',
  });
  const pending = new Map<
    number,
    {
      resolve: (v: Uint8Array[]) => void;
      reject: (e: Error) => void;
      onProgress?: (p: DocumentProgress) => void;
    }
  >();
  let next = 1;
  worker.onmessage = (event: MessageEvent<DocumentsResponse>) => {
    const m = event.data;
    const p = pending.get(m.id);
    if (!p) return;
    if ('progress' in m) return p.onProgress?.(m.progress);
    pending.delete(m.id);
    if (m.ok) p.resolve(m.result);
    else p.reject(new DocumentRenderError(m.error, m.cancelled ?? false));
  };
  worker.onerror = (e) => {
    for (const p of pending.values())
      p.reject(new DocumentRenderError(`文书生成程序出错：${e.message || '未知错误'}`));
    pending.clear();
  };
  const renderMany: DocumentRenderer['renderMany'] = (docs, format, onProgress, fonts) => {
    const id = next++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject, onProgress });
      worker.postMessage({ id, op: 'render', docs, format, fonts } satisfies DocumentsRequest);
    });
  };
  return {
    renderMany,
    render: async (doc, format, fonts) => (await renderMany([doc], format, undefined, fonts))[0]!,
    cancel: () => worker.postMessage({ id: 0, op: 'cancel' } satisfies DocumentsRequest),
    dispose: () => worker.terminate(),
  };
}

/** The same service on the calling thread (tests): the caller supplies the font bytes. */
export function createInProcessDocumentRenderer(loadFonts: () => Promise<BundledFonts>): DocumentRenderer {
  const service = new DocumentService(loadFonts);
  return {
    renderMany: (docs, format, onProgress, fonts) => service.renderMany(docs, format, onProgress, fonts),
    render: async (doc, format, fonts) => (await service.renderMany([doc], format, undefined, fonts))[0]!,
    cancel: () => service.cancel(),
    dispose: () => undefined,
  };
}
