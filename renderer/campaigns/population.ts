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

export function populationRows(index: CaseIndex, c: CampaignRecord): Int32Array {
  return index.filter({
    departments: c.departments,
    caseTypes: c.caseTypes,
    closedFrom: c.periodFrom,
    closedTo: c.periodTo,
  });
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
