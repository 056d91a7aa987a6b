// A ledger that a drawn campaign's population uses is not deleted without a confirmation naming the
// campaigns whose verification it breaks; refused, the store is exactly as it was.
import { describe, expect, it } from 'vitest';
import { freshDb, makeRecords, newImportMeta, snapshot } from './helpers';
import { createCampaign } from '../../renderer/db/campaign-repository';
import {
  LedgerInUseError,
  campaignsUsingImport,
  deleteImport,
  importCaseFiles,
  type NewImport,
} from '../../renderer/db/ledger-repository';
import { readAuditLog } from '../../renderer/db/audit-repository';
import { DrawService } from '../../renderer/workers/draw-service';

const meta = (fileName: string, sha: string, over: Partial<NewImport> = {}): NewImport =>
  newImportMeta({
    fileName,
    sha256: sha.repeat(64),
    fileSize: 100,
    headerRow: 0,
    counts: { rowsRead: 0, errors: 0, warnings: 0, excluded: 0 },
    ...over,
  });

async function drawnCampaign() {
  const db = freshDb();
  const market = await importCaseFiles(db, meta('市场.xlsx', 'a'), makeRecords(30, '市场监督管理局', 'SJ'));
  const traffic = await importCaseFiles(db, meta('交通.xlsx', 'b'), makeRecords(20, '交通运输局', 'JT'));
  const campaign = await createCampaign(db, {
    name: '第十一次行政执法案卷评查',
    year: 2025,
    periodFrom: null,
    periodTo: null,
    departments: ['市场监督管理局'],
    caseTypes: [],
    createdBy: '李明',
  });
  await new DrawService(db).execute({
    campaignId: campaign.id,
    plan: { total: 5, stratifyBy: 'department', minimum: 1, sparesPerStratum: 1 },
    seed: '01382438112797316654',
    operator: '李明',
    witnesses: ['王芳'],
  });
  return { db, market, traffic, campaign };
}

describe('deleting a ledger a drawn campaign uses', () => {
  it('is refused without a confirmation naming the campaign, and the store is unchanged', async () => {
    const { db, market, campaign } = await drawnCampaign();
    expect(await campaignsUsingImport(db, market.id)).toEqual([
      { campaignId: campaign.id, name: '第十一次行政执法案卷评查' },
    ]);
    const before = await snapshot(db);
    const err = await deleteImport(db, market.id, '李明').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LedgerInUseError);
    expect((err as Error).message).toContain('“第十一次行政执法案卷评查”');
    expect((err as Error).message).toContain('无法再用本机保存的台账重新计算核验');
    expect(await snapshot(db)).toEqual(before);
    // A confirmation for some other campaign does not count.
    await expect(deleteImport(db, market.id, '李明', { confirmedCampaignIds: ['cmp_x'] })).rejects.toThrow(
      LedgerInUseError,
    );
    expect(await snapshot(db)).toEqual(before);
  });

  it('with the campaign confirmed, deletes it and logs which campaigns it affected', async () => {
    const { db, market, campaign } = await drawnCampaign();
    await deleteImport(db, market.id, '李明', { confirmedCampaignIds: [campaign.id] });
    expect(await db.imports.get(market.id)).toBeUndefined();
    expect(await db.caseChunks.where('importId').equals(market.id).count()).toBe(0);
    const entry = (await readAuditLog(db)).at(-1)!;
    expect(entry.action).toBe('ledger.delete');
    expect(entry.summary).toContain('经确认影响已抽取的活动：第十一次行政执法案卷评查');
  });

  it('a ledger outside every draw population, or still served by a second import of the same file, needs nothing', async () => {
    const { db, market } = await drawnCampaign();
    // The campaign's scope is 市场监督管理局 only, but the draw record names every committed ledger
    // it read; a ledger in no draw's sources at all is free to delete.
    const other = await importCaseFiles(db, meta('城管.xlsx', 'c'), makeRecords(5, '城管局', 'CG'));
    expect(await campaignsUsingImport(db, other.id)).toEqual([]);
    await deleteImport(db, other.id, '李明');
    expect(await db.imports.get(other.id)).toBeUndefined();
    // The same file imported again (user insisted): deleting one copy leaves the draw's ledger in place.
    const twin = await importCaseFiles(
      db,
      meta('市场.xlsx', 'a', { insistedDuplicate: true }),
      makeRecords(30, '市场监督管理局', 'SJ'),
    );
    expect(await campaignsUsingImport(db, market.id)).toEqual([]);
    await deleteImport(db, market.id, '李明');
    expect(await campaignsUsingImport(db, twin.id)).toHaveLength(1);
  });
});
