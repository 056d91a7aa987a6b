// The campaign's population as the plan screen shows it, from the in-memory case index. The scope
// rule is the shared one (applyScopeFilter): empty lists mean every department / case type, and a
// closing-date period leaves out files without a closing date. The draw itself recomputes this in
// the worker with applyScopeFilter; the two are checked against each other in the UI tests.
import type { CaseIndex } from '@shared/cases/case-index';
import { codePointCompare } from '@shared/cases/case-index';
import { allocateQuotas, type StratumQuota } from '@shared/draw/allocation';
import { stratumKey } from '@shared/draw/selection';
import type { StratifyBy } from '@shared/draw/draw-record';
import type { CampaignRecord } from '../db/workflow-records';

export interface StratumCount {
  key: string;
  department: string;
  caseType: string | null;
  size: number;
}

/**
 * Rows of the campaign's population. `reviewedBefore`: files reviewed in other campaigns, left out
 * when the campaign says so. The per-type judge date and the exclusion follow applyScopeFilter.
 */
export function populationRows(
  index: CaseIndex,
  c: CampaignRecord,
  reviewedBefore?: ReadonlySet<string> | null,
): Int32Array {
  const filed = new Set(Object.keys(c.dateByType ?? {}).filter((t) => c.dateByType![t] === 'filedDate'));
  const excluded = c.excludeReviewedBefore && reviewedBefore && reviewedBefore.size ? reviewedBefore : null;
  if (filed.size === 0 && !excluded) {
    return index.filter({
      departments: c.departments,
      caseTypes: c.caseTypes,
      closedFrom: c.periodFrom,
      closedTo: c.periodTo,
    });
  }
  const rows = index.filter({ departments: c.departments, caseTypes: c.caseTypes });
  const type = index.column('caseType');
  // the dates compared in the index's buffers, the item id made only for the exclusion check
  const closed = index.textColumn('closedDate');
  const filedDate = index.textColumn('filedDate');
  const from = c.periodFrom || null;
  const to = c.periodTo || null;
  const out = new Int32Array(rows.length);
  let k = 0;
  for (const i of rows) {
    if (from || to) {
      const d = filed.has(type[i]!) ? filedDate : closed;
      if (d.isNull(i) || d.compare(i, '') === 0) continue;
      if (from && d.compare(i, from) < 0) continue;
      if (to && d.compare(i, to) > 0) continue;
    }
    if (excluded && excluded.has(index.itemIdAt(i))) continue;
    out[k++] = i;
  }
  return out.slice(0, k);
}

/** Strata of the population in code-point order of their keys (the draw record's order). */
export function strataCounts(index: CaseIndex, rows: Int32Array, by: StratifyBy): StratumCount[] {
  const dept = index.column('department');
  const type = index.column('caseType');
  const byType = by === 'department×caseType';
  const map = new Map<string, StratumCount>();
  for (const i of rows) {
    const d = dept[i]!;
    const t = type[i]!;
    const key = stratumKey(d, t, byType);
    const s = map.get(key);
    if (s) s.size++;
    else map.set(key, { key, department: d, caseType: byType ? t : null, size: 1 });
  }
  return [...map.values()].sort((a, b) => codePointCompare(a.key, b.key));
}

export type QuotaPlan = { ok: true; quotas: StratumQuota[] } | { ok: false; error: string };

export function planQuotas(strata: readonly StratumCount[], total: number, minimum: number): QuotaPlan {
  try {
    return { ok: true, quotas: allocateQuotas(strata, total, { minimum }) };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
