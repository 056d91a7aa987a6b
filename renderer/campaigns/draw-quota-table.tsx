import { Alert, Table, Typography } from 'antd';
import type { StratumQuota } from '@shared/draw/allocation';
import { ALLOCATION_RULE_TEXT, allocationExplanation } from '@shared/draw/allocation';
import { formatCount as fmt } from '@shared/util/number-format';
import type { QuotaPlan, StratumCount } from './population';

/** The spares a stratum gets: as asked, but never more than the files left after its quota. */
const sparesOf = (q: StratumQuota, perStratum: number) =>
  q.quota > 0 ? Math.min(perStratum, q.size - q.quota) : 0;

/** 名额: each stratum's size, share, quota, spares and why, with the total; then why the quotas are not pro rata. */
export function DrawQuotaTable(props: {
  plan: QuotaPlan;
  strata: readonly StratumCount[];
  populationSize: number;
  minimum: number | null;
  sparesPerStratum: number;
}) {
  const { plan, strata, populationSize, minimum, sparesPerStratum } = props;
  const quotaRows = plan.ok ? plan.quotas : [];
  const explanation = plan.ok && minimum !== null ? allocationExplanation(plan.quotas, minimum) : [];
  return (
    <>
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
                share: populationSize ? s.size / populationSize : 0,
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
            render: (_, q) => sparesOf(q, sparesPerStratum),
          },
          { title: '依据', dataIndex: 'reason' },
        ]}
        summary={() =>
          plan.ok ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                {fmt(populationSize)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                100%
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                <b data-testid="quota-total">{plan.quotas.reduce((a, q) => a + q.quota, 0)}</b>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">
                {plan.quotas.reduce((a, q) => a + sparesOf(q, sparesPerStratum), 0)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={5} />
            </Table.Summary.Row>
          ) : null
        }
      />
      {explanation.length > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 12 }}
          data-testid="allocation-explanation"
          title="名额为什么不完全按比例"
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {explanation.map((t) => (
                <li key={t}>{t}</li>
              ))}
            </ul>
          }
        />
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
        分配规则：{ALLOCATION_RULE_TEXT}
      </Typography.Paragraph>
    </>
  );
}
