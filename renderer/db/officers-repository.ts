// The only writer of the officer registry, exams, training and the yearly certificate review.
// Every multi-record write is one transaction with its audit entry; a rejected write leaves the
// store as it was. Status history is append-only: no function here removes or rewrites an entry.
import type { Table } from 'dexie';
import { ZodError } from 'zod';
import {
  changeStatus,
  officerSchema,
  OfficerRuleError,
  type Officer,
  type OfficerStatus,
  type StatusChange,
} from '@shared/officers/officer-model';
import { checkIdNumber, normaliseIdNumber } from '@shared/officers/id-card';
import { normaliseCertificateNo, validateRegistry } from '@shared/officers/officer-checks';
import { sittingLabel, type ExamCandidate, type ExamSitting } from '@shared/officers/exams';
import type { TrainingAttendance, TrainingSession } from '@shared/officers/training';
import {
  applyDecisionToOfficer,
  REVIEW_OUTCOME_LABELS,
  decisionWithdrawalProblem,
  withdrawDecisionFromOfficer,
  type AnnualReviewResult,
  type CaseFileGradeRef,
  type NotEvaluated,
  type ReviewDecision,
  type ReviewProposal,
} from '@shared/officers/annual-review';
import type { PingchaDatabase } from './database';
import { appendAudit } from './audit-repository';
import { prepareCheckpoint } from './office-key-repository';
import type { CampaignRecord, FinalResultRow } from './workflow-records';
import { randomId } from './random-id';
import { canonicalDepartment } from '@shared/ledger/departments';
import './directory-repository';
import { documentObjectId } from './letters-repository';
import { StoreError } from './store-error';

export interface OfficerRecord extends Officer {
  updatedAt: string;
  /** Written by the 示例数据 loader; removed by removeDemoData. */
  isDemo?: boolean;
}
export type ExamSittingRecord = ExamSitting & { isDemo?: boolean };
export type ExamCandidateRecord = ExamCandidate & { isDemo?: boolean };
export interface TrainingSessionRecord extends TrainingSession {
  /** Calendar year of the session (indexed). */
  year: number;
  isDemo?: boolean;
}
export interface TrainingAttendanceRecord extends TrainingAttendance {
  /** `${sessionId}|${officerId}`: one record per officer and session. */
  id: string;
  isDemo?: boolean;
}
export interface AnnualReviewRecord {
  /** `review_${year}` */
  id: string;
  year: number;
  reviewDate: string;
  runAt: string;
  runBy: string;
  proposals: ReviewProposal[];
  skipped: AnnualReviewResult['skipped'];
  notEvaluated: NotEvaluated[];
}
export interface ReviewDecisionRecord extends ReviewDecision {
  /** `${reviewId}|${officerId}` */
  id: string;
  reviewId: string;
}

declare module './database' {
  interface PingchaDatabase {
    officers: Table<OfficerRecord, string>;
    examSittings: Table<ExamSittingRecord, string>;
    examCandidates: Table<ExamCandidateRecord, string>;
    trainingSessions: Table<TrainingSessionRecord, string>;
    trainingAttendance: Table<TrainingAttendanceRecord, string>;
    annualReviews: Table<AnnualReviewRecord, string>;
    reviewDecisions: Table<ReviewDecisionRecord, string>;
  }
}

/** A write the store refused; the message is Chinese and says what to fix. Nothing was written. */
export class OfficerStoreError extends StoreError {
  override name = 'OfficerStoreError';
}

/**
 * Runs one import's transaction. A refusal already worded for the user passes through; any other failure
 * (the transaction has rolled back) is reported as one OfficerStoreError that says the store is unchanged.
 */
async function asImportWrite<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (e instanceof OfficerStoreError) throw e;
    throw new OfficerStoreError(
      `写入数据库失败，数据库保持导入前的状态：${e instanceof Error ? e.message : String(e)}`,
      { cause: e },
    );
  }
}

function zodMessage(e: ZodError): string {
  return e.issues.map((i) => i.message).join('；');
}

export function newOfficerId(): string {
  return randomId('off_', 8);
}

