// What a record of each table of the store must look like, checked on restore BEFORE anything is
// replaced: a backup whose records are of the wrong shape, that holds a table this version does not
// know, or a meta key the app never writes, is refused with a Chinese message naming the table and
// the record. Shapes follow the record types of renderer/db/* (the repositories are their writers).
// The schemas check structure and types; content rules stay with the repositories.
import { storeTableLabel } from './table-labels';
import { z } from 'zod';
import { DOC_TYPES } from '../letters/letter-settings';
import { LETTER_STATUS_TEXT, type LetterStatus } from '../letters/letter-tracking';
import { DrawRecordSchema } from '../draw/draw-record';
import { assignmentRecordSchema } from '../assignment/assign-reviewers';
import { scoreSheetSchema } from '../review/scoring-engine';
import { officerSchema } from '../officers/officer-model';
import { examCandidateSchema, examSittingSchema } from '../officers/exams';
import { trainingAttendanceSchema, trainingSessionSchema } from '../officers/training';

const str = z.string();
const nstr = z.string().nullable();
const int = z.number().int();
const isTypedIndex = (v: unknown) => v instanceof Uint16Array || v instanceof Uint32Array;
const strataIndex = z.custom<Uint16Array | Uint32Array>(isTypedIndex, {
  message: '各案卷所属层的索引应为整数数组（Uint16Array 或 Uint32Array）',
});
const bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, { message: '应为字节数据' });

const drawRecordStored = DrawRecordSchema.loose();

/**
 * Record schemas by table (the union over every schema version: older shapes included). The keys stay
 * literal: renderer/db/backup-repository.ts checks that every table of the database has one.
 */
