import { describe, expect, it } from 'vitest';
import {
  CHAR_PITCH_PT,
  LINE_PITCH_PT,
  chineseDate,
  formatDocNumber,
  mmToPt,
  parseDocNumber,
  type OfficialDocument,
} from '../../shared/documents/layout-model';
import { FRAME, layoutDocument, type LayoutPage, type TextItem } from '../../shared/documents/layout';
import { sampleLetter } from '../../shared/documents/sample';

const HAN = '评查台行政执法案卷质量监督检查通知整改意见书面报告德阳市司法局市场管理';
const han = (n: number): string =>
  Array.from({ length: n }, (_, i) => HAN[i % HAN.length] as string).join('');
const OVERHANG = 16 - CHAR_PITCH_PT;
const texts = (p: LayoutPage | undefined): TextItem[] =>
  (p?.items ?? []).filter((i): i is TextItem => i.kind === 'text');

describe('formatDocNumber / parseDocNumber', () => {
  it('formats the full year in 六角括号, without 第 or leading zeros', () => {
    expect(formatDocNumber('德法函', 2026, 12)).toBe('德法函〔2026〕12号');
    expect(formatDocNumber(' 川司法 ', 2025, 1)).toBe('川司法〔2025〕1号');
    expect(parseDocNumber('德法函〔2026〕12号')).toEqual({ prefix: '德法函', year: 2026, seq: 12 });
  });

  it.each([
    ['', 2026, 1, '不能为空'],
    ['德法函〔', 2026, 1, '括号'],
    ['德法函第', 2026, 1, '第'],
    ['德法2函', 2026, 1, '数字'],
    ['德法函', 26, 1, '四位完整年份'],
    ['德法函', 2026.5, 1, '四位完整年份'],
    ['德法函', 2026, 0, '从 1 开始'],
    ['德法函', 2026, 1.5, '从 1 开始'],
  ])('rejects %j %j %j with a Chinese message', (prefix, year, seq, message) => {
    expect(() => formatDocNumber(prefix, year, seq)).toThrow(message);
  });

  it('does not parse non-standard numbers', () => {
    for (const bad of [
      '德法函〔2026〕012号',
      '德法函(2026)12号',
      '德法函[2026]12号',
      '德法函〔26〕12号',
      '德法函第〔2026〕12号',
    ]) {
      expect(parseDocNumber(bad)).toBeNull();
    }
  });
});

describe('chineseDate', () => {
  it('writes year, month and day without 虚位', () => {
    expect(chineseDate('2026-11-26')).toBe('2026年11月26日');
    expect(chineseDate('2026-01-05')).toBe('2026年1月5日');
    expect(chineseDate(new Date(2026, 0, 5))).toBe('2026年1月5日');
    expect(chineseDate('2026-03-01T10:00:00+08:00')).toBe('2026年3月1日');
  });
  it('rejects dates that do not exist or cannot be read', () => {
    expect(() => chineseDate('2026-02-30')).toThrow('不存在');
    expect(() => chineseDate('26/11/2026')).toThrow('无法识别');
    expect(() => chineseDate(new Date('x'))).toThrow('日期无效');
  });
});

