/// <reference lib="webworker" />
// Document generation (PDF via pdf-lib, DOCX via docx) off the UI thread: DocumentService served over
// rpc.ts, keeping the fonts loaded between calls.
import bodyFontUrl from '@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf?url';
import titleFontUrl from '@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf?url';
import { DocumentService } from './document-service';
import { serve } from './rpc';

async function fetchBytes(url: string): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`无法载入内置字体（${res.status}）。`);
  return new Uint8Array(await res.arrayBuffer());
}

const service = new DocumentService(async () => {
  const [body, title] = await Promise.all([fetchBytes(bodyFontUrl), fetchBytes(titleFontUrl)]);
  return { body, title };
});
serve(service, { transfer: { renderMany: (result) => result.map((b) => b.buffer as ArrayBuffer) } });
