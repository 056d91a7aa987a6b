/// <reference types="vite/client" />
declare const __APP_VERSION__: string;

// pdf.js's core, imported into the OCR worker to parse on that worker's own thread (no types shipped).
declare module 'pdfjs-dist/build/pdf.worker.min.mjs' {
  export const WorkerMessageHandler: unknown;
}
