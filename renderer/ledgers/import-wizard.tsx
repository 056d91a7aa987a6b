import { startTransition, useEffect, useRef, useState } from 'react';
import {
  Alert,
  App,
  AutoComplete,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Progress,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import type { ColumnMapping, LedgerField } from '@shared/ledger/types';
import { getPlatform, type PickedFile } from '../platform';
import { ledgerStore } from '../db/hooks/ledgers';
import type { ImportRecord } from '../db/schema';
import { INFERENCE_SOURCE_LABELS } from '@shared/ledger/infer';
import { RESOLUTION_RULE_LABELS } from '@shared/ledger/departments';
import { mergedVariantLines } from '@shared/ledger/department-resolution';
import type {
  AnalyseRequest,
  DepartmentResolutionRow,
  EncodingChoice,
  ImportReportSummary,
  LedgerImporter,
  OpenedFile,
  Progress as ImportProgress,
} from '../workers/ledger-import-protocol';
import { isCancelled } from '@shared/util/cancel';
import { useImporterFactory } from './importer-context';
import { ErrorCellFixer } from './error-cell-fixer';
import { useCaseIndex } from './case-index-context';
import {
  FIELD_LABELS,
  LEDGER_FIELDS,
  mappingFromHeaderNames,
  mappingToHeaderNames,
  missingRequiredFields,
} from '@shared/ledger/header';
import { CASE_TYPES } from '@shared/ledger/normalize';
import { fieldLabelFor } from '@shared/ledger/case-type-fields';
import { IssueTable } from '../ui/issue-table';
import { ImportErrorAlert, ImportSteps } from '../ui/import-steps';
import { LEDGER_ISSUE_LABELS } from './issue-labels';
import { formatCount } from './format';
import { formatDate } from '@shared/util/time-format';
import { SheetConfigureStep } from '../ui/sheet-configure-step';

interface Config {
  encoding: EncodingChoice;
  headerRow: number;
  mapping: ColumnMapping;
  defaultDepartment: string;
  defaultCaseType: string;
  remember: boolean;
  insist: boolean;
  /** Answers for department names the directory does not know (name -> directory name or itself). */
  departmentChoices: Record<string, string>;
}

/** An opened file with the settings it would be checked with. */
interface Prepared {
  file: OpenedFile;
  config: Config;
  duplicates: ImportRecord[];
  remembered: string | null;
}

/** What the worker is asked to check (never the stored ids: the worker keeps its own index of them). */
function analyseRequest(file: OpenedFile, config: Config): AnalyseRequest {
  return {
    fileKey: file.fileKey,
    sheetIndex: file.sheetIndex,
    headerRow: config.headerRow,
    mapping: config.mapping,
    defaultDepartment: config.defaultDepartment.trim() || null,
    defaultCaseType: config.defaultCaseType.trim() || null,
    departmentChoices: config.departmentChoices,
  };
}

type Stage =
  | { kind: 'idle' }
  | { kind: 'busy'; label: string; progress: ImportProgress | null; phase: 'read' | 'analyse' | 'write' }
  | { kind: 'configure'; file: OpenedFile; duplicates: ImportRecord[]; remembered: string | null }
  | { kind: 'report'; file: OpenedFile; summary: ImportReportSummary; duplicates: ImportRecord[] }
  | { kind: 'done'; record: ImportRecord }
  | { kind: 'error'; fileName: string; message: string };

const ACCEPT = [{ name: '电子表格（XLSX/CSV）', extensions: ['xlsx', 'csv', 'txt'] }];

const PHASE_LABEL = { read: '读取文件', analyse: '校验数据', write: '写入数据库' } as const;

export function ImportWizard() {
  const { message } = App.useApp();
  const makeImporter = useImporterFactory();
  const { index } = useCaseIndex();
  const importerRef = useRef<LedgerImporter | null>(null);
  /** The running step's own cancel (a new one for each analyse and commit). */
  const stepRun = useRef<AbortController>(new AbortController());
  const stepSignal = () => (stepRun.current = new AbortController()).signal;
  const [queue, setQueue] = useState<PickedFile[]>([]);
  const [current, setCurrent] = useState<PickedFile | null>(null);
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const [config, setConfig] = useState<Config | null>(null);

  const importer = () => (importerRef.current ??= makeImporter());
  /** The running 批量导入: cancelled by 取消; `stoppedNote` says what it imported and which file it left. */
  const batchRef = useRef<{ cancelled: boolean; stoppedNote: () => string } | null>(null);
  const [batchNote, setBatchNote] = useState<string | null>(null);

  /** A file's settings as suggested: the remembered mapping of its department, or the detected one. */
  async function prepare(opened: OpenedFile, encoding: EncodingChoice): Promise<Prepared> {
    const duplicates = await ledgerStore.findCommittedImportsBySha(opened.sha256);
    let mapping = opened.mapping;
    let remembered: string | null = null;
    const headers = opened.header?.headers ?? [];
    const department = firstDepartment(opened, mapping);
    if (department) {
      const memory = await ledgerStore.recallMapping(department);
      const applied = memory ? applyRemembered(memory.byHeader, headers) : null;
      if (applied) {
        mapping = applied;
        remembered = department;
      }
    }
    const config: Config = {
      encoding,
      headerRow: opened.header?.headerRow ?? 0,
      mapping,
      // a department's own ledger: department and type from its title, names or case numbers (shown)
      defaultDepartment: mapping.department === null ? (opened.inferred.department?.value ?? '') : '',
      defaultCaseType: mapping.caseType === null ? (opened.inferred.caseType?.value ?? '') : '',
      remember: true,
      insist: false,
      departmentChoices: {},
    };
    return { file: opened, config, duplicates, remembered };
  }
  useEffect(() => () => importerRef.current?.dispose(), []);

  const fail = (fileName: string, e: unknown) => {
    if (isCancelled(e)) {
      message.info('已取消，数据库未作任何更改。');
      setStage({ kind: 'idle' });
      setCurrent(null);
      return;
    }
    setStage({ kind: 'error', fileName, message: e instanceof Error ? e.message : String(e) });
  };

  async function openFile(file: PickedFile, encoding: EncodingChoice) {
    setCurrent(file);
    setStage({ kind: 'busy', label: `正在读取“${file.name}”`, progress: null, phase: 'read' });
    try {
      const opened = await importer().open({ name: file.name, bytes: file.bytes }, encoding, (p) =>
        setStage((s) => (s.kind === 'busy' ? { ...s, progress: p } : s)),
      );
      await configure(opened, encoding);
    } catch (e) {
      fail(file.name, e);
    }
  }

  async function configure(opened: OpenedFile, encoding: EncodingChoice) {
    const prepared = await prepare(opened, encoding);
    // The mapping step is a large first render (many antd controls and the preview): as a transition
    // React renders it in slices, so no main-thread task runs past 200 ms (issue 16).
    startTransition(() => showConfigure(prepared));
  }

  function showConfigure(p: Prepared) {
    setConfig(p.config);
    setStage({ kind: 'configure', file: p.file, duplicates: p.duplicates, remembered: p.remembered });
  }

  async function pickFiles() {
    const files = await getPlatform().openFiles({ multiple: true, filters: ACCEPT });
    if (!files.length) return;
    setQueue(files.slice(1));
    await openFile(files[0]!, 'auto');
  }

  async function nextInQueue() {
    const [next, ...rest] = queue;
    setQueue(rest);
    if (next) await openFile(next, 'auto');
    else {
      setStage({ kind: 'idle' });
      setCurrent(null);
    }
  }

  async function analyse(file: OpenedFile, duplicates: ImportRecord[], choices?: Record<string, string>) {
    if (!config) return;
    const departmentChoices = choices ?? config.departmentChoices;
    if (choices) setConfig({ ...config, departmentChoices });
    setStage({ kind: 'busy', label: `正在校验“${file.name}”`, progress: null, phase: 'analyse' });
    try {
      const summary = await importer().analyse(
        analyseRequest(file, { ...config, departmentChoices }),
        (p) => setStage((s) => (s.kind === 'busy' ? { ...s, progress: p } : s)),
        stepSignal(),
      );
      startTransition(() => setStage({ kind: 'report', file, summary, duplicates }));
    } catch (e) {
      fail(file.name, e);
    }
  }

  async function exportRowsToFix(summary: ImportReportSummary) {
    try {
      const bytes = await importer().rowsToFix(summary.fileKey);
      const base = summary.fileName.replace(/\.[^.]+$/, '');
      const saved = await getPlatform().saveFile({
        suggestedName: `${base}-待修改的行.xlsx`,
        bytes,
        filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }],
      });
      if (saved) message.success(`已导出 ${formatCount(summary.counts.errors)} 行待修改的行`);
    } catch (e) {
      message.error(`导出失败：${e instanceof Error ? e.message : String(e)}`);
    }
  }

  async function commit(file: OpenedFile, summary: ImportReportSummary) {
    if (!config) return;
    setStage({ kind: 'busy', label: `正在导入“${file.name}”`, progress: null, phase: 'write' });
    try {
      const record = await store(file, summary, config, (p) =>
        setStage((s) => (s.kind === 'busy' ? { ...s, progress: p } : s)),
      );
      message.success(`已导入 ${formatCount(record.counts.imported)} 件案卷`);
      startTransition(() => setStage({ kind: 'done', record }));
    } catch (e) {
      fail(file.name, e);
    }
  }

  /** The write of an analysed file, the same for one file and for the batch. */
  async function store(
    file: OpenedFile,
    summary: ImportReportSummary,
    cfg: Config,
    onProgress: (p: ImportProgress) => void,
  ): Promise<ImportRecord> {
    const record = await importer().commit(
      { fileKey: file.fileKey, isDemo: false, insistedDuplicate: cfg.insist },
      onProgress,
      stepSignal(),
    );
    if (cfg.remember) {
      const byHeader = mappingToHeaderNames(cfg.mapping, summary.headers);
      for (const d of record.departments.slice(0, 50)) await ledgerStore.rememberMapping(d, byHeader);
    }
    importer().discard(file.fileKey);
    return record;
  }

  /**
   * 批量导入: the file on screen (with the user's settings) and then every queued file (with the suggested,
   * remembered or inferred settings) are read, checked and imported one after another. The batch stops
   * at the first file that needs the user (unreadable, columns missing, rows with errors, no valid row,
   * already imported) and shows it, with the rest still queued; 取消 stops it with the current file unwritten.
   */
  async function importBatch() {
    const run = {
      cancelled: false,
      stoppedNote: () => `已取消批量导入：${imported()}；“${fileName}”未导入，数据库中没有它的任何数据。`,
    };
    batchRef.current = run;
    let rest = queue;
    let next: Prepared | null =
      (stage.kind === 'configure' || stage.kind === 'report') && config
        ? { file: stage.file, config, duplicates: stage.duplicates, remembered: null }
        : null;
    const total = rest.length + (next ? 1 : 0);
    const done: ImportRecord[] = [];
    const progress = (label: string, phase: 'read' | 'analyse' | 'write') =>
      setStage({
        kind: 'busy',
        label: `批量导入第 ${done.length + 1} / ${total} 个文件：正在${label}“${fileName}”`,
        progress: null,
        phase,
      });
    const onProgress = (p: ImportProgress) =>
      setStage((s) => (s.kind === 'busy' ? { ...s, progress: p } : s));
    const imported = () =>
      done.length
        ? `批量导入已导入 ${done.length} 个文件、${formatCount(done.reduce((a, r) => a + r.counts.imported, 0))} 件案卷`
        : '批量导入尚未导入任何文件';
    let fileName = '';
    setBatchNote(null);
    try {
      for (;;) {
        if (!next) {
          const [picked, ...later] = rest;
          if (!picked) break;
          rest = later;
          setQueue(later);
          setCurrent(picked);
          fileName = picked.name;
          progress('读取', 'read');
          try {
            const opened = await importer().open(
              { name: picked.name, bytes: picked.bytes },
              'auto',
              onProgress,
            );
            next = await prepare(opened, 'auto');
            if (run.cancelled) return; // 取消 while reading: the wizard already went back
          } catch (e) {
            if (run.cancelled) throw e;
            setBatchNote(`${imported()}；“${picked.name}”无法读取，需要您处理。`);
            fail(picked.name, e);
            return;
          }
        }
        const item: Prepared = next;
        next = null;
        fileName = item.file.name;
        const missing = missingRequiredFields(item.config.mapping, item.config);
        if (!item.file.header || missing.length) {
          setBatchNote(
            `${imported()}；“${item.file.name}”${item.file.header ? `缺少${missing.map((f) => FIELD_LABELS[f]).join('、')}的对应` : '未能识别表头'}，请确认字段对应。`,
          );
          showConfigure(item);
          return;
        }
        progress('校验', 'analyse');
        const summary = await importer().analyse(
          analyseRequest(item.file, item.config),
          onProgress,
          stepSignal(),
        );
        const reason =
          summary.counts.errors > 0
            ? `有 ${formatCount(summary.counts.errors)} 行错误`
            : summary.counts.valid === 0
              ? '没有有效行'
              : item.duplicates.length > 0 && !item.config.insist
                ? '已导入过'
                : null;
        if (reason) {
          setBatchNote(`${imported()}；“${item.file.name}”${reason}，请查看校验报告后决定。`);
          setConfig(item.config);
          setStage({ kind: 'report', file: item.file, summary, duplicates: item.duplicates });
          return;
        }
        progress('写入', 'write');
        done.push(await store(item.file, summary, item.config, onProgress));
      }
      setBatchNote(`${imported()}，队列中的文件都已处理。`);
      setCurrent(null);
      setStage(done.length ? { kind: 'done', record: done[done.length - 1]! } : { kind: 'idle' });
    } catch (e) {
      if (run.cancelled || isCancelled(e)) {
        setBatchNote(run.stoppedNote());
        setQueue([]);
        setStage({ kind: 'idle' });
        setCurrent(null);
        return;
      }
      setBatchNote(`${imported()}；“${fileName}”处理失败。`);
      fail(fileName, e);
    } finally {
      if (batchRef.current === run) batchRef.current = null;
    }
  }

  function cancel() {
    const batch = batchRef.current;
    if (batch) batch.cancelled = true;
    if (stage.kind === 'busy' && stage.phase === 'read') {
      // Reading is one synchronous step in the worker: stop the worker itself (its answer never comes,
      // so a batch reading this file is told here).
      if (batch) {
        setBatchNote(batch.stoppedNote());
        batchRef.current = null;
      }
      importerRef.current?.dispose();
      importerRef.current = null;
      message.info('已取消读取，数据库未作任何更改。');
      setStage({ kind: 'idle' });
      setCurrent(null);
      setQueue([]);
      return;
    }
    stepRun.current.abort();
  }

  function abandon() {
    if (stage.kind === 'configure' || stage.kind === 'report')
      importerRef.current?.discard(stage.file.fileKey);
    message.info('已放弃该文件，数据库未作任何更改。');
    void nextInQueue();
  }

  const batchSize = queue.length + (stage.kind === 'configure' || stage.kind === 'report' ? 1 : 0);
  const step = { idle: 0, busy: 1, configure: 1, report: 2, done: 3, error: 1 }[stage.kind];

  return (
    <Card
      title="导入执法台账"
      extra={
        queue.length > 0 && (
          <Space>
            <Tag>队列中还有 {queue.length} 个文件</Tag>
            {stage.kind !== 'busy' && (
              <Button
                type="primary"
                data-testid="import-batch"
                title="依次校验并导入队列中的文件，遇到有错误或需要确认的文件时停下"
                onClick={() => void importBatch()}
              >
                批量导入（{batchSize} 个文件）
              </Button>
            )}
          </Space>
        )
      }
    >
      <ImportSteps
        current={
          stage.kind === 'busy' && stage.phase === 'write'
            ? 3
            : stage.kind === 'busy' && stage.phase === 'analyse'
              ? 2
              : step
        }
        marginBottom={20}
      />
      {batchNote && (
        <Alert
          type={
            stage.kind === 'configure' || stage.kind === 'report' || stage.kind === 'error'
              ? 'warning'
              : 'info'
          }
          showIcon
          closable
          onClose={() => setBatchNote(null)}
          data-testid="import-batch-note"
          message={batchNote}
          style={{ marginBottom: 12 }}
        />
      )}
      {stage.kind === 'idle' && (
        <div style={{ textAlign: 'center', padding: '24px 0' }}>
          <InboxOutlined style={{ fontSize: 40, color: '#1f4e99' }} />
          <p>支持 Excel / WPS 导出的 XLSX，以及 UTF-8 或 GBK 编码的 CSV；可一次选择多个文件。</p>
          <Button type="primary" size="large" onClick={pickFiles}>
            选择台账文件…
          </Button>
        </div>
      )}
      {stage.kind === 'busy' && (
        <Space orientation="vertical" style={{ width: '100%' }} data-testid="import-progress">
          <Typography.Text>
            {stage.label}（{PHASE_LABEL[stage.phase]}）…
          </Typography.Text>
          <Progress
            percent={
              stage.progress && stage.progress.total
                ? Math.floor((100 * stage.progress.done) / stage.progress.total)
                : 0
            }
            status="active"
            format={() =>
              stage.progress
                ? `${formatCount(stage.progress.done)} / ${formatCount(stage.progress.total)}`
                : '处理中'
            }
          />
          <Button onClick={cancel}>取消</Button>
        </Space>
      )}
      {stage.kind === 'error' && (
        <ImportErrorAlert
          fileName={stage.fileName}
          message={stage.message}
          testId="import-error"
          onRetryGbk={current ? () => void openFile(current, 'gbk') : undefined}
          nextLabel={queue.length ? '下一个文件' : '返回'}
          onNext={() => void nextInQueue()}
        />
      )}
      {stage.kind === 'configure' && config && current && (
        <ConfigureStep
          file={stage.file}
          duplicates={stage.duplicates}
          remembered={stage.remembered}
          config={config}
          setConfig={setConfig}
          knownDepartments={index.distinct('department')}
          onEncoding={(enc) => void openFile(current, enc)}
          onSheet={async (i) => {
            try {
              await configure(await importer().selectSheet(stage.file.fileKey, i), config.encoding);
            } catch (e) {
              fail(stage.file.name, e);
            }
          }}
          onNext={() => void analyse(stage.file, stage.duplicates)}
          onAbandon={abandon}
        />
      )}
      {stage.kind === 'report' && config && (
        <ReportStep
          summary={stage.summary}
          duplicates={stage.duplicates}
          insist={config.insist}
          onInsist={(insist) => setConfig({ ...config, insist })}
          onBack={() =>
            setStage({ kind: 'configure', file: stage.file, duplicates: stage.duplicates, remembered: null })
          }
          onImport={() => void commit(stage.file, stage.summary)}
          onExportRowsToFix={() => void exportRowsToFix(stage.summary)}
          importer={importer}
          onFixed={() => void analyse(stage.file, stage.duplicates)}
          onAbandon={abandon}
          onChoice={(name, target) =>
            void analyse(stage.file, stage.duplicates, { ...config.departmentChoices, [name]: target })
          }
        />
      )}
      {stage.kind === 'done' && (
        <Alert
          type="success"
          showIcon
          message={`“${stage.record.fileName}”导入完成`}
          description={`导入 ${formatCount(stage.record.counts.imported)} 件；未导入的错误行 ${formatCount(stage.record.counts.errors)} 行；排除（合计、空行等）${formatCount(stage.record.counts.excluded)} 行。`}
          action={
            <Button type="primary" onClick={() => void nextInQueue()}>
              {queue.length ? `继续下一个文件（剩 ${queue.length} 个）` : '完成'}
            </Button>
          }
        />
      )}
    </Card>
  );
}

