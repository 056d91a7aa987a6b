import { describe, expect, it } from 'vitest';
import { defaultPenaltyStandard } from '../../shared/standards/default-standards';
import type { ScoreSheet } from '../../shared/review/scoring-engine';
import { compareSheets } from '../../shared/review/scoring-engine';
import {
  agreementSentence,
  pairSubmittedSheets,
  reviewerAgreement,
  type SheetPair,
} from '../../shared/review/reviewer-agreement';
import { cohenKappa, gwetAc1 } from '../../shared/stats/agreement';
import {
  disagreeingFirst,
  disagreementOf,
  orderRecheckQueue,
  type RecheckEntry,
} from '../../shared/review/recheck-queue';
import { allSubmitted, sheetsVisibleTo } from '../../shared/review/blind-review';
import { checkCalibrationChoice, scorersOf } from '../../shared/review/calibration';

const standard = defaultPenaltyStandard();
const d = (itemId: string, optionId: string, count = 1) => ({ itemId, optionId, count, problem: '问题' });
const sheet = (deductions: ScoreSheet['deductions'] = [], vetoes: ScoreSheet['vetoes'] = []): ScoreSheet => ({
  deductions,
  vetoes,
});
const pair = (i: number, a: ScoreSheet, b: ScoreSheet): SheetPair => ({ itemId: `f${i}`, standard, a, b });

