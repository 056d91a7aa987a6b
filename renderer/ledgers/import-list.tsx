import { App, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useCaseIndex } from './case-index-context';
import { ledgerStore } from '../db/hooks/ledgers';
import { settingsStore } from '../db/hooks/settings';
import type { ImportRecord } from '../db/schema';
import { formatCount } from './format';
import { formatDateTime } from '@shared/util/time-format';

export function ImportList() {
  const { imports } = useCaseIndex();
  const { message, modal } = App.useApp();

  /** A ledger a drawn campaign's population uses needs a confirmation naming those campaigns. */
  async function confirmDelete(r: ImportRecord) {
    const using = await ledgerStore.campaignsUsingImport(r.id);
    modal.confirm({
      title: using.length ? '此台账已用于抽取，确定删除？' : '删除此次导入？',
      content: (
        <div data-testid="delete-import-confirm">
          <p>{`将删除“${r.fileName}”导入的 ${formatCount(r.counts.imported)} 件案卷。`}</p>
          {using.length > 0 && (
            <>
              <p>
                以下已抽取的评查活动的抽取总体包含这份台账，删除后将无法再用本机台账重新计算核验其抽取结果（除非重新导入同一文件）：
              </p>
              <ul data-testid="delete-import-campaigns">
                {using.map((c) => (
                  <li key={c.campaignId}>{c.name}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      ),
      okText: using.length ? '仍然删除' : '删除',
      cancelText: '取消',
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await ledgerStore.deleteImport(r.id, await settingsStore.currentOperator(), {
            confirmedCampaignIds: using.map((c) => c.campaignId),
          });
          message.success('已删除该次导入');
        } catch (error) {
          message.error(error instanceof Error ? error.message : '删除失败，请重试。');
        }
      },
    });
  }

  return (
    <Card title={`导入记录（${imports.length} 个文件）`}>
      <Table<ImportRecord>
        size="small"
        rowKey="id"
        dataSource={[...imports].reverse()}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          {
            title: '文件',
            key: 'file',
            render: (_, r) => (
              <Space orientation="vertical" size={0}>
                <span>
                  {r.fileName} {r.isDemo && <Tag color="orange">示例数据</Tag>}
                  {r.insistedDuplicate && <Tag color="red">重复文件（用户确认导入）</Tag>}
                </span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  工作表：{r.sheetName} · SHA-256：{r.sha256.slice(0, 16)}…
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: '导入时间',
            key: 'at',
            width: 170,
            render: (_, r) => formatDateTime(r.committedAt),
          },
          {
            title: '导入',
            key: 'imported',
            width: 90,
            align: 'right',
            render: (_, r) => formatCount(r.counts.imported),
          },
          {
            title: '错误（未导入）',
            key: 'errors',
            width: 120,
            align: 'right',
            render: (_, r) => formatCount(r.counts.errors),
          },
          {
            title: '警告',
            key: 'warnings',
            width: 80,
            align: 'right',
            render: (_, r) => formatCount(r.counts.warnings),
          },
          {
            title: '排除',
            key: 'excluded',
            width: 80,
            align: 'right',
            render: (_, r) => formatCount(r.counts.excluded),
          },
          {
            title: '部门',
            key: 'depts',
            width: 220,
            render: (_, r) =>
              r.departments.slice(0, 3).join('、') +
              (r.departments.length > 3 ? ` 等 ${r.departments.length} 个` : ''),
          },
          {
            title: '操作',
            key: 'ops',
            width: 90,
            render: (_, r) => (
              <Button size="small" danger onClick={() => void confirmDelete(r)}>
                删除
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}
