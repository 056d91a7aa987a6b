import { describe, expect, it } from 'vitest';
import { readAuditLog } from '../../renderer/db/audit-repository';
import {
  CampaignWriteError,
  appendDrawEvent,
  createCampaign,
  createDraw,
  currentRecord,
  getDraw,
  listCampaigns,
  listDrawEvents,
  validateCampaign,
  type NewCampaign,
} from '../../renderer/db/campaign-repository';
import { importCaseFiles, type NewImport } from '../../renderer/db/ledger-repository';
import { DrawService } from '../../renderer/workers/draw-service';
import type { DrawPlan } from '../../renderer/workers/draw-protocol';
import { verifyAuditChain } from '../../shared/audit/audit-chain';
import {
  applyScopeFilter,
  buildDrawRecord,
  computeDrawRecord,
  headerOf,
  parseDrawRecord,
  preparePopulation,
  serializeDrawRecord,
  verifyDrawRecord,
  type DrawRecord,
} from '../../shared/draw/draw-record';
import type { CaseFileRecord } from '../../shared/ledger/types';
import { freshDb, makeRecords, snapshot } from './helpers';

const SEED = '01382438112797316654';

const campaignInput = (over: Partial<NewCampaign> = {}): NewCampaign => ({
  name: '第十一次行政执法案卷评查',
  year: 2025,
  periodFrom: null,
  periodTo: null,
  departments: [],
  caseTypes: [],
  createdBy: '李明',
  ...over,
});

const meta = (fileName: string): NewImport => ({
  fileName,
  sheetName: 'Sheet1',
  sha256: fileName.length.toString(16).padStart(64, 'b'),
  fileSize: 100,
  encoding: null,
  headerRow: 0,
  headers: ['案件编号', '执法部门', '案件类型', '当事人', '结案日期'],
  mapping: {
    caseNo: 0,
    department: 1,
    caseType: 2,
    cause: null,
    party: 3,
    filedDate: null,
    closedDate: 4,
    amount: null,
    officer: null,
    certNo: null,
  },
  defaultDepartment: null,
  defaultCaseType: null,
  counts: { rowsRead: 0, errors: 0, warnings: 0, excluded: 0 },
});

async function seeded() {
  const db = freshDb();
  const a = makeRecords(60, '市场监督管理局', 'SJ');
  const b = makeRecords(25, '交通运输局', 'JT');
  const c = makeRecords(9, '城市管理综合执法局', 'CG');
  await importCaseFiles(db, meta('市场.xlsx'), a);
  await importCaseFiles(db, meta('交通.xlsx'), b);
  await importCaseFiles(db, meta('城管局.xlsx'), c);
  const campaign = await createCampaign(db, campaignInput());
  return { db, campaign, all: [...a, ...b, ...c] as CaseFileRecord[] };
}

/** The seeded store after one draw by 李明 with SEED, no witnesses: 10 by department, 1 minimum, 2 spares unless `plan` says otherwise. */
async function drawn(plan: Partial<DrawPlan> = {}) {
  const seededStore = await seeded();
  const service = new DrawService(seededStore.db);
  const view = await service.execute({
    campaignId: seededStore.campaign.id,
    plan: { total: 10, stratifyBy: 'department', minimum: 1, sparesPerStratum: 2, ...plan },
    seed: SEED,
    operator: '李明',
    witnesses: [],
  });
  return { ...seededStore, service, view };
}

describe('campaigns', () => {
  it('refuses a campaign without a name or with a reversed period, in Chinese', async () => {
    expect(validateCampaign(campaignInput({ name: ' ' }))[0]).toContain('活动名称');
    expect(
      validateCampaign(campaignInput({ periodFrom: '2025-12-01', periodTo: '2025-01-01' }))[0],
    ).toContain('起始日期 2025-12-01 晚于截止日期 2025-01-01');
    const db = freshDb();
    await expect(createCampaign(db, campaignInput({ year: 25 }))).rejects.toThrow('四位年份');
    expect(await listCampaigns(db)).toEqual([]);
    expect(await readAuditLog(db)).toEqual([]);
  });

  it('logs the creation of a campaign in the audit chain', async () => {
    const db = freshDb();
    const c = await createCampaign(db, campaignInput());
    const log = await readAuditLog(db);
    expect(log.map((e) => [e.action, e.objectId])).toEqual([['campaign.create', c.id]]);
    expect(log[0]!.summary).toContain(c.name);
  });
});

