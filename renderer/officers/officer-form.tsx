import { useState } from 'react';
import { Alert, AutoComplete, Checkbox, Col, Form, Input, Modal, Row, Select } from 'antd';
import { checkIdNumber, maskIdNumber } from '@shared/officers/id-card';
import { isIsoDate } from '@shared/officers/dates';
import { EMPLOYMENT_TYPES, OFFICER_STATUSES, type Officer } from '@shared/officers/officer-model';
import { newOfficerId, type OfficerRecord } from '../db/officers-repository';
import { officerStore } from '../db/hooks/officers';
import { todayIso } from './officer-settings';

interface FormValues {
  name: string;
  gender: '男' | '女' | null;
  idNumber: string;
  department: string;
  post: string;
  employmentType: Officer['employmentType'];
  certificateNo: string;
  areas: string[];
  issueDate: string;
  expiryDate: string;
  status: Officer['status'];
  inEnforcementPost: boolean;
}

const dateRule = {
  validator: (_: unknown, v: string | undefined) =>
    !v || isIsoDate(v.trim())
      ? Promise.resolve()
      : Promise.reject(new Error('日期格式应为 YYYY-MM-DD，例如 2024-03-01')),
};

/**
 * Add / edit one officer. The ID number field starts empty on edit (the stored number is never put back
 * on screen): leaving it empty keeps the stored one.
 */
export function OfficerForm(props: {
  officer: OfficerRecord | null;
  departments: string[];
  actor: string;
  onClose: (saved: OfficerRecord | null) => void;
}) {
  const { officer } = props;
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const initial: Partial<FormValues> = officer
    ? {
        name: officer.name,
        gender: officer.gender,
        idNumber: '',
        department: officer.department,
        post: officer.post,
        employmentType: officer.employmentType,
        certificateNo: officer.certificateNo,
        areas: officer.areas,
        issueDate: officer.issueDate ?? '',
        expiryDate: officer.expiryDate ?? '',
        status: officer.status,
        inEnforcementPost: officer.inEnforcementPost,
      }
    : { employmentType: '正式在编', status: '有效', inEnforcementPost: true, areas: [], gender: null };

  async function submit(v: FormValues) {
    setError(null);
    setSaving(true);
    try {
      const idNumber = v.idNumber?.trim() ? v.idNumber.trim() : (officer?.idNumber ?? '');
      const base: Officer = {
        id: officer?.id ?? newOfficerId(),
        name: v.name.trim(),
        gender: v.gender ?? null,
        idNumber,
        department: v.department.trim(),
        post: v.post?.trim() ?? '',
        employmentType: v.employmentType,
        certificateNo: v.certificateNo?.trim() ?? '',
        areas: v.areas ?? [],
        issueDate: v.issueDate?.trim() || null,
        expiryDate: v.expiryDate?.trim() || null,
        status: officer?.status ?? v.status,
        statusHistory: officer?.statusHistory ?? [],
        inEnforcementPost: v.inEnforcementPost,
        sanctions: officer?.sanctions ?? [],
        lastEnforcementActDate: officer?.lastEnforcementActDate,
        certificateIssues: officer?.certificateIssues ?? [],
      };
      const saved = await officerStore.saveOfficer(base, { actor: props.actor, today: todayIso() });
      props.onClose(saved);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={officer ? `修改人员信息：${officer.name}` : '新增执法人员'}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={() => props.onClose(null)}
      width={760}
      destroyOnHidden
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => void submit(v)}
        data-testid="officer-form"
      >
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item
              label="姓名"
              name="name"
              rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}
            >
              <Input autoFocus />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item label="性别" name="gender">
              <Select allowClear options={[{ value: '男' }, { value: '女' }]} placeholder="按身份证号" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              label={
                officer?.idNumber
                  ? `身份证号（已登记 ${maskIdNumber(officer.idNumber)}，不改请留空）`
                  : '身份证号'
              }
              name="idNumber"
              rules={[
                {
                  validator: (_, v: string | undefined) => {
                    if (!v || !v.trim()) return Promise.resolve();
                    const c = checkIdNumber(v, todayIso());
                    return c.ok ? Promise.resolve() : Promise.reject(new Error(c.message));
                  },
                },
              ]}
            >
              <Input autoComplete="off" maxLength={20} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              label="执法部门"
              name="department"
              rules={[{ required: true, whitespace: true, message: '请填写执法部门' }]}
            >
              <AutoComplete
                options={props.departments.map((d) => ({ value: d }))}
                placeholder="选择或输入部门"
                filterOption={(input, o) => String(o?.value ?? '').includes(input)}
              />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item label="岗位" name="post">
              <Input />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item label="人员性质" name="employmentType" rules={[{ required: true }]}>
              <Select options={EMPLOYMENT_TYPES.map((t) => ({ value: t }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="执法证号" name="certificateNo">
              <Input placeholder="未持证可留空" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="发证日期" name="issueDate" rules={[dateRule]}>
              <Input placeholder="YYYY-MM-DD" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              label="有效期至"
              name="expiryDate"
              dependencies={['issueDate']}
              rules={[
                dateRule,
                ({ getFieldValue }) => ({
                  validator: (_, v: string | undefined) => {
                    const issue = (getFieldValue('issueDate') as string | undefined)?.trim();
                    return v && issue && isIsoDate(v) && isIsoDate(issue) && v < issue
                      ? Promise.reject(new Error(`有效期至 ${v} 早于发证日期 ${issue}`))
                      : Promise.resolve();
                  },
                }),
              ]}
            >
              <Input placeholder="YYYY-MM-DD" />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item label="执法区域/类别" name="areas">
              <Select mode="tags" tokenSeparators={['、', ',', '，']} placeholder="输入后回车" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              label="证件状态"
              name="status"
              extra={officer ? '状态请在详情中变更（须填写原因）' : undefined}
            >
              <Select disabled={!!officer} options={OFFICER_STATUSES.map((s) => ({ value: s }))} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="inEnforcementPost" valuePropName="checked" style={{ marginBottom: 0 }}>
              <Checkbox>在执法岗位</Checkbox>
            </Form.Item>
          </Col>
        </Row>
        {/* Enter in any field submits. */}
        <button type="submit" hidden />
      </Form>
      {error && <Alert type="error" showIcon message={error} data-testid="officer-form-error" />}
    </Modal>
  );
}
