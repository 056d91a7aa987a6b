// pdf.js, loaded only when a case file is opened (its code and worker are separate chunks). Parsing
// and rendering run in pdf.js's own worker; eval stays off (the app's CSP forbids it).
import type { PDFDocumentProxy } from 'pdfjs-dist';

let workerPort: Worker | null = null;

/** Opens PDF bytes with pdf.js (the bytes are copied: the worker takes its own). */
export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  const pdfjs = await import('pdfjs-dist');
  if (!workerPort) {
    workerPort = new Worker(new URL('pdfjs-dist/build/pdf.worker.min.mjs', import.meta.url), {
      type: 'module',
      name: 'pdf',
    });
    pdfjs.GlobalWorkerOptions.workerPort = workerPort;
  }
  return pdfjs.getDocument({ data: bytes.slice(), isEvalSupported: false, enableXfa: false }).promise;
}
