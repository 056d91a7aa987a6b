import { describe, expect, it } from 'vitest';
import {
  breakTitle,
  isBalancedShape,
  organNameSpans,
  titleBreakOpportunities,
} from '../../shared/documents/title-break';
import { demoDepartments } from '../../shared/demo/ledger-generator';
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

// Issue 24: titles never break inside an organ or department name (GB/T 9704 7.3.1 词意完整).
const ORGANS = [
  '德阳市公安局',
  '德阳市民政局',
  '德阳市司法局',
  '德阳市财政局',
  '德阳市人力资源和社会保障局',
  '德阳市自然资源和规划局',
  '德阳市生态环境局',
  '德阳市住房和城乡建设局',
  '德阳市城市管理综合行政执法局',
  '德阳市交通运输局',
  '德阳市水利局',
  '德阳市农业农村局',
  '德阳市商务局',
  '德阳市文化广播电视和旅游局',
  '德阳市卫生健康委员会',
  '德阳市应急管理局',
  '德阳市审计局',
  '德阳市市场监督管理局',
  '德阳市统计局',
  '德阳市医疗保障局',
  '德阳市林业局',
  '德阳市教育局',
  '德阳市经济和信息化局',
  '德阳市发展和改革委员会',
  '德阳市退役军人事务局',
  '德阳市民族宗教事务局',
  '德阳市人民防空办公室',
  '德阳市消防救援支队',
  '德阳市烟草专卖局',
  '德阳市旌阳区综合行政执法局',
];

/** The line-break offsets of a laid-out title must not fall inside `name`. */
function expectNameWhole(title: string, lines: readonly string[], name: string): void {
  const cuts = cut(title, [...lines]);
  const at = title.indexOf(name);
  expect(at).toBeGreaterThanOrEqual(0);
  for (const c of cuts) expect(c <= at || c >= at + name.length, `${lines.join('|')}`).toBe(true);
}

function laidOutTitle(title: string, titleNames?: string[]): string[] {
  const doc: OfficialDocument = {
    style: 'letter',
    title,
    ...(titleNames ? { titleNames } : {}),
    blocks: [{ type: 'paragraph', text: '正文。' }],
  };
  return layoutDocument(doc).titleLines;
}

describe('titles keep organ and department names whole', () => {
  for (const kind of ['函', '整改通知书', '行政执法监督意见书']) {
    it(`letter titles (${kind}) of 30 real organs, with the names the builder passes and without`, () => {
      for (const organ of ORGANS) {
        const title = `德阳市司法局关于${organ}行政执法案卷评查发现问题的${kind}`;
        const named = laidOutTitle(title, ['德阳市司法局', organ]);
        expectNameWhole(title, named, organ);
        expectNameWhole(title, named, '德阳市司法局');
        // The general fallback (no names given) finds the organ as a reader does.
        const found = laidOutTitle(title);
        expectNameWhole(title, found, organ);
      }
    });
  }

  it('finds organ names by their suffix, 委员会 whole', () => {
    const title = '德阳市司法局关于德阳市卫生健康委员会行政执法案卷评查发现问题的函';
    const chars = Array.from(title);
    expect(organNameSpans(title).map(([a, b]) => chars.slice(a, b).join(''))).toEqual([
      '德阳市司法局',
      '德阳市卫生健康委员会',
    ]);
  });

  it('every demo title: letters to the demo departments, the 通报 and the 年审通知', () => {
    const issuer = '德阳市司法局';
    for (const d of demoDepartments()) {
      for (const kind of ['函', '整改通知书']) {
        const title = `${issuer}关于${d.name}行政执法案卷评查发现问题的${kind}`;
        const lines = laidOutTitle(title, [issuer, d.name]);
        expectNameWhole(title, lines, d.name);
        expectNameWhole(title, lines, issuer);
      }
    }
    for (const title of [
      `${issuer}关于2026年度行政执法案卷评查（示例）情况的通报`,
      `${issuer}关于2026年度行政执法案卷评查（示例）情况的阶段性通报`,
      `${issuer}关于2025年度行政执法证件年审结果的通知`,
    ])
      expectNameWhole(title, laidOutTitle(title, [issuer]), issuer);
  });

  it('a name wider than the line still breaks, between its words', () => {
    const long = '德阳市某某某某某某某某某某某某某某某某某某某某综合行政执法局';
    const lines = breakTitle(`关于${long}的函`, 20, cell, [long]);
    expect(lines.join('')).toBe(`关于${long}的函`);
    expect(lines.every((l) => Array.from(l).length <= 20)).toBe(true);
  });
});