// ---------------------------------------------------------------------------------------------------------
// Registry

/**
 * Every officer with its 单位 resolved through the department directory (aliases, city-prefix
 * variants): "市应急管理局" and "德阳市应急管理局" are one department in the filters, training, 年审
 * statistics, the 年审通知 and the public roster, as they are in the ledgers.
 */
export async function listOfficers(db: PingchaDatabase): Promise<OfficerRecord[]> {
  const [officers, directory] = await db.transaction('r', db.officers, db.departments, () =>
    Promise.all([db.officers.toArray(), db.departments.toArray()]),
  );
  if (directory.length === 0) return officers;
  return officers.map((o) => {
    const department = canonicalDepartment(directory, o.department);
    return department === o.department ? o : { ...o, department };
  });
}

/**
 * The one-time fix of stored officers (issue 25): each 单位 written as the department directory writes it
 * (市应急管理局 -> 德阳市应急管理局), in one transaction, logged with every change. Nothing to change: nothing
 * written, nothing logged (so it runs at every start, and does something only when the directory learnt a
 * variant the stored rows still carry).
 */
export async function normaliseOfficerDepartments(
  db: PingchaDatabase,
  actor: string,
  at = new Date().toISOString(),
): Promise<{ changed: number }> {
  return db.transaction('rw', db.officers, db.departments, db.auditLog, async () => {
    const directory = await db.departments.toArray();
    if (directory.length === 0) return { changed: 0 };
    const changes: { id: string; name: string; from: string; to: string }[] = [];
    const records: OfficerRecord[] = [];
    for (const o of await db.officers.toArray()) {
      const department = canonicalDepartment(directory, o.department);
      if (department === o.department) continue;
      changes.push({ id: o.id, name: o.name, from: o.department, to: department });
      records.push({ ...o, department });
    }
    if (records.length === 0) return { changed: 0 };
    await db.officers.bulkPut(records);
    const pairs = [...new Set(changes.map((c) => `${c.from}→${c.to}`))];
    await appendAudit(db, {
      at,
      actor,
      action: 'officers.normalise',
      objectType: 'officers',
      objectId: 'departments',
      summary: `按机构名录统一执法人员单位名称 ${records.length} 人：${pairs.slice(0, 5).join('；')}${pairs.length > 5 ? ` 等 ${pairs.length} 种写法` : ''}`,
      content: { changes },
    });
    return { changed: records.length };
  });
}

/** Errors of the registry that concern `ids` (duplicates, bad ID number, expiry before issue). */
function blockingIssues(all: readonly Officer[], ids: ReadonlySet<string>, today?: string): string[] {
  return validateRegistry(all, today)
    .filter((i) => i.severity === 'error' && ids.has(i.officerId))
    .map((i) => i.message);
}

export interface SaveOfficerOptions {
  actor: string;
  at?: string;
  today?: string;
}

/**
 * Add or edit one officer (manual form). Checks the ID number (GB 11643 check digit), duplicate
 * certificate numbers and persons against the whole registry, and expiry before issue. On edit the status
 * and its history are kept as stored: they change only through changeOfficerStatus.
 */
