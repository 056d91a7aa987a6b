import { useMemo, useState } from 'react';
import { App, Button, Card, Col, Form, Input, Row, Select, Space, Table, Typography } from 'antd';
import {
  eligibleForCertificate,
  examOutcome,
  passRateByDepartment,
  passRateBySitting,
  parseSittingInput,
  sittingLabel,
} from '@shared/officers/exams';
import { isIsoDate } from '@shared/officers/dates';
import { maskIdNumber } from '@shared/officers/id-card';
import {
  type ExamCandidateRecord,
  type ExamSittingRecord,
  type OfficerRecord,
} from '../db/officers-repository';
import { SheetImportWizard } from './sheet-import-wizard';
import { toExamSettings } from './officer-settings';
import { useOfficersSettings } from './officers-context';
import { officerStore, useExamCandidates, useExamSittings, useOfficers } from '../db/hooks/officers';

// Stable empties while loading, so memo dependencies do not change on every render.
const NO_SITTINGS: ExamSittingRecord[] = [];
const NO_CANDIDATES: ExamCandidateRecord[] = [];
const NO_OFFICERS: OfficerRecord[] = [];

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function ExamsTab() {
  const { message } = App.useApp();
  const sittings = useExamSittings() ?? NO_SITTINGS;
  const candidates = useExamCandidates() ?? NO_CANDIDATES;
  const officers = useOfficers() ?? NO_OFFICERS;
  const [settings] = useOfficersSettings();
  const examSettings = toExamSettings(settings);
  const sorted = [...sittings].sort((a, b) => b.number - a.number);
  const [chosen, setChosen] = useState<string | null>(null);
  const sittingId = chosen ?? sorted[0]?.id ?? null;
  const sitting = sittings.find((s) => s.id === sittingId);
  const [form] = Form.useForm<{ number: string; date: string }>();

  const bySitting = useMemo(
    () => passRateBySitting(sittings, candidates, examSettings),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- settings identity changes each render
    [sittings, candidates, settings.passMark],
  );
  const byDept = useMemo(
    () => (sittingId ? passRateByDepartment(candidates, sittings, examSettings, sittingId) : []),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see above
    [candidates, sittings, sittingId, settings.passMark],
  );
  const eligible = useMemo(
    () => eligibleForCertificate(candidates, sittings, officers, examSettings),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see above
    [candidates, sittings, officers, settings.passMark],
  );
  const ofSitting = useMemo(
    () => candidates.filter((c) => c.sittingId === sittingId),
    [candidates, sittingId],
  );

  async function addSitting(v: { number: string; date: string }) {
    try {
      const parsed = parseSittingInput(String(v.number ?? ''));
      if (!parsed.ok) throw new Error(parsed.message);
      const date = v.date?.trim() || null;
      if (date && !isIsoDate(date)) throw new Error('考试日期格式应为 YYYY-MM-DD');
      const s = await officerStore.createSitting({ number: parsed.number, date });
      setChosen(s.id);
      form.resetFields();
      message.success(`已登记${sittingLabel(s)}考试`);
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16}>
      <Card size="small" title="考试期次">
        <Space wrap align="start">
          <Select
            aria-label="考试期次"
            style={{ width: 200 }}
            placeholder="选择考试期次"
            value={sittingId ?? undefined}
            onChange={setChosen}
            options={sorted.map((s) => ({
              value: s.id,
              label: `${sittingLabel(s)}${s.date ? `（${s.date}）` : ''}`,
            }))}
          />
          <Form form={form} layout="inline" onFinish={(v) => void addSitting(v)}>
            <Form.Item name="number" rules={[{ required: true, message: '请填写期次' }]}>
              {/* Text, not a number box: a number box reads "2025年第1期" as 20251. */}
              <Input aria-label="新期次" placeholder="期次，如 17" style={{ width: 130 }} />
            </Form.Item>
            <Form.Item name="date">
              <Input aria-label="考试日期" placeholder="考试日期 YYYY-MM-DD" style={{ width: 180 }} />
            </Form.Item>
            <Button htmlType="submit">登记新期次</Button>
          </Form>
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          公共法律知识和专业法律知识两科均达到合格分（当前 {settings.passMark}{' '}
          分，可在“设置”中修改）才算通过；缺考或缺成绩按未通过计。
        </Typography.Paragraph>
      </Card>
      <SheetImportWizard
        target="exam"
        title={`导入考试成绩${sitting ? `（${sittingLabel(sitting)}）` : ''}`}
        sittingId={sittingId}
        sittingLabel={sitting ? sittingLabel(sitting) : ''}
      />
      <Row gutter={16}>
        <Col span={12}>
          <Card size="small" title="各期通过率">
            <Table
              size="small"
              rowKey="sittingId"
              pagination={false}
              data-testid="pass-rate-by-sitting"
              dataSource={bySitting}
              columns={[
                { title: '期次', dataIndex: 'label' },
                { title: '报考', dataIndex: 'registered', align: 'right' },
                { title: '实考', dataIndex: 'sat', align: 'right' },
                { title: '通过', dataIndex: 'passed', align: 'right' },
                { title: '通过率', dataIndex: 'passRate', align: 'right', render: pct },
              ]}
            />
          </Card>
        </Col>
        <Col span={12}>
          <Card size="small" title={`各单位通过率${sitting ? `（${sittingLabel(sitting)}）` : ''}`}>
            <Table
              size="small"
              rowKey="department"
              pagination={{ pageSize: 8, showSizeChanger: false }}
              dataSource={byDept}
              columns={[
                { title: '单位', dataIndex: 'department' },
                { title: '实考', dataIndex: 'sat', align: 'right' },
                { title: '通过', dataIndex: 'passed', align: 'right' },
                { title: '通过率', dataIndex: 'passRate', align: 'right', render: pct },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Card
        size="small"
        title={`考生成绩${sitting ? `（${sittingLabel(sitting)}，${ofSitting.length} 人）` : ''}`}
      >
        <Table
          size="small"
          rowKey="id"
          pagination={{ pageSize: 10, showSizeChanger: false }}
          dataSource={ofSitting}
          columns={[
            { title: '姓名', dataIndex: 'name' },
            { title: '身份证号', dataIndex: 'idNumber', render: (v: string) => maskIdNumber(v) },
            { title: '单位', dataIndex: 'department' },
            {
              title: '公共法律知识',
              dataIndex: 'publicLawScore',
              align: 'right',
              render: (v: number | null) => v ?? '—',
            },
            {
              title: '专业法律知识',
              dataIndex: 'specialisedScore',
              align: 'right',
              render: (v: number | null) => v ?? '—',
            },
            {
              title: '结果',
              key: 'r',
              render: (_: unknown, c) => {
                const o = examOutcome(c, sitting?.passMark ?? settings.passMark);
                return o.passed ? '通过' : <Typography.Text type="danger">{o.message}</Typography.Text>;
              },
            },
          ]}
        />
      </Card>
      <Card
        size="small"
        title={`可申领执法证的人员（${eligible.eligible.length} 人）`}
        data-testid="eligible-list"
      >
        <Table
          size="small"
          rowKey={(e) => e.candidate.id}
          pagination={{ pageSize: 10, showSizeChanger: false }}
          dataSource={eligible.eligible}
          columns={[
            { title: '姓名', key: 'n', render: (_: unknown, e) => e.candidate.name },
            { title: '单位', key: 'd', render: (_: unknown, e) => e.candidate.department },
            { title: '通过期次', dataIndex: 'sittingLabel' },
            {
              title: '成绩（公共/专业）',
              key: 's',
              render: (_: unknown, e) =>
                `${e.candidate.publicLawScore ?? '—'} / ${e.candidate.specialisedScore ?? '—'}`,
            },
            { title: '名册', key: 'o', render: (_: unknown, e) => (e.officerId ? '已在名册' : '未在名册') },
          ]}
        />
        {eligible.excluded.length > 0 && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            另有 {eligible.excluded.length} 名通过考试的人员不列入：
            {eligible.excluded
              .slice(0, 5)
              .map((x) => `${x.candidate.name}（${x.reason}）`)
              .join('；')}
            {eligible.excluded.length > 5 ? ' 等' : ''}
          </Typography.Paragraph>
        )}
      </Card>
    </Space>
  );
}
