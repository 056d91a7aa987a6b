import { startTransition, useEffect, useRef, useState } from 'react';
import { App } from 'antd';
import { FIELD_LABELS, mappingToHeaderNames, missingRequiredFields } from '@shared/ledger/header';
import { isCancelled } from '@shared/util/cancel';
import { getPlatform, type PickedFile } from '../platform';
import { ledgerStore } from '../db/hooks/ledgers';
import type { ImportRecord } from '../db/schema';
import type {
  EncodingChoice,
  ImportReportSummary,
  LedgerImporter,
  OpenedFile,
  Progress as ImportProgress,
} from '../workers/ledger-import-protocol';
import { useImporterFactory } from './importer-context';
import { formatCount } from './format';
import {
  analyseRequest,
  applyRemembered,
  firstDepartment,
  type Config,
  type Prepared,
  type Stage,
} from './import-wizard-model';

const ACCEPT = [{ name: '电子表格（XLSX/CSV）', extensions: ['xlsx', 'csv', 'txt'] }];

/**
 * The ledger import's steps: open a file (worker), suggest its settings, check it, write it, or 批量导入 the
 * queue; each step with its own cancel, and every failure or cancel leaving the store as it was.
 */
export function useLedgerImport() {
  const { message } = App.useApp();
  const makeImporter = useImporterFactory();
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

  return {
    queue,
    current,
    stage,
    setStage,
    config,
    setConfig,
    batchNote,
    setBatchNote,
    importer,
    fail,
    openFile,
    configure,
    pickFiles,
    nextInQueue,
    analyse,
    exportRowsToFix,
    commit,
    importBatch,
    cancel,
    abandon,
  };
}
