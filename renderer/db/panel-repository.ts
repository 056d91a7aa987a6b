// The only writer of the panel (评查组): the standards a campaign scores by and their freeze, the drawn
// files, reviewers, the seeded conflict-free assignment, reassignment and calibration files. Every action
// that matters for the record writes its audit entry in the same transaction. Rules come from shared/:
// assignReviewers/reassign and the calibration choice.
import { formatDateTime } from '@shared/util/time-format';
import { caseTypeMismatch, standardFitsCaseType } from '@shared/standards/case-type-fit';
import { canonicalDepartment } from '@shared/ledger/departments';
import './directory-repository';
import { freezeStandard, standardDigest, validateStandard } from '@shared/standards/standard-model';
import {
  assignReviewers,
  reassign,
  type AssignmentFile,
  type AssignmentRecord,
  type Reviewer,
} from '@shared/assignment/assign-reviewers';
import { checkCalibrationChoice, scorersOf } from '@shared/review/calibration';
import { reviewedItemIds, type DrawRecord } from '@shared/draw/draw-record';
import { recordChanges } from './campaign-repository';
import type { PingchaDatabase } from './database';
import { purposiveItemIds } from '@shared/draw/purposive';
import { appendAudit } from './audit-repository';
import type {
  AssignmentRow,
  CampaignRecord,
  DrawEventRow,
  ReviewerRow,
  StandardRow,
} from './workflow-records';
import './workflow-records';
import { latestVersions, requireStandard, ReviewError } from './standards-repository';

function nowIso(): string {
  return new Date().toISOString();
}

// =============================================================================================
// Campaign standards and the drawn files

export interface DrawnFile extends AssignmentFile {
  caseNo: string;
  caseType: string;
}

export interface CampaignDraw {
  draw: { id: string; createdAt: string; record: DrawRecord } | null;
  events: DrawEventRow[];
  /** The current drawn list: the draw's files, then replacements and "draw more" in order. */
  itemIds: string[];
}

/**
 * The campaign's current drawn list. The draw record never changes; replacements and extra draws
 * are events appended after it, carrying the ids the draw produced (replayed in sequence).
 */
export async function readCampaignDraw(db: PingchaDatabase, campaignId: string): Promise<CampaignDraw> {
  const draws = await db.draws.where('campaignId').equals(campaignId).toArray();
  draws.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  const draw = draws[0] ?? null;
  if (!draw) return { draw: null, events: [], itemIds: [] };
  const events = (await db.drawEvents.where('drawId').equals(draw.id).toArray()).sort(
    (a, b) => a.seq - b.seq,
  );
  return { draw, events, itemIds: currentDrawnIds(draw.record, events) };
}

/** Pure: the drawn ids after the events (also used by tests). */
export function currentDrawnIds(record: DrawRecord, events: readonly DrawEventRow[]): string[] {
  // Events already folded into the record (a record exported after events) are kept; stored events add to them.
  const seen = new Set([...record.replacements.map((r) => r.seq), ...record.extras.map((x) => x.seq)]);
  // The row's seq orders the events (a payload written by an older version may lack its own).
  const fresh = recordChanges(
    events
      .filter((e) => !seen.has(e.seq))
      .map((e) => ({ ...e, payload: { ...(e.payload as object), seq: e.seq } })),
  );
  const ids = reviewedItemIds({
    ...record,
    replacements: [...record.replacements, ...fresh.replacements],
    extras: [...record.extras, ...fresh.extras],
  });
  // files drawn on purpose (台账体检发现, 定向抽取) are reviewed too, after the random ones
  for (const id of purposiveItemIds(record.purposive)) if (!ids.includes(id)) ids.push(id);
  return ids;
}

export interface StandardChoice {
  caseType: string;
  standardId: string;
  version: number;
}

/**
 * The standard each case type would use: the campaign's choice, else the newest version of a
 * standard whose case types match (the same prefix rule as the defaults: 行政处罚（一般程序） -> 行政处罚).
 */
export function resolveStandardChoices(
  campaign: CampaignRecord,
  caseTypes: readonly string[],
  standards: readonly StandardRow[],
): { choices: StandardChoice[]; missing: string[] } {
  const choices: StandardChoice[] = [];
  const missing: string[] = [];
  const latest = latestVersions(standards);
  for (const t of [...new Set(caseTypes)].sort()) {
    const chosen = campaign.standards.find((c) => c.caseType === t);
    if (chosen) {
      choices.push(chosen);
      continue;
    }
    const match = latest
      .filter((s) => standardFitsCaseType(s, t))
      .sort(
        (a, b) => Number(b.isDefault === false) - Number(a.isDefault === false) || a.id.localeCompare(b.id),
      )[0];
    if (match) choices.push({ caseType: t, standardId: match.id, version: match.version });
    else missing.push(t);
  }
  return { choices, missing };
}

