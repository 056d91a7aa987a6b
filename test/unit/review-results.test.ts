import { describe, expect, it } from 'vitest';
import { bandsWithGood, defaultBands, type ReviewStandard } from '../../shared/standards/standard-model';
import { defaultInspectionStandard, defaultPenaltyStandard } from '../../shared/standards/default-standards';
import { buildCampaignResults, type ReviewedFileInput } from '../../shared/review/results';
import type { ScoreSheet, SheetDeduction } from '../../shared/review/scoring-engine';

function standard(): ReviewStandard {
  return {
    id: 'r',
    name: '结果测试标准',
    caseTypes: ['行政处罚'],
    version: 1,
    status: 'published',
    isDefault: false,
    totalHalfPoints: 200,
    categories: [
      {
        id: 'c',
        name: '综合',
        items: [
          {
            id: 'facts',
            title: '事实',
            maxHalfPoints: 60,
            group: '实体',
            legalBasis: '',
            deductions: [{ id: 'f1', label: '事实不全', amountHalfPoints: 4, mode: 'per-occurrence' }],
          },
          {
            id: 'record',
            title: '全过程记录',
            maxHalfPoints: 40,
            group: '程序',
            tag: '执法全过程记录',
            legalBasis: '',
            deductions: [{ id: 'r1', label: '无音像', amountHalfPoints: 20, mode: 'per-occurrence' }],
          },
          {
            id: 'publish',
            title: '公示',
            maxHalfPoints: 20,
            group: '程序',
            tag: '执法公示',
            legalBasis: '',
            deductions: [{ id: 'p1', label: '未公示', amountHalfPoints: 20, mode: 'once' }],
          },
          {
            id: 'paper',
            title: '卷面',
            maxHalfPoints: 80,
            group: '文书归档',
            legalBasis: '',
            deductions: [{ id: 'd1', label: '页码', amountHalfPoints: 1, mode: 'per-occurrence' }],
          },
        ],
      },
    ],
    vetoes: [
      { id: 'vf', kind: 'fail', text: '事实不清' },
      { id: 'vc', kind: 'cap', text: '未盖章' },
    ],
    bands: defaultBands(200),
  };
}

const STD = standard();
const d = (itemId: string, optionId: string, count = 1, problem = `${itemId} 问题`): SheetDeduction => ({
  itemId,
  optionId,
  count,
  problem,
});
function file(itemId: string, department: string, sheet: Partial<ScoreSheet>): ReviewedFileInput {
  return { itemId, department, standard: STD, sheet: { deductions: [], vetoes: [], ...sheet } };
}