export async function saveOfficer(
  db: PingchaDatabase,
  input: Officer,
  options: SaveOfficerOptions,
): Promise<OfficerRecord> {
  const at = options.at ?? new Date().toISOString();
  let officer: Officer;
  try {
    officer = officerSchema.parse(input);
  } catch (e) {
    if (e instanceof ZodError) throw new OfficerStoreError(`人员信息有误：${zodMessage(e)}`);
    throw e;
  }
  officer = {
    ...officer,
    idNumber: officer.idNumber ? normaliseIdNumber(officer.idNumber) : '',
    certificateNo: normaliseCertificateNo(officer.certificateNo),
  };
  if (officer.idNumber) {
    const check = checkIdNumber(officer.idNumber, options.today);
    if (!check.ok) throw new OfficerStoreError(`${officer.name}的身份证号有误：${check.message}`);
  }
  if (officer.issueDate && officer.expiryDate && officer.expiryDate < officer.issueDate) {
    throw new OfficerStoreError(
      `${officer.name}的证件有效期至 ${officer.expiryDate}，早于发证日期 ${officer.issueDate}`,
    );
  }
  return db.transaction('rw', db.officers, db.departments, db.auditLog, async () => {
    const directory = await db.departments.toArray();
    if (directory.length)
      officer = { ...officer, department: canonicalDepartment(directory, officer.department) };
    const stored = await db.officers.get(officer.id);
    const record: OfficerRecord = stored
      ? { ...officer, status: stored.status, statusHistory: stored.statusHistory, updatedAt: at }
      : {
          ...officer,
          statusHistory: [{ at, from: null, to: officer.status, reason: '手工登记', by: options.actor }],
          updatedAt: at,
          isDemo: false,
        };
    if (stored?.isDemo) record.isDemo = true;
    const all = (await db.officers.toArray()).filter((o) => o.id !== record.id);
    all.push(record);
    const problems = blockingIssues(all, new Set([record.id]), options.today);
    if (problems.length > 0) throw new OfficerStoreError(`未保存：${[...new Set(problems)].join('；')}`);
    await db.officers.put(record);
    await appendAudit(db, {
      at,
      actor: options.actor,
      action: 'officer.save',
      objectType: 'officer',
      objectId: record.id,
      summary: `${stored ? '修改' : '登记'}执法人员 ${record.name}（${record.department}）`,
      // No ID number in the log content: the log travels with packages and backups of the log.
      content: {
        id: record.id,
        name: record.name,
        department: record.department,
        cert: record.certificateNo,
      },
    });
    return record;
  });
}

/** Change a certificate's status with a required reason; the dated entry is appended to its history. */
export async function changeOfficerStatus(
  db: PingchaDatabase,
  officerId: string,
  to: OfficerStatus,
  reason: string,
  actor: string,
  at: string = new Date().toISOString(),
): Promise<OfficerRecord> {
  return db.transaction('rw', db.officers, db.auditLog, async () => {
    const stored = await db.officers.get(officerId);
    if (!stored) throw new OfficerStoreError('该执法人员已不存在，请刷新后重试');
    let changed: Officer;
    try {
      changed = changeStatus(stored, to, reason, actor, at);
    } catch (e) {
      if (e instanceof OfficerRuleError) throw new OfficerStoreError(e.message);
      throw e;
    }
    const record: OfficerRecord = { ...stored, ...changed, updatedAt: at };
    await db.officers.put(record);
    await appendAudit(db, {
      at,
      actor,
      action: 'officer.status',
      objectType: 'officer',
      objectId: officerId,
      summary: `${stored.name}的执法证由“${stored.status}”变更为“${to}”：${reason.trim()}`,
      content: record.statusHistory[record.statusHistory.length - 1],
    });
    return record;
  });
}

export interface OfficerImportMeta {
  fileName: string;
  sheetName: string;
  rowsRead: number;
  counts: { valid: number; errors: number; warnings: number; excluded: number };
  actor: string;
  at?: string;
  today?: string;
  isDemo?: boolean;
}

function historyKey(e: StatusChange): string {
  return `${e.at}\u0000${e.from ?? ''}\u0000${e.to}\u0000${e.reason}`;
}

/**
 * Writes every valid row of an import report in ONE transaction with its audit entry. Officers that
 * already exist (same id) keep their stored history; the import's new entries are appended. The whole
 * import is refused when a row would duplicate a stored certificate number or person (the registry may
 * have changed since the report was made). Throws OfficerStoreError; the store is then unchanged.
 */
