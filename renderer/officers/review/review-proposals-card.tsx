import { useMemo, useState } from 'react';
import { Button, Card, Checkbox, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { comparePinyin, sortPinyin } from '@shared/util/pinyin-sort';
import {
  REVIEW_OUTCOME_LABELS,
  REVIEW_OUTCOMES,
  type ReviewDecision,
  type ReviewOutcome,
  type ReviewProposal,
} from '@shared/officers/annual-review';
import { documentObjectId } from '../../db/letters-repository';
import { DocumentNumberStatus } from '../../letters/document-number-status';
import { VirtualTable, type VirtualColumn } from '../../ui/virtual-table';
import { DepartmentFilter } from '../registry';
import { OUTCOME_COLOR } from './review-decision-modals';
import type { ReviewExportKind } from './use-review-export';

interface ProposalActions {
  onConfirm: (p: ReviewProposal) => void;
  onOverride: (p: ReviewProposal) => void;
  onWithdraw: (p: ReviewProposal) => void;
}

/** The proposals table's columns; the last holds 确认 / 改变… or, once decided, 撤回… until the notice is issued. */
function proposalColumns(
  rows: readonly ReviewProposal[],
  decisions: ReadonlyMap<string, ReviewDecision>,
  noticeIssued: boolean,
  actions: ProposalActions,
): VirtualColumn[] {
  return [
    { key: 'no', title: '序号', width: 60, minWidth: 44, align: 'right', render: (r) => r + 1 },
    { key: 'name', title: '姓名', width: 84, minWidth: 64, render: (r) => rows[r]!.name },
    { key: 'dept', title: '执法部门', width: 190, minWidth: 120, render: (r) => rows[r]!.department },
    { key: 'cert', title: '执法证号', width: 156, render: (r) => rows[r]!.certificateNo },
    {
      key: 'outcome',
      title: '审核建议',
      width: 140,
      minWidth: 96,
      render: (r) => (
        <Tag color={OUTCOME_COLOR[rows[r]!.outcome]}>{REVIEW_OUTCOME_LABELS[rows[r]!.outcome]}</Tag>
      ),
    },
    {
      key: 'reasons',
      title: '理由与提示',
      width: 250,
      minWidth: 120,
      render: (r) => {
        const p = rows[r]!;
        const all = [...p.reasons, ...p.notes];
        return all.length === 0 ? (
          <Typography.Text type="secondary">无</Typography.Text>
        ) : (
          <Tooltip title={all.map((x) => `${x.label}：${x.message}`).join('；')}>
            <span>{all.map((x) => x.label).join('、')}</span>
          </Tooltip>
        );
      },
    },
    {
      key: 'decided',
      title: '审核结论',
      width: 170,
      minWidth: 150,
      render: (r) => {
        const d = decisions.get(rows[r]!.officerId);
        if (!d) return <Typography.Text type="secondary">待审核</Typography.Text>;
        return (
          <Tooltip title={d.overridden ? `改变建议的理由：${d.reason}` : `${d.by} 确认`}>
            <Tag color={OUTCOME_COLOR[d.decided]}>{REVIEW_OUTCOME_LABELS[d.decided]}</Tag>
            {d.overridden && <Tag>已改变建议</Tag>}
          </Tooltip>
        );
      },
    },
    {
      key: 'act',
      title: '操作',
      width: 150,
      render: (r) => {
        const p = rows[r]!;
        if (decisions.has(p.officerId))
          return noticeIssued ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              通知已印发
            </Typography.Text>
          ) : (
            <Button
              size="small"
              onClick={() => actions.onWithdraw(p)}
              data-testid={`withdraw-${p.certificateNo}`}
            >
              撤回…
            </Button>
          );
        return (
          <Space size={4}>
            <Button
              size="small"
              onClick={() => actions.onConfirm(p)}
              data-testid={`confirm-${p.certificateNo}`}
            >
              确认
            </Button>
            <Button
              size="small"
              onClick={() => actions.onOverride(p)}
              data-testid={`override-${p.certificateNo}`}
            >
              改变…
            </Button>
          </Space>
        );
      },
    },
  ];
}

/** 审核建议: filters, the exports and the notice's number, and the proposals (those needing a person first). */
export function ReviewProposalsCard(
  props: ProposalActions & {
    year: number;
    proposals: readonly ReviewProposal[];
    decisions: ReadonlyMap<string, ReviewDecision>;
    noticeIssued: boolean;
    onBatchConfirm: () => void;
    busy: ReviewExportKind | null;
    onSave: (kind: ReviewExportKind) => void;
  },
) {
  const { proposals, decisions, year } = props;
  const [outcomeFilter, setOutcomeFilter] = useState<ReviewOutcome[]>([]);
  const [deptFilter, setDeptFilter] = useState<string[]>([]);
  const [onlyUndecided, setOnlyUndecided] = useState(false);
  const departments = useMemo(() => sortPinyin(new Set(proposals.map((p) => p.department))), [proposals]);
  const rows = useMemo(
    () =>
      proposals
        .filter(
          (p) =>
            (outcomeFilter.length === 0 || outcomeFilter.includes(p.outcome)) &&
            (deptFilter.length === 0 || deptFilter.includes(p.department)) &&
            (!onlyUndecided || !decisions.has(p.officerId)),
        )
        // Proposals needing a person first, then by department and certificate.
        .sort(
          (a, b) =>
            Number(a.outcome === 'pass') - Number(b.outcome === 'pass') ||
            comparePinyin(a.department, b.department) ||
            a.certificateNo.localeCompare(b.certificateNo, 'en'),
        ),
    [proposals, outcomeFilter, deptFilter, onlyUndecided, decisions],
  );
  const columns = proposalColumns(rows, decisions, props.noticeIssued, props);
  return (
    <Card
      size="small"
      title={`审核建议（${rows.length} / ${proposals.length}）`}
      extra={
        <Space wrap>
          <Button onClick={props.onBatchConfirm} data-testid="batch-confirm">
            批量确认无异常的“通过”
          </Button>
          <Button loading={props.busy === 'xlsx'} onClick={() => props.onSave('xlsx')}>
            导出结果 XLSX
          </Button>
          <Button loading={props.busy === 'docx'} onClick={() => props.onSave('docx')}>
            年审通知 DOCX
          </Button>
          <Button loading={props.busy === 'pdf'} onClick={() => props.onSave('pdf')}>
            年审通知 PDF
          </Button>
          <DocumentNumberStatus
            docType="notice"
            objectId={documentObjectId('notice', String(year))}
            label={`${year}年度行政执法证件年审结果通知`}
          />
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          mode="multiple"
          allowClear
          aria-label="按建议筛选"
          placeholder="审核建议"
          style={{ minWidth: 180 }}
          value={outcomeFilter}
          onChange={setOutcomeFilter}
          options={REVIEW_OUTCOMES.map((o) => ({ value: o, label: REVIEW_OUTCOME_LABELS[o] }))}
        />
        <DepartmentFilter departments={departments} value={deptFilter} onChange={setDeptFilter} />
        <Checkbox checked={onlyUndecided} onChange={(e) => setOnlyUndecided(e.target.checked)}>
          只看待审核
        </Checkbox>
      </Space>
      <VirtualTable
        ariaLabel="年审建议"
        columns={columns}
        rowCount={rows.length}
        height={460}
        onOpenRow={(r) => !decisions.has(rows[r]!.officerId) && props.onOverride(rows[r]!)}
      />
    </Card>
  );
}
