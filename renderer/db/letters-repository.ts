// The only writer of rectification letters, their numbers and attachments (reply files, user fonts).
// Every state change is one transaction with its audit entry; a number is allocated inside the issue
// transaction from the numbers already on record, so it is never given twice and never skipped silently.
import { comparePinyin } from '@shared/util/pinyin-sort';
import type { Table } from 'dexie';
import type { OfficialDocument } from '@shared/documents/layout-model';
import type { DeadlineRule } from '@shared/letters/deadline';
import { allocateNumber, demoNumberPrefix, type LetterNumberStatus } from '@shared/letters/numbering';
import { checkTransition, type LetterAction, type LetterStatus } from '@shared/letters/letter-tracking';
import { checkTrueTypeFont } from '@shared/letters/font-check';
import type { LetterEdits } from '@shared/letters/rectification-letter';
import { DOC_TYPE_LABELS, type DocType } from '@shared/letters/letter-settings';
import type { PingchaDatabase } from './database';
import { appendAudit, entryCode } from './audit-repository';
import { prepareCheckpoint } from './office-key-repository';
import type { LogCodeLine } from '@shared/documents/log-code-line';
import type { AuditInput } from '@shared/audit/audit-chain';
import { randomId } from './random-id';
import { StoreError } from './store-error';

export interface LetterReply {
  /** ISO date the written reply was received. */
  receivedAt: string;
  summary: string;
  attachmentId: string | null;
  fileName: string | null;
  recordedAt: string;
  recordedBy: string;
}

