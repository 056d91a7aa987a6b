import { useEffect, useState } from 'react';
import type { ScopeCounts } from '@shared/draw/scope-exclusions';
import { useDrawRunner } from './draw-runner-context';

/**
 * The scope notes' counts of a campaign (every stored file by department, case type and dates; the
 * files reviewed in other campaigns apart), counted in the draw worker so the page never walks the
 * rows. Asked again when `refresh` changes (the case index's version, the reviewed-before files);
 * undefined until the first answer, and kept while a newer one is on its way.
 */
export function useScopeCounts(campaignId: string, refresh: readonly unknown[]): ScopeCounts | undefined {
  const runner = useDrawRunner();
  const [counts, setCounts] = useState<{ campaignId: string; counts: ScopeCounts } | undefined>();
  useEffect(() => {
    let live = true;
    runner.scopeCounts(campaignId).then(
      (c) => {
        if (live) setCounts({ campaignId, counts: c });
      },
      () => undefined, // the notes stay as they were; the draw itself reports the worker's trouble
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- refresh lists what makes the counts stale
  }, [runner, campaignId, ...refresh]);
  return counts?.campaignId === campaignId ? counts.counts : undefined;
}
