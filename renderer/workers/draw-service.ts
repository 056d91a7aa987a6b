// The draw behind the worker: load the ledgers, build the population of a campaign, run the
// stratified draw (shared/draw), store it immutably, and serve views, replacements, draw-more,
// exports and verification. Runs in the draw worker in the app, in-process in the UI tests.
//
// Speed: the only costly steps for 500,000 ids are hashing the population (~15 MB of text) and
// sorting it. The population is sorted once by code point; its SHA-256s are computed with WebCrypto
// (async, native) ahead of the synchronous shared code, which receives them through a memo and
// computes every other hash itself. The result is bit-identical to the portable hash.
import { sha256Hex, type Sha256Hex } from '@shared/crypto/sha256';
import {
  codePointOrder,
  compareCodePoints,
  isCodePointOrder,
  mergeCodePointOrders,
  sortByCodePoint,
  type MergedOrder,
} from '@shared/draw/code-point';
import {
  DrawRecordError,
  applyScopeFilter,
  buildDrawRecord,
  preparePopulation,
  parseDrawRecord,
  recordDrawMore,
  recordReplacement,
  serializeDrawRecord,
  verifyDrawRecord,
  type DrawCase,
  type DrawRecord,
  type DrawRecordSource,
  type DrawScopeFilter,
  type PreparedPopulation,
  type StratifyBy,
} from '@shared/draw/draw-record';
import { AllocationError } from '@shared/draw/allocation';
import { scopeCounts, type ScopeCounts } from '@shared/draw/scope-exclusions';
import { SamplerError, trimTicket } from '@shared/draw/sampler';
import {
  SelectionError,
  replayEvents,
  selectStratified,
  stratumKey,
  type StratifiedDraw,
} from '@shared/draw/selection';
import { mappingToHeaderNames } from '@shared/ledger/header';
import type { PingchaDatabase } from '../db/database';
import {
  drawPurposive,
  PurposiveError,
  PURPOSIVE_STRATUM,
  purposiveVerifiedSentence,
  recordedPackProblem,
  verifyPurposivePart,
} from '@shared/draw/purposive';
import { rulePackDigest } from '@shared/rules/rule-pack';
import { currentRegistry, currentRulePack, loadRuleCensus } from '../db/rule-census-repository';
import type { ImportRecord } from '../db/schema';
import { listCommittedImports } from '../db/ledger-repository';
import {
  appendDrawEvent,
  createDraw,
  currentRecord,
  getCampaign,
  getDraw,
  itemIdsReviewedBefore,
  listDrawEvents,
} from '../db/campaign-repository';
import type { CampaignRecord, DrawEventRow, DrawRow } from '../db/workflow-records';
import type {
  DrawItemView,
  DrawProgress,
  DrawView,
  ExecuteRequest,
  PopulationCheck,
  PopulationSummary,
  StratumView,
  VerifyResult,
} from './draw-protocol';
import { yieldToEvents } from './yield-to-events';
import { throwIfCancelled } from '@shared/util/cancel';

/** A refused request; `message` is Chinese and can be shown as is. */
export class DrawServiceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DrawServiceError';
  }
}

type Case = DrawCase & { importNo: number; stratum: string };

interface ImportBlock {
  record: ImportRecord;
  itemId: string[];
  caseNo: string[];
  department: string[];
  caseType: string[];
  party: string[];
  closedDate: (string | null)[];
  filedDate: (string | null)[];
  /** The rows in code-point order of itemId (the stored hint when it checks out, else sorted here). */
  idOrder: Uint32Array;
}

function hex(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let out = '';
  for (const b of bytes) out += (b < 16 ? '0' : '') + b.toString(16);
  return out;
}

/** SHA-256s of large texts computed ahead (WebCrypto), served synchronously to the shared code. */
class ShaMemo {
  private readonly memo = new Map<string, string>();
  readonly sha: Sha256Hex = (text) =>
    (text.length >= 4096 ? this.memo.get(text) : undefined) ?? sha256Hex(text);

  async add(text: string): Promise<void> {
    if (text.length < 4096 || this.memo.has(text)) return;
    this.memo.set(text, await digestOfText(text));
  }
}