describe('reviewer agreement per item and overall', () => {
  // 10 files. pen-doc-2 ("文书内容填写完整、准确"): A deducts on files 0-4, B on files 3-7: read differently.
  // pen-arch-1 ("案卷材料齐全"): both deduct on files 0-1, by different amounts on file 1.
  // Every other item: nobody deducts.
  const pairs = Array.from({ length: 10 }, (_, i) => {
    const a: ScoreSheet['deductions'] = [];
    const b: ScoreSheet['deductions'] = [];
    if (i <= 4) a.push(d('pen-doc-2', 'pen-doc-2-d1'));
    if (i >= 3 && i <= 7) b.push(d('pen-doc-2', 'pen-doc-2-d1'));
    if (i <= 1) {
      a.push(d('pen-arch-1', 'pen-arch-1-d1', 1));
      b.push(d('pen-arch-1', 'pen-arch-1-d1', i === 1 ? 2 : 1));
    }
    return pair(i, sheet(a), sheet(b));
  });
  const result = reviewerAgreement(pairs);
  const item = (id: string) => result.items.find((x) => x.id === id)!;

  it('counts the 2 × 2 table of each item and computes κ and AC1 from it', () => {
    expect(item('pen-doc-2').counts).toEqual({ both: 2, onlyA: 3, onlyB: 3, neither: 2 });
    const t = [
      [2, 3],
      [3, 2],
    ];
    expect(item('pen-doc-2').kappa.value).toBeCloseTo(cohenKappa(t).value!, 12);
    expect(item('pen-doc-2').ac1.value).toBeCloseTo(gwetAc1(t).value!, 12);
    expect(item('pen-doc-2').percent.value).toBeCloseTo(0.4, 12);
    expect(item('pen-arch-1').counts).toEqual({ both: 2, onlyA: 0, onlyB: 0, neither: 8 });
    expect(item('pen-arch-1').kappa.value).toBeCloseTo(1, 12);
  });

  it('names the ambiguous items (κ or AC1 below 0.6) with their wording', () => {
    expect(result.ambiguous.map((i) => i.wording)).toEqual(['文书内容填写完整、准确']);
    expect(result.ambiguous[0]!.categoryName).toBe('文书制作');
  });

  it('an item nobody deducted on: κ undefined with its reason, AC1 = 1, not ambiguous', () => {
    const quiet = item('pen-subject-1');
    expect(quiet.kappa.value).toBeNull();
    expect(quiet.kappa.note).toContain('κ 无定义');
    expect(quiet.ac1.value).toBe(1);
    expect(quiet.ambiguous).toBe(false);
  });

  it('mean absolute difference of the item score in points', () => {
    // pen-arch-1-d1 is 1 point per occurrence: file 1 differs by 1 point, the others by 0.
    expect(item('pen-arch-1').meanPointGap!.value).toBeCloseTo(0.1, 12);
    expect(item('pen-doc-2').meanPointGap!.value).toBeCloseTo(0.6 * 0.5, 12);
    // Totals: files 0, 2, 5, 6, 7 differ by 0.5 (pen-doc-2 only); file 1: A −0.5 −1, B −2, so 0.5 too.
    expect(result.meanTotalGap.value).toBeCloseTo((6 * 0.5) / 10, 12);
  });

  it('vetoes are judgements too, and the overall table pools every judgement', () => {
    expect(item('veto-facts').kind).toBe('veto');
    const judgements = 10 * (23 + 13);
    expect(result.judgementCount).toBe(judgements);
    expect(result.agreedCount).toBe(judgements - 6);
    expect(result.percent.value).toBeCloseTo((judgements - 6) / judgements, 12);
  });

  it('the 通报 sentence', () => {
    expect(agreementSentence(result)).toBe(
      `两名评查人员对10件案卷共360项评查要点的判断一致率为98.3%（Cohen κ 系数${result.kappa.value!.toFixed(2)}，` +
        `Gwet AC1 系数${result.ac1.value!.toFixed(2)}）；其中1项评查要点的一致性系数低于0.6（“文书内容填写完整、准确”），` +
        '将在修订评查标准时进一步明确。',
    );
  });

  it('no deductions at all: defined figures, no ambiguous item, no NaN', () => {
    const none = reviewerAgreement([pair(0, sheet(), sheet()), pair(1, sheet(), sheet())]);
    expect(none.percent.value).toBe(1);
    expect(none.kappa.value).toBeNull();
    expect(none.ac1.value).toBe(1);
    expect(none.ambiguous).toEqual([]);
    expect(JSON.stringify(none)).not.toContain('NaN');
    expect(
      JSON.stringify(none, (_k, v: unknown) => (typeof v === 'number' && isNaN(v) ? 'NaN!' : v)),
    ).not.toContain('NaN!');
    expect(agreementSentence(none)).toBe(
      '两名评查人员对2件案卷共72项评查要点的判断一致率为100.0%（Gwet AC1 系数1.00）。',
    );
  });

  it('no pairs: no sentence, every figure null with a message', () => {
    const empty = reviewerAgreement([]);
    expect(agreementSentence(empty)).toBeNull();
    expect(empty.percent.note).toBe('没有可比较的案卷');
    expect(empty.items).toEqual([]);
  });
});

describe('pairing submitted sheets', () => {
  const row = (itemId: string, reviewerId: string, status: 'draft' | 'submitted', s = sheet()) => ({
    itemId,
    reviewerId,
    status,
    standardId: standard.id,
    standardVersion: standard.version,
    sheet: s,
  });
  const assignment = [
    { itemId: 'f1', reviewerIds: ['r1', 'r2'] },
    { itemId: 'f2', reviewerIds: ['r2', 'r3'] },
    { itemId: 'f3', reviewerIds: ['r1'] },
  ];
  const lookup = (id: string, v: number) =>
    id === standard.id && v === standard.version ? standard : undefined;

  it('only files whose two sheets are both submitted, A = the first assigned reviewer', () => {
    const a = sheet([d('pen-doc-1', 'pen-doc-1-d1')]);
    const pairs = pairSubmittedSheets(
      assignment,
      [
        row('f1', 'r2', 'submitted'),
        row('f1', 'r1', 'submitted', a),
        row('f2', 'r2', 'submitted'),
        row('f2', 'r3', 'draft'),
        row('f3', 'r1', 'submitted'),
      ],
      lookup,
    );
    expect(pairs.map((p) => p.itemId)).toEqual(['f1']);
    expect(pairs[0]!.a).toBe(a);
  });
});

