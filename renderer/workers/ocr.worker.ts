/// <reference lib="webworker" />
// The OCR worker: OcrService served over rpc.ts, one page at a time (serial), off the UI thread.
import { loadBundledOcrModels } from './ocr-models-browser';
import { OcrService } from './ocr-service';
import { serve } from './rpc';

serve(new OcrService(loadBundledOcrModels), { serial: true });
