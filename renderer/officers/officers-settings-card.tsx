import { useEffect } from 'react';
import { App, Button, Card, Col, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import { REVIEW_REASON_CODES, REVIEW_REASON_LABELS, type ReasonEffect } from '@shared/officers/annual-review';
import { officersAreaSettingsSchema, type OfficersAreaSettings } from './officer-settings';
import { useOfficersSettings } from './officers-context';

const EFFECT_LABELS: Record<ReasonEffect, string> = {
  fail: '不通过（收回注销）',
  suspend: '暂扣',
  explain: '需书面说明',
  warn: '仅提示',
  off: '不核查',
};

/** 执法人员与证件 settings: thresholds and what each yearly-review ground does. */
export function OfficersSettingsCard() {
  const { message } = App.useApp();
  const [settings, save] = useOfficersSettings();
  const [form] = Form.useForm<OfficersAreaSettings>();
  useEffect(() => form.setFieldsValue(settings), [form, settings]);
  async function submit(v: OfficersAreaSettings) {
    const parsed = officersAreaSettingsSchema.safeParse(v);
    if (!parsed.success) {
      message.error(`设置未保存：${parsed.error.issues.map((i) => i.message).join('；')}`);
      return;
    }
    await save(parsed.data);
    message.success('执法人员与证件设置已保存');
  }
  return (
    <Card title="执法人员与证件" data-testid="officers-settings">
      <Form form={form} layout="vertical" initialValues={settings} onFinish={(v) => void submit(v)}>
        <Row gutter={16}>
          <Col span={6}>
            <Form.Item
              label="证件到期提前提醒（天）"
              name="expiryWarningDays"
              rules={[{ required: true, message: '请填写天数' }]}
            >
              <InputNumber min={0} max={3650} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item
              label="证件有效期（年，无到期日时推算）"
              name="validityYears"
              rules={[{ required: true, message: '请填写年数' }]}
            >
              <InputNumber min={1} max={20} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item
              label="资格考试合格分（每科）"
              name="passMark"
              rules={[{ required: true, message: '请填写合格分' }]}
            >
              <InputNumber min={0} max={1000} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item
              label="每年应完成培训学时"
              name="requiredTrainingHours"
              rules={[{ required: true, message: '请填写学时' }]}
            >
              <InputNumber min={0} max={1000} step={0.5} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item
              label="无执法行为的年限（年）"
              name="inactivityYears"
              rules={[{ required: true, message: '请填写年限' }]}
            >
              <InputNumber min={1} max={10} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item
              label="计入年审的案卷等次"
              name="failingCaseGrade"
              rules={[{ required: true, whitespace: true, message: '请填写等次' }]}
            >
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Text strong>年审规则：各情形的处理</Typography.Text>
        <Row gutter={16} style={{ marginTop: 8 }}>
          {REVIEW_REASON_CODES.map((code) => (
            <Col span={6} key={code}>
              <Form.Item
                label={REVIEW_REASON_LABELS[code]}
                name={['effects', code]}
                style={{ marginBottom: 8 }}
              >
                <Select
                  aria-label={`规则 ${REVIEW_REASON_LABELS[code]}`}
                  options={(Object.keys(EFFECT_LABELS) as ReasonEffect[]).map((e) => ({
                    value: e,
                    label: EFFECT_LABELS[e],
                  }))}
                />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Button type="primary" htmlType="submit">
          保存
        </Button>
      </Form>
    </Card>
  );
}
