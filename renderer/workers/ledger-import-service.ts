// The import pipeline behind the worker: read -> header/mapping -> report -> atomic write.
// Runs in the ledger-import worker in the app, and in-process in the UI tests.
import { comparePinyin } from '@shared/util/pinyin-sort';
import { readWorkbook, readWorkbookSheet, firstDataSheetIndex } from '@shared/ledger/read-workbook';
import { guessHeader, suggestMapping } from '@shared/ledger/header';
import { suggestSheetMapping } from '@shared/ledger/case-number-column';
import { rowsToFixSheet } from '@shared/ledger/rows-to-fix';
import { writeXlsx } from '@shared/xlsx/write-xlsx';
import { buildLedgerReportAsync } from '@shared/ledger/build-report';
import { addTextWarnings } from '@shared/ledger/text-hygiene';
import { engineErrorMessage } from '@shared/ledger/engine-error';
import { sha256BytesHex, sha256Hex } from '@shared/crypto/sha256';
import { generateDemoCampaignData } from '@shared/demo/ledger-generator';
import type { CaseFileRecord, LedgerReport, WorkbookData } from '@shared/ledger/types';
import { cellEditProblem, cellText, type CellEdit } from '@shared/ledger/cell-edits';
import { inferLedgerContext } from '@shared/ledger/infer';
import type { DepartmentEntry } from '@shared/ledger/departments';
import { resolveSheetDepartments } from '@shared/ledger/department-resolution';
import { StoredItemIds } from './stored-item-ids';
import '../db/directory-repository';
import { LedgerReadError } from '@shared/ledger/types';
import { cancelledError, isCancelled, throwIfCancelled } from '@shared/util/cancel';
import type { PingchaDatabase } from '../db/database';
import { prepareCheckpoint } from '../db/office-key-repository';
import { readSettings, OPERATOR_AREA } from '../db/settings-repository';
import { operatorLabel, operatorSettingsSchema } from '@shared/util/operator-settings';
import { commitImports, importCaseFiles, rollbackImport, writePendingImport } from '../db/ledger-repository';
import { CHUNK_SIZE, type ImportRecord } from '../db/schema';
import { CaseIndex, type PackedCaseIndex } from '@shared/cases/case-index';
import { toColumnChunks } from '@shared/cases/case-columns';
import { runStaleCensus, type CensusRunSummary } from '../db/rule-census-repository';
import {
  MAX_ISSUES_SHOWN,
  type AnalyseRequest,
  type CommitRequest,
  type EncodingChoice,
  type ImportReportSummary,
  type LedgerImporter,
  type OpenedFile,
  type Progress,
} from './ledger-import-protocol';
import { yieldToEvents } from './yield-to-events';

interface OpenState {
  directory: DepartmentEntry[];
  name: string;
  /** The file as opened: a sheet only listed so far is read from it when the user chooses that sheet. */
  bytes: Uint8Array;
  size: number;
  sha256: string;
  workbook: WorkbookData;
  report: LedgerReport | null;
  analysed: AnalyseRequest | null;
  departmentMap: Record<string, string>;
  /** Cells corrected in the wizard, by sheet index, then `row:column` (the sheet's rows hold the new text). */
  cellEdits: Map<number, Map<string, CellEdit>>;
}

async function digest(bytes: Uint8Array): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (subtle) {
    const hash = new Uint8Array(await subtle.digest('SHA-256', bytes as BufferSource));
    return Array.from(hash, (b) => b.toString(16).padStart(2, '0')).join('');
  }
  return sha256BytesHex(bytes);
}

export interface LedgerImportServiceOptions {
  /** Memory the spreadsheet reader may keep for one file, as it counts it (default MAX_PARSE_BYTES). This
   * is the parse's memory bound in every engine; the client's watchdog adds the time limit. */
  maxParseBytes?: number;
}

/** An import as committed, with its rows as a packed case index for the page to append. */
export type CommittedImport = ImportRecord & { caseIndex?: PackedCaseIndex };

