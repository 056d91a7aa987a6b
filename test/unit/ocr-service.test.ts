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
