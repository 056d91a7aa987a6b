// Plain-text rendering of a validation report (CLI output, copyable summaries).
import type { ColumnMapping, LedgerIssue, LedgerIssueCode, LedgerReport } from './types';
import { FIELD_LABELS, LEDGER_FIELDS } from './header';

/** Chinese names of the ledger report's issue codes. */
export const LEDGER_ISSUE_LABELS: Record<LedgerIssueCode, string> = {
  'missing-field': '缺少必填项',
  'missing-for-case-type': '缺少该类案件应有的项',
  'bad-date': '日期无法识别',
  'closed-before-filed': '结案早于立案',
  'bad-amount': '金额无法识别',
  'duplicate-in-file': '文件内重复',
  'duplicate-stored': '与已导入重复',
  'total-row': '合计/小计行',
  'footer-row': '表尾签署行',
  'empty-row': '空行',
  'unknown-case-type': '未知案件类型',
  'same-case-no-other-department': '同一编号属于两个部门',
  'case-no-other-department-code': '案号带其他部门代字',
  'text-cleaned': '已删除不可见字符',
};

const SEVERITY_LABEL = { error: '错误', warning: '提醒', info: '已排除' } as const;

/** One line per issue: file / sheet / row / column: message. */
export function formatIssueLine(issue: LedgerIssue): string {
  const where = [issue.file, `工作表“${issue.sheet}”`, `第 ${issue.row} 行`];
  if (issue.column !== null) where.push(`「${issue.column}」列`);
  return `[${SEVERITY_LABEL[issue.severity]}] ${where.join(' / ')}：${issue.message}`;
}

export function formatMappingLines(mapping: ColumnMapping, headers: readonly string[]): string[] {
  return LEDGER_FIELDS.map((f) => {
    const col = mapping[f];
    return `  ${FIELD_LABELS[f]} ← ${col === null ? '（未对应）' : `「${headers[col] || '无表头'}」列`}`;
  });
}

/** The whole report as Chinese text: summary, mapping, then every issue (errors first). */
export function formatReportText(report: LedgerReport, mapping?: ColumnMapping): string {
  const c = report.counts;
  const lines: string[] = [];
  lines.push(`文件：${report.fileName}  工作表：${report.sheetName}  表头在第 ${report.headerRow + 1} 行`);
  lines.push(
    `共读取 ${report.rowsRead} 行：可导入 ${c.valid} 行（其中 ${c.warnings} 行有提醒），有错误 ${c.errors} 行，已排除 ${c.excluded} 行（合计行、空行）。`,
  );
  if (mapping) {
    lines.push('列对应：');
    lines.push(...formatMappingLines(mapping, report.headers));
  }
  const order = { error: 0, warning: 1, info: 2 } as const;
  const sorted = [...report.issues].sort((a, b) => order[a.severity] - order[b.severity] || a.row - b.row);
  if (sorted.length > 0) {
    lines.push('问题：');
    for (const i of sorted) lines.push(formatIssueLine(i));
  }
  if (c.errors === 0 && c.valid > 0) lines.push('结论：台账可以导入。');
  else if (c.valid === 0) lines.push('结论：没有可导入的行，请按上面的提示修改台账后再试。');
  else lines.push(`结论：有 ${c.errors} 行存在错误，导入时这些行将被跳过；建议修改后重新检查。`);
  return lines.join('\n');
}

export interface SummaryOptions {
  mapping?: ColumnMapping;
  /** Issues shown per problem kind (default 3). */
  firstRows?: number;
  /** Lines printed before the problems (what was inferred, missing columns). */
  notes?: readonly string[];
}

/**
 * The report as a summary: counts per problem kind with the first rows of each (the whole list is
 * formatReportText). A 50,000-row file with one systematic problem prints a dozen lines, not 100,000.
 */
export function formatReportSummary(report: LedgerReport, options: SummaryOptions = {}): string {
  const first = options.firstRows ?? 3;
  const c = report.counts;
  const lines: string[] = [];
  lines.push(`文件：${report.fileName}  工作表：${report.sheetName}  表头在第 ${report.headerRow + 1} 行`);
  lines.push(
    `共读取 ${report.rowsRead} 行：可导入 ${c.valid} 行（其中 ${c.warnings} 行有提醒），有错误 ${c.errors} 行，已排除 ${c.excluded} 行（合计行、表尾签署行、空行）。`,
  );
  if (options.mapping) {
    lines.push('列对应：');
    lines.push(...formatMappingLines(options.mapping, report.headers));
  }
  if (options.notes && options.notes.length > 0) lines.push(...options.notes);
  const order = { error: 0, warning: 1, info: 2 } as const;
  const groups = new Map<string, LedgerIssue[]>();
  for (const i of report.issues) {
    const key = `${i.severity}|${i.code}`;
    const g = groups.get(key);
    if (g) g.push(i);
    else groups.set(key, [i]);
  }
  const sorted = [...groups.values()].sort(
    (a, b) => order[a[0]!.severity] - order[b[0]!.severity] || b.length - a.length,
  );
  if (sorted.length > 0) {
    lines.push('问题汇总（每类列出前几条；全部明细请加 --all，或用 --json 输出）：');
    for (const g of sorted) {
      const i0 = g[0]!;
      lines.push(`${SEVERITY_LABEL[i0.severity]} · ${LEDGER_ISSUE_LABELS[i0.code]}：${g.length} 条`);
      for (const i of g.slice(0, first)) lines.push('  ' + formatIssueLine(i));
      if (g.length > first) lines.push(`  ……另有 ${g.length - first} 条`);
    }
  }
  if (c.errors === 0 && c.valid > 0) lines.push('结论：台账可以导入。');
  else if (c.valid === 0) lines.push('结论：没有可导入的行，请按上面的提示修改台账后再试。');
  else lines.push(`结论：有 ${c.errors} 行存在错误，导入时这些行将被跳过；建议修改后重新检查。`);
  return lines.join('\n');
}
