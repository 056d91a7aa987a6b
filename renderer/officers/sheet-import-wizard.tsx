import { useEffect, useRef, useState } from 'react';
import { Alert, App, AutoComplete, Button, Card, Col, Form, Space, Spin, Typography } from 'antd';
import { OFFICER_FIELD_LABELS } from '@shared/officers/officer-import';
import { TRAINING_FIELD_LABELS } from '@shared/officers/training-import';
import { getPlatform, type PickedFile } from '../platform';
import type { OpenedSheet, SheetReportSummary, SheetTarget } from '../workers/officers-import-protocol';
import { SheetImportReport } from './sheet-import-report';
import { SheetConfigureStep } from '../ui/sheet-configure-step';
import { ImportErrorAlert, ImportSteps } from '../ui/import-steps';
import { useOfficersImporterFactory, useOfficersSettings, useOperator } from './officers-context';
import { todayIso, toExamSettings, toOfficerSettings } from './officer-settings';

export const EXAM_FIELD_LABELS: Record<string, string> = {
  name: '姓名',
  idNumber: '身份证号',
  department: '单位',
  publicLawScore: '公共法律知识成绩',
  specialisedScore: '专业法律知识成绩',
  remark: '备注/缺考',
};

const LABELS: Record<SheetTarget, Record<string, string>> = {
  officers: OFFICER_FIELD_LABELS,
  exam: EXAM_FIELD_LABELS,
  training: TRAINING_FIELD_LABELS,
};

type Stage =
  | { kind: 'idle' }
  | { kind: 'busy'; label: string }
  | { kind: 'configure'; sheet: OpenedSheet }
  | { kind: 'report'; sheet: OpenedSheet; summary: SheetReportSummary }
  | { kind: 'done'; text: string }
  | { kind: 'error'; fileName: string; message: string };

const PICK_LABELS: Record<SheetTarget, string> = {
  officers: '选择人员名册文件…',
  exam: '选择成绩文件…',
  training: '选择签到/学时表…',
};

const ACCEPT = [{ name: '电子表格（XLSX/CSV）', extensions: ['xlsx', 'csv', 'txt'] }];

/**
 * Spreadsheet import with the ledgers' flow: choose -> header row and column mapping -> report (nothing
 * written yet) -> one atomic write of the valid rows. Used for the registry, exam results and training
 * attendance.
 */
