import { formatCount } from '@shared/util/number-format';
import { useState } from 'react';
import { Alert, Button, Card, Form, InputNumber, Progress, Radio, Space, Typography } from 'antd';
import type { StratifyBy } from '@shared/draw/draw-record';
import { operatorSettingsSchema } from '@shared/util/operator-settings';
import { useSettings } from '../db/hooks/settings';
import { OPERATOR_AREA } from '../db/settings-repository';
import type { CampaignRecord } from '../db/workflow-records';
import type { DrawView } from '../workers/draw-protocol';
import { DrawQuotaTable } from './draw-quota-table';
import { DrawSeedCard, type SeedSource } from './draw-seed-card';
import { ScopeExclusionsNote } from './scope-exclusions-note';
import { PurposivePlanner, purposiveProblem, type PurposiveChoice } from './purposive-planner';
import { SeedCeremony } from './seed-ceremony';
import { PrecisionPlanner } from './precision-planner';
import { seedProblem } from './seed';
import { useDrawExecution } from './use-draw-execution';
import { useDrawPopulation } from './use-draw-population';

const fmt = formatCount;

/** 抽取: the plan (sample size, strata, quotas), the seed and witnesses, purposive picks, and the draw itself. */
export function DrawPlanner({
  campaign,
  onDrawn,
}: {
  campaign: CampaignRecord;
  onDrawn: (v: DrawView) => void;
}) {
  const [operatorSettings] = useSettings(OPERATOR_AREA, operatorSettingsSchema);
  const [total, setTotal] = useState<number | null>(120);
  const [by, setBy] = useState<StratifyBy>('department');
  const [minimum, setMinimum] = useState<number | null>(1);
  const [spares, setSpares] = useState<number | null>(2);
  const [seed, setSeed] = useState('');
  const [seedSource, setSeedSource] = useState<SeedSource>(null);
  const [ceremony, setCeremony] = useState(false);
  const [operator, setOperator] = useState<string | null>(null);
  const [witnesses, setWitnesses] = useState('');
  const [purposive, setPurposive] = useState<PurposiveChoice>({
    on: false,
    ruleIds: [],
    quota: 5,
    named: [],
  });
  const { index, version, loading, prepared, reviewedBefore, rows, strata, plan } = useDrawPopulation(
    campaign,
    by,
    total,
    minimum,
  );
  const { execute, running, progress, error, cancel } = useDrawExecution(onDrawn);
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

  const start = () => {
    if (blocker || !plan.ok || total === null || minimum === null) return;
    void execute({
      campaignId: campaign.id,
      total,
      by,
      minimum,
      sparesPerStratum,
      strataCount: strata.length,
      seed,
      operatorName,
      witnesses,
      purposive,
    });
  };

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
        <DrawQuotaTable
          plan={plan}
          strata={strata}
          populationSize={rows.length}
          minimum={minimum}
          sparesPerStratum={sparesPerStratum}
        />
      </Card>

      <PrecisionPlanner
        strata={strata}
        quotas={plan.ok ? plan.quotas : null}
        minimum={minimum ?? 1}
        total={total}
        onUseTotal={setTotal}
      />

      <DrawSeedCard
        seed={seed}
        seedSource={seedSource}
        seedError={seedError}
        running={running}
        onCeremony={() => setCeremony(true)}
        onGenerated={(s) => {
          setSeed(s);
          setSeedSource('generated');
        }}
        operatorName={operatorName}
        onOperator={setOperator}
        witnesses={witnesses}
        onWitnesses={setWitnesses}
      />

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
            <Button type="primary" size="large" disabled={!!blocker} loading={running} onClick={start}>
              执行抽取
            </Button>
            {running && <Button onClick={cancel}>取消</Button>}
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
