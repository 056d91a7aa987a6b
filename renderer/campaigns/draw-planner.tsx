import { formatCount } from '@shared/util/number-format';
import { Fragment, useEffect, useMemo, useRef, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Progress,
  Radio,
  Row,
  Space,
  Table,
  Typography,
} from 'antd';
import { FullscreenOutlined, ThunderboltOutlined } from '@ant-design/icons';
import type { StratumQuota } from '@shared/draw/allocation';
import { ALLOCATION_RULE_TEXT, allocationExplanation } from '@shared/draw/allocation';
import type { StratifyBy } from '@shared/draw/draw-record';
import { operatorSettingsSchema } from '@shared/util/operator-settings';
import { useCaseIndex } from '../ledgers/case-index-context';
import { useSettings } from '../db/hooks/settings';
import { OPERATOR_AREA } from '../db/settings-repository';
import { useReviewedBefore } from '../db/hooks/campaigns';
import type { CampaignRecord } from '../db/workflow-records';
import type { DrawProgress, DrawView, PopulationSummary } from '../workers/draw-protocol';
import { useDrawRunner } from './draw-runner-context';
import { planQuotas, populationRows, strataCounts } from './population';
import { ScopeExclusionsNote, type ReviewedBefore } from './scope-exclusions-note';
import { PurposivePlanner, purposiveProblem, type PurposiveChoice } from './purposive-planner';
import { SeedCeremony } from './seed-ceremony';
import { PrecisionPlanner } from './precision-planner';
import { SEED_DIGITS, generateSeed, groupDigits, seedProblem } from './seed';
import { confirmAction } from '../ui/confirm';

const fmt = formatCount;

