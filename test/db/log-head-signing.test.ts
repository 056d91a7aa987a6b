// Each write transaction signs its new head once it has committed (issue 23): a batch costs one
// signature, the head is kept outside the log, and a tail left unsigned by a stop between commit and
// signing is signed at the next start when its chain verifies (else it stays named).
import { describe, expect, it } from 'vitest';
import type { AuditInput } from '../../shared/audit/audit-chain';
import {
  appendAudit,
  checkDataAndLog,
  readAuditLog,
  setCheckpointSigner,
  signUnsignedTail,
} from '../../renderer/db/audit-repository';
import { ensureOfficeKey, readKeptLogHead } from '../../renderer/db/office-key-repository';
import { freshDb } from './helpers';

const input = (i: number): Omit<AuditInput, 'at'> => ({
  actor: '组织者',
  action: 'score.submit',
  objectType: 'sheet',
  objectId: `s${i}`,
  summary: `提交评分表 ${i}`,
  content: { i },
});

describe('signed heads', () => {
  it('a transaction of many entries is signed once, on its last entry, and every entry is covered', async () => {
    const db = freshDb();
    await ensureOfficeKey(db, '组织者');
    await db.transaction('rw', db.auditLog, async () => {
      for (let i = 0; i < 5; i++) await appendAudit(db, input(i));
    });
    await appendAudit(db, input(5));
    const log = await readAuditLog(db);
    expect(log.map((e) => !!e.signature)).toEqual([true, false, false, false, false, true, true]);
    const check = await checkDataAndLog(db, await readKeptLogHead(db));
    expect(check.trust.problems).toEqual([]);
    expect(check.trust.trustedSeqs.size).toBe(7);
    expect(await readKeptLogHead(db)).toMatchObject({ seq: 7, hash: log[6]!.hash });
  });

  it('a transaction that fails leaves no entry and signs nothing', async () => {
    const db = freshDb();
    await ensureOfficeKey(db, '组织者');
    await expect(
      db.transaction('rw', db.auditLog, async () => {
        await appendAudit(db, input(1));
        throw new Error('中断');
      }),
    ).rejects.toThrow('中断');
    const log = await readAuditLog(db);
    expect(log.map((e) => e.action)).toEqual(['key.create']);
    expect((await readKeptLogHead(db))!.seq).toBe(1);
  });

  it('writes committed without a signer (stopped before signing) are signed at the next start', async () => {
    const db = freshDb();
    const key = await ensureOfficeKey(db, '组织者');
    setCheckpointSigner(db, null);
    await appendAudit(db, input(1));
    await appendAudit(db, input(2));
    const unsigned = await checkDataAndLog(db);
    expect(unsigned.trust.problems.join('\n')).toMatch(/最后 2 条留痕未签名/);
    // The next start: the key is loaded and the tail, whose chain verifies, is signed.
    expect((await ensureOfficeKey(db, '组织者')).publicKey).toBe(key.publicKey);
    const log = await readAuditLog(db);
    expect(log.at(-1)!.signature?.publicKey).toBe(key.publicKey);
    expect((await checkDataAndLog(db)).trust.problems).toEqual([]);
  });

  it('an unsigned tail whose chain does not verify is never signed and stays named', async () => {
    const db = freshDb();
    await ensureOfficeKey(db, '组织者');
    const held = (await import('../../renderer/db/audit-repository')).checkpointSigner(db);
    setCheckpointSigner(db, null);
    await appendAudit(db, input(1));
    await db.auditLog.update(2, { summary: '被改动' });
    setCheckpointSigner(db, held);
    expect(await signUnsignedTail(db)).toBe(0);
    const log = await readAuditLog(db);
    expect(log.at(-1)!.signature).toBeUndefined();
    expect((await checkDataAndLog(db)).trust.problems.join('\n')).toMatch(/最后 1 条留痕未签名/);
  });
});

describe('heads committed while a signing is under way', () => {
  it('are signed once, as the newest: fewer signatures than writes, every entry covered', async () => {
    const db = freshDb();
    await ensureOfficeKey(db, '组织者');
    await Promise.all(Array.from({ length: 20 }, (_, i) => appendAudit(db, input(i))));
    const log = await readAuditLog(db);
    expect(log).toHaveLength(21);
    expect(log.filter((e) => e.signature).length).toBeLessThan(20);
    expect(log.at(-1)!.signature).toBeDefined();
    const check = await checkDataAndLog(db, await readKeptLogHead(db));
    expect(check.trust.problems).toEqual([]);
    expect(check.trust.trustedSeqs.size).toBe(21);
  });
});
