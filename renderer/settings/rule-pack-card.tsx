// 设置 → 台账体检规则: switch rules off and on, change the sector periods. Every save is logged with the
// pack's new SHA-256 (renderer/db/rule-census-repository.ts), and the census re-runs in the import worker.
import { useEffect, useState } from 'react';
import { App, Button, Card, InputNumber, Space, Switch, Table, Typography } from 'antd';
import { DEFAULT_RULE_PACK } from '@shared/rules/default-rule-pack';
import type { RulePackSettings } from '@shared/rules/rule-pack';
import { ledgerStore, useRulePackSettings } from '../db/hooks/ledgers';
import { settingsStore } from '../db/hooks/settings';
import { useImporterFactory } from '../ledgers/importer-context';

type Draft = RulePackSettings;

const UNIT = { calendar: '日', working: '个工作日' } as const;

export function RulePackCard() {
  const stored = useRulePackSettings();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [saving, setSaving] = useState(false);
  const makeImporter = useImporterFactory();
  const { message } = App.useApp();
  useEffect(() => {
    if (stored) setDraft(stored);
  }, [stored]);
  if (!draft) return null;

  const setEnabled = (id: string, on: boolean) =>
    setDraft({
      ...draft,
      disabled: on ? draft.disabled.filter((x) => x !== id) : [...draft.disabled, id],
    });
  const setPeriod = (
    id: string,
    key: 'days' | 'extensionDays',
    value: number | null,
    base: { days: number; extensionDays: number },
  ) => {
    const current = draft.periods[id] ?? base;
    setDraft({ ...draft, periods: { ...draft.periods, [id]: { ...current, [key]: value ?? Number.NaN } } });
  };

  async function save() {
    if (!draft) return;
    setSaving(true);
    try {
      const actor = await settingsStore.currentOperator();
      await ledgerStore.saveRulePackSettings(draft, actor);
      void message.success('已保存台账体检规则，正在按新规则重新体检。');
      const importer = makeImporter();
      void importer
        .runCensus()
        .catch((e: Error) => message.error(`台账体检失败：${e.message}`))
        .finally(() => importer.dispose());
    } catch (e) {
      void message.error(firstMessage(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card title="台账体检规则" data-testid="rule-pack-card">
      <Typography.Paragraph type="secondary">
        规则包 {DEFAULT_RULE_PACK.title} {DEFAULT_RULE_PACK.version}
        。可停用规则、按本地规章调整期限；每次保存都记入操作留痕，并按新规则重新体检全部台账。
      </Typography.Paragraph>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        aria-label="台账体检规则"
        dataSource={DEFAULT_RULE_PACK.rules}
        columns={[
          {
            title: '启用',
            key: 'on',
            width: 64,
            render: (_, r) => (
              <Switch
                size="small"
                checked={!draft.disabled.includes(r.id)}
                onChange={(on) => setEnabled(r.id, on)}
                aria-label={`启用规则 ${r.title}`}
              />
            ),
          },
          {
            title: '规则与依据',
            key: 'rule',
            render: (_, r) => (
              <Space orientation="vertical" size={0}>
                <span>{r.title}</span>
                <Typography.Text type="secondary">
                  《{r.citation.law}》{r.citation.article}
                  {r.citation.sector ? `（${r.citation.sector}）` : ''}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: '期限',
            key: 'period',
            width: 320,
            render: (_, r) => {
              const c = r.check;
              if (c.kind !== 'period' && c.kind !== 'waiting') return null;
              const base = { days: c.days, extensionDays: c.kind === 'period' ? c.extensionDays : 0 };
              const p = draft.periods[r.id] ?? base;
              return (
                <Space size={4}>
                  <InputNumber
                    size="small"
                    min={1}
                    max={3650}
                    value={Number.isNaN(p.days) ? null : p.days}
                    onChange={(v) => setPeriod(r.id, 'days', v, base)}
                    aria-label={`${r.title} 期限`}
                    style={{ width: 76 }}
                  />
                  {UNIT[c.unit]}
                  {c.kind === 'period' && (
                    <>
                      ，经批准延长
                      <InputNumber
                        size="small"
                        min={0}
                        max={3650}
                        value={Number.isNaN(p.extensionDays) ? null : p.extensionDays}
                        onChange={(v) => setPeriod(r.id, 'extensionDays', v, base)}
                        aria-label={`${r.title} 延长期限`}
                        style={{ width: 68 }}
                      />
                      {UNIT[c.unit]}
                    </>
                  )}
                </Space>
              );
            },
          },
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        <Button type="primary" loading={saving} onClick={() => void save()} data-testid="rule-pack-save">
          保存规则设置
        </Button>
        <Button onClick={() => stored && setDraft(stored)}>放弃修改</Button>
      </Space>
    </Card>
  );
}

/** A zod error's first Chinese message, or the error's own. */
function firstMessage(e: unknown): string {
  const issues = (e as { issues?: { message: string }[] }).issues;
  if (issues?.length) return `设置未保存：${issues[0]!.message}`;
  return e instanceof Error ? e.message : '保存失败，请重试。';
}
