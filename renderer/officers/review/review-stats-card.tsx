import { Card, Col, Row, Statistic, Table } from 'antd';
import type { ReviewStatistics } from '@shared/officers/annual-review';

/** 审验统计: the totals in a row, then one line a department. */
export function ReviewStatsCard({ stats }: { stats: ReviewStatistics }) {
  return (
    <Card size="small" title="审验统计" data-testid="review-stats">
      <Row gutter={16}>
        {(
          [
            ['参审', stats.reviewed],
            ['通过', stats.passed],
            ['不通过（收回注销）', stats.failed],
            ['暂扣', stats.suspended],
            ['需书面说明', stats.needsExplanation],
            ['改变建议', stats.overridden],
            ['待审核', stats.undecided],
          ] as const
        ).map(([t, v]) => (
          <Col key={t} flex="1">
            <Statistic title={t} value={v} />
          </Col>
        ))}
      </Row>
      <Table
        style={{ marginTop: 12 }}
        size="small"
        rowKey="department"
        pagination={{ pageSize: 8, showSizeChanger: false }}
        dataSource={stats.byDepartment}
        columns={[
          { title: '执法部门', dataIndex: 'department' },
          { title: '参审', dataIndex: 'reviewed', align: 'right' },
          { title: '通过', dataIndex: 'passed', align: 'right' },
          { title: '不通过', dataIndex: 'failed', align: 'right' },
          { title: '暂扣', dataIndex: 'suspended', align: 'right' },
          { title: '需说明', dataIndex: 'needsExplanation', align: 'right' },
        ]}
      />
    </Card>
  );
}
