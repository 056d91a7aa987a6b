import { describe, expect, it } from 'vitest';
import {
  bandsWithGood,
  defaultBands,
  GRADE_EXCELLENT,
  GRADE_FAIL,
  GRADE_GOOD,
  GRADE_PASS,
  type ReviewStandard,
} from '../../shared/standards/standard-model';
import {
  cappedGrade,
  departmentResult,
  emptySheet,
  gradeFor,
  gradeForFraction,
  noProblemsSheet,
  rankByMean,
  scoreCaseFile,
  scoreSheetSchema,
  submissionProblems,
  type ScoreSheet,
  type SheetDeduction,
} from '../../shared/review/scoring-engine';
import { defaultPenaltyStandard } from '../../shared/standards/default-standards';

/** 100 points: i1 (10, 实体), i2 (10, 程序, 执法公示), i3 (80, 文书归档) with a 0.5 step. */
function miniStandard(bands = defaultBands(200)): ReviewStandard {
  return {
    id: 'mini',
    name: '测试标准',
    caseTypes: ['行政处罚'],
    version: 1,
    status: 'draft',
    isDefault: false,
    totalHalfPoints: 200,
    categories: [
      {
        id: 'c1',
        name: '事实证据',
        items: [
          {
            id: 'i1',
            title: '事实清楚',
            maxHalfPoints: 20,
            group: '实体',
            legalBasis: '',
            deductions: [
              { id: 'o1', label: '小问题', amountHalfPoints: 1, mode: 'per-occurrence' },
              { id: 'o2', label: '中问题', amountHalfPoints: 4, mode: 'per-occurrence' },
              { id: 'o3', label: '大问题', amountHalfPoints: 10, mode: 'once' },
            ],
          },
          {
            id: 'i2',
            title: '决定公示',
            maxHalfPoints: 20,
            group: '程序',
            tag: '执法公示',
            legalBasis: '',
            deductions: [{ id: 'p1', label: '未公示', amountHalfPoints: 20, mode: 'once' }],
          },
        ],
      },
      {
        id: 'c2',
        name: '立卷归档',
        items: [
          {
            id: 'i3',
            title: '卷面',
            maxHalfPoints: 160,
            group: '文书归档',
            legalBasis: '',
            deductions: [{ id: 'd1', label: '页码错误', amountHalfPoints: 1, mode: 'per-occurrence' }],
          },
        ],
      },
    ],
    vetoes: [
      { id: 'vf', kind: 'fail', text: '执法人员少于 2 人' },
      { id: 'vc', kind: 'cap', text: '未加盖印章' },
    ],
    bands,
  };
}

const ded = (itemId: string, optionId: string, count = 1, problem = '具体问题'): SheetDeduction => ({
  itemId,
  optionId,
  count,
  problem,
});
/** A sheet that loses `half` half-points on i3 (0.5 each). */
const minusHalf = (half: number): ScoreSheet => ({
  deductions: half ? [ded('i3', 'd1', half)] : [],
  vetoes: [],
});

describe('gradeFor and bands', () => {
  const bands = defaultBands(200);
  it.each([
    [0, GRADE_FAIL],
    [119, GRADE_FAIL], // 59.5
    [120, GRADE_PASS], // 60
    [179, GRADE_PASS], // 89.5
    [180, GRADE_EXCELLENT], // 90
    [200, GRADE_EXCELLENT], // 100 (top band max is inclusive)
  ])('%i half-points -> %s', (half, grade) => {
    expect(gradeFor(half, bands)).toBe(grade);
  });

  it('supports a custom 良好 band 80-<90', () => {
    const b = bandsWithGood(200);
    expect(gradeFor(159, b)).toBe(GRADE_PASS); // 79.5
    expect(gradeFor(160, b)).toBe(GRADE_GOOD); // 80
    expect(gradeFor(179, b)).toBe(GRADE_GOOD); // 89.5
    expect(gradeFor(180, b)).toBe(GRADE_EXCELLENT);
  });

  it('grades exact fractions without floats: 179.99../2 stays 合格', () => {
    // Mean of 3 files 90, 90, 89.5 = 89.8333 -> 合格; 90, 90, 90 -> 优秀.
    expect(gradeForFraction(180 + 180 + 179, 3, bands)).toBe(GRADE_PASS);
    expect(gradeForFraction(540, 3, bands)).toBe(GRADE_EXCELLENT);
  });

  it('cappedGrade drops only the top band to the next one', () => {
    expect(cappedGrade(GRADE_EXCELLENT, bands)).toBe(GRADE_PASS);
    expect(cappedGrade(GRADE_EXCELLENT, bandsWithGood())).toBe(GRADE_GOOD);
    expect(cappedGrade(GRADE_PASS, bands)).toBe(GRADE_PASS);
  });
});

