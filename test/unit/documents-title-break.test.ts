import { describe, expect, it } from 'vitest';
import { breakTitle, isBalancedShape, titleBreakOpportunities } from '../../shared/documents/title-break';
import { FRAME, layoutDocument, type TextItem } from '../../shared/documents/layout';
import type { OfficialDocument } from '../../shared/documents/layout-model';

const cell = (): number => 1;
const cut = (title: string, lines: string[]): number[] => {
  const out: number[] = [];
  let at = 0;
  for (const l of lines.slice(0, -1)) {
    at += Array.from(l).length;
    out.push(at);
  }
  expect(lines.join('')).toBe(title);
  return out;
};

describe('titleBreakOpportunities', () => {
  it('never breaks inside 全市, 案卷, 评查 or 行政执法', () => {
    const title = '关于全市行政执法案卷评查情况的通报';
    const ops = titleBreakOpportunities(title);
    const chars = Array.from(title);
    for (const at of ops) {
      const pair = chars[at - 1]! + chars[at]!;
      expect(['全市', '案卷', '评查', '行政', '执法', '政执'].some((w) => w === pair)).toBe(false);
    }
    expect(ops).toContain(2); // 关于|全市
  });

  it('keeps numbers with their units and brackets with their contents', () => {
    const ops = titleBreakOpportunities('德法函〔2026〕12号文件');
    const chars = Array.from('德法函〔2026〕12号文件');
    for (const at of ops) {
      expect(/[0-9]/.test(chars[at - 1]!) && /[0-9号]/.test(chars[at]!)).toBe(false);
      expect(chars[at - 1]).not.toBe('〔');
      expect(chars[at]).not.toBe('〕');
    }
  });
});

describe('breakTitle', () => {
  it('keeps a title that fits on one line', () => {
    expect(breakTitle('关于评查的通知', 20, cell)).toEqual(['关于评查的通知']);
  });

  it('breaks a long title between words into a balanced 梯形', () => {
    const title = '德阳市司法局关于市市场监督管理局行政执法案卷评查发现问题的整改通知书';
    const lines = breakTitle(title, 20, cell);
    expect(lines.length).toBe(2);
    const widths = lines.map((l) => Array.from(l).length);
    expect(Math.abs(widths[0]! - widths[1]!)).toBeLessThanOrEqual(4);
    expect(isBalancedShape(widths, 0.5)).toBe(true);
    const ops = titleBreakOpportunities(title);
    for (const c of cut(title, lines)) expect(ops).toContain(c);
  });

  it('balances three lines as a 梯形 or 菱形', () => {
    const title =
      '德阳市司法局关于二〇二六年度全市行政执法证件年审结果及行政执法案卷评查情况和整改要求的通知';
    const lines = breakTitle(title, 20, cell);
    expect(lines.length).toBe(3);
    expect(
      isBalancedShape(
        lines.map((l) => Array.from(l).length),
        0.5,
      ),
    ).toBe(true);
    for (const c of cut(title, lines)) expect(titleBreakOpportunities(title)).toContain(c);
  });

  it('recognises 梯形 and 菱形 and rejects an hourglass', () => {
    expect(isBalancedShape([10, 8], 0.5)).toBe(true);
    expect(isBalancedShape([8, 10, 6], 0.5)).toBe(true);
    expect(isBalancedShape([6, 10], 0.5)).toBe(true);
    expect(isBalancedShape([10, 6, 9], 0.5)).toBe(false);
    expect(isBalancedShape([10, 4, 10, 4], 0.5)).toBe(false);
  });

  it('falls back to character breaks only for a word wider than the line', () => {
    const lines = breakTitle('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 5, () => 0.5);
    expect(lines.join('')).toBe('ABCDEFGHIJKLMNOPQRSTUVWXYZ');
    expect(lines.every((l) => l.length <= 10)).toBe(true);
  });
});

describe('layout of the title', () => {
  it('draws the balanced word-boundary lines and reports them for the DOCX', () => {
    const doc: OfficialDocument = {
      style: 'document',
      title: '德阳市司法局关于全市行政执法案卷评查情况的通报（2026年度第二批次）',
      blocks: [{ type: 'paragraph', text: '正文。' }],
    };
    const layout = layoutDocument(doc);
    const titles = layout.pages[0]!.items.filter(
      (i): i is TextItem => i.kind === 'text' && i.role === 'title',
    );
    expect(titles.map((t) => t.text)).toEqual(layout.titleLines);
    expect(layout.titleLines.length).toBe(2);
    for (const t of titles) expect(t.x + t.width).toBeLessThanOrEqual(FRAME.blockRight + 1e-6);
    for (const c of cut(doc.title, layout.titleLines))
      expect(titleBreakOpportunities(doc.title)).toContain(c);
  });
});
