// Scoring engine (评分): a score sheet against a review standard, in integer half-points.
//
// Rules: item score = max(0, maximum - deductions) (扣完为止，不计负分); total = sum of item scores;
// a fail veto makes the final score 0 and the grade the lowest band whatever else; a cap veto keeps
// the points but bars the top band (the grade becomes the band just below). Department grade = the
// exact mean of its files' final scores graded with the same bands.

import { casePinSchema, type CasePin } from '../case-files/pin-geometry';
import { z } from 'zod';
import {
  formatHalfPoints,
  type GradeBand,
  type ItemGroup,
  type ReviewStandard,
  type StandardItem,
  type ThreeSystemsTag,
  type VetoKind,
} from '../standards/standard-model';

// ---------------------------------------------------------------------------------------------
// Score sheet

export interface SheetDeduction {
  itemId: string;
  optionId: string;
  /** Occurrences (per-occurrence options); 1 for once options. */
  count: number;
  /** What was wrong in this file (required for every deduction). */
  problem: string;
  /** Where in the case file it was found (issue 27): page regions of attached files, by their SHA-256. */
  pins?: CasePin[];
}

export interface SheetVeto {
  vetoId: string;
  reason: string;
}

export interface ScoreSheet {
  standardId?: string;
  standardVersion?: number;
  deductions: SheetDeduction[];
  vetoes: SheetVeto[];
  /**
   * The reviewer's explicit finding that the file has no problem (未发现问题): a full-score sheet.
   * Never together with a deduction or a veto.
   */
  noProblemsFound?: true;
}

/** The most occurrences one deduction can count (a file has far fewer documents than this). */
export const MAX_DEDUCTION_COUNT = 999;

/** Storage / package boundary shape. Content rules (known ids, descriptions) are scoreCaseFile's job. */
export const scoreSheetSchema = z.object({
  standardId: z.string().optional(),
  standardVersion: z.number().int().min(1).optional(),
  deductions: z.array(
    z.object({
      itemId: z.string({ error: '评查项编号须为文本' }),
      optionId: z.string({ error: '扣分选项编号须为文本' }),
      count: z.number({ error: '次数须为数字' }),
      problem: z.string({ error: '问题描述须为文本' }),
      pins: z.array(casePinSchema).optional(),
    }),
  ),
  vetoes: z.array(
    z.object({
      vetoId: z.string({ error: '否决项编号须为文本' }),
      reason: z.string({ error: '否决理由须为文本' }),
    }),
  ),
  noProblemsFound: z.literal(true, { error: '“未发现问题”标记只能为 true' }).optional(),
});

export function emptySheet(standard?: ReviewStandard): ScoreSheet {
  return standard
    ? { standardId: standard.id, standardVersion: standard.version, deductions: [], vetoes: [] }
    : { deductions: [], vetoes: [] };
}

// ---------------------------------------------------------------------------------------------
// Result shapes

export type SheetErrorCode =
  | 'standard-mismatch'
  | 'unknown-item'
  | 'unknown-option'
  | 'bad-count'
  | 'once-repeated'
  | 'missing-problem'
  | 'unknown-veto'
  | 'missing-veto-reason'
  | 'duplicate-veto'
  | 'no-problems-contradicted';

export interface SheetError {
  code: SheetErrorCode;
  message: string;
  itemId?: string;
  optionId?: string;
  vetoId?: string;
  /** Index in sheet.deductions or sheet.vetoes. */
  index?: number;
}

export interface ItemBreakdown {
  itemId: string;
  title: string;
  categoryId: string;
  categoryName: string;
  group: ItemGroup;
  tag?: ThreeSystemsTag;
  maxHalfPoints: number;
  /** Sum of the deductions as recorded (may exceed the maximum). */
  deductedHalfPoints: number;
  /** max(0, maximum - deducted). */
  scoreHalfPoints: number;
  /** True when the deductions exceeded the maximum and the item stopped at 0. */
  clamped: boolean;
  deductionCount: number;
}

export interface ProblemEntry {
  itemId: string;
  itemTitle: string;
  categoryName: string;
  group: ItemGroup;
  tag?: ThreeSystemsTag;
  optionId: string;
  optionLabel: string;
  count: number;
  /** Deducted by this entry before the item clamp. */
  amountHalfPoints: number;
  problem: string;
  /** Where it was found (issue 27): the deduction's pins, when it has any. */
  pins?: CasePin[];
}

