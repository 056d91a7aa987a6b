// The only writer of score sheets (逐卷评查) and final results (复核定稿): save on every change, submit,
// unlock by the lead, finalise with reconcile. Every action that matters for the record (submit, unlock,
// finalise) writes its audit entry in the same transaction; rules come from shared/review (scoreCaseFile,
// reconcile). Errors are Chinese and the store is unchanged when an action fails.

import type { PageLabels } from '@shared/case-files/page-labels';
import './directory-repository';
import { formatHalfPoints } from '@shared/standards/standard-model';
import { type AssignmentRecord } from '@shared/assignment/assign-reviewers';
import {
  reconcile,
  scoreCaseFile,
  submissionProblems,
  type LeadDecisions,
  type ScoreSheet,
} from '@shared/review/scoring-engine';
import type { PingchaDatabase } from './database';
import { appendAudit } from './audit-repository';
import { prepareCheckpoint } from './office-key-repository';
import type {
  CampaignRecord,
  DrawEventRow,
  DrawRow,
  FinalResultRow,
  ScoreSheetRow,
  StandardRow,
} from './workflow-records';
import './workflow-records';
import { getStandards, requireStandard, ReviewError } from './standards-repository';
import { fileLabel, freezeInTransaction, mayScore, sheetId, standardForCaseType } from './panel-repository';

// Optional fields this area adds to the shared record shapes (allowed by workflow-records.ts).
declare module './workflow-records' {
  interface ScoreSheetRow {
    /** Unlocks by the lead after submission (score.change-after-submit), oldest first. */
    unlocks?: { at: string; by: string; reason: string }[];
  }
}

/** Performance mark set after a score sheet save has committed (bench: keypress -> committed write). */
export const SHEET_SAVED_MARK = 'pingcha:sheet-saved';
/** Set when a save starts (bench: splits UI time from store time). */
export const SHEET_SAVE_START_MARK = 'pingcha:sheet-save-start';

function nowIso(): string {
  return new Date().toISOString();
}

// =============================================================================================
// Score sheets (逐卷评查)

export async function listSheets(db: PingchaDatabase, campaignId: string): Promise<ScoreSheetRow[]> {
  return db.scoreSheets.where('campaignId').equals(campaignId).toArray();
}

export async function listFinalResults(db: PingchaDatabase, campaignId: string): Promise<FinalResultRow[]> {
  return db.finalResults.where('campaignId').equals(campaignId).toArray();
}

export interface SaveSheetInput {
  campaignId: string;
  itemId: string;
  reviewerId: string;
  caseType: string;
  sheet: ScoreSheet;
  actor: string;
}

/**
 * Autosave: writes the reviewer's sheet with revision + 1. The first save of a campaign freezes its
 * standards (scoring has started). Refused once the sheet is submitted or the file finalised.
 */
export async function saveSheet(db: PingchaDatabase, input: SaveSheetInput): Promise<ScoreSheetRow> {
  performance.mark(SHEET_SAVE_START_MARK);
  // Scoring has started once the standards are frozen: then the write needs only the sheet's own
  // tables (a narrower scope waits less for readers such as live queries).
  const frozen = !!(await db.campaigns.get(input.campaignId))?.standardsFrozenAt;
  const tables = frozen
    ? [db.scoreSheets, db.campaigns, db.assignments, db.finalResults]
    : [db.scoreSheets, db.campaigns, db.standards, db.assignments, db.finalResults, db.auditLog];
  const row = await db.transaction('rw', tables, async () => {
    const id = sheetId(input.campaignId, input.itemId, input.reviewerId);
    const [prev, campaign0, assignment, final] = await Promise.all([
      db.scoreSheets.get(id),
      db.campaigns.get(input.campaignId),
      db.assignments.get(input.campaignId),
      db.finalResults.get([input.campaignId, input.itemId]),
    ]);
    if (!campaign0) throw new ReviewError('找不到该评查活动');
    if (!assignment) throw new ReviewError('本活动尚未分配评查人员');
    const label = fileLabel(assignment.record, input.itemId);
    if (!mayScore(campaign0, assignment.record, input.itemId, input.reviewerId))
      throw new ReviewError(`${label}未分配给该评查人员，不能评分`);
    if (final) throw new ReviewError(`${label}已复核定稿，评分表不能再修改`);
    if (prev?.status === 'submitted')
      throw new ReviewError(`${label}的评分表已提交，不能再修改；如需更改，须由复核人员解锁`);
    const campaign = campaign0.standardsFrozenAt
      ? campaign0
      : await freezeInTransaction(db, campaign0, input.actor);
    const choice = campaign.standards.find((c) => c.caseType === input.caseType);
    if (!choice) throw new ReviewError(`案件类型“${input.caseType}”没有选定评查标准`);
    const at = nowIso();
    const next: ScoreSheetRow = {
      ...(prev ?? {}),
      id,
      campaignId: input.campaignId,
      itemId: input.itemId,
      reviewerId: input.reviewerId,
      standardId: choice.standardId,
      standardVersion: choice.version,
      sheet: {
        standardId: choice.standardId,
        standardVersion: choice.version,
        deductions: input.sheet.deductions.map((d) => ({ ...d })),
        vetoes: input.sheet.vetoes.map((v) => ({ ...v })),
        ...(input.sheet.noProblemsFound ? { noProblemsFound: true as const } : {}),
      },
      status: 'draft',
      revision: (prev?.revision ?? 0) + 1,
      updatedAt: at,
      updatedBy: input.actor,
      submittedAt: null,
      origin: 'local',
    };
    await db.scoreSheets.put(next);
    return next;
  });
  // After the commit: the bench measures keypress -> this mark.
  performance.mark(SHEET_SAVED_MARK, { detail: { id: row.id, revision: row.revision } });
  return row;
}

