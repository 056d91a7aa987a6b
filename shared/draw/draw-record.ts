// The machine-readable draw record (抽取记录, JSON): everything needed to re-run a draw from the ledgers
// and compare. Printable PDF/DOCX records are built from the same object.
//
// Population hash: SHA-256 (lowercase hex) of the UTF-8 bytes of every item id of the population,
// sorted in Unicode code-point order and joined with "\n" (no final newline). It does not depend on the
// seed or on ledger row order. A stratum's hash is the same over that stratum's ids.
//
// Scope filter: an item is in the population when its department is listed (or departments is null),
// its case type is listed (or caseTypes is null), and, when closedFrom/closedTo are set, its closed
// date (YYYY-MM-DD) is within [closedFrom, closedTo]; an item without a closed date is then left out.
// Two optional rules (absent in older records, which keep the old behaviour byte for byte):
// `dateByType` names, per case type, the date the period is judged by ('filedDate' = 立案/受理/检查日期
// column; a type not listed is judged by its closed date); `excludeItemIds` lists the item ids left out
// because they were reviewed in earlier campaigns (the record carries the list itself, so anyone can
// recompute the population from the ledgers alone).

import { cellEditSchema } from '../ledger/cell-edits';
import { z } from 'zod';
import { sha256Hex, type Sha256Hex } from '../crypto/sha256';
import { purposivePartSchema } from './purposive';
import { ALLOCATION_RULE_TEXT, AllocationError, allocateQuotas } from './allocation';
import { sortByCodePoint } from './code-point';
import {
  DEFAULT_TICKET_DIGITS,
  SAMPLER_ALGORITHM_NAME,
  SAMPLER_VERSION,
  SamplerError,
  trimTicket,
} from './sampler';
import {
  STRATUM_KEY_RULE_TEXT,
  SelectionError,
  replayEvents,
  selectStratified,
  stratumKey,
  type DrawPick,
  type StratifiedDraw,
} from './selection';

export const DRAW_RECORD_FORMAT = 'pingcha.draw-record';
export const DRAW_RECORD_FORMAT_VERSION = 1;

export const ITEM_ID_RULE_TEXT =
  '案卷编号（参与抽样的字符串）= 规范化(执法部门) + "|" + 规范化(案件编号)；规范化 = Unicode NFKC（全角数字、字母、标点转半角），' +
  '删除零宽字符（U+200B–U+200D、U+2060、U+FEFF），连续空白合并为一个空格，去掉首尾空格。';

export const POPULATION_HASH_RULE_TEXT =
  '总体 SHA-256 = 将总体全部案卷编号按 Unicode 码位排序、以换行符（\\n）连接（末尾无换行）后，对其 UTF-8 字节计算的 SHA-256（小写十六进制）；各层同理。';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const int0 = z.number().int().min(0);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const PickSchema = z.object({
  order: z.number().int().min(1),
  ticket: z.string(),
  fullTicket: z.string(),
  itemId: z.string(),
  stratum: z.string(),
});

