// 评查组与分配: the panel, the standards the campaign will use, the seeded assignment and reassignment.
import { useMemo, useState } from 'react';
import {
  Alert,
  App,
  AutoComplete,
  Button,
  Card,
  Collapse,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { ASSIGNMENT_RULE_TEXT, REVIEWER_ROLES, workloads } from '@shared/assignment/assign-reviewers';
import { getPlatform } from '../platform';
import { panelStore } from '../db/hooks/review';
import {
  exportAssignmentBytes,
  resolveStandardChoices,
  type DrawnFile,
  type StandardChoice,
} from '../db/panel-repository';
import { latestVersions } from '../db/standards-repository';
import { standardFitsCaseType } from '@shared/standards/case-type-fit';
import type { StandardRow } from '../db/workflow-records';
import { filesById, type CampaignData } from '../review/use-review-data';
import { useCaseIndex } from '../ledgers/case-index-context';
import { formatDate, formatDateTime } from '@shared/util/time-format';
import { errorText } from '@shared/util/error-text';
import { CalibrationCard } from './calibration-card';

function randomSeed(): string {
  const n = crypto.getRandomValues(new Uint32Array(2));
  return `${n[0]! % 100000000}`.padStart(8, '0') + `${n[1]! % 10000}`.padStart(4, '0');
}

export function PanelTab({
  data,
  files,
  standards,
  operator,
}: {
  data: CampaignData;
  files: DrawnFile[];
  standards: StandardRow[];
  operator: string;
}) {
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {files.length === 0 && (
        <Alert
          type="warning"
          showIcon
          title="本活动还没有抽取案卷。请先在“评查活动”中完成随机抽取，再分配评查人员。"
        />
      )}
      <StandardsChoiceCard data={data} files={files} standards={standards} />
      <ReviewersCard data={data} />
      <AssignmentCard data={data} files={files} operator={operator} />
      <CalibrationCard data={data} files={files} standards={standards} operator={operator} />
    </Space>
  );
}

function StandardsChoiceCard({
  data,
  files,
  standards,
}: {
  data: CampaignData;
  files: DrawnFile[];
  standards: StandardRow[];
}) {
  const { message } = App.useApp();
  const types = useMemo(() => [...new Set(files.map((f) => f.caseType).filter(Boolean))].sort(), [files]);
  const { choices, missing } = resolveStandardChoices(data.campaign, types, standards);
  const frozen = data.campaign.standardsFrozenAt;
  const saved = (t: string) => data.campaign.standards.find((c) => c.caseType === t);
  // Suggestions (the newest fitting standard) are shown as such until saved: a package carries only
  // saved choices, so "shown" and "used" never differ silently.
  const unsaved = frozen ? [] : choices.filter((c) => !saved(c.caseType));
  const hasStandards = latestVersions(standards).length > 0;
  // Only standards for the row's case type are offered (a 行政强制 standard never scores 行政许可 files).
  const optionsFor = (t: string) =>
    hasStandards
      ? standards
          .filter((s) => standardFitsCaseType(s, t))
          .map((s) => ({
            value: `${s.id}@${s.version}`,
            label: `${s.name} 第 ${s.version} 版${s.status === 'published' ? '（已冻结）' : ''}`,
          }))
      : [];
  const save = async (list: StandardChoice[]) => {
    try {
      await panelStore.setCampaignStandards(data.campaign.id, list);
      message.success('已保存所选评查标准');
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const choose = (caseType: string, v: string) => {
    const [standardId, version] = v.split('@') as [string, string];
    void save([{ caseType, standardId, version: Number(version) }]);
  };
  return (
    <Card
      title="评查标准"
      extra={
        frozen ? (
          <Tag color="blue" data-testid="standards-frozen">
            已于 {formatDate(frozen)} 开始评分，所用版本已冻结
          </Tag>
        ) : (
          <Typography.Text type="secondary">开始评分（第一份评分表保存）时冻结所用版本</Typography.Text>
        )
      }
    >
      {types.length === 0 && (
        <Typography.Text type="secondary">抽取案卷后按案件类型选择标准。</Typography.Text>
      )}
      {missing.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 8 }}
          title={`以下案件类型没有适用的评查标准：${missing.join('、')}。请为其选择一个标准（或在“评查标准”中新建），否则不能开始评分。`}
        />
      )}
      {unsaved.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          data-testid="standards-unsaved"
          title={`${unsaved.map((c) => c.caseType).join('、')}的评查标准是系统建议，尚未保存；保存后才能导出评查包。`}
          action={
            <Button
              size="small"
              type="primary"
              onClick={() => void save(unsaved)}
              data-testid="standards-save"
            >
              保存所选标准
            </Button>
          }
        />
      )}
      <Space orientation="vertical" style={{ width: '100%' }}>
        {types.map((t) => {
          const ch = choices.find((c) => c.caseType === t);
          const isSaved = !!saved(t);
          return (
            <Space key={t}>
              <span style={{ display: 'inline-block', width: 96 }}>{t}</span>
              <Select
                aria-label={`${t}所用标准`}
                style={{ width: 460 }}
                disabled={!!frozen}
                placeholder="选择评查标准"
                status={ch && !isSaved && !frozen ? 'warning' : undefined}
                value={ch ? `${ch.standardId}@${ch.version}` : undefined}
                options={optionsFor(t)}
                notFoundContent={`没有适用于${t}的评查标准，请在“评查标准”中新建`}
                // onSelect (not onChange): choosing the suggested value itself saves it too.
                onSelect={(v: string) => choose(t, v)}
              />
              {ch && !frozen && (
                <Tag color={isSaved ? 'green' : 'orange'} data-testid={`standard-state-${t}`}>
                  {isSaved ? '已保存' : '建议，未保存'}
                </Tag>
              )}
            </Space>
          );
        })}
      </Space>
    </Card>
  );
}