export const TABLE_SCHEMAS = {
  meta: z.looseObject({ key: str, value: z.unknown() }),
  imports: z.looseObject({
    id: str,
    status: z.enum(['pending', 'committed']),
    fileName: str,
    sheetName: str,
    sha256: str,
    fileSize: z.number(),
    headerRow: int,
    headers: z.array(str),
    mapping: z.record(str, z.number().int().nullable()),
    departments: z.array(str),
    counts: z.looseObject({ rowsRead: z.number(), imported: z.number() }),
    chunkCount: int,
    startedAt: str,
    committedAt: nstr,
    isDemo: z.boolean(),
  }),
  caseChunks: z
    .looseObject({
      importId: str,
      seq: int,
      count: int,
      itemId: z.array(str),
      caseNo: z.array(str),
      department: z.array(str),
      caseType: z.array(str),
      cause: z.array(str),
      party: z.array(str),
      filedDate: z.array(nstr),
      closedDate: z.array(nstr),
      amountFen: z.array(z.number().nullable()),
      officer: z.array(str),
      certNo: z.array(str),
      sourceRow: z.array(z.number()),
    })
    .refine((c) => c.itemId.length === c.count, { message: '块内案卷数与记录数不符' }),
  rawChunks: z.looseObject({ importId: str, seq: int, raw: z.array(z.array(str)) }),
  mappings: z.looseObject({ department: str, byHeader: z.record(str, nstr), updatedAt: str }),
  campaigns: z.looseObject({
    id: str,
    name: str,
    year: int,
    periodFrom: nstr,
    periodTo: nstr,
    departments: z.array(str),
    caseTypes: z.array(str),
    createdAt: str,
    createdBy: str,
    isDemo: z.boolean(),
    standards: z.array(z.looseObject({ caseType: str, standardId: str, version: int })),
    standardsFrozenAt: nstr,
    // Scope rules (optional: absent in campaigns made before them).
    dateByType: z.record(str, z.enum(['closedDate', 'filedDate'])).optional(),
    excludeReviewedBefore: z.boolean().optional(),
    // 校准案卷 (optional: absent in campaigns made before them).
    calibrationItemIds: z.array(str).optional(),
  }),
  draws: z.looseObject({
    id: str,
    campaignId: str,
    createdAt: str,
    record: drawRecordStored,
    populationStrata: strataIndex.optional(),
    populationSeparate: z.boolean().optional(),
  }),
  drawPopulations: z
    .looseObject({ drawId: str, ids: z.array(str), populationStrata: strataIndex.optional() })
    .refine((p) => !p.populationStrata || p.populationStrata.length === p.ids.length, {
      message: '各案卷所属层的索引与总体案卷数不符',
    }),
  drawEvents: z.looseObject({
    id: str,
    drawId: str,
    seq: int,
    at: str,
    by: str,
    kind: z.enum(['replace', 'more']),
    payload: z.unknown(),
  }),
  standards: z.looseObject({
    id: str,
    name: str,
    version: int,
    caseTypes: z.array(str),
    status: str,
    categories: z.array(z.looseObject({ id: str })),
  }),
  reviewers: z.looseObject({ id: str, name: str, campaignId: str, conflicts: z.array(str) }),
  assignments: z.looseObject({ campaignId: str, record: assignmentRecordSchema.loose() }),
  scoreSheets: z.looseObject({
    id: str,
    campaignId: str,
    itemId: str,
    reviewerId: str,
    standardId: str,
    standardVersion: int,
    sheet: scoreSheetSchema.loose(),
    status: z.enum(['draft', 'submitted']),
    revision: int,
    updatedAt: str,
    updatedBy: str,
    submittedAt: nstr,
    origin: str,
  }),
  finalResults: z.looseObject({
    campaignId: str,
    itemId: str,
    department: str,
    caseNo: str,
    caseType: str,
    standardId: str,
    standardVersion: int,
    sheet: scoreSheetSchema.loose(),
    score: z.looseObject({}),
    reconciliation: z.unknown(),
    finalisedAt: str,
    finalisedBy: str,
  }),
  letters: z.looseObject({
    id: str,
    campaignId: str,
    department: str,
    // Only the statuses the app knows: a letter in a status it cannot show or check is refused.
    status: z.enum(Object.keys(LETTER_STATUS_TEXT) as [LetterStatus, ...LetterStatus[]]),
    edits: z.record(str, str),
    docNumber: nstr,
    numberId: nstr,
    voidedNumbers: z.array(z.looseObject({ docNumber: str, at: str, by: str, reason: str })),
    replies: z.array(z.looseObject({ receivedAt: str, summary: str })),
    returns: z.array(z.looseObject({ at: str, by: str, reason: str })),
    createdAt: str,
    updatedAt: str,
  }),
  letterNumbers: z.looseObject({
    id: str,
    prefix: str,
    year: int,
    seq: int,
    docNumber: str,
    status: z.enum(['issued', 'void']),
    letterId: str,
    // Absent on numbers allocated before registers per document type: a letter's.
    docType: z.enum(DOC_TYPES).optional(),
    allocatedAt: str,
    allocatedBy: str,
    voidedAt: nstr,
    voidReason: nstr,
  }),
  attachments: z.looseObject({
    id: str,
    ownerId: str,
    kind: z.enum(['reply', 'font']),
    name: str,
    size: z.number(),
    bytes,
    addedAt: str,
  }),
  officers: officerSchema.loose().extend({ updatedAt: str, isDemo: z.boolean().optional() }),
  examSittings: examSittingSchema.loose(),
  examCandidates: examCandidateSchema.loose(),
  trainingSessions: trainingSessionSchema.loose().extend({ year: int }),
  trainingAttendance: trainingAttendanceSchema.loose().extend({ id: str }),
  annualReviews: z.looseObject({
    id: str,
    year: int,
    reviewDate: str,
    runAt: str,
    runBy: str,
    proposals: z.array(z.looseObject({ officerId: str })),
    skipped: z.array(z.looseObject({ officerId: str })),
    notEvaluated: z.array(z.unknown()),
  }),
  reviewDecisions: z.looseObject({
    id: str,
    reviewId: str,
    officerId: str,
    year: int,
    proposed: str,
    decided: str,
    reason: str,
    by: str,
    at: str,
  }),
  panelPackages: z.looseObject({
    id: str,
    packageId: str,
    kind: z.enum(['assignment-export', 'workspace-open', 'results-export', 'results-import']),
    campaignId: str,
    reviewerId: str,
    sha256: str,
    fileName: str,
    at: str,
    by: str,
  }),
  auditLog: z.looseObject({
    seq: int.min(1),
    at: str,
    actor: str,
    action: str,
    objectType: str,
    objectId: str,
    summary: str,
    digest: str,
    prevHash: str,
    hash: str,
  }),
  departments: z.looseObject({
    id: str,
    name: str.min(1),
    aliases: z.array(str),
    caseNoPrefixes: z.array(str),
    kind: z.enum(['municipal', 'district', 'township', 'other']),
    isDemo: z.boolean(),
    createdAt: str,
    updatedAt: str,
  }),
  signingKeys: z.looseObject({
    publicKey: z.string().regex(/^[0-9a-f]{64}$/, { message: '公钥应为 64 位十六进制' }),
    fingerprint: str,
    createdAt: str,
    createdBy: str,
    source: z.enum(['generated', 'imported']),
  }),
  ruleCensus: z.looseObject({
    importId: str,
    packSha256: str,
    registrySha256: str,
    checkedAt: str,
    ruleIds: z.array(str),
    flagOffset: z.array(int),
    flagRule: z.array(int),
    flagItemId: z.array(str),
    flagSentence: z.array(str),
  }),
  flagDecisions: z.looseObject({
    id: str,
    campaignId: str,
    itemId: str,
    ruleId: str,
    sentence: str,
    decision: z.enum(['confirmed', 'dismissed']),
    reason: str,
    standardItemId: nstr,
    reviewerId: str,
    by: str,
    at: str,
  }),
  caseFiles: z.looseObject({
    id: str,
    campaignId: str,
    itemId: str,
    name: str,
    size: z.number(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, { message: 'SHA-256 应为 64 位十六进制' }),
    attachedAt: str,
    attachedBy: str,
  }),
  caseFilePages: z.looseObject({
    sha256: z.string().regex(/^[0-9a-f]{64}$/, { message: 'SHA-256 应为 64 位十六进制' }),
    labels: z.record(z.string().regex(/^\d+$/), z.string()),
    updatedAt: str,
    updatedBy: str,
  }),
  caseFileReadings: z.looseObject({
    sha256: z.string().regex(/^[0-9a-f]{64}$/, { message: 'SHA-256 应为 64 位十六进制' }),
    pageCount: z.number().int().min(0),
    readings: z.array(
      z.looseObject({
        page: z.number().int().min(0),
        kind: z.string(),
        confidence: z.number().min(0).max(1),
        firstLines: z.array(z.string()),
        caseNo: z.string().nullable(),
        date: z.string().nullable(),
      }),
    ),
    updatedAt: str,
  }),
  caseFileBytes: z.looseObject({
    sha256: z.string().regex(/^[0-9a-f]{64}$/, { message: 'SHA-256 应为 64 位十六进制' }),
    bytes,
  }),
  auditSuperseded: z.looseObject({
    id: str,
    restoreSeq: int,
    restoreHash: str,
    restoredAt: str,
    restoredBy: str,
    backupCreatedAt: str,
    seq: int,
    at: str,
    actor: str,
    action: str,
    summary: str,
    digest: str,
    prevHash: str,
    hash: str,
  }),
} satisfies Record<string, z.ZodType>;