/**
 * Submit: the sheet must be complete (every deduction described, every veto reasoned, and an empty
 * sheet declared 未发现问题); then it is locked.
 */
export async function submitSheet(
  db: PingchaDatabase,
  input: { campaignId: string; itemId: string; reviewerId: string; actor: string },
): Promise<ScoreSheetRow> {
  return db.transaction(
    'rw',
    [db.scoreSheets, db.standards, db.assignments, db.finalResults, db.auditLog],
    async () => {
      const id = sheetId(input.campaignId, input.itemId, input.reviewerId);
      const row = await db.scoreSheets.get(id);
      const assignment = await db.assignments.get(input.campaignId);
      const label = assignment ? fileLabel(assignment.record, input.itemId) : `案卷 ${input.itemId}`;
      if (!row)
        throw new ReviewError(`${label}还没有评分记录，不能提交；如经评查未发现问题，请选择“未发现问题”`);
      if (row.status === 'submitted') throw new ReviewError(`${label}的评分表已提交，不能重复提交`);
      if (await db.finalResults.get([input.campaignId, input.itemId]))
        throw new ReviewError(`${label}已复核定稿`);
      const standard = await requireStandard(
        db,
        row.standardId,
        row.standardVersion,
        (missing) => new ReviewError(`找不到评分表所用的${missing}`),
      );
      const problems = submissionProblems(standard, row.sheet);
      if (problems.length > 0) throw new ReviewError(`${label}的评分表还不能提交：\n${problems.join('\n')}`);
      const score = scoreCaseFile(standard, row.sheet);
      const at = nowIso();
      const next: ScoreSheetRow = {
        ...row,
        status: 'submitted',
        submittedAt: at,
        revision: row.revision + 1,
        updatedAt: at,
        updatedBy: input.actor,
      };
      await db.scoreSheets.put(next);
      await appendAudit(db, {
        actor: input.actor,
        action: 'score.submit',
        objectType: 'score-sheet',
        objectId: id,
        // No score in the summary: the 操作留痕 page is open on a shared machine, and the other reviewer of
        // this file may not have submitted yet (blind review). The content keeps the sheet for the record.
        summary: `${label}评分表提交`,
        content: {
          sheet: next.sheet,
          totalHalfPoints: score.totalHalfPoints,
          grade: score.grade,
          revision: next.revision,
          ...(row.sheet.noProblemsFound ? { noProblemsFound: true } : {}),
        },
      });
      return next;
    },
  );
}

/**
 * 未发现问题: the reviewer's explicit finding that the file has no problem, submitted as a full-score
 * sheet in one transaction (no deduction needs to be made first). Refused while the sheet records a
 * deduction or a veto: the finding never silently discards one.
 */
export async function submitNoProblemsFound(
  db: PingchaDatabase,
  input: { campaignId: string; itemId: string; reviewerId: string; caseType: string; actor: string },
): Promise<ScoreSheetRow> {
  return db.transaction(
    'rw',
    [db.scoreSheets, db.campaigns, db.standards, db.assignments, db.finalResults, db.auditLog],
    async () => {
      const prev = await db.scoreSheets.get(sheetId(input.campaignId, input.itemId, input.reviewerId));
      if (prev && prev.status !== 'submitted') {
        const { deductions, vetoes } = prev.sheet;
        if (deductions.length > 0 || vetoes.length > 0) {
          const assignment = await db.assignments.get(input.campaignId);
          const label = assignment ? fileLabel(assignment.record, input.itemId) : `案卷 ${input.itemId}`;
          throw new ReviewError(
            `${label}的评分表已记有 ${deductions.length} 处扣分、${vetoes.length} 项否决，不能按“未发现问题”提交；如确无问题，请先删除这些记录`,
          );
        }
      }
      // saveSheet checks the assignment, the lock and the standard, and freezes the standards on the
      // campaign's first sheet; both writes share this transaction, so a refusal changes nothing.
      await saveSheet(db, { ...input, sheet: { deductions: [], vetoes: [], noProblemsFound: true } });
      return submitSheet(db, input);
    },
  );
}