export function SheetImportWizard(props: {
  target: SheetTarget;
  title: string;
  /** Exam results: the sitting they belong to (the wizard is disabled without one). */
  sittingId?: string | null;
  sittingLabel?: string;
  /** Training attendance: the session it belongs to (the wizard is disabled without one). */
  sessionId?: string | null;
  sessionLabel?: string;
  departments?: string[];
  onDone?: () => void;
}) {
  const { message } = App.useApp();
  const makeImporter = useOfficersImporterFactory();
  const [settings] = useOfficersSettings();
  const operator = useOperator();
  const importerRef = useRef<ReturnType<typeof makeImporter> | null>(null);
  const importer = () => (importerRef.current ??= makeImporter());
  useEffect(() => () => importerRef.current?.dispose(), []);
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const [current, setCurrent] = useState<PickedFile | null>(null);
  const [mapping, setMapping] = useState<Record<string, number | null>>({});
  const [defaultDepartment, setDefaultDepartment] = useState('');
  const [replace, setReplace] = useState(false);
  const labels = LABELS[props.target];

  const fail = (fileName: string, e: unknown) =>
    setStage({ kind: 'error', fileName, message: e instanceof Error ? e.message : String(e) });

  async function openFile(file: PickedFile, encoding: 'auto' | 'gbk' | 'utf-8') {
    setCurrent(file);
    setStage({ kind: 'busy', label: `正在读取“${file.name}”…` });
    try {
      const sheet = await importer().open({ name: file.name, bytes: file.bytes }, encoding, props.target);
      setMapping(sheet.mapping);
      setStage({ kind: 'configure', sheet });
    } catch (e) {
      fail(file.name, e);
    }
  }

  async function pick() {
    const files = await getPlatform().openFiles({ multiple: false, filters: ACCEPT });
    if (files[0]) await openFile(files[0], 'auto');
  }

  async function redescribe(sheet: OpenedSheet, sheetIndex: number, headerRow?: number) {
    try {
      const next = await importer().describe(sheet.fileKey, sheetIndex, headerRow);
      setMapping(next.mapping);
      setStage({ kind: 'configure', sheet: next });
    } catch (e) {
      fail(sheet.name, e);
    }
  }

  async function analyse(sheet: OpenedSheet) {
    setStage({ kind: 'busy', label: `正在校验“${sheet.name}”…` });
    try {
      const today = todayIso();
      const summary =
        props.target === 'officers'
          ? await importer().analyseOfficers({
              fileKey: sheet.fileKey,
              sheetIndex: sheet.sheetIndex,
              headerRow: sheet.headerRow,
              mapping,
              defaultDepartment: defaultDepartment.trim() || null,
              settings: toOfficerSettings(settings),
              today,
              actor: operator.label,
            })
          : props.target === 'exam'
            ? await importer().analyseExam({
                fileKey: sheet.fileKey,
                sheetIndex: sheet.sheetIndex,
                headerRow: sheet.headerRow,
                mapping,
                sittingId: props.sittingId!,
                settings: toExamSettings(settings),
                today,
              })
            : await importer().analyseTraining({
                fileKey: sheet.fileKey,
                sheetIndex: sheet.sheetIndex,
                headerRow: sheet.headerRow,
                mapping,
                sessionId: props.sessionId!,
              });
      setStage({ kind: 'report', sheet, summary });
    } catch (e) {
      fail(sheet.name, e);
    }
  }

  async function commit(sheet: OpenedSheet, summary: SheetReportSummary) {
    setStage({ kind: 'busy', label: `正在写入“${sheet.name}”…` });
    try {
      const r = await importer().commit({ fileKey: sheet.fileKey, actor: operator.label, replace });
      importer().discard(sheet.fileKey);
      const text =
        props.target === 'officers'
          ? `“${summary.fileName}”导入完成：新增 ${r.added} 人，更新 ${r.updated} 人；未导入的错误行 ${summary.counts.errors} 行。`
          : props.target === 'exam'
            ? `“${summary.fileName}”导入完成：${props.sittingLabel ?? ''}考试成绩 ${r.written} 人，其中两科均合格 ${summary.passed} 人。`
            : `“${summary.fileName}”导入完成：${props.sessionLabel ?? ''}出勤 ${r.written} 人次，已计入年度学时；未导入的错误行 ${summary.counts.errors} 行。`;
      message.success(text);
      setStage({ kind: 'done', text });
      props.onDone?.();
    } catch (e) {
      fail(sheet.name, e);
    }
  }

  function abandon() {
    if (stage.kind === 'configure' || stage.kind === 'report')
      importerRef.current?.discard(stage.sheet.fileKey);
    setStage({ kind: 'idle' });
    setCurrent(null);
  }

  const step = { idle: 0, busy: 1, configure: 1, report: 2, done: 3, error: 1 }[stage.kind];
  const disabled =
    (props.target === 'exam' && !props.sittingId) || (props.target === 'training' && !props.sessionId);

  return (
    <Card title={props.title} size="small" data-testid={`import-${props.target}`}>
      <ImportSteps current={step} marginBottom={16} />
      {stage.kind === 'idle' && (
        <Space orientation="vertical">
          <Typography.Text type="secondary">
            支持 Excel/WPS 的 XLSX 和 UTF-8/GBK 编码的
            CSV。先生成校验报告，确认后才写入；写入是一次完成的，失败时数据库保持原状。
          </Typography.Text>
          <Button type="primary" onClick={() => void pick()} disabled={disabled}>
            {PICK_LABELS[props.target]}
          </Button>
          {disabled && (
            <Typography.Text type="warning">
              {props.target === 'exam' ? '请先选择或登记考试期次。' : '请先选择或添加培训场次。'}
            </Typography.Text>
          )}
        </Space>
      )}
      {stage.kind === 'busy' && (
        <Space>
          <Spin /> {stage.label}
        </Space>
      )}
      {stage.kind === 'error' && (
        <ImportErrorAlert
          fileName={stage.fileName}
          message={stage.message}
          testId="officers-import-error"
          onRetryGbk={current ? () => void openFile(current, 'gbk') : undefined}
          nextLabel="返回"
          onNext={abandon}
        />
      )}
      {stage.kind === 'configure' && (
        <ConfigureStep
          sheet={stage.sheet}
          labels={labels}
          mapping={mapping}
          setMapping={setMapping}
          target={props.target}
          defaultDepartment={defaultDepartment}
          setDefaultDepartment={setDefaultDepartment}
          departments={props.departments ?? []}
          onEncoding={(enc) => current && void openFile(current, enc)}
          onSheet={(i) => void redescribe(stage.sheet, i)}
          onHeaderRow={(r) => void redescribe(stage.sheet, stage.sheet.sheetIndex, r)}
          onNext={() => void analyse(stage.sheet)}
          onAbandon={abandon}
        />
      )}
      {stage.kind === 'report' && (
        <SheetImportReport
          target={props.target}
          summary={stage.summary}
          replace={replace}
          onReplace={setReplace}
          onImport={() => void commit(stage.sheet, stage.summary)}
          onBack={() => setStage({ kind: 'configure', sheet: stage.sheet })}
          onAbandon={abandon}
        />
      )}
      {stage.kind === 'done' && (
        <Alert
          type="success"
          showIcon
          message={stage.text}
          data-testid="officers-import-done"
          action={
            <Button type="primary" onClick={abandon}>
              完成
            </Button>
          }
        />
      )}
    </Card>
  );
}