/** Chooses the standard for case types before scoring starts (refused once frozen). */
export async function setCampaignStandards(
  db: PingchaDatabase,
  campaignId: string,
  choices: readonly StandardChoice[],
): Promise<void> {
  await db.transaction('rw', db.campaigns, db.standards, async () => {
    const c = await db.campaigns.get(campaignId);
    if (!c) throw new ReviewError('找不到该评查活动');
    if (c.standardsFrozenAt)
      throw new ReviewError(
        `评查活动“${c.name}”已开始评分，所用标准已于 ${formatDateTime(c.standardsFrozenAt)} 冻结，不能更换`,
      );
    for (const ch of choices) {
      const row = await db.standards.get([ch.standardId, ch.version]);
      if (!row)
        throw new ReviewError(
          `案件类型“${ch.caseType}”选用的标准“${ch.standardId}”第 ${ch.version} 版不存在`,
        );
      // A 行政强制 standard never scores 行政许可 files.
      const mismatch = caseTypeMismatch(row, ch.caseType);
      if (mismatch) throw new ReviewError(mismatch);
    }
    const others = c.standards.filter((x) => !choices.some((ch) => ch.caseType === x.caseType));
    await db.campaigns.update(campaignId, { standards: [...others, ...choices] });
  });
}

/**
 * Freezes the campaign's standards (scoring starts). Must run inside a transaction over campaigns,
 * standards, auditLog and assignments. Returns the campaign as frozen.
 */
export async function freezeInTransaction(
  db: PingchaDatabase,
  campaign: CampaignRecord,
  actor: string,
): Promise<CampaignRecord> {
  if (campaign.standardsFrozenAt) return campaign;
  const assignment = await db.assignments.get(campaign.id);
  const types = assignment ? fileCaseTypes(assignment.record) : [];
  const { choices, missing } = resolveStandardChoices(campaign, types, await db.standards.toArray());
  if (missing.length)
    throw new ReviewError(
      `以下案件类型没有适用的评查标准：${missing.join('、')}。请先在“评查组与分配”中为其选择标准`,
    );
  const at = nowIso();
  const frozen: { caseType: string; standardId: string; version: number; digest: string }[] = [];
  // The versions as stored, vouched for by the freeze entry from now on.
  const rows: StandardRow[] = [];
  for (const ch of choices) {
    const s = await requireStandard(
      db,
      ch.standardId,
      ch.version,
      (missing) => new ReviewError(`案件类型“${ch.caseType}”选用的${missing}不存在`),
    );
    if (s.status !== 'published') {
      const errs = validateStandard(s);
      if (errs.length)
        throw new ReviewError(
          `标准“${s.name}”第 ${s.version} 版未通过校验，不能用于评分：\n${errs.join('\n')}`,
        );
      const f = freezeStandard(s, at);
      const row = JSON.parse(JSON.stringify(f)) as StandardRow;
      await db.standards.put(row);
      frozen.push({ ...ch, digest: f.digest! });
      rows.push(row);
    } else {
      frozen.push({ ...ch, digest: s.digest ?? standardDigest(s) });
      rows.push(s);
    }
  }
  const next: CampaignRecord = {
    ...campaign,
    standards: choices.map((c) => ({ ...c })),
    standardsFrozenAt: at,
  };
  await db.campaigns.put(next);
  await appendAudit(db, {
    actor,
    action: 'standard.freeze',
    objectType: 'campaign',
    objectId: campaign.id,
    summary: `评查活动“${campaign.name}”开始评分，冻结所用评查标准：${frozen.map((f) => `${f.caseType}→${f.standardId} 第 ${f.version} 版`).join('；')}`,
    content: { campaignId: campaign.id, standards: frozen, at },
    records: rows.map((row) => ({
      table: 'standards',
      key: `${row.id}|${row.version}`,
      row,
      campaignId: campaign.id,
    })),
  });
  return next;
}

/** Explicit "开始评分": freezes the standards now. */
export async function freezeCampaignStandards(
  db: PingchaDatabase,
  campaignId: string,
  actor: string,
): Promise<CampaignRecord> {
  return db.transaction('rw', [db.campaigns, db.standards, db.assignments, db.auditLog], async () => {
    const c = await db.campaigns.get(campaignId);
    if (!c) throw new ReviewError('找不到该评查活动');
    return freezeInTransaction(db, c, actor);
  });
}

