// The import pipeline behind the worker: read -> header/mapping -> report -> atomic write.
// Runs in the ledger-import worker in the app, and in-process in the UI tests.
import { comparePinyin } from '@shared/util/pinyin-sort';
import { readWorkbook, readWorkbookSheet, firstDataSheetIndex } from '@shared/ledger/read-workbook';
import { guessHeader, suggestMapping } from '@shared/ledger/header';
import { suggestSheetMapping } from '@shared/ledger/case-number-column';
import { rowsToFixSheet } from '@shared/ledger/rows-to-fix';
import { writeXlsx } from '@shared/xlsx/write-xlsx';
import { buildLedgerReportAsync, isTotalOrFooterRow } from '@shared/ledger/build-report';
import { addTextWarnings } from '@shared/ledger/text-hygiene';
import { engineErrorMessage } from '@shared/ledger/engine-error';
import { sha256BytesHex, sha256Hex } from '@shared/crypto/sha256';
import { generateDemoCampaignData } from '@shared/demo/ledger-generator';
import type { Cell, CaseFileRecord, LedgerReport, WorkbookData } from '@shared/ledger/types';
import { cellEditProblem, cellText, type CellEdit } from '@shared/ledger/cell-edits';
import { inferLedgerContext } from '@shared/ledger/infer';
import { resolveDepartment, seedDirectory, type DepartmentEntry } from '@shared/ledger/departments';
import { canonicalText } from '@shared/ledger/normalize';
import type { DepartmentResolutionRow } from './ledger-import-protocol';
import '../db/directory-repository';
import { LedgerCancelledError, LedgerReadError } from '@shared/ledger/types';
import type { PingchaDatabase } from '../db/database';
import { prepareCheckpoint } from '../db/office-key-repository';
import { readSettings, OPERATOR_AREA } from '../db/settings-repository';
import { operatorLabel, operatorSettingsSchema } from '@shared/util/operator-settings';
import {
  ImportCancelledError,
  commitImports,
  importCaseFiles,
  rollbackImport,
  writePendingImport,
} from '../db/ledger-repository';
import type { ImportRecord } from '../db/schema';
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

/** A macrotask yield without setTimeout's 4 ms clamp, so a cancel message can arrive between chunks. */
function yieldToEvents(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((r) => setTimeout(r, 0));
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}

export class CancelledError extends Error {
  constructor() {
    super('操作已取消，数据库未作任何更改。');
    this.name = 'CancelledError';
  }
}

export interface LedgerImportServiceOptions {
  /** Memory the spreadsheet reader may keep for one file, as it counts it (default MAX_PARSE_BYTES). This
   * is the parse's memory bound in every engine; the client's watchdog adds the time limit. */
  maxParseBytes?: number;
}

export class LedgerImportService implements Omit<LedgerImporter, 'dispose'> {
  private files = new Map<string, OpenState>();
  private counter = 0;
  private signal = { aborted: false };

  constructor(
    private readonly db: PingchaDatabase,
    private readonly options: LedgerImportServiceOptions = {},
  ) {}

