import { Button, Card, Space, Table, Typography } from 'antd';
import { formatBytes } from '@shared/util/number-format';

/** 从备份恢复: what a restore does, 选择备份文件…, and the desktop's backup folder with 恢复… on each. */
export function RestoreCard({
  busy,
  folder,
  onChoose,
  onRestoreFromFolder,
}: {
  busy: boolean;
  /** The backup folder's files (desktop), or null where there is none. */
  folder: { name: string; size: number }[] | null;
  onChoose: () => void;
  onRestoreFromFolder: (name: string) => void;
}) {
  return (
    <Card title="从备份恢复">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph style={{ margin: 0 }}>
          恢复会用备份中的数据<Typography.Text strong>替换</Typography.Text>
          本机的全部数据。选择文件后先显示备份的内容和校验结果，确认后才会替换；替换前会自动备份当前数据。开始替换之前可以随时取消；替换本身在一个事务中完成，不可中途取消，失败时数据库保持原样。损坏、被改动或不是评查台的备份文件会被拒绝，本机数据不变。
        </Typography.Paragraph>
        <Button onClick={onChoose} disabled={busy} data-testid="restore-choose">
          选择备份文件…
        </Button>
        {folder && (
          <Table
            size="small"
            rowKey="name"
            pagination={false}
            dataSource={folder}
            locale={{ emptyText: '备份文件夹中还没有备份' }}
            columns={[
              { title: '备份文件夹中的备份', dataIndex: 'name' },
              { title: '大小', dataIndex: 'size', width: 120, render: (n: number) => formatBytes(n) },
              {
                title: '',
                width: 100,
                render: (_: unknown, r: { name: string }) => (
                  <Button size="small" disabled={busy} onClick={() => onRestoreFromFolder(r.name)}>
                    恢复…
                  </Button>
                ),
              },
            ]}
          />
        )}
      </Space>
    </Card>
  );
}
