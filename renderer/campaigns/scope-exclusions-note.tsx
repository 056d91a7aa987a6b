import { useMemo, useState } from 'react';
import { Alert, App, Checkbox, Select, Space, Typography } from 'antd';
import {
  JUDGE_DATE_LABELS,
  describeDroppedDepartment,
  describeExclusions,
  droppedDepartmentsOfCounts,
  scopeExclusionsOfCounts,
  type JudgeDate,
  type ScopeRules,
} from '@shared/draw/scope-exclusions';
import { CampaignWriteError } from '../db/campaign-repository';
import { campaignStore } from '../db/hooks/campaigns';
import { useCaseIndex } from '../ledgers/case-index-context';
import type { CampaignRecord } from '../db/workflow-records';
import { useScopeCounts } from './use-scope-counts';

/** Files reviewed in other campaigns' draws (itemIdsReviewedBefore), as the planner holds them. */
export interface ReviewedBefore {
  ids: ReadonlySet<string>;
  campaigns: readonly string[];
}

/**
 * Scope without silent loss: how many stored case files the campaign's scope leaves out, by reason
 * (the same rules as the draw's applyScopeFilter), and the two rules the user chooses here and the
 * draw applies: the date each case type's period is judged by, and leaving out files reviewed in
 * earlier campaigns.
 */
export function ScopeExclusionsNote({
  campaign,
  reviewedBefore,
  actor,
}: {
  campaign: CampaignRecord;
  reviewedBefore: ReviewedBefore | undefined;
  actor: string;
}) {
  const { index, version } = useCaseIndex();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const dateByType = useMemo(() => campaign.dateByType ?? {}, [campaign.dateByType]);
  const exclude = campaign.excludeReviewedBefore === true;
  const types = useMemo(
    () => (campaign.caseTypes.length ? campaign.caseTypes : index.distinct('caseType')),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the index is mutated in place; version tracks it
    [index, version, campaign.caseTypes],
  );
  const counts = useScopeCounts(campaign.id, [version, reviewedBefore]);
  // From the draw worker's counts: nothing here walks the rows, whatever the number of files.
  const result = useMemo(() => {
    if (!counts) return null;
    const rules: ScopeRules = {
      departments: campaign.departments,
      caseTypes: campaign.caseTypes,
      from: campaign.periodFrom,
      to: campaign.periodTo,
      dateByType,
    };
    // Counted always; applied (left out of the population) only when the campaign says so.
    const withBefore = reviewedBefore ? scopeExclusionsOfCounts(counts, rules, true) : null;
    const now = exclude && withBefore ? withBefore : scopeExclusionsOfCounts(counts, rules, false);
    // what judging the undated types by their 立案/检查日期 would bring in (a hint to change the rule)
    const filedFor: Record<string, JudgeDate> = { ...dateByType };
    for (const t of Object.keys(now.noDateByType)) filedFor[t] = 'filedDate';
    const byFiled =
      now.noDate > 0 ? scopeExclusionsOfCounts(counts, { ...rules, dateByType: filedFor }, exclude) : null;
    const dropped = droppedDepartmentsOfCounts(counts, rules, exclude);
    return { now, withBefore, byFiled, dropped };
  }, [counts, campaign, dateByType, exclude, reviewedBefore]);

  const save = async (next: { dateByType: Record<string, JudgeDate>; excludeReviewedBefore: boolean }) => {
    setSaving(true);
    try {
      await campaignStore.setCampaignScopeRules(campaign.id, next, actor.trim() || '未署名');
    } catch (e) {
      message.error(e instanceof CampaignWriteError ? e.message : '范围规则未能保存，请重试。');
    } finally {
      setSaving(false);
    }
  };

  if (!result) return null;
  const anyFiled = Object.values(dateByType).includes('filedDate');
  const lines = describeExclusions(result.now, anyFiled ? '判断期间所用的日期' : '结案日期');
  const reviewedInScope = result.withBefore?.reviewedBefore ?? 0;
  const gain = result.byFiled ? result.byFiled.included - result.now.included : 0;
  const period = campaign.periodFrom !== null || campaign.periodTo !== null;
  return (
    <div data-testid="scope-rules" style={{ marginBottom: 12 }}>
      {result.dropped.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 8 }}
          data-testid="scope-dropped-departments"
          title={`${result.dropped.length} 个部门没有任何案卷纳入本次总体，不会被抽到：`}
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {result.dropped.map((d) => (
                <li key={d.department}>
                  {describeDroppedDepartment(d, anyFiled ? '判断期间所用的日期' : '结案日期')}
                </li>
              ))}
            </ul>
          }
        />
      )}
      {(period || (reviewedBefore && reviewedBefore.ids.size > 0)) && (
        <Space wrap size={[16, 8]} style={{ marginBottom: 8 }}>
          {period && <Typography.Text type="secondary">判断是否在评查期间内所用的日期：</Typography.Text>}
          {period &&
            types.map((t) => (
              <Space key={t} size={4}>
                <Typography.Text>{t}</Typography.Text>
                <Select<JudgeDate>
                  aria-label={`${t}按哪个日期判断期间`}
                  size="small"
                  style={{ width: 170 }}
                  disabled={saving}
                  value={dateByType[t] ?? 'closedDate'}
                  onChange={(v) =>
                    void save({ dateByType: { ...dateByType, [t]: v }, excludeReviewedBefore: exclude })
                  }
                  options={(['closedDate', 'filedDate'] as const).map((v) => ({
                    value: v,
                    label: JUDGE_DATE_LABELS[v],
                  }))}
                />
              </Space>
            ))}
          {reviewedBefore && reviewedBefore.ids.size > 0 && (
            <Checkbox
              checked={exclude}
              disabled={saving}
              onChange={(e) => void save({ dateByType, excludeReviewedBefore: e.target.checked })}
            >
              排除以往评查活动已抽取评查的案卷（范围内 {reviewedInScope} 件）
            </Checkbox>
          )}
        </Space>
      )}
      {(lines.length > 0 || (!exclude && reviewedInScope > 0)) && (
        <Alert
          type={result.now.noDate > 0 ? 'warning' : 'info'}
          showIcon
          data-testid="scope-exclusions"
          title={`已导入 ${result.now.total} 件，纳入本次总体 ${result.now.included} 件；未纳入的原因：`}
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {lines.map((l) => (
                <li key={l}>{l}</li>
              ))}
              {gain > 0 && (
                <li>
                  其中 {gain}{' '}
                  件的立案/受理/检查日期在评查期间内：可在上方把这些类型改为按立案/受理/检查日期判断。
                </li>
              )}
              {!exclude && reviewedInScope > 0 && (
                <li>
                  总体中有 {reviewedInScope}{' '}
                  件在以往评查活动中已被抽取评查（仍在总体内，可勾选上方选项排除）。
                </li>
              )}
            </ul>
          }
        />
      )}
    </div>
  );
}
