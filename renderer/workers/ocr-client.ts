import type { OcrModels } from '@shared/ocr/ocr-engine';
import { OcrService, type OpenCaseFilePages } from './ocr-service';
import { connect, local, type Remote } from './rpc';

/** The OCR reader as the page sees it; its errors are the RPC's one WorkerError (Chinese message, kind). */
export type OcrReader = Remote<OcrService>;

/** The app's OCR reader: the OCR Web Worker; page images and case-file bytes are transferred, not copied. */
export function createWorkerOcrReader(): OcrReader {
  return connect<OcrService>(
    () => new Worker(new URL('./ocr.worker.ts', import.meta.url), { type: 'module', name: 'ocr' }),
    {
      crashed: (detail) => `页面识别程序出错：${detail || '未知错误'}`,
      transfer: {
        readPage: (image) => [image.data.buffer as ArrayBuffer],
        openCaseFile: (_sha256, bytes) => [bytes.buffer as ArrayBuffer],
      },
    },
  );
}

/** The same service on the calling thread (tests; environments without module workers). */
export function createInProcessOcrReader(
  loadModels: () => Promise<OcrModels>,
  openPages?: OpenCaseFilePages,
): OcrReader {
  return local(new OcrService(loadModels, openPages), { serial: true });
}