describe('buildCampaignResults', () => {
  const files: ReviewedFileInput[] = [
    // 市场监管: 100 and 90 -> mean 95, 优秀
    file('m1', '市场监管局', {}),
    file('m2', '市场监管局', { deductions: [d('paper', 'd1', 20)] }),
    // 交通: 95 (cap -> 合格) and 95 -> mean 95, tied with 市场监管
    file('t1', '交通运输局', {
      deductions: [d('paper', 'd1', 10)],
      vetoes: [{ vetoId: 'vc', reason: '未盖章' }],
    }),
    file('t2', '交通运输局', { deductions: [d('facts', 'f1', 2), d('paper', 'd1', 2)] }),
    // 城管: fail veto (0) and 78 -> mean 39, 不合格
    file('u1', '城管局', { deductions: [d('record', 'r1')], vetoes: [{ vetoId: 'vf', reason: '事实不清' }] }),
    file('u2', '城管局', { deductions: [d('record', 'r1'), d('publish', 'p1'), d('facts', 'f1')] }),
  ];
  const res = buildCampaignResults(files);

  it('per file: score, grade, problems', () => {
    expect(res.files.map((f) => [f.itemId, f.total, f.grade])).toEqual([
      ['m1', 100, '优秀'],
      ['m2', 90, '优秀'],
      ['t1', 95, '合格'],
      ['t2', 95, '优秀'],
      ['u1', 0, '不合格'],
      ['u2', 78, '合格'],
    ]);
    expect(res.files[4]!.failed).toBe(true);
    expect(res.files[2]!.capped).toBe(true);
    expect(res.files[5]!.problems).toHaveLength(3);
  });

  it('per department: mean, grade and rank with ties', () => {
    expect(res.departments.map((x) => [x.department, x.meanText, x.grade, x.rank, x.fileCount])).toEqual([
      ['交通运输局', '95.00', '优秀', 1, 2],
      ['市场监管局', '95.00', '优秀', 1, 2],
      ['城管局', '39.00', '不合格', 3, 2],
    ]);
    expect(res.departments[0]!.gradeCounts).toEqual({ 合格: 1, 优秀: 1 });
    expect(res.departments[2]!.problemCount).toBe(5);
  });

  it('grade distribution follows the bands from the top', () => {
    expect(res.gradeDistribution).toEqual([
      { grade: '优秀', count: 3 },
      { grade: '合格', count: 2 },
      { grade: '不合格', count: 1 },
    ]);
    expect(res.overall.sumHalfPoints).toBe(200 + 180 + 190 + 190 + 0 + 156);
    expect(res.overall.fileCount).toBe(6);
  });

  it('most frequent problems by item (files first, then occurrences) and by group', () => {
    expect(res.problemsByItem.map((p) => [p.itemId, p.fileCount, p.occurrences])).toEqual([
      ['paper', 3, 32],
      ['facts', 2, 3],
      ['record', 2, 2],
      ['publish', 1, 1],
    ]);
    expect(res.problemsByItem[0]!.examples).toHaveLength(3);
    expect(res.problemsByGroup.map((g) => [g.group, g.fileCount, g.occurrences])).toEqual([
      ['文书归档', 3, 32],
      ['实体', 2, 3],
      ['程序', 2, 3],
    ]);
    expect(res.vetoStats.map((v) => [v.text, v.kind, v.fileCount])).toEqual([
      ['事实不清', 'fail', 1],
      ['未盖章', 'cap', 1],
    ]);
  });

  it('三项制度 rates: share of applicable files without a deduction on tagged items', () => {
    const by = Object.fromEntries(res.threeSystems.map((t) => [t.tag, t]));
    expect(by['执法全过程记录']).toMatchObject({
      applicableFiles: 6,
      compliantFiles: 4,
      permille: 667,
      rateText: '66.7%',
    });
    expect(by['执法公示']).toMatchObject({
      applicableFiles: 6,
      compliantFiles: 5,
      permille: 833,
      rateText: '83.3%',
    });
    // The test standard has no 法制审核 item: not applicable rather than 0% or 100%.
    expect(by['重大执法决定法制审核']).toMatchObject({ applicableFiles: 0, permille: null, rateText: '—' });
  });

  it('uses campaign bands for departments (良好) and warns on mixed totals', () => {
    const r = buildCampaignResults(files.slice(0, 4), { bands: bandsWithGood(200) });
    expect(r.departments.every((x) => x.grade === '优秀')).toBe(true);
    const r2 = buildCampaignResults([file('x', '甲', { deductions: [d('paper', 'd1', 25)] })], {
      bands: bandsWithGood(200),
    });
    expect(r2.departments[0]!.grade).toBe('良好');
    const other: ReviewStandard = { ...STD, id: 'o', name: '百五十分制', totalHalfPoints: 300 };
    const r3 = buildCampaignResults([
      { itemId: 'y', department: '乙', standard: other, sheet: { deductions: [], vetoes: [] } },
    ]);
    expect(r3.warnings.join()).toContain('百五十分制');
  });

  it('warns about sheets with unresolved problems', () => {
    const r = buildCampaignResults([file('z', '丙', { deductions: [d('facts', 'f1', 1, '')] })]);
    expect(r.warnings.join()).toContain('案卷 z（丙）的评分表有未解决的问题');
  });

  it('keeps items of different standards apart and works with the defaults', () => {
    const pen = defaultPenaltyStandard();
    const ins = defaultInspectionStandard();
    const pItem = pen.categories[0]!.items[0]!;
    const iItem = ins.categories[0]!.items[0]!;
    const r = buildCampaignResults([
      {
        itemId: 'a',
        department: '甲',
        standard: pen,
        sheet: { deductions: [d(pItem.id, pItem.deductions[0]!.id)], vetoes: [] },
      },
      {
        itemId: 'b',
        department: '甲',
        standard: ins,
        sheet: { deductions: [d(iItem.id, iItem.deductions[0]!.id)], vetoes: [] },
      },
    ]);
    expect(r.problemsByItem.map((p) => p.standardId).sort()).toEqual([
      'default-inspection',
      'default-penalty-general',
    ]);
    expect(r.threeSystems.every((t) => t.applicableFiles === 2)).toBe(true);
    expect(r.warnings).toEqual([]);
  });

  it('an empty campaign is empty, not an error', () => {
    const r = buildCampaignResults([]);
    expect(r.fileCount).toBe(0);
    expect(r.departments).toEqual([]);
    expect(r.threeSystems.every((t) => t.rateText === '—')).toBe(true);
  });
});