/** A remembered mapping applies only when every column it names is present in this file. */
function applyRemembered(
  byHeader: Record<LedgerField, string | null>,
  headers: string[],
): ColumnMapping | null {
  const mapping = mappingFromHeaderNames(byHeader, headers);
  const named = LEDGER_FIELDS.filter((f) => byHeader[f]);
  return named.length > 0 && named.every((f) => mapping[f] !== null) ? mapping : null;
}

function firstDepartment(opened: OpenedFile, mapping: ColumnMapping): string | null {
  const col = mapping.department;
  if (col === null || !opened.header) return null;
  const from = Math.max(0, opened.header.headerRow - 3);
  const row = opened.preview[opened.header.headerRow - from + 1];
  const v = row?.[col]?.trim();
  return v || null;
}

function ConfigureStep(props: {
  file: OpenedFile;
  duplicates: ImportRecord[];
  remembered: string | null;
  config: Config;
  setConfig: (c: Config) => void;
  knownDepartments: string[];
  onEncoding: (e: EncodingChoice) => void;
  onSheet: (i: number) => void;
  onNext: () => void;
  onAbandon: () => void;
}) {
  const { file, config, setConfig } = props;
  const headers = file.header?.headers ?? [];
  const MISSING_HINT: Partial<Record<LedgerField, string>> = {
    caseNo: '案件编号列',
    department: '执法部门（选择列或填写本文件所属部门）',
    caseType: '案件类型（选择列或指定统一类型）',
  };
  const missing = missingRequiredFields(config.mapping, config).map(
    (f) => MISSING_HINT[f] ?? FIELD_LABELS[f],
  );
  const unmapped = headers.filter((_, i) => !Object.values(config.mapping).includes(i));
  return (
    <SheetConfigureStep
      file={{ ...file, previewFrom: Math.max(0, (file.header?.headerRow ?? 0) - 3) }}
      headers={headers}
      encoding={config.encoding}
      onEncoding={props.onEncoding}
      onSheet={props.onSheet}
      headerRow={config.headerRow}
      onHeaderRow={(r) => setConfig({ ...config, headerRow: r })}
      // A file of one case type shows its own names (检查日期, not 立案日期, for inspections).
      fields={LEDGER_FIELDS.map((f) => ({
        key: f,
        label: fieldLabelFor(f, config.mapping.caseType === null ? config.defaultCaseType : null),
      }))}
      mapping={config.mapping}
      onField={(f, v) => setConfig({ ...config, mapping: { ...config.mapping, [f]: v } })}
      maxPreviewColumns={20}
      missing={missing}
      onNext={props.onNext}
      onAbandon={props.onAbandon}
      notices={
        <>
          {props.duplicates.length > 0 && (
            <Alert
              type="warning"
              showIcon
              message="该文件已导入过"
              description={`内容完全相同的文件已于 ${props.duplicates.map((d) => formatDate(d.committedAt)).join('、')} 导入（${props.duplicates[0]!.fileName}）。重复导入的案卷会作为“重复”被拒绝；如确需再次导入，请在校验报告中确认。`}
            />
          )}
          {!file.header && (
            <Alert type="warning" showIcon message="未能自动识别表头，请指定表头所在行并核对字段对应。" />
          )}
          <InferredNote file={file} config={config} />
          {file.mappingNotes.length > 0 && (
            <Alert
              type="info"
              showIcon
              data-testid="mapping-notes"
              message="按列内容识别的字段"
              description={
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {file.mappingNotes.map((n) => (
                    <li key={n}>{n}</li>
                  ))}
                </ul>
              }
            />
          )}
          {props.remembered && (
            <Alert type="info" showIcon message={`已套用“${props.remembered}”上次确认的字段对应。`} />
          )}
        </>
      }
      extraFields={
        <>
          <Col xs={24} md={12} xl={8}>
            <Form.Item label="本文件所属部门（无部门列时）" style={{ marginBottom: 8 }}>
              <AutoComplete
                aria-label="本文件所属部门"
                value={config.defaultDepartment}
                options={props.knownDepartments.map((d) => ({ value: d }))}
                onChange={(v) => setConfig({ ...config, defaultDepartment: v })}
                placeholder="如：市市场监督管理局"
                filterOption
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Form.Item label="统一案件类型（无类型列或为空时）" style={{ marginBottom: 8 }}>
              <Select
                aria-label="统一案件类型"
                allowClear
                value={config.defaultCaseType || undefined}
                onChange={(v) => setConfig({ ...config, defaultCaseType: v ?? '' })}
                options={CASE_TYPES.map((t) => ({ value: t }))}
                placeholder="不指定"
              />
            </Form.Item>
          </Col>
        </>
      }
      footer={
        <>
          {unmapped.length > 0 && (
            <Typography.Text type="secondary">
              未对应的列（{unmapped.join('、')}）会随原始单元格一并保存，不会丢弃。
            </Typography.Text>
          )}
          <Space>
            <Checkbox
              checked={config.remember}
              onChange={(e) => setConfig({ ...config, remember: e.target.checked })}
            >
              按部门记住此字段对应
            </Checkbox>
          </Space>
        </>
      }
    />
  );
}