/** SHA-256 of a (large) text, natively (WebCrypto) where it can, else the portable hash. */
async function digestOfText(text: string): Promise<string> {
  try {
    const subtle = globalThis.crypto?.subtle;
    if (subtle) return hex(await subtle.digest('SHA-256', new TextEncoder().encode(text) as BufferSource));
  } catch {
    // e.g. a test environment whose TextEncoder and WebCrypto come from different realms
  }
  return sha256Hex(text);
}

/**
 * Refuses a population (in code-point order of item ids) holding an id twice, with a Chinese message
 * naming the files it comes from; equal ids are neighbours in that order.
 */
function assertDistinctSorted<T extends DrawCase>(sorted: readonly T[], describe: (c: T) => string): void {
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.itemId === sorted[i - 1]!.itemId) {
      const id = sorted[i]!.itemId;
      const same = sorted.filter((c) => c.itemId === id);
      throw new DrawServiceError(
        `总体中案卷“${id}”出现了不止一次（${same.map(describe).join('、')}）。` +
          '抽样要求每件案卷唯一：请在“执法台账 → 导入记录”中删除重复导入的文件后再抽取。',
      );
    }
  }
}

/** Each stratum's item ids, in the population's order. */
function stratumIds(sorted: readonly Case[]): Map<string, string[]> {
  const lists = new Map<string, string[]>();
  for (const c of sorted) {
    let list = lists.get(c.stratum);
    if (!list) lists.set(c.stratum, (list = []));
    list.push(c.itemId);
  }
  return lists;
}

/**
 * The SHA-256s the record gives a code-point-sorted population (its ids joined by "\n": all of
 * them, and each stratum's), computed natively ahead of the synchronous shared record builder.
 */
async function populationDigests(
  sorted: readonly Case[],
): Promise<{ population: string; strata: Map<string, string> }> {
  const strata = new Map<string, string>();
  for (const [key, ids] of stratumIds(sorted)) strata.set(key, await digestOfText(ids.join('\n')));
  return { population: await digestOfText(sorted.map((c) => c.itemId).join('\n')), strata };
}

/**
 * The draw record's scope filter of a campaign. The optional rules appear only when the campaign uses
 * them (a campaign without them gives the same filter, and record, as before they existed).
 * `reviewedBefore`: files reviewed in other campaigns (itemIdsReviewedBefore), used when the campaign
 * leaves them out.
 */
export function scopeFilterOf(
  c: CampaignRecord,
  reviewedBefore?: { ids: readonly string[]; campaigns: readonly string[] },
): DrawScopeFilter {
  const filter: DrawScopeFilter = {
    departments: c.departments.length ? [...c.departments] : null,
    caseTypes: c.caseTypes.length ? [...c.caseTypes] : null,
    closedFrom: c.periodFrom,
    closedTo: c.periodTo,
  };
  const filed = Object.keys(c.dateByType ?? {}).filter((t) => c.dateByType![t] === 'filedDate');
  if (filed.length > 0) {
    filter.dateByType = Object.fromEntries(sortByCodePoint(filed).map((t) => [t, 'filedDate' as const]));
  }
  if (c.excludeReviewedBefore && reviewedBefore) {
    filter.excludeItemIds = sortByCodePoint(reviewedBefore.ids);
    filter.excludeReason = reviewedBefore.campaigns.length
      ? `以往评查活动已抽取评查的案卷：${reviewedBefore.campaigns.map((n) => `“${n}”`).join('、')}`
      : '以往评查活动已抽取评查的案卷（无）';
  }
  return filter;
}

export function sourceOf(r: ImportRecord): DrawRecordSource {
  return {
    fileName: r.fileName,
    sha256: r.sha256,
    sheet: r.sheetName,
    headerRow: r.headerRow,
    mapping: mappingToHeaderNames(r.mapping, r.headers),
    defaultDepartment: r.defaultDepartment,
    defaultCaseType: r.defaultCaseType,
    encoding: r.encoding,
    ...(r.departmentMap && Object.keys(r.departmentMap).length > 0 ? { departmentMap: r.departmentMap } : {}),
    ...(r.cellEdits && r.cellEdits.length > 0 ? { cellEdits: r.cellEdits } : {}),
  };
}

