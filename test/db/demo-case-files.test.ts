// Removing the 示例数据 takes the demo campaign's 电子案卷 with it, bytes and page labels included
// (kept by hash, they hang on no campaign), and never a file a user's campaign still uses.
import { describe, expect, it } from 'vitest';
import { freshDb, snapshot } from './helpers';
import { LedgerImportService } from '../../renderer/workers/ledger-import-service';
import { buildDemoCampaign } from '../../renderer/workers/demo-campaign';
import { removeDemoData } from '../../renderer/demo/demo-data';
import { attachCaseFile, setPageLabel } from '../../renderer/db/case-file-repository';
import { readCampaignDraw } from '../../renderer/db/panel-repository';
import { sha256BytesHex } from '../../shared/crypto/sha256';
import { makeTextPdf } from '../fixtures/case-files';

const withoutAudit = (s: unknown) => {
  const { auditLog: _a, ...rest } = s as Record<string, unknown[]>;
  return rest;
};

describe('demo removal and case files', () => {
  it('leaves no orphan caseFileBytes or caseFilePages; a user campaign keeps its shared file', async () => {
    const db = freshDb();
    const empty = withoutAudit(await snapshot(db));
    await new LedgerImportService(db).loadDemo();
    await buildDemoCampaign(db);
    const demo = (await db.campaigns.toArray()).find((c) => c.isDemo)!;
    const [a, b] = (await readCampaignDraw(db, demo.id)).itemIds;
    const onlyDemo = await makeTextPdf(2, 'demo only');
    const shared = await makeTextPdf(3, 'shared');
    const attach = (campaignId: string, itemId: string, name: string, bytes: Uint8Array) =>
      attachCaseFile(db, { campaignId, itemId, caseNo: name, name, bytes, actor: '演示' });
    await attach(demo.id, a!, 'demo.pdf', onlyDemo);
    await attach(demo.id, b!, 'shared.pdf', shared);
    await setPageLabel(db, { sha256: sha256BytesHex(onlyDemo), page: 0, kind: '立案审批表', actor: '演示' });

    // Removing the demo from a store with only demo data leaves it empty.
    const copy = freshDb();
    for (const t of db.tables) await copy.table(t.name).bulkPut(await t.toArray());
    await removeDemoData(copy);
    expect(withoutAudit(await snapshot(copy))).toEqual(empty);

    // A user's campaign holding the same scan as the demo keeps it.
    await db.draws.put({
      id: 'user-draw',
      campaignId: 'user-camp',
      createdAt: '2026-01-01T00:00:00Z',
      record: { drawn: [{ itemId: 'x|1' }], replacements: [], extras: [] },
    } as never);
    await attach('user-camp', 'x|1', 'mine.pdf', shared);
    await removeDemoData(db);
    expect((await db.caseFiles.toArray()).map((r) => r.name)).toEqual(['mine.pdf']);
    expect(await db.caseFileBytes.toCollection().primaryKeys()).toEqual([sha256BytesHex(shared)]);
    expect(await db.caseFilePages.count()).toBe(0);
  }, 120_000);
});
