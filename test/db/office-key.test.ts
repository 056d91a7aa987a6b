import { describe, expect, it } from 'vitest';
import { verifyLogTrust } from '../../shared/audit/log-trust';
import { keyFingerprint } from '../../shared/crypto/signing';
import type { PingchaDatabase } from '../../renderer/db/database';
import { checkDataAndLog, readAuditLog } from '../../renderer/db/audit-repository';
import {
  ensureOfficeKey,
  exportOfficeKeyFile,
  forgetOfficeKeyForTests,
  importOfficeKeyFile,
  readOfficeKeyInfo,
  rotateOfficeKey,
} from '../../renderer/db/office-key-repository';
import { finaliseFile, saveSheet, submitSheet } from '../../renderer/db/score-repository';
import { freshDb, snapshot } from './helpers';
import { CAMPAIGN, setupCoordinator, std } from './package-fixtures';

/** A "restore" onto another machine: the log and public keys arrive, the keyring does not. */
async function moveStore(from: PingchaDatabase): Promise<PingchaDatabase> {
  const to = freshDb();
  await to.auditLog.bulkAdd(await from.auditLog.toArray());
  await to.signingKeys.bulkAdd(await from.signingKeys.toArray());
  return to;
}

async function finaliseOne(db: PingchaDatabase): Promise<string> {
  const rec = (await db.assignments.get(CAMPAIGN))!.record;
  const itemId = rec.result.find((e) => e.reviewerIds.includes('r1'))!.itemId;
  const item = std.categories[0]!.items[0]!;
  await saveSheet(db, {
    campaignId: CAMPAIGN,
    itemId,
    reviewerId: 'r1',
    caseType: '行政处罚',
    sheet: {
      deductions: [{ itemId: item.id, optionId: item.deductions[0]!.id, count: 1, problem: '未告知' }],
      vetoes: [],
    },
    actor: '王评查',
  });
  await submitSheet(db, { campaignId: CAMPAIGN, itemId, reviewerId: 'r1', actor: '王评查' });
  await finaliseFile(db, { campaignId: CAMPAIGN, itemId, lead: '组长' });
  return itemId;
}

describe('the office key', () => {
  it('is created once, logged as key.create, and its secret is never in the store', async () => {
    const db = freshDb();
    const key = await ensureOfficeKey(db, '组织者');
    expect(await ensureOfficeKey(db, '组织者')).toEqual(key);
    const log = await readAuditLog(db);
    expect(log.map((e) => e.action)).toEqual(['key.create']);
    expect(log[0]!.signature?.publicKey).toBe(key.publicKey);
    const info = await readOfficeKeyInfo(db);
    expect(info.fingerprint).toBe(keyFingerprint(key.publicKey));
    expect(info.history.map((h) => h.publicKey)).toEqual([key.publicKey]);
    // Backups walk db.tables: the secret is in none of them.
    expect(JSON.stringify(await snapshot(db))).not.toContain(key.secretKey);
  });

  it('moves to a new machine through the key file: logged as key.import, the same key signs on', async () => {
    const db = freshDb();
    const key = await ensureOfficeKey(db, '组织者');
    const file = await exportOfficeKeyFile(db, '足够长的口令2026');
    expect(file.fingerprint).toBe(keyFingerprint(key.publicKey));
    const moved = await moveStore(db);
    const before = await snapshot(moved);
    await expect(
      importOfficeKeyFile(moved, file.bytes, '错误口令错误口令', file.fileName, '组织者'),
    ).rejects.toThrow(/口令不正确/);
    expect(await snapshot(moved)).toEqual(before);
    expect((await readOfficeKeyInfo(moved)).publicKey).toBeNull();
    const r = await importOfficeKeyFile(moved, file.bytes, '足够长的口令2026', file.fileName, '组织者');
    expect(r.changed).toBe(true);
    expect((await readAuditLog(moved)).map((e) => e.action)).toEqual(['key.create', 'key.import']);
    const trust = verifyLogTrust(await readAuditLog(moved));
    expect(trust.ok).toBe(true);
    expect(trust.warnings).toEqual([]);
  });

  it('a new key signed by the old one verifies cleanly; a new machine without the key file is a visible change', async () => {
    const db = freshDb();
    const old = await ensureOfficeKey(db, '组织者');
    const next = await rotateOfficeKey(db, '组织者');
    let trust = verifyLogTrust(await readAuditLog(db));
    expect(trust.ok).toBe(true);
    expect(trust.warnings).toEqual([]);
    expect(trust.keys.map((k) => [k.publicKey, k.signedByPrevious])).toEqual([
      [old.publicKey, true],
      [next.publicKey, true],
    ]);
    const moved = await moveStore(db);
    await forgetOfficeKeyForTests(moved);
    const fresh = await ensureOfficeKey(moved, '新机器');
    trust = verifyLogTrust(await readAuditLog(moved));
    expect(trust.ok).toBe(true);
    expect(trust.keys.at(-1)).toMatchObject({ publicKey: fresh.publicKey, signedByPrevious: false });
    expect(trust.warnings.join('')).toMatch(/没有原密钥.*签名/);
  });
});

describe('核对数据与留痕', () => {
  it('final results are signed checkpoints carrying their digest; an edit behind the app is named', async () => {
    const db = freshDb();
    await ensureOfficeKey(db, '组织者');
    await setupCoordinator(db, 6);
    const itemId = await finaliseOne(db);
    const clean = await checkDataAndLog(db);
    expect(clean.trust.problems).toEqual([]);
    expect(clean.mismatches).toEqual([]);
    const fin = (await readAuditLog(db)).find((e) => e.action === 'review.finalise')!;
    expect(fin.signature).toBeDefined();
    expect(fin.records?.[0]).toMatchObject({ table: 'finalResults', key: `${CAMPAIGN}|${itemId}` });

    // Raise the score in the store (0 -> 100, 不合格 -> 优秀) and add a result nobody finalised.
    const row = (await db.finalResults.get([CAMPAIGN, itemId]))!;
    await db.finalResults.put({ ...row, score: { ...row.score, totalHalfPoints: 200, grade: '优秀' } });
    await db.finalResults.put({ ...row, itemId: 'forged-item' });
    const found = await checkDataAndLog(db);
    expect(found.mismatches.map((m) => [m.kind, m.key]).sort()).toEqual([
      ['changed', `${CAMPAIGN}|${itemId}`],
      ['unlogged', `${CAMPAIGN}|forged-item`],
    ]);
    expect(found.mismatches.find((m) => m.kind === 'changed')!.message).toMatch(
      /复核定稿结果.*与第 \d+ 条留痕记录的内容不符/,
    );
  });
});