/** The frozen (or chosen) standard of a case type in a campaign. */
export async function standardForCaseType(
  db: PingchaDatabase,
  campaign: CampaignRecord,
  caseType: string,
): Promise<StandardRow | undefined> {
  const ch = campaign.standards.find((c) => c.caseType === caseType);
  if (ch) return db.standards.get([ch.standardId, ch.version]);
  const { choices } = resolveStandardChoices(campaign, [caseType], await db.standards.toArray());
  const first = choices[0];
  return first ? db.standards.get([first.standardId, first.version]) : undefined;
}

// =============================================================================================
// Panel (评查组)

export interface ReviewerInput {
  name: string;
  unit: string;
  role: string;
  conflicts: string[];
}

function checkReviewerInput(r: ReviewerInput): void {
  if (!r.name.trim()) throw new ReviewError('请填写评查人员姓名');
  if (!r.unit.trim()) throw new ReviewError(`请填写“${r.name}”的所在单位（用于回避本单位案卷）`);
  if (!r.role.trim()) throw new ReviewError(`请选择“${r.name}”的身份（如 机关工作人员、律师）`);
}

export async function listReviewers(db: PingchaDatabase, campaignId: string): Promise<ReviewerRow[]> {
  const rows = await db.reviewers.where('campaignId').equals(campaignId).toArray();
  return rows.sort((a, b) => a.id.localeCompare(b.id));
}

export async function addReviewer(
  db: PingchaDatabase,
  campaignId: string,
  input: ReviewerInput,
): Promise<ReviewerRow> {
  checkReviewerInput(input);
  return db.transaction('rw', db.reviewers, async () => {
    const existing = await db.reviewers.where('campaignId').equals(campaignId).toArray();
    if (existing.some((r) => r.name.trim() === input.name.trim() && r.unit.trim() === input.unit.trim()))
      throw new ReviewError(`评查组中已有“${input.name.trim()}（${input.unit.trim()}）”`);
    // Ids in panel order: R01, R02 ... (stable, readable in the exported assignment record).
    let n = existing.length + 1;
    const ids = new Set(existing.map((r) => r.id));
    const idFor = (k: number) => `${campaignId}:R${String(k).padStart(2, '0')}`;
    while (ids.has(idFor(n))) n++;
    const row: ReviewerRow = {
      id: idFor(n),
      campaignId,
      name: input.name.trim(),
      unit: input.unit.trim(),
      role: input.role.trim(),
      conflicts: [...new Set(input.conflicts.map((c) => c.trim()).filter(Boolean))],
    };
    await db.reviewers.add(row);
    return row;
  });
}

export async function updateReviewer(db: PingchaDatabase, id: string, input: ReviewerInput): Promise<void> {
  checkReviewerInput(input);
  await db.transaction('rw', db.reviewers, db.assignments, async () => {
    const r = await db.reviewers.get(id);
    if (!r) throw new ReviewError('找不到该评查人员');
    const a = await db.assignments.get(r.campaignId);
    if (
      a &&
      a.record.reviewers.some((x) => x.id === id) &&
      (r.unit !== input.unit.trim() || r.conflicts.join() !== input.conflicts.join())
    )
      throw new ReviewError(
        `“${r.name}”已参加分配，不能再修改单位或回避部门（如需调整请用“调换评查人员”并写明理由）`,
      );
    await db.reviewers.update(id, {
      name: input.name.trim(),
      unit: input.unit.trim(),
      role: input.role.trim(),
      conflicts: [...new Set(input.conflicts.map((c) => c.trim()).filter(Boolean))],
    });
  });
}

export async function removeReviewer(db: PingchaDatabase, id: string): Promise<void> {
  await db.transaction('rw', db.reviewers, db.assignments, async () => {
    const r = await db.reviewers.get(id);
    if (!r) return;
    const a = await db.assignments.get(r.campaignId);
    if (a && a.record.result.some((e) => e.reviewerIds.includes(id)))
      throw new ReviewError(`“${r.name}”已分配了案卷，不能移出评查组；请先调换其案卷`);
    await db.reviewers.delete(id);
  });
}

// =============================================================================================
// Assignment (分配)

function fileCaseTypes(record: AssignmentRecord): string[] {
  return [...new Set(record.files.map((f) => (f as { caseType?: string }).caseType ?? '').filter(Boolean))];
}

