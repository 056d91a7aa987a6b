// Messages between the UI and the ledger-import worker. The worker keeps the parsed workbook,
// so bulk rows never cross to the UI thread: only summaries, previews and reports do.
import type { ColumnMapping, HeaderGuess, LedgerIssue, TextEncodingName } from '@shared/ledger/types';
import type { LedgerInference } from '@shared/ledger/infer';
import type { DepartmentResolutionRow } from '@shared/ledger/department-resolution';
import type { ImportRecord } from '../db/schema';

export type { DepartmentResolutionRow } from '@shared/ledger/department-resolution';

export type EncodingChoice = 'auto' | TextEncodingName;

export interface OpenedFile {
  fileKey: string;
  name: string;
  size: number;
  sha256: string;
  kind: 'xlsx' | 'csv';
  encoding: TextEncodingName | null;
  encodingDetected: boolean;
  /** rowCount null: the sheet is listed but not read yet (it is read when chosen). */
  sheets: { name: string; rowCount: number | null }[];
  sheetIndex: number;
  header: HeaderGuess | null;
  mapping: ColumnMapping;
  /** Why a column was chosen by content (the 案件编号 over a 处罚决定书文号), shown in the mapping step. */
  mappingNotes: string[];
  /** Up to 12 rows from the top of the chosen sheet, as text, to show the header choice. */
  preview: string[][];
  /** Department / case type read from the title, sheet name, file name or case-number prefix. */
  inferred: LedgerInference;
}

export interface AnalyseRequest {
  fileKey: string;
  sheetIndex: number;
  headerRow: number;
  mapping: ColumnMapping;
  defaultDepartment: string | null;
  defaultCaseType: string | null;
  /**
   * The user's answers for names the directory does not know: name as written -> the directory name it
   * is an alias of, or the name itself for "a new department".
   */
  departmentChoices?: Record<string, string>;
}

export interface ImportReportSummary {
  fileKey: string;
  fileName: string;
  sheetName: string;
  headers: string[];
  rowsRead: number;
  counts: { valid: number; errors: number; warnings: number; excluded: number };
  /** At most MAX_ISSUES_SHOWN issues; the counts by code are complete. */
  issues: LedgerIssue[];
  issueCountsByCode: Record<string, number>;
  totalIssues: number;
  validByDepartment: { department: string; count: number }[];
  /** Every department name of the ledger and what it resolved to. */
  departments: DepartmentResolutionRow[];
  /** Directory names, for the "alias of which one?" question. */
  directoryNames: string[];
  /** Cells corrected in the wizard so far (the file is unchanged; the import keeps them). */
  cellEdits: import('@shared/ledger/cell-edits').CellEdit[];
}

export const MAX_ISSUES_SHOWN = 5000;

export interface CommitRequest {
  fileKey: string;
  isDemo: boolean;
  insistedDuplicate: boolean;
}

export interface Progress {
  phase: 'read' | 'analyse' | 'write';
  done: number;
  total: number;
  /** The worker's JS heap when it sent this (where the engine tells it), for the watchdog. */
  heapBytes?: number;
}

/** What the UI talks to: a Worker in the app, the same service in-process in tests. */
export interface LedgerImporter {
  open(
    file: { name: string; bytes: Uint8Array },
    encoding: EncodingChoice,
    onProgress?: (p: Progress) => void,
  ): Promise<OpenedFile>;
  selectSheet(fileKey: string, sheetIndex: number): Promise<OpenedFile>;
  analyse(
    request: AnalyseRequest,
    onProgress?: (p: Progress) => void,
    signal?: AbortSignal,
  ): Promise<ImportReportSummary>;
  /** The last report's refused rows (cells and problems) as XLSX bytes, to correct and import again. */
  rowsToFix(fileKey: string): Promise<Uint8Array>;
  /** One cell of the analysed sheet as the file has it (or as corrected), row 1-based, column 0-based. */
  readCell(fileKey: string, row: number, column: number): Promise<string>;
  /** Corrects one cell of the analysed sheet in memory (never the file); analyse again to re-validate. */
  fixCell(
    fileKey: string,
    row: number,
    column: number,
    value: string,
  ): Promise<import('@shared/ledger/cell-edits').CellEdit>;
  /** An aborted signal stops the write; what was written is rolled back. */
  commit(
    request: CommitRequest,
    onProgress?: (p: Progress) => void,
    signal?: AbortSignal,
  ): Promise<ImportRecord>;
  /** Generates the 示例数据 ledgers and imports them through the same pipeline, marked as demo. Returns case count. */
  loadDemo(onProgress?: (p: Progress) => void, signal?: AbortSignal): Promise<number>;
  /** 台账体检 of every ledger whose census is missing or stale (pack or registry changed). */
  runCensus(
    onProgress?: (p: Progress) => void,
  ): Promise<import('../db/rule-census-repository').CensusRunSummary>;
  discard(fileKey: string): void;
  dispose(): void;
}
