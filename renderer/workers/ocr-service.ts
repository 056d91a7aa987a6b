// The OCR service (issue 28): reads one page image at a time with the shipped PaddleOCR models. The UI
// feeds it page by page, so a cancel is simply not sending the next page, and progress is per file on
// the UI side. Models load on the first page (≈ 15 MB, from the app's own files) and stay loaded.
import type { GrayImage } from '@shared/ocr/gray-image';
import { recognisePage, type OcrModels } from '@shared/ocr/ocr-engine';
import { PAGE_FINDER_OCR } from '@shared/ocr/page-finder';
import { readPage, type PageReading } from '@shared/ocr/page-reading';

export class OcrService {
  private models: Promise<OcrModels> | null = null;

  constructor(private readonly loadModels: () => Promise<OcrModels>) {}

  /** Kind, first lines, 案号 and date of page `page` (0-based) from its image. */
  async readPage(image: GrayImage, page: number): Promise<PageReading & { ms: number }> {
    if (!(image.data instanceof Uint8Array) || image.data.length !== image.width * image.height) {
      throw new Error('页面图像数据不完整，无法识别。');
    }
    this.models ??= this.loadModels().catch((e: unknown) => {
      this.models = null;
      throw new Error(`识别模型无法加载（${e instanceof Error ? e.message : String(e)}）。`);
    });
    const models = await this.models;
    const t = performance.now();
    const lines = await recognisePage(image, models, PAGE_FINDER_OCR);
    return { ...readPage(page, lines), ms: performance.now() - t };
  }
}
