// 评查一致性: how far two reviewers who scored the same files read the standard the same way.
//
// Each (file, 评查要点) is one judgement per reviewer: did they deduct on this item (any deduction option)
// or not; each veto of the standard likewise (applied or not). Per item and over all judgements pooled, the
// agreement is measured by percent agreement, Cohen's κ and Gwet's AC1 (shared/stats/agreement.ts: irrCAC's
// formulas, 95 % t intervals). κ is unstable when deductions are rare, which is why AC1 stands beside it.
// For point deductions the mean absolute difference of the item's score between the two reviewers is given too.
// Reviewer A is the file's first assigned reviewer; only files where both sheets are submitted count.
//
// The pooled ("overall") figures treat every judgement as independent, which judgements of one file are not:
// its interval is narrower than it should be and is shown as an indication only.

import {
  cohenKappa,
  DEFAULT_AGREEMENT_CONFIDENCE,
  gwetAc1,
  meanAbsoluteDifference,
  percentAgreement,
  type AgreementEstimate,
} from '../stats/agreement';
import type { ReviewStandard } from '../standards/standard-model';
import { scoreCaseFile, type ScoreSheet } from './scoring-engine';

/** κ or AC1 below this: the item is read differently by reviewers and its wording should be rewritten. */
export const AMBIGUOUS_BELOW = 0.6;

export interface SheetPair {
  /** The case file. */
  itemId: string;
  standard: ReviewStandard;
  a: ScoreSheet;
  b: ScoreSheet;
}

/** Counts of the 2 × 2 table: both found a problem, only A, only B, neither. */
export interface JudgementCounts {
  both: number;
  onlyA: number;
  onlyB: number;
  neither: number;
}

export interface ItemAgreement {
  /** `${standardId}|${itemId or vetoId}`. */
  key: string;
  kind: 'item' | 'veto';
  standardId: string;
  standardName: string;
  standardVersion: number;
  /** Standard item id or veto id. */
  id: string;
  categoryName: string;
  /** The item's wording (title) or the veto's text, as the standard says it. */
  wording: string;
  fileCount: number;
  counts: JudgementCounts;
  percent: AgreementEstimate;
  kappa: AgreementEstimate;
  ac1: AgreementEstimate;
  /** Mean |item score A − item score B| in points (items only; null for vetoes). */
  meanPointGap: AgreementEstimate | null;
  /** κ or AC1 below AMBIGUOUS_BELOW. */
  ambiguous: boolean;
}

export interface ReviewerAgreement {
  confidence: number;
  /** Files with both sheets submitted. */
  fileCount: number;
  /** (file, item or veto) judgements compared. */
  judgementCount: number;
  agreedCount: number;
  counts: JudgementCounts;
  percent: AgreementEstimate;
  kappa: AgreementEstimate;
  ac1: AgreementEstimate;
  /** Mean |total A − total B| in points over the files. */
  meanTotalGap: AgreementEstimate;
  /** Every item and veto judged at least once, in standard order. */
  items: ItemAgreement[];
  /** The items with κ or AC1 below 0.6, lowest AC1 first. */
  ambiguous: ItemAgreement[];
}

const table = (c: JudgementCounts) => [
  [c.both, c.onlyA],
  [c.onlyB, c.neither],
];
const count = (c: JudgementCounts, a: boolean, b: boolean) => {
  if (a && b) c.both++;
  else if (a) c.onlyA++;
  else if (b) c.onlyB++;
  else c.neither++;
};
const below = (e: AgreementEstimate) => e.value !== null && e.value < AMBIGUOUS_BELOW;

interface Acc {
  item: Omit<ItemAgreement, 'percent' | 'kappa' | 'ac1' | 'meanPointGap' | 'ambiguous' | 'fileCount'>;
  gaps: number[] | null;
  order: number;
}

