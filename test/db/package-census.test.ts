// Assignment packages carry the 台账体检 flags of the reviewer's files (issue 26), so the score sheet's hints
// show on the laptop: round trip through the package codec, the office's rule settings with them, only the
// current census and only the reviewer's files; a bad flag refuses the package, store unchanged.
import { gunzipSync, gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../shared/util/canonical-json';
import { signText } from '../../shared/crypto/signing';
import {
  decodePackage,
  packageDigest,
  packageSigningText,
  type AssignmentContent,
} from '../../shared/packages/panel-package';
import { summariseCensus } from '../../shared/rules/census-summary';
import { rulePackDigest } from '../../shared/rules/rule-pack';
import { exportAssignmentPackage, openWorkspacePackage } from '../../renderer/db/package-repository';
import {
  currentRulePack,
  loadRuleCensus,
  saveRulePackSettings,
  type RuleCensusRecord,
} from '../../renderer/db/rule-census-repository';
import { ensureOfficeKey } from '../../renderer/db/office-key-repository';
import type { PingchaDatabase } from '../../renderer/db/database';
import { freshDb, snapshot } from './helpers';
import { CAMPAIGN, setupCoordinator } from './package-fixtures';

const OFFICE_CHECKED_AT = '2026-12-01T00:00:00.000Z';

function censusRecord(
  importId: string,
  packSha256: string,
  flags: [string, string, string][],
): RuleCensusRecord {
  const ruleIds = ['CF-60-DECISION', 'CF-51-ON-THE-SPOT', 'ZJ-MISSING'];
  return {
    importId,
    packId: 'pingcha-ledger-rules',
    packVersion: 'x',
    packSha256,
    registrySha256: '',
    checkedAt: OFFICE_CHECKED_AT,
    ruleIds,
    tallies: [],
    flagOffset: flags.map((_, i) => i),
    flagRule: flags.map(([, rule]) => ruleIds.indexOf(rule)),
    flagItemId: flags.map(([id]) => id),
    flagSentence: flags.map(([, , s]) => s),
  };
}

async function office() {
  const db = freshDb();
  const all = await setupCoordinator(db, 12);
  // the office's own settings: one rule switched off, so the laptop must run the same pack to show the hints
  await saveRulePackSettings(db, { disabled: ['CF-64-HEARING-WINDOW'], periods: {} }, '组织者');
  const pack = await currentRulePack(db);
  const rec = (await db.assignments.get(CAMPAIGN))!.record;
  const mine = rec.result.filter((e) => e.reviewerIds.includes('r1')).map((e) => e.itemId);
  const other = rec.result.find((e) => !e.reviewerIds.includes('r1'))!.itemId;
  await db.ruleCensus.bulkPut([
    censusRecord('imp_a', rulePackDigest(pack), [
      [mine[0]!, 'CF-60-DECISION', '立案2025-01-02，决定2025-06-01，共150日，超过90日期限60日'],
      [mine[0]!, 'ZJ-MISSING', '承办人张三未填执法证号'],
      [other, 'CF-60-DECISION', '立案2025-01-02，决定2025-07-01，共180日，超过90日期限90日'],
    ]),
    // a census made with another pack is stale: its flags do not travel
    censusRecord('imp_b', 'f'.repeat(64), [[mine[1]!, 'CF-60-DECISION', '过时的线索']]),
  ]);
  return { db, all, mine, other };
}

async function exportFor(db: PingchaDatabase, all: Awaited<ReturnType<typeof setupCoordinator>>) {
  return exportAssignmentPackage(db, {
    cases: all,
    actor: '组织者',
    appVersion: '0.1.0',
    campaignId: CAMPAIGN,
    reviewerId: 'r1',
  });
}

describe('assignment package carries the 台账体检 flags', () => {
  it('round trip: the laptop shows the same hints for the reviewer’s files, none of another’s or a stale census', async () => {
    const o = await office();
    const pkg = await exportFor(o.db, o.all);
    const content = decodePackage(pkg.bytes, pkg.fileName, { kind: 'assignment' })
      .content as AssignmentContent;
    expect(content.census!.packSettings.disabled).toEqual(['CF-64-HEARING-WINDOW']);
    expect(content.census!.flags.map((f) => f.itemId)).toEqual([o.mine[0], o.mine[0]]);
    expect(content.census!.flags.map((f) => f.checkedAt)).toEqual([OFFICE_CHECKED_AT, OFFICE_CHECKED_AT]);

    const laptop = freshDb();
    const ws = await openWorkspacePackage(laptop, pkg.bytes, pkg.fileName, { actor: '王评查' });
    const pack = await currentRulePack(laptop);
    expect(pack.rules.find((r) => r.id === 'CF-64-HEARING-WINDOW')!.enabled).toBe(false);
    const sha = rulePackDigest(pack);
    expect(sha).toBe(rulePackDigest(await currentRulePack(o.db)));
    const summary = summariseCensus(await loadRuleCensus(laptop), pack, sha, [ws.importId]);
    expect(summary.current).toBe(1);
    // each flag as at the office: its rule, its sentence and the office's census date (not the opening time)
    expect(summary.flagsByItem.get(o.mine[0]!)).toEqual([
      {
        ruleId: 'CF-60-DECISION',
        sentence: '立案2025-01-02，决定2025-06-01，共150日，超过90日期限60日',
        checkedAt: OFFICE_CHECKED_AT,
      },
      { ruleId: 'ZJ-MISSING', sentence: '承办人张三未填执法证号', checkedAt: OFFICE_CHECKED_AT },
    ]);
    expect(summary.flagsByItem.has(o.mine[1]!)).toBe(false);
    expect(summary.flagsByItem.has(o.other)).toBe(false);
    expect(summary.lines.find((l) => l.ruleId === 'CF-60-DECISION')!.flagged).toBe(1);
    const log = (await laptop.auditLog.toArray()).find((e) => e.action === 'package.import')!;
    expect(log.summary).toContain('台账体检线索 2 条');
  });

  it('without a current census at the office the package claims nothing', async () => {
    const o = await office();
    await o.db.ruleCensus.clear();
    const pkg = await exportFor(o.db, o.all);
    const content = decodePackage(pkg.bytes, pkg.fileName, { kind: 'assignment' })
      .content as AssignmentContent;
    expect(content.census).toBeUndefined();
    const laptop = freshDb();
    await openWorkspacePackage(laptop, pkg.bytes, pkg.fileName, { actor: '王评查' });
    expect(await laptop.ruleCensus.count()).toBe(0);
  });

  it('a flag naming no rule refuses the package in Chinese, the laptop unchanged; another pack stores no hints', async () => {
    const o = await office();
    const pkg = await exportFor(o.db, o.all);
    const key = await ensureOfficeKey(o.db, '组织者');
    const forge = (edit: (c: AssignmentContent) => void): Uint8Array => {
      const j = JSON.parse(new TextDecoder().decode(gunzipSync(pkg.bytes))) as Record<string, unknown> & {
        content: AssignmentContent;
      };
      edit(j.content);
      j.sha256 = packageDigest(j.content);
      j.signature = { publicKey: key.publicKey, value: signText(key.secretKey, packageSigningText(j)) };
      return gzipSync(new TextEncoder().encode(canonicalJson(j)));
    };
    const laptop = freshDb();
    const before = await snapshot(laptop);
    await expect(
      openWorkspacePackage(
        laptop,
        forge((c) => (c.census!.flags[0]!.rule = 99)),
        '坏.pingcha-package',
        { actor: '王评查' },
      ),
    ).rejects.toThrow(/评查包内容格式不对（census\.flags）/);
    expect(await snapshot(laptop)).toEqual(before);
    await expect(
      openWorkspacePackage(
        laptop,
        forge((c) => (c.census!.flags[0]!.checkedAt = '昨天')),
        '坏日期.pingcha-package',
        { actor: '王评查' },
      ),
    ).rejects.toThrow(/评查包内容格式不对（census\.flags/);
    expect(await snapshot(laptop)).toEqual(before);

    // an office running another pack version: the files open, the hints are not stored (they would cite other rules)
    const ws = await openWorkspacePackage(
      laptop,
      forge((c) => (c.census!.packSha256 = 'e'.repeat(64))),
      '别的规则包.pingcha-package',
      { actor: '王评查' },
    );
    expect(ws.itemIds.length).toBeGreaterThan(0);
    expect(await laptop.ruleCensus.count()).toBe(0);
    const log = (await laptop.auditLog.toArray()).find((e) => e.action === 'package.import')!;
    expect(log.summary).toContain('台账体检线索未载入');
  });
});
