// 台账体检 in the results: the flags on the campaign's drawn files, the reviewers' decisions, the precision
// per rule and the 通报 paragraph — one hook for the results page and the report.
import { useMemo } from 'react';
import { useDrawFlagDecisions } from '../db/hooks/review';
import { censusReportParagraph, flagPrecision, type RulePrecision } from '@shared/rules/flag-review';
import { useRuleCensus } from '../ledgers/use-rule-census';
import { useCaseIndex } from '../ledgers/case-index-context';

export interface FlagPrecisionView {
  precision: (RulePrecision & { title: string; citation: string })[];
  paragraph: string | null;
}

export function useFlagPrecision(campaignId: string): FlagPrecisionView | null {
  const census = useRuleCensus();
  const { index } = useCaseIndex();
  const data = useDrawFlagDecisions(campaignId);
  return useMemo(() => {
    if (!census || !data) return null;
    const flags = data.itemIds.flatMap((itemId) =>
      (census.summary.flagsByItem.get(itemId) ?? []).map((f) => ({ itemId, ruleId: f.ruleId })),
    );
    const lines = new Map(census.summary.lines.map((l) => [l.ruleId, l]));
    const precision = flagPrecision(flags, data.decisions).map((p) => ({
      ...p,
      title: lines.get(p.ruleId)?.title ?? p.ruleId,
      citation: lines.get(p.ruleId)?.citation ?? '',
    }));
    return {
      precision,
      paragraph: censusReportParagraph({ files: index.size, lines: census.summary.lines, precision }),
    };
  }, [census, data, index.size]);
}
