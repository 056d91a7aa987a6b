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
  importOfficeKeyFile,
  moveKeyringKeyToMain,
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
    keyFileIterations: 1000,
  });
  return {
    files,
    port: {
      status: () => store.status(),
      ensure: () => store.ensure(),
      signLogHead: (h) => store.signLogHead(h),
      readLogHead: () => store.readLogHead(),
      signPanelPackage: ({ text }) => store.signPanelPackage(text),
      exportKeyFile: ({ passphrase }) => store.exportKeyFile(passphrase),
      prepareKey: (request) => store.prepareKey(request),
      activateKey: ({ publicKey }) => store.activatePreparedKey(publicKey),
      adoptKey: ({ secretKey }) => store.adoptKey(secretKey),
    },
  };
}

const PASSPHRASE = '德阳司法局评查2026春';

describe('desktop key export, import, rotation and the move from the page keyring', () => {
  it('启用新密钥 on the desktop: the change is signed by the old key in main, later heads by the new one', async () => {
    const main = mainProcess();
    holdOfficeKeyInMainProcess(main.port);
    const db = freshDb();
    const old = await ensureOfficeKey(db, '组织者');
    const next = await rotateOfficeKey(db, '组织者');
    expect(next.secretKey).toBe('');
    expect(next.publicKey).not.toBe(old.publicKey);
    expect((await main.port.status()).publicKey).toBe(next.publicKey);
    await appendAudit(db, {
      actor: '组织者',
      action: 'score.submit',
      objectType: 'sheet',
      objectId: 's1',
      summary: '提交评分表',
      content: {},
    });
    const log = await readAuditLog(db);
    const change = log.find((e) => e.action === 'key.change')!;
    expect(change.signature?.publicKey).toBe(old.publicKey);
    expect(log.at(-1)!.signature?.publicKey).toBe(next.publicKey);
    expect((await checkDataAndLog(db, await readKeptLogHead(db))).trust.problems).toEqual([]);
    expect((await readOfficeKeyInfo(db)).history.map((h) => h.publicKey)).toEqual([
      old.publicKey,
      next.publicKey,
    ]);
  });

  it('a key file exported by one desktop is imported on another: signed change, then the office key signs; a wrong passphrase changes nothing', async () => {
    const office = mainProcess();
    holdOfficeKeyInMainProcess(office.port);
    const officeDb = freshDb();
    const officeKey = await ensureOfficeKey(officeDb, '组织者');
    const file = await exportOfficeKeyFile(officeDb, PASSPHRASE);
    expect(file.fingerprint).toBe(keyFingerprint(officeKey.publicKey));
    await expect(exportOfficeKeyFile(officeDb, '12345678')).rejects.toThrow(/口令/);

    const laptop = mainProcess();
    holdOfficeKeyInMainProcess(laptop.port);
    const db = freshDb();
    const own = await ensureOfficeKey(db, '组织者');
    const before = await snapshot(db);
    await expect(
      importOfficeKeyFile(db, file.bytes, '错误的口令啊啊啊', 'k.pingcha-key', '组织者'),
    ).rejects.toThrow(/口令不正确/);
    expect(await snapshot(db)).toEqual(before);
    expect((await laptop.port.status()).publicKey).toBe(own.publicKey);

    expect(await importOfficeKeyFile(db, file.bytes, PASSPHRASE, 'k.pingcha-key', '组织者')).toEqual({
      fingerprint: file.fingerprint,
      changed: true,
    });
    expect((await laptop.port.status()).publicKey).toBe(officeKey.publicKey);
    const log = await readAuditLog(db);
    expect(log.at(-1)).toMatchObject({ action: 'key.change', objectId: officeKey.publicKey });
    expect(log.at(-1)!.signature?.publicKey).toBe(own.publicKey);
    expect((await checkDataAndLog(db, await readKeptLogHead(db))).trust.problems).toEqual([]);
  });

  it('an older install’s keyring key moves to the main process at first start and leaves the page; the log goes on under it', async () => {
    const db = freshDb();
    const pageKey = await ensureOfficeKey(db, '组织者'); // the web keyring, as older desktop versions kept it
    expect(pageKey.secretKey).not.toBe('');
    const main = mainProcess();
    holdOfficeKeyInMainProcess(main.port);
    const key = await ensureOfficeKey(db, '组织者');
    expect(key).toEqual({ publicKey: pageKey.publicKey, secretKey: '' });
    expect((await main.port.status()).publicKey).toBe(pageKey.publicKey);
    // Removed from the page once main confirmed it: nothing left to move.
    expect(await moveKeyringKeyToMain(db, main.port)).toBe('none');
    const log = await readAuditLog(db);
    expect(log.map((e) => e.action)).toEqual(['key.create']);
    expect((await checkDataAndLog(db)).trust.problems).toEqual([]);
  });

  it('a keyring key is not moved over another key main already holds; the page keeps its copy', async () => {
    const db = freshDb();
    await ensureOfficeKey(db, '组织者');
    const main = mainProcess();
    const mainKey = await main.port.ensure();
    expect(await moveKeyringKeyToMain(db, main.port)).toBe('kept');
    expect(await moveKeyringKeyToMain(db, main.port)).toBe('kept');
    expect((await main.port.status()).publicKey).toBe(mainKey.publicKey);
  });
});

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
    // Every entry is covered by a head signed with that key at or after it (heads that commit while a
    // signing is under way are signed once, as the newest); every signature is the main process's.
    expect(log.at(-1)!.signature?.publicKey).toBe(key.publicKey);
    expect(log.filter((e) => e.signature).every((e) => e.signature!.publicKey === key.publicKey)).toBe(true);
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

  it('a failed desktop rotation (main cannot protect a new key) changes neither the store nor the key', async () => {
    const main = mainProcess();
    holdOfficeKeyInMainProcess({
      ...main.port,
      prepareKey: async () => {
        throw new Error('本机操作系统的密钥保护不可用');
      },
    });
    const db = freshDb();
    const key = await ensureOfficeKey(db, '组织者');
    const before = await snapshot(db);
    await expect(rotateOfficeKey(db, '组织者')).rejects.toThrow(/密钥保护不可用/);
    expect(await snapshot(db)).toEqual(before);
    expect((await main.port.status()).publicKey).toBe(key.publicKey);
  });
});
