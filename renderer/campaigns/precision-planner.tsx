// 按精度确定样本量: from an anticipated rate, a confidence and a planned precision, the sample size each
// stratum needs and the city's size allocated as the plan does (shared/draw/allocation.ts); for the quotas
// the user chose, the precision they give. Figures from shared/stats/estimate.ts (exact hypergeometric).
import { formatCount } from '@shared/util/number-format';
import { memo, useDeferredValue, useMemo, useState } from 'react';
import { Alert, Button, Card, Form, InputNumber, Select, Table, Typography } from 'antd';
import { allocateQuotas, type StratumQuota } from '@shared/draw/allocation';
import { EstimateError, precisionFor, sampleSizeFor } from '@shared/stats/estimate';
import { formatConfidence, formatPercent } from '@shared/stats/estimate-text';

interface Row {
  key: string;
  size: number;
  /** Today's quota (null while the plan cannot be made). */
  quota: number | null;
  /** Half-width today's quota gives, as a share. */
  precisionOfQuota: number | null;
  /** This stratum alone needs n for the planned precision. */
  needed: number;
  /** The city's needed size allocated by the plan's rule. */
  allocated: number | null;
}

const fmtPrecision = (e: number | null): string => (e === null ? '—' : `±${formatPercent(e, 1)}`);

export function PrecisionPlanner(props: {
  strata: readonly { key: string; size: number }[];
  quotas: readonly StratumQuota[] | null;
  minimum: number;
  total: number | null;
  onUseTotal: (n: number) => void;
}) {
  // Rendered after the plan it sits under (deferred, interruptible renders), and only again when its own
  // inputs change (not on every keystroke elsewhere in the planner).
  const strata = useDeferredValue(props.strata);
  const quotas = useDeferredValue(props.quotas);
  const total = useDeferredValue(props.total);
  return (
    <PrecisionCard
      strata={strata}
      quotas={quotas}
      minimum={props.minimum}
      total={total}
      onUseTotal={props.onUseTotal}
    />
  );
}

