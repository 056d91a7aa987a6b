// The office key on the desktop (issue 23): held by the main process only, encrypted at rest with
// safeStorage (a fake here: the real DPAPI / Keychain / libsecret is never exercised in these
// tests), signing log heads over a validated IPC channel and keeping the signed head in its own file.
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { makeAuditEntry } from '../../shared/audit/audit-chain';
import { checkLogHead } from '../../shared/audit/log-head';
import { entrySignatureValid, verifyLogTrust } from '../../shared/audit/log-trust';
import { generateSigningKeyPair, verifyText } from '../../shared/crypto/signing';
import { importKeyFile } from '../../shared/crypto/key-file';
import { createIpcListener, type IpcInvokeEvent } from '../../electron/main/ipc-register';
import type { HandlerDeps } from '../../electron/main/ipc-handlers';
import {
  NO_OFFICE_KEY_MESSAGE,
  NO_SAFE_STORAGE_MESSAGE,
  OfficeKeyStore,
  type SafeStoragePort,
} from '../../electron/main/office-key-store';

/** A stand-in for Electron's safeStorage: reversible, and visibly not the plain text. */
function fakeSafeStorage(available = true): SafeStoragePort & { encrypted: string[] } {
  const encrypted: string[] = [];
  return {
    encrypted,
    isEncryptionAvailable: () => available,
    encryptString: (plain) => {
      encrypted.push(plain);
      return new TextEncoder().encode('ENC:' + Buffer.from(plain).toString('base64'));
    },
    decryptString: (bytes) => {
      const text = new TextDecoder().decode(bytes);
      if (!text.startsWith('ENC:')) throw new Error('Error while decrypting the ciphertext provided');
      return Buffer.from(text.slice(4), 'base64').toString();
    },
  };
}

function memoryFs() {
  const files = new Map<string, Uint8Array>();
  return {
    files,
    readFile: vi.fn(async (p: string) => {
      const f = files.get(p);
      if (!f) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      return f;
    }),
    writeFile: vi.fn(async (p: string, data: Uint8Array) => void files.set(p, data)),
    rename: vi.fn(async (from: string, to: string) => {
      files.set(to, files.get(from)!);
      files.delete(from);
    }),
    mkdir: vi.fn(async () => undefined),
  };
}

const userData = '/u/评查台';
const keyFile = path.join(userData, 'office-key', 'office-key.safe');
const headFile = path.join(userData, 'office-key', 'log-head.json');

function logOf(publicKey: string) {
  const first = makeAuditEntry(null, {
    at: '2026-12-01T00:00:00.000Z',
    actor: '组织者',
    action: 'key.create',
    objectType: 'office-key',
    objectId: publicKey,
    summary: '启用本单位签名密钥',
    content: {},
  });
  const second = makeAuditEntry(first, {
    at: '2026-12-01T00:01:00.000Z',
    actor: '组织者',
    action: 'score.submit',
    objectType: 'sheet',
    objectId: 's1',
    summary: '提交评分表',
    content: {},
  });
  return [first, second];
}

