// The officer / exam-result import pipeline behind the worker: read -> header and mapping -> report ->
// one atomic write. Runs in the officers-import worker in the app and in-process in UI tests.
import { readWorkbook, firstDataSheetIndex } from '@shared/ledger/read-workbook';
import { LedgerReadError, type Cell, type WorkbookData } from '@shared/ledger/types';
import {
  guessMapping,
  guessHeaderRow,
  normaliseHeader,
  type SheetIssue,
  type Synonyms,
} from '@shared/officers/sheet-mapping';
import {
  importOfficers,
  OFFICER_HEADER_SYNONYMS,
  type OfficerImportReport,
} from '@shared/officers/officer-import';
import {
  EXAM_HEADER_SYNONYMS,
  examPassed,
  importExamResults,
  type ExamImportReport,
} from '@shared/officers/exams';
import {
  importTrainingAttendance,
  TRAINING_HEADER_SYNONYMS,
  type TrainingImportReport,
} from '@shared/officers/training-import';
import { maskIdNumber, normaliseIdNumber } from '@shared/officers/id-card';
import type { PingchaDatabase } from '../db/database';
import { prepareCheckpoint } from '../db/office-key-repository';
import {
  importExamCandidates,
  importOfficerRecords,
  importTrainingAttendanceRecords,
  listOfficers,
} from '../db/officers-repository';
import {
  MAX_ISSUES_SHOWN,
  type AnalyseExamRequest,
  type AnalyseOfficersRequest,
  type AnalyseTrainingRequest,
  type CommitRequest,
  type CommitResult,
  type EncodingChoice,
  type OfficersImporter,
  type OpenedSheet,
  type SheetReportSummary,
  type SheetTarget,
} from './officers-import-protocol';

interface OpenState {
  name: string;
  size: number;
  target: SheetTarget;
  workbook: WorkbookData;
  officers: OfficerImportReport | null;
  exam: { report: ExamImportReport; sittingId: string } | null;
  training: TrainingImportReport | null;
  actor: string;
}

const SYNONYMS: Record<SheetTarget, Synonyms<string>> = {
  officers: OFFICER_HEADER_SYNONYMS,
  exam: EXAM_HEADER_SYNONYMS,
  training: TRAINING_HEADER_SYNONYMS,
};

function cellText(c: Cell | undefined): string {
  return c === null || c === undefined ? '' : String(c);
}

const ID_LIKE = /^(\d{17}[\dX]|\d{15})$/;

/** Preview cell: anything shaped like an ID-card number is masked before it leaves the worker. */
function previewText(c: Cell | undefined): string {
  const t = cellText(c);
  return ID_LIKE.test(normaliseIdNumber(t)) ? maskIdNumber(t) : t;
}

/** The ledger reader's messages speak of 台账; here the file is a registry or a results list. */
function readError(e: unknown): Error {
  if (e instanceof LedgerReadError) return new Error(e.message.replace(/台账/g, '表格'));
  return e instanceof Error ? e : new Error(String(e));
}

function summarise(
  fileKey: string,
  target: SheetTarget,
  report: { fileName: string; sheetName: string; rowsRead: number; counts: SheetReportSummary['counts'] },
  issues: readonly SheetIssue<string>[],
  extra: { added: number; updated: number; passed: number },
): SheetReportSummary {
  const byCode: Record<string, number> = {};
  for (const i of issues) byCode[i.code] = (byCode[i.code] ?? 0) + 1;
  return {
    fileKey,
    target,
    fileName: report.fileName,
    sheetName: report.sheetName,
    rowsRead: report.rowsRead,
    counts: report.counts,
    issues: issues.slice(0, MAX_ISSUES_SHOWN),
    issueCountsByCode: byCode,
    totalIssues: issues.length,
    ...extra,
  };
}

export class OfficersImportService implements Omit<OfficersImporter, 'dispose'> {
  private files = new Map<string, OpenState>();
  private counter = 0;

  constructor(private readonly db: PingchaDatabase) {}

  async open(
    file: { name: string; bytes: Uint8Array },
    encoding: EncodingChoice,
    target: SheetTarget,
  ): Promise<OpenedSheet> {
    let workbook: WorkbookData;
    try {
      workbook = readWorkbook(file.bytes, file.name, { encoding, allSheets: true });
    } catch (e) {
      throw readError(e);
    }
    const sheetIndex = firstDataSheetIndex(workbook);
    if (sheetIndex < 0) {
      throw new Error(`文件“${file.name}”中没有任何数据（所有工作表都是空的或只有一列），没有可导入的内容。`);
    }
    const fileKey = `o${++this.counter}`;
    this.files.set(fileKey, {
      name: file.name,
      size: file.bytes.length,
      target,
      workbook,
      officers: null,
      exam: null,
      training: null,
      actor: '',
    });
    return this.describe(fileKey, sheetIndex);
  }

  private state(fileKey: string): OpenState {
    const s = this.files.get(fileKey);
    if (!s) throw new Error('文件已关闭，请重新选择文件。');
    return s;
  }

