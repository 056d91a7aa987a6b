import { describe, expect, it } from 'vitest';
import { appendAudit, readAuditLog, verifyStoredAuditLog } from '../../renderer/db/audit-repository';
import { freshDb, snapshot } from './helpers';

describe('audit repository', () => {
  it('appends chained entries and verifies them', async () => {
    const db = freshDb();
    for (let i = 0; i < 3; i++) {
      await appendAudit(db, {
        actor: '李四',
        action: 'letter.issue',
        objectType: 'letter',
        objectId: 'L' + i,
        summary: '发函',
        content: { i },
      });
    }
    const log = await readAuditLog(db);
    expect(log.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(await verifyStoredAuditLog(db)).toMatchObject({ ok: true, entries: 3 });
    await db.auditLog.update(2, { actor: '王五' });
    expect(await verifyStoredAuditLog(db)).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('an entry written inside a failed transaction disappears with it', async () => {
    const db = freshDb();
    await appendAudit(db, {
      actor: 'a',
      action: 'draw.create',
      objectType: 'draw',
      objectId: 'd1',
      summary: 's',
      content: 1,
    });
    const before = await snapshot(db);
    await expect(
      db.transaction('rw', db.auditLog, db.meta, async () => {
        await appendAudit(db, {
          actor: 'a',
          action: 'draw.replace',
          objectType: 'draw',
          objectId: 'd1',
          summary: 's',
          content: 2,
        });
        await db.meta.put({ key: 'x', value: 1 });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await snapshot(db)).toEqual(before);
  });
});