describe('OfficeKeyStore (main process)', () => {
  it('creates the key once, stores only the safeStorage-encrypted form, and signs heads the log accepts', async () => {
    const fs = memoryFs();
    const safe = fakeSafeStorage();
    const store = new OfficeKeyStore({ safeStorage: safe, fs, userData });
    expect(await store.status()).toEqual({ publicKey: null, protectedBy: 'safeStorage' });
    const { publicKey, created } = await store.ensure();
    expect(created).toBe(true);
    expect(await store.ensure()).toEqual({ publicKey, created: false });
    const secret = JSON.parse(safe.encrypted[0]!).secretKey as string;
    // On disk: only the encrypted form, never the secret in plain text.
    expect(new TextDecoder().decode(fs.files.get(keyFile)!)).not.toContain(secret);
    expect(fs.files.has(`${keyFile}.tmp`)).toBe(false);

    const log = logOf(publicKey);
    const head = await store.signLogHead(log[1]!);
    expect(entrySignatureValid(log[1]!, publicKey, head.signature)).toBe(true);
    const signed = [log[0]!, { ...log[1]!, signature: { publicKey, value: head.signature } }];
    const trust = verifyLogTrust(signed);
    expect(trust.problems).toEqual([]);
    // The head is kept in the main process's own file, and a shortened log is named against it.
    expect(await store.readLogHead()).toEqual(head);
    expect(JSON.parse(new TextDecoder().decode(fs.files.get(headFile)!))).toEqual(head);
    expect(checkLogHead(signed.slice(0, 1), head, trust, '本机')).toEqual([
      expect.stringMatching(/最后 1 条留痕缺失/),
    ]);

    // A new main process (the next start) decrypts the same key from the file.
    const again = new OfficeKeyStore({ safeStorage: safe, fs, userData });
    expect((await again.status()).publicKey).toBe(publicKey);
  });

  it('refuses to create a key when the OS cannot protect it, and writes nothing', async () => {
    const fs = memoryFs();
    const store = new OfficeKeyStore({ safeStorage: fakeSafeStorage(false), fs, userData });
    await expect(store.ensure()).rejects.toThrow(NO_SAFE_STORAGE_MESSAGE);
    expect(fs.files.size).toBe(0);
    await expect(
      store.signLogHead({ seq: 1, hash: 'a'.repeat(64), at: '2026-12-01T00:00:00.000Z' }),
    ).rejects.toThrow(NO_OFFICE_KEY_MESSAGE);
    expect(await store.readLogHead()).toBeNull();
  });

  it('a key file saved under another OS account (cannot be decrypted) is named, not replaced', async () => {
    const fs = memoryFs();
    fs.files.set(keyFile, new TextEncoder().encode('not ours'));
    const store = new OfficeKeyStore({ safeStorage: fakeSafeStorage(), fs, userData });
    await expect(store.ensure()).rejects.toThrow(/无法解密.*密钥文件导入/);
    expect(new TextDecoder().decode(fs.files.get(keyFile)!)).toBe('not ours');
  });

  it('signs a panel package text and refuses any other text (never a signing oracle)', async () => {
    const store = new OfficeKeyStore({ safeStorage: fakeSafeStorage(), fs: memoryFs(), userData });
    const { publicKey } = await store.ensure();
    const text = 'pingcha.panel-package:{"kind":"assignment"}';
    const r = await store.signPanelPackage(text);
    expect(r.publicKey).toBe(publicKey);
    expect(verifyText(publicKey, text, r.signature)).toBe(true);
    await expect(store.signPanelPackage(`pingcha.log-head:1:${'a'.repeat(64)}`)).rejects.toThrow(
      '只能为评查包签名',
    );
    const listener = createIpcListener('signPanelPackage', {
      allowDevServer: false,
      depsFor: () => ({ officeKey: store }) as unknown as HandlerDeps,
    });
    await expect(
      listener({ senderFrame: { url: 'app://pingcha/index.html', parent: null } }, { text: 'anything' }),
    ).rejects.toThrow(/「为评查包签名」的参数无效：text：只能为评查包签名/);
  });

  it('a head file that is not a signed head reads as none', async () => {
    const fs = memoryFs();
    fs.files.set(headFile, new TextEncoder().encode('{"seq":"x"}'));
    expect(
      await new OfficeKeyStore({ safeStorage: fakeSafeStorage(), fs, userData }).readLogHead(),
    ).toBeNull();
  });
});