  async describe(fileKey: string, sheetIndex: number, headerRow?: number): Promise<OpenedSheet> {
    const s = this.state(fileKey);
    const sheet = s.workbook.sheets[sheetIndex];
    if (!sheet) throw new Error(`工作表不存在（第 ${sheetIndex + 1} 个）。`);
    const synonyms = SYNONYMS[s.target];
    const row = headerRow ?? guessHeaderRow(sheet.rows, synonyms);
    const headers = (sheet.rows[row] ?? []).map(normaliseHeader);
    const mapping: Record<string, number | null> = guessMapping(headers, synonyms);
    const headerHits = Object.values(mapping).filter((v) => v !== null).length;
    const from = Math.max(0, row - 3);
    return {
      fileKey,
      target: s.target,
      name: s.name,
      size: s.size,
      kind: s.workbook.kind,
      encoding: s.workbook.encoding ?? null,
      sheets: s.workbook.sheets.map((sh) => ({ name: sh.name, rowCount: sh.rows.length })),
      sheetIndex,
      headerRow: row,
      headerHits,
      headers,
      mapping,
      preview: sheet.rows.slice(from, from + 10).map((r) => r.map(previewText)),
      previewFrom: from,
    };
  }

  async analyseOfficers(request: AnalyseOfficersRequest): Promise<SheetReportSummary> {
    const s = this.state(request.fileKey);
    const sheet = s.workbook.sheets[request.sheetIndex];
    if (!sheet) throw new Error('工作表不存在。');
    const existing = await listOfficers(this.db);
    const report = importOfficers(sheet.rows, {
      fileName: s.name,
      sheetName: sheet.name,
      headerRow: request.headerRow,
      mapping: request.mapping,
      defaultDepartment: request.defaultDepartment ?? undefined,
      existing,
      importedAt: new Date().toISOString(),
      importedBy: request.actor,
      today: request.today,
      settings: request.settings,
    });
    s.officers = report;
    s.exam = null;
    s.training = null;
    s.actor = request.actor;
    return summarise(request.fileKey, 'officers', report, report.issues, {
      added: report.officers.length - report.updatedIds.length,
      updated: report.updatedIds.length,
      passed: 0,
    });
  }

  async analyseExam(request: AnalyseExamRequest): Promise<SheetReportSummary> {
    const s = this.state(request.fileKey);
    const sheet = s.workbook.sheets[request.sheetIndex];
    if (!sheet) throw new Error('工作表不存在。');
    const report = importExamResults(sheet.rows, {
      fileName: s.name,
      sheetName: sheet.name,
      headerRow: request.headerRow,
      mapping: request.mapping,
      sittingId: request.sittingId,
      settings: request.settings,
      today: request.today,
    });
    s.exam = { report, sittingId: request.sittingId };
    s.officers = null;
    s.training = null;
    const passed = report.candidates.filter((c) => examPassed(c, request.settings.passMark)).length;
    return summarise(request.fileKey, 'exam', report, report.issues, {
      added: report.candidates.length,
      updated: 0,
      passed,
    });
  }

  async analyseTraining(request: AnalyseTrainingRequest): Promise<SheetReportSummary> {
    const s = this.state(request.fileKey);
    const sheet = s.workbook.sheets[request.sheetIndex];
    if (!sheet) throw new Error('工作表不存在。');
    const session = await this.db.trainingSessions.get(request.sessionId);
    if (!session) throw new Error('所选培训场次不存在，请先添加或重新选择培训场次。');
    const [officers, attended] = await Promise.all([
      listOfficers(this.db),
      this.db.trainingAttendance.where('sessionId').equals(session.id).toArray(),
    ]);
    const report = importTrainingAttendance(sheet.rows, {
      fileName: s.name,
      sheetName: sheet.name,
      headerRow: request.headerRow,
      mapping: request.mapping,
      session,
      officers,
      alreadyAttended: attended.map((a) => a.officerId),
    });
    s.training = report;
    s.officers = null;
    s.exam = null;
    const replaced = report.issues.filter((i) => i.code === 'existing-replaced').length;
    return summarise(request.fileKey, 'training', report, report.issues, {
      added: report.attendance.length - replaced,
      updated: replaced,
      passed: 0,
    });
  }

  async commit(request: CommitRequest): Promise<CommitResult> {
    const s = this.state(request.fileKey);
    // The key as it stands now (another window may have changed it since this worker started).
    await prepareCheckpoint(this.db);
    if (s.officers) {
      const r = s.officers;
      const { added, updated } = await importOfficerRecords(this.db, r.officers, {
        fileName: r.fileName,
        sheetName: r.sheetName,
        rowsRead: r.rowsRead,
        counts: r.counts,
        actor: request.actor,
      });
      return { written: added + updated, added, updated };
    }
    if (s.exam) {
      const written = await importExamCandidates(this.db, s.exam.sittingId, s.exam.report.candidates, {
        fileName: s.exam.report.fileName,
        actor: request.actor,
        replace: request.replace ?? false,
      });
      return { written, added: written, updated: 0 };
    }
    if (s.training) {
      const r = s.training;
      const written = await importTrainingAttendanceRecords(
        this.db,
        r.sessionId,
        r.attendance.map((a) => ({
          officerId: a.officerId,
          ...(a.hours !== undefined ? { hours: a.hours } : {}),
        })),
        { fileName: r.fileName, actor: request.actor },
      );
      return { written, added: written, updated: 0 };
    }
    throw new Error('请先生成校验报告，再导入。');
  }

  discard(fileKey: string): void {
    this.files.delete(fileKey);
  }
}