describe("the lead's queue ordered by disagreement", () => {
  const entry = (
    itemId: string,
    stage: RecheckEntry['stage'],
    vetoDiffers = false,
    gap = 0,
    items = 0,
  ): RecheckEntry => ({
    itemId,
    stage,
    disagreement:
      stage === 'scoring' ? null : { vetoDiffers, totalGapHalfPoints: gap, differingItems: items },
  });

  it('veto disagreements first, then the score gap, then the number of items; pending before scoring before final', () => {
    const order = orderRecheckQueue([
      entry('final-big', 'final', true, 40, 3),
      entry('scoring', 'scoring'),
      entry('gap-2', 'pending', false, 4, 1),
      entry('agree', 'pending'),
      entry('gap-2-more-items', 'pending', false, 4, 3),
      entry('veto-small-gap', 'pending', true, 1, 0),
      entry('gap-9', 'pending', false, 18, 1),
      entry('final-small', 'final', false, 1, 1),
    ]).map((e) => e.itemId);
    expect(order).toEqual([
      'veto-small-gap',
      'gap-9',
      'gap-2-more-items',
      'gap-2',
      'agree',
      'scoring',
      'final-big',
      'final-small',
    ]);
  });

  it('disagreementOf reads compareSheets', () => {
    const cmp = compareSheets(
      standard,
      sheet([d('pen-doc-1', 'pen-doc-1-d1')], [{ vetoId: 'veto-facts', reason: '事实不清' }]),
      sheet([d('pen-doc-1', 'pen-doc-1-d1', 2), d('pen-arch-1', 'pen-arch-1-d1')]),
    );
    expect(disagreementOf(cmp)).toEqual({
      vetoDiffers: true,
      totalGapHalfPoints: cmp.totalGapHalfPoints,
      differingItems: 2,
    });
    expect(cmp.totalGapHalfPoints).toBeGreaterThan(100);
  });

  it('the re-check lists the disagreeing items first, each group in standard order', () => {
    const rows = ['i1', 'i2', 'i3', 'i4', 'i5'];
    expect(disagreeingFirst(rows, (r) => r === 'i4' || r === 'i2')).toEqual(['i2', 'i4', 'i1', 'i3', 'i5']);
  });
});

describe('blind review: who may read which sheet', () => {
  const s = (itemId: string, reviewerId: string, status: 'draft' | 'submitted') => ({
    itemId,
    reviewerId,
    status,
  });
  const assignment = [
    { itemId: 'f1', reviewerIds: ['r1', 'r2'] },
    { itemId: 'f2', reviewerIds: ['r1', 'r2'] },
  ];
  const sheets = [
    s('f1', 'r1', 'draft'),
    s('f1', 'r2', 'submitted'),
    s('f2', 'r1', 'submitted'),
    s('f2', 'r2', 'submitted'),
  ];

  it("a reviewer reads their own sheets, and the other's only once both are submitted", () => {
    expect(sheetsVisibleTo('r1', sheets, assignment)).toEqual([sheets[0], sheets[2], sheets[3]]);
    expect(sheetsVisibleTo('r2', sheets, assignment)).toEqual([sheets[1], sheets[2], sheets[3]]);
  });

  it('the 复核 view (anyone at the keyboard) reads only files whose sheets are all submitted', () => {
    expect(sheetsVisibleTo(null, sheets, assignment)).toEqual([sheets[2], sheets[3]]);
    expect(allSubmitted(['r1', 'r2'], sheets, 'f1')).toBe(false);
    expect(allSubmitted(['r1', 'r2'], sheets, 'f2')).toBe(true);
    expect(allSubmitted([], sheets, 'f2')).toBe(false);
  });

  it('a sheet of a file outside the assignment is readable by its author only', () => {
    const stray = s('f9', 'r2', 'submitted');
    expect(sheetsVisibleTo('r1', [stray], assignment)).toEqual([]);
    expect(sheetsVisibleTo(null, [stray], assignment)).toEqual([]);
    expect(sheetsVisibleTo('r2', [stray], assignment)).toEqual([stray]);
  });
});