interface Prepared {
  key: string;
  filter: DrawScopeFilter;
  /** The population in code-point order of item ids (the order of record.population.ids). */
  population: Case[];
  /** The same with each file's stratum and the SHA-256s, as the shared record builder takes them. */
  prepared: PreparedPopulation<Case>;
  summary: PopulationSummary;
}

interface LiveDraw {
  row: DrawRow;
  events: DrawEventRow[];
  record: DrawRecord;
  draw: StratifiedDraw<DrawCase & { stratum: string }>;
}

export class DrawService {
  private blocks = new Map<string, ImportBlock>();
  private order: string[] = [];
  private key = '';
  /** Every stored row in code-point order of item ids, merged from the imports' own orders. */
  private merged: MergedOrder = { list: new Uint32Array(0), row: new Uint32Array(0) };
  private live = new Map<string, LiveDraw>();

  constructor(
    private readonly db: PingchaDatabase,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Brings the in-memory ledgers in step with the committed imports (only new imports are read). */
  async prepare(onProgress?: (p: DrawProgress) => void): Promise<number> {
    const imports = await listCommittedImports(this.db);
    const key = imports.map((r) => `${r.id}@${r.committedAt ?? ''}`).join(',');
    if (key !== this.key) {
      const wanted = new Set(imports.map((r) => r.id));
      for (const id of [...this.blocks.keys()]) if (!wanted.has(id)) this.blocks.delete(id);
      const added = imports.filter((r) => !this.blocks.has(r.id));
      const total = added.reduce((a, r) => a + r.counts.imported, 0);
      let done = 0;
      for (const r of added) {
        const block: ImportBlock = {
          record: r,
          itemId: [],
          caseNo: [],
          department: [],
          caseType: [],
          party: [],
          closedDate: [],
          filedDate: [],
          idOrder: new Uint32Array(0),
        };
        // Read directly (one query per import): the chunks are only read here, never written.
        const chunks = await this.db.caseChunks.where('importId').equals(r.id).sortBy('seq');
        for (const cols of chunks) {
          for (const name of [
            'itemId',
            'caseNo',
            'department',
            'caseType',
            'party',
            'closedDate',
            'filedDate',
          ] as const) {
            const target = block[name] as unknown[];
            for (const v of cols[name]) target.push(v);
          }
          done += cols.itemId.length;
        }
        const hint = chunks[0]?.idOrder;
        block.idOrder = hint && isCodePointOrder(block.itemId, hint) ? hint : codePointOrder(block.itemId);
        onProgress?.({ phase: 'load', text: '正在读取台账', done, total });
        this.blocks.set(r.id, block);
      }
      this.order = imports.map((r) => r.id);
      this.merged = mergeCodePointOrders(
        this.order.map((id) => ({ ids: this.blocks.get(id)!.itemId, order: this.blocks.get(id)!.idOrder })),
      );
      this.key = key;
    }
    return this.merged.row.length;
  }

  /**
   * Case files of the stored ledgers matching the filter (shared applyScopeFilter semantics), in
   * code-point order of item ids (the order of a draw record's population), equal ids in import order.
   */
  private population(filter: DrawScopeFilter, by: StratifyBy): Case[] {
    const byType = by === 'department×caseType';
    const blocks = this.order.map((id) => this.blocks.get(id)!);
    const { list, row } = this.merged;
    const all: Case[] = new Array<Case>(row.length);
    for (let k = 0; k < row.length; k++) {
      const importNo = list[k]!;
      const b = blocks[importNo]!;
      const i = row[k]!;
      all[k] = {
        itemId: b.itemId[i]!,
        caseNo: b.caseNo[i]!,
        department: b.department[i]!,
        caseType: b.caseType[i]!,
        closedDate: b.closedDate[i] ?? null,
        filedDate: b.filedDate[i] ?? null,
        importNo,
        stratum: stratumKey(b.department[i]!, b.caseType[i]!, byType),
      };
    }
    return applyScopeFilter(all, filter);
  }

  private describeCase = (c: Case): string => {
    const r = this.blocks.get(this.order[c.importNo]!)!.record;
    return `“${r.fileName}”`;
  };

  /** The stored file of an item id (the first import holding it): a binary search of the merged order. */
  private details(
    itemId: string,
  ): { caseNo: string; department: string; caseType: string; party: string } | null {
    const { list, row } = this.merged;
    const idAt = (k: number) => this.blocks.get(this.order[list[k]!]!)!.itemId[row[k]!]!;
    let lo = 0;
    let hi = row.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareCodePoints(idAt(mid), itemId) < 0) lo = mid + 1;
      else hi = mid;
    }
    if (lo === row.length || idAt(lo) !== itemId) return null;
    const b = this.blocks.get(this.order[list[lo]!]!)!;
    const i = row[lo]!;
    return {
      caseNo: b.caseNo[i]!,
      department: b.department[i]!,
      caseType: b.caseType[i]!,
      party: b.party[i]!,
    };
  }

  private prepared: Prepared | null = null;

  /**
   * The campaign's population, sorted by code point, with its SHA-256s (total and per stratum).
   * Cached: the planner asks for it before the seed is known, so the draw itself only orders tickets.
   */
  private async populationOf(
    campaign: CampaignRecord,
    by: StratifyBy,
    onProgress?: (p: DrawProgress) => void,
  ): Promise<Prepared> {
    await this.prepare(onProgress);
    const filter = scopeFilterOf(
      campaign,
      campaign.excludeReviewedBefore ? await itemIdsReviewedBefore(this.db, campaign.id) : undefined,
    );
    const key = JSON.stringify([this.key, filter, by]);
    if (this.prepared?.key === key) return this.prepared;
    const population = this.population(filter, by);
    assertDistinctSorted(population, this.describeCase);
    if (population.length === 0) {
      throw new DrawServiceError(
        '该评查活动的范围内没有案卷：请先导入台账，或调整活动的部门、案件类型和结案日期范围。',
      );
    }
    const prepared = preparePopulation(population, by, sha256Hex, {
      sorted: true,
      withStrata: true,
      digests: await populationDigests(population),
    });
    const summary: PopulationSummary = {
      size: population.length,
      sha256: prepared.sha256,
      strata: prepared.strata,
    };
    this.prepared = { key, filter, population, prepared, summary };
    return this.prepared;
  }

  private scopeCountsMemo: { key: string; counts: ScopeCounts } | null = null;

  /**
   * The planner's scope notes' counts for a campaign: every stored file by department, case type and
   * dates, and apart the files reviewed in other campaigns; one pass here, so the page never walks
   * the rows (the notes then add a few thousand numbers whatever the number of files).
   */
  async scopeCounts(campaignId: string): Promise<ScopeCounts> {
    await this.prepare();
    const before = await itemIdsReviewedBefore(this.db, campaignId);
    const key = JSON.stringify([this.key, sortByCodePoint(before.ids)]);
    if (this.scopeCountsMemo?.key !== key) {
      const columns = this.order.map((id) => this.blocks.get(id)!);
      this.scopeCountsMemo = {
        key,
        counts: scopeCounts(columns, before.ids.length > 0 ? new Set(before.ids) : undefined),
      };
    }
    return this.scopeCountsMemo.counts;
  }

  /** Fixes and hashes the population of a campaign ahead of the draw (it does not depend on the seed). */
  async preparePopulation(campaignId: string, by: StratifyBy): Promise<PopulationSummary> {
    const campaign = await getCampaign(this.db, campaignId);
    if (!campaign) throw new DrawServiceError('找不到该评查活动，可能已被删除。');
    return (await this.populationOf(campaign, by)).summary;
  }

  /** The draw; an aborted `signal` stops it before anything is stored (checked between its steps). */
  async execute(
    req: ExecuteRequest,
    onProgress?: (p: DrawProgress) => void,
    signal?: AbortSignal,
  ): Promise<DrawView> {
    const check = async () => {
      await yieldToEvents();
      throwIfCancelled(signal, '已取消抽取，数据库未作任何更改。');
    };
    const campaign = await getCampaign(this.db, req.campaignId);
    if (!campaign) throw new DrawServiceError('找不到该评查活动，可能已被删除。');
    if (!/^\d+$/.test(req.seed)) throw new DrawServiceError('种子只能由数字组成。');
    onProgress?.({ phase: 'compute', text: '正在确定总体并计算 SHA-256', done: 0, total: 3 });
    const { population, prepared, filter } = await this.populationOf(
      campaign,
      req.plan.stratifyBy,
      onProgress,
    );
    await check();
    onProgress?.({ phase: 'compute', text: '正在按签号排序并抽取', done: 1, total: 3 });
    const usedImports = new Set<number>();
    for (const c of population) usedImports.add(c.importNo);
    const sources = this.order
      .map((id, i) => (usedImports.has(i) ? sourceOf(this.blocks.get(id)!.record) : null))
      .filter((s): s is DrawRecordSource => s !== null);
    let made: { record: DrawRecord; draw: StratifiedDraw<DrawCase & { stratum: string }> };
    try {
      made = buildDrawRecord(prepared, {
        campaign: {
          id: campaign.id,
          name: campaign.name,
          year: campaign.year,
          period: { from: campaign.periodFrom, to: campaign.periodTo },
          scope: { departments: campaign.departments, caseTypes: campaign.caseTypes },
        },
        drawnAt: this.now().toISOString(),
        operator: req.operator,
        witnesses: req.witnesses,
        seed: req.seed,
        stratifyBy: req.plan.stratifyBy,
        filter,
        sources,
        total: req.plan.total,
        minimum: req.plan.minimum,
        sparesPerStratum: req.plan.sparesPerStratum,
      });
    } catch (e) {
      if (e instanceof AllocationError || e instanceof SelectionError || e instanceof SamplerError) {
        throw new DrawServiceError(e.message);
      }
      throw e;
    }
    if (req.purposive && (req.purposive.quota > 0 || (req.purposive.named?.length ?? 0) > 0))
      made.record = await this.withPurposive(made.record, req.purposive);
    await check();
    onProgress?.({ phase: 'save', text: '正在保存抽取结果', done: 2, total: 3 });
    const strataIndex = new Map(made.record.strata.map((s, i) => [s.key, i]));
    // population is in code-point order, the same order as record.population.ids.
    const populationStrata =
      made.record.strata.length < 65536
        ? new Uint16Array(population.length)
        : new Uint32Array(population.length);
    population.forEach((c, i) => {
      populationStrata[i] = strataIndex.get(c.stratum)!; // the plan's stratification, as prepared
    });
    const row = await createDraw(this.db, { record: made.record, populationStrata }, this.now());
    this.live.set(row.id, { row, events: [], record: made.record, draw: made.draw });
    return this.viewOf(this.live.get(row.id)!);
  }

  /**
   * Adds the 台账体检发现 stratum (the census stored for every ledger must be the current pack's and registry's,
   * else the draw is refused, nothing written) and the 定向抽取 files with their reasons to a new draw.
   */
  private async withPurposive(
    record: DrawRecord,
    req: NonNullable<ExecuteRequest['purposive']>,
  ): Promise<DrawRecord> {
    const stratum = req.quota > 0;
    if (stratum && req.ruleIds.length === 0) throw new DrawServiceError('请至少选择一条台账体检规则。');
    const pack = await currentRulePack(this.db);
    const sha = rulePackDigest(pack);
    const registry = await currentRegistry(this.db);
    const census = new Map((await loadRuleCensus(this.db)).map((c) => [c.importId, c]));
    const wanted = new Set(req.ruleIds);
    const flaggedIds: string[] = [];
    for (const imp of stratum ? await listCommittedImports(this.db) : []) {
      const c = census.get(imp.id);
      if (!c || c.packSha256 !== sha || c.registrySha256 !== registry.sha256)
        throw new DrawServiceError(
          `台账“${imp.fileName}”尚未按当前规则包和执法人员名录完成台账体检，请先到“执法台账 → 台账体检”点击“立即体检”。`,
        );
      c.flagItemId.forEach((id, k) => {
        if (wanted.has(c.ruleIds[c.flagRule[k]!]!)) flaggedIds.push(id);
      });
    }
    try {
      const purposive = drawPurposive({
        seed: record.seed,
        digits: record.algorithm.digits,
        rulePack: { id: pack.id, version: pack.version, sha256: sha, pack, registrySha256: registry.sha256 },
        ...(stratum ? { flagged: { ruleIds: [...req.ruleIds], flaggedIds, quota: req.quota } } : {}),
        randomIds: new Set([...record.drawn, ...record.spares].map((p) => p.itemId)),
        scopeIds: new Set(record.population.ids),
        named: (req.named ?? []).map((n) => {
          const d = this.details(n.itemId);
          return {
            itemId: n.itemId,
            caseNo: d?.caseNo ?? n.itemId,
            department: d?.department ?? '',
            caseType: d?.caseType ?? '',
            reason: n.reason,
          };
        }),
      });
      return { ...record, purposive };
    } catch (e) {
      if (e instanceof PurposiveError) throw new DrawServiceError(e.message);
      throw e;
    }
  }

  private async liveDraw(drawId: string): Promise<LiveDraw> {
    const events = await listDrawEvents(this.db, drawId);
    const cached = this.live.get(drawId);
    if (cached && cached.events.length === events.length) return cached;
    const row = await getDraw(this.db, drawId);
    if (!row) throw new DrawServiceError('找不到该抽取结果。');
    const rec = row.record;
    const strataOf = row.populationStrata;
    if (!strataOf || strataOf.length !== rec.population.ids.length) {
      throw new DrawServiceError('该抽取结果缺少各案卷所属层的信息，无法重建。');
    }
    const items = rec.population.ids.map((id, i) => {
      const key = rec.strata[strataOf[i]!]!.key;
      const d = this.details(id);
      return {
        itemId: id,
        stratum: key,
        caseNo: d?.caseNo ?? '',
        department: d?.department ?? '',
        caseType: d?.caseType ?? '',
      };
    });
    let draw = selectStratified(
      items,
      rec.seed,
      rec.strata.map((s) => ({ key: s.key, quota: s.quota })),
      rec.allocation.sparesPerStratum,
    );
    const record = currentRecord(row, events);
    draw = replayEvents(
      draw,
      events.map((e) =>
        e.kind === 'replace'
          ? {
              kind: 'replace' as const,
              itemId: (e.payload as DrawRecord['replacements'][number]).itemId,
              reason: (e.payload as DrawRecord['replacements'][number]).reason,
            }
          : {
              kind: 'more' as const,
              stratum: (e.payload as DrawRecord['extras'][number]).stratum,
              count: (e.payload as DrawRecord['extras'][number]).count,
              reason: (e.payload as DrawRecord['extras'][number]).reason,
            },
      ),
    );
    const live = { row, events, record, draw };
    this.live.set(drawId, live);
    return live;
  }

  private viewOf(live: LiveDraw): DrawView {
    const { record, draw, row } = live;
    const recordedDrawn = new Map(record.drawn.map((p) => [p.itemId, p]));
    const replacedBy = new Map(record.replacements.map((r) => [r.itemId, r]));
    const replacements = new Set(record.replacements.map((r) => r.replacedBy));
    const extras = new Set(record.extras.flatMap((x) => x.itemIds));
    const digits = record.algorithm.digits;
    const pick = (
      p: { rank: number; ticket: string; itemId: string; stratum: string },
      status: DrawItemView['status'],
    ) => {
      const d = this.details(p.itemId);
      const rec = recordedDrawn.get(p.itemId);
      const [dept, no] = p.itemId.includes('|')
        ? [p.itemId.split('|')[0]!, p.itemId.slice(p.itemId.indexOf('|') + 1)]
        : ['', p.itemId];
      const view: DrawItemView = {
        order: p.rank,
        ticket: trimTicket(p.ticket, digits),
        itemId: p.itemId,
        stratum: p.stratum,
        caseNo: d?.caseNo ?? rec?.caseNo ?? no,
        department: d?.department ?? rec?.department ?? dept,
        caseType: d?.caseType ?? rec?.caseType ?? '',
        party: d?.party ?? '',
        status,
      };
      const r = replacedBy.get(p.itemId);
      if (r) {
        view.replacedBy = r.replacedBy;
        view.reason = r.reason;
      }
      return view;
    };
    const drawn = draw.drawn.map((p) =>
      pick(p, replacements.has(p.itemId) ? 'replacement' : extras.has(p.itemId) ? 'extra' : 'drawn'),
    );
    const spares = draw.spares.map((p) => pick(p, 'spare'));
    const allPicks = new Map<string, (typeof draw.drawn)[number]>();
    for (const list of draw.lists.values()) for (const p of list) allPicks.set(p.itemId, p);
    const replaced = record.replacements.map((r) => pick(allPicks.get(r.itemId)!, 'replaced'));
    const drawnCount = new Map<string, number>();
    for (const p of draw.drawn) drawnCount.set(p.stratum, (drawnCount.get(p.stratum) ?? 0) + 1);
    const recStrata = new Map(record.strata.map((s) => [s.key, s]));
    const strata: StratumView[] = draw.strata.map((s) => {
      const r = recStrata.get(s.key)!;
      return {
        key: s.key,
        size: s.size,
        share: r.share,
        quota: s.quota,
        reason: r.reason,
        sha256: r.sha256,
        extra: s.extra,
        drawnNow: drawnCount.get(s.key) ?? 0,
        sparesLeft: s.sparesLeft,
        remaining: s.size - s.next,
      };
    });
    return {
      drawId: row.id,
      campaignId: row.campaignId,
      createdAt: row.createdAt,
      record: { ...record, population: { ...record.population, ids: [] } },
      strata,
      drawn,
      spares,
      replaced,
    };
  }

  async view(drawId: string): Promise<DrawView> {
    await this.prepare();
    return this.viewOf(await this.liveDraw(drawId));
  }

  async replace(drawId: string, itemId: string, reason: string, by: string): Promise<DrawView> {
    if (reason.trim() === '')
      throw new DrawServiceError('请填写替换原因（例如：案卷已移送司法机关，无法调取）。');
    await this.prepare();
    const live = await this.liveDraw(drawId);
    let next: ReturnType<typeof recordReplacement>;
    try {
      next = recordReplacement(live.record, live.draw, itemId, reason.trim(), this.now().toISOString(), by);
    } catch (e) {
      if (e instanceof SelectionError) throw new DrawServiceError(e.message);
      throw e;
    }
    const payload = next.record.replacements[next.record.replacements.length - 1]!;
    const event = await appendDrawEvent(this.db, drawId, { kind: 'replace', payload });
    const updated = { ...live, record: next.record, draw: next.draw, events: [...live.events, event] };
    this.live.set(drawId, updated);
    return this.viewOf(updated);
  }

  async more(drawId: string, stratum: string, count: number, reason: string, by: string): Promise<DrawView> {
    if (reason.trim() === '') throw new DrawServiceError('请填写追加抽取的原因。');
    await this.prepare();
    const live = await this.liveDraw(drawId);
    let next: ReturnType<typeof recordDrawMore>;
    try {
      next = recordDrawMore(
        live.record,
        live.draw,
        stratum,
        count,
        reason.trim(),
        this.now().toISOString(),
        by,
      );
    } catch (e) {
      if (e instanceof SelectionError) throw new DrawServiceError(e.message);
      throw e;
    }
    const payload = next.record.extras[next.record.extras.length - 1]!;
    const event = await appendDrawEvent(this.db, drawId, { kind: 'more', payload });
    const updated = { ...live, record: next.record, draw: next.draw, events: [...live.events, event] };
    this.live.set(drawId, updated);
    return this.viewOf(updated);
  }

  /** Does the draw's population still match the stored ledgers (same scope, same ids)? */
  async checkPopulation(drawId: string): Promise<PopulationCheck> {
    await this.prepare();
    const row = await getDraw(this.db, drawId);
    if (!row) throw new DrawServiceError('找不到该抽取结果。');
    const rec = row.record;
    const pop = this.population(rec.filter, rec.stratification.by);
    const ids = sortByCodePoint(pop.map((c) => c.itemId));
    const memo = new ShaMemo();
    const text = ids.join('\n');
    await memo.add(text);
    const currentSha256 = memo.sha(text);
    const base = {
      recordSize: rec.population.size,
      recordSha256: rec.population.sha256,
      currentSize: ids.length,
      currentSha256,
    };
    if (currentSha256 === rec.population.sha256) return { ...base, matches: true, detail: '' };
    const now = new Set(ids);
    const was = new Set(rec.population.ids);
    const gone = rec.population.ids.filter((id) => !now.has(id));
    const added = ids.filter((id) => !was.has(id));
    const some = (list: string[]) =>
      list
        .slice(0, 3)
        .map((x) => `“${x}”`)
        .join('、') + (list.length > 3 ? ` 等 ${list.length} 件` : '');
    const parts = [
      `抽取时总体 ${rec.population.size} 件（SHA-256 ${rec.population.sha256.slice(0, 16)}…），现有台账按同一范围为 ${ids.length} 件（SHA-256 ${currentSha256.slice(0, 16)}…）`,
    ];
    if (gone.length) parts.push(`台账中已没有：${some(gone)}`);
    if (added.length) parts.push(`台账中新出现：${some(added)}`);
    return { ...base, matches: false, detail: parts.join('；') + '。' };
  }

  async exportRecord(drawId: string): Promise<Uint8Array> {
    const row = await getDraw(this.db, drawId);
    if (!row) throw new DrawServiceError('找不到该抽取结果。');
    const events = await listDrawEvents(this.db, drawId);
    return new TextEncoder().encode(serializeDrawRecord(currentRecord(row, events)));
  }

  /** Checks a draw record (JSON text) against the stored ledgers. */
  async verify(text: string, onProgress?: (p: DrawProgress) => void): Promise<VerifyResult> {
    let record: DrawRecord;
    try {
      record = parseDrawRecord(text);
    } catch (e) {
      if (e instanceof DrawRecordError) return { ok: false, unreadable: true, message: e.message };
      throw e;
    }
    const who = { campaign: record.campaign.name, drawnAt: record.drawnAt };
    await this.prepare(onProgress);
    onProgress?.({ phase: 'compute', text: '正在按记录重新计算', done: 0, total: 1 });
    let population: Case[];
    try {
      population = this.population(record.filter, record.stratification.by);
      assertDistinctSorted(population, this.describeCase);
    } catch (e) {
      if (e instanceof DrawServiceError) return { ok: false, unreadable: false, message: e.message, ...who };
      throw e;
    }
    const memo = new ShaMemo();
    await memo.add(record.population.ids.join('\n'));
    await memo.add(population.map((c) => c.itemId).join('\n'));
    for (const ids of stratumIds(population).values()) await memo.add(ids.join('\n'));
    const result = verifyDrawRecord(record, population, memo.sha);
    if (!result.ok) return { ok: false, unreadable: false, message: result.firstDifference, ...who };
    const purposiveProblem = await this.verifyPurposive(record, population);
    if (purposiveProblem) return { ok: false, unreadable: false, message: purposiveProblem, ...who };
    const events = record.replacements.length + record.extras.length;
    return {
      ok: true,
      ...who,
      summary:
        `总体 ${record.population.size} 件（SHA-256 ${record.population.sha256}），` +
        `抽中 ${record.drawn.length} 件，备选 ${record.spares.length} 件` +
        (events ? `，替换 ${record.replacements.length} 次、追加 ${record.extras.length} 次均可重现` : '') +
        '。' +
        (record.purposive ? purposiveVerifiedSentence(record.purposive) : ''),
    };
  }

  /**
   * Re-runs the record's 台账体检发现 stratum and 定向抽取 as `pingcha draw verify` does (the same shared
   * function), on the flags the stored census gives for the record's own pack and registry; null when they match.
   */
  private async verifyPurposive(record: DrawRecord, population: readonly Case[]): Promise<string | null> {
    const part = record.purposive;
    if (!part) return null;
    const packProblem = recordedPackProblem(part);
    if (packProblem) return packProblem;
    const flaggedIds: string[] = [];
    if (part.flagged) {
      const wanted = new Set(part.flagged.ruleIds);
      const census = new Map((await loadRuleCensus(this.db)).map((c) => [c.importId, c]));
      for (const imp of await listCommittedImports(this.db)) {
        const c = census.get(imp.id);
        if (!c || c.packSha256 !== part.rulePack.sha256 || c.registrySha256 !== part.rulePack.registrySha256)
          return (
            `台账“${imp.fileName}”的台账体检不是按抽取记录所附的规则包（SHA-256 ${part.rulePack.sha256}）和执法人员名录做的，` +
            `无法在本机重算“${PURPOSIVE_STRATUM}”层；请用命令行 pingcha draw verify 核验，或恢复抽取时的规则设置后点“立即体检”。`
          );
        c.flagItemId.forEach((id, k) => {
          if (wanted.has(c.ruleIds[c.flagRule[k]!]!)) flaggedIds.push(id);
        });
      }
    }
    return verifyPurposivePart(record, flaggedIds, new Set(population.map((c) => c.itemId)));
  }
}
