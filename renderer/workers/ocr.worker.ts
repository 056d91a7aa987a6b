/// <reference lib="webworker" />
// The OCR worker: OcrService served over rpc.ts, one page at a time (serial), off the UI thread; it also
// draws the case file's pages itself (pdf.js on OffscreenCanvas), so the UI thread only sends the file.
import { loadBundledOcrModels } from './ocr-models-browser';
import { openCaseFilePagesInWorker } from './ocr-pdf-pages';
import { OcrService } from './ocr-service';
import { serve } from './rpc';

serve(new OcrService(loadBundledOcrModels, openCaseFilePagesInWorker), { serial: true });