export interface AppliedVeto {
  vetoId: string;
  kind: VetoKind;
  text: string;
  reason: string;
}

export interface CaseFileScore {
  standardId: string;
  standardVersion: number;
  /** Sum of the item scores (before vetoes). */
  rawTotalHalfPoints: number;
  /** Final score: 0 under a fail veto, else rawTotalHalfPoints. */
  totalHalfPoints: number;
  /** totalHalfPoints / 2, for display (exact). */
  total: number;
  grade: string;
  /** The grade the points alone would give. */
  pointsGrade: string;
  failed: boolean;
  capped: boolean;
  vetoes: AppliedVeto[];
  items: ItemBreakdown[];
  problems: ProblemEntry[];
  errors: SheetError[];
  /** No errors: the sheet can be submitted. */
  valid: boolean;
}

// ---------------------------------------------------------------------------------------------
// Bands

/** Grade of an exact fraction numerator/denominator of half-points (denominator > 0). */
export function gradeForFraction(
  numeratorHalf: number,
  denominator: number,
  bands: readonly GradeBand[],
): string {
  if (bands.length === 0) throw new Error('未配置等次');
  for (let i = bands.length - 1; i >= 0; i--) {
    const b = bands[i]!;
    if (numeratorHalf >= b.minHalfPoints * denominator) return b.grade;
  }
  return bands[0]!.grade;
}

/** Grade of a score in half-points; bands low to high, min inclusive, top band's max inclusive. */
export function gradeFor(scoreHalfPoints: number, bands: readonly GradeBand[]): string {
  return gradeForFraction(scoreHalfPoints, 1, bands);
}

/** The band just below the top one (what a cap veto allows at best). */
export function cappedGrade(grade: string, bands: readonly GradeBand[]): string {
  const top = bands[bands.length - 1];
  if (top && top.grade === grade && bands.length >= 2) return bands[bands.length - 2]!.grade;
  return grade;
}

export function lowestGrade(bands: readonly GradeBand[]): string {
  const b = bands[0];
  if (!b) throw new Error('未配置等次');
  return b.grade;
}

// ---------------------------------------------------------------------------------------------
// Scoring

interface ItemIndexEntry {
  item: StandardItem;
  categoryId: string;
  categoryName: string;
}

// Built per call, not cached by object: an editor may mutate a draft standard in place, and a
// stale index would score against the old items. ~40 items: negligible next to the scoring itself.
function itemIndex(standard: ReviewStandard): Map<string, ItemIndexEntry> {
  const idx = new Map<string, ItemIndexEntry>();
  for (const c of standard.categories)
    for (const item of c.items) idx.set(item.id, { item, categoryId: c.id, categoryName: c.name });
  return idx;
}