function ReviewersCard({ data }: { data: CampaignData }) {
  const { message } = App.useApp();
  const { index, version } = useCaseIndex();
  const departments = useMemo(
    () => index.distinct('department'),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- index mutated in place; version tracks it
    [index, version],
  );
  const [form] = Form.useForm<{ name: string; unit: string; role: string; conflicts: string[] }>();
  const add = async () => {
    const v = await form.validateFields();
    try {
      await panelStore.addReviewer(data.campaign.id, { ...v, conflicts: v.conflicts ?? [] });
      // The next reviewer starts from a blank form: no field keeps the previous person's value.
      form.resetFields();
      form.getFieldInstance('name')?.focus?.();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <Card title={`评查组（${data.reviewers.length} 人）`}>
      <Form
        form={form}
        layout="inline"
        initialValues={{ role: REVIEWER_ROLES[0], conflicts: [] }}
        onFinish={() => void add()}
        style={{ marginBottom: 12, rowGap: 8 }}
      >
        <Form.Item name="name" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
          <Input placeholder="姓名" aria-label="姓名" style={{ width: 110 }} />
        </Form.Item>
        <Form.Item name="unit" rules={[{ required: true, whitespace: true, message: '请填写所在单位' }]}>
          <AutoComplete
            aria-label="所在单位"
            placeholder="所在单位（回避本单位案卷）"
            style={{ width: 240 }}
            options={departments.map((d) => ({ value: d }))}
            filterOption={(input, o) => String(o?.value ?? '').includes(input)}
          />
        </Form.Item>
        <Form.Item name="role">
          <Select
            aria-label="身份"
            style={{ width: 130 }}
            options={REVIEWER_ROLES.map((r) => ({ value: r, label: r }))}
          />
        </Form.Item>
        <Form.Item name="conflicts">
          <Select
            mode="tags"
            aria-label="声明回避的部门"
            placeholder="声明回避的部门"
            style={{ width: 260 }}
            options={departments.map((d) => ({ value: d, label: d }))}
          />
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit" type="primary">
            添加评查人员
          </Button>
        </Form.Item>
      </Form>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={data.reviewers}
        data-testid="reviewers-table"
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '所在单位', dataIndex: 'unit' },
          { title: '身份', dataIndex: 'role' },
          {
            title: '声明回避',
            dataIndex: 'conflicts',
            render: (c: string[]) => (c.length ? c.map((x) => <Tag key={x}>{x}</Tag>) : '—'),
          },
          {
            title: '',
            width: 80,
            render: (_: unknown, r) => (
              <Button
                size="small"
                type="link"
                danger
                onClick={() =>
                  void panelStore.removeReviewer(r.id).catch((e: unknown) => message.error(errorText(e)))
                }
              >
                移出
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}

function AssignmentCard({
  data,
  files,
  operator,
}: {
  data: CampaignData;
  files: DrawnFile[];
  operator: string;
}) {
  const { message } = App.useApp();
  const [perFile, setPerFile] = useState<1 | 2>(2);
  const [seed, setSeed] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const [moving, setMoving] = useState<{ itemId: string } | null>(null);
  const record = data.assignment?.record ?? null;
  const names = new Map((record?.reviewers ?? data.reviewers).map((r) => [r.id, r.name]));
  const started = data.sheets.length > 0;

  const run = async () => {
    setErrors([]);
    try {
      const res = await panelStore.createAssignment({
        campaignId: data.campaign.id,
        files,
        perFile,
        seed: seed.trim(),
        actor: operator,
      });
      if (!res.ok) setErrors(res.errors);
      else message.success(`已分配 ${res.record.files.length} 件案卷`);
    } catch (e) {
      setErrors([errorText(e)]);
    }
  };
  const exportRecord = async () => {
    if (!record) return;
    const { name, bytes } = exportAssignmentBytes(record, data.campaign.name);
    await getPlatform().saveFile({
      suggestedName: name,
      bytes,
      filters: [{ name: 'JSON 文件', extensions: ['json'] }],
    });
  };
  const fileOf = filesById(data, files);

  return (
    <Card title="分配评查人员" data-testid="assignment-card">
      <Space wrap style={{ marginBottom: 12 }}>
        <span>每卷评查人数</span>
        <Radio.Group
          value={perFile}
          onChange={(e) => setPerFile(e.target.value as 1 | 2)}
          options={[
            { value: 1, label: '1 人' },
            { value: 2, label: '2 人（联合署名，复核人员逐项复核）' },
          ]}
          disabled={started}
        />
        <Input
          aria-label="分配种子"
          placeholder="分配种子（公开的随机数，如现场摇号结果）"
          value={seed}
          onChange={(e) => setSeed(e.target.value)}
          onPressEnter={() => void run()}
          style={{ width: 300 }}
          disabled={started}
        />
        <Button onClick={() => setSeed(randomSeed())} disabled={started}>
          生成种子
        </Button>
        <Button
          type="primary"
          onClick={() => void run()}
          disabled={started || files.length === 0}
          data-testid="assign-run"
        >
          {record ? '重新分配' : '分配'}
        </Button>
        {record && (
          <Button onClick={() => void exportRecord()} data-testid="assign-export">
            导出分配记录（JSON）
          </Button>
        )}
      </Space>
      {started && record && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 8 }}
          title="已开始评分，不能重新分配；个别案卷可“调换评查人员”并写明理由。"
        />
      )}
      {errors.length > 0 && (
        <Alert
          type="error"
          showIcon
          data-testid="assign-errors"
          style={{ marginBottom: 12 }}
          title="无法完成分配"
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          }
        />
      )}
      <Collapse
        size="small"
        style={{ marginBottom: 12 }}
        items={[
          {
            key: 'rule',
            label: '分配规则（写入分配记录）',
            children: <pre style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{ASSIGNMENT_RULE_TEXT}</pre>,
          },
        ]}
      />
      {record && (
        <>
          <Space wrap style={{ marginBottom: 8 }} data-testid="workloads">
            <Typography.Text>种子：{record.seed}</Typography.Text>
            {workloads(record).map((w) => (
              <Tag key={w.reviewerId}>
                {w.name} {w.count} 件
              </Tag>
            ))}
          </Space>
          <Table
            size="small"
            rowKey="itemId"
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            dataSource={record.result}
            data-testid="assignment-table"
            columns={[
              { title: '案件编号', render: (_: unknown, e) => fileOf.get(e.itemId)?.caseNo ?? e.itemId },
              { title: '执法部门', render: (_: unknown, e) => fileOf.get(e.itemId)?.department ?? '' },
              { title: '案件类型', render: (_: unknown, e) => fileOf.get(e.itemId)?.caseType ?? '' },
              {
                title: '评查人员',
                render: (_: unknown, e) => e.reviewerIds.map((id) => names.get(id) ?? id).join('、'),
              },
              {
                title: '',
                width: 110,
                render: (_: unknown, e) => (
                  <Button size="small" type="link" onClick={() => setMoving({ itemId: e.itemId })}>
                    调换评查人员
                  </Button>
                ),
              },
            ]}
          />
          {record.log.length > 0 && (
            <Collapse
              size="small"
              style={{ marginTop: 12 }}
              items={[
                {
                  key: 'log',
                  label: `调换记录（${record.log.length}）`,
                  children: (
                    <ul style={{ margin: 0 }}>
                      {record.log.map((l, i) => (
                        <li key={i}>
                          {formatDateTime(l.at)} {l.by}：{fileOf.get(l.itemId)?.caseNo ?? l.itemId}{' '}
                          {names.get(l.fromReviewerId) ?? l.fromReviewerId} →{' '}
                          {names.get(l.toReviewerId) ?? l.toReviewerId}，理由：{l.reason}
                        </li>
                      ))}
                    </ul>
                  ),
                },
              ]}
            />
          )}
        </>
      )}
      {moving && record && (
        <ReassignModal
          data={data}
          itemId={moving.itemId}
          reviewerIds={record.result.find((e) => e.itemId === moving.itemId)?.reviewerIds ?? []}
          operator={operator}
          onClose={() => setMoving(null)}
        />
      )}
    </Card>
  );
}

