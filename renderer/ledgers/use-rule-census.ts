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

export function useRuleCensus(): RuleCensusView | null {
  const { imports } = useCaseIndex();
  const data = useStoredRuleCensus();
  return useMemo(() => {
    if (!data) return null;
    const packSha256 = rulePackDigest(data.pack);
    return {
      pack: data.pack,
      packSha256,
      summary: summariseCensus(
        data.records,
        data.pack,
        packSha256,
        imports.map((i) => i.id),
      ),
    };
  }, [data, imports]);
}
