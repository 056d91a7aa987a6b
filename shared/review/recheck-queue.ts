// The lead's 复核 queue, ordered by disagreement: files where the two reviewers disagree on a veto
// first, then by the gap between their totals, then by how many items they scored differently.

import type { SheetComparison } from './scoring-engine';

export interface Disagreement {
  vetoDiffers: boolean;
  totalGapHalfPoints: number;
  differingItems: number;
}

export function disagreementOf(cmp: SheetComparison): Disagreement {
  return {
    vetoDiffers: cmp.vetoDiffers,
    totalGapHalfPoints: cmp.totalGapHalfPoints,
    differingItems: cmp.items.length,
  };
}

/** Sort comparator: most disagreement first. */
export function byDisagreement(a: Disagreement, b: Disagreement): number {
  return (
    Number(b.vetoDiffers) - Number(a.vetoDiffers) ||
    b.totalGapHalfPoints - a.totalGapHalfPoints ||
    b.differingItems - a.differingItems
  );
}

export type RecheckStage = 'pending' | 'scoring' | 'final';

export interface RecheckEntry {
  itemId: string;
  stage: RecheckStage;
  /** Null until every sheet of the file is submitted (blind review) or with one reviewer. */
  disagreement: Disagreement | null;
}

const STAGE_ORDER: Record<RecheckStage, number> = { pending: 0, scoring: 1, final: 2 };

/**
 * The queue: files awaiting the lead (both submitted) first, ordered by disagreement; then files still being
 * scored; then finalised files (also by disagreement). Ties keep the assignment's order.
 */
export function orderRecheckQueue<T extends RecheckEntry>(entries: readonly T[]): T[] {
  const none: Disagreement = { vetoDiffers: false, totalGapHalfPoints: 0, differingItems: 0 };
  return entries
    .map((e, i) => ({ e, i }))
    .sort(
      (x, y) =>
        STAGE_ORDER[x.e.stage] - STAGE_ORDER[y.e.stage] ||
        byDisagreement(x.e.disagreement ?? none, y.e.disagreement ?? none) ||
        x.i - y.i,
    )
    .map(({ e }) => e);
}

/** The re-check's rows: the items the reviewers scored differently first, the others after, each in standard order. */
export function disagreeingFirst<T>(rows: readonly T[], differs: (row: T) => boolean): T[] {
  return [...rows.filter(differs), ...rows.filter((r) => !differs(r))];
}