  async open(
    file: { name: string; bytes: Uint8Array },
    encoding: EncodingChoice,
    onProgress?: (p: Progress) => void,
  ): Promise<OpenedFile> {
    this.signal = { aborted: false };
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
    const choice = header ? suggestSheetMapping(sheet.rows, header, s.directory) : null;
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
      titleRows: header ? sheet.rows.slice(0, header.firstHeaderRow ?? header.headerRow) : [],
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

  async analyse(request: AnalyseRequest, onProgress?: (p: Progress) => void): Promise<ImportReportSummary> {
    this.signal = { aborted: false };
    const signal = this.signal;
    const s = this.state(request.fileKey);
    this.ensureRead(s, request.sheetIndex);
    const sheet = s.workbook.sheets[request.sheetIndex];
    if (!sheet) throw new Error('工作表不存在。');
    const resolution = resolveSheetDepartments(sheet.rows, request, s.directory);
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
          existingItemIds: new Set(request.existingItemIds),
          departmentMap: resolution.map,
        },
        {
          signal,
          pause: yieldToEvents,
          onProgress: (done, total) => onProgress?.({ phase: 'analyse', done, total }),
        },
      );
    } catch (e) {
      if (e instanceof LedgerCancelledError) throw new CancelledError();
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

  async commit(request: CommitRequest, onProgress?: (p: Progress) => void): Promise<ImportRecord> {
    this.signal = { aborted: false };
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
          signal: this.signal,
          onProgress: (p) => onProgress?.({ phase: 'write', done: p.written, total: p.total }),
        },
      );
      // 台账体检 of the new rows, here in the worker; the import stands even if the census must be re-run
      await runStaleCensus(this.db, {
        actor: await this.actor(),
        onlyImports: [committed.id],
        records: new Map([[committed.id, valid]]),
      }).catch(() => undefined);
      return committed;
    } catch (e) {
      if (e instanceof ImportCancelledError) throw new CancelledError();
      throw e;
    }
  }

  /**
   * 示例数据: the generator's 33 department ledgers go through the same report and the same
   * atomic write as a user's files, marked isDemo so they are shown as demo data and removable.
   */
  async loadDemo(onProgress?: (p: Progress) => void): Promise<number> {
    this.signal = { aborted: false };
    await prepareCheckpoint(this.db);
    const demo = generateDemoCampaignData({ totalRows: 6000 });
    const existing = new Set<string>();
    await this.db.caseChunks.each((c) => c.itemId.forEach((id) => existing.add(id)));
    let done = 0;
    let cases = 0;
    const total = demo.ledgers.length;
    // All demo ledgers appear together or not at all: written pending, committed in one transaction.
    const pending: string[] = [];
    try {
      for (const ledger of demo.ledgers) {
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
        report.valid.forEach((r) => existing.add(r.itemId));
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

  cancel(): void {
    this.signal.aborted = true;
  }

  discard(fileKey: string): void {
    this.files.delete(fileKey);
  }
}

/**
 * Every department name of the sheet (its column, else the default department) resolved against the
 * directory; the user's choices answer the unknown ones. Returns the map the report applies.
 */
export function resolveSheetDepartments(
  rows: readonly (readonly Cell[])[],
  request: Pick<AnalyseRequest, 'headerRow' | 'mapping' | 'defaultDepartment' | 'departmentChoices'>,
  directory: readonly DepartmentEntry[],
): { map: Record<string, string>; rows: DepartmentResolutionRow[] } {
  const counts = new Map<string, { rows: number; caseNo: string }>();
  const col = request.mapping.department;
  const caseCol = request.mapping.caseNo;
  const fallback = canonicalText(request.defaultDepartment ?? '');
  for (let r = request.headerRow + 1; r < rows.length; r++) {
    const row = rows[r]!;
    if (isTotalOrFooterRow(row, caseCol)) continue; // 填报人：… under the table names no department
    let name = col === null ? '' : canonicalText(row[col]);
    if (name === '') name = fallback;
    if (name === '') continue;
    const c = counts.get(name);
    if (c) c.rows++;
    else counts.set(name, { rows: 1, caseNo: caseCol === null ? '' : canonicalText(row[caseCol]) });
  }
  const map: Record<string, string> = {};
  const out: DepartmentResolutionRow[] = [];
  const choices = request.departmentChoices ?? {};
  // Names the directory does not know are also resolved among themselves: 市应急管理局 next to
  // 德阳市应急管理局 in the same ledger is one department (city-prefix rule) even before the directory knows it.
  const unknown = [...counts.keys()].filter((n) => resolveDepartment(directory, n).department === null);
  let tmp = 0;
  const local = seedDirectory(directory, unknown, () => `local-${++tmp}`).directory;
  for (const [input, { rows: n, caseNo }] of counts) {
    const res = resolveDepartment(directory, input, caseNo);
    const choice = choices[input];
    if (res.department !== null) {
      map[input] = res.department;
      out.push({ input, department: res.department, rule: res.rule, via: res.via, rows: n });
    } else if (choice !== undefined && choice !== input) {
      map[input] = choice;
      out.push({ input, department: choice, rule: 'choice-alias', via: null, rows: n });
    } else {
      const inFile = choice === undefined ? resolveDepartment(local, input) : null;
      if (inFile?.department && inFile.department !== input) {
        map[input] = inFile.department;
        // seedDirectory joins names of one ledger by the city-prefix rule only
        out.push({
          input,
          department: inFile.department,
          rule: 'city-prefix',
          via: inFile.department,
          rows: n,
        });
      } else
        out.push({
          input,
          department: input,
          rule: choice === input ? 'choice-new' : 'unknown',
          via: null,
          rows: n,
        });
    }
  }
  out.sort((a, b) => b.rows - a.rows);
  return { map, rows: out };
}