describe('layoutDocument geometry', () => {
  const plain = (paragraphs: string[], style: OfficialDocument['style'] = 'letter'): OfficialDocument => ({
    style,
    title: '测试标题',
    blocks: paragraphs.map((text) => ({ type: 'paragraph', text })),
  });

  it('sets 22 body lines a page at the 225 mm / 22 pitch, 28 cells a line, inside the text block', () => {
    // Title (1 line) + blank (1) + 30 paragraphs of 2 lines = 62 lines: 22 + 22 + 18 -> 3 pages.
    const layout = layoutDocument(plain(Array.from({ length: 30 }, () => han(54))));
    expect(layout.pages).toHaveLength(3);
    for (const page of layout.pages) {
      const body = texts(page).filter((t) => t.role === 'body');
      expect(body.length).toBeLessThanOrEqual(22);
      const baselines = [...new Set(body.map((t) => t.baseline))];
      for (let i = 1; i < baselines.length; i += 1) {
        expect((baselines[i] as number) - (baselines[i - 1] as number)).toBeCloseTo(LINE_PITCH_PT, 6);
      }
      for (const t of texts(page)) {
        if (t.role === 'pageNumber') continue;
        expect(t.x).toBeGreaterThanOrEqual(FRAME.blockLeft - 1e-6);
        // The last glyph's em box may pass the block by 16 pt - 15.79 pt: 28 x 16 pt is wider than 156 mm.
        expect(t.x + t.width).toBeLessThanOrEqual(FRAME.blockRight + OVERHANG + 1e-6);
        expect(t.baseline).toBeGreaterThan(FRAME.blockTop);
        expect(t.baseline).toBeLessThan(FRAME.blockBottom);
      }
    }
    const page2 = texts(layout.pages[1]).filter((t) => t.role === 'body');
    expect(page2).toHaveLength(22);
    // First body line of page 2 sits in the first grid line: 37 mm from the top.
    expect(page2[0]!.baseline - 16 * 0.88 - (LINE_PITCH_PT - 16) / 2).toBeCloseTo(mmToPt(37), 6);
    const first = texts(layout.pages[0]).find((t) => t.role === 'body')!;
    expect(first.x).toBeCloseTo(mmToPt(28) + 2 * CHAR_PITCH_PT, 6);
    expect(Array.from(first.text)).toHaveLength(26);
    expect(first.width).toBeCloseTo(26 * CHAR_PITCH_PT - (CHAR_PITCH_PT - 16), 6);
  });

  it('numbers pages 4号 odd right / even left, none on page 1 in letter style', () => {
    const letter = layoutDocument(plain(Array.from({ length: 30 }, () => han(54))));
    const num = (p: LayoutPage | undefined) => texts(p).find((t) => t.role === 'pageNumber');
    expect(num(letter.pages[0])).toBeUndefined();
    expect(num(letter.pages[1])!.text).toBe('— 2 —');
    expect(num(letter.pages[1])!.x).toBeCloseTo(FRAME.blockLeft + 14, 6);
    const p3 = num(letter.pages[2])!;
    expect(p3.x + p3.width).toBeCloseTo(FRAME.blockRight - 14, 6);
    expect(p3.size).toBe(14);
    expect(p3.baseline).toBeGreaterThan(FRAME.blockBottom + mmToPt(7));
    const document = layoutDocument(plain([han(10)], 'document'));
    expect(num(document.pages[0])!.text).toBe('— 1 —');
  });

  it('lays out the letter head: red mark at 30 mm, double line, 发文字号 flush right, centred title', () => {
    const doc = sampleLetter();
    const page = layoutDocument(doc).pages[0]!;
    const mark = texts(page).find((t) => t.role === 'mark')!;
    expect(mark.color).toBe('red');
    expect(mark.baseline - 0.88 * mark.size).toBeCloseTo(mmToPt(30), 6);
    expect(mark.x + mark.width / 2).toBeCloseTo(FRAME.blockLeft + FRAME.blockWidth / 2, 6);
    const redRules = page.items.filter((i) => i.kind === 'rule' && i.color === 'red');
    expect(redRules).toHaveLength(4); // double line under the mark, double line at the foot of page 1
    const number = texts(page).find((t) => t.role === 'docNumber')!;
    expect(number.text).toBe('德法函〔2026〕12号');
    expect(number.x + number.width).toBeCloseTo(FRAME.blockRight, 6);
    const title = texts(page).filter((t) => t.role === 'title');
    expect(title.length).toBeGreaterThanOrEqual(1);
    for (const t of title) expect(t.x + t.width / 2).toBeCloseTo(FRAME.blockLeft + FRAME.blockWidth / 2, 6);
    expect(title.map((t) => t.text).join('')).toBe(doc.title);
    expect(texts(page).find((t) => t.role === 'addressee')!.x).toBeCloseTo(FRAME.blockLeft, 6);
  });

  it('lays out the document head: mark 35 mm into the block, red line under the 发文字号', () => {
    const page = layoutDocument(sampleLetter({ style: 'document' })).pages[0]!;
    const mark = texts(page).find((t) => t.role === 'mark')!;
    expect(mark.baseline - 0.88 * mark.size).toBeCloseTo(FRAME.blockTop + mmToPt(35), 6);
    const number = texts(page).find((t) => t.role === 'docNumber')!;
    expect(number.x + number.width / 2).toBeCloseTo(FRAME.blockLeft + FRAME.blockWidth / 2, 6);
    const rule = page.items.find((i) => i.kind === 'rule' && i.color === 'red');
    expect(rule && rule.kind === 'rule' && rule.y1).toBeCloseTo(number.baseline + 0.12 * 16 + mmToPt(4), 6);
    expect(rule && rule.kind === 'rule' && rule.x2 - rule.x1).toBeCloseTo(FRAME.blockWidth, 6);
  });

  it('puts the date 4 characters in from the right margin with the issuer centred on it', () => {
    const layout = layoutDocument(sampleLetter());
    const all = layout.pages.flatMap(texts);
    const date = all.find((t) => t.role === 'date')!;
    const issuer = all.find((t) => t.role === 'signature')!;
    expect(date.text).toBe('2026年11月26日');
    expect(date.x + date.width).toBeCloseTo(FRAME.blockRight - 4 * CHAR_PITCH_PT, 6);
    expect(issuer.x + issuer.width / 2).toBeCloseTo(date.x + date.width / 2, 6);
    expect(date.baseline - issuer.baseline).toBeCloseTo(LINE_PITCH_PT, 6);
  });

  it('repeats the table header on every page the table runs onto', () => {
    const doc: OfficialDocument = {
      style: 'document',
      title: '表格',
      blocks: [
        {
          type: 'table',
          columns: [
            { title: '序号', width: 1 },
            { title: '说明', width: 4 },
          ],
          rows: Array.from({ length: 60 }, (_, i) => [String(i + 1), han(10 + (i % 40))]),
        },
      ],
    };
    const layout = layoutDocument(doc);
    expect(layout.pages.length).toBeGreaterThan(2);
    for (const page of layout.pages) {
      const header = texts(page).filter((t) => t.role === 'tableHeader');
      expect(header.map((t) => t.text)).toEqual(['序号', '说明']);
      const cells = texts(page).filter((t) => t.role === 'tableCell');
      expect(Math.min(...cells.map((c) => c.baseline))).toBeGreaterThan(header[0]!.baseline);
      expect(Math.max(...cells.map((c) => c.baseline))).toBeLessThan(FRAME.blockBottom);
    }
    const numbers = layout.pages.flatMap(texts).filter((t) => t.role === 'tableCell' && /^\d+$/.test(t.text));
    expect(numbers.map((t) => Number(t.text))).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
  });

  it('never leaves a heading as the last line of a page', () => {
    // Title + blank + 20 one-line paragraphs = 22 lines: the heading would take line 22 of page 1.
    const blocks: OfficialDocument['blocks'] = Array.from({ length: 19 }, () => ({
      type: 'paragraph',
      text: han(10),
    }));
    blocks.push({ type: 'heading', level: 1, text: '一、标题' }, { type: 'paragraph', text: han(10) });
    const layout = layoutDocument({ style: 'letter', title: 'T', blocks });
    expect(texts(layout.pages[0]).some((t) => t.role === 'heading')).toBe(false);
    expect(texts(layout.pages[1])[0]!.text).toBe('一、标题');
  });

  it('never leaves the 署名 and 成文日期 alone on a page: the last body lines go over with them', () => {
    // Title (line 1) + blank + one paragraph of 20 full lines: the body ends on the last line of page 1.
    for (const extra of [0, 1]) {
      const doc: OfficialDocument = {
        style: 'letter',
        title: 'T',
        blocks: [{ type: 'paragraph', text: han(28 * (20 - extra) - 2) }],
        signature: { issuer: '德阳市司法局', date: '2026年11月26日' },
      };
      const layout = layoutDocument(doc);
      expect(layout.pages.length).toBe(2);
      const last = texts(layout.pages[1]);
      const roles = last.map((t) => t.role).filter((r) => r !== 'pageNumber');
      expect(roles.filter((r) => r === 'body').length).toBeGreaterThanOrEqual(2);
      expect(roles.slice(-2)).toEqual(['signature', 'date']);
      // The moved lines start at the top of the text block, one grid line each.
      const body = last.filter((t) => t.role === 'body');
      expect(body[0]!.baseline).toBeCloseTo(FRAME.blockTop + (LINE_PITCH_PT - 16) / 2 + 0.88 * 16, 6);
      // Nothing drawn twice, nothing lost.
      const all = layout.pages
        .flatMap(texts)
        .filter((t) => t.role === 'body')
        .map((t) => t.text)
        .join('');
      expect(all).toBe(doc.blocks[0]!.type === 'paragraph' ? doc.blocks[0]!.text : '');
      expect(texts(layout.pages[0]).every((t) => t.baseline < FRAME.blockBottom)).toBe(true);
    }
  });

  it('moves a heading right above the moved lines with them', () => {
    const blocks: OfficialDocument['blocks'] = [
      { type: 'paragraph', text: han(28 * 17 - 2) },
      { type: 'heading', level: 1, text: '三、整改要求' },
      { type: 'paragraph', text: han(50) },
    ];
    const layout = layoutDocument({
      style: 'letter',
      title: 'T',
      blocks,
      signature: { issuer: '德阳市司法局', date: '2026年11月26日' },
    });
    expect(texts(layout.pages[0]).some((t) => t.role === 'heading')).toBe(false);
    expect(texts(layout.pages[1])[0]!.text).toBe('三、整改要求');
  });

  it('justifies full lines of mixed text to the right edge and leaves last lines ragged', () => {
    // 20 + 2.5 (five digits) + 1 + 2 = 25.5 cells: half a cell of slack on the first line.
    const doc = plain([`${han(20)}12345年${han(10)}`]);
    const body = texts(layoutDocument(doc).pages[0]).filter((t) => t.role === 'body');
    expect(body[0]!.x + body[0]!.width).toBeCloseTo(FRAME.blockRight + OVERHANG, 6);
    expect(body[0]!.charSpacing).toBeGreaterThan(CHAR_PITCH_PT - 16);
    expect(body.at(-1)!.x + body.at(-1)!.width).toBeLessThan(FRAME.blockRight - CHAR_PITCH_PT);
  });

  it('refuses a malformed table with a Chinese message naming the block and row', () => {
    const bad: OfficialDocument = {
      style: 'letter',
      title: 'T',
      blocks: [{ type: 'table', columns: [{ title: 'a', width: 1 }], rows: [['x', 'y']] }],
    };
    expect(() => layoutDocument(bad)).toThrow('第 1 个内容块（表格）第 1 行有 2 个单元格，应为 1 个');
  });
});

