// No false alarm on the store a newcomer makes: the demo (draws, 未发现问题 sheets, calibration-ready
// panel, the ledger census, letters, 年审) loaded on a machine with an office key, then a 年审 decision
// withdrawn, then a user's ledger imported and the demo removed, verifies with no trust problem and
// no record mismatch (机构名录 included).
import { describe, expect, it } from 'vitest';
import { freshDb, makeRecords, newImportMeta } from './helpers';
import { importCaseFiles } from '../../renderer/db/ledger-repository';
import { removeDemoData } from '../../renderer/db/demo-repository';
import { checkDataAndLog, readAuditLog } from '../../renderer/db/audit-repository';
import { ensureOfficeKey } from '../../renderer/db/office-key-repository';
import { loadDemoData } from '../../renderer/workers/demo-loader';
import { createInProcessImporter } from '../../renderer/workers/ledger-import-client';
import {
  recordReviewDecisions,
  saveReviewRun,
  withdrawReviewDecision,
} from '../../renderer/db/officers-repository';
import { applyDecision, runAnnualReview } from '../../shared/officers/annual-review';

describe('the demo store verifies with the office key', () => {
  it('has every entry covered by a signed head, every covered record matched, and stays so after a 年审 withdrawal', async () => {
    const db = freshDb();
    await ensureOfficeKey(db, '组织者');
    await loadDemoData(db, createInProcessImporter(db));
    const first = await checkDataAndLog(db);
    expect(first.trust.problems).toEqual([]);
    expect(first.mismatches).toEqual([]);
    const log = await readAuditLog(db);
    // Every entry covered by a signed head at or after it (one per write transaction).
    expect(first.trust.trustedSeqs.size).toBe(log.length);
    expect(log.at(-1)!.signature).toBeDefined();
    expect(log.some((e) => e.action === 'rules.census')).toBe(true);

    // A 年审 decision recorded and then withdrawn with a reason (its digest released in the log).
    const result = runAnnualReview(await db.officers.toArray(), { year: 2024, reviewDate: '2025-01-10' });
    const run = await saveReviewRun(db, result, '陈组长', '2025-01-10T02:00:00.000Z');
    const proposal = result.proposals.find((p) => p.outcome !== 'pass') ?? result.proposals[0]!;
    await recordReviewDecisions(
      db,
      run.id,
      [applyDecision(proposal, proposal.outcome, '', '陈组长', '2025-01-10T02:05:00.000Z')],
      '陈组长',
    );
    const decision = (await db.reviewDecisions.toArray())[0];
    expect(decision).toBeDefined();
    expect((await checkDataAndLog(db)).mismatches).toEqual([]);
    const [reviewId, officerId] = decision!.id.split('|') as [string, string];
    await withdrawReviewDecision(db, { reviewId, officerId, reason: '核实后重新审验', actor: '组织者' });
    expect(await db.reviewDecisions.get(decision!.id)).toBeUndefined();
    const after = await checkDataAndLog(db);
    expect(after.trust.problems).toEqual([]);
    expect(after.mismatches).toEqual([]);

    // A user's own ledger imported beside the demo (a new directory entry), then the demo removed:
    // the directory entries the demo brought in leave the log's cover with the removal entry.
    await importCaseFiles(
      db,
      newImportMeta({ fileName: '自然资源.xlsx', isDemo: false }),
      makeRecords(5, '德阳市林草测试局', 'ZR'),
    );
    const own = (await db.departments.toArray()).find((d) => d.name === '德阳市林草测试局')!;
    expect(own.isDemo).toBe(false);
    const demoDepartments = (await db.departments.toArray()).filter((d) => d.isDemo);
    expect(demoDepartments.length).toBeGreaterThan(0);
    expect((await checkDataAndLog(db)).mismatches).toEqual([]);
    await removeDemoData(db, '组织者');
    const removal = (await readAuditLog(db)).at(-1)!;
    expect(removal.action).toBe('demo.remove');
    expect(removal.records!.map((r) => `${r.key}:${r.digest}`).sort()).toEqual(
      demoDepartments.map((d) => `${d.id}:null`).sort(),
    );
    expect((await db.departments.toArray()).map((d) => d.id)).toEqual([own.id]);
    const cleaned = await checkDataAndLog(db);
    expect(cleaned.trust.problems).toEqual([]);
    expect(cleaned.mismatches).toEqual([]);
  }, 180_000);
});
