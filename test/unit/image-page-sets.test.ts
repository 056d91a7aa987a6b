// JPEG/PNG page sets (issue 27): the page images of one 案卷 (a folder named by its 案号, or loose
// “案号_页码” names) become one PDF, pages in name order; a broken image refuses its whole set in Chinese.
import { describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { expandSources } from '@shared/case-files/case-file-sources';
import { groupPageSets, pageSetToPdf, pageSetsToPdfs } from '@shared/case-files/image-page-sets';
import { matchFileName } from '@shared/case-files/case-number-match';
import { checkPdf } from '@shared/case-files/pdf-check';
import { makeJpeg, makeZip } from '../fixtures/case-files';
import { makeGreyPng } from '../fixtures/png';

const drawn = [
  { itemId: 'a', caseNo: '德市监罚〔2024〕112号', department: '德阳市市场监督管理局' },
  { itemId: 'c', caseNo: '德交罚〔2024〕7号', department: '德阳市交通运输局' },
];

/** Page heights of a PDF (width 595): each page keeps its image's proportions. */
async function pageHeights(pdf: Uint8Array): Promise<number[]> {
  const doc = await PDFDocument.load(pdf);
  return doc.getPages().map((p) => Math.round(p.getHeight()));
}

describe('JPEG/PNG page sets', () => {
  it('groups by folder or by the name without its page number, pages in name order', () => {
    const img = (path: string) => ({ path, bytes: new Uint8Array() });
    const sets = groupPageSets([
      img('扫描/德市监罚〔2024〕112号/10.jpg'),
      img('扫描/德市监罚〔2024〕112号/2.jpg'),
      img('扫描/德市监罚〔2024〕112号/1.png'),
      img('德交罚〔2024〕7号_10.png'),
      img('德交罚〔2024〕7号_9.png'),
      img('德交罚〔2024〕7号_1.png'),
      img('德应急罚〔2024〕7号 第1页.png'),
    ]);
    expect(sets.map((s) => [s.name, s.pages.map((p) => p.path.replace(/^.*\//, ''))])).toEqual([
      ['德市监罚〔2024〕112号', ['1.png', '2.jpg', '10.jpg']],
      [
        '德交罚〔2024〕7号',
        ['德交罚〔2024〕7号_1.png', '德交罚〔2024〕7号_9.png', '德交罚〔2024〕7号_10.png'],
      ],
      ['德应急罚〔2024〕7号', ['德应急罚〔2024〕7号 第1页.png']],
    ]);
  });

  it('makes one whole PDF of a set, named by the set (matched by its 案号), pages in order', async () => {
    const jpeg = await makeJpeg(20);
    const r = await pageSetToPdf({
      name: '德市监罚〔2024〕112号',
      pages: [
        { path: 'x/1.png', bytes: makeGreyPng(100, 200) },
        { path: 'x/2.jpg', bytes: jpeg },
        { path: 'x/10.png', bytes: makeGreyPng(200, 100) },
      ],
    });
    if (!r.ok) throw new Error(r.reason);
    expect(r.file.name).toBe('德市监罚〔2024〕112号.pdf');
    expect(checkPdf(r.file.name, r.file.bytes)).toEqual({ ok: true });
    expect(matchFileName(r.file.name, drawn)).toEqual({ status: 'matched', itemId: 'a' });
    // 1.png is twice as high as wide, the JPEG an A4 page, 10.png twice as wide as high.
    const heights = await pageHeights(r.file.bytes);
    expect([heights[0], heights[2]]).toEqual([1190, 298]);
    expect(Math.abs(heights[1]! - 842)).toBeLessThan(8);
  });

  it('refuses a set with a truncated JPEG, a broken PNG or a file that is no image, in Chinese', async () => {
    const jpeg = await makeJpeg(20);
    const cut = await pageSetToPdf({
      name: 'A',
      pages: [{ path: 'A/1.jpg', bytes: jpeg.slice(0, jpeg.length - 40) }],
    });
    expect(cut).toEqual({
      ok: false,
      reason: '“A”的页面图片不能组成电子案卷：“1.jpg”不完整（JPEG 图片缺少结尾，可能拷贝中断），整套未导入。',
    });
    const png = makeGreyPng(50, 50);
    const broken = png.slice();
    broken.fill(0, 40, png.length - 20);
    const bad = await pageSetToPdf({ name: 'B', pages: [{ path: 'B/1.png', bytes: broken }] });
    expect(bad).toEqual({
      ok: false,
      reason: '“B”的页面图片不能组成电子案卷：“1.png”已损坏，无法读取，整套未导入。',
    });
    const text = await pageSetToPdf({
      name: 'C',
      pages: [{ path: 'C/1.jpg', bytes: new TextEncoder().encode('not an image') }],
    });
    expect(text).toEqual({
      ok: false,
      reason: '“C”的页面图片不能组成电子案卷：“1.jpg”不是 JPEG 或 PNG 图片，整套未导入。',
    });
  });

  it('a ZIP of folders: each good set becomes a case file, a broken set is named and left out', async () => {
    const jpeg = await makeJpeg(20);
    const zip = makeZip({
      '德市监罚〔2024〕112号/1.jpg': jpeg,
      '德市监罚〔2024〕112号/2.png': makeGreyPng(60, 80),
      '德交罚〔2024〕7号/1.jpg': jpeg.slice(0, 100),
    });
    const expanded = expandSources([{ name: '扫描.zip', bytes: zip }]);
    expect(expanded.files).toEqual([]);
    expect(expanded.images).toHaveLength(3);
    const { files, refused } = await pageSetsToPdfs(expanded.images);
    expect(files.map((f) => f.name)).toEqual(['德市监罚〔2024〕112号.pdf']);
    expect(await pageHeights(files[0]!.bytes)).toHaveLength(2);
    expect(refused).toEqual([
      '“德交罚〔2024〕7号”的页面图片不能组成电子案卷：“1.jpg”不完整（JPEG 图片缺少结尾，可能拷贝中断），整套未导入。',
    ]);
  });
});