const TYPE_NAMES: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  boolean: '是/否',
  array: '列表',
  object: '对象',
  null: '空值',
};

/** Zod's issue in Chinese (its own messages are English unless a schema set a Chinese one). */
function issueText(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') {
    return `缺失或类型不对（应为${TYPE_NAMES[issue.expected] ?? issue.expected}）`;
  }
  if (issue.code === 'invalid_value') return `取值不在允许的范围内（${issue.values.map(String).join('、')}）`;
  if (issue.code === 'custom' || /[\u4e00-\u9fff]/.test(issue.message)) return `：${issue.message}`;
  if (issue.code === 'too_small' || issue.code === 'too_big') return '超出允许的范围';
  return '不符合要求';
}

/** Meta keys the app writes (exact keys and prefixes). Anything else in a backup is refused. */
const META_KEYS = new Set(['backup:last', 'review:default-standards-seeded', 'packageWorkspace']);
const META_PREFIXES = [/^settings:[A-Za-z0-9_-]+$/, /^report-edits:.+$/];

export function isKnownMetaKey(key: string): boolean {
  return META_KEYS.has(key) || META_PREFIXES.some((p) => p.test(key));
}

/** A record the restore refuses; message in Chinese names the table and the record. */
export interface RecordProblem {
  table: string;
  index: number;
  recordLabel: string;
  message: string;
}