function importedCaseIndex(importId: string, records: readonly CaseFileRecord[]): PackedCaseIndex {
  const part = new CaseIndex();
  for (const { columns } of toColumnChunks(records, CHUNK_SIZE)) part.append(importId, columns);
  return part.pack(true);
}

export class LedgerImportService implements Omit<LedgerImporter, 'dispose'> {
  private files = new Map<string, OpenState>();
  private counter = 0;
  /** Every stored item id, kept here for the duplicate check (never sent with a request). */
  readonly storedItemIds = new StoredItemIds();

  constructor(
    private readonly db: PingchaDatabase,
    private readonly options: LedgerImportServiceOptions = {},
  ) {}

  async open(
    file: { name: string; bytes: Uint8Array },
    encoding: EncodingChoice,
    onProgress?: (p: Progress) => void,
  ): Promise<OpenedFile> {
    if (file.bytes.length === 0)
      throw new LedgerReadError('empty', `文件“${file.name}”是空文件（0 字节），没有可导入的内容。`);
    let workbook: WorkbookData;
    try {
      workbook = readWorkbook(file.bytes, file.name, {
        encoding,
        maxParseBytes: this.options.maxParseBytes,
        onProgress: (done, total) => onProgress?.({ phase: 'read', done, total }),
      });
    } catch (e) {
      if (e instanceof LedgerReadError) throw e;
      // an engine error ("Invalid array length" ...) is never shown in English
      throw new LedgerReadError('corrupt', engineErrorMessage(file.name, e));
    }
    const sha256 = await digest(file.bytes);
    const sheetIndex = firstDataSheetIndex(workbook);
    if (sheetIndex < 0) {
      throw new LedgerReadError(
        'empty',
        `文件“${file.name}”中没有任何含数据的工作表（工作表都是空的）。请检查是否选错了文件。`,
      );
    }
    const fileKey = `f${++this.counter}`;
    const directory = await this.db.departments.toArray();
    this.files.set(fileKey, {
      directory,
      name: file.name,
      bytes: file.bytes,
      size: file.bytes.length,
      sha256,
      workbook,
      report: null,
      analysed: null,
      departmentMap: {},
      cellEdits: new Map(),
    });
    return this.describe(fileKey, sheetIndex);
  }

  async selectSheet(fileKey: string, sheetIndex: number): Promise<OpenedFile> {
    this.ensureRead(this.state(fileKey), sheetIndex);
    return this.describe(fileKey, sheetIndex);
  }

  /** Only the sheet offered first is read at open; another one's part is inflated when it is chosen. */
  private ensureRead(s: OpenState, sheetIndex: number): void {
    if (!s.workbook.sheets[sheetIndex]?.unread) return;
    try {
      readWorkbookSheet(s.bytes, s.name, s.workbook, sheetIndex, {
        maxParseBytes: this.options.maxParseBytes,
      });
    } catch (e) {
      if (e instanceof LedgerReadError) throw e;
      throw new LedgerReadError('corrupt', engineErrorMessage(s.name, e));
    }
  }

  private state(fileKey: string): OpenState {
    const s = this.files.get(fileKey);
    if (!s) throw new Error('文件已关闭，请重新选择文件。');
    return s;
  }

