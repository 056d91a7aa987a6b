// The desktop mode of the office key (issue 23): the main process holds the key (here the real
// OfficeKeyStore over a fake safeStorage, called directly instead of over IPC) and the page only
// asks it to sign each committed head. The page never holds the secret, heads are kept in the main
// process's file, and the log verifies; what the main process kept names a shortened log.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OfficeKeyStore } from '../../electron/main/office-key-store';
import {
  appendAudit,
  checkDataAndLog,
  checkpointSigner,
  logSigner,
  readAuditLog,
} from '../../renderer/db/audit-repository';
import {
  exportOfficeKeyFile,
  holdOfficeKeyInMainProcess,
  officeKeyMode,
  ensureOfficeKey,
  readKeptLogHead,
  readOfficeKeyInfo,
  rotateOfficeKey,
} from '../../renderer/db/office-key-repository';
import type { DesktopOfficeKey } from '../../renderer/platform/types';
import { exportAssignmentPackage } from '../../renderer/db/package-repository';
import { packageSigningText } from '../../shared/packages/panel-package';
import { keyFingerprint, verifyText } from '../../shared/crypto/signing';
import { exportDatabase, inspectBackup, restoreBackup } from '../../renderer/db/backup-repository';
import { freshDb, snapshot } from './helpers';
import { CAMPAIGN, setupCoordinator } from './package-fixtures';

function mainProcess(): { port: DesktopOfficeKey; files: Map<string, Uint8Array> } {
  const files = new Map<string, Uint8Array>();
  const store = new OfficeKeyStore({
    safeStorage: {
      isEncryptionAvailable: () => true,
      encryptString: (s) => new TextEncoder().encode('ENC:' + Buffer.from(s).toString('base64')),
      decryptString: (b) => Buffer.from(new TextDecoder().decode(b).slice(4), 'base64').toString(),
    },
    fs: {
      readFile: async (p) => {
        const f = files.get(p);
        if (!f) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
        return f;
      },
      writeFile: async (p, d) => void files.set(p, d),
      rename: async (a, b) => {
        files.set(b, files.get(a)!);
        files.delete(a);
      },
      mkdir: async () => undefined,
    },
    userData: '/u/评查台',
  });
  return {
    files,
    port: {
      status: () => store.status(),
      ensure: () => store.ensure(),
      signLogHead: (h) => store.signLogHead(h),
      readLogHead: () => store.readLogHead(),
      signPanelPackage: ({ text }) => store.signPanelPackage(text),
    },
  };
}

afterEach(() => holdOfficeKeyInMainProcess(null));

describe('the office key in the desktop main process', () => {
  it('signs every committed head through the main process; the page never holds the secret', async () => {
    const main = mainProcess();
    holdOfficeKeyInMainProcess(main.port);
    expect(officeKeyMode()).toBe('desktop');
    const db = freshDb();
    const key = await ensureOfficeKey(db, '组织者');
    expect(key.secretKey).toBe('');
    expect(checkpointSigner(db)).toBeNull();
    expect(logSigner(db)!.mode).toBe('desktop');
    for (let i = 0; i < 3; i++)
      await appendAudit(db, {
        actor: '组织者',
        action: 'score.submit',
        objectType: 'sheet',
        objectId: `s${i}`,
        summary: '提交评分表',
        content: { i },
      });
    const log = await readAuditLog(db);
    expect(log[0]!.action).toBe('key.create');
    expect(log.every((e) => e.signature?.publicKey === key.publicKey)).toBe(true);
    const kept = await readKeptLogHead(db);
    expect(kept).toMatchObject({ seq: 4, hash: log[3]!.hash });
    expect(main.files.has(path.join('/u/评查台', 'office-key', 'log-head.json'))).toBe(true);
    expect((await checkDataAndLog(db, kept)).trust.problems).toEqual([]);
    expect((await readOfficeKeyInfo(db)).publicKey).toBe(key.publicKey);
    // Removing the last entries is named against the head the main process kept.
    await db.auditLog.bulkDelete([4, 3]);
    expect((await checkDataAndLog(db, kept)).trust.problems.join('\n')).toMatch(/最后 2 条留痕缺失/);
  });

  it('an assignment package is signed by the main process with the office key', async () => {
    holdOfficeKeyInMainProcess(mainProcess().port);
    const db = freshDb();
    const key = await ensureOfficeKey(db, '组织者');
    const cases = await setupCoordinator(db);
    const { pkg } = await exportAssignmentPackage(db, {
      campaignId: CAMPAIGN,
      reviewerId: 'r1',
      cases,
      actor: '组织者',
      appVersion: '0.1.0',
    });
    expect(pkg.signature.publicKey).toBe(key.publicKey);
    expect(verifyText(key.publicKey, packageSigningText(pkg), pkg.signature.value)).toBe(true);
  });

  it('a restore onto a desktop with another key names both keys, and the restored log continues under the main process key', async () => {
    const office = freshDb();
    const officeKey = await ensureOfficeKey(office, '组织者');
    await appendAudit(office, {
      actor: '组织者',
      action: 'score.submit',
      objectType: 'sheet',
      objectId: 's1',
      summary: '提交评分表',
      content: {},
    });
    const backup = (await exportDatabase(office, { appVersion: '0.1.0', reason: 'manual' })).bytes;
    holdOfficeKeyInMainProcess(mainProcess().port);
    const target = freshDb();
    const desktopKey = await ensureOfficeKey(target, '组织者');
    const { keys, trust } = await inspectBackup(target, backup, { appVersion: '0.1.0' });
    expect(trust!.problems).toEqual([]);
    expect(keys).toEqual({
      machine: keyFingerprint(desktopKey.publicKey),
      backup: keyFingerprint(officeKey.publicKey),
    });
    await restoreBackup(target, backup, { appVersion: '0.1.0', actor: '恢复员' });
    const log = await readAuditLog(target);
    expect(log.at(-1)!.signature?.publicKey).toBe(desktopKey.publicKey);
    expect(log.some((e) => e.action === 'key.change' && e.objectId === desktopKey.publicKey)).toBe(true);
    const check = await checkDataAndLog(target, await readKeptLogHead(target));
    expect(check.trust.problems).toEqual([]);
    expect(check.trust.warnings.join('')).toMatch(/没有原密钥/);
  });

  it('export, import and rotation are refused in Chinese on the desktop, store unchanged', async () => {
    holdOfficeKeyInMainProcess(mainProcess().port);
    const db = freshDb();
    await ensureOfficeKey(db, '组织者');
    const before = await snapshot(db);
    await expect(exportOfficeKeyFile(db, '一个足够长的口令abc')).rejects.toThrow(
      /主进程保存.*数据库未作任何更改/,
    );
    await expect(rotateOfficeKey(db, '组织者')).rejects.toThrow(/主进程保存/);
    expect(await snapshot(db)).toEqual(before);
  });
});
