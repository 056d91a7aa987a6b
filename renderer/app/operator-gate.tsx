import { useEffect, useState } from 'react';
import { Button, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import { UserOutlined } from '@ant-design/icons';
import { operatorLabel, operatorSettingsSchema, type OperatorSettings } from '@shared/util/operator-settings';
import { OPERATOR_AREA } from '../db/settings-repository';
import { useSettings } from '../db/hooks/settings';
import { useStoreRole } from './store-role-banner';

/**
 * Who is at the keyboard. The app has no accounts (a panel shares machines), so it asks for the
 * operator's name at start and keeps it on this machine; every logged action (定稿, 印发, certificate
 * decisions, restores …) records that name. The header shows it and switches it in two keystrokes.
 */
export function OperatorGate() {
  const [value, save] = useSettings(OPERATOR_AREA, operatorSettingsSchema);
  const [switching, setSwitching] = useState(false);
  // A read-only window (another window is the writer) logs nothing and cannot store a name: it only shows it.
  const writer = useStoreRole() === 'writer';
  if (!value) return null;
  const missing = !value.name && writer;
  return (
    <>
      <Space size={6} data-testid="operator-chip">
        <UserOutlined />
        <Typography.Text>
          当前操作人员：<b>{value.name ? operatorLabel(value) : '未填写'}</b>
        </Typography.Text>
        {writer && (
          <Button size="small" type="link" onClick={() => setSwitching(true)} aria-label="切换操作人员">
            切换
          </Button>
        )}
      </Space>
      {writer && (missing || switching) && (
        <OperatorDialog
          initial={value}
          required={missing}
          onSave={async (v) => {
            await save(v);
            setSwitching(false);
          }}
          onCancel={() => setSwitching(false)}
        />
      )}
    </>
  );
}

function OperatorDialog(props: {
  initial: OperatorSettings;
  required: boolean;
  onSave: (v: OperatorSettings) => Promise<void>;
  onCancel: () => void;
}) {
  const [form] = Form.useForm<{ name: string; unit: string }>();
  const recent = props.initial.recent.filter(
    (r) => r.name !== props.initial.name || r.unit !== props.initial.unit,
  );
  useEffect(() => {
    form.setFieldsValue({ name: props.initial.name, unit: props.initial.unit });
  }, [form, props.initial]);
  const submit = async (v: { name: string; unit?: string }) => {
    const chosen = { name: v.name.trim(), unit: (v.unit ?? '').trim() };
    const others = props.initial.recent.filter((r) => r.name !== chosen.name || r.unit !== chosen.unit);
    const previous = props.initial.name ? [{ name: props.initial.name, unit: props.initial.unit }] : [];
    const merged = [...previous, ...others].filter((r) => r.name !== chosen.name || r.unit !== chosen.unit);
    await props.onSave({ ...chosen, recent: merged.slice(0, 8) });
  };
  return (
    <Modal
      open
      title={props.required ? '请先填写当前操作人员' : '切换操作人员'}
      closable={!props.required}
      mask={{ closable: !props.required }}
      keyboard={!props.required}
      onCancel={props.onCancel}
      footer={null}
      destroyOnHidden
      data-testid="operator-dialog"
    >
      <Typography.Paragraph type="secondary">
        本机不设账户，评查组常共用一台电脑。请填写正在使用本机的人员：导入、抽取、评分、定稿、印发、证件审验和恢复备份等每一步都以此姓名记入操作留痕。换人时点页面顶部的“切换”。
      </Typography.Paragraph>
      {recent.length > 0 && (
        <Space wrap style={{ marginBottom: 12 }}>
          <Typography.Text type="secondary">最近使用：</Typography.Text>
          {recent.map((r) => (
            <Tag.CheckableTag key={`${r.name}|${r.unit}`} checked={false} onChange={() => void submit(r)}>
              {operatorLabel(r)}
            </Tag.CheckableTag>
          ))}
        </Space>
      )}
      <Form form={form} name="operator-dialog" layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item
          label="姓名"
          name="name"
          rules={[
            { required: true, whitespace: true, message: '请填写姓名：操作留痕需要记录是谁做的' },
            { max: 40, message: '姓名不超过 40 个字' },
          ]}
        >
          <Input autoFocus placeholder="如：张三" maxLength={40} />
        </Form.Item>
        <Form.Item
          label="单位或科室（可不填）"
          name="unit"
          rules={[{ max: 80, message: '单位不超过 80 个字' }]}
        >
          <Input placeholder="如：市司法局执法监督科" maxLength={80} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block>
          {props.required ? '开始使用' : '确定'}
        </Button>
      </Form>
    </Modal>
  );
}