function InferredNote({ file, config }: { file: OpenedFile; config: Config }) {
  const parts: string[] = [];
  const d = file.inferred.department;
  const t = file.inferred.caseType;
  if (d && config.mapping.department === null && config.defaultDepartment === d.value)
    parts.push(`本文件所属部门“${d.value}”（取自${INFERENCE_SOURCE_LABELS[d.source]}“${d.from}”）`);
  if (t && config.mapping.caseType === null && config.defaultCaseType === t.value)
    parts.push(`统一案件类型“${t.value}”（取自${INFERENCE_SOURCE_LABELS[t.source]}“${t.from}”）`);
  if (parts.length === 0) return null;
  return (
    <Alert
      type="info"
      showIcon
      data-testid="import-inferred"
      message={`表中没有对应的列，已推断：${parts.join('；')}。请核对，如不对可在下方修改。`}
    />
  );
}

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

function ReportStep(props: {
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
      <Typography.Text>
        {summary.fileName} · 工作表“{summary.sheetName}”
      </Typography.Text>
      <Row gutter={16}>
        <Col span={5}>
          <Statistic title="读取数据行" value={summary.rowsRead} />
        </Col>
        <Col span={5}>
          <Statistic title="有效（将导入）" value={summary.counts.valid} valueStyle={{ color: '#237804' }} />
        </Col>
        <Col span={5}>
          <Statistic
            title="错误（不导入）"
            value={summary.counts.errors}
            valueStyle={{ color: summary.counts.errors ? '#cf1322' : undefined }}
          />
        </Col>
        <Col span={4}>
          <Statistic title="警告" value={summary.counts.warnings} />
        </Col>
        <Col span={5}>
          <Statistic title="排除（合计、表尾、空行）" value={summary.counts.excluded} />
        </Col>
      </Row>
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