export async function importOfficerRecords(
  db: PingchaDatabase,
  officers: readonly Officer[],
  meta: OfficerImportMeta,
): Promise<{ added: number; updated: number }> {
  if (officers.length === 0) {
    throw new OfficerStoreError(`“${meta.fileName}”中没有可导入的有效行，数据库未作任何更改。`);
  }
  const at = meta.at ?? new Date().toISOString();
  return asImportWrite(() =>
    db.transaction('rw', db.officers, db.departments, db.auditLog, async () => {
      const stored = new Map((await db.officers.toArray()).map((o) => [o.id, o]));
      // each 单位 stored as the department directory writes it (aliases, 德阳市X ↔ 市X variants)
      const directory = await db.departments.toArray();
      let normalised = 0;
      const resolved = officers.map((o) => {
        const department = directory.length ? canonicalDepartment(directory, o.department) : o.department;
        if (department === o.department) return o;
        normalised++;
        return { ...o, department };
      });
      let added = 0;
      let updated = 0;
      const records: OfficerRecord[] = resolved.map((o) => {
        const previous = stored.get(o.id);
        if (!previous) {
          added++;
          return { ...o, updatedAt: at, isDemo: meta.isDemo ?? false };
        }
        updated++;
        const known = new Set(previous.statusHistory.map(historyKey));
        return {
          ...o,
          statusHistory: [
            ...previous.statusHistory,
            ...o.statusHistory.filter((e) => !known.has(historyKey(e))),
          ],
          updatedAt: at,
          isDemo: previous.isDemo ?? false,
        };
      });
      for (const r of records) stored.set(r.id, r);
      const ids = new Set(records.map((r) => r.id));
      const problems = validateRegistry([...stored.values()], meta.today)
        .filter(
          (i) =>
            ids.has(i.officerId) && (i.code === 'duplicate-certificate' || i.code === 'duplicate-person'),
        )
        .map((i) => i.message);
      if (problems.length > 0) {
        const unique = [...new Set(problems)];
        throw new OfficerStoreError(
          `导入被拒绝，数据库未作任何更改：${unique.slice(0, 5).join('；')}${unique.length > 5 ? `等${unique.length}处重复` : ''}`,
        );
      }
      await db.officers.bulkPut(records);
      await appendAudit(db, {
        at,
        actor: meta.actor,
        action: 'officers.import',
        objectType: 'officers',
        objectId: meta.fileName,
        summary: `从“${meta.fileName}”（工作表“${meta.sheetName}”）导入执法人员 ${records.length} 人：新增 ${added} 人，更新 ${updated} 人${normalised ? `；${normalised} 人的单位按机构名录统一写法` : ''}`,
        content: { fileName: meta.fileName, sheet: meta.sheetName, counts: meta.counts, ids: [...ids] },
      });
      return { added, updated };
    }),
  );
}

// ---------------------------------------------------------------------------------------------------------
// Exams

export async function listSittings(db: PingchaDatabase): Promise<ExamSittingRecord[]> {
  return (await db.examSittings.toArray()).sort((a, b) => a.number - b.number);
}

export async function listCandidates(db: PingchaDatabase): Promise<ExamCandidateRecord[]> {
  return db.examCandidates.toArray();
}

export async function createSitting(
  db: PingchaDatabase,
  input: { number: number; date: string | null; passMark?: number },
  options: { isDemo?: boolean } = {},
): Promise<ExamSittingRecord> {
  if (!Number.isInteger(input.number) || input.number < 1) {
    throw new OfficerStoreError('考试期次必须是正整数，例如 17（表示“第17次”）');
  }
  return db.transaction('rw', db.examSittings, async () => {
    const all = await db.examSittings.toArray();
    if (all.some((s) => s.number === input.number)) {
      throw new OfficerStoreError(`${sittingLabel(input.number)}考试已经登记过`);
    }
    const record: ExamSittingRecord = {
      id: `exam_${input.number}`,
      number: input.number,
      date: input.date,
      ...(input.passMark !== undefined ? { passMark: input.passMark } : {}),
      isDemo: options.isDemo ?? false,
    };
    await db.examSittings.add(record);
    return record;
  });
}

/**
 * The results of one sitting, written in one transaction with the audit entry. A sitting that already
 * has results is only replaced when `replace` is set (the old results are removed in the same step).
 */