export const DrawRecordSchema = z.object({
  format: z.literal(DRAW_RECORD_FORMAT),
  formatVersion: z.literal(DRAW_RECORD_FORMAT_VERSION),
  campaign: z.object({
    id: z.string(),
    name: z.string(),
    year: z.number().int(),
    period: z.object({ from: isoDate.nullable(), to: isoDate.nullable() }),
    scope: z.object({ departments: z.array(z.string()), caseTypes: z.array(z.string()) }),
  }),
  drawnAt: z.string(),
  operator: z.string(),
  witnesses: z.array(z.string()),
  seed: z.string().min(1),
  algorithm: z.object({
    name: z.literal(SAMPLER_ALGORITHM_NAME),
    version: z.string(),
    digits: z.number().int().min(1),
    withReplacement: z.literal(false),
  }),
  itemIdRule: z.string(),
  stratification: z.object({ by: z.enum(['department', 'department×caseType']), rule: z.string() }),
  filter: z.object({
    departments: z.array(z.string()).nullable(),
    caseTypes: z.array(z.string()).nullable(),
    closedFrom: isoDate.nullable(),
    closedTo: isoDate.nullable(),
    /** Case type -> the date its period is judged by (absent: closedDate for every type). */
    dateByType: z.record(z.string(), z.enum(['closedDate', 'filedDate'])).optional(),
    /** Item ids left out as reviewed in earlier campaigns, in code-point order (absent: none). */
    excludeItemIds: z.array(z.string()).optional(),
    /** Where excludeItemIds came from, in words (e.g. the earlier campaigns' names). */
    excludeReason: z.string().optional(),
  }),
  population: z.object({ size: int0, sha256: hex64, hashRule: z.string(), ids: z.array(z.string()) }),
  strata: z.array(
    z.object({
      key: z.string(),
      size: int0,
      sha256: hex64,
      share: z.number(),
      quota: int0,
      spares: int0,
      reason: z.string(),
    }),
  ),
  allocation: z.object({ rule: z.string(), total: int0, minimum: int0, sparesPerStratum: int0 }),
  drawn: z.array(PickSchema.extend({ caseNo: z.string(), department: z.string(), caseType: z.string() })),
  spares: z.array(PickSchema),
  replacements: z.array(
    z.object({
      seq: z.number().int().min(1),
      itemId: z.string(),
      replacedBy: z.string(),
      stratum: z.string(),
      reason: z.string(),
      at: z.string(),
      by: z.string(),
    }),
  ),
  extras: z.array(
    z.object({
      seq: z.number().int().min(1),
      stratum: z.string(),
      count: z.number().int().min(1),
      itemIds: z.array(z.string()),
      reason: z.string(),
      at: z.string(),
      by: z.string(),
    }),
  ),
  sources: z.array(
    z.object({
      fileName: z.string(),
      sha256: hex64,
      sheet: z.string(),
      /** 0-based header row index, as LedgerBuildOptions.headerRow. */
      headerRow: int0,
      /** Field -> header text of its column (null: not mapped). */
      mapping: z.record(z.string(), z.string().nullable()),
      defaultDepartment: z.string().nullable(),
      defaultCaseType: z.string().nullable(),
      encoding: z.enum(['utf-8', 'gbk']).nullable(),
      /** Department name as written -> name stored (机构名录), applied before item ids are made. */
      departmentMap: z.record(z.string(), z.string()).optional(),
      /** Cells corrected in the import wizard, replayed on the file before it is read (absent: none). */
      cellEdits: z.array(cellEditSchema).optional(),
    }),
  ),
  /** Files drawn on purpose (台账体检发现 stratum, 定向抽取), apart from the random draw (absent: none). */
  purposive: purposivePartSchema.optional(),
});

export type DrawRecord = z.infer<typeof DrawRecordSchema>;
export type DrawRecordSource = DrawRecord['sources'][number];
export type DrawScopeFilter = DrawRecord['filter'];
export type StratifyBy = DrawRecord['stratification']['by'];

/** A case file as the draw sees it. */
export interface DrawCase {
  itemId: string;
  caseNo: string;
  department: string;
  caseType: string;
  closedDate?: string | null;
  /** 立案/受理/检查日期: the date a type listed in filter.dateByType as 'filedDate' is judged by. */
  filedDate?: string | null;
}

/** Thrown when a record cannot be read; `message` is Chinese. */
export class DrawRecordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DrawRecordError';
  }
}

export function populationHash(ids: readonly string[], sha: Sha256Hex = sha256Hex): string {
  return sha(sortByCodePoint(ids).join('\n'));
}

/** The date a case file's period is judged by under the filter (null: it has none). */
export function judgedDate(c: DrawCase, filter: Pick<DrawScopeFilter, 'dateByType'>): string | null {
  const which = filter.dateByType?.[c.caseType] ?? 'closedDate';
  return (which === 'filedDate' ? c.filedDate : c.closedDate) ?? null;
}

