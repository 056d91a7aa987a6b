/// <reference lib="webworker" />
// Document generation (PDF via pdf-lib, DOCX via docx) off the UI thread: DocumentService served over
// rpc.ts, keeping the fonts loaded between calls.
// 仿宋: FandolFang, converted to TrueType outlines and wrapped as WOFF (build/scripts/convert-fandol-fang.mjs); Noto
// Serif SC sets the page numbers (宋体) and every character FandolFang lacks (per-glyph fallback).
import fangFontUrl from '../../build/fonts/FandolFang-Regular.woff?url';
import songFontUrl from '@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf?url';
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
  const [body, song, title, bold, kai] = await Promise.all([
    fetchBytes(fangFontUrl).then(sfntFromWoff),
    fetchBytes(songFontUrl),
    fetchBytes(titleFontUrl),
    fetchBytes(boldFontUrl),
    fetchBytes(kaiFontUrl).then(sfntFromWoff),
  ]);
  return { body, song, title, bold, kai };
});
serve(service, { transfer: { renderMany: (result) => result.map((b) => b.buffer as ArrayBuffer) } });