export async function importExamCandidates(
  db: PingchaDatabase,
  sittingId: string,
  candidates: readonly ExamCandidate[],
  meta: { fileName: string; actor: string; replace: boolean; at?: string; isDemo?: boolean },
): Promise<number> {
  if (candidates.length === 0) {
    throw new OfficerStoreError(`“${meta.fileName}”中没有可导入的考生成绩，数据库未作任何更改。`);
  }
  return asImportWrite(() =>
    db.transaction('rw', db.examSittings, db.examCandidates, db.auditLog, async () => {
      const sitting = await db.examSittings.get(sittingId);
      if (!sitting) throw new OfficerStoreError('所选考试期次不存在，请先登记考试期次');
      const existing = await db.examCandidates.where('sittingId').equals(sittingId).primaryKeys();
      if (existing.length > 0 && !meta.replace) {
        throw new OfficerStoreError(
          `${sittingLabel(sitting)}考试已有 ${existing.length} 名考生的成绩；如要以本文件为准，请勾选“替换本期已有成绩”后再导入`,
        );
      }
      await db.examCandidates.bulkDelete(existing);
      await db.examCandidates.bulkAdd(
        candidates.map((c) => ({ ...c, sittingId, isDemo: meta.isDemo ?? false })),
      );
      await appendAudit(db, {
        at: meta.at,
        actor: meta.actor,
        action: 'exam.import',
        objectType: 'examSitting',
        objectId: sittingId,
        summary: `导入${sittingLabel(sitting)}考试成绩 ${candidates.length} 人（${meta.fileName}）${existing.length ? `，替换原有 ${existing.length} 人` : ''}`,
        content: {
          fileName: meta.fileName,
          sittingId,
          count: candidates.length,
          ids: candidates.map((c) => c.id),
        },
      });
      return candidates.length;
    }),
  );
}

// ---------------------------------------------------------------------------------------------------------
// Training

export async function addTrainingSession(
  db: PingchaDatabase,
  input: Omit<TrainingSession, 'id'> & { id?: string },
  options: { isDemo?: boolean } = {},
): Promise<TrainingSessionRecord> {
  if (input.title.trim() === '') throw new OfficerStoreError('培训名称不能为空');
  if (!(input.hours > 0)) throw new OfficerStoreError('培训学时必须大于 0');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.date)) throw new OfficerStoreError('请填写培训日期');
  const record: TrainingSessionRecord = {
    id: input.id ?? randomId('trn_', 8),
    title: input.title.trim(),
    date: input.date,
    hours: input.hours,
    organiser: input.organiser ?? '',
    year: Number(input.date.slice(0, 4)),
    isDemo: options.isDemo ?? false,
  };
  await db.trainingSessions.add(record);
  return record;
}

/** Record (or update) attendance of several officers at one session, in one transaction. */
export async function recordAttendance(
  db: PingchaDatabase,
  sessionId: string,
  entries: readonly { officerId: string; hours?: number }[],
  options: { isDemo?: boolean } = {},
): Promise<number> {
  return db.transaction('rw', db.trainingSessions, db.trainingAttendance, db.officers, async () => {
    const session = await db.trainingSessions.get(sessionId);
    if (!session) throw new OfficerStoreError('培训场次不存在，请刷新后重试');
    for (const e of entries) {
      if (e.hours !== undefined && (e.hours < 0 || e.hours > session.hours)) {
        throw new OfficerStoreError(
          `学时 ${e.hours} 不在 0 到本次培训的 ${session.hours} 学时之间，未保存任何出勤记录`,
        );
      }
    }
    const known = new Set(
      await db.officers
        .bulkGet(entries.map((e) => e.officerId))
        .then((l) => l.filter(Boolean).map((o) => o!.id)),
    );
    const missing = entries.filter((e) => !known.has(e.officerId));
    if (missing.length > 0)
      throw new OfficerStoreError(`有 ${missing.length} 名人员不在名册中，未保存任何出勤记录`);
    await db.trainingAttendance.bulkPut(
      entries.map((e) => ({
        id: `${sessionId}|${e.officerId}`,
        sessionId,
        officerId: e.officerId,
        ...(e.hours !== undefined ? { hours: e.hours } : {}),
        isDemo: options.isDemo ?? session.isDemo ?? false,
      })),
    );
    return entries.length;
  });
}