/** The one scope rule of the draw (app and `pingcha draw verify`); see the header comment. */
export function applyScopeFilter<T extends DrawCase>(cases: readonly T[], filter: DrawScopeFilter): T[] {
  const deps = filter.departments ? new Set(filter.departments) : null;
  const types = filter.caseTypes ? new Set(filter.caseTypes) : null;
  const excluded = filter.excludeItemIds?.length ? new Set(filter.excludeItemIds) : null;
  return cases.filter((c) => {
    if (deps && !deps.has(c.department)) return false;
    if (types && !types.has(c.caseType)) return false;
    if (filter.closedFrom !== null || filter.closedTo !== null) {
      const d = judgedDate(c, filter);
      if (d === null) return false;
      if (filter.closedFrom !== null && d < filter.closedFrom) return false;
      if (filter.closedTo !== null && d > filter.closedTo) return false;
    }
    if (excluded && excluded.has(c.itemId)) return false;
    return true;
  });
}

/** A file of the draw's sample as it stands now, with its stratum and department. */
export interface CurrentDrawnFile {
  itemId: string;
  stratum: string;
  department: string;
}

/** What `currentDrawnFiles` reads: a draw record, or any input with its drawn files and events. */
export interface DrawnWithEvents {
  stratification?: { by: StratifyBy };
  drawn: readonly { itemId: string; stratum: string; department: string }[];
  replacements: readonly { seq?: number; itemId: string; replacedBy: string; stratum: string }[];
  extras: readonly { seq?: number; stratum: string; itemIds: readonly string[] }[];
}

/**
 * The files a draw sent for review as it stands now: drawn, minus those replaced, plus their replacements
 * (in the replaced file's place) and every file drawn more (appended), events in `seq` order. The one
 * reading of "drawn files" behind every count (letters, 通报, estimates, review, earlier campaigns).
 * A replacement or an extra file belongs to its stratum's department.
 */
export function currentDrawnFiles(record: DrawnWithEvents): CurrentDrawnFile[] {
  const byCaseType = record.stratification?.by === 'department×caseType';
  const deptOfStratum = new Map(record.drawn.map((d) => [d.stratum, d.department]));
  const department = (stratum: string): string => {
    const known = deptOfStratum.get(stratum);
    if (known !== undefined) return known;
    const i = byCaseType ? stratum.lastIndexOf(' × ') : -1;
    return i < 0 ? stratum : stratum.slice(0, i);
  };
  const files: CurrentDrawnFile[] = record.drawn.map((d) => ({
    itemId: d.itemId,
    stratum: d.stratum,
    department: d.department,
  }));
  const events = [
    ...record.replacements.map((r, i) => ({ seq: r.seq ?? 0, at: i, replace: r, more: null })),
    ...record.extras.map((x, i) => ({
      seq: x.seq ?? 0,
      at: record.replacements.length + i,
      replace: null,
      more: x,
    })),
  ].sort((a, b) => a.seq - b.seq || a.at - b.at);
  const present = new Set(files.map((f) => f.itemId));
  for (const e of events) {
    if (e.replace) {
      const r = e.replace;
      const at = files.findIndex((f) => f.itemId === r.itemId);
      const file = { itemId: r.replacedBy, stratum: r.stratum, department: department(r.stratum) };
      if (at >= 0) files[at] = file;
      else if (!present.has(r.replacedBy)) files.push(file);
      present.delete(r.itemId);
      present.add(r.replacedBy);
    } else if (e.more) {
      for (const id of e.more.itemIds) {
        if (present.has(id)) continue;
        present.add(id);
        files.push({ itemId: id, stratum: e.more.stratum, department: department(e.more.stratum) });
      }
    }
  }
  return files;
}

/** Item ids of `currentDrawnFiles` (what "reviewed in an earlier campaign" means). */
export function reviewedItemIds(record: Pick<DrawRecord, 'drawn' | 'replacements' | 'extras'>): string[] {
  return currentDrawnFiles(record).map((f) => f.itemId);
}

export interface DrawRecordInput {
  campaign: DrawRecord['campaign'];
  drawnAt: string;
  operator: string;
  witnesses: string[];
  seed: string;
  digits?: number;
  stratifyBy: StratifyBy;
  filter: DrawScopeFilter;
  sources: DrawRecordSource[];
  /** The case files after the scope filter (apply `applyScopeFilter` first). Item ids must be distinct. */
  population: readonly DrawCase[];
  total: number;
  minimum?: number;
  sparesPerStratum?: number;
  sha?: Sha256Hex;
}

