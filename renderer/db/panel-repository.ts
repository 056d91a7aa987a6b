// The only writer of review standards, the panel (reviewers), the reviewer assignment, score sheets
// and final results. Every action that matters for the record (freezing standards, assignment,
// reassignment, submit, unlock, finalise) writes its audit entry in the same transaction.
// Rules come from shared/: standard validation and versions, assignReviewers/reassign, scoreCaseFile
// and reconcile. Errors are Chinese and the store is unchanged when an action fails.
import { formatDateTime } from '@shared/util/time-format';
import { caseTypeMismatch, standardFitsCaseType } from '@shared/standards/case-type-fit';
import { comparePinyin } from '@shared/util/pinyin-sort';
import { canonicalDepartment } from '@shared/ledger/departments';
import './directory-repository';
import {
  editStandard,
  formatHalfPoints,
  freezeStandard,
  newVersionFrom,
  parseStandardJson,
  serializeStandard,
  standardDigest,
  validateStandard,
  type ReviewStandard,
} from '@shared/standards/standard-model';
import { defaultStandards } from '@shared/standards/default-standards';
import {
  assignReviewers,
  reassign,
  type AssignmentFile,
  type AssignmentRecord,
  type Reviewer,
} from '@shared/assignment/assign-reviewers';
import {
  reconcile,
  scoreCaseFile,
  submissionProblems,
  type LeadDecisions,
  type ScoreSheet,
} from '@shared/review/scoring-engine';
import { checkCalibrationChoice, scorersOf } from '@shared/review/calibration';
import { reviewedItemIds, type DrawRecord } from '@shared/draw/draw-record';
import { recordChanges } from './campaign-repository';
import type { PingchaDatabase } from './database';
import { purposiveItemIds } from '@shared/draw/purposive';
import { appendAudit } from './audit-repository';
import { prepareCheckpoint } from './office-key-repository';
import type {
  AssignmentRow,
  CampaignRecord,
  DrawEventRow,
  DrawRow,
  FinalResultRow,
  ReviewerRow,
  ScoreSheetRow,
  StandardRow,
} from './workflow-records';
import './workflow-records';
import { randomId } from './random-id';

// Optional fields this area adds to the shared record shapes (allowed by workflow-records.ts).
declare module './workflow-records' {
  interface ScoreSheetRow {
    /** Unlocks by the lead after submission (score.change-after-submit), oldest first. */
    unlocks?: { at: string; by: string; reason: string }[];
  }
}

/** Thrown for every refused action; the message is Chinese and says what to do. */
export class ReviewError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReviewError';
  }
}

/** Performance mark set after a score sheet save has committed (bench: keypress -> committed write). */
export const SHEET_SAVED_MARK = 'pingcha:sheet-saved';
/** Set when a save starts (bench: splits UI time from store time). */
export const SHEET_SAVE_START_MARK = 'pingcha:sheet-save-start';

const SEEDED_KEY = 'review:default-standards-seeded';

function nowIso(): string {
  return new Date().toISOString();
}

// =============================================================================================
// Standards (评查标准)

/** Seeds the 4 default standards once (a deleted default is not brought back on the next start). */
export async function ensureDefaultStandards(db: PingchaDatabase): Promise<number> {
  return db.transaction('rw', db.meta, db.standards, async () => {
    if (await db.meta.get(SEEDED_KEY)) return 0;
    const defaults = defaultStandards();
    let added = 0;
    for (const s of defaults) {
      if (!(await db.standards.get([s.id, s.version]))) {
        await db.standards.add(s);
        added++;
      }
    }
    await db.meta.put({ key: SEEDED_KEY, value: nowIso() });
    return added;
  });
}

/** Every stored version, by name then version. */
export async function listStandards(db: PingchaDatabase): Promise<StandardRow[]> {
  const all = await db.standards.toArray();
  return all.sort(
    (a, b) => comparePinyin(a.name, b.name) || a.id.localeCompare(b.id) || a.version - b.version,
  );
}

/** The newest version of each standard id. */
export function latestVersions(rows: readonly StandardRow[]): StandardRow[] {
  const best = new Map<string, StandardRow>();
  for (const r of rows) {
    const prev = best.get(r.id);
    if (!prev || r.version > prev.version) best.set(r.id, r);
  }
  return [...best.values()];
}

