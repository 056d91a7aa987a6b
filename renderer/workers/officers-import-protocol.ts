// Messages between the UI and the officers-import worker (registry and exam-result spreadsheets). The
// worker keeps the parsed workbook and the report; only previews, summaries and counts cross over.
import type { TextEncodingName } from '@shared/ledger/types';
import type { SheetIssue } from '@shared/officers/sheet-mapping';
import type { OfficerSettings } from '@shared/officers/officer-model';
import type { ExamSettings } from '@shared/officers/exams';

export type EncodingChoice = 'auto' | TextEncodingName;

/** What the sheet holds: the officer registry, one sitting's exam results or one session's attendance. */
export type SheetTarget = 'officers' | 'exam' | 'training';

export interface OpenedSheet {
  fileKey: string;
  target: SheetTarget;
  name: string;
  size: number;
  kind: 'xlsx' | 'csv';
  encoding: TextEncodingName | null;
  sheets: { name: string; rowCount: number }[];
  sheetIndex: number;
  /** 0-based header row (guessed, or the one asked for). */
  headerRow: number;
  /** How many fields the header row matched; 0 means no header was recognised. */
  headerHits: number;
  headers: string[];
  /** Field -> column index (null: not found). */
  mapping: Record<string, number | null>;
  /** Rows from `previewFrom`, as text. */
  preview: string[][];
  previewFrom: number;
}

export interface AnalyseOfficersRequest {
  fileKey: string;
  sheetIndex: number;
  headerRow: number;
  mapping: Record<string, number | null>;
  defaultDepartment: string | null;
  settings: OfficerSettings;
  today: string;
  actor: string;
}

export interface AnalyseExamRequest {
  fileKey: string;
  sheetIndex: number;
  headerRow: number;
  mapping: Record<string, number | null>;
  sittingId: string;
  settings: ExamSettings;
  today: string;
}

export interface AnalyseTrainingRequest {
  fileKey: string;
  sheetIndex: number;
  headerRow: number;
  mapping: Record<string, number | null>;
  sessionId: string;
}

export interface SheetReportSummary {
  fileKey: string;
  target: SheetTarget;
  fileName: string;
  sheetName: string;
  rowsRead: number;
  counts: { valid: number; errors: number; warnings: number; excluded: number };
  /** At most MAX_ISSUES_SHOWN; the counts by code are complete. */
  issues: SheetIssue<string>[];
  issueCountsByCode: Record<string, number>;
  totalIssues: number;
  /** Officers: new and updated among the valid rows. Exams: passed among the valid rows. */
  added: number;
  updated: number;
  passed: number;
}

export const MAX_ISSUES_SHOWN = 5000;

export interface CommitRequest {
  fileKey: string;
  actor: string;
  /** Exams: replace the sitting's existing results. */
  replace?: boolean;
}

export interface CommitResult {
  written: number;
  added: number;
  updated: number;
}

export interface OfficersImporter {
  open(
    file: { name: string; bytes: Uint8Array },
    encoding: EncodingChoice,
    target: SheetTarget,
  ): Promise<OpenedSheet>;
  /** Another sheet, or another header row of the same sheet (headers and mapping guessed again). */
  describe(fileKey: string, sheetIndex: number, headerRow?: number): Promise<OpenedSheet>;
  analyseOfficers(request: AnalyseOfficersRequest): Promise<SheetReportSummary>;
  analyseExam(request: AnalyseExamRequest): Promise<SheetReportSummary>;
  /** Attendance of one training session (the report counts valid rows; nothing is written). */
  analyseTraining(request: AnalyseTrainingRequest): Promise<SheetReportSummary>;
  commit(request: CommitRequest): Promise<CommitResult>;
  discard(fileKey: string): void;
  dispose(): void;
}
