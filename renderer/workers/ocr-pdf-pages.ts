// A case file's pages drawn for OCR inside the OCR worker (issue 28), so the UI thread never paints a
// 200-dpi page or turns it gray (that was a 349 ms task on the page). pdf.js parses and draws on this
// worker's own thread (its in-thread "fake worker", no nested worker), onto OffscreenCanvas; fonts are
// drawn as paths (a worker has no document for FontFace). One case file is open at a time.
import * as pdfjs from 'pdfjs-dist';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { WorkerMessageHandler } from 'pdfjs-dist/build/pdf.worker.min.mjs';
import { grayFromRgba, type GrayImage } from '@shared/ocr/gray-image';
import type { CaseFilePages, OpenCaseFilePages } from './ocr-service';
import { workerDocumentParams } from './pdf-offscreen';

/** Pages are read at 200 dpi, as the test set the accuracy was measured on. */
export const OCR_DPI = 200;

// pdf.js looks here for its core when it may not start a worker of its own: parsing stays on this thread.
(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = { WorkerMessageHandler };

/** Draws page `index` (0-based) of an open document at `dpi` and returns it gray. */
export async function drawPageGray(doc: PDFDocumentProxy, index: number, dpi = OCR_DPI): Promise<GrayImage> {
  const page = await doc.getPage(index + 1);
  try {
    const viewport = page.getViewport({ scale: dpi / 72 });
    const width = Math.round(viewport.width);
    const height = Math.round(viewport.height);
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, height);
    await page.render({
      canvas: canvas as unknown as HTMLCanvasElement,
      canvasContext: ctx as unknown as CanvasRenderingContext2D,
      viewport,
    }).promise;
    const rgba = ctx.getImageData(0, 0, width, height).data;
    canvas.width = 0; // the page's pixels are let go now, not at the next collection
    return grayFromRgba(rgba, width, height);
  } finally {
    page.cleanup();
  }
}

/** Opens PDF bytes in this worker; the bytes are the caller's (transferred to this thread). */
export const openCaseFilePagesInWorker: OpenCaseFilePages = async (bytes) => {
  const doc = await pdfjs.getDocument(workerDocumentParams(bytes)).promise;
  return {
    pageCount: doc.numPages,
    grayPage: (index) => drawPageGray(doc, index),
    close: () => doc.destroy(),
  } satisfies CaseFilePages;
};
