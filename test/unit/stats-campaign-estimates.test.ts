import { describe, expect, it } from 'vitest';
import type { FileResult } from '../../shared/review/results';
import type { ItemGroup } from '../../shared/standards/standard-model';
import { estimateCampaign, type EstimateDrawInput } from '../../shared/stats/campaign-estimates';
import { exactLimits, stratifiedEstimate } from '../../shared/stats/estimate';
import { figureGloss, shareRangeText } from '../../shared/stats/estimate-text';

function file(itemId: string, department: string, grade: string, groups: ItemGroup[]): FileResult {
  return {
    itemId,
    department,
    standardId: 's',
    totalHalfPoints: 180,
    total: 90,
    grade,
    failed: false,
    capped: false,
    countedHalfPoints: 180,
    vetoes: [],
    problems: groups.map((group, i) => ({
      itemId: `i${i}`,
      itemTitle: 't',
      categoryName: 'c',
      group,
      optionId: 'o',
      optionLabel: 'l',
      count: 1,
      amountHalfPoints: 2,
      problem: '',
    })),
  };
}

const ids = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

// Strata by department: 甲 100 files (4 drawn; a2 replaced by a5), 乙 50 files (2 drawn + 1 more), 丙 20 files
// (1 drawn, not reviewed yet).
const DRAW: EstimateDrawInput = {
  stratification: { by: 'department' },
  strata: [
    { key: '甲', size: 100 },
    { key: '乙', size: 50 },
    { key: '丙', size: 20 },
    { key: '丁', size: 0 },
  ],
  drawn: [
    ...ids('a', 4).map((itemId) => ({ itemId, stratum: '甲', department: '甲' })),
    ...ids('b', 2).map((itemId) => ({ itemId, stratum: '乙', department: '乙' })),
    { itemId: 'c1', stratum: '丙', department: '丙' },
  ],
  replacements: [{ itemId: 'a2', replacedBy: 'a5', stratum: '甲' }],
  extras: [{ stratum: '乙', count: 1, itemIds: ['b3'] }],
};

const FILES: FileResult[] = [
  file('a1', '甲', '不合格', ['程序']),
  file('a3', '甲', '合格', ['程序', '文书归档']),
  file('a4', '甲', '优秀', []),
  file('a5', '甲', '合格', ['实体']),
  file('b1', '乙', '合格', ['程序']),
  file('b2', '乙', '优秀', []),
  file('b3', '乙', '不合格', ['实体']),
  // Replaced, so not in the sample any more: never counted.
  file('a2', '甲', '不合格', ['程序']),
  // Not drawn at all.
  file('zz', '乙', '不合格', ['程序']),
];

