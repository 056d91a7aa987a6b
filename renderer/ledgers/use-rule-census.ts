// The stored 台账体检 census, summed for the page (rules, departments, flagged files), kept live: a new import,
// a settings change or a re-run shows at once.
import { useMemo } from 'react';
import { useStoredRuleCensus } from '../db/hooks/ledgers';
import { rulePackDigest, type RulePack } from '@shared/rules/rule-pack';
import { summariseCensus, type CensusSummary } from '@shared/rules/census-summary';
import { useCaseIndex } from './case-index-context';

export interface RuleCensusView {
  pack: RulePack;
  packSha256: string;
  summary: CensusSummary;
}

// Several components read the census at once (the case browser and the 台账体检 tab; the score sheet and its
// hints): the summary of 500,000 rows' flags is worked out once for all of them, not once each.
let lastKey = '';
let lastView: RuleCensusView | null = null;
/** The pack's digest, once per pack object (every reader of one stored census gets the same object). */
const digests = new WeakMap<RulePack, string>();

export function censusView(
  pack: RulePack,
  records: NonNullable<ReturnType<typeof useStoredRuleCensus>>['records'],
  importIds: readonly string[],
): RuleCensusView {
  let packSha256 = digests.get(pack);
  if (packSha256 === undefined) digests.set(pack, (packSha256 = rulePackDigest(pack)));
  const key = [
    packSha256,
    importIds.join(','),
    ...records.map(
      (r) => `${r.importId}@${r.checkedAt}@${r.packSha256}@${r.registrySha256}@${r.flagItemId.length}`,
    ),
  ].join('|');
  if (key === lastKey && lastView) return lastView;
  const view = { pack, packSha256, summary: summariseCensus(records, pack, packSha256, importIds) };
  lastKey = key;
  lastView = view;
  return view;
}

export function useRuleCensus(): RuleCensusView | null {
  const { imports } = useCaseIndex();
  const data = useStoredRuleCensus();
  return useMemo(() => {
    if (!data) return null;
    return censusView(
      data.pack,
      data.records,
      imports.map((i) => i.id),
    );
  }, [data, imports]);
}