/**
 * A population fixed before the seed is known: its case files in code-point order of item id, each with
 * its stratum key, and its SHA-256s (total and per stratum, strata in code-point order of key).
 */
export interface PreparedPopulation<C extends DrawCase = DrawCase> {
  items: (C & { stratum: string })[];
  sha256: string;
  strata: { key: string; size: number; sha256: string }[];
}

/**
 * Sorts the population by code point, assigns strata and hashes it. `sorted`: the caller has sorted it
 * already (and checked the ids are distinct), so the sort is skipped. `withStrata`: the cases carry
 * their stratum key already (checked against the rule), so they are used as they are, not copied.
 * `digests`: the SHA-256s of the ids' text (joined by "\n": all, and per stratum key) computed
 * ahead by the caller (e.g. natively), so the text is not joined again here.
 */
export function preparePopulation<C extends DrawCase>(
  population: readonly C[],
  by: StratifyBy,
  sha: Sha256Hex = sha256Hex,
  options: {
    sorted?: boolean;
    withStrata?: boolean;
    digests?: { population: string; strata: ReadonlyMap<string, string> };
  } = {},
): PreparedPopulation<C> {
  let sorted: readonly C[] = population;
  if (!options.sorted) {
    const pos = new Map<string, number>();
    population.forEach((c, i) => pos.set(c.itemId, i));
    sorted = sortByCodePoint(population.map((c) => c.itemId)).map((id) => population[pos.get(id)!]!);
  }
  const byType = by === 'department×caseType';
  let items: (C & { stratum: string })[];
  if (options.withStrata) {
    items = sorted as (C & { stratum: string })[];
    for (const c of items) {
      if (c.stratum !== stratumKey(c.department, c.caseType, byType))
        throw new Error(`internal: stratum of ${c.itemId} is not its ${by} key`);
    }
  } else {
    items = sorted.map((c) => ({ ...c, stratum: stratumKey(c.department, c.caseType, byType) }));
  }
  const map = new Map<string, string[]>();
  for (const c of items) {
    let list = map.get(c.stratum);
    if (!list) map.set(c.stratum, (list = []));
    list.push(c.itemId);
  }
  const digests = options.digests;
  const stratumSha = (key: string): string => {
    const given = digests?.strata.get(key);
    return given ?? sha(map.get(key)!.join('\n'));
  };
  return {
    items,
    sha256: digests?.population ?? sha(items.map((c) => c.itemId).join('\n')),
    strata: sortByCodePoint([...map.keys()]).map((key) => ({
      key,
      size: map.get(key)!.length,
      sha256: stratumSha(key),
    })),
  };
}

interface Computed {
  strata: DrawRecord['strata'];
  draw: StratifiedDraw<DrawCase & { stratum: string }>;
}

/** Quotas, selection and the record's strata of a prepared population. */
function drawPrepared(
  prepared: PreparedPopulation,
  seed: string,
  total: number,
  minimum: number,
  sparesPerStratum: number,
  sha: Sha256Hex,
): Computed {
  const quotas = allocateQuotas(
    prepared.strata.map((s) => ({ key: s.key, size: s.size })),
    total,
    { minimum },
  );
  const draw = selectStratified(prepared.items, seed, quotas, sparesPerStratum, { sha });
  const spareCount = new Map<string, number>();
  for (const p of draw.spares) spareCount.set(p.stratum, (spareCount.get(p.stratum) ?? 0) + 1);
  const shaOf = new Map(prepared.strata.map((s) => [s.key, s.sha256]));
  return {
    strata: quotas.map((q) => ({
      key: q.key,
      size: q.size,
      sha256: shaOf.get(q.key)!,
      share: q.share,
      quota: q.quota,
      spares: spareCount.get(q.key) ?? 0,
      reason: q.reason,
    })),
    draw,
  };
}

