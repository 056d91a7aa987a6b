// 评查结果 → 台账体检: per rule, the flags on the drawn files, how many the reviewers confirmed or dismissed
// (precision), and the paragraph the 通报 carries.
import { Card, Table, Typography } from 'antd';
import { useFlagPrecision } from './use-flag-precision';

const percent = (p: number | null): string => (p === null ? '—' : `${Math.round(p * 1000) / 10}%`);

export function FlagPrecisionCard({ campaignId }: { campaignId: string }) {
  const view = useFlagPrecision(campaignId);
  if (!view || view.precision.length === 0) return null;
  return (
    <Card title="台账体检线索核实情况" data-testid="flag-precision">
      <Table
        size="small"
        rowKey="ruleId"
        pagination={false}
        aria-label="各规则线索核实情况"
        dataSource={view.precision}
        columns={[
          {
            title: '规则',
            key: 'rule',
            render: (_, p) => (
              <span>
                {p.title}
                <Typography.Text type="secondary">{p.citation}</Typography.Text>
              </span>
            ),
          },
          { title: '抽中案卷线索', dataIndex: 'flagged', align: 'right' },
          { title: '确认', dataIndex: 'confirmed', align: 'right' },
          { title: '不予采纳', dataIndex: 'dismissed', align: 'right' },
          {
            title: '待核实',
            key: 'open',
            align: 'right',
            render: (_, p) => p.flagged - p.confirmed - p.dismissed,
          },
          { title: '准确率', key: 'precision', align: 'right', render: (_, p) => percent(p.precision) },
        ]}
      />
      {view.paragraph && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }} data-testid="census-paragraph">
          通报段落：{view.paragraph}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