  private describe(fileKey: string, sheetIndex: number): OpenedFile {
    const s = this.state(fileKey);
    const sheet = s.workbook.sheets[sheetIndex];
    if (!sheet) throw new Error(`工作表不存在（第 ${sheetIndex + 1} 个）。`);
    const header = guessHeader(sheet.rows);
    const titleRows = header ? sheet.rows.slice(0, header.firstHeaderRow ?? header.headerRow) : [];
    // the importing department as the title, sheet or file name says: its own 代字 mark the 案号 column
    const named = inferLedgerContext({
      fileName: s.name,
      sheetName: sheet.name,
      titleRows,
      caseNos: [],
      directory: s.directory,
    }).department;
    const choice = header ? suggestSheetMapping(sheet.rows, header, s.directory, named?.value ?? null) : null;
    const mapping = choice?.mapping ?? suggestMapping([]);
    const from = Math.max(0, (header?.headerRow ?? 0) - 3);
    const preview = sheet.rows.slice(from, from + 12).map((r) => r.map(cellText));
    const caseNos: string[] = [];
    if (header && mapping.caseNo !== null)
      for (let r = header.headerRow + 1; r < sheet.rows.length && caseNos.length < 2000; r++)
        caseNos.push(cellText(sheet.rows[r]![mapping.caseNo]));
    const inferred = inferLedgerContext({
      fileName: s.name,
      sheetName: sheet.name,
      titleRows,
      caseNos,
      directory: s.directory,
    });
    return {
      inferred,
      fileKey,
      name: s.name,
      size: s.size,
      sha256: s.sha256,
      kind: s.workbook.kind,
      encoding: s.workbook.encoding ?? null,
      encodingDetected: s.workbook.encodingDetected ?? false,
      sheets: s.workbook.sheets.map((sh) => ({ name: sh.name, rowCount: sh.unread ? null : sh.rows.length })),
      sheetIndex,
      header,
      mappingNotes: choice?.notes ?? [],
      mapping,
      preview,
    };
  }

  /** The text of one cell of the analysed sheet (row 1-based, column 0-based), to show before it is corrected. */
  async readCell(fileKey: string, row: number, column: number): Promise<string> {
    const s = this.state(fileKey);
    const sheet = s.analysed ? s.workbook.sheets[s.analysed.sheetIndex] : undefined;
    if (!sheet) throw new Error('请先生成校验报告。');
    return cellText(sheet.rows[row - 1]?.[column]);
  }

  /**
   * Corrects one cell of the analysed sheet in memory (the file is not changed): the next analyse sees the new
   * text, and the import keeps the correction (and the draw record with it, so draw verify replays it). A row or
   * column outside the table, or an over-long text, is refused in Chinese and nothing changes.
   */
  async fixCell(fileKey: string, row: number, column: number, value: string): Promise<CellEdit> {
    const s = this.state(fileKey);
    const sheet = s.analysed ? s.workbook.sheets[s.analysed.sheetIndex] : undefined;
    if (!s.analysed || !s.report || !sheet) throw new Error('请先生成校验报告。');
    const problem = cellEditProblem(sheet.rows, s.analysed.headerRow, s.report.headers, row, column, value);
    if (problem) throw new Error(problem);
    const edits = s.cellEdits.get(s.analysed.sheetIndex) ?? new Map<string, CellEdit>();
    s.cellEdits.set(s.analysed.sheetIndex, edits);
    const key = `${row}:${column}`;
    const cells = sheet.rows[row - 1]!;
    const edit: CellEdit = {
      row,
      column,
      header: s.report.headers[column] ?? '',
      before: edits.get(key)?.before ?? cellText(cells[column]),
      value,
    };
    while (cells.length <= column) cells.push(null);
    cells[column] = value;
    if (edit.value === edit.before) edits.delete(key);
    else edits.set(key, edit);
    return edit;
  }

  /** The analysed report's refused rows with their cells and problems, as an XLSX to correct. */
  async rowsToFix(fileKey: string): Promise<Uint8Array> {
    const s = this.state(fileKey);
    const sheet = s.analysed ? s.workbook.sheets[s.analysed.sheetIndex] : undefined;
    if (!s.report || !sheet) throw new Error('请先生成校验报告。');
    return writeXlsx([rowsToFixSheet(sheet, s.report)]);
  }