/** The lead reopens a submitted sheet (reason required); every later change is on record. */
export async function unlockSheet(
  db: PingchaDatabase,
  input: { campaignId: string; itemId: string; reviewerId: string; reason: string; lead: string },
): Promise<ScoreSheetRow> {
  if (!input.reason.trim()) throw new ReviewError('解锁已提交的评分表须填写理由');
  return db.transaction('rw', [db.scoreSheets, db.finalResults, db.auditLog], async () => {
    const id = sheetId(input.campaignId, input.itemId, input.reviewerId);
    const row = await db.scoreSheets.get(id);
    if (!row) throw new ReviewError('找不到该评分表');
    if (row.status !== 'submitted') throw new ReviewError('该评分表尚未提交，无需解锁');
    if (await db.finalResults.get([input.campaignId, input.itemId]))
      throw new ReviewError('该案卷已复核定稿，评分表不能再解锁');
    const at = nowIso();
    const next: ScoreSheetRow = {
      ...row,
      status: 'draft',
      submittedAt: null,
      revision: row.revision + 1,
      updatedAt: at,
      updatedBy: input.lead,
      unlocks: [...(row.unlocks ?? []), { at, by: input.lead, reason: input.reason.trim() }],
    };
    await db.scoreSheets.put(next);
    await appendAudit(db, {
      actor: input.lead,
      action: 'score.change-after-submit',
      objectType: 'score-sheet',
      objectId: id,
      summary: `复核人员解锁已提交的评分表（案卷 ${input.itemId}），理由：${input.reason.trim()}`,
      content: { previous: row.sheet, previousRevision: row.revision, reason: input.reason.trim() },
    });
    return next;
  });
}

// =============================================================================================
// Final results (复核定稿)

export interface FinaliseInput {
  campaignId: string;
  itemId: string;
  /** Needed with two reviewers where they differ; ignored with one. */
  decisions?: LeadDecisions;
  lead: string;
}

/**
 * The lead fixes the file's result: with two sheets via reconcile (item by item, reasons where the
 * lead departs from both), with one sheet by confirming it. Writes FinalResultRow; the file is then
 * locked (no sheet of it can change).
 */
export async function finaliseFile(db: PingchaDatabase, input: FinaliseInput): Promise<FinalResultRow> {
  await prepareCheckpoint(db);
  return db.transaction(
    'rw',
    [db.campaigns, db.assignments, db.scoreSheets, db.standards, db.finalResults, db.auditLog],
    async () => {
      const campaign = await db.campaigns.get(input.campaignId);
      const assignment = await db.assignments.get(input.campaignId);
      if (!campaign || !assignment) throw new ReviewError('本活动尚未分配评查人员');
      const label = fileLabel(assignment.record, input.itemId);
      if (await db.finalResults.get([input.campaignId, input.itemId]))
        throw new ReviewError(`${label}已复核定稿，不能重复定稿`);
      const entry = assignment.record.result.find((e) => e.itemId === input.itemId);
      const file = assignment.record.files.find((f) => f.itemId === input.itemId) as
        (AssignmentRecord['files'][number] & { caseType?: string }) | undefined;
      if (!entry || !file) throw new ReviewError(`${label}不在分配记录中`);
      const sheets: ScoreSheetRow[] = [];
      for (const rid of entry.reviewerIds) {
        const s = await db.scoreSheets.get(sheetId(input.campaignId, input.itemId, rid));
        const name = assignment.record.reviewers.find((r) => r.id === rid)?.name ?? rid;
        if (!s || s.status !== 'submitted')
          throw new ReviewError(`${label}：评查人员“${name}”尚未提交评分表`);
        sheets.push(s);
      }
      const first = sheets[0]!;
      const standard = await requireStandard(
        db,
        first.standardId,
        first.standardVersion,
        (missing) => new ReviewError(`找不到${missing}`),
      );
      const at = nowIso();
      let sheet: ScoreSheet;
      let reconciliation: unknown;
      if (sheets.length === 2) {
        const res = reconcile(standard, first.sheet, sheets[1]!.sheet, input.decisions ?? { items: [] }, {
          by: input.lead,
          at,
        });
        if (!res.ok) throw new ReviewError(`${label}还不能定稿：\n${res.errors.join('\n')}`);
        sheet = res.sheet;
        reconciliation = { ...res.record, reviewerA: first.reviewerId, reviewerB: sheets[1]!.reviewerId };
      } else {
        const score = scoreCaseFile(standard, first.sheet);
        if (!score.valid)
          throw new ReviewError(`${label}的评分表不完整：\n${score.errors.map((e) => e.message).join('\n')}`);
        sheet = first.sheet;
        reconciliation = { kind: 'confirmed', reviewer: first.reviewerId, by: input.lead, at };
      }
      const score = scoreCaseFile(standard, sheet);
      const row: FinalResultRow = {
        campaignId: input.campaignId,
        itemId: input.itemId,
        department: file.department,
        caseNo: file.caseNo ?? '',
        caseType: file.caseType ?? '',
        standardId: standard.id,
        standardVersion: standard.version,
        sheet,
        score,
        reconciliation,
        finalisedAt: at,
        finalisedBy: input.lead,
      };
      await db.finalResults.add(row);
      await appendAudit(db, {
        actor: input.lead,
        action: 'review.finalise',
        objectType: 'case-file',
        objectId: input.itemId,
        summary: `${label}复核定稿：${formatHalfPoints(score.totalHalfPoints)} 分，${score.grade}`,
        content: { sheet, reconciliation, totalHalfPoints: score.totalHalfPoints, grade: score.grade },
        records: [
          { table: 'finalResults', key: `${row.campaignId}|${row.itemId}`, row, campaignId: row.campaignId },
        ],
      });
      return row;
    },
  );
}