export type CreateAssignmentResult = { ok: true; record: AssignmentRecord } | { ok: false; errors: string[] };

/**
 * Seeded assignment of the drawn files. Replaces a previous assignment only while no score sheet
 * exists (after that, changes go through reassignment with a reason).
 */
export async function createAssignment(
  db: PingchaDatabase,
  input: { campaignId: string; files: readonly DrawnFile[]; perFile: 1 | 2; seed: string; actor: string },
): Promise<CreateAssignmentResult> {
  const reviewers = await listReviewers(db, input.campaignId);
  // 机构名录: a reviewer of "市应急管理局" is of the department "德阳市应急管理局" (conflict check by canonical name)
  const directory = await db.departments.toArray();
  const panel: Reviewer[] = reviewers.map((r) => ({
    id: r.id,
    name: r.name,
    unit: canonicalDepartment(directory, r.unit),
    role: r.role,
    conflicts: r.conflicts.map((c) => canonicalDepartment(directory, c)),
  }));
  const res = assignReviewers({
    files: input.files.map((f) => ({ itemId: f.itemId, department: f.department, caseNo: f.caseNo })),
    reviewers: panel,
    perFile: input.perFile,
    seed: input.seed,
    createdBy: input.actor,
  });
  if (!res.ok) return res;
  // Case types travel with the files (the record's schema allows extra keys only via this field).
  const typeOf = new Map(input.files.map((f) => [f.itemId, f.caseType]));
  const record: AssignmentRecord = {
    ...res.record,
    files: res.record.files.map(
      (f) => ({ ...f, caseType: typeOf.get(f.itemId) ?? '' }) as AssignmentRecord['files'][number],
    ),
  };
  await db.transaction('rw', [db.assignments, db.scoreSheets, db.campaigns, db.auditLog], async () => {
    const c = await db.campaigns.get(input.campaignId);
    if (!c) throw new ReviewError('找不到该评查活动');
    if ((await db.scoreSheets.where('campaignId').equals(input.campaignId).count()) > 0)
      throw new ReviewError('已有评查人员开始评分，不能重新分配；如需调整请逐卷“调换评查人员”并写明理由');
    await db.assignments.put({ campaignId: input.campaignId, record });
    await appendAudit(db, {
      actor: input.actor,
      action: 'assignment.create',
      objectType: 'campaign',
      objectId: input.campaignId,
      summary: `评查活动“${c.name}”分配评查人员：${record.files.length} 件案卷，每卷 ${record.perFile} 人，种子“${record.seed}”`,
      content: record,
    });
  });
  return { ok: true, record };
}

export async function readAssignment(
  db: PingchaDatabase,
  campaignId: string,
): Promise<AssignmentRow | undefined> {
  return db.assignments.get(campaignId);
}

/** Manual reassignment with a required reason, logged in the record and the audit log. */
export async function reassignReviewer(
  db: PingchaDatabase,
  input: {
    campaignId: string;
    itemId: string;
    fromReviewerId: string;
    toReviewerId: string;
    reason: string;
    actor: string;
  },
): Promise<AssignmentRecord> {
  return db.transaction(
    'rw',
    [db.assignments, db.reviewers, db.scoreSheets, db.finalResults, db.auditLog, db.departments],
    async () => {
      const directory = await db.departments.toArray();
      const row = await db.assignments.get(input.campaignId);
      if (!row) throw new ReviewError('本活动尚未分配评查人员');
      if (await db.finalResults.get([input.campaignId, input.itemId]))
        throw new ReviewError('该案卷已复核定稿，不能再调换评查人员');
      const from = await db.scoreSheets.get(sheetId(input.campaignId, input.itemId, input.fromReviewerId));
      if (from?.status === 'submitted')
        throw new ReviewError('原评查人员已提交该案卷的评分表，不能调换；如确有必要请先由复核人员解锁');
      const to = await db.reviewers.get(input.toReviewerId);
      if (!to || to.campaignId !== input.campaignId)
        throw new ReviewError('调入的评查人员不在本活动的评查组中');
      const target: Reviewer = {
        id: to.id,
        name: to.name,
        unit: canonicalDepartment(directory, to.unit),
        role: to.role,
        conflicts: to.conflicts.map((c) => canonicalDepartment(directory, c)),
      };
      const res = reassign(
        row.record,
        input.itemId,
        input.fromReviewerId,
        target,
        input.reason,
        input.actor || '未署名操作人员',
      );
      if (!res.ok) throw new ReviewError(res.error);
      await db.assignments.put({ campaignId: input.campaignId, record: res.record });
      const last = res.record.log[res.record.log.length - 1]!;
      const fromName =
        row.record.reviewers.find((r) => r.id === input.fromReviewerId)?.name ?? input.fromReviewerId;
      await appendAudit(db, {
        actor: input.actor,
        action: 'assignment.reassign',
        objectType: 'case-file',
        objectId: input.itemId,
        summary: `案卷 ${input.itemId} 的评查人员由“${fromName}”调换为“${to.name}”，理由：${last.reason}`,
        content: { campaignId: input.campaignId, ...last },
      });
      return res.record;
    },
  );
}

