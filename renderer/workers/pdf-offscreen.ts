// pdf.js inside a worker (issues 27 and 28): the one way both the viewer's page-drawing worker and the
// OCR worker open a case file. There is no document in a worker, so pdf.js's scratch canvases are
// OffscreenCanvas, glyphs are drawn as paths (no document.fonts to load faces into), and SVG filters
// are skipped (transfer functions and high-contrast modes are drawn as they are).
import type { DocumentInitParameters } from 'pdfjs-dist/types/src/display/api';

interface CanvasEntry {
  canvas: OffscreenCanvas | null;
  context: OffscreenCanvasRenderingContext2D | null;
}

/** pdf.js's scratch canvases (patterns, masks, groups) as OffscreenCanvas. */
class OffscreenCanvasFactory {
  create(width: number, height: number): CanvasEntry {
    if (width <= 0 || height <= 0) throw new Error('Invalid canvas size');
    const canvas = new OffscreenCanvas(width, height);
    return { canvas, context: canvas.getContext('2d') };
  }
  reset(entry: CanvasEntry, width: number, height: number): void {
    if (!entry.canvas) throw new Error('Canvas is not specified');
    entry.canvas.width = width;
    entry.canvas.height = height;
  }
  destroy(entry: CanvasEntry): void {
    if (entry.canvas) entry.canvas.width = entry.canvas.height = 0;
    entry.canvas = null;
    entry.context = null;
  }
}

/** No SVG filters without a document. */
class NoFilterFactory {
  addFilter(): string {
    return 'none';
  }
  addHCMFilter(): string {
    return 'none';
  }
  addAlphaFilter(): string {
    return 'none';
  }
  addLuminosityFilter(): string {
    return 'none';
  }
  addHighlightHCMFilter(): string {
    return 'none';
  }
  destroy(): void {}
}

/** getDocument's parameters for a case file opened in a worker (no eval, no XFA, no system fonts). */
export function workerDocumentParams(data: Uint8Array): DocumentInitParameters {
  return {
    data,
    isEvalSupported: false,
    enableXfa: false,
    disableFontFace: true,
    useSystemFonts: false,
    CanvasFactory: OffscreenCanvasFactory,
    FilterFactory: NoFilterFactory,
  } as unknown as DocumentInitParameters;
}