export interface LetterRecord {
  /** `${campaignId}|${department}`: one letter per department and campaign. */
  id: string;
  campaignId: string;
  department: string;
  status: LetterStatus;
  /** Paragraph edits by section key (see shared/letters/rectification-letter.ts). */
  edits: Record<string, string>;
  docNumber: string | null;
  numberId: string | null;
  issueDate: string | null;
  deadline: string | null;
  deadlineRule: DeadlineRule | null;
  /** The document exactly as issued (what was sent; the audit entry vouches for it). */
  issuedDocument: OfficialDocument | null;
  issuedBy: string | null;
  voidedNumbers: { docNumber: string; at: string; by: string; reason: string }[];
  replies: LetterReply[];
  returns: { at: string; by: string; reason: string }[];
  closedAt: string | null;
  closedBy: string | null;
  closeNote: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface LetterNumberRecord {
  /** `${prefix}|${year}|${seq}` (letterNumberId). */
  id: string;
  prefix: string;
  year: number;
  seq: number;
  docNumber: string;
  status: LetterNumberStatus;
  /** The letter's id; for other document types the numbered object's id (see documentObjectId). */
  letterId: string;
  /** Document type the number was given to; absent on numbers allocated before types existed: 'letter'. */
  docType?: DocType;
  allocatedAt: string;
  allocatedBy: string;
  voidedAt: string | null;
  voidReason: string | null;
}

export interface AttachmentRecord {
  id: string;
  /** The letter id for reply files; 'settings:letters' for user fonts. */
  ownerId: string;
  kind: 'reply' | 'font';
  name: string;
  size: number;
  bytes: Uint8Array;
  addedAt: string;
}

declare module './database' {
  interface PingchaDatabase {
    letters: Table<LetterRecord, string>;
    letterNumbers: Table<LetterNumberRecord, string>;
    attachments: Table<AttachmentRecord, string>;
  }
}

export class LetterError extends StoreError {
  override name = 'LetterError';
}

export const letterId = (campaignId: string, department: string): string => `${campaignId}|${department}`;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What issuing fills in, as it stands before issue and again once the number is voided. */
const NOT_ISSUED = {
  docNumber: null,
  numberId: null,
  issueDate: null,
  deadline: null,
  deadlineRule: null,
  issuedDocument: null,
  issuedBy: null,
} as const;

function emptyLetter(campaignId: string, department: string, now: string): LetterRecord {
  return {
    id: letterId(campaignId, department),
    campaignId,
    department,
    status: 'draft',
    edits: {},
    ...NOT_ISSUED,
    voidedNumbers: [],
    replies: [],
    returns: [],
    closedAt: null,
    closedBy: null,
    closeNote: null,
    createdAt: now,
    updatedAt: now,
  };
}

async function mustGet(db: PingchaDatabase, id: string): Promise<LetterRecord> {
  const l = await db.letters.get(id);
  if (!l)
    throw new LetterError(
      `找不到整改函（${id.split('|').slice(1).join('|') || id}）：可能已被删除，请刷新页面。`,
    );
  return l;
}

/** Loads a letter for a state change, refusing (in Chinese) one its status does not allow. */
async function letterFor(db: PingchaDatabase, id: string, action: LetterAction): Promise<LetterRecord> {
  const l = await mustGet(db, id);
  const bad = checkTransition(l.status, action);
  if (bad) throw new LetterError(`“${l.department}”的整改函：${bad}`);
  return l;
}

/** Stores a letter's new state with its audit entry (which carries the row), in the caller's transaction. */
async function putLetterLogged(
  db: PingchaDatabase,
  next: LetterRecord,
  entry: Omit<AuditInput, 'records'>,
  number?: LetterNumberRecord,
): Promise<LetterRecord> {
  await db.letters.put(next);
  await appendAudit(db, {
    ...entry,
    records: [
      { table: 'letters', key: next.id, row: next, campaignId: next.campaignId },
      ...(number ? [numberCover(number, next.campaignId)] : []),
    ],
  });
  return next;
}

/** The campaign of a 通报's object id ('report:<campaign>'), as removing a demo campaign finds it. */
function reportCampaignOf(objectId: string): string | undefined {
  return objectId.startsWith('report:') ? objectId.slice('report:'.length) : undefined;
}

/** What an entry records of a register row it wrote (the log vouches for every number given). */
function numberCover(
  row: LetterNumberRecord,
  campaignId: string | undefined,
): NonNullable<AuditInput['records']>[number] {
  return { table: 'letterNumbers', key: row.id, row, ...(campaignId ? { campaignId } : {}) };
}

/** Creates a draft for each department that has no letter yet (existing letters are left alone). */
export async function ensureLetterDrafts(
  db: PingchaDatabase,
  campaignId: string,
  departments: readonly string[],
): Promise<number> {
  const now = new Date().toISOString();
  return db.transaction('rw', db.letters, async () => {
    const existing = new Set(
      (await db.letters.where('campaignId').equals(campaignId).toArray()).map((l) => l.department),
    );
    const fresh = departments.filter((d) => !existing.has(d)).map((d) => emptyLetter(campaignId, d, now));
    await db.letters.bulkAdd(fresh);
    return fresh.length;
  });
}

export async function listLetters(db: PingchaDatabase, campaignId?: string): Promise<LetterRecord[]> {
  const rows = campaignId
    ? await db.letters.where('campaignId').equals(campaignId).toArray()
    : await db.letters.toArray();
  return rows.sort((a, b) => comparePinyin(a.department, b.department));
}

/** Saves paragraph edits of a draft (an issued letter is fixed: void its number first). */
export async function saveLetterEdits(
  db: PingchaDatabase,
  id: string,
  edits: LetterEdits,
): Promise<LetterRecord> {
  return db.transaction('rw', db.letters, async () => {
    const l = await mustGet(db, id);
    if (l.status !== 'draft') {
      throw new LetterError(
        `“${l.department}”的整改函已印发（${l.docNumber ?? ''}），不能再修改；如需修改请先作废文号。`,
      );
    }
    const next: LetterRecord = { ...l, edits: { ...edits }, updatedAt: new Date().toISOString() };
    await db.letters.put(next);
    return next;
  });
}

export interface IssueRequest {
  letterId: string;
  prefix: string;
  /** ISO date of issue (成文日期); its year is the number's year. */
  issueDate: string;
  deadline: string;
  deadlineRule: DeadlineRule;
  actor: string;
  /** Builds the final document once the number is known (called inside the transaction; must be synchronous). */
  build: (issue: { docNumber: string; issueDate: string }, letter: LetterRecord) => OfficialDocument;
}

/**
 * Takes the next number of a register for one document (a letter, a 通报, a 年审通知), inside the caller's
 * transaction. A demo campaign's documents take numbers of the demo register, never the office's real one.
 * add() (not put) fails if the number exists: a number can never be given twice.
 */
async function takeNextNumber(
  db: PingchaDatabase,
  req: {
    prefix: string;
    campaignId: string | undefined;
    year: number;
    holderId: string;
    docType: DocType;
    actor: string;
    now: string;
  },
) {
  const campaign = req.campaignId
    ? ((await db.table('campaigns').get(req.campaignId)) as { isDemo?: boolean } | undefined)
    : undefined;
  const prefix = campaign?.isDemo ? demoNumberPrefix(req.prefix) : req.prefix.trim();
  const used = await db.letterNumbers.where('[prefix+year]').equals([prefix, req.year]).toArray();
  let alloc;
  try {
    alloc = allocateNumber(used, prefix, req.year);
  } catch (e) {
    throw new LetterError(e instanceof Error ? e.message : String(e));
  }
  const row: LetterNumberRecord = {
    id: alloc.id,
    prefix: alloc.prefix,
    year: req.year,
    seq: alloc.seq,
    docNumber: alloc.docNumber,
    status: 'issued',
    letterId: req.holderId,
    docType: req.docType,
    allocatedAt: req.now,
    allocatedBy: req.actor,
    voidedAt: null,
    voidReason: null,
  };
  await db.letterNumbers.add(row);
  return { ...alloc, row };
}

/** The issued (not void) number a document holds, if any. */
function issuedNumberOf(db: PingchaDatabase, docType: DocType, holderId: string) {
  return db.letterNumbers
    .where('status')
    .equals('issued')
    .filter((n) => n.letterId === holderId && n.docType === docType)
    .first();
}

/** Issues a draft: allocates the next number, fixes the document and logs it, all in one transaction. */
export async function issueLetter(db: PingchaDatabase, req: IssueRequest): Promise<LetterRecord> {
  if (!ISO_DATE.test(req.issueDate)) throw new LetterError(`印发日期“${req.issueDate}”无效：请选择日期。`);
  if (!ISO_DATE.test(req.deadline) || req.deadline < req.issueDate) {
    throw new LetterError(`整改期限“${req.deadline}”无效：应不早于印发日期 ${req.issueDate}。`);
  }
  const year = Number(req.issueDate.slice(0, 4));
  await prepareCheckpoint(db);
  return db.transaction(
    'rw',
    [db.letters, db.letterNumbers, db.auditLog, db.table('campaigns')],
    async () => {
      const l = await mustGet(db, req.letterId);
      const bad = checkTransition(l.status, 'issue');
      if (bad)
        throw new LetterError(`“${l.department}”的整改函${l.docNumber ? `（${l.docNumber}）` : ''}：${bad}`);
      const now = new Date().toISOString();
      const alloc = await takeNextNumber(db, {
        prefix: req.prefix,
        campaignId: l.campaignId,
        year,
        holderId: l.id,
        docType: 'letter',
        actor: req.actor,
        now,
      });
      const doc = req.build({ docNumber: alloc.docNumber, issueDate: req.issueDate }, l);
      const next: LetterRecord = {
        ...l,
        status: 'issued',
        docNumber: alloc.docNumber,
        numberId: alloc.id,
        issueDate: req.issueDate,
        deadline: req.deadline,
        deadlineRule: req.deadlineRule,
        issuedDocument: doc,
        issuedBy: req.actor,
        updatedAt: now,
      };
      return putLetterLogged(
        db,
        next,
        {
          at: now,
          actor: req.actor,
          action: 'letter.issue',
          objectType: 'letter',
          objectId: l.id,
          summary: `印发${alloc.docNumber}（${l.department}），整改期限${req.deadline}`,
          content: {
            docNumber: alloc.docNumber,
            issueDate: req.issueDate,
            deadline: req.deadline,
            document: doc,
          },
        },
        alloc.row,
      );
    },
  );
}

/** Voids an issued letter's number (kept on record as void) and returns the letter to draft. */
export async function voidLetterNumber(
  db: PingchaDatabase,
  id: string,
  reason: string,
  actor: string,
): Promise<LetterRecord> {
  if (reason.trim() === '') throw new LetterError('请填写作废文号的原因。');
  return db.transaction('rw', [db.letters, db.letterNumbers, db.auditLog], async () => {
    const l = await letterFor(db, id, 'void');
    const now = new Date().toISOString();
    const num = l.numberId ? await db.letterNumbers.get(l.numberId) : undefined;
    if (!num) throw new LetterError(`找不到文号${l.docNumber ?? ''}的登记记录。`);
    const voided: LetterNumberRecord = { ...num, status: 'void', voidedAt: now, voidReason: reason.trim() };
    await db.letterNumbers.put(voided);
    const next: LetterRecord = {
      ...l,
      status: 'draft',
      ...NOT_ISSUED,
      voidedNumbers: [
        ...l.voidedNumbers,
        { docNumber: num.docNumber, at: now, by: actor, reason: reason.trim() },
      ],
      updatedAt: now,
    };
    return putLetterLogged(
      db,
      next,
      {
        at: now,
        actor,
        action: 'letter.void',
        objectType: 'letter-number',
        objectId: num.id,
        summary: `作废文号${num.docNumber}（${l.department}）：${reason.trim()}`,
        content: { docNumber: num.docNumber, letterId: l.id, reason: reason.trim() },
      },
      voided,
    );
  });
}

export interface ReplyInput {
  receivedAt: string;
  summary: string;
  file: { name: string; bytes: Uint8Array } | null;
  actor: string;
}

/** Records the department's written reply (and its file) on an issued or returned letter. */
export async function recordReply(db: PingchaDatabase, id: string, input: ReplyInput): Promise<LetterRecord> {
  if (!ISO_DATE.test(input.receivedAt)) throw new LetterError('请填写收到回复的日期。');
  if (input.summary.trim() === '') throw new LetterError('请填写回复的主要内容（整改情况摘要）。');
  return db.transaction('rw', [db.letters, db.attachments, db.auditLog], async () => {
    const l = await letterFor(db, id, 'reply');
    if (l.issueDate && input.receivedAt < l.issueDate) {
      throw new LetterError(`收到回复的日期 ${input.receivedAt} 早于印发日期 ${l.issueDate}，请核对。`);
    }
    const now = new Date().toISOString();
    let attachmentId: string | null = null;
    if (input.file) {
      if (input.file.bytes.length === 0) throw new LetterError(`回复文件“${input.file.name}”是空文件。`);
      attachmentId = randomId('att_', 10);
      await db.attachments.add({
        id: attachmentId,
        ownerId: l.id,
        kind: 'reply',
        name: input.file.name,
        size: input.file.bytes.length,
        bytes: input.file.bytes,
        addedAt: now,
      });
    }
    const reply: LetterReply = {
      receivedAt: input.receivedAt,
      summary: input.summary.trim(),
      attachmentId,
      fileName: input.file?.name ?? null,
      recordedAt: now,
      recordedBy: input.actor,
    };
    const next: LetterRecord = { ...l, status: 'replied', replies: [...l.replies, reply], updatedAt: now };
    return putLetterLogged(db, next, {
      at: now,
      actor: input.actor,
      action: 'letter.reply',
      objectType: 'letter',
      objectId: l.id,
      summary: `登记${l.docNumber ?? ''}（${l.department}）的书面回复（${input.receivedAt}收到）`,
      content: { ...reply, fileSize: input.file?.bytes.length ?? null },
    });
  });
}

/** Checks the reply and closes the item (销号). */
export async function closeLetter(
  db: PingchaDatabase,
  id: string,
  note: string,
  actor: string,
): Promise<LetterRecord> {
  return db.transaction('rw', [db.letters, db.auditLog], async () => {
    const l = await letterFor(db, id, 'close');
    const now = new Date().toISOString();
    const next: LetterRecord = {
      ...l,
      status: 'closed',
      closedAt: now,
      closedBy: actor,
      closeNote: note.trim() || null,
      updatedAt: now,
    };
    return putLetterLogged(db, next, {
      at: now,
      actor,
      action: 'letter.close',
      objectType: 'letter',
      objectId: l.id,
      summary: `${l.docNumber ?? ''}（${l.department}）整改情况审核通过，予以销号`,
      content: { note: next.closeNote },
    });
  });
}

/** Sends the reply back to the department (the reason is kept; the letter waits for a new reply). */
export async function returnLetter(
  db: PingchaDatabase,
  id: string,
  reason: string,
  actor: string,
): Promise<LetterRecord> {
  if (reason.trim() === '') throw new LetterError('请填写退回的原因（整改不到位之处）。');
  return db.transaction('rw', [db.letters, db.auditLog], async () => {
    const l = await letterFor(db, id, 'return');
    const now = new Date().toISOString();
    const next: LetterRecord = {
      ...l,
      status: 'returned',
      returns: [...l.returns, { at: now, by: actor, reason: reason.trim() }],
      updatedAt: now,
    };
    return putLetterLogged(db, next, {
      at: now,
      actor,
      action: 'letter.return',
      objectType: 'letter',
      objectId: l.id,
      summary: `${l.docNumber ?? ''}（${l.department}）的回复被退回：${reason.trim()}`,
      content: { reason: reason.trim() },
    });
  });
}

/** Id of the numbered object of a non-letter document: one 通报 per campaign, one 年审通知 per year. */
export const documentObjectId = (type: Exclude<DocType, 'letter'>, key: string): string =>
  type === 'report' ? `report:${key}` : `review-notice:${key}`;

export interface DocumentNumberRequest {
  docType: Exclude<DocType, 'letter'>;
  /** documentObjectId(docType, …). */
  objectId: string;
  /** The type's 代字 from the settings (prefixFor). */
  prefix: string;
  /** ISO date of issue; its year is the number's year. */
  issueDate: string;
  actor: string;
  /** What is numbered, for the log: '2026年度评查情况通报'. */
  label: string;
  /** The campaign whose 通报 this is: a demo campaign takes numbers of the demo register. */
  campaignId?: string;
}

/**
 * 定稿/印发 of a 通报 or 年审通知: gives the document its 发文字号 from the register, in one transaction with
 * the log entry naming the operator. The same document issued again keeps its number; a number is never given
 * to two documents (add() fails on an existing id) and never freed.
 */
export async function allocateDocumentNumber(
  db: PingchaDatabase,
  req: DocumentNumberRequest,
): Promise<{ docNumber: string; reused: boolean }> {
  if (!ISO_DATE.test(req.issueDate)) throw new LetterError(`印发日期“${req.issueDate}”无效：请选择日期。`);
  const year = Number(req.issueDate.slice(0, 4));
  await prepareCheckpoint(db);
  return db.transaction('rw', [db.letterNumbers, db.auditLog, db.table('campaigns')], async () => {
    const mine = await issuedNumberOf(db, req.docType, req.objectId);
    if (mine) return { docNumber: mine.docNumber, reused: true };
    const now = new Date().toISOString();
    const alloc = await takeNextNumber(db, {
      prefix: req.prefix,
      campaignId: req.campaignId,
      year,
      holderId: req.objectId,
      docType: req.docType,
      actor: req.actor,
      now,
    });
    await appendAudit(db, {
      at: now,
      actor: req.actor,
      action: 'number.allocate',
      objectType: 'letter-number',
      objectId: alloc.id,
      summary: `${DOC_TYPE_LABELS[req.docType]}定稿编号${alloc.docNumber}（${req.label}）`,
      content: {
        docNumber: alloc.docNumber,
        docType: req.docType,
        objectId: req.objectId,
        issueDate: req.issueDate,
      },
      records: [numberCover(alloc.row, req.campaignId)],
    });
    return { docNumber: alloc.docNumber, reused: false };
  });
}

/**
 * Voids the number a 通报 or 年审通知 holds (it stays on record as void, with the reason, and is never given
 * again); the next 定稿 of the document takes a new number. Logged with the operator.
 */
export async function voidDocumentNumber(
  db: PingchaDatabase,
  req: {
    docType: Exclude<DocType, 'letter'>;
    objectId: string;
    reason: string;
    actor: string;
    /** What is numbered, for the log. */
    label: string;
    /** The campaign whose 通报 this is (a removed demo campaign takes its numbers with it). */
    campaignId?: string;
  },
): Promise<string> {
  const reason = req.reason.trim();
  if (reason === '') throw new LetterError('请填写作废文号的原因。');
  return db.transaction('rw', [db.letterNumbers, db.auditLog], async () => {
    const num = await issuedNumberOf(db, req.docType, req.objectId);
    if (!num) throw new LetterError(`${req.label}还没有文号，无需作废。`);
    const now = new Date().toISOString();
    const next = { ...num, status: 'void' as const, voidedAt: now, voidReason: reason };
    await db.letterNumbers.put(next);
    await appendAudit(db, {
      at: now,
      actor: req.actor,
      action: 'number.void',
      objectType: 'letter-number',
      objectId: num.id,
      summary: `作废${DOC_TYPE_LABELS[req.docType]}文号${num.docNumber}（${req.label}）：${reason}`,
      content: { docNumber: num.docNumber, docType: req.docType, objectId: req.objectId, reason },
      records: [numberCover(next, req.campaignId ?? reportCampaignOf(req.objectId))],
    });
    return num.docNumber;
  });
}

/** The number a 通报 or 年审通知 already has (null before it is issued). */
export async function documentNumberOf(
  db: PingchaDatabase,
  docType: Exclude<DocType, 'letter'>,
  objectId: string,
): Promise<string | null> {
  const n = await issuedNumberOf(db, docType, objectId);
  return n?.docNumber ?? null;
}

export async function listLetterNumbers(db: PingchaDatabase): Promise<LetterNumberRecord[]> {
  return (await db.letterNumbers.toArray()).sort((a, b) => a.year - b.year || a.seq - b.seq);
}

export async function getAttachment(db: PingchaDatabase, id: string): Promise<AttachmentRecord | undefined> {
  return db.attachments.get(id);
}

export const FONT_OWNER = 'settings:letters';

/** Stores a user font (TrueType outlines only; others are refused with a Chinese reason). */
export async function saveFontFile(
  db: PingchaDatabase,
  file: { name: string; bytes: Uint8Array },
): Promise<string> {
  const problem = checkTrueTypeFont(file.bytes, file.name);
  if (problem) throw new LetterError(problem);
  const id = randomId('font_', 10);
  await db.attachments.add({
    id,
    ownerId: FONT_OWNER,
    kind: 'font',
    name: file.name,
    size: file.bytes.length,
    bytes: file.bytes,
    addedAt: new Date().toISOString(),
  });
  return id;
}

const REPORT_EDITS = (campaignId: string) => `report-edits:${campaignId}`;

export async function readReportEdits(
  db: PingchaDatabase,
  campaignId: string,
): Promise<Record<string, string>> {
  const v = (await db.meta.get(REPORT_EDITS(campaignId)))?.value;
  return v && typeof v === 'object' ? (v as Record<string, string>) : {};
}

export async function saveReportEdits(
  db: PingchaDatabase,
  campaignId: string,
  edits: LetterEdits,
): Promise<void> {
  await db.meta.put({ key: REPORT_EDITS(campaignId), value: { ...edits } });
}

/**
 * 印发通报: records that the campaign report was generated (a signed checkpoint over the digest of
 * the document) and returns the 留痕校验码 to print on it.
 */
export async function recordReportIssue(
  db: PingchaDatabase,
  input: { campaignId: string; campaignName: string; actor: string; document: unknown },
): Promise<LogCodeLine | null> {
  await prepareCheckpoint(db);
  const entry = await appendAudit(db, {
    actor: input.actor,
    action: 'report.issue',
    objectType: 'campaign-report',
    objectId: input.campaignId,
    summary: `生成“${input.campaignName}”评查情况通报`,
    content: { document: input.document },
  });
  return entryCode(db, entry);
}

/**
 * The user's fonts from 设置 (attachments), as the document renderer takes them; undefined when the
 * settings name none that is stored.
 */
export async function readFontOverrides(
  db: PingchaDatabase,
  s: { bodyFontId?: string | null | undefined; titleFontId?: string | null | undefined },
): Promise<{ body?: Uint8Array; title?: Uint8Array } | undefined> {
  const [body, title] = await Promise.all([
    s.bodyFontId ? db.attachments.get(s.bodyFontId) : undefined,
    s.titleFontId ? db.attachments.get(s.titleFontId) : undefined,
  ]);
  if (!body && !title) return undefined;
  return { ...(body ? { body: body.bytes } : {}), ...(title ? { title: title.bytes } : {}) };
}

/** Each stored font's name and size in MB, by attachment id, as 设置 lists them. */
export async function fontFileNames(
  db: PingchaDatabase,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const rows = await db.attachments.bulkGet([...ids]);
  return new Map(
    rows.filter((r) => !!r).map((r) => [r!.id, `${r!.name}（${(r!.size / 1048576).toFixed(1)} MB）`]),
  );
}

/** The department's stored letter, its draft created first when it has none. */
export async function ensureLetterDraft(
  db: PingchaDatabase,
  campaignId: string,
  department: string,
): Promise<LetterRecord> {
  await ensureLetterDrafts(db, campaignId, [department]);
  const l = await db.letters.get(letterId(campaignId, department));
  if (!l) throw new LetterError('无法建立整改函草稿。');
  return l;
}

/**
 * What a backdated issue date is checked against: the campaign's latest draw time, whether it is the
 * demo, and every letter (those holding earlier numbers of the same register).
 */
export async function issueBackdateBasis(
  db: PingchaDatabase,
  campaignId: string,
): Promise<{ drawnAt: string | null; isDemo: boolean; letters: LetterRecord[] }> {
  const [draws, campaign, letters] = await Promise.all([
    db.draws.where('campaignId').equals(campaignId).toArray(),
    db.campaigns.get(campaignId),
    db.letters.toArray(),
  ]);
  const drawnAt =
    draws
      .map((d) => d.record.drawnAt)
      .sort()
      .at(-1) ?? null;
  return { drawnAt, isDemo: campaign?.isDemo === true, letters };
}
