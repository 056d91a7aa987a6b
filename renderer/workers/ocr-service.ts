// The OCR service (issue 28): reads one page at a time with the shipped PaddleOCR models. The UI feeds it
// page by page, so a cancel is simply not sending the next page, and progress is per file on the UI side.
// Models load on the first page (≈ 15 MB, from the app's own files) and stay loaded. A case file is handed
// over once (`openCaseFile`) and its pages are drawn here, in the worker (`readCaseFilePage`), so the UI
// thread neither paints nor converts a page; `readPage` reads an image drawn elsewhere (tests, benches).
import type { GrayImage } from '@shared/ocr/gray-image';
import { recognisePage, type OcrModels } from '@shared/ocr/ocr-engine';
import { PAGE_FINDER_OCR } from '@shared/ocr/page-finder';
import { readPage, type PageReading } from '@shared/ocr/page-reading';

/** An open PDF whose pages can be drawn gray for OCR. */
export interface CaseFilePages {
  pageCount: number;
  grayPage(index: number): Promise<GrayImage>;
  close(): Promise<void>;
}

/** Opens a PDF's bytes for drawing (pdf.js on OffscreenCanvas in the worker: ocr-pdf-pages.ts). */
export type OpenCaseFilePages = (bytes: Uint8Array) => Promise<CaseFilePages>;

export class OcrService {
  private models: Promise<OcrModels> | null = null;
  private open: { sha256: string; pages: CaseFilePages } | null = null;

  constructor(
    private readonly loadModels: () => Promise<OcrModels>,
    private readonly openPages?: OpenCaseFilePages,
  ) {}

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

  /** Takes a case file's PDF (the one open file; the previous one is closed) and answers its page count. */
  async openCaseFile(sha256: string, bytes: Uint8Array): Promise<number> {
    if (!this.openPages) throw new Error('此处不能打开案卷进行识别。');
    if (this.open?.sha256 === sha256) return this.open.pages.pageCount;
    await this.closeCaseFile();
    let pages: CaseFilePages;
    try {
      pages = await this.openPages(bytes);
    } catch {
      throw new Error('案卷无法打开进行识别（PDF 已损坏）。');
    }
    this.open = { sha256, pages };
    return pages.pageCount;
  }

  /** Draws page `page` (0-based) of the open case file here and reads it; `ms` is the OCR alone. */
  async readCaseFilePage(
    sha256: string,
    page: number,
  ): Promise<PageReading & { ms: number; drawMs: number }> {
    const open = this.open;
    if (open?.sha256 !== sha256) throw new CaseFileNotOpenError();
    if (!Number.isInteger(page) || page < 0 || page >= open.pages.pageCount) {
      throw new Error(`案卷没有第 ${page + 1} 页。`);
    }
    const t = performance.now();
    const image = await open.pages.grayPage(page);
    const drawMs = performance.now() - t;
    return { ...(await this.readPage(image, page)), drawMs };
  }

  async closeCaseFile(): Promise<void> {
    const open = this.open;
    this.open = null;
    await open?.pages.close();
  }
}

/** The worker holds no such case file (a fresh worker after a crash, or another file opened since). */
export class CaseFileNotOpenError extends Error {
  constructor() {
    super('识别程序中没有打开这份案卷。');
    this.name = 'CaseFileNotOpenError';
  }
}
