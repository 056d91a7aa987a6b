// Error rows fixed in place (issue 25): pick an error of the report, correct the cell, and the report is
// validated again — all without leaving the wizard. The file is never changed: the correction is kept with
// the import (and in the draw record, so draw verify replays it). Keyboard: the select, then the text field,
// Enter saves and re-validates.
import { useState } from 'react';
import { App, Button, Input, Select, Space, Typography } from 'antd';
import type { LedgerIssue } from '@shared/ledger/types';
import type { ImportReportSummary, LedgerImporter } from '../workers/ledger-import-protocol';

interface Target {
  key: string;
  row: number;
  column: number;
  header: string;
}

function targetOf(issue: LedgerIssue, headers: readonly string[]): Target | null {
  if (issue.severity !== 'error' || issue.column === null) return null;
  const column = headers.indexOf(issue.column);
  if (column < 0) return null;
  return { key: `${issue.row}:${column}`, row: issue.row, column, header: issue.column };
}

export function ErrorCellFixer(props: {
  summary: ImportReportSummary;
  importer: () => Pick<LedgerImporter, 'readCell' | 'fixCell'>;
  /** Validates again after a correction. */
  onFixed: () => void;
}) {
  const { summary } = props;
  const { message } = App.useApp();
  const [target, setTarget] = useState<Target | null>(null);
  const [value, setValue] = useState('');
  const [saving, setSaving] = useState(false);
  const targets = new Map<string, { target: Target; issue: LedgerIssue }>();
  for (const issue of summary.issues) {
    const t = targetOf(issue, summary.headers);
    if (t && !targets.has(t.key)) targets.set(t.key, { target: t, issue });
  }
  if (targets.size === 0 && summary.cellEdits.length === 0) return null;

  async function choose(key: string) {
    const t = targets.get(key)?.target ?? null;
    setTarget(t);
    if (!t) return;
    try {
      setValue(await props.importer().readCell(summary.fileKey, t.row, t.column));
    } catch (e) {
      void message.error(`读取单元格失败：${(e as Error).message}`);
    }
  }

  async function save() {
    if (!target) return;
    setSaving(true);
    try {
      await props.importer().fixCell(summary.fileKey, target.row, target.column, value);
      setTarget(null);
      setValue('');
      props.onFixed();
    } catch (e) {
      void message.error(`未改正：${(e as Error).message}`);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={4} data-testid="error-cell-fixer">
      <Typography.Text strong>在此改正错误行</Typography.Text>
      <Typography.Text type="secondary">
        选择一条错误，改正该单元格后按
        Enter，校验报告随即重新生成。原文件不会被修改；改正记入导入记录和抽取记录，
        核验抽取时按同样的改正重放。
      </Typography.Text>
      {summary.cellEdits.length > 0 && (
        <Typography.Text data-testid="cell-edits">
          已改正 {summary.cellEdits.length} 个单元格：
          {summary.cellEdits
            .slice(0, 5)
            .map((e) => `第 ${e.row} 行“${e.header}”“${e.before}”→“${e.value}”`)
            .join('；')}
          {summary.cellEdits.length > 5 ? ' 等' : ''}
        </Typography.Text>
      )}
      {targets.size > 0 && (
        <Space wrap>
          <Select
            aria-label="选择要改正的错误"
            placeholder="选择要改正的错误"
            style={{ width: 520, maxWidth: '100%' }}
            value={target?.key ?? null}
            onChange={(k: string) => void choose(k)}
            options={[...targets.values()].map(({ target: t, issue }) => ({
              value: t.key,
              label: `第 ${t.row} 行“${t.header}”：${issue.message}`,
            }))}
          />
          <Input
            aria-label="改正后的内容"
            style={{ width: 240 }}
            disabled={!target}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            onPressEnter={() => void save()}
          />
          <Button disabled={!target} loading={saving} onClick={() => void save()}>
            改正并重新校验
          </Button>
        </Space>
      )}
    </Space>
  );
}
