// The results charts drawn by real ECharts (SVG, server-side) at the sizes the app and the 通报 use:
// category names are whole (wrapped, not cut), inside the picture, and never on top of each other.
import { describe, expect, it } from 'vitest';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { CampaignResults, ItemProblemStat, ThreeSystemsRate } from '../../shared/review/results';
import {
  fitLabel,
  problemsByGroupOption,
  threeSystemsOption,
  topProblemsOption,
  type ChartOption,
} from '../../renderer/results/charts';

echarts.use([SVGRenderer]);

interface Label {
  text: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

const charWidth = (c: string, size: number) => (c.charCodeAt(0) < 0x100 ? size * 0.6 : size);

/** Text blocks of the SVG: lines that share one anchor point form one label. */
function labels(option: ChartOption, width: number, height: number): Label[] {
  const chart = echarts.init(null, undefined, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({ ...option, animation: false });
  const svg = chart.renderToSVGString();
  chart.dispose();
  const groups = new Map<string, Label>();
  for (const m of svg.matchAll(/<text([^>]*)>([^<]*)<\/text>/g)) {
    const attrs = m[1]!;
    const text = m[2]!;
    const t = /translate\(([-\d.]+) ([-\d.]+)\)/.exec(attrs);
    if (!t) continue;
    const size = Number(/font-size:(\d+)px/.exec(attrs)?.[1] ?? 12);
    const dy = Number(/ y="([-\d.]+)"/.exec(attrs)?.[1] ?? 0);
    const anchor = /text-anchor="(\w+)"/.exec(attrs)?.[1] ?? 'start';
    const x = Number(t[1]);
    const y = Number(t[2]) + dy;
    const w = Array.from(text).reduce((a, c) => a + charWidth(c, size), 0);
    const left = anchor === 'end' ? x - w : anchor === 'middle' ? x - w / 2 : x;
    const key = `${t[1]} ${t[2]}`;
    const line = { text, left, right: left + w, top: y - size / 2, bottom: y + size / 2 };
    const g = groups.get(key);
    if (!g) groups.set(key, line);
    else
      groups.set(key, {
        text: g.text + text,
        left: Math.min(g.left, line.left),
        right: Math.max(g.right, line.right),
        top: Math.min(g.top, line.top),
        bottom: Math.max(g.bottom, line.bottom),
      });
  }
  return [...groups.values()];
}

const overlaps = (a: Label, b: Label) =>
  a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;

/** No two pieces of text in the picture (names, axis numbers, legend, title) on top of each other. */
function expectNoTextOverlap(all: Label[]): void {
  for (let i = 0; i < all.length; i++)
    for (let j = i + 1; j < all.length; j++)
      expect(overlaps(all[i]!, all[j]!), `“${all[i]!.text}” and “${all[j]!.text}” overlap`).toBe(false);
}

function expectLaidOut(all: Label[], names: string[], width: number, height: number): void {
  expectNoTextOverlap(all);
  const found = names.map((n) => {
    const l = all.find((x) => x.text === n);
    expect(l, `label “${n}” is drawn whole`).toBeDefined();
    return l!;
  });
  for (const l of found) {
    expect(l.left, `“${l.text}” starts inside the picture`).toBeGreaterThanOrEqual(0);
    expect(l.right, `“${l.text}” ends inside the picture`).toBeLessThanOrEqual(width);
    expect(l.top).toBeGreaterThanOrEqual(0);
    expect(l.bottom).toBeLessThanOrEqual(height);
  }
  for (let i = 0; i < found.length; i++)
    for (let j = i + 1; j < found.length; j++) {
      const a = found[i]!;
      const b = found[j]!;
      const overlap = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
      expect(overlap, `“${a.text}” and “${b.text}” overlap`).toBe(false);
    }
}

const THREE: ThreeSystemsRate[] = [
  { tag: '执法公示', applicableFiles: 34, compliantFiles: 31, permille: 912, rateText: '91.2%' },
  { tag: '执法全过程记录', applicableFiles: 34, compliantFiles: 30, permille: 882, rateText: '88.2%' },
  { tag: '重大执法决定法制审核', applicableFiles: 34, compliantFiles: 30, permille: 882, rateText: '88.2%' },
] as ThreeSystemsRate[];

const TITLES = [
  '执法人员具备执法资格，不少于2名执法人员参与调查取证',
  '违法事实清楚，时间、地点、情节表述准确',
  '文书格式规范，使用统一制式文书',
  '强制执行催告与决定',
  '签名、盖章、日期齐全',
  '处罚种类、幅度在法定范围内并说明理由',
  '排列顺序规范、页码完整',
  '案卷材料齐全',
  '违法行为定性准确，引用条款具体到项',
  '文书内容填写完整、准确',
];

const results = (problems: string[]): CampaignResults =>
  ({
    threeSystems: THREE,
    problemsByItem: problems.map((title, i) => ({ title, fileCount: 10 - i }) as unknown as ItemProblemStat),
  }) as unknown as CampaignResults;

describe('results charts lay out their names', () => {
  it.each([
    [330, 340],
    [310, 340],
    [260, 300],
    [600, 300],
  ])('三项制度落实率 at %i×%i: every system name whole, inside, not overlapping', (w, h) => {
    expectLaidOut(
      labels(threeSystemsOption(results([]), false), w, h),
      THREE.map((t) => t.tag),
      w,
      h,
    );
  });

  it.each([
    [650, 340, 10],
    [600, 300, 8],
  ])('top problems at %i×%i (%i items): names wrapped, not cut, not overlapping', (w, h, top) => {
    const option = topProblemsOption(results(TITLES), top, false);
    const shown = TITLES.slice(0, top).map((t) => fitLabel(t, 210));
    // The titles above fit in two lines: shown whole, without an ellipsis.
    expect(shown).toEqual(TITLES.slice(0, top));
    expectLaidOut(labels(option, w, h), shown, w, h);
  });

  it.each([
    [480, 280],
    [420, 280],
  ])('problem groups at %i×%i: category names and legend apart', (w, h) => {
    const r = {
      problemsByGroup: [
        { group: '实体', fileCount: 18, occurrences: 34, deductedHalfPoints: 74 },
        { group: '文书归档', fileCount: 15, occurrences: 35, deductedHalfPoints: 68 },
        { group: '程序', fileCount: 13, occurrences: 25, deductedHalfPoints: 74 },
      ],
    } as unknown as CampaignResults;
    expectLaidOut(
      labels(problemsByGroupOption(r, false), w, h),
      ['实体', '文书归档', '程序', '涉及案卷数'],
      w,
      h,
    );
  });

  it('a name too long for two lines ends in … and still fits', () => {
    const long =
      '行政处罚决定书载明的当事人名称、地址、违法事实、证据、处罚依据、履行方式和期限、救济途径等内容完整准确';
    const shown = fitLabel(long, 210);
    expect(shown.endsWith('…')).toBe(true);
    expect(Array.from(shown).length).toBeLessThanOrEqual(34);
    expectLaidOut(
      labels(topProblemsOption(results([long, ...TITLES]), 10, false), 650, 340),
      [shown],
      650,
      340,
    );
  });
});