export function reviewerAgreement(
  pairs: readonly SheetPair[],
  confidence = DEFAULT_AGREEMENT_CONFIDENCE,
): ReviewerAgreement {
  const acc = new Map<string, Acc>();
  const overall: JudgementCounts = { both: 0, onlyA: 0, onlyB: 0, neither: 0 };
  const totalGaps: number[] = [];
  let order = 0;
  for (const p of pairs) {
    const s = p.standard;
    const scoreA = scoreCaseFile(s, p.a);
    const scoreB = scoreCaseFile(s, p.b);
    totalGaps.push(Math.abs(scoreA.totalHalfPoints - scoreB.totalHalfPoints) / 2);
    const deductedA = new Set(p.a.deductions.map((d) => d.itemId));
    const deductedB = new Set(p.b.deductions.map((d) => d.itemId));
    const entry = (kind: ItemAgreement['kind'], id: string, categoryName: string, wording: string) => {
      const key = `${s.id}|${id}`;
      let e = acc.get(key);
      if (!e) {
        e = {
          item: {
            key,
            kind,
            standardId: s.id,
            standardName: s.name,
            standardVersion: s.version,
            id,
            categoryName,
            wording,
            counts: { both: 0, onlyA: 0, onlyB: 0, neither: 0 },
          },
          gaps: kind === 'item' ? [] : null,
          order: order++,
        };
        acc.set(key, e);
      }
      return e;
    };
    scoreA.items.forEach((ia, i) => {
      const ib = scoreB.items[i]!;
      const e = entry('item', ia.itemId, ia.categoryName, ia.title);
      const a = deductedA.has(ia.itemId);
      const b = deductedB.has(ia.itemId);
      count(e.item.counts, a, b);
      count(overall, a, b);
      e.gaps!.push(Math.abs(ia.scoreHalfPoints - ib.scoreHalfPoints) / 2);
    });
    const vetoA = new Set(p.a.vetoes.map((v) => v.vetoId));
    const vetoB = new Set(p.b.vetoes.map((v) => v.vetoId));
    for (const v of s.vetoes) {
      const e = entry('veto', v.id, v.kind === 'fail' ? '否决项' : '限优项', v.text);
      const a = vetoA.has(v.id);
      const b = vetoB.has(v.id);
      count(e.item.counts, a, b);
      count(overall, a, b);
    }
  }
  const items = [...acc.values()]
    .sort((x, y) => x.order - y.order)
    .map(({ item, gaps }): ItemAgreement => {
      const t = table(item.counts);
      const kappa = cohenKappa(t, confidence);
      const ac1 = gwetAc1(t, confidence);
      const c = item.counts;
      return {
        ...item,
        fileCount: c.both + c.onlyA + c.onlyB + c.neither,
        percent: percentAgreement(t, confidence),
        kappa,
        ac1,
        meanPointGap: gaps ? meanAbsoluteDifference(gaps, confidence) : null,
        ambiguous: below(kappa) || below(ac1),
      };
    });
  const t = table(overall);
  const judgementCount = overall.both + overall.onlyA + overall.onlyB + overall.neither;
  return {
    confidence,
    fileCount: pairs.length,
    judgementCount,
    agreedCount: overall.both + overall.neither,
    counts: overall,
    percent: percentAgreement(t, confidence),
    kappa: cohenKappa(t, confidence),
    ac1: gwetAc1(t, confidence),
    meanTotalGap: meanAbsoluteDifference(totalGaps, confidence),
    items,
    ambiguous: items
      .filter((i) => i.ambiguous)
      .sort((x, y) => (x.ac1.value ?? 1) - (y.ac1.value ?? 1) || (x.kappa.value ?? 1) - (y.kappa.value ?? 1)),
  };
}

/** 0.7123 → '0.71'; null → '—'. */
export function formatCoefficient(value: number | null): string {
  return value === null ? '—' : value.toFixed(2);
}

/** 0.9734 → '97.3%'. */
export function formatAgreementPercent(value: number | null): string {
  return value === null ? '—' : `${(Math.round(value * 1000) / 10).toFixed(1)}%`;
}

/** '[0.68, 0.91]', or the note when there is no interval. */
export function formatInterval(e: AgreementEstimate, format = formatCoefficient): string {
  if (e.interval) return `[${format(e.interval[0])}, ${format(e.interval[1])}]`;
  return e.note ?? '—';
}

/**
 * The 通报's one sentence on reviewer agreement (两名评查人员对…项评查要点的判断一致率为…), or null when no
 * file has two submitted sheets.
 */
export function agreementSentence(a: ReviewerAgreement): string | null {
  if (a.fileCount === 0 || a.percent.value === null) return null;
  const coefficients =
    a.kappa.value === null
      ? `Gwet AC1 系数${formatCoefficient(a.ac1.value)}`
      : `Cohen κ 系数${formatCoefficient(a.kappa.value)}，Gwet AC1 系数${formatCoefficient(a.ac1.value)}`;
  const ambiguous =
    a.ambiguous.length > 0
      ? `；其中${a.ambiguous.length}项评查要点的一致性系数低于${AMBIGUOUS_BELOW}（${a.ambiguous
          .slice(0, 3)
          .map((i) => `“${i.wording}”`)
          .join('、')}${a.ambiguous.length > 3 ? '等' : ''}），将在修订评查标准时进一步明确`
      : '';
  return (
    `两名评查人员对${a.fileCount}件案卷共${a.judgementCount}项评查要点的判断一致率为` +
    `${formatAgreementPercent(a.percent.value)}（${coefficients}）${ambiguous}。`
  );
}

/** What pairing needs of a stored sheet. */
export interface StoredSheet {
  itemId: string;
  reviewerId: string;
  status: 'draft' | 'submitted';
  standardId: string;
  standardVersion: number;
  sheet: ScoreSheet;
}

/**
 * The files scored by two reviewers who have both submitted, as pairs (A = the first assigned reviewer).
 * Files with one reviewer, an unsubmitted sheet, or sheets on different or unknown standards are left out.
 */
export function pairSubmittedSheets(
  assignment: readonly { itemId: string; reviewerIds: readonly string[] }[],
  sheets: readonly StoredSheet[],
  standardOf: (id: string, version: number) => ReviewStandard | undefined,
): SheetPair[] {
  const byKey = new Map(sheets.map((s) => [`${s.itemId}\n${s.reviewerId}`, s]));
  const out: SheetPair[] = [];
  for (const e of assignment) {
    if (e.reviewerIds.length !== 2) continue;
    const a = byKey.get(`${e.itemId}\n${e.reviewerIds[0]!}`);
    const b = byKey.get(`${e.itemId}\n${e.reviewerIds[1]!}`);
    if (a?.status !== 'submitted' || b?.status !== 'submitted') continue;
    if (a.standardId !== b.standardId || a.standardVersion !== b.standardVersion) continue;
    const standard = standardOf(a.standardId, a.standardVersion);
    if (!standard) continue;
    out.push({ itemId: e.itemId, standard, a: a.sheet, b: b.sheet });
  }
  return out;
}
