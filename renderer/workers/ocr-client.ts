import type { OcrModels } from '@shared/ocr/ocr-engine';
import { OcrService } from './ocr-service';
import { connect, local, type ConnectOptions, type Remote } from './rpc';

/** Error from the OCR reader (Chinese message). */
export class OcrReaderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OcrReaderError';
  }
}

export type OcrReader = Remote<OcrService>;

const errors: ConnectOptions<OcrService>['errors'] = {
  default: (w) => new OcrReaderError(w.message),
};

/** The app's OCR reader: the OCR Web Worker; the page image's buffer is transferred, not copied. */
export function createWorkerOcrReader(): OcrReader {
  return connect<OcrService>(
    () => new Worker(new URL('./ocr.worker.ts', import.meta.url), { type: 'module', name: 'ocr' }),
    {
      errors,
      crashed: (detail) => new OcrReaderError(`页面识别程序出错：${detail || '未知错误'}`),
      transfer: { readPage: (image) => [image.data.buffer as ArrayBuffer] },
    },
  );
}

/** The same service on the calling thread (tests; environments without module workers). */
export function createInProcessOcrReader(loadModels: () => Promise<OcrModels>): OcrReader {
  return local(new OcrService(loadModels), { errors, serial: true });
}
