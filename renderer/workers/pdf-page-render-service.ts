// Draws PDF pages off the UI thread (issue 27: "rendering in a worker"; the OCR page finder can use the
// same service): pdf.js parses and paints in this worker on an OffscreenCanvas, and each page leaves as
// an ImageBitmap (transferred, not copied) at the size it is shown, so the UI thread only blits it. A
// 200-page scan's page is a large JPEG: decoding and scaling it on the UI thread cost long tasks.
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { workerDocumentParams } from './pdf-offscreen';

type PdfJs = typeof import('pdfjs-dist');

/** A drawn page: the bitmap, and the page's size in PDF points at scale 1 with its own /Rotate. */
export interface PageBitmap {
  bitmap: ImageBitmap;
  /** Width and height of the page at scale 1 (points, the page's own rotation applied). */
  pageWidth: number;
  pageHeight: number;
}

export interface RenderPageRequest {
  /** The open document (its SHA-256). */
  key: string;
  /** 0-based page index. */
  page: number;
  /** Bitmap pixels per PDF point (zoom × device pixel ratio), or the bitmap's width in pixels. */
  scale?: number;
  width?: number;
  /** Clockwise turn on top of the page's own /Rotate. */
  rotation: 0 | 90 | 180 | 270;
}

export class PdfPageRenderService {
  private readonly docs = new Map<string, Promise<PDFDocumentProxy>>();

  constructor(private readonly pdfjs: () => Promise<PdfJs>) {}

  /** Opens a document under `key` (the bytes move here); resolves with its page count. */
  async open(key: string, bytes: Uint8Array): Promise<number> {
    let doc = this.docs.get(key);
    if (!doc) {
      const pdfjs = await this.pdfjs();
      doc = pdfjs.getDocument(workerDocumentParams(bytes)).promise;
      this.docs.set(key, doc);
      doc.catch(() => this.docs.delete(key));
    }
    return (await doc).numPages;
  }

  /** Draws one page at the asked size and rotation. */
  async renderPage(request: RenderPageRequest, signal?: AbortSignal): Promise<PageBitmap> {
    const doc = this.docs.get(request.key);
    if (!doc) throw new Error('电子案卷尚未打开。');
    const page = await (await doc).getPage(request.page + 1);
    const base = page.getViewport({ scale: 1 });
    const scale = request.width ? request.width / base.width : (request.scale ?? 1);
    const viewport = page.getViewport({ scale, rotation: (page.rotate + request.rotation) % 360 });
    const canvas = new OffscreenCanvas(
      Math.max(1, Math.floor(viewport.width)),
      Math.max(1, Math.floor(viewport.height)),
    );
    const context = canvas.getContext('2d')!;
    const task = page.render({
      canvas: canvas as unknown as HTMLCanvasElement,
      canvasContext: context as unknown as CanvasRenderingContext2D,
      viewport,
    });
    const stop = () => task.cancel();
    signal?.addEventListener('abort', stop);
    try {
      await task.promise;
    } finally {
      signal?.removeEventListener('abort', stop);
      page.cleanup();
    }
    return { bitmap: canvas.transferToImageBitmap(), pageWidth: base.width, pageHeight: base.height };
  }

  /** Forgets a document (its memory goes with it). */
  async close(key: string): Promise<void> {
    const doc = this.docs.get(key);
    this.docs.delete(key);
    if (doc) await (await doc.catch(() => null))?.destroy();
  }
}