/** Score one case file. Never throws on sheet content: problems come back in `errors`. */
export function scoreCaseFile(standard: ReviewStandard, sheet: ScoreSheet): CaseFileScore {
  const errors: SheetError[] = [];
  const idx = itemIndex(standard);

  if (
    (sheet.standardId !== undefined && sheet.standardId !== standard.id) ||
    (sheet.standardVersion !== undefined && sheet.standardVersion !== standard.version)
  ) {
    errors.push({
      code: 'standard-mismatch',
      message: `评分表属于标准“${sheet.standardId ?? '?'}”第 ${sheet.standardVersion ?? '?'} 版，与当前标准“${standard.name}”第 ${standard.version} 版不一致`,
    });
  }

  const deducted = new Map<string, number>();
  const counts = new Map<string, number>();
  const onceUsed = new Map<string, number>();
  const problems: ProblemEntry[] = [];

  sheet.deductions.forEach((d, index) => {
    const entry = idx.get(d.itemId);
    if (!entry) {
      errors.push({
        code: 'unknown-item',
        message: `第 ${index + 1} 条扣分指向不存在的评查项“${d.itemId}”`,
        itemId: d.itemId,
        index,
      });
      return;
    }
    const { item } = entry;
    const option = item.deductions.find((o) => o.id === d.optionId);
    if (!option) {
      errors.push({
        code: 'unknown-option',
        message: `评查项“${item.title}”没有扣分选项“${d.optionId}”`,
        itemId: item.id,
        optionId: d.optionId,
        index,
      });
      return;
    }
    if (!Number.isInteger(d.count) || d.count < 1 || d.count > MAX_DEDUCTION_COUNT) {
      errors.push({
        code: 'bad-count',
        message: `评查项“${item.title}”的扣分“${option.label}”次数须为 1 至 ${MAX_DEDUCTION_COUNT} 之间的整数，现为 ${String(d.count)}`,
        itemId: item.id,
        optionId: option.id,
        index,
      });
      return;
    }
    let count = d.count;
    if (option.mode === 'once') {
      const used = onceUsed.get(option.id) ?? 0;
      if (used + count > 1) {
        errors.push({
          code: 'once-repeated',
          message: `评查项“${item.title}”的扣分“${option.label}”只扣一次，不能按 ${used + count} 次计`,
          itemId: item.id,
          optionId: option.id,
          index,
        });
      }
      count = Math.max(0, Math.min(count, 1 - used));
      onceUsed.set(option.id, used + d.count);
    }
    if (!d.problem || !d.problem.trim()) {
      errors.push({
        code: 'missing-problem',
        message: `评查项“${item.title}”的扣分“${option.label}”未填写问题描述（每一处扣分都须写明具体问题）`,
        itemId: item.id,
        optionId: option.id,
        index,
      });
    }
    const amount = option.amountHalfPoints * count;
    deducted.set(item.id, (deducted.get(item.id) ?? 0) + amount);
    counts.set(item.id, (counts.get(item.id) ?? 0) + count);
    problems.push({
      itemId: item.id,
      itemTitle: item.title,
      categoryName: entry.categoryName,
      group: item.group,
      ...(item.tag ? { tag: item.tag } : {}),
      optionId: option.id,
      optionLabel: option.label,
      count,
      amountHalfPoints: amount,
      problem: d.problem.trim(),
      ...(d.pins?.length ? { pins: d.pins } : {}),
    });
  });

  const items: ItemBreakdown[] = [];
  let raw = 0;
  for (const [itemId, { item, categoryId, categoryName }] of idx) {
    const minus = deducted.get(itemId) ?? 0;
    const score = Math.max(0, item.maxHalfPoints - minus);
    raw += score;
    items.push({
      itemId,
      title: item.title,
      categoryId,
      categoryName,
      group: item.group,
      ...(item.tag ? { tag: item.tag } : {}),
      maxHalfPoints: item.maxHalfPoints,
      deductedHalfPoints: minus,
      scoreHalfPoints: score,
      clamped: minus > item.maxHalfPoints,
      deductionCount: counts.get(itemId) ?? 0,
    });
  }

  const vetoes: AppliedVeto[] = [];
  const seenVetoes = new Set<string>();
  sheet.vetoes.forEach((v, index) => {
    const def = standard.vetoes.find((x) => x.id === v.vetoId);
    if (!def) {
      errors.push({
        code: 'unknown-veto',
        message: `第 ${index + 1} 条否决指向不存在的否决项“${v.vetoId}”`,
        vetoId: v.vetoId,
        index,
      });
      return;
    }
    if (seenVetoes.has(def.id)) {
      errors.push({
        code: 'duplicate-veto',
        message: `否决项“${def.text}”重复记录`,
        vetoId: def.id,
        index,
      });
      return;
    }
    seenVetoes.add(def.id);
    if (!v.reason || !v.reason.trim())
      errors.push({
        code: 'missing-veto-reason',
        message: `否决项“${def.text}”未填写理由（须写明认定依据和具体情形）`,
        vetoId: def.id,
        index,
      });
    vetoes.push({ vetoId: def.id, kind: def.kind, text: def.text, reason: v.reason.trim() });
  });

  if (sheet.noProblemsFound && (sheet.deductions.length > 0 || sheet.vetoes.length > 0))
    errors.push({
      code: 'no-problems-contradicted',
      message: `评分表声明“未发现问题”，却记有 ${sheet.deductions.length} 处扣分、${sheet.vetoes.length} 项否决：二者只能取其一`,
    });

  const failed = vetoes.some((v) => v.kind === 'fail');
  const hasCap = vetoes.some((v) => v.kind === 'cap');
  const pointsGrade = gradeFor(raw, standard.bands);
  let grade = pointsGrade;
  let capped = false;
  if (failed) grade = lowestGrade(standard.bands);
  else if (hasCap) {
    grade = cappedGrade(pointsGrade, standard.bands);
    capped = grade !== pointsGrade;
  }
  const total = failed ? 0 : raw;
  return {
    standardId: standard.id,
    standardVersion: standard.version,
    rawTotalHalfPoints: raw,
    totalHalfPoints: total,
    total: total / 2,
    grade,
    pointsGrade,
    failed,
    capped,
    vetoes,
    items,
    problems,
    errors,
    valid: errors.length === 0,
  };
}

