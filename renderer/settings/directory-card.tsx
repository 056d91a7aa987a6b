import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { DEPARTMENT_KIND_LABELS, type DepartmentKind } from '@shared/ledger/departments';
import type { DepartmentRecord } from '../db/directory-repository';
import { directoryStore, useDirectory } from '../db/hooks/directory';
import { settingsStore } from '../db/hooks/settings';

type Dialog =
  | { kind: 'edit'; entry: DepartmentRecord | null }
  | { kind: 'rename'; entry: DepartmentRecord }
  | { kind: 'merge'; entry: DepartmentRecord };

const KIND_OPTIONS = (Object.keys(DEPARTMENT_KIND_LABELS) as DepartmentKind[]).map((k) => ({
  value: k,
  label: DEPARTMENT_KIND_LABELS[k],
}));

/** 机构名录: each enforcement department once, with the names and case-number prefixes its ledgers use. */
export function DirectoryCard() {
  const { message } = App.useApp();
  const entries = useDirectory();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [form] = Form.useForm<{
    name: string;
    aliases: string[];
    caseNoPrefixes: string[];
    kind: DepartmentKind;
    target?: string;
  }>();

  const open = (d: Dialog) => {
    setDialog(d);
    const e = d.entry;
    form.setFieldsValue({
      name: e?.name ?? '',
      aliases: e?.aliases ?? [],
      caseNoPrefixes: e?.caseNoPrefixes ?? [],
      kind: e?.kind ?? 'municipal',
      target: undefined,
    });
  };

  async function submit() {
    if (!dialog) return;
    const v = await form.validateFields();
    const actor = await settingsStore.currentOperator();
    try {
      if (dialog.kind === 'edit') {
        await directoryStore.saveDepartment(
          {
            id: dialog.entry?.id,
            name: v.name,
            aliases: v.aliases ?? [],
            caseNoPrefixes: v.caseNoPrefixes ?? [],
            kind: v.kind,
          },
          actor,
        );
        message.success('已保存机构名录');
      } else if (dialog.kind === 'rename') {
        const r = await directoryStore.renameDepartment(dialog.entry.id, v.name, actor);
        message.success(`已改名，${r.files} 件案卷随之改名；原名保留为别名`);
      } else {
        const r = await directoryStore.mergeDepartments(dialog.entry.id, v.target!, actor);
        message.success(`已合并，${r.files} 件案卷改记到目标机构；原名保留为别名`);
      }
      setDialog(null);
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <Card
      title="机构名录"
      data-testid="directory-card"
      extra={
        <Button onClick={() => open({ kind: 'edit', entry: null })} size="small">
          新增机构
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">
        每个执法部门只记一次：全称、简称和别名（如“市应急管理局”“应急局”）、案件编号前缀（如“德应急罚”）。导入台账时部门名称按名录归并
        （全称、别名、“德阳市X”与“市X”、案件编号前缀），分层抽样、回避、排名、整改函和通报只使用全称。名录随导入自动补充，随备份导出和恢复。
      </Typography.Paragraph>
      <Table
        size="small"
        rowKey="id"
        loading={entries === undefined}
        dataSource={entries ?? []}
        pagination={(entries?.length ?? 0) > 20 ? { pageSize: 20 } : false}
        columns={[
          { title: '全称', dataIndex: 'name' },
          {
            title: '简称/别名',
            dataIndex: 'aliases',
            render: (a: string[]) => a.map((x) => <Tag key={x}>{x}</Tag>),
          },
          {
            title: '案件编号前缀',
            dataIndex: 'caseNoPrefixes',
            render: (a: string[]) => a.map((x) => <Tag key={x}>{x}</Tag>),
          },
          {
            title: '类别',
            dataIndex: 'kind',
            width: 140,
            render: (k: DepartmentKind) => DEPARTMENT_KIND_LABELS[k],
          },
          {
            title: '操作',
            key: 'ops',
            width: 200,
            render: (_: unknown, e: DepartmentRecord) => (
              <Space size={4}>
                <Button size="small" type="link" onClick={() => open({ kind: 'edit', entry: e })}>
                  编辑
                </Button>
                <Button size="small" type="link" onClick={() => open({ kind: 'rename', entry: e })}>
                  改名
                </Button>
                <Button
                  size="small"
                  type="link"
                  aria-label={`合并“${e.name}”`}
                  disabled={(entries?.length ?? 0) < 2}
                  onClick={() => open({ kind: 'merge', entry: e })}
                >
                  合并到…
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={dialog !== null}
        title={
          dialog?.kind === 'rename'
            ? `机构改名：${dialog.entry.name}`
            : dialog?.kind === 'merge'
              ? `合并“${dialog.entry.name}”到另一个机构`
              : dialog?.entry
                ? `编辑：${dialog.entry.name}`
                : '新增机构'
        }
        okText={dialog?.kind === 'merge' ? '合并' : dialog?.kind === 'rename' ? '改名' : '保存'}
        cancelText="取消"
        onOk={() => void submit()}
        onCancel={() => setDialog(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          {dialog?.kind === 'merge' ? (
            <>
              <Typography.Paragraph>
                “{dialog.entry.name}
                ”的全称、别名和编号前缀将成为目标机构的别名，已导入的案卷改记到目标机构。此操作记入操作留痕。
              </Typography.Paragraph>
              <Form.Item name="target" label="合并到" rules={[{ required: true, message: '请选择目标机构' }]}>
                <Select
                  aria-label="合并到"
                  showSearch
                  options={(entries ?? [])
                    .filter((e) => e.id !== dialog.entry.id)
                    .map((e) => ({ value: e.id, label: e.name }))}
                />
              </Form.Item>
            </>
          ) : (
            <>
              <Form.Item
                name="name"
                label="全称"
                rules={[{ required: true, whitespace: true, message: '请填写机构全称' }]}
              >
                <Input aria-label="机构全称" disabled={dialog?.kind === 'edit' && dialog.entry !== null} />
              </Form.Item>
              {dialog?.kind === 'edit' && (
                <>
                  <Form.Item name="aliases" label="简称/别名（回车添加）">
                    <Select aria-label="简称/别名" mode="tags" open={false} />
                  </Form.Item>
                  <Form.Item name="caseNoPrefixes" label="案件编号前缀（回车添加）">
                    <Select aria-label="案件编号前缀" mode="tags" open={false} />
                  </Form.Item>
                  <Form.Item name="kind" label="类别">
                    <Select aria-label="类别" options={KIND_OPTIONS} />
                  </Form.Item>
                </>
              )}
            </>
          )}
        </Form>
      </Modal>
    </Card>
  );
}