describe('scoreCaseFile', () => {
  const std = miniStandard();

  it('an empty sheet scores full marks', () => {
    const s = scoreCaseFile(std, emptySheet(std));
    expect(s.totalHalfPoints).toBe(200);
    expect(s.total).toBe(100);
    expect(s.grade).toBe(GRADE_EXCELLENT);
    expect(s.valid).toBe(true);
    expect(s.items.map((i) => i.scoreHalfPoints)).toEqual([20, 20, 160]);
  });

  it.each([
    [81, 59.5, GRADE_FAIL],
    [80, 60, GRADE_PASS],
    [21, 89.5, GRADE_PASS],
    [20, 90, GRADE_EXCELLENT],
  ])('boundary: minus %i half-points -> %f %s', (half, total, grade) => {
    const s = scoreCaseFile(std, minusHalf(half));
    expect(s.total).toBe(total);
    expect(s.grade).toBe(grade);
  });

  it('half points are exact integers: 0.5 x 3 deductions = 1.5 points, never 1.4999', () => {
    const s = scoreCaseFile(std, {
      deductions: [ded('i1', 'o1'), ded('i1', 'o1'), ded('i1', 'o1')],
      vetoes: [],
    });
    expect(s.items[0]!.deductedHalfPoints).toBe(3);
    expect(s.items[0]!.scoreHalfPoints).toBe(17);
    expect(s.totalHalfPoints).toBe(197);
    expect(s.total).toBe(98.5);
    expect(Number.isInteger(s.totalHalfPoints)).toBe(true);
  });

  it('per-occurrence multiplies by count; once deducts a single time', () => {
    const s = scoreCaseFile(std, { deductions: [ded('i1', 'o2', 2)], vetoes: [] });
    expect(s.items[0]!.deductedHalfPoints).toBe(8);
    const once = scoreCaseFile(std, { deductions: [ded('i1', 'o3', 1)], vetoes: [] });
    expect(once.items[0]!.deductedHalfPoints).toBe(10);
    expect(once.valid).toBe(true);
  });

  it('a once option recorded twice is an error and still deducted only once', () => {
    const s = scoreCaseFile(std, { deductions: [ded('i1', 'o3', 1), ded('i1', 'o3', 1)], vetoes: [] });
    expect(s.items[0]!.deductedHalfPoints).toBe(10);
    expect(s.errors.map((e) => e.code)).toEqual(['once-repeated']);
    expect(s.errors[0]!.message).toContain('只扣一次');
    const s2 = scoreCaseFile(std, { deductions: [ded('i1', 'o3', 3)], vetoes: [] });
    expect(s2.items[0]!.deductedHalfPoints).toBe(10);
    expect(s2.valid).toBe(false);
  });

  it('扣完为止，不计负分: an item stops at 0 and the rest is untouched', () => {
    const s = scoreCaseFile(std, { deductions: [ded('i1', 'o2', 4), ded('i1', 'o3')], vetoes: [] });
    expect(s.items[0]!.deductedHalfPoints).toBe(26);
    expect(s.items[0]!.scoreHalfPoints).toBe(0);
    expect(s.items[0]!.clamped).toBe(true);
    expect(s.totalHalfPoints).toBe(180);
  });

  it('a fail veto gives 0 and 不合格 whatever the points', () => {
    const s = scoreCaseFile(std, {
      deductions: [],
      vetoes: [{ vetoId: 'vf', reason: '询问笔录只有一名执法人员签名' }],
    });
    expect(s.rawTotalHalfPoints).toBe(200);
    expect(s.totalHalfPoints).toBe(0);
    expect(s.grade).toBe(GRADE_FAIL);
    expect(s.pointsGrade).toBe(GRADE_EXCELLENT);
    expect(s.failed).toBe(true);
    // Fail wins over cap as well.
    const both = scoreCaseFile(std, {
      deductions: [],
      vetoes: [
        { vetoId: 'vc', reason: '决定书未盖章' },
        { vetoId: 'vf', reason: '一人执法' },
      ],
    });
    expect(both.grade).toBe(GRADE_FAIL);
    expect(both.totalHalfPoints).toBe(0);
  });

  it('a cap veto keeps the points but bars 优秀 (next band below)', () => {
    const s = scoreCaseFile(std, { deductions: [], vetoes: [{ vetoId: 'vc', reason: '决定书未盖章' }] });
    expect(s.totalHalfPoints).toBe(200);
    expect(s.grade).toBe(GRADE_PASS);
    expect(s.capped).toBe(true);
    const good = scoreCaseFile(miniStandard(bandsWithGood()), {
      deductions: [],
      vetoes: [{ vetoId: 'vc', reason: '决定书未盖章' }],
    });
    expect(good.grade).toBe(GRADE_GOOD);
    // Below the top band a cap changes nothing.
    const low = scoreCaseFile(std, { ...minusHalf(100), vetoes: [{ vetoId: 'vc', reason: '未盖章' }] });
    expect(low.grade).toBe(GRADE_FAIL);
    expect(low.capped).toBe(false);
  });

  it('every deduction needs a problem description (Chinese message)', () => {
    const s = scoreCaseFile(std, { deductions: [ded('i1', 'o1', 1, '  ')], vetoes: [] });
    expect(s.valid).toBe(false);
    expect(s.errors[0]!.code).toBe('missing-problem');
    expect(s.errors[0]!.message).toContain('未填写问题描述');
    expect(s.errors[0]!.message).toContain('事实清楚');
    // The points still count so the live total is right while typing.
    expect(s.totalHalfPoints).toBe(199);
  });

  it('reports unknown items, options, vetoes, bad counts, missing veto reasons and duplicates', () => {
    const s = scoreCaseFile(std, {
      deductions: [ded('nope', 'o1'), ded('i1', 'zz'), ded('i1', 'o1', 0), ded('i1', 'o1', 1.5)],
      vetoes: [
        { vetoId: 'vx', reason: 'x' },
        { vetoId: 'vc', reason: '' },
        { vetoId: 'vc', reason: '再次' },
      ],
    });
    expect(s.errors.map((e) => e.code)).toEqual([
      'unknown-item',
      'unknown-option',
      'bad-count',
      'bad-count',
      'unknown-veto',
      'missing-veto-reason',
      'duplicate-veto',
    ]);
    expect(s.totalHalfPoints).toBe(200);
    for (const e of s.errors) expect(e.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('flags a sheet made for another standard version', () => {
    const s = scoreCaseFile(std, { standardId: 'mini', standardVersion: 2, deductions: [], vetoes: [] });
    expect(s.errors[0]!.code).toBe('standard-mismatch');
  });

  it('lists problems with item, group and tag', () => {
    const s = scoreCaseFile(std, { deductions: [ded('i2', 'p1', 1, '决定未在网站公示')], vetoes: [] });
    expect(s.problems).toEqual([
      expect.objectContaining({
        itemId: 'i2',
        group: '程序',
        tag: '执法公示',
        amountHalfPoints: 20,
        problem: '决定未在网站公示',
      }),
    ]);
  });

  it('scores the default penalty standard from the deduction amounts', () => {
    const pen = defaultPenaltyStandard();
    const item = pen.categories[1]!.items[0]!;
    const opt = item.deductions[0]!;
    const s = scoreCaseFile(pen, { deductions: [ded(item.id, opt.id, 2)], vetoes: [] });
    expect(s.totalHalfPoints).toBe(200 - 2 * opt.amountHalfPoints);
  });

  it('random sheets: total = sum of clamped items, never negative, always an integer', () => {
    let x = 12345;
    const rnd = (n: number) => {
      x = (x * 1103515245 + 12345) % 2147483648;
      return x % n;
    };
    const opts = [
      ['i1', 'o1'],
      ['i1', 'o2'],
      ['i2', 'p1'],
      ['i3', 'd1'],
    ] as const;
    for (let t = 0; t < 300; t++) {
      const deductions = Array.from({ length: rnd(6) }, () => {
        const [itemId, optionId] = opts[rnd(opts.length)]!;
        return ded(itemId, optionId, optionId === 'p1' ? 1 : 1 + rnd(30));
      }).filter((d, i, all) => d.optionId !== 'p1' || all.findIndex((e) => e.optionId === 'p1') === i);
      const s = scoreCaseFile(std, { deductions, vetoes: [] });
      const expected = s.items.reduce((a, i) => a + Math.max(0, i.maxHalfPoints - i.deductedHalfPoints), 0);
      expect(s.totalHalfPoints).toBe(expected);
      expect(s.totalHalfPoints).toBeGreaterThanOrEqual(0);
      expect(Number.isInteger(s.totalHalfPoints)).toBe(true);
      expect(s.grade).toBe(gradeFor(s.totalHalfPoints, std.bands));
    }
  });
});

describe('departmentResult and ranking', () => {
  const bands = defaultBands(200);
  it('mean keeps sum and count; display rounds to 0.01 but never crosses a band', () => {
    const r = departmentResult(
      [{ totalHalfPoints: 180 }, { totalHalfPoints: 180 }, { totalHalfPoints: 179 }],
      bands,
    );
    expect(r.sumHalfPoints).toBe(539);
    expect(r.fileCount).toBe(3);
    expect(r.meanText).toBe('89.83');
    expect(r.grade).toBe(GRADE_PASS);
    // Rounded, not truncated: 97.666.. -> 97.67.
    const third = departmentResult(
      [{ totalHalfPoints: 200 }, { totalHalfPoints: 190 }, { totalHalfPoints: 196 }],
      bands,
    );
    expect(third.meanText).toBe('97.67');
    // 89.9966.. would round to 90.00: next to 合格 it shows 89.99.
    const near = departmentResult(
      [...Array.from({ length: 299 }, () => ({ totalHalfPoints: 180 })), { totalHalfPoints: 179 }],
      bands,
    );
    expect(near.meanText).toBe('89.99');
    expect(near.grade).toBe(GRADE_PASS);
  });

  it('fail-vetoed files count as 0 in the mean', () => {
    const r = departmentResult([{ totalHalfPoints: 200 }, { totalHalfPoints: 0 }], bands);
    expect(r.meanText).toBe('50.00');
    expect(r.grade).toBe(GRADE_FAIL);
  });

  it('an empty department has no grade', () => {
    expect(departmentResult([], bands).grade).toBe('—');
  });

  it('ranks by exact mean with ties sharing a rank (1, 1, 3)', () => {
    const ranked = rankByMean(
      [
        { name: '乙', sumHalfPoints: 360, fileCount: 2 }, // 90
        { name: '甲', sumHalfPoints: 540, fileCount: 3 }, // 90
        { name: '丙', sumHalfPoints: 539, fileCount: 3 }, // 89.83
        { name: '丁', sumHalfPoints: 190, fileCount: 1 }, // 95
      ],
      (d) => d.name,
    );
    expect(ranked.map((d) => [d.name, d.rank])).toEqual([
      ['丁', 1],
      ['乙', 2],
      ['甲', 2],
      ['丙', 4],
    ]);
  });
});

describe('未发现问题: an explicit full-score finding', () => {
  const standard = defaultPenaltyStandard();
  const option = standard.categories[0]!.items[0]!.deductions[0]!;
  const itemId = standard.categories[0]!.items[0]!.id;

  it('a declared clean sheet scores full marks in the top band and can be submitted', () => {
    const sheet = noProblemsSheet(standard);
    expect(sheet.noProblemsFound).toBe(true);
    const score = scoreCaseFile(standard, sheet);
    expect(score.totalHalfPoints).toBe(standard.totalHalfPoints);
    expect(score.grade).toBe(standard.bands.at(-1)!.grade);
    expect(submissionProblems(standard, sheet)).toEqual([]);
  });

  it('an empty sheet without the finding is not submittable and says how to declare it', () => {
    expect(submissionProblems(standard, emptySheet(standard))).toEqual([
      expect.stringContaining('请选择“未发现问题”'),
    ]);
  });

  it('the finding contradicted by a deduction or a veto is an error', () => {
    const withDeduction: ScoreSheet = {
      ...noProblemsSheet(standard),
      deductions: [{ itemId, optionId: option.id, count: 1, problem: '缺页' }],
    };
    const score = scoreCaseFile(standard, withDeduction);
    expect(score.valid).toBe(false);
    expect(score.errors.map((e) => e.code)).toContain('no-problems-contradicted');
    const withVeto: ScoreSheet = {
      ...noProblemsSheet(standard),
      vetoes: [{ vetoId: standard.vetoes[0]!.id, reason: '主体不适格' }],
    };
    expect(submissionProblems(standard, withVeto).join()).toMatch(/未发现问题.*只能取其一/);
  });

  it('the storage schema keeps the finding and refuses any other value', () => {
    expect(scoreSheetSchema.parse(noProblemsSheet(standard)).noProblemsFound).toBe(true);
    expect(scoreSheetSchema.safeParse({ ...emptySheet(standard), noProblemsFound: false }).success).toBe(
      false,
    );
  });
});