describe('OfficeKeyStore: key file, rotation and migration (main process)', () => {
  const passphrase = '德阳司法局评查2026春';
  const deps = () => ({ safeStorage: fakeSafeStorage(), fs: memoryFs(), userData, keyFileIterations: 1000 });

  it('exports the web build’s key file and another machine imports it: same key, signing from then on', async () => {
    const office = new OfficeKeyStore(deps());
    const { publicKey } = await office.ensure();
    const file = await office.exportKeyFile(passphrase);
    expect(file.publicKey).toBe(publicKey);
    // The web build opens the same file (shared/crypto/key-file).
    expect((await importKeyFile(file.bytes, passphrase, 'k.pingcha-key')).publicKey).toBe(publicKey);
    await expect(office.exportKeyFile('12345678')).rejects.toThrow(/口令/);

    const laptop = new OfficeKeyStore(deps());
    await laptop.ensure();
    await expect(
      laptop.prepareKey({
        source: 'file',
        bytes: file.bytes,
        passphrase: '错误的口令啊啊啊',
        fileName: 'k.pingcha-key',
      }),
    ).rejects.toThrow(/口令不正确/);
    const prepared = await laptop.prepareKey({
      source: 'file',
      bytes: file.bytes,
      passphrase,
      fileName: 'k',
    });
    expect(prepared.publicKey).toBe(publicKey);
    // Prepared is not active: heads are still signed by the laptop's own key until activated.
    const before = await laptop.signLogHead({ seq: 1, hash: 'a'.repeat(64), at: '2026-12-01T00:00:00.000Z' });
    expect(before.publicKey).not.toBe(publicKey);
    await laptop.activatePreparedKey(publicKey);
    const after = await laptop.signLogHead({ seq: 2, hash: 'b'.repeat(64), at: '2026-12-01T00:00:00.000Z' });
    expect(after.publicKey).toBe(publicKey);
  });

  it('rotation: a new key is held aside until activated; an unknown key is not activated, nothing changes', async () => {
    const d = deps();
    const store = new OfficeKeyStore(d);
    const { publicKey: old } = await store.ensure();
    const saved = d.fs.files.get(keyFile);
    const { publicKey: next } = await store.prepareKey({ source: 'generate' });
    expect(next).not.toBe(old);
    expect(d.fs.files.get(keyFile)).toBe(saved);
    await expect(store.activatePreparedKey('c'.repeat(64))).rejects.toThrow(/没有待启用的签名密钥/);
    expect((await store.status()).publicKey).toBe(old);
    await store.activatePreparedKey(next);
    expect((await store.status()).publicKey).toBe(next);
    // The next start reads the new key from the encrypted file.
    expect((await new OfficeKeyStore(d).status()).publicKey).toBe(next);
    await expect(store.activatePreparedKey(next)).rejects.toThrow(/没有待启用的签名密钥/);
  });

  it('migration: a key from the page’s keyring is adopted when main holds none (or the same), never over another', async () => {
    const d = deps();
    const store = new OfficeKeyStore(d);
    const pageKey = generateSigningKeyPair();
    expect(await store.adoptKey(pageKey.secretKey)).toEqual({ publicKey: pageKey.publicKey, adopted: true });
    expect(new TextDecoder().decode(d.fs.files.get(keyFile)!)).not.toContain(pageKey.secretKey);
    expect(await store.adoptKey(pageKey.secretKey)).toEqual({ publicKey: pageKey.publicKey, adopted: false });
    await expect(store.adoptKey(generateSigningKeyPair().secretKey)).rejects.toThrow(/另一把本单位签名密钥/);
    await expect(store.adoptKey('not a key')).rejects.toThrow(/格式不正确/);
    expect((await new OfficeKeyStore(d).status()).publicKey).toBe(pageKey.publicKey);
  });
});

