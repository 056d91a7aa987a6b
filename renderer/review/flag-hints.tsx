// 台账体检 hints on the score sheet: each lead of this file with its arithmetic and article, beside the
// standard item it bears on. 确认 makes the deduction on that item citing the flag (one key press: the
// button has focus order right after the case header); 不予采纳 needs a reason. A flag never deducts by itself.
import { useRef, useState, type KeyboardEvent } from 'react';
import { App, Button, Card, Input, Space, Tag, Typography } from 'antd';
import type { ReviewStandard } from '@shared/standards/standard-model';
import type { ScoreSheet } from '@shared/review/scoring-engine';
import { flagDeductionText, itemForRule } from '@shared/rules/flag-review';
import { flagDecisionId } from '../db/flag-decision-repository';
import { scoreStore, useFileFlagDecisions } from '../db/hooks/review';
import { useRuleCensus } from '../ledgers/use-rule-census';
import { errorText } from '@shared/util/error-text';
import { formatDateTime } from '@shared/util/time-format';

/** The keys on a focused hint (listed in the score sheet's 快捷键 help). */
export const FLAG_SHORTCUT_KEYS = { confirm: 'y', dismiss: 'n' } as const;

export function FlagHints({
  campaignId,
  itemId,
  reviewer,
  standard,
  sheet,
  onChange,
  readOnly,
}: {
  campaignId: string;
  itemId: string;
  reviewer: { id: string; name: string };
  standard: ReviewStandard;
  sheet: ScoreSheet;
  onChange: (next: ScoreSheet) => void;
  readOnly?: boolean;
}) {
  const census = useRuleCensus();
  const { message } = App.useApp();
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const reasonFields = useRef(new Map<string, HTMLInputElement>());
  const decisions = useFileFlagDecisions(campaignId, itemId);
  const flags = census?.summary.flagsByItem.get(itemId) ?? [];
  if (!census || flags.length === 0) return null;

  async function decide(ruleId: string, sentence: string, confirm: boolean) {
    const rule = census!.pack.rules.find((r) => r.id === ruleId);
    if (!rule) return;
    const target = itemForRule(standard, rule);
    try {
      await scoreStore.decideFlag({
        campaignId,
        itemId,
        ruleId,
        sentence,
        decision: confirm ? 'confirmed' : 'dismissed',
        reason: confirm ? '' : (reasons[ruleId] ?? ''),
        standardItemId: confirm ? (target?.item.id ?? null) : null,
        reviewerId: reviewer.id,
        by: reviewer.name,
      });
      if (confirm && target) {
        onChange({
          ...sheet,
          deductions: [
            ...sheet.deductions,
            {
              itemId: target.item.id,
              optionId: target.optionId,
              count: 1,
              problem: flagDeductionText(rule, sentence),
            },
          ],
        });
      }
      void message.success(confirm ? '已确认线索并扣分' : '已记录不予采纳及理由');
    } catch (e) {
      void message.error(errorText(e));
    }
  }

  return (
    <Card
      size="small"
      title="台账体检线索（须核实；确认后扣分，不予采纳须写明理由）"
      style={{ margin: 12 }}
      data-testid="flag-hints"
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        {flags.map((f) => {
          const rule = census.pack.rules.find((r) => r.id === f.ruleId);
          const target = rule ? itemForRule(standard, rule) : null;
          const decided = decisions?.find((d) => d.id === flagDecisionId(campaignId, itemId, f.ruleId));
          return (
            <div
              key={f.ruleId}
              data-testid={`flag-${f.ruleId}`}
              // The hint takes focus (Tab): y confirms it, n opens its reason field (see the sheet's 快捷键).
              tabIndex={0}
              aria-label={`台账体检线索 ${rule?.title ?? f.ruleId}（y 确认并扣分，n 不予采纳）`}
              onKeyDown={(e: KeyboardEvent<HTMLDivElement>) => {
                if (decided || readOnly || e.target !== e.currentTarget) return;
                if (e.ctrlKey || e.altKey || e.metaKey) return;
                if (e.key === FLAG_SHORTCUT_KEYS.confirm) {
                  e.preventDefault();
                  e.stopPropagation();
                  void decide(f.ruleId, f.sentence, true);
                } else if (e.key === FLAG_SHORTCUT_KEYS.dismiss) {
                  e.preventDefault();
                  e.stopPropagation();
                  reasonFields.current.get(f.ruleId)?.focus();
                }
              }}
            >
              <Typography.Text strong>{rule?.title ?? f.ruleId}</Typography.Text>
              {rule && (
                <Typography.Text type="secondary">
                  （《{rule.citation.law}》{rule.citation.article}）
                </Typography.Text>
              )}
              <div>{f.sentence}</div>
              <div>
                <Typography.Text type="secondary" data-testid="flag-checked-at">
                  台账体检时间：{formatDateTime(f.checkedAt)}
                </Typography.Text>
              </div>
              <Typography.Text type="secondary">
                对应评查项：
                {target ? target.item.title : '未找到对应评查项（确认时不自动扣分，请在下方手动扣分）'}
              </Typography.Text>
              <div style={{ marginTop: 4 }}>
                {decided ? (
                  <Tag color={decided.decision === 'confirmed' ? 'red' : 'default'}>
                    {decided.decision === 'confirmed' ? '已确认（已扣分）' : `不予采纳：${decided.reason}`}
                  </Tag>
                ) : readOnly ? (
                  <Tag>未核实</Tag>
                ) : (
                  <Space wrap>
                    <Button size="small" danger onClick={() => void decide(f.ruleId, f.sentence, true)}>
                      确认并扣分
                    </Button>
                    <Input
                      ref={(el) => {
                        const input = el?.input;
                        if (input) reasonFields.current.set(f.ruleId, input);
                        else reasonFields.current.delete(f.ruleId);
                      }}
                      size="small"
                      style={{ width: 260 }}
                      placeholder="不予采纳的理由"
                      aria-label={`不予采纳理由 ${rule?.title ?? f.ruleId}`}
                      value={reasons[f.ruleId] ?? ''}
                      onChange={(e) => setReasons({ ...reasons, [f.ruleId]: e.target.value })}
                      onPressEnter={() => void decide(f.ruleId, f.sentence, false)}
                    />
                    <Button size="small" onClick={() => void decide(f.ruleId, f.sentence, false)}>
                      不予采纳
                    </Button>
                  </Space>
                )}
              </div>
            </div>
          );
        })}
      </Space>
    </Card>
  );
}