/**
 * The valid rows of an attendance sheet for one session, written in ONE transaction with its audit entry
 * (an officer already recorded for the session gets the sheet's record). Any failure writes nothing.
 */
export async function importTrainingAttendanceRecords(
  db: PingchaDatabase,
  sessionId: string,
  entries: readonly { officerId: string; hours?: number }[],
  meta: { fileName: string; actor: string; at?: string },
): Promise<number> {
  if (entries.length === 0) {
    throw new OfficerStoreError(`“${meta.fileName}”中没有可导入的出勤记录，数据库未作任何更改。`);
  }
  return asImportWrite(() =>
    db.transaction('rw', [db.trainingSessions, db.trainingAttendance, db.officers, db.auditLog], async () => {
      const session = await db.trainingSessions.get(sessionId);
      if (!session) throw new OfficerStoreError('所选培训场次不存在，请刷新后重新选择');
      const seen = new Set<string>();
      for (const e of entries) {
        if (seen.has(e.officerId))
          throw new OfficerStoreError('同一人员在本次导入中出现两次，未保存任何出勤记录');
        seen.add(e.officerId);
        if (e.hours !== undefined && !(e.hours > 0 && e.hours <= session.hours))
          throw new OfficerStoreError(
            `学时 ${e.hours} 不在 0 到本次培训的 ${session.hours} 学时之间，未保存任何出勤记录`,
          );
      }
      const found = await db.officers.bulkGet(entries.map((e) => e.officerId));
      const missing = found.filter((o) => !o).length;
      if (missing > 0)
        throw new OfficerStoreError(
          `有 ${missing} 名人员已不在名册中，请重新生成校验报告；未保存任何出勤记录`,
        );
      const ids = entries.map((e) => `${sessionId}|${e.officerId}`);
      const replaced = (await db.trainingAttendance.bulkGet(ids)).filter(Boolean).length;
      await db.trainingAttendance.bulkPut(
        entries.map((e) => ({
          id: `${sessionId}|${e.officerId}`,
          sessionId,
          officerId: e.officerId,
          ...(e.hours !== undefined ? { hours: e.hours } : {}),
          isDemo: session.isDemo ?? false,
        })),
      );
      await appendAudit(db, {
        at: meta.at,
        actor: meta.actor,
        action: 'training.import',
        objectType: 'trainingSession',
        objectId: sessionId,
        summary: `导入培训“${session.title}”（${session.date}）出勤 ${entries.length} 人次（${meta.fileName}）${replaced ? `，其中 ${replaced} 人次替换原有记录` : ''}`,
        content: {
          fileName: meta.fileName,
          sessionId,
          count: entries.length,
          entries: entries.map((e) => ({ officerId: e.officerId, hours: e.hours ?? null })),
        },
      });
      return entries.length;
    }),
  );
}

export async function removeAttendance(
  db: PingchaDatabase,
  sessionId: string,
  officerId: string,
): Promise<void> {
  await db.trainingAttendance.delete(`${sessionId}|${officerId}`);
}

// ---------------------------------------------------------------------------------------------------------
// Yearly review

export function reviewIdFor(year: number): string {
  return `review_${year}`;
}

/**
 * Store a run of the rules for a year. Decisions already taken stay; proposals of officers already
 * decided but no longer reviewed (e.g. their certificate was revoked by that decision) are carried over.
 */
export async function saveReviewRun(
  db: PingchaDatabase,
  result: AnnualReviewResult,
  actor: string,
  at: string = new Date().toISOString(),
): Promise<AnnualReviewRecord> {
  const id = reviewIdFor(result.year);
  return db.transaction('rw', db.annualReviews, db.reviewDecisions, async () => {
    const decided = new Set(
      (await db.reviewDecisions.where('reviewId').equals(id).toArray()).map((d) => d.officerId),
    );
    const previous = await db.annualReviews.get(id);
    const fresh = new Set(result.proposals.map((p) => p.officerId));
    const carried = (previous?.proposals ?? []).filter(
      (p) => decided.has(p.officerId) && !fresh.has(p.officerId),
    );
    const record: AnnualReviewRecord = {
      id,
      year: result.year,
      reviewDate: result.reviewDate,
      runAt: at,
      runBy: actor,
      proposals: [...result.proposals, ...carried],
      skipped: result.skipped.filter((s) => !decided.has(s.officerId)),
      notEvaluated: result.notEvaluated,
    };
    await db.annualReviews.put(record);
    return record;
  });
}