function validationError(s: unknown, what: string): ReviewError | null {
  const errors = validateStandard(s);
  return errors.length ? new ReviewError(`${what}未通过校验：\n${errors.join('\n')}`) : null;
}

/**
 * Saves an edited standard. A draft is saved in place; a frozen (published) version is never
 * changed: the edit becomes a new version (editStandard). Returns the stored row.
 */
export async function saveStandard(db: PingchaDatabase, edited: ReviewStandard): Promise<StandardRow> {
  return db.transaction('rw', db.standards, async () => {
    const stored = await db.standards.get([edited.id, edited.version]);
    let next: ReviewStandard;
    if (stored && stored.status === 'published') {
      // editStandard never touches a frozen version: the edit lands in a new version after the newest.
      const newest = Math.max(
        ...(await db.standards.where('id').equals(edited.id).toArray()).map((r) => r.version),
      );
      next = editStandard(stored, (draft) => {
        const { version, basedOn } = draft;
        Object.assign(draft, JSON.parse(JSON.stringify(edited)) as ReviewStandard);
        draft.version = Math.max(version, newest + 1);
        if (basedOn) draft.basedOn = basedOn;
        draft.status = 'draft';
        delete draft.frozenAt;
        delete draft.digest;
      });
    } else {
      next = JSON.parse(JSON.stringify(edited)) as ReviewStandard;
      next.status = 'draft';
    }
    const err = validationError(next, `标准“${next.name || next.id}”`);
    if (err) throw err;
    await db.standards.put(next);
    return next;
  });
}

/**
 * How an error names a standard version that is not in the store: by the name its other versions carry, never
 * by its internal id ("评查标准“行政处罚案卷评查标准”第 3 版").
 */
export async function missingStandardText(db: PingchaDatabase, id: string, version: number): Promise<string> {
  const other = await db.standards.where('id').equals(id).first();
  return other
    ? `评查标准“${other.name}”第 ${version} 版`
    : `所用的评查标准（第 ${version} 版，本机已没有这套标准）`;
}

/** A new draft version from any stored version (the newest version + 1). */
export async function createStandardVersion(
  db: PingchaDatabase,
  id: string,
  version: number,
): Promise<StandardRow> {
  return db.transaction('rw', db.standards, async () => {
    const base = await db.standards.get([id, version]);
    if (!base) throw new ReviewError(`找不到${await missingStandardText(db, id, version)}`);
    const all = await db.standards.where('id').equals(id).toArray();
    const newest = Math.max(...all.map((r) => r.version));
    const next = newVersionFrom(base);
    next.version = newest + 1;
    await db.standards.add(next);
    return next;
  });
}

/** A copy under a new id (e.g. a local standard based on a default one). */
export async function copyStandard(db: PingchaDatabase, id: string, version: number): Promise<StandardRow> {
  const base = await db.standards.get([id, version]);
  if (!base) throw new ReviewError(`找不到${await missingStandardText(db, id, version)}`);
  const next = JSON.parse(JSON.stringify(base)) as ReviewStandard;
  next.id = randomId('std-', 8);
  next.version = 1;
  next.status = 'draft';
  next.isDefault = false;
  next.name = base.name.replace(/（默认，可编辑）$/, '') + '（副本）';
  delete next.frozenAt;
  delete next.digest;
  delete next.basedOn;
  await db.standards.add(next);
  return next;
}

/** Removes a draft version; frozen versions are part of a campaign's record and stay. */
export async function deleteStandardDraft(db: PingchaDatabase, id: string, version: number): Promise<void> {
  await db.transaction('rw', db.standards, db.campaigns, async () => {
    const s = await db.standards.get([id, version]);
    if (!s) return;
    if (s.status === 'published')
      throw new ReviewError(`标准“${s.name}”第 ${version} 版已冻结（已用于评查），不能删除`);
    const usedBy = (await db.campaigns.toArray()).find((c) =>
      c.standards.some((x) => x.standardId === id && x.version === version),
    );
    if (usedBy)
      throw new ReviewError(`标准“${s.name}”第 ${version} 版已被评查活动“${usedBy.name}”选用，不能删除`);
    await db.standards.delete([id, version]);
  });
}

