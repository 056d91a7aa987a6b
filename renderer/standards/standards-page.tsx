// 评查标准: every standard and version; the four defaults are seeded on first use and editable.
import { comparePinyin } from '@shared/util/pinyin-sort';
import { useState } from 'react';
import { Alert, App, Button, Card, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { formatHalfPoints } from '@shared/standards/standard-model';
import { getPlatform } from '../platform';
import { exportStandardBytes } from '../db/standards-repository';
import type { StandardRow } from '../db/workflow-records';
import { standardStore, useStandards } from '../db/hooks/standards';
import { StandardEditor } from './standard-editor';
import { useWorkspace } from '../db/hooks/packages';
import { formatDate } from '@shared/util/time-format';
import { errorText } from '@shared/util/error-text';

export function StandardsPage() {
  const { message } = App.useApp();
  const rows = useStandards();
  // On a reviewer's laptop the standards come with the package from the panel: shown and exported,
  // never edited there (a changed standard would not match the panel's).
  const laptop = Boolean(useWorkspace());
  const [editing, setEditing] = useState<StandardRow | null>(null);
  const [importErrors, setImportErrors] = useState<string[]>([]);
  const sorted = [...(rows ?? [])].sort(
    (a, b) => comparePinyin(a.name, b.name) || a.id.localeCompare(b.id) || b.version - a.version,
  );

  const importFiles = async () => {
    setImportErrors([]);
    const files = await getPlatform().openFiles({
      multiple: true,
      filters: [{ name: '评查标准（JSON）', extensions: ['json'] }],
    });
    const errors: string[] = [];
    for (const f of files) {
      try {
        const s = await standardStore.importStandardJson(new TextDecoder().decode(f.bytes), f.name);
        message.success(`已导入“${s.name}”第 ${s.version} 版`);
      } catch (e) {
        errors.push(...errorText(e).split('\n'));
      }
    }
    setImportErrors(errors);
  };
  const exportOne = async (s: StandardRow) => {
    const { name, bytes } = exportStandardBytes(s);
    await getPlatform().saveFile({
      suggestedName: name,
      bytes,
      filters: [{ name: 'JSON 文件', extensions: ['json'] }],
    });
  };
  const run = (p: Promise<unknown>, ok?: string) =>
    void p
      .then(() => {
        if (ok) void message.success(ok);
      })
      .catch((e: unknown) => message.error(errorText(e)));

  return (
    <Card
      title="评查标准"
      extra={
        laptop ? null : (
          <Button onClick={() => void importFiles()} data-testid="standard-import">
            导入标准（JSON）…
          </Button>
        )
      }
    >
      {laptop ? (
        <Alert
          type="info"
          showIcon
          data-testid="standards-read-only"
          style={{ marginBottom: 12 }}
          title="本机是评查人员的评查工作区：评查标准由评查组统一制定，随评查包带来，此处只能查看和导出，不能修改。"
        />
      ) : (
        <Typography.Paragraph type="secondary">
          评查标准是数据，可按本地规定修改。评查活动开始评分时冻结所用版本；此后的修改自动保存为新版本，已冻结的版本不会改变。
          标有“默认模板”的是软件内置的示例标准，请修改后使用。
        </Typography.Paragraph>
      )}
      {importErrors.length > 0 && (
        <Alert
          type="error"
          showIcon
          closable
          data-testid="standard-import-errors"
          style={{ marginBottom: 12 }}
          title="导入失败"
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {importErrors.map((m, i) => (
                <li key={i}>{m}</li>
              ))}
            </ul>
          }
        />
      )}
      <Table
        size="small"
        rowKey={(r) => `${r.id}@${r.version}`}
        loading={!rows}
        pagination={false}
        dataSource={sorted}
        data-testid="standards-table"
        columns={[
          {
            title: '名称',
            render: (_: unknown, r) => (
              <Space>
                {r.name}
                {r.isDefault && !laptop && <Tag color="gold">默认模板，可编辑</Tag>}
              </Space>
            ),
          },
          { title: '适用案件类型', render: (_: unknown, r) => r.caseTypes.join('、') },
          { title: '版本', width: 70, render: (_: unknown, r) => `第 ${r.version} 版` },
          {
            title: '状态',
            width: 150,
            render: (_: unknown, r) =>
              r.status === 'published' ? (
                <Tag color="blue">已冻结 {formatDate(r.frozenAt)}</Tag>
              ) : (
                <Tag>{laptop ? '草稿' : '草稿（可编辑）'}</Tag>
              ),
          },
          {
            title: '构成',
            render: (_: unknown, r) =>
              `${formatHalfPoints(r.totalHalfPoints)} 分 · ${r.categories.length} 类 ${r.categories.reduce((n, c) => n + c.items.length, 0)} 项 · 否决项 ${r.vetoes.length}`,
          },
          {
            title: '操作',
            width: 330,
            render: (_: unknown, r) => (
              <Space size={0} wrap>
                {laptop ? (
                  <Button size="small" type="link" onClick={() => void exportOne(r)}>
                    导出
                  </Button>
                ) : (
                  <>
                    <Button size="small" type="link" onClick={() => setEditing(r)}>
                      {r.status === 'published' ? '修改（生成新版本）' : '编辑'}
                    </Button>
                    {r.status === 'published' && (
                      <Button
                        size="small"
                        type="link"
                        onClick={() =>
                          run(standardStore.createStandardVersion(r.id, r.version), '已生成新版本')
                        }
                      >
                        新建版本
                      </Button>
                    )}
                    <Button
                      size="small"
                      type="link"
                      onClick={() => run(standardStore.copyStandard(r.id, r.version), '已复制为新标准')}
                    >
                      复制
                    </Button>
                    <Button size="small" type="link" onClick={() => void exportOne(r)}>
                      导出
                    </Button>
                    {r.status !== 'published' && (
                      <Popconfirm
                        title={`删除“${r.name}”第 ${r.version} 版？`}
                        okText="删除"
                        cancelText="取消"
                        onConfirm={() => run(standardStore.deleteStandardDraft(r.id, r.version), '已删除')}
                      >
                        <Button size="small" type="link" danger>
                          删除
                        </Button>
                      </Popconfirm>
                    )}
                  </>
                )}
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <StandardEditor
          key={`${editing.id}@${editing.version}`}
          initial={editing}
          onClose={() => setEditing(null)}
        />
      )}
    </Card>
  );
}