export async function listReviewDecisions(
  db: PingchaDatabase,
  reviewId: string,
): Promise<ReviewDecisionRecord[]> {
  return db.reviewDecisions.where('reviewId').equals(reviewId).toArray();
}

/**
 * Record staff's decisions and apply them to the certificates (注销 / 暂扣 with a dated history entry), all
 * in one transaction with one audit entry. A proposal already decided cannot be decided again.
 */
export async function recordReviewDecisions(
  db: PingchaDatabase,
  reviewId: string,
  decisions: readonly ReviewDecision[],
  actor: string,
): Promise<{ recorded: number; statusChanged: number }> {
  if (decisions.length === 0) throw new OfficerStoreError('没有需要确认的年审结论');
  await prepareCheckpoint(db);
  const written: { table: string; key: string; row: unknown }[] = [];
  return db.transaction('rw', db.annualReviews, db.reviewDecisions, db.officers, db.auditLog, async () => {
    const review = await db.annualReviews.get(reviewId);
    if (!review) throw new OfficerStoreError('该年度年审记录不存在，请先运行年审规则');
    const names = new Map(review.proposals.map((p) => [p.officerId, p.name]));
    let statusChanged = 0;
    for (const d of decisions) {
      const id = `${reviewId}|${d.officerId}`;
      if (await db.reviewDecisions.get(id)) {
        throw new OfficerStoreError(
          `${names.get(d.officerId) ?? d.officerId}的${review.year}年度年审已有结论，不能重复审核`,
        );
      }
      await db.reviewDecisions.add({ ...d, id, reviewId });
      written.push({ table: 'reviewDecisions', key: id, row: { ...d, id, reviewId } });
      const officer = await db.officers.get(d.officerId);
      if (!officer) continue;
      const after = applyDecisionToOfficer(officer, d);
      if (after !== officer) {
        statusChanged++;
        await db.officers.put({ ...officer, ...after, updatedAt: d.at });
      }
    }
    const overridden = decisions.filter((d) => d.overridden);
    const first = decisions[0]!;
    await appendAudit(db, {
      at: first.at,
      actor,
      action: 'certificate.decision',
      objectType: 'annualReview',
      objectId: reviewId,
      summary:
        decisions.length === 1
          ? `${review.year}年度证件年审：${names.get(first.officerId) ?? ''}${first.overridden ? '改为' : '确认'}“${REVIEW_OUTCOME_LABELS[first.decided]}”${first.overridden ? `，理由：${first.reason}` : ''}`
          : `${review.year}年度证件年审：确认 ${decisions.length} 份结论（其中改变建议 ${overridden.length} 份），变更证件状态 ${statusChanged} 个`,
      content: decisions,
      records: written,
    });
    return { recorded: decisions.length, statusChanged };
  });
}

/**
 * 撤回年审结论: removes a confirmed decision, with a required reason, while the year's 年审通知 holds no
 * issued number; the certificate status the decision changed is restored. Logged (the deleted
 * decision's record digest is null) in the same transaction; a refusal changes nothing.
 */
