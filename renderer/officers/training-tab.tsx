import { useMemo, useState } from 'react';
import {
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { trainingStandings, yearlyTrainingHours } from '@shared/officers/training';
import { defaultTrainingYear } from '@shared/review/campaign-year';
import { isIsoDate } from '@shared/officers/dates';
import {
  type OfficerRecord,
  type TrainingAttendanceRecord,
  type TrainingSessionRecord,
} from '../db/officers-repository';
import { toTrainingSettings } from './officer-settings';
import { SheetImportWizard } from './sheet-import-wizard';
import { useOfficersSettings } from './officers-context';
import { officerStore, useOfficers, useTrainingAttendance, useTrainingSessions } from '../db/hooks/officers';
import { useCampaigns } from '../db/hooks/campaigns';

// Stable empties while loading, so memo dependencies do not change on every render.
const NO_SESSIONS: TrainingSessionRecord[] = [];
const NO_ATTENDANCE: TrainingAttendanceRecord[] = [];
const NO_OFFICERS: OfficerRecord[] = [];

export function TrainingTab() {
  const { message } = App.useApp();
  const sessions = useTrainingSessions() ?? NO_SESSIONS;
  const campaigns = useCampaigns();
  // 年度 follows the data until the user picks one: the latest year with training, else the campaign's.
  const [chosenYear, setYear] = useState<number | null>(null);
  const year =
    chosenYear ??
    defaultTrainingYear(
      sessions.map((s) => s.year),
      campaigns ?? [],
      new Date(),
    );
  const attendance = useTrainingAttendance() ?? NO_ATTENDANCE;
  const officers = useOfficers() ?? NO_OFFICERS;
  const [settings] = useOfficersSettings();
  const [onlyShort, setOnlyShort] = useState(false);
  const [importSessionId, setImportSessionId] = useState<string | null>(null);
  const [sessionForm] = Form.useForm<{ title: string; date: string; hours: number; organiser: string }>();
  const [attForm] = Form.useForm<{ sessionId: string; officerIds: string[]; hours?: number }>();

  const inYear = sessions.filter((s) => s.year === year).sort((a, b) => a.date.localeCompare(b.date));
  const attendedBySession = useMemo(() => {
    const m = new Map<string, number>();
    for (const a of attendance) m.set(a.sessionId, (m.get(a.sessionId) ?? 0) + 1);
    return m;
  }, [attendance]);
  const standings = useMemo(
    () =>
      trainingStandings(
        officers,
        yearlyTrainingHours(sessions, attendance, year),
        toTrainingSettings(settings),
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- settings identity changes each render
    [officers, sessions, attendance, year, settings.requiredTrainingHours],
  );
  const shown = onlyShort ? standings.filter((s) => !s.met) : standings;
  const officerOptions = useMemo(
    () =>
      officers
        .filter((o) => o.status !== '注销')
        .map((o) => ({
          value: o.id,
          label: `${o.name}（${o.department}${o.certificateNo ? `，${o.certificateNo}` : ''}）`,
        })),
    [officers],
  );
  const sessionOptions = [...sessions]
    .sort((a, b) => b.date.localeCompare(a.date))
    .map((s) => ({ value: s.id, label: `${s.date} ${s.title}（${s.hours}学时）` }));
  const importSession = sessions.find((s) => s.id === importSessionId) ?? null;
  const years = [...new Set([new Date().getFullYear(), year, ...sessions.map((s) => s.year)])].sort(
    (a, b) => b - a,
  );

  async function addSession(v: { title: string; date: string; hours: number; organiser: string }) {
    try {
      if (!isIsoDate(v.date?.trim() ?? '')) throw new Error('培训日期格式应为 YYYY-MM-DD');
      await officerStore.addTrainingSession({
        title: v.title,
        date: v.date.trim(),
        hours: v.hours,
        organiser: v.organiser ?? '',
      });
      sessionForm.resetFields();
      message.success('已添加培训场次');
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  }

  async function addAttendance(v: { sessionId: string; officerIds: string[]; hours?: number }) {
    try {
      const n = await officerStore.recordAttendance(
        v.sessionId,
        v.officerIds.map((officerId) => ({ officerId, ...(v.hours != null ? { hours: v.hours } : {}) })),
      );
      attForm.resetFields();
      message.success(`已记录 ${n} 人次出勤`);
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16}>
      <Space>
        年度：
        <Select
          aria-label="培训年度"
          value={year}
          onChange={setYear}
          style={{ width: 120 }}
          options={years.map((y) => ({ value: y, label: `${y}年` }))}
        />
        <Typography.Text type="secondary">
          每人每年应完成 {settings.requiredTrainingHours} 学时（可在“设置”中修改）。
        </Typography.Text>
      </Space>
      <Card size="small" title={`${year}年培训场次`}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={inYear}
          columns={[
            { title: '培训名称', dataIndex: 'title' },
            { title: '日期', dataIndex: 'date', width: 110 },
            { title: '学时', dataIndex: 'hours', width: 70, align: 'right' },
            { title: '主办单位', dataIndex: 'organiser', width: 140 },
            {
              title: '出勤人次',
              key: 'n',
              width: 90,
              align: 'right',
              render: (_: unknown, s) => attendedBySession.get(s.id) ?? 0,
            },
          ]}
        />
        <Form
          form={sessionForm}
          layout="inline"
          style={{ marginTop: 12 }}
          onFinish={(v) => void addSession(v)}
        >
          <Form.Item name="title" rules={[{ required: true, whitespace: true, message: '请填写培训名称' }]}>
            <Input aria-label="培训名称" placeholder="培训名称" style={{ width: 260 }} />
          </Form.Item>
          <Form.Item name="date" rules={[{ required: true, message: '请填写日期' }]}>
            <Input aria-label="培训日期" placeholder="日期 YYYY-MM-DD" style={{ width: 150 }} />
          </Form.Item>
          <Form.Item name="hours" rules={[{ required: true, message: '请填写学时' }]}>
            <InputNumber aria-label="学时" min={0.5} max={200} step={0.5} placeholder="学时" />
          </Form.Item>
          <Form.Item name="organiser">
            <Input aria-label="主办单位" placeholder="主办单位" style={{ width: 150 }} />
          </Form.Item>
          <Button htmlType="submit">添加场次</Button>
        </Form>
      </Card>
      <Card size="small" title="登记出勤">
        <Form form={attForm} layout="inline" onFinish={(v) => void addAttendance(v)}>
          <Form.Item name="sessionId" rules={[{ required: true, message: '请选择培训场次' }]}>
            <Select
              aria-label="培训场次"
              placeholder="培训场次"
              style={{ width: 260 }}
              options={sessionOptions}
            />
          </Form.Item>
          <Form.Item name="officerIds" rules={[{ required: true, message: '请选择人员' }]}>
            <Select
              aria-label="出勤人员"
              mode="multiple"
              placeholder="输入姓名或证号选择人员"
              style={{ width: 380 }}
              maxTagCount={3}
              optionFilterProp="label"
              options={officerOptions}
            />
          </Form.Item>
          <Form.Item name="hours">
            <InputNumber
              aria-label="计入学时"
              min={0}
              step={0.5}
              placeholder="学时（默认全程）"
              style={{ width: 150 }}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            记录出勤
          </Button>
        </Form>
      </Card>
      <Space orientation="vertical" style={{ width: '100%' }} size={8}>
        <Space>
          导入出勤到场次：
          <Select
            aria-label="导入出勤的培训场次"
            data-testid="training-import-session"
            placeholder="先选择培训场次"
            style={{ width: 360 }}
            value={importSessionId}
            onChange={setImportSessionId}
            options={sessionOptions}
          />
        </Space>
        <SheetImportWizard
          key={importSessionId ?? 'none'}
          target="training"
          title={`导入培训出勤（签到/学时表）${importSession ? `：${importSession.date} ${importSession.title}` : ''}`}
          sessionId={importSessionId}
          sessionLabel={importSession ? `“${importSession.title}”` : ''}
        />
      </Space>
      <Card
        size="small"
        title={`${year}年度学时完成情况（持证 ${standings.length} 人，不足 ${standings.filter((s) => !s.met).length} 人）`}
        extra={
          <Checkbox checked={onlyShort} onChange={(e) => setOnlyShort(e.target.checked)}>
            只看学时不足
          </Checkbox>
        }
      >
        <Table
          size="small"
          rowKey="officerId"
          data-testid="training-standings"
          pagination={{ pageSize: 12, showSizeChanger: false }}
          dataSource={shown}
          columns={[
            { title: '姓名', dataIndex: 'name' },
            { title: '执法部门', dataIndex: 'department' },
            { title: '已完成学时', dataIndex: 'hours', align: 'right' },
            { title: '应完成', dataIndex: 'required', align: 'right' },
            {
              title: '情况',
              key: 'm',
              render: (_: unknown, s) =>
                s.met ? <Tag color="green">已完成</Tag> : <Tag color="red">还差 {s.shortBy} 学时</Tag>,
            },
          ]}
        />
      </Card>
    </Space>
  );
}