describe('campaign estimates', () => {
  const est = estimateCampaign(DRAW, FILES, 0.95);

  it('takes the sample as it stands: replacements in, replaced out, extras in; others not counted', () => {
    expect(est.replacements).toBe(1);
    expect([est.extraFiles, est.extraDraws]).toEqual([1, 1]);
    expect(est.notInSample).toBe(2);
    const jia = est.departments.find((d) => d.name === '甲')!;
    expect([jia.drawn, jia.reviewed]).toEqual([4, 4]);
    const yi = est.departments.find((d) => d.name === '乙')!;
    expect([yi.drawn, yi.reviewed]).toEqual([3, 3]);
    expect([jia.replacements, jia.extraFiles, yi.replacements, yi.extraFiles]).toEqual([1, 0, 0, 1]);
    expect([est.city.replacements, est.city.extraFiles]).toEqual([1, 1]);
  });

  it('a department that is one stratum gets the exact hypergeometric limits', () => {
    const jia = est.departments.find((d) => d.name === '甲')!;
    expect(jia.method).toBe('exact');
    const proc = jia.figures.find((f) => f.key === 'procedure')!;
    const ref = exactLimits({ population: 100, sample: 4, found: 2 }, 0.95);
    expect(proc).toMatchObject({ found: 2, point: 50, lower: ref.lower, upper: ref.upper, pointShare: 0.5 });
    const fail = jia.figures.find((f) => f.key === 'fail')!;
    expect(fail.found).toBe(1);
    const archive = jia.figures.find((f) => f.key === 'archive')!;
    expect(archive.found).toBe(1);
    const substance = jia.figures.find((f) => f.key === 'substance')!;
    expect(substance.found).toBe(1);
  });

  it('a department with no reviewed sample file gets no figure, and says why through its counts', () => {
    const bing = est.departments.find((d) => d.name === '丙')!;
    expect(bing.method).toBeNull();
    expect(bing.figures).toEqual([]);
    expect([bing.drawn, bing.reviewed, bing.uncoveredFiles]).toEqual([1, 0, 20]);
    expect(est.departments.map((d) => d.name)).not.toContain('丁');
  });

  it('the city uses the stratified estimate over the covered strata and leaves the rest out', () => {
    const city = est.city;
    expect(city.method).toBe('stratified');
    expect([city.populationTotal, city.population, city.uncoveredStrata, city.uncoveredFiles]).toEqual([
      170, 150, 1, 20,
    ]);
    const proc = city.figures.find((f) => f.key === 'procedure')!;
    const ref = stratifiedEstimate(
      [
        { key: '甲', population: 100, sample: 4, found: 2 },
        { key: '乙', population: 50, sample: 3, found: 1 },
      ],
      0.95,
    );
    // Hand-worked: 100·2/4 + 50·1/3 = 66.67 files of 150.
    expect(proc.point).toBeCloseTo(50 + 50 / 3, 10);
    expect([proc.lower, proc.upper]).toEqual([ref.lower, ref.upper]);
    expect(proc.pointShare).toBeCloseTo((50 + 50 / 3) / 150, 12);
  });

  it('stratified by department × case type, a department of two strata is stratified', () => {
    const e = estimateCampaign(
      {
        stratification: { by: 'department×caseType' },
        strata: [
          { key: '甲 × 行政处罚', size: 60 },
          { key: '甲 × 行政检查', size: 40 },
        ],
        drawn: [
          { itemId: 'p1', stratum: '甲 × 行政处罚', department: '甲' },
          { itemId: 'p2', stratum: '甲 × 行政处罚', department: '甲' },
          { itemId: 'q1', stratum: '甲 × 行政检查', department: '甲' },
          { itemId: 'q2', stratum: '甲 × 行政检查', department: '甲' },
        ],
        replacements: [],
        extras: [],
      },
      [
        file('p1', '甲', '合格', ['程序']),
        file('p2', '甲', '合格', []),
        file('q1', '甲', '合格', ['程序']),
        file('q2', '甲', '合格', ['程序']),
      ],
    );
    expect(e.departments).toHaveLength(1);
    expect(e.departments[0]!.method).toBe('stratified');
    expect(e.departments[0]!.figures.find((f) => f.key === 'procedure')!.point).toBeCloseTo(30 + 40, 10);
  });

  it('flags a stratified figure whose variance is 0 without a census (no interval from the normal approximation)', () => {
    const city = est.city;
    // 不合格 is found in 甲 (a1) and 乙 (b3); 归档 only in 甲 (1 of 4) → variance > 0 in both.
    expect(city.figures.find((f) => f.key === 'fail')!.degenerate).toBe(false);
    const none = estimateCampaign(
      DRAW,
      FILES.map((f) => ({ ...f, grade: '合格', problems: [] })),
    );
    const fail = none.city.figures.find((f) => f.key === 'fail')!;
    expect([fail.point, fail.lower, fail.upper, fail.degenerate]).toEqual([0, 0, 0, true]);
    expect(figureGloss('全市', fail, 0.95, 12)).toBe(
      '在已完成评查的12件样本案卷中，未发现评查等次为不合格的案卷。',
    );
  });

  it('words a figure as the report does: plain words, one gloss, nearest whole percents, 至 for the range', () => {
    const f = {
      phrase: '存在程序问题',
      point: 494.46,
      pointShare: 0.09,
      lowerShare: 0.0353,
      upperShare: 0.1369,
    };
    expect(figureGloss('全市', f, 0.95, 40)).toBe(
      '按抽样结果推算，全市约有9%的案卷存在程序问题，实际比例在4%至14%之间的可能性为95%。',
    );
    // 4.1% is 4%, as on the 评查结果 page (never rounded outward to 5%).
    expect(shareRangeText(0.041, 0.0949)).toBe('4%至9%');
    // Never "约 100%" or "约 0%".
    expect(figureGloss('全市', { ...f, pointShare: 0.997, lowerShare: 0.9, upperShare: 1 }, 0.95, 40)).toBe(
      '按抽样结果推算，全市绝大多数案卷存在程序问题，实际比例在90%至100%之间的可能性为95%。',
    );
    expect(figureGloss('全市', { ...f, pointShare: 0.004, lowerShare: 0, upperShare: 0.03 }, 0.95, 40)).toBe(
      '按抽样结果推算，全市存在程序问题的案卷不足1%，实际比例在0%至3%之间的可能性为95%。',
    );
  });
});