function ConfigureStep(props: {
  sheet: OpenedSheet;
  labels: Record<string, string>;
  mapping: Record<string, number | null>;
  setMapping: (m: Record<string, number | null>) => void;
  target: SheetTarget;
  defaultDepartment: string;
  setDefaultDepartment: (v: string) => void;
  departments: string[];
  onEncoding: (e: 'auto' | 'gbk' | 'utf-8') => void;
  onSheet: (i: number) => void;
  onHeaderRow: (r: number) => void;
  onNext: () => void;
  onAbandon: () => void;
}) {
  const { sheet, mapping } = props;
  const [encoding, setEncoding] = useState<'auto' | 'gbk' | 'utf-8'>('auto');
  const required =
    props.target === 'officers'
      ? [
          ['name', '姓名列'],
          ...(props.defaultDepartment.trim() ? [] : [['department', '执法部门列（或填写整表所属部门）']]),
        ]
      : props.target === 'exam'
        ? [
            ['name', '姓名列'],
            ['publicLawScore', '公共法律知识成绩列'],
            ['specialisedScore', '专业法律知识成绩列'],
          ]
        : [['name', '姓名列']];
  const missing = required
    .filter(([f]) => mapping[f!] === null || mapping[f!] === undefined)
    .map(([, l]) => l!);
  return (
    <SheetConfigureStep
      file={sheet}
      headers={sheet.headers}
      encoding={encoding}
      onEncoding={(v) => {
        setEncoding(v);
        props.onEncoding(v);
      }}
      onSheet={props.onSheet}
      headerRow={sheet.headerRow}
      onHeaderRow={props.onHeaderRow}
      fields={Object.keys(props.labels).map((f) => ({ key: f, label: props.labels[f]! }))}
      mapping={mapping}
      onField={(f, v) => props.setMapping({ ...mapping, [f]: v })}
      maxPreviewColumns={16}
      missing={missing}
      onNext={props.onNext}
      onAbandon={props.onAbandon}
      notices={
        sheet.headerHits === 0 && (
          <Alert
            type="warning"
            showIcon
            data-testid="no-header"
            message={`在“${sheet.name}”中没有找到可识别的表头（如“姓名”“执法部门”“执法证号”）。请指定表头所在行，或在下面逐项选择对应的列。`}
          />
        )
      }
      extraFields={
        props.target === 'officers' && (
          <Col span={6}>
            <Form.Item label="整表所属部门（无部门列时）" style={{ marginBottom: 8 }}>
              <AutoComplete
                aria-label="整表所属部门"
                value={props.defaultDepartment}
                options={props.departments.map((d) => ({ value: d }))}
                onChange={props.setDefaultDepartment}
                placeholder="如：市市场监督管理局"
              />
            </Form.Item>
          </Col>
        )
      }
      footer={
        props.target === 'officers' &&
        mapping.idNumber !== null && (
          <Typography.Text type="secondary">
            身份证号只用于核对重复人员和性别，导入后一律脱敏显示，不出现在任何公示导出中。
          </Typography.Text>
        )
      }
    />
  );
}
