// The page finder's OCR settings, one place for the worker, the tests and the bench: the title and 案号
// are among a page's first three lines and its own date (落款) among the last two, so only those are
// recognised; detection at 736 px keeps 200-dpi body text (≈ 40 px high) at ≈ 13 px, which the DB model
// still finds.
import type { OcrOptions } from './ocr-engine';

export const PAGE_FINDER_OCR: OcrOptions = { detectionSide: 736, headLines: 3, tailLines: 2, batch: 5 };
