// 评查一致性: how far the two reviewers of each file read the standard the same way, per 评查要点 and
// overall, and which items they read differently (to be rewritten in the next standard version).
// Figures come from shared/review/reviewer-agreement.ts; this panel only shows them.
import { Alert, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import {
  AMBIGUOUS_BELOW,
  formatAgreementPercent,
  formatCoefficient,
  formatInterval,
  type ItemAgreement,
  type ReviewerAgreement,
} from '@shared/review/reviewer-agreement';
import type { AgreementEstimate } from '@shared/stats/agreement';
import { formatConfidence } from '@shared/stats/estimate-text';

function Coefficient({ e, testId }: { e: AgreementEstimate; testId?: string }) {
  const low = e.value !== null && e.value < AMBIGUOUS_BELOW;
  return (
    <div data-testid={testId} style={{ lineHeight: 1.5 }}>
      <Typography.Text type={low ? 'danger' : undefined} strong={low}>
        {e.value === null ? '无法计算' : formatCoefficient(e.value)}
      </Typography.Text>
      <br />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {e.value === null ? e.note : formatInterval(e)}
      </Typography.Text>
    </div>
  );
}

const points = (v: number | null) => (v === null ? '—' : `${v.toFixed(2)} 分`);

export function AgreementPanel({ agreement: a }: { agreement: ReviewerAgreement }) {
  const level = formatConfidence(a.confidence);
  if (a.fileCount === 0)
    return (
      <Card title="评查一致性" size="small" data-testid="agreement-panel">
        <Empty description="还没有两名评查人员均已提交评分表的案卷：两人都提交后，这里比较两人对每个评查要点的判断。" />
      </Card>
    );
  return (
    <Card title="评查一致性" size="small" data-testid="agreement-panel">
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Paragraph style={{ margin: 0 }} data-testid="agreement-overall">
          两名评查人员均已提交的案卷 {a.fileCount} 件，比较评查要点判断（是否扣分、是否适用否决项）
          {a.judgementCount} 项，一致 {a.agreedCount} 项：一致率{' '}
          <b>{formatAgreementPercent(a.percent.value)}</b>（{level}区间{' '}
          {formatInterval(a.percent, formatAgreementPercent)}），Cohen κ{' '}
          <b>{a.kappa.value === null ? '无法计算' : formatCoefficient(a.kappa.value)}</b>
          {a.kappa.value === null ? `（${a.kappa.note}）` : `（${formatInterval(a.kappa)}）`}，Gwet AC1{' '}
          <b>{formatCoefficient(a.ac1.value)}</b>（{formatInterval(a.ac1)}）；两人总分平均相差{' '}
          {points(a.meanTotalGap.value)}。
        </Typography.Paragraph>
        {a.ambiguous.length > 0 ? (
          <Alert
            type="warning"
            showIcon
            data-testid="ambiguous-items"
            title={`${a.ambiguous.length} 项评查要点的 κ 或 AC1 低于 ${AMBIGUOUS_BELOW}：两名评查人员理解不一，建议在下一版评查标准中改写措辞或补充判断要点`}
            description={
              <ol style={{ margin: 0, paddingLeft: 20 }}>
                {a.ambiguous.map((i) => (
                  <li key={i.key} data-testid={`ambiguous-${i.id}`}>
                    {i.standardName}（第 {i.standardVersion} 版）· {i.categoryName}：“{i.wording}”——κ{' '}
                    {formatCoefficient(i.kappa.value)}，AC1 {formatCoefficient(i.ac1.value)}，一致率{' '}
                    {formatAgreementPercent(i.percent.value)}（{i.fileCount} 件）
                  </li>
                ))}
              </ol>
            }
          />
        ) : (
          <Alert
            type="success"
            showIcon
            data-testid="ambiguous-items"
            title={`没有 κ 或 AC1 低于 ${AMBIGUOUS_BELOW} 的评查要点。`}
          />
        )}
        <Table<ItemAgreement>
          size="small"
          rowKey="key"
          data-testid="agreement-items"
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          dataSource={a.items}
          columns={[
            {
              title: '评查标准',
              render: (_: unknown, i) => `${i.standardName}（第 ${i.standardVersion} 版）`,
            },
            { title: '类别', dataIndex: 'categoryName' },
            {
              title: '评查要点',
              render: (_: unknown, i) => (
                <Space size={4}>
                  {i.wording}
                  {i.ambiguous && <Tag color="red">理解不一</Tag>}
                </Space>
              ),
            },
            { title: '案卷', dataIndex: 'fileCount', width: 60 },
            {
              title: '两人均认定 / 仅 A / 仅 B / 均未认定',
              render: (_: unknown, i) =>
                `${i.counts.both} / ${i.counts.onlyA} / ${i.counts.onlyB} / ${i.counts.neither}`,
            },
            { title: '一致率', render: (_: unknown, i) => formatAgreementPercent(i.percent.value) },
            { title: `κ（${level}区间）`, render: (_: unknown, i) => <Coefficient e={i.kappa} /> },
            { title: `AC1（${level}区间）`, render: (_: unknown, i) => <Coefficient e={i.ac1} /> },
            {
              title: '扣分平均差',
              render: (_: unknown, i) => (i.meanPointGap ? points(i.meanPointGap.value) : '—'),
            },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 12 }}>
          每件案卷的每个评查要点（及否决项）是两名评查人员各一次判断：是否在该项扣分（是否适用该否决项）；A
          为分配时的第一名评查人员。一致率、Cohen κ 和 Gwet AC1 按 Gwet（irrCAC）的两评价者公式计算，区间为 t
          分布区间；扣分少时 κ 不稳定，故同时列出 AC1。κ ≥ 0.75 或一致率 ≥ 95% 通常视为一致性良好；κ 或 AC1
          低于 {AMBIGUOUS_BELOW}{' '}
          的评查要点列为“理解不一”。合计一栏把全部判断视为相互独立，其区间偏窄，仅供参考。
        </Typography.Paragraph>
      </Space>
    </Card>
  );
}