function ReassignModal({
  data,
  itemId,
  reviewerIds,
  operator,
  onClose,
}: {
  data: CampaignData;
  itemId: string;
  reviewerIds: string[];
  operator: string;
  onClose: () => void;
}) {
  const [from, setFrom] = useState(reviewerIds[0]);
  const [to, setTo] = useState<string | undefined>();
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const ok = async () => {
    setError('');
    if (!from || !to) return setError('请选择调出和调入的评查人员');
    try {
      await panelStore.reassignReviewer({
        campaignId: data.campaign.id,
        itemId,
        fromReviewerId: from,
        toReviewerId: to,
        reason,
        actor: operator,
      });
      onClose();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <Modal
      open
      title="调换评查人员"
      okText="调换"
      cancelText="取消"
      onOk={() => void ok()}
      onCancel={onClose}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Select
          aria-label="调出"
          value={from}
          onChange={setFrom}
          options={reviewerIds.map((id) => ({
            value: id,
            label: `调出：${data.reviewers.find((r) => r.id === id)?.name ?? id}`,
          }))}
        />
        <Select
          aria-label="调入"
          placeholder="调入的评查人员"
          value={to}
          onChange={setTo}
          options={data.reviewers
            .filter((r) => !reviewerIds.includes(r.id))
            .map((r) => ({ value: r.id, label: `调入：${r.name}（${r.unit}）` }))}
        />
        <Input.TextArea
          aria-label="调换理由"
          placeholder="调换理由（必填，写入分配记录和操作留痕）"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        {error && <Alert type="error" showIcon title={error} />}
      </Space>
    </Modal>
  );
}