/**
 * 校准案卷: marks 3-5 assigned files that every panel member scores (an empty list clears them). Refused with
 * Chinese messages (store unchanged) for unknown files, a wrong number, or un-marking a file a non-assigned
 * reviewer already scored. Logged in the same transaction.
 */
export async function setCalibrationFiles(
  db: PingchaDatabase,
  input: { campaignId: string; itemIds: string[]; actor: string },
): Promise<CampaignRecord> {
  const tables = [db.campaigns, db.assignments, db.scoreSheets, db.finalResults, db.auditLog];
  return db.transaction('rw', tables, async () => {
    const campaign = await db.campaigns.get(input.campaignId);
    if (!campaign) throw new ReviewError('找不到该评查活动');
    const row = await db.assignments.get(input.campaignId);
    if (!row) throw new ReviewError('本活动尚未分配评查人员，分配后才能指定校准案卷');
    const assignedTo = new Map(row.record.result.map((e) => [e.itemId, e.reviewerIds]));
    const sheets = await db.scoreSheets.where('campaignId').equals(input.campaignId).toArray();
    const scoredByOthers = [
      ...new Set(
        sheets.filter((s) => !(assignedTo.get(s.itemId) ?? []).includes(s.reviewerId)).map((s) => s.itemId),
      ),
    ];
    const stored = new Set(campaign.calibrationItemIds ?? []);
    const settledNew = (await db.finalResults.where('campaignId').equals(input.campaignId).toArray())
      .map((f) => f.itemId)
      .filter((id) => !stored.has(id));
    const errors = checkCalibrationChoice(
      input.itemIds,
      [...assignedTo.keys()],
      scoredByOthers,
      (id) => fileLabel(row.record, id),
      settledNew,
    );
    if (errors.length) throw new ReviewError(errors.join('\n'));
    const before = campaign.calibrationItemIds ?? [];
    const next: CampaignRecord = { ...campaign, calibrationItemIds: [...input.itemIds] };
    await db.campaigns.put(next);
    await appendAudit(db, {
      actor: input.actor,
      action: 'assignment.calibration',
      objectType: 'campaign',
      objectId: campaign.id,
      summary: input.itemIds.length
        ? `指定校准案卷 ${input.itemIds.length} 件：${input.itemIds.map((id) => fileLabel(row.record, id)).join('、')}`
        : '取消全部校准案卷',
      content: { before, after: input.itemIds },
    });
    return next;
  });
}

/** The reviewer may score the file: assigned to it, or a panel member free to score a calibration file. */
export function mayScore(
  campaign: CampaignRecord,
  record: AssignmentRecord,
  itemId: string,
  reviewerId: string,
): boolean {
  return scorersOf(record, campaign.calibrationItemIds).some(
    (e) => e.itemId === itemId && e.reviewerIds.includes(reviewerId),
  );
}

export function exportAssignmentBytes(
  record: AssignmentRecord,
  campaignName: string,
): { name: string; bytes: Uint8Array } {
  const safe = campaignName.replace(/[\\/:*?"<>|]/g, '_');
  return {
    name: `${safe}-评查人员分配记录.json`,
    bytes: new TextEncoder().encode(`${JSON.stringify(record, null, 2)}\n`),
  };
}

/** How a file is named in messages and the log: 案卷 number (department). */
export function fileLabel(record: AssignmentRecord, itemId: string): string {
  const f = record.files.find((x) => x.itemId === itemId);
  return f ? `案卷 ${f.caseNo || itemId}（${f.department}）` : `案卷 ${itemId}`;
}

/** A reviewer's score sheet of one file is keyed by campaign, file and reviewer. */
export function sheetId(campaignId: string, itemId: string, reviewerId: string): string {
  return `${campaignId}|${itemId}|${reviewerId}`;
}
