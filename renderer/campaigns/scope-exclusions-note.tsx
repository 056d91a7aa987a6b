import { useMemo } from 'react';
import { Alert } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { describeExclusions, scopeExclusions, type ScopeRules } from '@shared/draw/scope-exclusions';
import { getDatabase } from '../db/database';
import { useCaseIndex } from '../ledgers/case-index-context';
import type { CampaignRecord } from '../db/workflow-records';

/**
 * Scope without silent loss: how many stored case files the campaign's scope leaves out, by reason
 * (the same rules as the draw's applyScopeFilter), and how many in scope were drawn in earlier campaigns.
 */
export function ScopeExclusionsNote({ campaign }: { campaign: CampaignRecord }) {
  const { index, version } = useCaseIndex();
  const drawnBefore = useLiveQuery(async () => {
    const ids = new Set<string>();
    for (const d of await getDatabase().draws.toArray())
      if (d.campaignId !== campaign.id) for (const f of d.record.drawn) ids.add(f.itemId);
    return ids;
  }, [campaign.id]);
  const result = useMemo(() => {
    const cols = {
      itemId: index.column('itemId'),
      department: index.column('department'),
      caseType: index.column('caseType'),
      filedDate: index.column('filedDate'),
      closedDate: index.column('closedDate'),
    };
    const rules: ScopeRules = {
      departments: campaign.departments,
      caseTypes: campaign.caseTypes,
      from: campaign.periodFrom,
      to: campaign.periodTo,
    };
    const now = scopeExclusions(cols, rules);
    const withBefore = drawnBefore ? scopeExclusions(cols, { ...rules, reviewedBefore: drawnBefore }) : null;
    // what judging the undated types by their 立案/检查日期 would bring in (shown, not applied)
    const filedFor: Record<string, 'filedDate'> = {};
    for (const t of Object.keys(now.noDateByType)) filedFor[t] = 'filedDate';
    const byFiled = now.noDate > 0 ? scopeExclusions(cols, { ...rules, dateByType: filedFor }) : null;
    return { now, withBefore, byFiled };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the index is mutated in place; version tracks it
  }, [index, version, campaign, drawnBefore]);
  const lines = describeExclusions(result.now, '结案日期');
  const reviewed = result.withBefore?.reviewedBefore ?? 0;
  if (lines.length === 0 && reviewed === 0) return null;
  const gain = result.byFiled ? result.byFiled.included - result.now.included : 0;
  return (
    <Alert
      type={result.now.noDate > 0 ? 'warning' : 'info'}
      showIcon
      data-testid="scope-exclusions"
      style={{ marginBottom: 12 }}
      title={`已导入 ${result.now.total} 件，纳入本次总体 ${result.now.included} 件；未纳入的原因：`}
      description={
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {lines.map((l) => (
            <li key={l}>{l}</li>
          ))}
          {gain > 0 && <li>其中 {gain} 件的立案/受理/检查日期在评查期间内（本次总体按结案日期判断）。</li>}
          {reviewed > 0 && <li>总体中有 {reviewed} 件在以往评查活动中已被抽取评查（仍在总体内）。</li>}
        </ul>
      }
    />
  );
}
