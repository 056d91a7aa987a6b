import { useMemo, useState } from 'react';
import { App, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { operatorSettingsSchema } from '@shared/util/operator-settings';
import { CAMPAIGN_YEAR_NOTE, defaultCampaignYear } from '@shared/review/campaign-year';
import { useCaseIndex } from '../ledgers/case-index-context';
import { useSettings } from '../db/hooks/settings';
import { OPERATOR_AREA } from '../db/settings-repository';
import { CampaignWriteError, validateCampaign, type NewCampaign } from '../db/campaign-repository';
import type { CampaignRecord } from '../db/workflow-records';
import { campaignStore } from '../db/hooks/campaigns';

export function CampaignForm({ onClose }: { onClose: (created: CampaignRecord | null) => void }) {
  const { index, version } = useCaseIndex();
  const { message } = App.useApp();
  const [operator] = useSettings(OPERATOR_AREA, operatorSettingsSchema);
  const [name, setName] = useState('');
  // 年度 follows the files: the year of the latest 结案日期 imported, else this year.
  const [campaignYear, setYear] = useState<number | null>(() =>
    defaultCampaignYear([index.latest('closedDate')], new Date()),
  );
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [departments, setDepartments] = useState<string[]>([]);
  const [caseTypes, setCaseTypes] = useState<string[]>([]);
  const [errors, setErrors] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const options = useMemo(
    () => ({
      departments: index.distinct('department').map((d) => ({ value: d, label: d })),
      caseTypes: index.distinct('caseType').map((t) => ({ value: t, label: t })),
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the index is mutated in place; version tracks it
    [index, version],
  );

  const save = async () => {
    const input: NewCampaign = {
      name,
      year: campaignYear ?? NaN,
      periodFrom: range?.[0]?.format('YYYY-MM-DD') ?? null,
      periodTo: range?.[1]?.format('YYYY-MM-DD') ?? null,
      departments,
      caseTypes,
      createdBy: operator?.name ?? '',
    };
    const problems = validateCampaign(input);
    setErrors(problems);
    if (problems.length) return;
    setSaving(true);
    try {
      const created = await campaignStore.createCampaign(input);
      message.success(`已新建评查活动“${created.name}”`);
      onClose(created);
    } catch (e) {
      setErrors([
        e instanceof CampaignWriteError ? e.message : `保存失败：${String((e as Error)?.message ?? e)}`,
      ]);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title="新建评查活动"
      okText="创建"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void save()}
      onCancel={() => onClose(null)}
      width={640}
      destroyOnHidden
    >
      <Form layout="vertical" onFinish={() => void save()} data-testid="campaign-form">
        <Form.Item
          label="活动名称"
          required
          validateStatus={errors.some((e) => e.includes('名称')) ? 'error' : undefined}
        >
          <Input
            autoFocus
            aria-label="活动名称"
            placeholder="例如：第十一次行政执法案卷评查"
            value={name}
            onChange={(e) => setName(e.target.value)}
            onPressEnter={() => void save()}
          />
        </Form.Item>
        <Form.Item label="年度" required extra={CAMPAIGN_YEAR_NOTE}>
          <InputNumber aria-label="年度" min={2000} max={2100} value={campaignYear} onChange={setYear} />
        </Form.Item>
        <Form.Item
          label="评查范围：结案日期"
          extra="只有结案日期在此范围内的案卷进入总体；不填表示不限。填写后，没有结案日期的案卷不进入总体。"
        >
          <DatePicker.RangePicker
            aria-label="结案日期范围"
            value={range}
            onChange={(v) => setRange(v as [Dayjs | null, Dayjs | null] | null)}
            allowEmpty={[true, true]}
          />
        </Form.Item>
        <Form.Item label="执法部门" extra="不选表示全部部门。">
          <Select
            mode="multiple"
            allowClear
            placeholder="全部部门"
            options={options.departments}
            value={departments}
            onChange={setDepartments}
          />
        </Form.Item>
        <Form.Item label="案件类型" extra="不选表示全部案件类型。">
          <Select
            mode="multiple"
            allowClear
            placeholder="全部案件类型"
            options={options.caseTypes}
            value={caseTypes}
            onChange={setCaseTypes}
          />
        </Form.Item>
        {errors.length > 0 && (
          <div role="alert" data-testid="campaign-form-error" style={{ color: '#cf1322' }}>
            {errors.map((e) => (
              <div key={e}>{e}</div>
            ))}
          </div>
        )}
      </Form>
    </Modal>
  );
}
