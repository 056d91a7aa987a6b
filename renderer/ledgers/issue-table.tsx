import { useMemo, useState } from 'react';
import { Select, Space, Tag, Typography } from 'antd';
import type { LedgerIssue } from '@shared/ledger/types';
import { VirtualTable, type VirtualColumn } from '../app/virtual-table';
import type { ImportReportSummary } from '../workers/ledger-import-protocol';

export const ISSUE_LABELS: Record<string, string> = {
  'missing-field': '缺少必填项',
  'bad-date': '日期无法识别',
  'closed-before-filed': '结案早于立案',
  'bad-amount': '金额无法识别',
  'duplicate-in-file': '文件内重复',
  'duplicate-stored': '与已导入重复',
  'total-row': '合计/小计行',
  'empty-row': '空行',
  'unknown-case-type': '未知案件类型',
};

const SEVERITY: Record<LedgerIssue['severity'], { color: string; label: string }> = {
  error: { color: 'red', label: '错误' },
  warning: { color: 'orange', label: '警告' },
  info: { color: 'default', label: '排除' },
};

export function IssueTable({ summary }: { summary: ImportReportSummary }) {
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
    { key: 'file', title: '文件', width: 160, render: (r) => issues[r]!.file },
    { key: 'sheet', title: '工作表', width: 100, render: (r) => issues[r]!.sheet },
    { key: 'row', title: '行', width: 70, align: 'right', render: (r) => issues[r]!.row },
    { key: 'col', title: '列', width: 110, render: (r) => issues[r]!.column ?? '' },
    {
      key: 'msg',
      title: '说明',
      width: 560,
      render: (r) => <span title={issues[r]!.message}>{issues[r]!.message}</span>,
    },
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text strong>问题清单（共 {summary.totalIssues} 条）</Typography.Text>
        {Object.entries(summary.issueCountsByCode).map(([c, n]) => (
          <Tag key={c}>
            {ISSUE_LABELS[c] ?? c}：{n}
          </Tag>
        ))}
        <Select
          aria-label="按问题类型筛选"
          allowClear
          placeholder="按问题类型筛选"
          style={{ width: 180 }}
          value={code}
          onChange={(v) => setCode(v ?? null)}
          options={Object.keys(summary.issueCountsByCode).map((c) => ({
            value: c,
            label: ISSUE_LABELS[c] ?? c,
          }))}
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
        height={Math.min(360, 34 * (issues.length + 1) + 2)}
      />
    </Space>
  );
}
