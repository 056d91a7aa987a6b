import { Alert, Button, Checkbox, Select, Space, Statistic, Table, Typography } from 'antd';
import { ImportCountStats } from '../ui/import-counts';
import { RESOLUTION_RULE_LABELS } from '@shared/ledger/departments';
import { mergedVariantLines } from '@shared/ledger/department-resolution';
import type { ImportRecord } from '../db/schema';
import type {
  DepartmentResolutionRow,
  ImportReportSummary,
  LedgerImporter,
} from '../workers/ledger-import-protocol';
import { IssueTable } from '../ui/issue-table';
import { ErrorCellFixer } from './error-cell-fixer';
import { LEDGER_ISSUE_LABELS } from './issue-labels';
import { formatCount } from './format';

const RULE_TEXT: Record<DepartmentResolutionRow['rule'], string> = {
  ...RESOLUTION_RULE_LABELS,
  unknown: '名录中没有：将作为新机构',
  'choice-alias': '按您的选择：作为别名',
  'choice-new': '按您的选择：新机构',
};

function DepartmentResolutions(props: {
  summary: ImportReportSummary;
  onChoice: (name: string, target: string) => void;
}) {
  const { departments, directoryNames } = props.summary;
  if (departments.length === 0) return null;
  const canonical = new Set(departments.map((d) => d.department));
  const unknown = departments.filter((d) => d.rule === 'unknown').length;
  const merged = mergedVariantLines(departments);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={4} data-testid="department-resolutions">
      <Typography.Text strong>
        执法部门对应机构名录：表中 {departments.length} 个名称 → {canonical.size} 个机构
        {unknown > 0 ? `（${unknown} 个名称名录中没有，请确认是新机构还是某机构的别名）` : ''}
      </Typography.Text>
      {merged.length > 0 && (
        <Alert
          type="info"
          showIcon
          data-testid="merged-departments"
          title={`以下 ${merged.length} 个名称合并计入其他机构，请核对：`}
          description={merged.map((line) => (
            <div key={line}>{line}</div>
          ))}
        />
      )}
      <Table
        size="small"
        pagination={departments.length > 10 ? { pageSize: 10 } : false}
        rowKey="input"
        dataSource={departments}
        columns={[
          { title: '表中名称', dataIndex: 'input' },
          { title: '行数', dataIndex: 'rows', width: 80, render: (n: number) => formatCount(n) },
          {
            title: '记入机构',
            key: 'department',
            render: (_: unknown, r: DepartmentResolutionRow) =>
              r.rule === 'unknown' || r.rule === 'choice-alias' || r.rule === 'choice-new' ? (
                <Select
                  aria-label={`“${r.input}”记入`}
                  style={{ minWidth: 260 }}
                  value={r.rule === 'choice-alias' ? r.department : r.input}
                  onChange={(v: string) => props.onChoice(r.input, v)}
                  options={[
                    { value: r.input, label: `新机构：${r.input}` },
                    // the directory's names, and the new names of this same ledger
                    ...[
                      ...new Set([
                        ...directoryNames,
                        ...departments
                          .filter((d) => d.rule === 'unknown' || d.rule === 'choice-new')
                          .map((d) => d.input),
                      ]),
                    ]
                      .filter((n) => n !== r.input)
                      .map((n) => ({ value: n, label: `是“${n}”的别名` })),
                  ]}
                />
              ) : (
                r.department
              ),
          },
          {
            title: '依据',
            key: 'rule',
            render: (_: unknown, r: DepartmentResolutionRow) =>
              RULE_TEXT[r.rule] + (r.via && r.rule !== 'exact' ? `（${r.via}）` : ''),
          },
        ]}
      />
    </Space>
  );
}

/** 校验报告: counts, departments as resolved, the issues with their fixer, and the way on. */
export function ReportStep(props: {
  onChoice: (name: string, target: string) => void;
  onExportRowsToFix: () => void;
  importer: () => Pick<LedgerImporter, 'readCell' | 'fixCell'>;
  onFixed: () => void;
  summary: ImportReportSummary;
  duplicates: ImportRecord[];
  insist: boolean;
  onInsist: (v: boolean) => void;
  onBack: () => void;
  onImport: () => void;
  onAbandon: () => void;
}) {
  const { summary } = props;
  const blockedByDuplicate = props.duplicates.length > 0 && !props.insist;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12} data-testid="import-report">
      <ImportCountStats
        summary={summary}
        last={<Statistic title="排除（合计、表尾、空行）" value={summary.counts.excluded} />}
      />
      {/* One sentence that adds up: every row read is imported, refused or excluded. */}
      <Typography.Text data-testid="report-sentence">
        读取 {formatCount(summary.rowsRead)} 行 = 导入 {formatCount(summary.counts.valid)} 行 + 有错误不导入{' '}
        {formatCount(summary.counts.errors)} 行 + 排除（合计、表尾、空行）
        {formatCount(summary.counts.excluded)} 行
        {summary.counts.warnings > 0 ? `；导入的行中 ${formatCount(summary.counts.warnings)} 行有提醒` : ''}。
      </Typography.Text>
      {summary.counts.errors > 0 && (
        <Space wrap>
          <Typography.Text type="secondary">
            有错误的行不会导入：可在下方逐个改正后重新校验，或导出这些行（原单元格和问题说明），改正后作为新文件再导入。
          </Typography.Text>
          <Button onClick={props.onExportRowsToFix} data-testid="export-rows-to-fix">
            导出待修改的行（XLSX）
          </Button>
        </Space>
      )}
      {summary.validByDepartment.length > 0 && (
        <Typography.Text type="secondary">
          有效案卷按部门：
          {summary.validByDepartment
            .slice(0, 12)
            .map((d) => `${d.department} ${d.count}`)
            .join('；')}
          {summary.validByDepartment.length > 12 ? ` 等 ${summary.validByDepartment.length} 个部门` : ''}
        </Typography.Text>
      )}
      <ErrorCellFixer summary={summary} importer={props.importer} onFixed={props.onFixed} />
      <DepartmentResolutions summary={summary} onChoice={props.onChoice} />
      {summary.totalIssues > 0 && <IssueTable summary={summary} labels={LEDGER_ISSUE_LABELS} />}
      {props.duplicates.length > 0 && (
        <Checkbox checked={props.insist} onChange={(e) => props.onInsist(e.target.checked)}>
          我确认要再次导入这个已导入过的文件
        </Checkbox>
      )}
      {summary.counts.valid === 0 && (
        <Alert
          type="error"
          showIcon
          message="没有有效行可以导入。请根据上面的问题修改台账，或返回调整字段对应。"
        />
      )}
      <Space>
        <Button
          type="primary"
          disabled={summary.counts.valid === 0 || blockedByDuplicate}
          onClick={props.onImport}
        >
          导入 {formatCount(summary.counts.valid)} 条有效记录
        </Button>
        <Button onClick={props.onBack}>返回修改字段对应</Button>
        <Button onClick={props.onAbandon}>取消导入</Button>
      </Space>
    </Space>
  );
}