function pickOut(p: DrawPick, digits: number): DrawRecord['spares'][number] {
  return {
    order: p.rank,
    ticket: trimTicket(p.ticket, digits),
    fullTicket: p.ticket,
    itemId: p.itemId,
    stratum: p.stratum,
  };
}

/** Everything of a new draw but its population. The filter is copied into the record as given. */
export type DrawRecordHeader = Omit<DrawRecordInput, 'population' | 'sha'>;

/**
 * The one builder of a draw record (no replacements or extras yet) and its live selection, from a
 * prepared population. The draw worker (which prepares the population before the seed is known),
 * computeDrawRecord and `pingcha draw verify` (through rebuildDrawRecord) all build records here.
 */
export function buildDrawRecord(
  prepared: PreparedPopulation,
  input: DrawRecordHeader,
  sha: Sha256Hex = sha256Hex,
): { record: DrawRecord; draw: StratifiedDraw<DrawCase & { stratum: string }> } {
  if (input.seed === '') throw new DrawRecordError('种子不能为空。');
  const digits = input.digits ?? DEFAULT_TICKET_DIGITS;
  const minimum = input.minimum ?? 1;
  const sparesPerStratum = input.sparesPerStratum ?? 2;
  const c = drawPrepared(prepared, input.seed, input.total, minimum, sparesPerStratum, sha);
  const record: DrawRecord = {
    format: DRAW_RECORD_FORMAT,
    formatVersion: DRAW_RECORD_FORMAT_VERSION,
    campaign: input.campaign,
    drawnAt: input.drawnAt,
    operator: input.operator,
    witnesses: input.witnesses,
    seed: input.seed,
    algorithm: { name: SAMPLER_ALGORITHM_NAME, version: SAMPLER_VERSION, digits, withReplacement: false },
    itemIdRule: ITEM_ID_RULE_TEXT,
    stratification: { by: input.stratifyBy, rule: STRATUM_KEY_RULE_TEXT },
    filter: input.filter,
    population: {
      size: prepared.items.length,
      sha256: prepared.sha256,
      hashRule: POPULATION_HASH_RULE_TEXT,
      ids: prepared.items.map((i) => i.itemId),
    },
    strata: c.strata,
    allocation: { rule: ALLOCATION_RULE_TEXT, total: input.total, minimum, sparesPerStratum },
    drawn: c.draw.drawn.map((p) => {
      const item = c.draw.population[p.index]!;
      return {
        ...pickOut(p, digits),
        caseNo: item.caseNo,
        department: item.department,
        caseType: item.caseType,
      };
    }),
    spares: c.draw.spares.map((p) => pickOut(p, digits)),
    replacements: [],
    extras: [],
    sources: input.sources,
  };
  return { record, draw: c.draw };
}

/** Builds the record of a new draw (no replacements or extras yet) and the live selection. */
export function computeDrawRecord(input: DrawRecordInput): {
  record: DrawRecord;
  draw: StratifiedDraw<DrawCase & { stratum: string }>;
} {
  if (input.seed === '') throw new DrawRecordError('种子不能为空。');
  const sha = input.sha ?? sha256Hex;
  return buildDrawRecord(preparePopulation(input.population, input.stratifyBy, sha), input, sha);
}

/** The header of a new draw as a stored record states it (everything but the population and events). */
export function headerOf(record: DrawRecord): DrawRecordHeader {
  return {
    campaign: record.campaign,
    drawnAt: record.drawnAt,
    operator: record.operator,
    witnesses: record.witnesses,
    seed: record.seed,
    digits: record.algorithm.digits,
    stratifyBy: record.stratification.by,
    filter: record.filter,
    sources: record.sources,
    total: record.allocation.total,
    minimum: record.allocation.minimum,
    sparesPerStratum: record.allocation.sparesPerStratum,
  };
}

function nextSeq(record: DrawRecord): number {
  return record.replacements.length + record.extras.length + 1;
}