describe('draws', () => {
  it('stores the draw with its population and a draw.create audit entry, and only once', async () => {
    const { db, campaign, all } = await seeded();
    const service = new DrawService(db, () => new Date('2026-03-01T02:00:00Z'));
    const view = await service.execute({
      campaignId: campaign.id,
      plan: { total: 12, stratifyBy: 'department', minimum: 1, sparesPerStratum: 2 },
      seed: SEED,
      operator: '李明',
      witnesses: ['王芳', '赵强'],
    });
    expect(view.drawn).toHaveLength(12);
    expect(view.spares).toHaveLength(6);
    const row = (await getDraw(db, view.drawId))!;
    expect(row.record.population.ids).toHaveLength(all.length);
    expect(row.record.sources.map((s) => s.fileName).sort()).toEqual([
      '交通.xlsx',
      '城管局.xlsx',
      '市场.xlsx',
    ]);
    expect(row.record.sources[0]!.mapping.caseNo).toBe('案件编号');
    // The stored record is what the shared verifier recomputes from the same ledgers ...
    expect(verifyDrawRecord(row.record, applyScopeFilter(all, row.record.filter))).toEqual({ ok: true });
    expect(serializeDrawRecord(row.record)).toBe(
      serializeDrawRecord(
        computeDrawRecord({ ...headerOf(row.record), population: applyScopeFilter(all, row.record.filter) })
          .record,
      ),
    );
    // ... and exactly the record the shared computeDrawRecord builds (the service reuses the
    // population's sort and hashes made before the seed, and must not differ in any field).
    for (const [by, total] of [
      ['department', 12],
      ['department×caseType', 20],
    ] as const) {
      const input = {
        campaign: row.record.campaign,
        drawnAt: row.record.drawnAt,
        operator: '李明',
        witnesses: ['王芳'],
        seed: SEED,
        stratifyBy: by,
        filter: row.record.filter,
        sources: row.record.sources,
        total,
        minimum: 2,
        sparesPerStratum: 3,
      };
      const population = applyScopeFilter(all, row.record.filter).map((c) => ({ ...c, importNo: 0 }));
      const sorted = [...population].sort((a, b) => (a.itemId < b.itemId ? -1 : 1));
      // As the worker does: sorted (and checked) first, then prepared without sorting again.
      const fast = buildDrawRecord(preparePopulation(sorted, by, undefined, { sorted: true }), input);
      const reference = computeDrawRecord({ ...input, population: applyScopeFilter(all, row.record.filter) });
      expect(serializeDrawRecord(fast.record)).toBe(serializeDrawRecord(reference.record));
    }
    const audit = await readAuditLog(db);
    const entry = audit.find((e) => e.action === 'draw.create')!;
    expect(entry.objectId).toBe(view.drawId);
    expect(entry.actor).toBe('李明');
    expect(verifyAuditChain(audit).ok).toBe(true);

    // Seed locked: a second draw of the same campaign is refused and changes nothing.
    const before = await snapshot(db);
    await expect(
      service.execute({
        campaignId: campaign.id,
        plan: { total: 12, stratifyBy: 'department', minimum: 1, sparesPerStratum: 2 },
        seed: '999',
        operator: '李明',
        witnesses: [],
      }),
    ).rejects.toThrow('已经完成抽取');
    expect(await snapshot(db)).toEqual(before);
  });

  it('appends replacements and draw-more as events with audit entries; the draw row never changes', async () => {
    const { db, all, service, view } = await drawn();
    const original = structuredClone((await getDraw(db, view.drawId))!);
    const victim = view.drawn.find((d) => d.department === '交通运输局')!;
    const firstSpare = view.spares.find((s) => s.stratum === '交通运输局')!;
    const v2 = await service.replace(view.drawId, victim.itemId, '案卷已移送公安机关，无法调取', '李明');
    expect(v2.drawn.map((d) => d.itemId)).toContain(firstSpare.itemId);
    expect(v2.drawn.map((d) => d.itemId)).not.toContain(victim.itemId);
    expect(v2.replaced[0]).toMatchObject({ itemId: victim.itemId, replacedBy: firstSpare.itemId });

    const v3 = await service.more(view.drawId, '市场监督管理局', 2, '该部门案卷问题较多，追加抽查', '李明');
    expect(v3.drawn).toHaveLength(12);
    const events = await listDrawEvents(db, view.drawId);
    expect(events.map((e) => [e.seq, e.kind])).toEqual([
      [1, 'replace'],
      [2, 'more'],
    ]);
    expect((await getDraw(db, view.drawId))!).toEqual(original);
    const actions = (await readAuditLog(db)).map((e) => e.action);
    expect(actions.filter((a) => a.startsWith('draw.'))).toEqual([
      'draw.create',
      'draw.replace',
      'draw.more',
    ]);

    // The exported record replays to the same state; a fresh service rebuilds the same view.
    const exported = parseDrawRecord(new TextDecoder().decode(await service.exportRecord(view.drawId)));
    expect(exported.replacements).toHaveLength(1);
    expect(exported.extras[0]!.itemIds).toHaveLength(2);
    expect(verifyDrawRecord(exported, applyScopeFilter(all, exported.filter))).toEqual({ ok: true });
    const again = await new DrawService(db).view(view.drawId);
    expect(again.drawn.map((d) => d.itemId)).toEqual(v3.drawn.map((d) => d.itemId));
    expect(
      await service.verify(new TextDecoder().decode(await service.exportRecord(view.drawId))),
    ).toMatchObject({
      ok: true,
    });
  });

  it('a replacement without a reason, or with no spare left, is refused and the store is unchanged', async () => {
    const { db, service, view } = await drawn({ sparesPerStratum: 1 });
    const before = await snapshot(db);
    const [a, b] = view.drawn.filter((d) => d.department === '市场监督管理局');
    await expect(service.replace(view.drawId, a!.itemId, '  ', '李明')).rejects.toThrow('请填写替换原因');
    expect(await snapshot(db)).toEqual(before);
    await service.replace(view.drawId, a!.itemId, '无法调取', '李明');
    const mid = await snapshot(db);
    await expect(service.replace(view.drawId, b!.itemId, '无法调取', '李明')).rejects.toThrow(
      '备选案卷已用完',
    );
    expect(await snapshot(db)).toEqual(mid);
  });

  it('a failing write leaves the store unchanged (draw and event)', async () => {
    const { db, view } = await drawn();
    const row = (await getDraw(db, view.drawId))!;
    const before = await snapshot(db);
    // An event with the wrong sequence number (as if another window wrote first) is refused.
    const rec = currentRecord(row, []);
    await expect(
      appendDrawEvent(db, view.drawId, {
        kind: 'more',
        payload: {
          seq: 5,
          stratum: '交通运输局',
          count: 1,
          itemIds: ['x'],
          reason: 'r',
          at: 'now',
          by: '李明',
        },
      }),
    ).rejects.toThrow(CampaignWriteError);
    expect(await snapshot(db)).toEqual(before);
    // The audit log failing mid-transaction rolls the draw back too.
    const other = await createCampaign(db, campaignInput({ name: '另一活动' }));
    const before2 = await snapshot(db);
    const original = db.auditLog.add.bind(db.auditLog);
    db.auditLog.add = (() => Promise.reject(new Error('磁盘已满'))) as unknown as typeof db.auditLog.add;
    const record: DrawRecord = { ...rec, campaign: { ...rec.campaign, id: other.id, name: other.name } };
    await expect(createDraw(db, { record })).rejects.toThrow('数据库未作任何更改');
    db.auditLog.add = original;
    expect(await snapshot(db)).toEqual(before2);
  });

  it('flags a population that no longer matches the ledgers and names the missing case', async () => {
    const { db, service, view } = await drawn({ stratifyBy: 'department×caseType' });
    expect((await service.checkPopulation(view.drawId)).matches).toBe(true);
    const imp = (await db.imports.toArray()).find((r) => r.fileName === '城管局.xlsx')!;
    await db.transaction('rw', db.imports, db.caseChunks, db.rawChunks, async () => {
      await db.caseChunks.where('importId').equals(imp.id).delete();
      await db.rawChunks.where('importId').equals(imp.id).delete();
      await db.imports.delete(imp.id);
    });
    const check = await service.checkPopulation(view.drawId);
    expect(check.matches).toBe(false);
    expect(check.currentSize).toBe(85);
    expect(check.detail).toContain('城市管理综合执法局|CG-');
    const record = new TextDecoder().decode(await service.exportRecord(view.drawId));
    const verified = await service.verify(record);
    expect(verified.ok).toBe(false);
    if (!verified.ok) expect(verified.message).toContain('记录中有而台账中没有的案卷');
    const foreign = await service.verify('{"hello": 1}');
    expect(foreign).toMatchObject({ ok: false, unreadable: true });
    if (!foreign.ok) expect(foreign.message).toContain('不是评查台导出的抽取记录');
  });
});