describe('widow and orphan control (as word processors apply it to the DOCX)', () => {
  /** Grid lines of block `index` on each page, in page order. */
  const linesPerPage = (doc: OfficialDocument, index: number): number[] =>
    layoutDocument(doc)
      .pages.map(
        (p) =>
          p.items.filter((i) => i.kind === 'text' && i.source?.part === 'block' && i.source.index === index)
            .length,
      )
      .filter((n) => n > 0);
  // A document with no head: the title and a blank line take 2 grid lines; each filler line is 28 characters.
  const withFiller = (fillerLines: number, paragraphLines: number): OfficialDocument => ({
    style: 'letter',
    title: '关于评查的函',
    blocks: [
      { type: 'paragraph', text: han(28 * fillerLines - 2), indent: 2 },
      { type: 'paragraph', text: han(28 * paragraphLines - 2), indent: 2 },
    ],
  });

  it('never leaves one line of a paragraph at the foot of a page', () => {
    const free = (doc: OfficialDocument): number => 22 - (linesPerPage(doc, 0)[0] ?? 0) - 2;
    const doc = withFiller(19, 3);
    expect(free(doc)).toBe(1);
    expect(linesPerPage(doc, 1)).toEqual([3]);
  });

  it('never leaves one line at the top of the next page: 3 + 1 becomes 2 + 2, 2 + 1 goes over whole', () => {
    expect(linesPerPage(withFiller(17, 4), 1)).toEqual([2, 2]);
    expect(linesPerPage(withFiller(18, 3), 1)).toEqual([3]);
  });
});