/** Replaces a drawn item by its stratum's next spare and appends the event to the record. */
export function recordReplacement(
  record: DrawRecord,
  draw: StratifiedDraw<DrawCase & { stratum: string }>,
  itemId: string,
  reason: string,
  at: string,
  by: string,
): { record: DrawRecord; draw: StratifiedDraw<DrawCase & { stratum: string }> } {
  const next = replayEvents(draw, [{ kind: 'replace', itemId, reason }]);
  const e = next.events[next.events.length - 1]!;
  if (e.kind !== 'replace') throw new Error('unreachable');
  return {
    record: {
      ...record,
      replacements: [
        ...record.replacements,
        { seq: nextSeq(record), itemId, replacedBy: e.replacedBy, stratum: e.stratum, reason, at, by },
      ],
    },
    draw: next,
  };
}

/** Draws `count` more in `stratum` (continuing the ticket order) and appends the event to the record. */
export function recordDrawMore(
  record: DrawRecord,
  draw: StratifiedDraw<DrawCase & { stratum: string }>,
  stratum: string,
  count: number,
  reason: string,
  at: string,
  by: string,
): { record: DrawRecord; draw: StratifiedDraw<DrawCase & { stratum: string }> } {
  const next = replayEvents(draw, [{ kind: 'more', stratum, count, reason }]);
  const e = next.events[next.events.length - 1]!;
  if (e.kind !== 'more') throw new Error('unreachable');
  return {
    record: {
      ...record,
      extras: [
        ...record.extras,
        { seq: nextSeq(record), stratum, count, itemIds: e.itemIds, reason, at, by },
      ],
    },
    draw: next,
  };
}

/**
 * Rebuilds a stored record from `population` (the case files after its scope filter) with the one
 * builder, then replays its replacements and extras in their recorded sequence. For a record that
 * verifies, the result serializes to the same bytes as the record.
 */
export function rebuildDrawRecord(
  record: DrawRecord,
  population: readonly DrawCase[],
  sha: Sha256Hex = sha256Hex,
): { record: DrawRecord; draw: StratifiedDraw<DrawCase & { stratum: string }> } {
  let made = buildDrawRecord(
    preparePopulation(population, record.stratification.by, sha),
    headerOf(record),
    sha,
  );
  const events = [
    ...record.replacements.map((r) => ({ seq: r.seq, r, x: null })),
    ...record.extras.map((x) => ({ seq: x.seq, r: null, x })),
  ].sort((a, b) => a.seq - b.seq);
  for (const e of events) {
    made = e.r
      ? recordReplacement(made.record, made.draw, e.r.itemId, e.r.reason, e.r.at, e.r.by)
      : recordDrawMore(made.record, made.draw, e.x!.stratum, e.x!.count, e.x!.reason, e.x!.at, e.x!.by);
  }
  return made;
}

/** Stable, pretty JSON (keys in schema order, 2-space indent, final newline). */
export function serializeDrawRecord(record: DrawRecord): string {
  return JSON.stringify(DrawRecordSchema.parse(record), null, 2) + '\n';
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.length ? issue.path.map(String).join('.') : '（根）';
  switch (issue.code) {
    case 'invalid_type':
      return `字段“${path}”缺失或类型不对（应为 ${issue.expected}）`;
    case 'invalid_value':
      return `字段“${path}”的值不被接受（应为 ${issue.values.map((v) => JSON.stringify(v)).join(' 或 ')}）`;
    case 'invalid_format':
      return `字段“${path}”的格式不对`;
    case 'too_small':
      return `字段“${path}”的值太小或为空`;
    default:
      return `字段“${path}”不正确（${issue.message}）`;
  }
}

/** Parses a draw record JSON text; throws DrawRecordError with a Chinese message. */
export function parseDrawRecord(text: string): DrawRecord {
  let data: unknown;
  try {
    data = JSON.parse(text.startsWith('\ufeff') ? text.slice(1) : text);
  } catch (e) {
    throw new DrawRecordError(`抽取记录不是有效的 JSON：${e instanceof Error ? e.message : String(e)}。`);
  }
  if (
    typeof data === 'object' &&
    data !== null &&
    (data as { format?: unknown }).format !== DRAW_RECORD_FORMAT
  ) {
    throw new DrawRecordError('该文件不是评查台导出的抽取记录。');
  }
  const r = DrawRecordSchema.safeParse(data);
  if (!r.success) {
    const first = r.error.issues.slice(0, 3).map(describeIssue).join('；');
    const more = r.error.issues.length > 3 ? `等 ${r.error.issues.length} 处问题` : '';
    throw new DrawRecordError(`抽取记录格式不正确：${first}${more}。`);
  }
  return r.data;
}

