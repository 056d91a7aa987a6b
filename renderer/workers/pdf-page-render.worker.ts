/// <reference lib="webworker" />
// The page-drawing worker of the 电子案卷 viewer: PdfPageRenderService over rpc.ts, one page at a time
// (the client sends the most wanted page first). pdf.js's own parser runs in this thread too (its
// worker module registers itself as the in-thread handler), so one worker parses and paints.
import 'pdfjs-dist/build/pdf.worker.min.mjs';
import { PdfPageRenderService } from './pdf-page-render-service';
import { serve } from './rpc';

serve(new PdfPageRenderService(() => import('pdfjs-dist')), {
  serial: true,
  transfer: { renderPage: (r) => [r.bitmap] },
});