const PrecisionCard = memo(function PrecisionCard({
  strata,
  quotas,
  minimum,
  total,
  onUseTotal,
}: {
  strata: readonly { key: string; size: number }[];
  quotas: readonly StratumQuota[] | null;
  minimum: number;
  total: number | null;
  onUseTotal: (n: number) => void;
}) {
  const [ratePct, setRatePct] = useState<number | null>(10);
  const [precisionPct, setPrecisionPct] = useState<number | null>(5);
  const [confidence, setConfidence] = useState(0.95);

  const computed = useMemo(() => {
    const population = strata.reduce((a, s) => a + s.size, 0);
    if (population === 0) return null;
    if (ratePct === null || precisionPct === null) return { error: '请填写预计比例和精度。' };
    const rate = ratePct / 100;
    const precision = precisionPct / 100;
    try {
      const cityNeeded = sampleSizeFor({ population, rate, precision, confidence });
      let allocation: StratumQuota[] | null = null;
      let allocationError: string | null = null;
      try {
        allocation = allocateQuotas(strata, cityNeeded, { minimum });
      } catch (e) {
        allocationError = e instanceof Error ? e.message : String(e);
      }
      const quotaOf = new Map((quotas ?? []).map((q) => [q.key, q.quota]));
      const rows: Row[] = strata
        .filter((s) => s.size > 0)
        .map((s) => {
          const quota = quotaOf.get(s.key) ?? null;
          return {
            key: s.key,
            size: s.size,
            quota,
            precisionOfQuota: quota ? precisionFor(s.size, quota, rate, confidence) : null,
            needed: sampleSizeFor({ population: s.size, rate, precision, confidence }),
            allocated: allocation ? (allocation.find((a) => a.key === s.key)?.quota ?? null) : null,
          };
        });
      const cityPrecision =
        total !== null && total >= 1 && total <= population
          ? precisionFor(population, total, rate, confidence)
          : null;
      return {
        population,
        cityNeeded,
        cityPrecision,
        rows,
        allocationError,
        strataNeeded: rows.reduce((a, r) => a + r.needed, 0),
      };
    } catch (e) {
      return { error: e instanceof EstimateError ? e.message : String(e) };
    }
  }, [strata, quotas, minimum, total, ratePct, precisionPct, confidence]);

  if (computed === null) return null;
  return (
    <Card title="按精度确定样本量" size="small" data-testid="precision-planner">
      <Form layout="inline" style={{ rowGap: 12, marginBottom: 12 }}>
        <Form.Item label="预计问题比例" extra="例如以往评查中存在程序问题的案卷约占 10%">
          <InputNumber
            aria-label="预计问题比例"
            min={0}
            max={100}
            step={1}
            suffix="%"
            value={ratePct}
            onChange={setRatePct}
          />
        </Form.Item>
        <Form.Item label="精度（±）">
          <InputNumber
            aria-label="精度"
            min={0.1}
            max={50}
            step={0.5}
            suffix="%"
            value={precisionPct}
            onChange={setPrecisionPct}
          />
        </Form.Item>
        <Form.Item label="置信水平">
          <Select
            aria-label="置信水平"
            value={confidence}
            onChange={setConfidence}
            style={{ width: 96 }}
            options={[0.9, 0.95, 0.99].map((c) => ({ value: c, label: formatConfidence(c) }))}
          />
        </Form.Item>
      </Form>
      {'error' in computed ? (
        <Alert type="error" showIcon title={computed.error} />
      ) : (
        <>
          <Alert
            type="info"
            showIcon
            data-testid="precision-summary"
            style={{ marginBottom: 12 }}
            title={
              <span>
                全市 {formatCount(computed.population)} 件：达到 ±{precisionPct}%（
                {formatConfidence(confidence)} 置信）需随机抽取{' '}
                <b data-testid="precision-city-n">{computed.cityNeeded}</b> 件
                {computed.cityPrecision !== null && (
                  <>
                    ；现定样本量 {total} 件可达{' '}
                    <b data-testid="precision-of-total">{fmtPrecision(computed.cityPrecision)}</b>
                  </>
                )}
                。各层单独达到该精度共需 {computed.strataNeeded} 件。
              </span>
            }
            description={
              <>
                方法：超几何分布精确区间，按预计比例取样本中问题案卷数 k = round(n ×
                预计比例)，所需样本量为使区间半宽 (上限 − 下限)/(2 × 总体) 不超过精度的最小
                n；全市数字按简单随机抽样计算（分层抽样通常更精确），再按现行分配规则 （每层最低 {minimum}{' '}
                件）分到各层。
                {computed.allocationError && ` 无法按现行规则分配：${computed.allocationError}`}
              </>
            }
            action={
              <Button
                size="small"
                onClick={() => onUseTotal(computed.cityNeeded)}
                data-testid="use-precision-total"
              >
                采用 {computed.cityNeeded} 件
              </Button>
            }
          />
          <Table<Row>
            data-testid="precision-table"
            size="small"
            rowKey="key"
            pagination={false}
            scroll={{ y: 360 }}
            dataSource={computed.rows}
            columns={[
              { title: '层', dataIndex: 'key' },
              { title: '案卷数', dataIndex: 'size', width: 90, align: 'right' },
              {
                title: '现定名额',
                dataIndex: 'quota',
                width: 90,
                align: 'right',
                render: (v: number | null) => v ?? '—',
              },
              {
                title: '现定名额的精度',
                dataIndex: 'precisionOfQuota',
                width: 130,
                align: 'right',
                render: (v: number | null) => fmtPrecision(v),
              },
              { title: '本层单独需抽', dataIndex: 'needed', width: 120, align: 'right' },
              {
                title: `按 ${computed.cityNeeded} 件分配`,
                dataIndex: 'allocated',
                width: 130,
                align: 'right',
                render: (v: number | null) => v ?? '—',
              },
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
            “现定名额的精度”为该层按现定名额抽取、问题比例如预计时精确区间的半宽；层内案卷全部抽取时精度为
            ±0%。
          </Typography.Paragraph>
        </>
      )}
    </Card>
  );
});