/**
 * What the results and letters pages compute from: the campaign, its final results, the submitted sheets
 * (a draft is never read outside its reviewer's own page: blind review), the stored standards they were
 * scored on, the latest draw with its events and the assignment. Null when there is no such campaign.
 */
export async function readCampaignResultRecords(
  db: PingchaDatabase,
  campaignId: string,
): Promise<{
  campaign: CampaignRecord;
  finals: FinalResultRow[];
  sheets: ScoreSheetRow[];
  storedStandards: StandardRow[];
  draw: DrawRow | null;
  drawEvents: DrawEventRow[];
  assignment: readonly { itemId: string; reviewerIds: readonly string[] }[];
  /** The hand page labels of the campaign's 电子案卷, by file SHA-256 (letters cite pinned pages by them). */
  pageLabels: Map<string, PageLabels>;
} | null> {
  const [campaign, finals, draws, allSheets, assignment] = await Promise.all([
    db.campaigns.get(campaignId),
    db.finalResults.where('campaignId').equals(campaignId).toArray(),
    db.draws.where('campaignId').equals(campaignId).toArray(),
    db.scoreSheets.where('campaignId').equals(campaignId).toArray(),
    db.assignments.get(campaignId),
  ]);
  if (!campaign) return null;
  const sheets = allSheets.filter((s) => s.status === 'submitted');
  const keys = [...new Set([...finals, ...sheets].map((f) => `${f.standardId}|${f.standardVersion}`))].map(
    (k) => {
      const i = k.lastIndexOf('|');
      return [k.slice(0, i), Number(k.slice(i + 1))] as const;
    },
  );
  const storedStandards = await getStandards(db, keys);
  const draw = draws.sort((a, b) => a.createdAt.localeCompare(b.createdAt)).at(-1) ?? null;
  const drawEvents = draw ? await db.drawEvents.where('drawId').equals(draw.id).toArray() : [];
  const fileHashes = new Set(
    (await db.caseFiles.where('campaignId').equals(campaignId).toArray()).map((r) => r.sha256),
  );
  const pages = (await db.caseFilePages.bulkGet([...fileHashes])).filter((r) => r !== undefined);
  return {
    campaign,
    finals,
    sheets,
    storedStandards,
    draw,
    drawEvents,
    assignment: assignment?.record.result ?? [],
    pageLabels: new Map(pages.map((r) => [r.sha256, r.labels])),
  };
}

/**
 * A reviewer's sheet of one file as stored (if any) and the standard it is scored by: the sheet's own,
 * else the campaign's standard for the case type.
 */
export async function readSheetWithStandard(
  db: PingchaDatabase,
  id: string,
  campaign: CampaignRecord,
  caseType: string,
): Promise<{ stored: ScoreSheetRow | undefined; standard: StandardRow | undefined }> {
  const stored = await db.scoreSheets.get(id);
  const standard = stored
    ? await db.standards.get([stored.standardId, stored.standardVersion])
    : await standardForCaseType(db, campaign, caseType);
  return { stored, standard };
}
