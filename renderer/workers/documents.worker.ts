/// <reference lib="webworker" />
// Document generation (PDF via pdf-lib, DOCX via docx) off the UI thread.
import bodyFontUrl from '@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf?url';
import titleFontUrl from '@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf?url';
import boldFontUrl from '@expo-google-fonts/noto-sans-sc/500Medium/NotoSansSC_500Medium.ttf?url';
// LXGW WenKai ships on npm as WOFF only: unwrapped to TrueType here (zlib per table, ~0.1 s once).
import kaiFontUrl from '@fontsource/lxgw-wenkai/files/lxgw-wenkai-latin-500-normal.woff?url';
import { sfntFromWoff } from '@shared/documents/font-file';
import { DocumentService, DocumentsCancelledError } from './document-service';
import type { DocumentsRequest, DocumentsResponse } from './documents-protocol';

async function fetchBytes(url: string): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`无法载入内置字体（${res.status}）。`);
  return new Uint8Array(await res.arrayBuffer());
}

const service = new DocumentService(async () => {
  const [body, title, bold, kai] = await Promise.all([
    fetchBytes(bodyFontUrl),
    fetchBytes(titleFontUrl),
    fetchBytes(boldFontUrl),
    fetchBytes(kaiFontUrl).then(sfntFromWoff),
  ]);
  return { body, title, bold, kai };
});
const post = (m: DocumentsResponse, transfer: Transferable[] = []) =>
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(m, transfer);

self.onmessage = async (event: MessageEvent<DocumentsRequest>) => {
  const msg = event.data;
  if (msg.op === 'cancel') {
    service.cancel();
    return;
  }
  try {
    const result = await service.renderMany(
      msg.docs,
      msg.format,
      (p) => post({ id: msg.id, progress: p }),
      msg.fonts,
    );
    post(
      { id: msg.id, ok: true, result },
      result.map((b) => b.buffer as ArrayBuffer),
    );
  } catch (e) {
    post({
      id: msg.id,
      ok: false,
      error: e instanceof Error ? e.message : String(e),
      cancelled: e instanceof DocumentsCancelledError,
    });
  }
};