export type DrawVerification = { ok: true } | { ok: false; firstDifference: string };

const listSome = (ids: readonly string[]): string =>
  ids
    .slice(0, 5)
    .map((x) => `“${x}”`)
    .join('、') + (ids.length > 5 ? ` 等 ${ids.length} 件` : `（共 ${ids.length} 件）`);

/**
 * Recomputes the draw from `population` (the case files after the record's scope filter) and compares
 * with the record: population, strata, quotas, drawn list, spares, replacements and extras.
 */
export function verifyDrawRecord(
  record: DrawRecord,
  population: readonly DrawCase[],
  sha: Sha256Hex = sha256Hex,
): DrawVerification {
  const diff = (firstDifference: string): DrawVerification => ({ ok: false, firstDifference });

  // The record must agree with itself before it is compared with anything.
  const ownHash = populationHash(record.population.ids, sha);
  if (ownHash !== record.population.sha256) {
    return diff(
      `记录内部不一致：记录所列总体编号的 SHA-256 为 ${ownHash}，与记录中的总体 SHA-256 ${record.population.sha256} 不符（记录可能被改动）。`,
    );
  }
  if (record.population.ids.length !== record.population.size) {
    return diff(
      `记录内部不一致：总体数量记为 ${record.population.size}，但列出了 ${record.population.ids.length} 个编号。`,
    );
  }

  const ids = population.map((c) => c.itemId);
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) return diff(`台账中案卷编号“${id}”出现了不止一次，无法重算抽取。`);
    seen.add(id);
  }
  const hash = populationHash(ids, sha);
  if (hash !== record.population.sha256) {
    const recorded = new Set(record.population.ids);
    const onlyRecord = record.population.ids.filter((id) => !seen.has(id));
    const onlyLedger = ids.filter((id) => !recorded.has(id));
    const parts = [`总体 SHA-256 不符：记录 ${record.population.sha256}，重算 ${hash}`];
    parts.push(`总体数量：记录 ${record.population.size} 件，重算 ${ids.length} 件`);
    if (onlyRecord.length) parts.push(`记录中有而台账中没有的案卷：${listSome(onlyRecord)}`);
    if (onlyLedger.length) parts.push(`台账中有而记录中没有的案卷：${listSome(onlyLedger)}`);
    return diff(parts.join('；') + '。');
  }

  let c: Computed;
  try {
    // The same builder as the draw itself (buildDrawRecord), with the record's own settings.
    const built = buildDrawRecord(
      preparePopulation(population, record.stratification.by, sha),
      headerOf(record),
      sha,
    );
    c = { strata: built.record.strata, draw: built.draw };
  } catch (e) {
    if (e instanceof AllocationError || e instanceof SelectionError || e instanceof SamplerError) {
      return diff(`无法按记录的方案重算：${e.message}`);
    }
    throw e;
  }

  const recStrata = new Map(record.strata.map((s) => [s.key, s]));
  const newStrata = new Map(c.strata.map((s) => [s.key, s]));
  for (const s of c.strata) {
    const r = recStrata.get(s.key);
    if (!r) return diff(`重算得到层“${s.key}”（${s.size} 件），记录中没有这个层。`);
    if (r.size !== s.size) return diff(`层“${s.key}”的案卷数不同：记录 ${r.size} 件，重算 ${s.size} 件。`);
    if (r.sha256 !== s.sha256) {
      return diff(`层“${s.key}”的 SHA-256 不同：记录 ${r.sha256}，重算 ${s.sha256}（该层的案卷组成不同）。`);
    }
    if (r.quota !== s.quota) return diff(`层“${s.key}”的名额不同：记录 ${r.quota} 件，重算 ${s.quota} 件。`);
    if (r.spares !== s.spares)
      return diff(`层“${s.key}”的备选数不同：记录 ${r.spares} 件，重算 ${s.spares} 件。`);
  }
  for (const r of record.strata) {
    if (!newStrata.has(r.key)) return diff(`记录中有层“${r.key}”（${r.size} 件），重算时没有这个层。`);
  }

  const digits = record.algorithm.digits;
  const cmpList = (label: string, rec: readonly DrawRecord['spares'][number][], now: readonly DrawPick[]) => {
    const n = Math.max(rec.length, now.length);
    for (let i = 0; i < n; i++) {
      const a = rec[i];
      const b = now[i];
      if (!a) return `${label}数量不同：记录 ${rec.length} 件，重算 ${now.length} 件（多出“${b!.itemId}”）。`;
      if (!b) return `${label}数量不同：记录 ${rec.length} 件，重算 ${now.length} 件（缺少“${a.itemId}”）。`;
      if (a.itemId !== b.itemId)
        return `第 ${i + 1} 个${label}不同：记录为“${a.itemId}”，重算为“${b.itemId}”。`;
      const o = pickOut(b, digits);
      for (const f of ['order', 'fullTicket', 'ticket', 'stratum'] as const) {
        if (a[f] !== o[f]) {
          return `第 ${i + 1} 个${label}“${a.itemId}”的 ${f} 不同：记录为 ${String(a[f])}，重算为 ${String(o[f])}。`;
        }
      }
    }
    return null;
  };
  const d1 = cmpList('被抽中案卷', record.drawn, c.draw.drawn);
  if (d1) return diff(d1);
  for (let i = 0; i < record.drawn.length; i++) {
    const a = record.drawn[i]!;
    const item = c.draw.population[c.draw.drawn[i]!.index]!;
    for (const f of ['caseNo', 'department', 'caseType'] as const) {
      if (a[f] !== item[f]) {
        return diff(
          `第 ${i + 1} 个被抽中案卷“${a.itemId}”的 ${f} 不同：记录为“${a[f]}”，台账为“${item[f]}”。`,
        );
      }
    }
  }
  const d2 = cmpList('备选案卷', record.spares, c.draw.spares);
  if (d2) return diff(d2);

  // Replay replacements and extras in their recorded sequence.
  const events = [
    ...record.replacements.map((r) => ({ seq: r.seq, kind: 'replace' as const, r })),
    ...record.extras.map((x) => ({ seq: x.seq, kind: 'more' as const, x })),
  ].sort((a, b) => a.seq - b.seq);
  let d = c.draw;
  for (const e of events) {
    try {
      if (e.kind === 'replace') {
        d = replayEvents(d, [{ kind: 'replace', itemId: e.r.itemId, reason: e.r.reason }]);
        const got = d.events[d.events.length - 1]!;
        if (got.kind === 'replace' && got.replacedBy !== e.r.replacedBy) {
          return diff(
            `第 ${e.seq} 项操作（替换“${e.r.itemId}”）不同：记录的替补为“${e.r.replacedBy}”，重算为“${got.replacedBy}”。`,
          );
        }
      } else {
        d = replayEvents(d, [{ kind: 'more', stratum: e.x.stratum, count: e.x.count, reason: e.x.reason }]);
        const got = d.events[d.events.length - 1]!;
        if (got.kind === 'more' && got.itemIds.join('\n') !== e.x.itemIds.join('\n')) {
          const found = got.itemIds.findIndex((id, i) => id !== e.x.itemIds[i]);
          const k = found < 0 ? got.itemIds.length : found;
          return diff(
            `第 ${e.seq} 项操作（层“${e.x.stratum}”追加 ${e.x.count} 件）不同：第 ${k + 1} 件记录为“${e.x.itemIds[k] ?? '（无）'}”，重算为“${got.itemIds[k] ?? '（无）'}”。`,
          );
        }
      }
    } catch (err) {
      if (err instanceof SelectionError) return diff(`第 ${e.seq} 项操作无法重放：${err.message}`);
      throw err;
    }
  }
  return { ok: true };
}