  async analyse(
    request: AnalyseRequest,
    onProgress?: (p: Progress) => void,
    signal?: AbortSignal,
  ): Promise<ImportReportSummary> {
    const s = this.state(request.fileKey);
    this.ensureRead(s, request.sheetIndex);
    const sheet = s.workbook.sheets[request.sheetIndex];
    if (!sheet) throw new Error('工作表不存在。');
    const resolution = resolveSheetDepartments(sheet.rows, request, s.directory);
    const existingItemIds = await this.storedItemIds.current(this.db);
    let report: LedgerReport;
    try {
      report = await buildLedgerReportAsync(
        sheet,
        {
          fileName: s.name,
          sheetName: sheet.name,
          headerRow: request.headerRow,
          mapping: request.mapping,
          defaultDepartment: request.defaultDepartment ?? undefined,
          defaultCaseType: request.defaultCaseType ?? undefined,
          existingItemIds,
          departmentMap: resolution.map,
          departmentCodes: s.directory,
        },
        {
          signal,
          pause: yieldToEvents,
          onProgress: (done, total) => onProgress?.({ phase: 'analyse', done, total }),
        },
      );
    } catch (e) {
      if (isCancelled(e)) throw cancelledError();
      throw e;
    }
    addTextWarnings(report, sheet.textNotes);
    s.report = report;
    s.analysed = request;
    s.departmentMap = resolution.map;
    const byCode: Record<string, number> = {};
    for (const i of report.issues) byCode[i.code] = (byCode[i.code] ?? 0) + 1;
    const byDept = new Map<string, number>();
    for (const r of report.valid) byDept.set(r.department, (byDept.get(r.department) ?? 0) + 1);
    return {
      fileKey: request.fileKey,
      fileName: report.fileName,
      sheetName: report.sheetName,
      headers: report.headers,
      rowsRead: report.rowsRead,
      counts: report.counts,
      issues: report.issues.slice(0, MAX_ISSUES_SHOWN),
      issueCountsByCode: byCode,
      totalIssues: report.issues.length,
      validByDepartment: [...byDept].map(([department, count]) => ({ department, count })),
      departments: resolution.rows,
      directoryNames: s.directory.map((d) => d.name).sort((a, b) => comparePinyin(a, b)),
      cellEdits: this.editsOf(s),
    };
  }

  async commit(
    request: CommitRequest,
    onProgress?: (p: Progress) => void,
    signal?: AbortSignal,
  ): Promise<CommittedImport> {
    const s = this.state(request.fileKey);
    if (!s.report || !s.analysed) throw new Error('请先生成校验报告，再导入。');
    // The key as it stands now (another window may have changed it since this worker started).
    await prepareCheckpoint(this.db);
    const valid: CaseFileRecord[] = s.report.valid;
    try {
      const committed = await importCaseFiles(
        this.db,
        {
          fileName: s.name,
          sheetName: s.report.sheetName,
          sha256: s.sha256,
          fileSize: s.size,
          encoding: s.workbook.encoding ?? null,
          headerRow: s.analysed.headerRow,
          headers: s.report.headers,
          mapping: s.analysed.mapping,
          defaultDepartment: s.analysed.defaultDepartment,
          defaultCaseType: s.analysed.defaultCaseType,
          counts: {
            rowsRead: s.report.rowsRead,
            errors: s.report.counts.errors,
            warnings: s.report.counts.warnings,
            excluded: s.report.counts.excluded,
          },
          isDemo: request.isDemo,
          insistedDuplicate: request.insistedDuplicate,
          departmentMap: s.departmentMap,
          ...(this.editsOf(s).length > 0 ? { cellEdits: this.editsOf(s) } : {}),
        },
        valid,
        {
          actor: await this.actor(),
          signal,
          onProgress: (p) => onProgress?.({ phase: 'write', done: p.written, total: p.total }),
        },
      );
      this.storedItemIds.committed(
        committed.id,
        valid.map((r) => r.itemId),
      );
      // The page's case index takes these rows from here (typed columns, transferred), not read back
      // from the store and decoded on its thread.
      const caseIndex = importedCaseIndex(committed.id, valid);
      // 台账体检 of the new rows, here in the worker; the import stands even if the census must be re-run
      await runStaleCensus(this.db, {
        actor: await this.actor(),
        onlyImports: [committed.id],
        records: new Map([[committed.id, valid]]),
      }).catch(() => undefined);
      return { ...committed, caseIndex };
    } catch (e) {
      if (isCancelled(e)) throw cancelledError();
      throw e;
    }
  }