/** Splits "王芳、赵强, 陈静" into names. */
export function parseWitnesses(text: string): string[] {
  return text
    .split(/[、,，;；\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function DrawPlanner({
  campaign,
  onDrawn,
}: {
  campaign: CampaignRecord;
  onDrawn: (v: DrawView) => void;
}) {
  const { index, version, loading } = useCaseIndex();
  const runner = useDrawRunner();
  const { message, modal } = App.useApp();
  const [operatorSettings] = useSettings(OPERATOR_AREA, operatorSettingsSchema);
  const [total, setTotal] = useState<number | null>(120);
  const [by, setBy] = useState<StratifyBy>('department');
  const [minimum, setMinimum] = useState<number | null>(1);
  const [spares, setSpares] = useState<number | null>(2);
  const [seed, setSeed] = useState('');
  const [seedSource, setSeedSource] = useState<'typed' | 'generated' | null>(null);
  const [ceremony, setCeremony] = useState(false);
  const [operator, setOperator] = useState<string | null>(null);
  const [witnesses, setWitnesses] = useState('');
  const [progress, setProgress] = useState<DrawProgress | null>(null);
  const [running, setRunning] = useState(false);
  /** The running draw's own cancel. */
  const drawRun = useRef<AbortController | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [purposive, setPurposive] = useState<PurposiveChoice>({
    on: false,
    ruleIds: [],
    quota: 5,
    named: [],
  });

  // Load the ledgers into the draw worker while the plan is made, so the draw itself is quick.
  // Fix and hash the population in the draw worker while the plan is made (it does not depend on
  // the seed), so the draw itself only orders tickets; the hash can be announced before the seed.
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
  const sparesPerStratum = spares ?? 0;
  const operatorName = operator ?? operatorSettings?.name ?? '';
  const seedError = seedProblem(seed);
  const blocker = loading
    ? '台账载入中，请稍候。'
    : rows.length === 0
      ? '该活动范围内没有案卷：请先在“执法台账”导入台账，或调整活动范围。'
      : !plan.ok
        ? plan.error
        : seedError
          ? seedError
          : operatorName.trim() === ''
            ? '请填写操作人员姓名（可在“设置”中预先填写）。'
            : purposiveProblem(purposive);

  const execute = async () => {
    if (blocker || !plan.ok || total === null || minimum === null) return;
    const confirmed = await confirmAction(modal, {
      title: '执行抽取？此步不可撤销',
      okText: '确认执行抽取',
      danger: true,
      content: (
        <div data-testid="draw-confirm">
          <p>
            按种子 <b style={{ whiteSpace: 'nowrap' }}>{groupDigits(seed)}</b> 抽取 <b>{fmt(total)}</b> 件（
            {strata.length} 个层，每层至少 {minimum} 件，每层备选 {sparesPerStratum} 件），操作人员“
            {operatorName.trim()}”。
          </p>
          <p>
            执行后种子和抽取方案即锁定，写入抽取记录和操作留痕，<b>不能更改，也不能重新抽取</b>
            ；此后只能按理由替换个别案卷或追加抽取。
          </p>
        </div>
      ),
    });
    if (!confirmed) return;
    setRunning(true);
    setError(null);
    drawRun.current = new AbortController();
    try {
      const view = await runner.execute(
        {
          campaignId: campaign.id,
          plan: { total, stratifyBy: by, minimum, sparesPerStratum },
          seed,
          operator: operatorName.trim(),
          witnesses: parseWitnesses(witnesses),
          ...(purposive.on || purposive.named.length > 0
            ? {
                purposive: {
                  ruleIds: purposive.on ? purposive.ruleIds : [],
                  quota: purposive.on ? (purposive.quota ?? 0) : 0,
                  named: purposive.named.map((n) => ({ itemId: n.itemId, reason: n.reason })),
                },
              }
            : {}),
        },
        setProgress,
        drawRun.current.signal,
      );
      message.success(`抽取完成：抽中 ${view.drawn.length} 件，备选 ${view.spares.length} 件。种子已锁定。`);
      onDrawn(view);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setRunning(false);
      setProgress(null);
    }
  };

  const quotaRows = plan.ok ? plan.quotas : [];
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16}>
      <Card
        title={`总体与抽取方案（总体 ${fmt(rows.length)} 件，${strata.length} 个层）`}
        extra={
          loading ? (
            <Typography.Text type="secondary">台账载入中…</Typography.Text>
          ) : prepared !== null ? (
            <Typography.Text
              type="secondary"
              data-testid="draw-prepared"
              title={`总体 SHA-256：${prepared.sha256}`}
              copyable={{ text: prepared.sha256, tooltips: ['复制总体 SHA-256', '已复制'] }}
            >
              已就绪 · 总体 SHA-256 {prepared.sha256.slice(0, 16)}…
            </Typography.Text>
          ) : (
            <Typography.Text type="secondary">抽取程序准备中…</Typography.Text>
          )
        }
      >
        <Form layout="inline" style={{ rowGap: 12, marginBottom: 16 }}>
          <Form.Item label="样本量">
            <InputNumber aria-label="样本量" min={1} max={100000} value={total} onChange={setTotal} />
          </Form.Item>
          <Form.Item label="分层">
            <Radio.Group
              aria-label="分层"
              value={by}
              onChange={(e) => setBy(e.target.value as StratifyBy)}
              options={[
                { value: 'department', label: '按执法部门' },
                { value: 'department×caseType', label: '按部门 × 案件类型' },
              ]}
            />
          </Form.Item>
          <Form.Item label="每层最低">
            <InputNumber aria-label="每层最低" min={0} max={1000} value={minimum} onChange={setMinimum} />
          </Form.Item>
          <Form.Item label="每层备选">
            <InputNumber aria-label="每层备选" min={0} max={100} value={spares} onChange={setSpares} />
          </Form.Item>
        </Form>
        <ScopeExclusionsNote campaign={campaign} reviewedBefore={reviewedBefore} actor={operatorName} />
        {!plan.ok && rows.length > 0 && (
          <Alert
            type="error"
            showIcon
            data-testid="plan-error"
            title="抽取方案无法执行"
            description={plan.error}
            style={{ marginBottom: 12 }}
          />
        )}
        <Table<StratumQuota>
          data-testid="quota-table"
          size="small"
          rowKey="key"
          pagination={false}
          scroll={{ y: 420 }}
          dataSource={
            quotaRows.length
              ? quotaRows
              : strata.map((s) => ({
                  ...s,
                  share: rows.length ? s.size / rows.length : 0,
                  quota: 0,
                  reason: '—',
                }))
          }
          columns={[
            { title: '层', dataIndex: 'key' },
            { title: '案卷数', dataIndex: 'size', width: 100, align: 'right', render: (v: number) => fmt(v) },
            {
              title: '占比',
              dataIndex: 'share',
              width: 90,
              align: 'right',
              render: (v: number) => `${(v * 100).toFixed(2)}%`,
            },
            {
              title: '名额',
              dataIndex: 'quota',
              width: 70,
              align: 'right',
              render: (v: number) => <b>{v}</b>,
            },
            {
              title: '备选',
              key: 'spares',
              width: 70,
              align: 'right',
              render: (_, q) => (q.quota > 0 ? Math.min(sparesPerStratum, q.size - q.quota) : 0),
            },
            { title: '依据', dataIndex: 'reason' },
          ]}
          summary={() =>
            plan.ok ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  {fmt(rows.length)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  100%
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">
                  <b data-testid="quota-total">{plan.quotas.reduce((a, q) => a + q.quota, 0)}</b>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">
                  {plan.quotas.reduce(
                    (a, q) => a + (q.quota > 0 ? Math.min(sparesPerStratum, q.size - q.quota) : 0),
                    0,
                  )}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={5} />
              </Table.Summary.Row>
            ) : null
          }
        />
        {plan.ok && minimum !== null && allocationExplanation(plan.quotas, minimum).length > 0 && (
          <Alert
            type="info"
            showIcon
            style={{ marginTop: 12 }}
            data-testid="allocation-explanation"
            title="名额为什么不完全按比例"
            description={
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {allocationExplanation(plan.quotas, minimum).map((t) => (
                  <li key={t}>{t}</li>
                ))}
              </ul>
            }
          />
        )}
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
          分配规则：{ALLOCATION_RULE_TEXT}
        </Typography.Paragraph>
      </Card>

      <PrecisionPlanner
        strata={strata}
        quotas={plan.ok ? plan.quotas : null}
        minimum={minimum ?? 1}
        total={total}
        onUseTotal={setTotal}
      />

      <Card title="随机种子与见证">
        <Row gutter={24}>
          <Col xs={24} lg={14}>
            <div
              data-testid="seed-display"
              style={{
                fontFamily: '"Noto Sans Mono", "DejaVu Sans Mono", monospace',
                fontSize: 40,
                fontWeight: 600,
                letterSpacing: '0.06em',
                minHeight: 60,
                color: seed ? '#1f1f1f' : '#bfbfbf',
              }}
            >
              {/* Each group of five stays whole: a line breaks only between groups, never inside one. */}
              {seed
                ? groupDigits(seed)
                    .split(' ')
                    .map((g, i) => (
                      <Fragment key={i}>
                        {i > 0 && ' '}
                        <span
                          data-testid="seed-group"
                          style={{ whiteSpace: 'nowrap', display: 'inline-block' }}
                        >
                          {g}
                        </span>
                      </Fragment>
                    ))
                : '尚未确定种子'}
            </div>
            <Typography.Paragraph type="secondary">
              {seedSource === 'generated'
                ? `由本机安全随机数生成 ${seed.length} 位随机数字。`
                : seedSource === 'typed'
                  ? `公开输入 ${seed.length} 位数字。`
                  : `建议当众掷骰子读出 ${SEED_DIGITS} 位数字，在全屏模式下输入，见证人核对。`}
              种子在抽取后锁定，不可更改。
            </Typography.Paragraph>
            {seed && seedError && (
              <Alert type="warning" showIcon title={seedError} style={{ marginBottom: 12 }} />
            )}
            <Space wrap>
              <Button icon={<FullscreenOutlined />} onClick={() => setCeremony(true)} disabled={running}>
                公开输入种子（全屏）
              </Button>
              <Button
                icon={<ThunderboltOutlined />}
                disabled={running}
                onClick={() => {
                  setSeed(generateSeed());
                  setSeedSource('generated');
                }}
              >
                生成随机种子
              </Button>
            </Space>
          </Col>
          <Col xs={24} lg={10}>
            <Form layout="vertical">
              <Form.Item label="操作人员" required>
                <Input
                  aria-label="操作人员"
                  value={operatorName}
                  onChange={(e) => setOperator(e.target.value)}
                  maxLength={40}
                />
              </Form.Item>
              <Form.Item label="见证人" extra="多人用顿号或逗号分隔，例如：王芳、赵强">
                <Input
                  aria-label="见证人"
                  value={witnesses}
                  onChange={(e) => setWitnesses(e.target.value)}
                  maxLength={200}
                />
              </Form.Item>
            </Form>
          </Col>
        </Row>
      </Card>

      <PurposivePlanner
        index={index}
        version={version}
        rows={rows}
        value={purposive}
        onChange={setPurposive}
      />

      <Card>
        <Space orientation="vertical" style={{ width: '100%' }}>
          {blocker && rows.length > 0 && (
            <Typography.Text type="secondary" data-testid="draw-blocker">
              {blocker}
            </Typography.Text>
          )}
          {rows.length === 0 && !loading && <Alert type="info" showIcon title={blocker} />}
          {error && (
            <Alert
              type="error"
              showIcon
              data-testid="draw-error"
              title="抽取未完成，数据库未作任何更改"
              description={error}
            />
          )}
          {running && progress && (
            <div data-testid="draw-progress">
              <Typography.Text>{progress.text}…</Typography.Text>
              <Progress
                percent={Math.round((100 * progress.done) / Math.max(1, progress.total))}
                status="active"
              />
            </div>
          )}
          <Space>
            <Button
              type="primary"
              size="large"
              disabled={!!blocker}
              loading={running}
              onClick={() => void execute()}
            >
              执行抽取
            </Button>
            {running && <Button onClick={() => drawRun.current?.abort()}>取消</Button>}
          </Space>
        </Space>
      </Card>
      {ceremony && (
        <SeedCeremony
          initial={seedSource === 'typed' ? seed : ''}
          onCancel={() => setCeremony(false)}
          onDone={(s) => {
            setCeremony(false);
            if (s) {
              setSeed(s);
              setSeedSource('typed');
            }
          }}
        />
      )}
    </Space>
  );
}
