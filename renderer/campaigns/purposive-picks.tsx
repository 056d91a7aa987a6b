// The files drawn on purpose beside the random draw (issue 26): the stratum 台账体检发现 with the rules it was
// drawn on and 定向抽取 with each file's reason; the same summary the printed draw record prints.
import { Card, Descriptions, Table, Tag, Typography } from 'antd';
import {
  PURPOSIVE_STRATUM,
  summarizePurposive,
  type PurposiveListing,
  type PurposivePart,
} from '@shared/draw/purposive';

const KIND_LABEL: Record<PurposiveListing['kind'], string> = {
  flagged: PURPOSIVE_STRATUM,
  named: '定向抽取',
};

export function PurposivePicks({ part }: { part: PurposivePart }) {
  const s = summarizePurposive(part);
  return (
    <Card title="台账体检发现与定向抽取（有目的抽取，不计入总体推算）" data-testid="purposive-picks">
      <Descriptions size="small" bordered column={1}>
        <Descriptions.Item label="规则包">
          {s.rulePack.id}，版本 {s.rulePack.version} · SHA-256 <code>{s.rulePack.sha256}</code>
        </Descriptions.Item>
        {s.flagged && (
          <Descriptions.Item label={PURPOSIVE_STRATUM}>
            依据 {s.rules.join('、')}：有线索且未被随机抽中的 {s.flagged.candidates} 件中，以同一种子抽取{' '}
            {s.flagged.quota} 件
          </Descriptions.Item>
        )}
        <Descriptions.Item label="定向抽取">
          {s.files.filter((f) => f.kind === 'named').length} 件
        </Descriptions.Item>
      </Descriptions>
      {s.files.length === 0 ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          没有有目的抽取的案卷。
        </Typography.Paragraph>
      ) : (
        <Table<PurposiveListing>
          style={{ marginTop: 12 }}
          data-testid="purposive-table"
          size="small"
          rowKey="itemId"
          pagination={false}
          dataSource={s.files}
          columns={[
            {
              title: '方式',
              dataIndex: 'kind',
              width: 120,
              render: (k: PurposiveListing['kind']) => (
                <Tag color={k === 'flagged' ? 'orange' : 'geekblue'}>{KIND_LABEL[k]}</Tag>
              ),
            },
            { title: '签号', dataIndex: 'ticket', width: 110, render: (t: string) => <code>{t}</code> },
            { title: '案件编号', dataIndex: 'caseNo', width: 170, ellipsis: true },
            { title: '执法部门', dataIndex: 'department', width: 150, ellipsis: true },
            { title: '依据规则 / 理由', dataIndex: 'basis' },
          ]}
        />
      )}
    </Card>
  );
}
