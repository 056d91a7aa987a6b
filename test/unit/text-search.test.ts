// Search in a case file's text layer (issue 27): case, width and spaces ignored; a match across text
// runs highlights every run it covers; pages in order.
import { describe, expect, it } from 'vitest';
import { findInText, searchKey } from '@shared/case-files/text-search';

const r = (y: number) => ({ x: 0.1, y, w: 0.5, h: 0.02 });
const pages = [
  { page: 0, items: [{ str: '行政处罚决定书', rect: r(0.1) }] },
  {
    page: 1,
    items: [
      { str: '送达回证', rect: r(0.1) },
      { str: '受送达人：张三　签名：', rect: r(0.2) },
      { str: '（无）', rect: r(0.3) },
    ],
  },
  {
    page: 2,
    items: [
      { str: 'Case file - page 3', rect: r(0.1) },
      { str: '送达回证', rect: r(0.5) },
    ],
  },
];

describe('text search', () => {
  it('finds every match in page order, with the runs it covers', () => {
    expect(findInText(pages, '送达回证')).toEqual([
      { page: 1, rects: [r(0.1)] },
      { page: 2, rects: [r(0.5)] },
    ]);
    // Across runs, spaces (also the full-width one) ignored.
    expect(findInText(pages, '签名：（无')).toEqual([{ page: 1, rects: [r(0.2), r(0.3)] }]);
    expect(findInText(pages, '张三 签名')).toEqual([{ page: 1, rects: [r(0.2)] }]);
  });

  it('ignores case and full-/half-width forms; an empty query finds nothing', () => {
    expect(findInText(pages, 'ＰＡＧＥ ３')).toEqual([{ page: 2, rects: [r(0.1)] }]);
    expect(findInText(pages, 'case FILE')).toHaveLength(1);
    expect(findInText(pages, '   ')).toEqual([]);
    expect(findInText(pages, '听证')).toEqual([]);
    expect(searchKey('Ａ b　C')).toBe('abc');
  });
});