// ---------------------------------------------------------------------------------------------
// Submission

/** The sheet a reviewer submits when the file has no problem: full score, explicitly declared. */
export function noProblemsSheet(standard: ReviewStandard): ScoreSheet {
  return { ...emptySheet(standard), noProblemsFound: true };
}

/**
 * Why a sheet cannot be submitted ([] = it can). Beyond scoreCaseFile's errors, a sheet with no
 * deduction and no veto must carry the explicit 未发现问题 finding: an empty sheet is otherwise
 * indistinguishable from a file nobody looked at.
 */
export function submissionProblems(standard: ReviewStandard, sheet: ScoreSheet): string[] {
  const problems = scoreCaseFile(standard, sheet).errors.map((e) => e.message);
  if (sheet.deductions.length === 0 && sheet.vetoes.length === 0 && !sheet.noProblemsFound)
    problems.push('评分表没有任何扣分或否决项：如经评查未发现问题，请选择“未发现问题”并确认后提交');
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Department result and ranking

export interface DepartmentResult {
  fileCount: number;
  /** Exact: the mean is sumHalfPoints / fileCount half-points. */
  sumHalfPoints: number;
  /**
   * Mean in hundredths of a point, TRUNCATED (not rounded): grade thresholds are multiples of 0.5,
   * so a truncated display never shows 90.00 next to 合格 for an exact mean of 89.996.
   */
  meanHundredths: number;
  /** meanHundredths / 100, for display. */
  mean: number;
  /** e.g. '89.99'. */
  meanText: string;
  /** Graded on the exact mean, same bands as files. */
  grade: string;
}

/** Mean of the files' final scores (fail-vetoed files count as 0), graded exactly. */
export function departmentResult(
  files: readonly { totalHalfPoints: number }[],
  bands: readonly GradeBand[],
): DepartmentResult {
  const fileCount = files.length;
  let sum = 0;
  for (const f of files) sum += f.totalHalfPoints;
  if (fileCount === 0)
    return { fileCount: 0, sumHalfPoints: 0, meanHundredths: 0, mean: 0, meanText: '—', grade: '—' };
  const grade = gradeForFraction(sum, fileCount, bands);
  // Rounded half up (97.666 -> 97.67), except where rounding would print a figure of the next band
  // next to this band's grade (89.996 is 合格, so it reads 89.99, never 90.00 合格).
  let meanHundredths = Math.floor((sum * 100 + fileCount) / (2 * fileCount));
  if (gradeForFraction(meanHundredths, 50, bands) !== grade)
    meanHundredths = Math.floor((sum * 100) / (2 * fileCount));
  return {
    fileCount,
    sumHalfPoints: sum,
    meanHundredths,
    mean: meanHundredths / 100,
    meanText: formatHundredths(meanHundredths),
    grade,
  };
}

export function formatHundredths(h: number): string {
  const sign = h < 0 ? '-' : '';
  const a = Math.abs(h);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

/** Compare exact means a.sum/a.count vs b.sum/b.count (negative when a is higher, for sorting). */
export function compareMeansDesc(
  a: { sumHalfPoints: number; fileCount: number },
  b: { sumHalfPoints: number; fileCount: number },
): number {
  return b.sumHalfPoints * a.fileCount - a.sumHalfPoints * b.fileCount;
}

/**
 * Competition ranking (1, 1, 3) by exact mean, high to low. Equal means share a rank; within a tie
 * the order is by key (code-point order) so the output is stable.
 */
export function rankByMean<T extends { sumHalfPoints: number; fileCount: number }>(
  entries: readonly T[],
  key: (e: T) => string,
): (T & { rank: number })[] {
  const sorted = [...entries]
    .filter((e) => e.fileCount > 0)
    .sort((a, b) => compareMeansDesc(a, b) || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const out: (T & { rank: number })[] = [];
  sorted.forEach((e, i) => {
    const prev = out[i - 1];
    const rank = prev && compareMeansDesc(prev, e) === 0 ? prev.rank : i + 1;
    out.push({ ...e, rank });
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Two reviewers and a lead (复核)

/** Option id -> total count of one item's deductions. */
function deductionSignature(deductions: readonly SheetDeduction[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const d of deductions) m.set(d.optionId, (m.get(d.optionId) ?? 0) + d.count);
  return m;
}

function sameSignature(a: readonly SheetDeduction[], b: readonly SheetDeduction[]): boolean {
  const x = deductionSignature(a);
  const y = deductionSignature(b);
  if (x.size !== y.size) return false;
  for (const [k, v] of x) if (y.get(k) !== v) return false;
  return true;
}

function byItem(sheet: ScoreSheet): Map<string, SheetDeduction[]> {
  const m = new Map<string, SheetDeduction[]>();
  for (const d of sheet.deductions) {
    const list = m.get(d.itemId);
    if (list) list.push(d);
    else m.set(d.itemId, [d]);
  }
  return m;
}

function vetoIds(sheet: ScoreSheet): string[] {
  return [...new Set(sheet.vetoes.map((v) => v.vetoId))].sort();
}

export interface ItemDifference {
  itemId: string;
  title: string;
  categoryName: string;
  a: { deductions: SheetDeduction[]; scoreHalfPoints: number };
  b: { deductions: SheetDeduction[]; scoreHalfPoints: number };
}

export interface SheetComparison {
  scoreA: CaseFileScore;
  scoreB: CaseFileScore;
  /** Items whose deductions differ (options or counts; problem wording is not compared). */
  items: ItemDifference[];
  /** |final A - final B| in half-points. */
  totalGapHalfPoints: number;
  /** Totals differ by more than 5 points. */
  totalsDiffer: boolean;
  gradeDiffers: boolean;
  vetoesOnlyA: string[];
  vetoesOnlyB: string[];
  vetoDiffers: boolean;
  hasDifferences: boolean;
}

/** Threshold above which two reviewers' totals are flagged: 5 points. */
export const TOTAL_GAP_THRESHOLD_HALF_POINTS = 10;

export function compareSheets(standard: ReviewStandard, a: ScoreSheet, b: ScoreSheet): SheetComparison {
  const scoreA = scoreCaseFile(standard, a);
  const scoreB = scoreCaseFile(standard, b);
  const ia = byItem(a);
  const ib = byItem(b);
  const items: ItemDifference[] = [];
  scoreA.items.forEach((itA, i) => {
    const itB = scoreB.items[i]!;
    const da = ia.get(itA.itemId) ?? [];
    const db = ib.get(itA.itemId) ?? [];
    if (!sameSignature(da, db))
      items.push({
        itemId: itA.itemId,
        title: itA.title,
        categoryName: itA.categoryName,
        a: { deductions: da, scoreHalfPoints: itA.scoreHalfPoints },
        b: { deductions: db, scoreHalfPoints: itB.scoreHalfPoints },
      });
  });
  const va = vetoIds(a);
  const vb = vetoIds(b);
  const vetoesOnlyA = va.filter((v) => !vb.includes(v));
  const vetoesOnlyB = vb.filter((v) => !va.includes(v));
  const gap = Math.abs(scoreA.totalHalfPoints - scoreB.totalHalfPoints);
  const totalsDiffer = gap > TOTAL_GAP_THRESHOLD_HALF_POINTS;
  const gradeDiffers = scoreA.grade !== scoreB.grade;
  const vetoDiffers = vetoesOnlyA.length > 0 || vetoesOnlyB.length > 0;
  return {
    scoreA,
    scoreB,
    items,
    totalGapHalfPoints: gap,
    totalsDiffer,
    gradeDiffers,
    vetoesOnlyA,
    vetoesOnlyB,
    vetoDiffers,
    hasDifferences: items.length > 0 || totalsDiffer || gradeDiffers || vetoDiffers,
  };
}

export type ItemDecision =
  | { itemId: string; choice: 'a'; reason?: string }
  | { itemId: string; choice: 'b'; reason?: string }
  | {
      itemId: string;
      choice: 'own';
      /** The lead's own deductions for this item (itemId may be omitted). */
      deductions: Omit<SheetDeduction, 'itemId'>[];
      reason?: string;
    };

export type VetoDecision =
  | { choice: 'a'; reason?: string }
  | { choice: 'b'; reason?: string }
  | { choice: 'own'; vetoes: SheetVeto[]; reason?: string };

export interface LeadDecisions {
  items: ItemDecision[];
  /** Required when the two sheets' vetoes differ. */
  vetoes?: VetoDecision;
}

export type DecisionSource = 'agreed' | 'a' | 'b' | 'own';

export interface ReconcileRecord {
  by?: string;
  at?: string;
  items: {
    itemId: string;
    title: string;
    source: DecisionSource;
    reason?: string;
    aHalfPoints: number;
    bHalfPoints: number;
    finalHalfPoints: number;
  }[];
  vetoes: { source: DecisionSource; reason?: string; final: string[] };
  totalAHalfPoints: number;
  totalBHalfPoints: number;
  finalTotalHalfPoints: number;
  finalGrade: string;
}

export type ReconcileResult =
  | { ok: true; sheet: ScoreSheet; score: CaseFileScore; record: ReconcileRecord }
  | { ok: false; errors: string[] };

/** The deductions with the pins every sheet's same deduction (item and option) carries, each pin once. */
function withBothPins(chosen: readonly SheetDeduction[], all: readonly SheetDeduction[]): SheetDeduction[] {
  return chosen.map((d) => {
    const seen = new Set<string>();
    const pins: CasePin[] = [];
    for (const o of all)
      if (o.itemId === d.itemId && o.optionId === d.optionId)
        for (const p of o.pins ?? []) {
          const key = JSON.stringify(p);
          if (!seen.has(key)) {
            seen.add(key);
            pins.push(p);
          }
        }
    const { pins: _own, ...rest } = d;
    return pins.length ? { ...rest, pins } : rest;
  });
}

/**
 * The lead's item-by-item re-check (逐卷逐项复核). Items where both reviewers agree keep that result
 * unless the lead decides otherwise; every differing item needs a decision; an own value that departs
 * from both reviewers needs a reason. The final sheet must itself be valid (descriptions, reasons).
 */
export function reconcile(
  standard: ReviewStandard,
  a: ScoreSheet,
  b: ScoreSheet,
  decisions: LeadDecisions,
  meta: { by?: string; at?: string } = {},
): ReconcileResult {
  const errors: string[] = [];
  const idx = itemIndex(standard);
  const ia = byItem(a);
  const ib = byItem(b);
  const byId = new Map<string, ItemDecision>();
  for (const d of decisions.items) {
    const entry = idx.get(d.itemId);
    if (!entry) errors.push(`复核意见指向不存在的评查项“${d.itemId}”`);
    else if (byId.has(d.itemId)) errors.push(`评查项“${entry.item.title}”有重复的复核意见`);
    else byId.set(d.itemId, d);
  }

  const finalDeductions: SheetDeduction[] = [];
  const recordItems: ReconcileRecord['items'] = [];
  const itemScore = (item: StandardItem, ds: readonly { optionId: string; count: number }[]) => {
    let minus = 0;
    for (const d of ds) {
      const o = item.deductions.find((x) => x.id === d.optionId);
      if (o) minus += o.amountHalfPoints * (o.mode === 'once' ? Math.min(1, d.count) : d.count);
    }
    return Math.max(0, item.maxHalfPoints - minus);
  };

  for (const [itemId, { item }] of idx) {
    const da = ia.get(itemId) ?? [];
    const db = ib.get(itemId) ?? [];
    const agreed = sameSignature(da, db);
    const decision = byId.get(itemId);
    let chosen: SheetDeduction[];
    let source: DecisionSource;
    const reason: string | undefined = decision?.reason?.trim() || undefined;
    if (!decision) {
      if (!agreed) {
        errors.push(
          `评查项“${item.title}”两名评查人员意见不一致（A 扣 ${formatHalfPoints(item.maxHalfPoints - itemScore(item, da))} 分，B 扣 ${formatHalfPoints(item.maxHalfPoints - itemScore(item, db))} 分），请复核人员选择采用 A、采用 B 或自行认定`,
        );
        continue;
      }
      chosen = da;
      source = 'agreed';
    } else if (decision.choice === 'a') {
      chosen = da;
      source = agreed ? 'agreed' : 'a';
    } else if (decision.choice === 'b') {
      chosen = db;
      source = agreed ? 'agreed' : 'b';
    } else {
      chosen = decision.deductions.map((d) => ({ ...d, itemId }));
      const eqA = sameSignature(chosen, da);
      const eqB = sameSignature(chosen, db);
      if (!eqA && !eqB && !reason)
        errors.push(`评查项“${item.title}”的复核结论与两名评查人员均不同，须填写理由`);
      // Rewording a reviewer's deductions is not departing from them.
      source = eqA && eqB ? 'agreed' : eqA ? 'a' : eqB ? 'b' : 'own';
    }
    // A page pinned by either reviewer for the same deduction stays with it (the evidence is the same).
    finalDeductions.push(...(source === 'own' ? chosen : withBothPins(chosen, [...da, ...db])));
    recordItems.push({
      itemId,
      title: item.title,
      source,
      ...(reason ? { reason } : {}),
      aHalfPoints: itemScore(item, da),
      bHalfPoints: itemScore(item, db),
      finalHalfPoints: itemScore(item, chosen),
    });
  }

  // Vetoes.
  const va = vetoIds(a);
  const vb = vetoIds(b);
  const vetoAgreed = va.join('\n') === vb.join('\n');
  const vd = decisions.vetoes;
  let finalVetoes: SheetVeto[] = [];
  let vetoSource: DecisionSource = 'agreed';
  const vetoReason = vd?.reason?.trim() || undefined;
  if (!vd) {
    if (!vetoAgreed) {
      const names = (ids: string[]) =>
        ids.length ? ids.map((id) => standard.vetoes.find((v) => v.id === id)?.text ?? id).join('、') : '无';
      errors.push(
        `两名评查人员的否决项认定不一致（A：${names(va)}；B：${names(vb)}），请复核人员选择采用 A、采用 B 或自行认定`,
      );
    } else finalVetoes = a.vetoes;
  } else if (vd.choice === 'a') {
    finalVetoes = a.vetoes;
    vetoSource = vetoAgreed ? 'agreed' : 'a';
  } else if (vd.choice === 'b') {
    finalVetoes = b.vetoes;
    vetoSource = vetoAgreed ? 'agreed' : 'b';
  } else {
    finalVetoes = vd.vetoes;
    vetoSource = 'own';
    const ids = [...new Set(vd.vetoes.map((v) => v.vetoId))].sort().join('\n');
    if (ids !== va.join('\n') && ids !== vb.join('\n') && !vetoReason)
      errors.push('否决项的复核结论与两名评查人员均不同，须填写理由');
  }

  if (errors.length) return { ok: false, errors };

  const sheet: ScoreSheet = {
    standardId: standard.id,
    standardVersion: standard.version,
    deductions: finalDeductions.map((d) => ({ ...d })),
    vetoes: finalVetoes.map((v) => ({ ...v })),
  };
  const score = scoreCaseFile(standard, sheet);
  if (!score.valid) return { ok: false, errors: score.errors.map((e) => `复核结果：${e.message}`) };
  const totalA = scoreCaseFile(standard, a).totalHalfPoints;
  const totalB = scoreCaseFile(standard, b).totalHalfPoints;
  return {
    ok: true,
    sheet,
    score,
    record: {
      ...(meta.by !== undefined ? { by: meta.by } : {}),
      ...(meta.at !== undefined ? { at: meta.at } : {}),
      items: recordItems,
      vetoes: {
        source: vetoSource,
        ...(vetoReason ? { reason: vetoReason } : {}),
        final: [...new Set(finalVetoes.map((v) => v.vetoId))].sort(),
      },
      totalAHalfPoints: totalA,
      totalBHalfPoints: totalB,
      finalTotalHalfPoints: score.totalHalfPoints,
      finalGrade: score.grade,
    },
  };
}
