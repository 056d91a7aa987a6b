import { useEffect } from 'react';
import { App, Button, Card, Form, Input, Typography } from 'antd';
import { operatorSettingsSchema, type OperatorSettings } from '@shared/util/operator-settings';
import { OPERATOR_AREA } from '../db/settings-repository';
import { useSettings } from '../db/hooks/settings';

/** The person at this machine: recorded with imports, draws, decisions and letters in the log. */
export function OperatorCard() {
  const [value, save] = useSettings(OPERATOR_AREA, operatorSettingsSchema);
  const [form] = Form.useForm<OperatorSettings>();
  const { message } = App.useApp();
  useEffect(() => {
    if (value) form.setFieldsValue(value);
  }, [value, form]);
  return (
    <Card title="当前操作人员">
      <Typography.Paragraph type="secondary">
        本机没有账户体系（评查组常共用一台电脑）。此处填写的姓名会记入操作留痕：导入、抽取、评分、发函等每一步都记录操作人。
      </Typography.Paragraph>
      <Form
        form={form}
        layout="inline"
        onFinish={async (v) => {
          try {
            await save({ ...value, ...v });
            message.success('已保存操作人员');
          } catch (error) {
            message.error(error instanceof Error ? error.message : '保存失败，请重试。');
          }
        }}
      >
        <Form.Item label="姓名" name="name" rules={[{ max: 40, message: '姓名不超过 40 个字' }]}>
          <Input placeholder="如：张三" style={{ width: 160 }} />
        </Form.Item>
        <Form.Item label="单位" name="unit" rules={[{ max: 80, message: '单位不超过 80 个字' }]}>
          <Input placeholder="如：市司法局执法监督科" style={{ width: 260 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          保存
        </Button>
      </Form>
    </Card>
  );
}