/** A short label of a record for messages: its key fields (id, key, seq ...), else its position. */
export function recordLabel(table: string, record: unknown, index: number): string {
  if (record && typeof record === 'object') {
    const r = record as Record<string, unknown>;
    for (const k of ['id', 'key', 'drawId', 'department', 'seq']) {
      if (typeof r[k] === 'string' || typeof r[k] === 'number') return `${k}=${String(r[k])}`;
    }
    if (typeof r.campaignId === 'string') {
      return typeof r.itemId === 'string' ? `${r.campaignId}|${r.itemId}` : `campaignId=${r.campaignId}`;
    }
    if (typeof r.importId === 'string' && typeof r.seq === 'number') return `${r.importId}#${r.seq}`;
  }
  return `第 ${index + 1} 条`;
}

/**
 * Checks one record of `table`. Returns null when it fits, else the problem. `context.workspace`
 * says whether this installation is a reviewer workspace (only then may a backup carry the
 * workspace marker).
 */
export function checkRecord(
  table: string,
  record: unknown,
  index: number,
  context: { workspace: boolean },
): RecordProblem | null {
  const schema = (TABLE_SCHEMAS as Record<string, z.ZodType | undefined>)[table];
  const label = recordLabel(table, record, index);
  const problem = (message: string): RecordProblem => ({ table, index, recordLabel: label, message });
  if (!schema) return problem(`本程序不认识数据表“${table}”`);
  const parsed = schema.safeParse(record);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `字段“${issue.path.join('.')}”` : '记录本身';
    return problem(
      `数据表“${storeTableLabel(table)}”中的记录（${label}）格式不对：${where}${issue ? issueText(issue) : ''}`,
    );
  }
  if (table === 'meta') {
    const key = (record as { key: string }).key;
    if (!isKnownMetaKey(key)) {
      return problem(`数据表“meta”中有本程序不认识的设置项“${key}”，该文件可能被改动过或不是本机的备份`);
    }
    if (key === 'packageWorkspace' && !context.workspace) {
      return problem(
        '数据表“meta”中有评查人员工作区标记（packageWorkspace）：这是评查人员电脑上的工作区备份，不能恢复到组织者的评查台',
      );
    }
  }
  return null;
}

/** The first problem among `records` of `table`, or null. */
export function checkTableRecords(
  table: string,
  records: readonly unknown[],
  context: { workspace: boolean },
  offset = 0,
): RecordProblem | null {
  for (let i = 0; i < records.length; i++) {
    const p = checkRecord(table, records[i], offset + i, context);
    if (p) return p;
  }
  return null;
}

/**
 * Repairs what backups written before the typed serialisation lost: a draw's per-file stratum
 * index came back as a plain object ({"0": 3, "1": 0, …}). Rebuilt as the typed array the draw
 * worker writes (Uint16Array while the strata fit, else Uint32Array). Returns the record (changed
 * in place) and whether anything was repaired.
 */
export function repairLegacyRecord(table: string, record: unknown): boolean {
  if (table !== 'draws' && table !== 'drawPopulations') return false;
  if (!record || typeof record !== 'object') return false;
  const r = record as { populationStrata?: unknown; record?: { strata?: unknown[] } };
  const s = r.populationStrata;
  if (s === undefined || s === null || isTypedIndex(s)) return false;
  let values: number[] | null = null;
  if (Array.isArray(s)) values = s as number[];
  else if (typeof s === 'object') {
    const o = s as Record<string, unknown>;
    const n = Object.keys(o).length;
    values = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      const v = o[String(i)];
      if (typeof v !== 'number') return false;
      values[i] = v;
    }
  }
  if (!values || !values.every((v) => Number.isInteger(v) && v >= 0)) return false;
  let max = 0;
  for (const v of values) if (v > max) max = v;
  const strataCount = Array.isArray(r.record?.strata) ? r.record.strata.length : max + 1;
  r.populationStrata = strataCount < 65536 ? Uint16Array.from(values) : Uint32Array.from(values);
  return true;
}
