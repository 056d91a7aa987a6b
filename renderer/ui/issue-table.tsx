import { useMemo, useState } from 'react';
import { Select, Space, Tag, Typography } from 'antd';
import { VirtualTable, type VirtualColumn } from './virtual-table';

/** One problem of an import report (ledgers, officers, exams, training share this shape). */
export interface ReportIssue {
  severity: 'error' | 'warning' | 'info';
  code: string;
  row: number;
  column: string | null;
  message: string;
  file?: string;
  sheet?: string;
}

export interface IssueListSummary {
  /** Possibly capped; the counts by code are complete. */
  issues: readonly ReportIssue[];
  issueCountsByCode: Record<string, number>;
  totalIssues: number;
}

const SEVERITY: Record<ReportIssue['severity'], { color: string; label: string }> = {
  error: { color: 'red', label: '错误' },
  warning: { color: 'orange', label: '警告' },
  info: { color: 'default', label: '排除' },
};

/** The problem list of an import report: counts per kind, a filter, and a virtual table of rows. */
export function IssueTable({
  summary,
  labels,
  showFile = true,
  height = 360,
}: {
  summary: IssueListSummary;
  /** Chinese name of each issue code. */
  labels: Record<string, string>;
  /** File and sheet columns (useful when several files are imported in one go). */
  showFile?: boolean;
  height?: number;
}) {
  const [code, setCode] = useState<string | null>(null);
  const issues = useMemo(
    () => (code ? summary.issues.filter((i) => i.code === code) : summary.issues),
    [summary, code],
  );
  const columns: VirtualColumn[] = [
    {
      key: 'sev',
      title: '类别',
      width: 70,
      render: (r) => (
        <Tag color={SEVERITY[issues[r]!.severity].color}>{SEVERITY[issues[r]!.severity].label}</Tag>
      ),
    },
    ...(showFile
      ? [
          { key: 'file', title: '文件', width: 160, render: (r: number) => issues[r]!.file ?? '' },
          { key: 'sheet', title: '工作表', width: 100, render: (r: number) => issues[r]!.sheet ?? '' },
        ]
      : []),
    { key: 'row', title: '行', width: 70, align: 'right', render: (r) => issues[r]!.row },
    { key: 'col', title: '列', width: 120, render: (r) => issues[r]!.column ?? '' },
    {
      key: 'msg',
      title: '说明',
      width: showFile ? 560 : 640,
      render: (r) => <span title={issues[r]!.message}>{issues[r]!.message}</span>,
    },
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text strong>问题清单（共 {summary.totalIssues} 条）</Typography.Text>
        {Object.entries(summary.issueCountsByCode).map(([c, n]) => (
          <Tag key={c}>
            {labels[c] ?? c}：{n}
          </Tag>
        ))}
        <Select
          aria-label="按问题类型筛选"
          allowClear
          placeholder="按问题类型筛选"
          style={{ width: 180 }}
          value={code}
          onChange={(v) => setCode(v ?? null)}
          options={Object.keys(summary.issueCountsByCode).map((c) => ({ value: c, label: labels[c] ?? c }))}
        />
      </Space>
      {summary.totalIssues > summary.issues.length && (
        <Typography.Text type="secondary">
          问题过多，仅列出前 {summary.issues.length} 条；各类数量为完整统计。
        </Typography.Text>
      )}
      <VirtualTable
        ariaLabel="校验问题"
        columns={columns}
        rowCount={issues.length}
        height={Math.min(height, 34 * (issues.length + 1) + 2)}
      />
    </Space>
  );
}