describe('the signLogHead IPC channel', () => {
  const appEvent: IpcInvokeEvent = { senderFrame: { url: 'app://pingcha/index.html', parent: null } };
  const setup = async () => {
    const store = new OfficeKeyStore({ safeStorage: fakeSafeStorage(), fs: memoryFs(), userData });
    const { publicKey } = await store.ensure();
    const deps = { officeKey: store } as unknown as HandlerDeps;
    return { store, publicKey, deps };
  };

  it('signs a well-formed head for the app page and returns only public values', async () => {
    const { deps, publicKey } = await setup();
    const listener = createIpcListener('signLogHead', { allowDevServer: false, depsFor: () => deps });
    const head = { seq: 2, hash: 'c'.repeat(64), at: '2026-12-01T00:01:00.000Z' };
    const signed = (await listener(appEvent, head)) as Record<string, unknown>;
    expect(Object.keys(signed).sort()).toEqual(['at', 'hash', 'publicKey', 'seq', 'signature']);
    expect(signed.publicKey).toBe(publicKey);
    const status = createIpcListener('officeKeyStatus', { allowDevServer: false, depsFor: () => deps });
    expect(await status(appEvent)).toEqual({ publicKey, protectedBy: 'safeStorage' });
  });

  it('refuses a text to sign, a bad hash, extra fields and a foreign sender, in Chinese, signing nothing', async () => {
    const { deps, store } = await setup();
    const sign = vi.spyOn(store, 'signLogHead');
    const listener = createIpcListener('signLogHead', { allowDevServer: false, depsFor: () => deps });
    const at = '2026-12-01T00:01:00.000Z';
    await expect(listener(appEvent, { seq: 2, hash: 'zz', at })).rejects.toThrow(
      /「签名操作留痕」的参数无效：hash：留痕哈希必须是 64 位十六进制/,
    );
    await expect(listener(appEvent, { seq: 0, hash: 'c'.repeat(64), at })).rejects.toThrow(
      /留痕序号必须大于 0/,
    );
    await expect(
      listener(appEvent, { seq: 2, hash: 'c'.repeat(64), at, text: 'pingcha.panel-package:{}' }),
    ).rejects.toThrow(/参数无效/);
    await expect(
      listener(
        { senderFrame: { url: 'https://evil.example/', parent: null } },
        { seq: 2, hash: 'c'.repeat(64), at },
      ),
    ).rejects.toThrow(/不是来自评查台自己的页面/);
    expect(sign).not.toHaveBeenCalled();
  });

  it('the key channels validate too: an extra field, a bad key or an oversized key file is refused, nothing changes', async () => {
    const { deps, store, publicKey } = await setup();
    const on = (m: 'prepareOfficeKey' | 'activateOfficeKey' | 'adoptOfficeKey' | 'exportOfficeKey') =>
      createIpcListener(m, { allowDevServer: false, depsFor: () => deps });
    await expect(
      on('prepareOfficeKey')(appEvent, { source: 'generate', secretKey: 'a'.repeat(64) }),
    ).rejects.toThrow(/「准备新的签名密钥」的参数无效/);
    await expect(
      on('prepareOfficeKey')(appEvent, {
        source: 'file',
        bytes: new Uint8Array(65 * 1024),
        passphrase: 'x',
        fileName: 'k',
      }),
    ).rejects.toThrow(/密钥文件为空或过大/);
    await expect(on('adoptOfficeKey')(appEvent, { secretKey: 'not hex' })).rejects.toThrow(/密钥格式不正确/);
    await expect(on('activateOfficeKey')(appEvent, { publicKey: 'd'.repeat(64) })).rejects.toThrow(
      /没有待启用的签名密钥/,
    );
    await expect(on('exportOfficeKey')(appEvent, { passphrase: 'x', extra: 1 })).rejects.toThrow(/参数无效/);
    expect((await store.status()).publicKey).toBe(publicKey);
    // A well-formed rotation through the channels: prepared, then activated.
    const prepared = (await on('prepareOfficeKey')(appEvent, { source: 'generate' })) as {
      publicKey: string;
    };
    expect(await on('activateOfficeKey')(appEvent, { publicKey: prepared.publicKey })).toEqual(prepared);
    expect((await store.status()).publicKey).toBe(prepared.publicKey);
  });
});