export async function withdrawReviewDecision(
  db: PingchaDatabase,
  input: { reviewId: string; officerId: string; reason: string; actor: string },
): Promise<{ restored: boolean }> {
  await prepareCheckpoint(db);
  return db.transaction(
    'rw',
    [db.annualReviews, db.reviewDecisions, db.officers, db.letterNumbers, db.auditLog],
    async () => {
      const review = await db.annualReviews.get(input.reviewId);
      if (!review) throw new OfficerStoreError('该年度年审记录不存在');
      const id = `${input.reviewId}|${input.officerId}`;
      const decision = await db.reviewDecisions.get(id);
      const name = review.proposals.find((p) => p.officerId === input.officerId)?.name ?? input.officerId;
      if (!decision) throw new OfficerStoreError(`${name}的${review.year}年度年审还没有结论，无需撤回`);
      const holder = documentObjectId('notice', String(review.year));
      const notice = await db.letterNumbers
        .where('status')
        .equals('issued')
        .filter((n) => n.letterId === holder && n.docType === 'notice')
        .first();
      const problem = decisionWithdrawalProblem({
        name,
        year: review.year,
        reason: input.reason,
        by: input.actor,
        noticeNumber: notice?.docNumber ?? null,
      });
      if (problem) throw new OfficerStoreError(problem);
      const officer = await db.officers.get(input.officerId);
      const at = new Date().toISOString();
      const after = officer
        ? withdrawDecisionFromOfficer(officer, decision, { reason: input.reason, by: input.actor, at })
        : { officer: undefined, restored: false };
      const restored = after.restored;
      if (after.officer && restored) await db.officers.put({ ...after.officer, updatedAt: at });
      await db.reviewDecisions.delete(id);
      await appendAudit(db, {
        at,
        actor: input.actor,
        action: 'certificate.decision',
        objectType: 'annualReview',
        objectId: input.reviewId,
        summary: `${review.year}年度证件年审：撤回${name}的结论“${REVIEW_OUTCOME_LABELS[decision.decided]}”，理由：${input.reason.trim()}${restored ? `；证件状态恢复为“${officer?.statusHistory.at(-1)?.from ?? ''}”` : ''}`,
        content: { withdrawn: decision, reason: input.reason.trim(), restored },
        records: [{ table: 'reviewDecisions', key: id, row: null }],
      });
      return { restored };
    },
  );
}

/**
 * Case-file grades of the review year's campaigns, from the lead's final results. Handling officers come
 * from the case files' ledger row (承办人 / 执法证号), looked up by the caller (the case index). Returns
 * undefined when no final result exists for that year: the rule is then reported as not evaluated.
 */
export async function campaignGradesForYear(
  db: PingchaDatabase,
  year: number,
  handlers: (itemId: string) => { officer: string; certNo: string } | null,
): Promise<CaseFileGradeRef[] | undefined> {
  const campaigns: CampaignRecord[] = await db.campaigns.where('year').equals(year).toArray();
  if (campaigns.length === 0) return undefined;
  const out: CaseFileGradeRef[] = [];
  for (const c of campaigns) {
    const rows: FinalResultRow[] = await db.finalResults.where('campaignId').equals(c.id).toArray();
    for (const r of rows) {
      const h = handlers(r.itemId);
      out.push({
        certNo: h?.certNo || undefined,
        officerName: h?.officer ?? '',
        department: r.department,
        grade: r.score.grade,
        caseNo: r.caseNo,
        campaign: c.name,
      });
    }
  }
  return out.length > 0 ? out : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Reads for the officers pages

export async function listTrainingSessions(db: PingchaDatabase): Promise<TrainingSessionRecord[]> {
  return db.trainingSessions.toArray();
}

export async function listTrainingAttendance(db: PingchaDatabase): Promise<TrainingAttendanceRecord[]> {
  return db.trainingAttendance.toArray();
}

export async function getAnnualReview(
  db: PingchaDatabase,
  id: string,
): Promise<AnnualReviewRecord | undefined> {
  return db.annualReviews.get(id);
}

/** What the yearly review rules read besides the case files: officers, the year's training, every exam. */
export async function annualReviewInputs(
  db: PingchaDatabase,
  year: number,
): Promise<{
  officers: OfficerRecord[];
  sessions: TrainingSessionRecord[];
  attendance: TrainingAttendanceRecord[];
  sittings: ExamSittingRecord[];
  candidates: ExamCandidateRecord[];
}> {
  const [officers, sessions, attendance, sittings, candidates] = await Promise.all([
    listOfficers(db),
    db.trainingSessions.where('year').equals(year).toArray(),
    db.trainingAttendance.toArray(),
    db.examSittings.toArray(),
    db.examCandidates.toArray(),
  ]);
  return { officers, sessions, attendance, sittings, candidates };
}