/** Imports a standard file (JSON). Refuses a version that already exists with different content. */
export async function importStandardJson(
  db: PingchaDatabase,
  text: string,
  fileName = '标准文件',
): Promise<StandardRow> {
  const parsed = parseStandardJson(text);
  if (!parsed.ok) throw new ReviewError(`“${fileName}”无法导入：\n${parsed.errors.join('\n')}`);
  const s = parsed.standard;
  return db.transaction('rw', db.standards, async () => {
    const existing = await db.standards.get([s.id, s.version]);
    if (existing) {
      if (standardDigest(existing) === standardDigest(s))
        throw new ReviewError(`“${fileName}”：标准“${s.name}”第 ${s.version} 版已存在，内容相同，无需导入`);
      throw new ReviewError(
        `“${fileName}”：已存在标准“${existing.name}”第 ${s.version} 版（编号 ${s.id}），内容不同；请在文件中改用新的版本号或编号后再导入`,
      );
    }
    await db.standards.add(s);
    return s;
  });
}

export function exportStandardBytes(s: ReviewStandard): { name: string; bytes: Uint8Array } {
  const safe = s.name.replace(/[\\/:*?"<>|]/g, '_');
  return { name: `${safe}-第${s.version}版.json`, bytes: new TextEncoder().encode(serializeStandard(s)) };
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
async function freezeInTransaction(
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
  for (const ch of choices) {
    const s = await db.standards.get([ch.standardId, ch.version]);
    if (!s)
      throw new ReviewError(
        `案件类型“${ch.caseType}”选用的${await missingStandardText(db, ch.standardId, ch.version)}不存在`,
      );
    if (s.status !== 'published') {
      const errs = validateStandard(s);
      if (errs.length)
        throw new ReviewError(
          `标准“${s.name}”第 ${s.version} 版未通过校验，不能用于评分：\n${errs.join('\n')}`,
        );
      const f = freezeStandard(s, at);
      await db.standards.put(JSON.parse(JSON.stringify(f)) as StandardRow);
      frozen.push({ ...ch, digest: f.digest! });
    } else frozen.push({ ...ch, digest: s.digest ?? standardDigest(s) });
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

/** A stored standard by id and version. */
export async function getStandard(
  db: PingchaDatabase,
  id: string,
  version: number,
): Promise<StandardRow | undefined> {
  return db.standards.get([id, version]);
}

/** The stored standards of the given [id, version] keys (those not stored are left out). */
export async function getStandards(
  db: PingchaDatabase,
  keys: readonly (readonly [string, number])[],
): Promise<StandardRow[]> {
  return (await db.standards.bulkGet(keys.map(([id, v]) => [id, v]))).filter((s): s is StandardRow => !!s);
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
function mayScore(
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

// =============================================================================================
// Score sheets (逐卷评查)

export function sheetId(campaignId: string, itemId: string, reviewerId: string): string {
  return `${campaignId}|${itemId}|${reviewerId}`;
}

export async function listSheets(db: PingchaDatabase, campaignId: string): Promise<ScoreSheetRow[]> {
  return db.scoreSheets.where('campaignId').equals(campaignId).toArray();
}

export async function listFinalResults(db: PingchaDatabase, campaignId: string): Promise<FinalResultRow[]> {
  return db.finalResults.where('campaignId').equals(campaignId).toArray();
}

function fileLabel(record: AssignmentRecord, itemId: string): string {
  const f = record.files.find((x) => x.itemId === itemId);
  return f ? `案卷 ${f.caseNo || itemId}（${f.department}）` : `案卷 ${itemId}`;
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
      const standard = await db.standards.get([row.standardId, row.standardVersion]);
      if (!standard)
        throw new ReviewError(
          `找不到评分表所用的${await missingStandardText(db, row.standardId, row.standardVersion)}`,
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
      const standard = await db.standards.get([first.standardId, first.standardVersion]);
      if (!standard)
        throw new ReviewError(
          `找不到${await missingStandardText(db, first.standardId, first.standardVersion)}`,
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
  return {
    campaign,
    finals,
    sheets,
    storedStandards,
    draw,
    drawEvents,
    assignment: assignment?.record.result ?? [],
  };
}