  /**
   * 示例数据: the generator's 33 department ledgers go through the same report and the same
   * atomic write as a user's files, marked isDemo so they are shown as demo data and removable.
   */
  async loadDemo(onProgress?: (p: Progress) => void, signal?: AbortSignal): Promise<number> {
    await prepareCheckpoint(this.db);
    const demo = generateDemoCampaignData({ totalRows: 6000 });
    const stored = await this.storedItemIds.current(this.db);
    const demoIds = new Set<string>();
    const existing = { has: (id: string) => stored.has(id) || demoIds.has(id) };
    let done = 0;
    let cases = 0;
    const total = demo.ledgers.length;
    // All demo ledgers appear together or not at all: written pending, committed in one transaction.
    const pending: string[] = [];
    try {
      for (const ledger of demo.ledgers) {
        throwIfCancelled(signal);
        const header = guessHeader(ledger.sheet.rows);
        if (!header) throw new Error(`示例台账“${ledger.fileName}”缺少表头（生成器错误）。`);
        const { mapping } = suggestSheetMapping(ledger.sheet.rows, header);
        const report = await buildLedgerReportAsync(ledger.sheet, {
          fileName: ledger.fileName,
          sheetName: ledger.sheet.name,
          headerRow: header.headerRow,
          mapping,
          existingItemIds: existing,
        });
        report.valid.forEach((r) => demoIds.add(r.itemId));
        cases += report.valid.length;
        const written = await writePendingImport(
          this.db,
          {
            fileName: ledger.fileName,
            sheetName: ledger.sheet.name,
            sha256: sha256Hex(JSON.stringify(ledger.sheet.rows)),
            fileSize: 0,
            encoding: null,
            headerRow: header.headerRow,
            headers: report.headers,
            mapping,
            defaultDepartment: null,
            defaultCaseType: null,
            counts: {
              rowsRead: report.rowsRead,
              errors: report.counts.errors,
              warnings: report.counts.warnings,
              excluded: report.counts.excluded,
            },
            isDemo: true,
          },
          report.valid,
        );
        pending.push(written.id);
        onProgress?.({ phase: 'write', done: ++done, total });
      }
      await commitImports(this.db, pending, undefined, await this.actor());
    } catch (e) {
      for (const id of pending) await rollbackImport(this.db, id).catch(() => undefined);
      throw e;
    }
    await this.runCensus(undefined, pending).catch(() => undefined);
    return cases;
  }

  /**
   * 台账体检: checks every row of every committed ledger (or of `onlyImports`) whose stored census is missing
   * or was made with another rule pack or officer registry (the others are left as they are). Off the UI thread.
   */
  async runCensus(onProgress?: (p: Progress) => void, onlyImports?: string[]): Promise<CensusRunSummary> {
    return runStaleCensus(this.db, {
      actor: await this.actor(),
      ...(onlyImports ? { onlyImports } : {}),
      onProgress: (done, total) => onProgress?.({ phase: 'analyse', done, total }),
    });
  }

  /** The corrections of the analysed sheet, in row and column order. */
  private editsOf(s: OpenState): CellEdit[] {
    const edits = s.analysed ? s.cellEdits.get(s.analysed.sheetIndex) : undefined;
    return [...(edits?.values() ?? [])].sort((a, b) => a.row - b.row || a.column - b.column);
  }

  private async actor(): Promise<string> {
    return operatorLabel(await readSettings(this.db, OPERATOR_AREA, operatorSettingsSchema));
  }

  discard(fileKey: string): void {
    this.files.delete(fileKey);
  }
}
