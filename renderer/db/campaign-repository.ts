// Creates campaigns (评查活动) and is the only writer of draws and draw events. Campaigns are also
// written by panel-repository.ts (the standards a campaign uses, and their freeze) and package-repository.ts
// (the campaign an assignment package brings to a reviewer's installation), and removed by the demo
// removal and a backup restore. A draw is written once, with its audit entry, in one transaction;
// afterwards only events (replacements, draw-more) are appended, each with its own audit entry.
// Nothing ever updates or deletes a draw, except the demo removal and a restore replacing the store.
import { reviewedItemIds, type DrawRecord } from '@shared/draw/draw-record';
import type { PingchaDatabase } from './database';
import { appendAudit } from './audit-repository';
import { prepareCheckpoint } from './office-key-repository';
import type { CampaignRecord, DrawEventRow, DrawRow } from './workflow-records';
import './workflow-records';
import { randomId } from './random-id';
import { StoreError } from './store-error';

/** Thrown for a refused write; `message` is Chinese. The store is unchanged. */
export class CampaignWriteError extends StoreError {
  override name = 'CampaignWriteError';
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A campaign as the user fills it in: the CampaignRecord's scope fields, before the store dates it. */
export interface NewCampaign extends Pick<
  CampaignRecord,
  'name' | 'year' | 'periodFrom' | 'periodTo' | 'departments' | 'caseTypes' | 'createdBy'
> {
  isDemo?: boolean;
}

/** Chinese problems with a new campaign; empty when it can be saved. */
export function validateCampaign(c: NewCampaign): string[] {
  const errors: string[] = [];
  if (c.name.trim() === '') errors.push('请填写活动名称（例如“第十一次行政执法案卷评查”）。');
  if (c.name.trim().length > 80) errors.push('活动名称不能超过 80 个字。');
  if (!Number.isInteger(c.year) || c.year < 2000 || c.year > 2100) {
    errors.push(`年度“${String(c.year)}”无效：请填写四位年份，例如 2025。`);
  }
  for (const [label, d] of [
    ['结案日期起', c.periodFrom],
    ['结案日期止', c.periodTo],
  ] as const) {
    if (d !== null && !ISO_DATE.test(d))
      errors.push(`${label}“${d}”不是有效日期（应为 2025-01-01 这样的格式）。`);
  }
  if (c.periodFrom && c.periodTo && c.periodFrom > c.periodTo) {
    errors.push(`结案日期范围无效：起始日期 ${c.periodFrom} 晚于截止日期 ${c.periodTo}。`);
  }
  return errors;
}

export async function createCampaign(
  db: PingchaDatabase,
  input: NewCampaign,
  now = new Date(),
): Promise<CampaignRecord> {
  const errors = validateCampaign(input);
  if (errors.length) throw new CampaignWriteError(errors.join(''));
  const record: CampaignRecord = {
    id: randomId('cmp_'),
    name: input.name.trim(),
    year: input.year,
    periodFrom: input.periodFrom,
    periodTo: input.periodTo,
    departments: [...input.departments],
    caseTypes: [...input.caseTypes],
    createdAt: now.toISOString(),
    createdBy: input.createdBy,
    isDemo: input.isDemo ?? false,
    standards: [],
    standardsFrozenAt: null,
  };
  await db.transaction('rw', db.campaigns, db.auditLog, async () => {
    await db.campaigns.add(record);
    await appendAudit(db, {
      at: record.createdAt,
      actor: record.createdBy,
      action: 'campaign.create',
      objectType: 'campaign',
      objectId: record.id,
      summary: `创建评查活动“${record.name}”`,
      content: record,
    });
  });
  return record;
}

export interface CampaignScopeRules {
  /** Case type -> the date its period is judged by; closedDate entries are dropped (the default). */
  dateByType: Record<string, 'closedDate' | 'filedDate'>;
  excludeReviewedBefore: boolean;
}

/**
 * Sets how the draw population is cut (the date each case type is judged by, leaving out files
 * reviewed before), with its audit entry. Refused once the campaign has a draw: the drawn population
 * is fixed.
 */
export async function setCampaignScopeRules(
  db: PingchaDatabase,
  campaignId: string,
  rules: CampaignScopeRules,
  actor: string,
  now = new Date(),
): Promise<CampaignRecord> {
  const dateByType: Record<string, 'filedDate'> = {};
  for (const [type, which] of Object.entries(rules.dateByType)) {
    if (which !== 'closedDate' && which !== 'filedDate') {
      throw new CampaignWriteError(`案件类型“${type}”的期间判断日期无效。`);
    }
    if (which === 'filedDate') dateByType[type] = which;
  }
  return db.transaction('rw', db.campaigns, db.draws, db.auditLog, async () => {
    const c = await db.campaigns.get(campaignId);
    if (!c) throw new CampaignWriteError('找不到该评查活动，可能已被删除。');
    if ((await db.draws.where('campaignId').equals(campaignId).count()) > 0) {
      throw new CampaignWriteError('该评查活动已经抽取，总体已固定，不能再调整范围规则。');
    }
    const next: CampaignRecord = { ...c, dateByType, excludeReviewedBefore: rules.excludeReviewedBefore };
    await db.campaigns.put(next);
    const filed = Object.keys(dateByType);
    await appendAudit(db, {
      at: now.toISOString(),
      actor,
      action: 'campaign.scope',
      objectType: 'campaign',
      objectId: c.id,
      summary:
        `“${c.name}”抽取范围规则：` +
        (filed.length
          ? `${filed.join('、')}按立案/受理/检查日期判断期间，其余按结案/办结日期`
          : '各类型均按结案/办结日期判断期间') +
        (rules.excludeReviewedBefore ? '；排除以往评查活动已抽取的案卷' : ''),
      content: { dateByType, excludeReviewedBefore: rules.excludeReviewedBefore },
    });
    return next;
  });
}

/** Files reviewed in the draws of every other campaign (events folded in), and those campaigns' names. */
export async function itemIdsReviewedBefore(
  db: PingchaDatabase,
  campaignId: string,
): Promise<{ ids: string[]; campaigns: string[] }> {
  const ids = new Set<string>();
  const names: string[] = [];
  const draws = (await db.draws.toArray()).filter((d) => d.campaignId !== campaignId);
  for (const d of draws) {
    const rec = currentRecord(d, await listDrawEvents(db, d.id));
    for (const id of reviewedItemIds(rec)) ids.add(id);
    if (!names.includes(rec.campaign.name)) names.push(rec.campaign.name);
  }
  return { ids: [...ids], campaigns: names };
}

export async function listCampaigns(db: PingchaDatabase): Promise<CampaignRecord[]> {
  return (await db.campaigns.toArray()).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export async function getCampaign(db: PingchaDatabase, id: string): Promise<CampaignRecord | undefined> {
  return db.campaigns.get(id);
}

/** Draw ids of a campaign (keys only: a draw row holds every population id and is large). */
export async function drawIdsOfCampaign(db: PingchaDatabase, campaignId: string): Promise<string[]> {
  return db.draws.where('campaignId').equals(campaignId).primaryKeys();
}

/** The campaigns that have a draw (keys only). */
export async function drawnCampaignIds(db: PingchaDatabase): Promise<Set<string>> {
  return new Set(
    await db.draws
      .orderBy('campaignId')
      .uniqueKeys()
      .then((keys) => keys.map(String)),
  );
}

/** The whole draw, population ids included (export, verification, replay). Large: use in Workers. */
export async function getDraw(db: PingchaDatabase, drawId: string): Promise<DrawRow | undefined> {
  return db.transaction('r', db.draws, db.drawPopulations, async () => {
    const row = await db.draws.get(drawId);
    if (!row || !row.populationSeparate) return row;
    const pop = await db.drawPopulations.get(drawId);
    if (!pop) throw new CampaignWriteError('数据库中缺少该次抽取的总体清单，请从备份恢复。');
    const { populationSeparate: _separate, ...rest } = row;
    return {
      ...rest,
      record: { ...row.record, population: { ...row.record.population, ids: pop.ids } },
      ...(pop.populationStrata ? { populationStrata: pop.populationStrata } : {}),
    };
  });
}

/** The draw without its population ids: cheap enough for the UI thread. */
export async function getDrawSummary(db: PingchaDatabase, drawId: string): Promise<DrawRow | undefined> {
  return db.draws.get(drawId);
}

export async function listDrawEvents(db: PingchaDatabase, drawId: string): Promise<DrawEventRow[]> {
  return db.drawEvents.where('[drawId+seq]').between([drawId, 0], [drawId, Infinity]).toArray();
}

/** Small digest of a draw for the audit log (the record itself is too large to canonicalise there). */
function drawAuditContent(record: DrawRecord) {
  return {
    campaignId: record.campaign.id,
    seed: record.seed,
    drawnAt: record.drawnAt,
    operator: record.operator,
    witnesses: record.witnesses,
    algorithm: record.algorithm,
    populationSize: record.population.size,
    populationSha256: record.population.sha256,
    strata: record.strata.map((s) => ({ key: s.key, size: s.size, sha256: s.sha256, quota: s.quota })),
    drawn: record.drawn.map((p) => [p.itemId, p.ticket]),
    spares: record.spares.map((p) => [p.itemId, p.ticket]),
  };
}

/**
 * Stores a new draw with its 'draw.create' audit entry in one transaction. A campaign has at most
 * one draw: its seed and result are locked once made.
 */
export async function createDraw(
  db: PingchaDatabase,
  input: { record: DrawRecord; populationStrata?: Uint16Array | Uint32Array },
  now = new Date(),
): Promise<DrawRow> {
  const { record } = input;
  const row: DrawRow = {
    id: randomId('drw_'),
    campaignId: record.campaign.id,
    createdAt: now.toISOString(),
    record,
    ...(input.populationStrata ? { populationStrata: input.populationStrata } : {}),
  };
  // Stored split: the small row for pages, the population ids in their own record.
  const stored: DrawRow = {
    id: row.id,
    campaignId: row.campaignId,
    createdAt: row.createdAt,
    record: { ...record, population: { ...record.population, ids: [] } },
    populationSeparate: true,
  };
  await prepareCheckpoint(db);
  try {
    await db.transaction('rw', [db.campaigns, db.draws, db.drawPopulations, db.auditLog], async () => {
      const campaign = await db.campaigns.get(record.campaign.id);
      if (!campaign)
        throw new CampaignWriteError(`评查活动“${record.campaign.name}”不存在，无法保存抽取结果。`);
      const existing = await db.draws.where('campaignId').equals(campaign.id).count();
      if (existing > 0) {
        throw new CampaignWriteError(
          `评查活动“${campaign.name}”已经完成抽取；抽取结果和种子一经产生不可更改。`,
        );
      }
      await db.draws.add(stored);
      await db.drawPopulations.add({
        drawId: row.id,
        ids: record.population.ids,
        ...(input.populationStrata ? { populationStrata: input.populationStrata } : {}),
      });
      await appendAudit(db, {
        at: row.createdAt,
        actor: record.operator,
        action: 'draw.create',
        objectType: 'draw',
        objectId: row.id,
        summary:
          `“${campaign.name}”随机抽取：总体 ${record.population.size} 件，抽中 ${record.drawn.length} 件，备选 ${record.spares.length} 件，种子 ${record.seed}` +
          (record.purposive?.flagged
            ? `；台账体检发现层抽取 ${record.purposive.flagged.drawn.length} 件（线索 ${record.purposive.flagged.ids.length} 件，规则包 SHA-256 ${record.purposive.rulePack.sha256}）`
            : ''),
        content: {
          ...drawAuditContent(record),
          ...(record.purposive
            ? {
                rulePackSha256: record.purposive.rulePack.sha256,
                registrySha256: record.purposive.rulePack.registrySha256,
                purposive: [
                  ...(record.purposive.flagged?.drawn.map((p) => p.itemId) ?? []),
                  ...record.purposive.named.map((n) => n.itemId),
                ],
              }
            : {}),
        },
        records: [{ table: 'draws', key: stored.id, row: stored, campaignId: stored.campaignId }],
      });
    });
  } catch (e) {
    if (e instanceof CampaignWriteError) throw e;
    throw new CampaignWriteError(
      `保存抽取结果失败，数据库未作任何更改：${(e as Error)?.message ?? String(e)}`,
      {
        cause: e,
      },
    );
  }
  return row;
}

export type DrawEventPayload =
  | { kind: 'replace'; payload: DrawRecord['replacements'][number] }
  | { kind: 'more'; payload: DrawRecord['extras'][number] };

/**
 * Appends a replacement or draw-more event (with its audit entry) in one transaction. `expectedSeq`
 * must be the next sequence number: a concurrent change elsewhere makes the write fail unchanged.
 */
export async function appendDrawEvent(
  db: PingchaDatabase,
  drawId: string,
  event: DrawEventPayload,
): Promise<DrawEventRow> {
  const p = event.payload;
  const row: DrawEventRow = {
    id: `${drawId}|${p.seq}`,
    drawId,
    seq: p.seq,
    at: p.at,
    by: p.by,
    kind: event.kind,
    payload: p,
  };
  try {
    await db.transaction('rw', [db.draws, db.drawEvents, db.auditLog], async () => {
      const draw = await db.draws.get(drawId);
      if (!draw) throw new CampaignWriteError('抽取结果不存在，无法记录替换或追加。');
      const count = await db.drawEvents.where('drawId').equals(drawId).count();
      if (count + 1 !== p.seq) {
        throw new CampaignWriteError(
          `抽取记录已被其他窗口修改（应为第 ${count + 1} 项操作，收到第 ${p.seq} 项），请刷新后重试。`,
        );
      }
      await db.drawEvents.add(row);
      await appendAudit(db, {
        at: p.at,
        actor: p.by,
        action: event.kind === 'replace' ? 'draw.replace' : 'draw.more',
        objectType: 'draw',
        objectId: drawId,
        summary:
          event.kind === 'replace'
            ? `替换案卷“${event.payload.itemId}”为备选“${event.payload.replacedBy}”（${event.payload.stratum}）：${event.payload.reason}`
            : `层“${event.payload.stratum}”追加抽取 ${event.payload.count} 件：${event.payload.reason}`,
        content: p,
        records: [{ table: 'drawEvents', key: row.id, row, campaignId: draw.campaignId }],
      });
    });
  } catch (e) {
    if (e instanceof CampaignWriteError) throw e;
    throw new CampaignWriteError(`保存操作失败，数据库未作任何更改：${(e as Error)?.message ?? String(e)}`, {
      cause: e,
    });
  }
  return row;
}

/** The record as it stands now: the stored draw with its events folded in (for export and verification). */
export function currentRecord(draw: DrawRow, events: readonly DrawEventRow[]): DrawRecord {
  return { ...draw.record, ...recordChanges(events) };
}

/** Draw events as the record's replacements and extras, in `seq` order. */
export function recordChanges(events: readonly DrawEventRow[]): Pick<DrawRecord, 'replacements' | 'extras'> {
  const sorted = [...events].sort((a, b) => a.seq - b.seq);
  return {
    replacements: sorted
      .filter((e) => e.kind === 'replace')
      .map((e) => e.payload as DrawRecord['replacements'][number]),
    extras: sorted.filter((e) => e.kind === 'more').map((e) => e.payload as DrawRecord['extras'][number]),
  };
}
