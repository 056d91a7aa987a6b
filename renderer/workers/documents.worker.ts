/// <reference lib="webworker" />
// Document generation (PDF via pdf-lib, DOCX via docx) off the UI thread: DocumentService served over
// rpc.ts, keeping the fonts loaded between calls.
import bodyFontUrl from '@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf?url';
import titleFontUrl from '@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf?url';
import boldFontUrl from '@expo-google-fonts/noto-sans-sc/500Medium/NotoSansSC_500Medium.ttf?url';
// LXGW WenKai ships on npm as WOFF only: unwrapped to TrueType here (zlib per table, ~0.1 s once).
import kaiFontUrl from '@fontsource/lxgw-wenkai/files/lxgw-wenkai-latin-500-normal.woff?url';
import { sfntFromWoff } from '@shared/documents/font-file';
import { DocumentService } from './document-service';
import { serve } from './rpc';

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
serve(service, { transfer: { renderMany: (result) => result.map((b) => b.buffer as ArrayBuffer) } });
