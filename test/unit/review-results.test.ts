import { describe, expect, it } from 'vitest';
import { bandsWithGood, defaultBands, type ReviewStandard } from '../../shared/standards/standard-model';
import { defaultInspectionStandard, defaultPenaltyStandard } from '../../shared/standards/default-standards';
import { buildCampaignResults, gradeExplanation, type ReviewedFileInput } from '../../shared/review/results';
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
    // 交通: 95 (cap -> 合格, counted as 89.5, the top of 合格) and 95 -> mean 92.25
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
      ['市场监管局', '95.00', '优秀', 1, 2],
      ['交通运输局', '92.25', '优秀', 2, 2],
      ['城管局', '39.00', '不合格', 3, 2],
    ]);
    expect(res.departments[1]!.gradeCounts).toEqual({ 合格: 1, 优秀: 1 });
    expect(res.departments[2]!.problemCount).toBe(5);
  });

  it('grade distribution follows the bands from the top', () => {
    expect(res.gradeDistribution).toEqual([
      { grade: '优秀', count: 3 },
      { grade: '合格', count: 2 },
      { grade: '不合格', count: 1 },
    ]);
    expect(res.overall.sumHalfPoints).toBe(200 + 180 + 179 + 190 + 0 + 156);
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
    // 交通's capped 合格 file counts as 79.5 (the top of 合格 in these bands): 良好, between its files' grades.
    expect(r.departments.map((x) => [x.department, x.grade])).toEqual([
      ['市场监管局', '优秀'],
      ['交通运输局', '良好'],
    ]);
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

  it('never grades a department above all of its files: a capped file counts with its band top', () => {
    // The case: one file, 98 points, 合格 by a "不得评为优秀" veto.
    const r = buildCampaignResults([
      file('c1', '丁', { deductions: [d('paper', 'd1', 4)], vetoes: [{ vetoId: 'vc', reason: '未盖章' }] }),
    ]);
    expect(r.files[0]!.total).toBe(98);
    expect(r.files[0]!.grade).toBe('合格');
    expect(r.files[0]!.countedHalfPoints).toBe(179);
    expect([r.departments[0]!.meanText, r.departments[0]!.grade]).toEqual(['89.50', '合格']);
    expect([r.overall.meanText, r.overall.grade]).toEqual(['89.50', '合格']);
    expect(gradeExplanation(r.files[0]!)).toBe(
      '得分 98 分，因否决项“未盖章”评为合格，计入平均分时按 89.5 分',
    );
    expect(gradeExplanation(res.files[0]!)).toBeNull();
    expect(gradeExplanation(res.files[4]!)).toBe('因否决项“事实不清”评为不合格，按 0 分计');
  });

  it('a department grade always lies between its best and worst file grades', () => {
    const order = ['不合格', '合格', '优秀'];
    const cases: ReviewedFileInput[] = [];
    for (let i = 0; i < 60; i++) {
      const dept = `部门${i % 7}`;
      const veto =
        i % 5 === 0
          ? [{ vetoId: 'vc', reason: '未盖章' }]
          : i % 11 === 0
            ? [{ vetoId: 'vf', reason: '事实不清' }]
            : [];
      cases.push(file(`f${i}`, dept, { deductions: [d('paper', 'd1', (i * 7) % 30)], vetoes: veto }));
    }
    const r = buildCampaignResults(cases);
    for (const dep of r.departments) {
      const ranks = r.files.filter((f) => f.department === dep.department).map((f) => order.indexOf(f.grade));
      const g = order.indexOf(dep.grade);
      expect(g).toBeGreaterThanOrEqual(Math.min(...ranks));
      expect(g).toBeLessThanOrEqual(Math.max(...ranks));
    }
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