describe('calibration files and blind review', () => {
  const reviewer = (id: string, unit: string, conflicts: string[] = []) => ({
    id,
    name: id,
    unit,
    role: '机关工作人员',
    conflicts,
  });
  const record = {
    result: [
      { itemId: 'cal', reviewerIds: ['r1', 'r2'] },
      { itemId: 'f2', reviewerIds: ['r2', 'r3'] },
      { itemId: 'cal-2', reviewerIds: ['r1', 'r2'] },
    ],
    reviewers: [
      reviewer('r1', '司法局'),
      reviewer('r2', '律师事务所'),
      reviewer('r3', '公安局'),
      reviewer('r4', '交通运输局'),
      reviewer('r5', '司法局', ['市场监督管理局']),
    ],
    files: [
      { itemId: 'cal', department: '市场监督管理局' },
      { itemId: 'f2', department: '教育局' },
      { itemId: 'cal-2', department: '交通运输局' },
    ],
  };
  const scorers = scorersOf(record, ['cal', 'cal-2']);

  it('every panel member free of the department scores a calibration file (回避 kept); other files keep their reviewers', () => {
    expect(scorers).toEqual([
      { itemId: 'cal', reviewerIds: ['r1', 'r2', 'r3', 'r4'] },
      { itemId: 'f2', reviewerIds: ['r2', 'r3'] },
      { itemId: 'cal-2', reviewerIds: ['r1', 'r2', 'r3', 'r5'] },
    ]);
    expect(scorersOf(record, undefined)).toEqual(record.result);
  });

  it('a calibration file stays hidden from the 复核 until every panel member submitted', () => {
    const s = (reviewerId: string, status: 'draft' | 'submitted') => ({ itemId: 'cal', reviewerId, status });
    const twoOfThree = [s('r1', 'submitted'), s('r2', 'submitted'), s('r3', 'draft'), s('r4', 'submitted')];
    expect(sheetsVisibleTo(null, twoOfThree, scorers)).toEqual([]);
    expect(sheetsVisibleTo('r3', twoOfThree, scorers)).toEqual([twoOfThree[2]]);
    const all = [s('r1', 'submitted'), s('r2', 'submitted'), s('r3', 'submitted'), s('r4', 'submitted')];
    expect(sheetsVisibleTo(null, all, scorers)).toEqual(all);
  });

  it('checks the choice: 3-5 distinct assigned files, a scored calibration file stays', () => {
    const assigned = ['a', 'b', 'c', 'd', 'e', 'f'];
    expect(checkCalibrationChoice(['a', 'b', 'c'], assigned, [])).toEqual([]);
    expect(checkCalibrationChoice([], assigned, [])).toEqual([]);
    expect(checkCalibrationChoice(['a', 'b'], assigned, [])).toEqual([
      '校准案卷须选 3-5 件（现选 2 件）；不用校准案卷时请全部清除',
    ]);
    expect(checkCalibrationChoice(assigned, assigned, [])[0]).toContain('现选 6 件');
    expect(checkCalibrationChoice(['a', 'b', 'x'], assigned, [], (id) => `案卷 ${id}`)).toEqual([
      '案卷 x不在本活动的分配中，不能作为校准案卷',
    ]);
    expect(checkCalibrationChoice(['a', 'b', 'c'], assigned, [], (id) => id, ['c'])).toEqual([
      'c已复核定稿，其他评查人员不能再评分，不能作为校准案卷',
    ]);
    expect(checkCalibrationChoice(['a', 'b', 'c'], assigned, ['d'])).toEqual([
      'd已有非原分配评查人员的校准评分，不能再取消其校准案卷身份',
    ]);
  });
});
