// 校准案卷: the office marks 3-5 assigned files every panel member scores before the real files; once the
// lead has settled them, each reviewer's agreement with the lead's settled sheet is shown here, so that a
// reviewer far off is briefed before the campaign goes on. Rules in shared/review/calibration.ts.
import { useState } from 'react';
import { Alert, App, Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import {
  CALIBRATION_MAX,
  CALIBRATION_MIN,
  calibrationAgreement,
  type ReviewerCalibration,
} from '@shared/review/calibration';
import {
  AMBIGUOUS_BELOW,
  formatAgreementPercent,
  formatCoefficient,
} from '@shared/review/reviewer-agreement';
import type { DrawnFile } from '../db/panel-repository';
import { panelStore } from '../db/hooks/review';
import type { StandardRow } from '../db/workflow-records';
import { filesById, type CampaignData } from '../review/use-review-data';
import { errorText } from '@shared/util/error-text';

export function CalibrationCard({
  data,
  files,
  standards,
  operator,
}: {
  data: CampaignData;
  files: DrawnFile[];
  standards: readonly StandardRow[];
  operator: string;
}) {
  const { message } = App.useApp();
  const record = data.assignment?.record;
  const stored = data.campaign.calibrationItemIds ?? [];
  const [choice, setChoice] = useState<string[] | null>(null);
  const [error, setError] = useState('');
  if (!record) return null;
  const chosen = choice ?? stored;
  const fileOf = filesById(data, files);
  const label = (id: string) => {
    const f = fileOf.get(id);
    return f ? `${f.caseNo}（${f.department}）` : id;
  };
  const rows = calibrationAgreement(
    record.reviewers.map((r) => r.id),
    stored,
    data.sheets,
    data.finals,
    (id, version) => standards.find((s) => s.id === id && s.version === version),
  );
  const names = new Map(record.reviewers.map((r) => [r.id, r.name]));
  const settled = stored.filter((id) => data.finals.some((f) => f.itemId === id)).length;
  const save = async () => {
    setError('');
    try {
      await panelStore.setCalibrationFiles({
        campaignId: data.campaign.id,
        itemIds: chosen,
        actor: operator,
      });
      setChoice(null);
      message.success(chosen.length ? `已指定校准案卷 ${chosen.length} 件` : '已取消校准案卷');
    } catch (e) {
      setError(errorText(e));
    }
  };
  const changed = choice !== null && choice.join('\n') !== stored.join('\n');

  return (
    <Card size="small" title="校准案卷（可选）" data-testid="calibration-card">
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          正式评查前，可指定 {CALIBRATION_MIN}-{CALIBRATION_MAX}{' '}
          件案卷由评查组全体成员各自评分（须回避该单位的成员除外；在“逐卷评查”中排在最前，标“校准”）；组长复核定稿后，这里显示每名评查人员与定稿结论的一致程度，偏离较大的评查人员可在评查正式案卷前先行沟通。
        </Typography.Text>
        <Space wrap>
          <Select
            mode="multiple"
            aria-label="校准案卷"
            data-testid="calibration-files"
            style={{ minWidth: 480 }}
            placeholder={`选择 ${CALIBRATION_MIN}-${CALIBRATION_MAX} 件案卷`}
            value={chosen}
            onChange={(v: string[]) => setChoice(v)}
            maxCount={CALIBRATION_MAX}
            optionFilterProp="label"
            options={record.result.map((e) => ({ value: e.itemId, label: label(e.itemId) }))}
          />
          <Button
            type="primary"
            disabled={!changed}
            onClick={() => void save()}
            data-testid="calibration-save"
          >
            保存
          </Button>
        </Space>
        {error && (
          <Alert
            type="error"
            showIcon
            data-testid="calibration-error"
            title={<span style={{ whiteSpace: 'pre-wrap' }}>{error}</span>}
          />
        )}
        {stored.length > 0 && (
          <>
            <Typography.Text>
              校准案卷 {stored.length} 件，已复核定稿 {settled} 件。
            </Typography.Text>
            <Table<ReviewerCalibration>
              size="small"
              rowKey="reviewerId"
              pagination={false}
              data-testid="calibration-agreement"
              dataSource={rows}
              columns={[
                { title: '评查人员', render: (_: unknown, r) => names.get(r.reviewerId) ?? r.reviewerId },
                { title: '可比较的校准案卷', render: (_: unknown, r) => `${r.fileCount} 件` },
                {
                  title: '与定稿结论的一致率',
                  render: (_: unknown, r) => formatAgreementPercent(r.agreement.percent.value),
                },
                {
                  title: 'Cohen κ',
                  render: (_: unknown, r) =>
                    r.agreement.kappa.value === null
                      ? (r.agreement.kappa.note ?? '—')
                      : formatCoefficient(r.agreement.kappa.value),
                },
                { title: 'Gwet AC1', render: (_: unknown, r) => formatCoefficient(r.agreement.ac1.value) },
                {
                  title: '总分平均相差',
                  render: (_: unknown, r) =>
                    r.agreement.meanTotalGap.value === null
                      ? '—'
                      : `${r.agreement.meanTotalGap.value.toFixed(2)} 分`,
                },
                {
                  title: '',
                  render: (_: unknown, r) =>
                    r.fileCount === 0 ? (
                      <Typography.Text type="secondary">尚无已定稿的校准评分</Typography.Text>
                    ) : offTheLead(r) ? (
                      <Tag color="red">偏离较大，建议评查前沟通</Tag>
                    ) : (
                      <Tag color="green">与定稿基本一致</Tag>
                    ),
                },
              ]}
            />
          </>
        )}
      </Space>
    </Card>
  );
}

/** κ or AC1 below the ambiguity threshold against the lead's settled sheets. */
function offTheLead(r: ReviewerCalibration): boolean {
  const low = (v: number | null) => v !== null && v < AMBIGUOUS_BELOW;
  return low(r.agreement.kappa.value) || low(r.agreement.ac1.value);
}
