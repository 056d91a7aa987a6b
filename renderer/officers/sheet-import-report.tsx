import { Alert, Button, Checkbox, Space, Statistic } from 'antd';
import { ImportCountStats } from '../ui/import-counts';
import type { SheetReportSummary, SheetTarget } from '../workers/officers-import-protocol';
import { IssueTable } from '../ui/issue-table';

const ISSUE_LABELS: Record<string, string> = {
  'missing-column': '缺少列',
  'empty-row': '空行',
  'missing-field': '缺少必填项',
  'bad-id-number': '身份证号有误',
  'bad-date': '日期无法识别',
  'expiry-before-issue': '有效期早于发证日期',
  'unknown-employment-type': '人员性质无法识别',
  'unknown-status': '状态无法识别',
  'unknown-gender': '性别无法识别',
  'gender-mismatch': '性别与身份证号不符',
  'non-formal-staff': '非在编人员持证',
  'duplicate-certificate-in-file': '执法证号重复',
  'duplicate-person-in-file': '人员重复',
  'existing-updated': '更新已登记人员',
  'bad-score': '成绩无法识别',
  'missing-score': '成绩不全',
  'duplicate-in-file': '重复记录',
  'unmatched-officer': '名册中无此人',
  'ambiguous-officer': '无法确定人员',
  'name-mismatch': '姓名与名册不符',
  'bad-hours': '学时有误',
  'session-mismatch': '与所选场次不符',
  'other-session': '其他培训班次（不计入）',
  'existing-replaced': '替换已有出勤',
  'cancelled-certificate': '证件已注销',
};

/** 校验报告 of a registry, exam or attendance sheet: counts, issues, and the way on (nothing written yet). */
export function SheetImportReport(props: {
  target: SheetTarget;
  summary: SheetReportSummary;
  replace: boolean;
  onReplace: (replace: boolean) => void;
  onImport: () => void;
  onBack: () => void;
  onAbandon: () => void;
}) {
  const { target, summary } = props;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12} data-testid="officers-import-report">
      <ImportCountStats
        summary={summary}
        last={
          target === 'officers' ? (
            <Statistic title="新增 / 更新" value={`${summary.added} / ${summary.updated}`} />
          ) : target === 'exam' ? (
            <Statistic title="两科均合格" value={summary.passed} />
          ) : (
            <Statistic title="新增 / 替换出勤" value={`${summary.added} / ${summary.updated}`} />
          )
        }
      />
      {summary.totalIssues > 0 && (
        <IssueTable summary={summary} labels={ISSUE_LABELS} showFile={false} height={320} />
      )}
      {summary.counts.valid === 0 && (
        <Alert
          type="error"
          showIcon
          data-testid="no-valid-rows"
          message="没有有效行可以导入，数据库未作任何更改。请根据上面的问题修改表格，或返回调整字段对应。"
        />
      )}
      {target === 'exam' && (
        <Checkbox checked={props.replace} onChange={(e) => props.onReplace(e.target.checked)}>
          替换本期已有成绩（如本期已导入过）
        </Checkbox>
      )}
      <Space>
        <Button type="primary" disabled={summary.counts.valid === 0} onClick={props.onImport}>
          导入 {summary.counts.valid} 条有效记录
        </Button>
        <Button onClick={props.onBack}>返回修改字段对应</Button>
        <Button onClick={props.onAbandon}>取消导入</Button>
      </Space>
    </Space>
  );
}
