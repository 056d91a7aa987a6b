// 电子案卷 (issue 27): bulk-attach scanned case files (PDF, or ZIPs of them) to the drawn files,
// matched by the 案号 in each file name, with a confirmation table before anything is stored.
import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type ButtonProps,
} from 'antd';
import { expandSources } from '@shared/case-files/case-file-sources';
import { pageSetsToPdfs } from '@shared/case-files/image-page-sets';
import { planAttachments, planSummary, type AttachPlanRow } from '@shared/case-files/attach-plan';
import { formatDateTime } from '@shared/util/time-format';
import { getPlatform } from '../platform';
import { caseFileStore, useCaseFiles } from '../db/hooks/case-files';
import type { DrawnFile } from '../db/panel-repository';
import { formatBytes } from '@shared/util/number-format';

const FILTERS = [{ name: 'PDF、页面图片或 ZIP', extensions: ['pdf', 'zip', 'jpg', 'jpeg', 'png'] }];

export function CaseFilesTab(props: { campaignId: string; files: readonly DrawnFile[]; operator: string }) {
  const { campaignId, files, operator } = props;
  const { message } = App.useApp();
  const attached = useCaseFiles(campaignId);
  const [plan, setPlan] = useState<{
    rows: AttachPlanRow[];
    bytes: Map<string, Uint8Array>;
    skipped: string[];
  } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const byId = new Map(files.map((f) => [f.itemId, f]));
  const caseNoOf = (itemId: string) => byId.get(itemId)?.caseNo ?? itemId;

  const choose = async () => {
    const picked = await getPlatform().openFiles({ multiple: true, filters: FILTERS });
    if (picked.length === 0) return;
    const expanded = expandSources(picked);
    // Page images become one PDF per 案卷 (pages in name order); a broken set is named and left out.
    const sets = await pageSetsToPdfs(expanded.images);
    const sources = [...expanded.files, ...sets.files];
    const skipped = [...expanded.skipped, ...sets.refused];
    const rows = planAttachments(sources, files);
    setErrors([]);
    setPlan({ rows, bytes: new Map(rows.map((r, i) => [r.key, sources[i]!.bytes])), skipped });
  };

  const setItem = (key: string, itemId: string | null) =>
    setPlan((p) => p && { ...p, rows: p.rows.map((r) => (r.key === key ? { ...r, itemId } : r)) });

  const confirm = async () => {
    if (!plan) return;
    const todo = plan.rows.filter((r) => r.itemId && !r.refusal);
    const failed: string[] = [];
    let done = 0;
    for (const r of todo) {
      setBusy(`正在导入 ${done + 1} / ${todo.length}：${r.name}`);
      try {
        await caseFileStore.attachCaseFile({
          campaignId,
          itemId: r.itemId!,
          caseNo: caseNoOf(r.itemId!),
          name: r.name,
          bytes: plan.bytes.get(r.key)!,
          actor: operator,
        });
        done += 1;
      } catch (e) {
        failed.push(e instanceof Error ? e.message : String(e));
      }
    }
    setBusy(null);
    setPlan(null);
    setErrors(failed);
    if (done > 0) message.success(`已导入 ${done} 个电子案卷`);
  };

  const drawnOptions = files.map((f) => ({ value: f.itemId, label: `${f.caseNo}（${f.department}）` }));

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="case-files-tab">
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        把扫描的电子案卷（PDF；逐页扫描的 JPEG/PNG
        图片，每个案卷一个以案号命名的文件夹或“案号_页码”命名；或装有这些文件的 ZIP
        压缩包）附到抽中的案卷上：按文件名中的案号自动对应（全角半角、〔〕[]()（）
        均可，可不带代字），导入前逐个确认。每个文件记录 SHA-256 并留痕；加密或损坏的 PDF 不会导入。
      </Typography.Paragraph>
      <Space>
        <Button
          type="primary"
          onClick={() => void choose()}
          disabled={busy !== null}
          data-testid="case-files-choose"
        >
          批量导入电子案卷…
        </Button>
        {busy && <Typography.Text data-testid="case-files-progress">{busy}</Typography.Text>}
        {(attached?.length ?? 0) > 0 && (
          <Popconfirm
            title="删除本活动电子案卷的文件内容？"
            description="评查结束后按保留规则执行：各文件的登记、SHA-256、页面标记和扣分标注保留，文件内容从本机删除（其他活动仍在用的文件除外），不可撤销，逐个记入操作留痕。"
            okText="删除文件内容"
            okButtonProps={{ danger: true, 'data-testid': 'case-files-purge-ok' } as ButtonProps}
            cancelText="取消"
            onConfirm={() =>
              caseFileStore
                .purgeCampaignCaseFileContent({ campaignId, actor: operator })
                .then((r) =>
                  message.success(`已删除 ${r.files} 个电子案卷的文件内容，释放 ${formatBytes(r.bytes)}`),
                )
            }
          >
            <Button danger disabled={busy !== null} data-testid="case-files-purge">
              按保留规则删除文件内容…
            </Button>
          </Popconfirm>
        )}
      </Space>
      {errors.length > 0 && (
        <Alert
          type="error"
          showIcon
          data-testid="case-files-errors"
          title="以下文件未导入"
          description={errors.map((e) => (
            <div key={e}>{e}</div>
          ))}
        />
      )}
      {plan && (
        <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="case-files-plan">
          {plan.skipped.map((s) => (
            <Alert key={s} type="warning" showIcon title={s} />
          ))}
          <Table<AttachPlanRow>
            size="small"
            pagination={false}
            rowKey="key"
            dataSource={plan.rows}
            columns={[
              { title: '文件名', dataIndex: 'name' },
              { title: '大小', dataIndex: 'size', width: 100, render: (n: number) => formatBytes(n) },
              {
                title: '对应结果',
                width: 140,
                render: (_, r) =>
                  r.refusal ? (
                    <Tag color="red">不能导入</Tag>
                  ) : r.match.status === 'matched' ? (
                    <Tag color="green">按案号对应</Tag>
                  ) : r.match.status === 'ambiguous' ? (
                    <Tag color="orange">多个可能</Tag>
                  ) : (
                    <Tag>未对应</Tag>
                  ),
              },
              {
                title: '附到案卷',
                render: (_, r) =>
                  r.refusal ? (
                    <Typography.Text type="danger">{r.refusal}</Typography.Text>
                  ) : (
                    <Select
                      aria-label={`“${r.name}”附到案卷`}
                      allowClear
                      showSearch={{ optionFilterProp: 'label' }}
                      placeholder="不导入"
                      style={{ width: 360 }}
                      value={r.itemId ?? undefined}
                      onChange={(v: string | undefined) => setItem(r.key, v ?? null)}
                      options={
                        r.match.status === 'ambiguous'
                          ? [
                              ...drawnOptions.filter((o) =>
                                (r.match as { itemIds: string[] }).itemIds.includes(o.value),
                              ),
                              ...drawnOptions.filter(
                                (o) => !(r.match as { itemIds: string[] }).itemIds.includes(o.value),
                              ),
                            ]
                          : drawnOptions
                      }
                    />
                  ),
              },
            ]}
          />
          <Typography.Text data-testid="case-files-summary">{planSummary(plan.rows)}</Typography.Text>
          <Space>
            <Button
              type="primary"
              data-testid="case-files-confirm"
              disabled={busy !== null || !plan.rows.some((r) => r.itemId && !r.refusal)}
              onClick={() => void confirm()}
            >
              确认导入
            </Button>
            <Button onClick={() => setPlan(null)} disabled={busy !== null}>
              取消
            </Button>
          </Space>
        </Space>
      )}
      <Table
        size="small"
        rowKey="id"
        data-testid="case-files-attached"
        dataSource={attached ?? []}
        loading={attached === undefined}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: '还没有附电子案卷' }}
        columns={[
          { title: '案号', render: (_, r) => caseNoOf(r.itemId) },
          { title: '执法部门', render: (_, r) => byId.get(r.itemId)?.department ?? '' },
          { title: '文件', dataIndex: 'name' },
          { title: '大小', dataIndex: 'size', width: 100, render: (n: number) => formatBytes(n) },
          {
            title: 'SHA-256',
            dataIndex: 'sha256',
            width: 150,
            render: (s: string) => (
              <Typography.Text code copyable={{ text: s }} title={s}>
                {s.slice(0, 12)}…
              </Typography.Text>
            ),
          },
          { title: '导入', width: 170, render: (_, r) => `${formatDateTime(r.attachedAt)} ${r.attachedBy}` },
          {
            title: '',
            width: 80,
            render: (_, r) => (
              <Popconfirm
                title={`移除“${r.name}”？`}
                description="移除会记入操作留痕。"
                okText="移除"
                cancelText="取消"
                onConfirm={() => caseFileStore.removeCaseFile(r.id, operator, caseNoOf(r.itemId))}
              >
                <Button size="small" danger>
                  移除
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </Space>
  );
}
