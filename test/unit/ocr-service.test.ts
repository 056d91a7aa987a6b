// The OCR worker's service: models load once (and again after a failed load), a bad page image is refused
// in Chinese, and a page comes back as a reading of that page.
import { describe, expect, it } from 'vitest';
import { OcrService } from '../../renderer/workers/ocr-service';
import type { OcrModels } from '../../shared/ocr/ocr-engine';

/** Models that find no text: a blank probability map. */
const blankModels = (): OcrModels => ({
  detection: {
    run: (_input, dims) =>
      Promise.resolve({ data: new Float32Array(dims[2]! * dims[3]!), dims: [1, 1, dims[2]!, dims[3]!] }),
  },
  recognition: { run: () => Promise.reject(new Error('no lines to read')) },
  characters: ['告'],
});

const page = { width: 64, height: 64, data: new Uint8Array(64 * 64).fill(255) };

describe('OCR service', () => {
  it('loads the models once and reads a blank page as 其他材料', async () => {
    let loads = 0;
    const service = new OcrService(() => {
      loads++;
      return Promise.resolve(blankModels());
    });
    const first = await service.readPage(page, 0);
    const second = await service.readPage(page, 5);
    expect(first).toMatchObject({
      page: 0,
      kind: '其他材料',
      confidence: 0,
      firstLines: [],
      caseNo: null,
      date: null,
    });
    expect(second.page).toBe(5);
    expect(loads).toBe(1);
  });

  it('refuses an image whose bytes do not fit its size', async () => {
    const service = new OcrService(() => Promise.resolve(blankModels()));
    await expect(service.readPage({ width: 10, height: 10, data: new Uint8Array(99) }, 0)).rejects.toThrow(
      '页面图像数据不完整，无法识别。',
    );
  });

  it('says in Chinese when the models cannot load, and tries again on the next page', async () => {
    let loads = 0;
    const service = new OcrService(() => {
      loads++;
      return loads === 1 ? Promise.reject(new Error('404')) : Promise.resolve(blankModels());
    });
    await expect(service.readPage(page, 0)).rejects.toThrow('识别模型无法加载（404）。');
    await expect(service.readPage(page, 0)).resolves.toMatchObject({ kind: '其他材料' });
    expect(loads).toBe(2);
  });
});

describe('OCR service drawing the case file itself (in the worker)', () => {
  /** A fake PDF opener: `pageCount` white pages, counting what it draws and closes. */
  const fakePages = (pageCount: number) => {
    const log = { opened: 0, drawn: [] as number[], closed: 0 };
    const open = (bytes: Uint8Array) => {
      if (bytes[0] !== 0x25) return Promise.reject(new Error('Invalid PDF structure'));
      log.opened++;
      return Promise.resolve({
        pageCount,
        grayPage: (i: number) => {
          log.drawn.push(i);
          return Promise.resolve(page);
        },
        close: () => {
          log.closed++;
          return Promise.resolve();
        },
      });
    };
    return { log, open };
  };
  const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46]);

  it('opens a file once, draws the asked page there and reads it', async () => {
    const { log, open } = fakePages(3);
    const service = new OcrService(() => Promise.resolve(blankModels()), open);
    expect(await service.openCaseFile('a', pdf)).toBe(3);
    expect(await service.openCaseFile('a', pdf)).toBe(3);
    const reading = await service.readCaseFilePage('a', 2);
    expect(reading).toMatchObject({ page: 2, kind: '其他材料' });
    expect(reading.drawMs).toBeGreaterThanOrEqual(0);
    expect(log).toEqual({ opened: 1, drawn: [2], closed: 0 });
  });

  it('holds one file at a time: opening another closes the first, whose pages are then refused', async () => {
    const { log, open } = fakePages(2);
    const service = new OcrService(() => Promise.resolve(blankModels()), open);
    await service.openCaseFile('a', pdf);
    await service.openCaseFile('b', pdf);
    expect(log.closed).toBe(1);
    await expect(service.readCaseFilePage('a', 0)).rejects.toMatchObject({
      name: 'CaseFileNotOpenError',
      message: '识别程序中没有打开这份案卷。',
    });
    await service.closeCaseFile();
    expect(log.closed).toBe(2);
    await expect(service.readCaseFilePage('b', 0)).rejects.toThrow('识别程序中没有打开这份案卷。');
  });

  it('says in Chinese when the PDF cannot open or the page does not exist, drawing nothing', async () => {
    const { log, open } = fakePages(2);
    const service = new OcrService(() => Promise.resolve(blankModels()), open);
    await expect(service.openCaseFile('x', new Uint8Array([1, 2, 3]))).rejects.toThrow(
      '案卷无法打开进行识别（PDF 已损坏）。',
    );
    await service.openCaseFile('a', pdf);
    await expect(service.readCaseFilePage('a', 2)).rejects.toThrow('案卷没有第 3 页。');
    await expect(service.readCaseFilePage('a', -1)).rejects.toThrow('案卷没有第 0 页。');
    expect(log.drawn).toEqual([]);
  });

  it('refuses to open a file where no page drawer is given', async () => {
    const service = new OcrService(() => Promise.resolve(blankModels()));
    await expect(service.openCaseFile('a', pdf)).rejects.toThrow('此处不能打开案卷进行识别。');
  });
});
