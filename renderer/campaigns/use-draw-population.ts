import { useEffect, useMemo, useState } from 'react';
import type { StratifyBy } from '@shared/draw/draw-record';
import { useCaseIndex } from '../ledgers/case-index-context';
import { useReviewedBefore } from '../db/hooks/campaigns';
import type { CampaignRecord } from '../db/workflow-records';
import type { PopulationSummary } from '../workers/draw-protocol';
import { useDrawRunner } from './draw-runner-context';
import { planQuotas, populationRows, strataCounts } from './population';
import type { ReviewedBefore } from './scope-exclusions-note';

/**
 * The campaign's population on the page (rows in scope, strata, quotas) and in the draw worker: fixed and
 * hashed there while the plan is made, so the draw itself only orders tickets and the hash can be announced
 * before the seed.
 */
export function useDrawPopulation(
  campaign: CampaignRecord,
  by: StratifyBy,
  total: number | null,
  minimum: number | null,
) {
  const { index, version, loading } = useCaseIndex();
  const runner = useDrawRunner();
  const [prepared, setPrepared] = useState<PopulationSummary | null>(null);
  // Files reviewed in other campaigns: counted, and left out when the campaign says so.
  const reviewedBefore: ReviewedBefore | undefined = useReviewedBefore(campaign.id);
  // The scope rules the worker's population depends on besides the index (re-prepare when they change).
  const rulesKey = JSON.stringify([
    campaign.dateByType ?? {},
    campaign.excludeReviewedBefore === true ? (reviewedBefore?.ids.size ?? -1) : 0,
  ]);
  useEffect(() => {
    let live = true;
    setPrepared(null);
    // While the ledgers load the index grows step by step: prepare once, when it is complete.
    if (loading) return;
    void runner.preparePopulation(campaign.id, by).then(
      (p) => live && setPrepared(p),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [runner, version, loading, campaign.id, by, rulesKey]);

  const rows = useMemo(
    () => populationRows(index, campaign, reviewedBefore?.ids),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the index is mutated in place; version tracks it
    [index, version, campaign, reviewedBefore],
  );
  const strata = useMemo(
    () => strataCounts(index, rows, by),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see above
    [index, version, rows, by],
  );
  const plan = useMemo(() => {
    if (total === null || minimum === null)
      return { ok: false as const, error: '请填写样本量和每层最低抽取数。' };
    return planQuotas(strata, total, minimum);
  }, [strata, total, minimum]);

  return { index, version, loading, prepared, reviewedBefore, rows, strata, plan };
}
