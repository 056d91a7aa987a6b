// The office key on the desktop (issue 23): held by the main process only, encrypted at rest with
// safeStorage (a fake here: the real DPAPI / Keychain / libsecret is never exercised in these
// tests), signing log heads over a validated IPC channel and keeping the signed head in its own file.
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { makeAuditEntry } from '../../shared/audit/audit-chain';
import { checkLogHead } from '../../shared/audit/log-head';
import { entrySignatureValid, verifyLogTrust } from '../../shared/audit/log-trust';
import { verifyText } from '../../shared/crypto/signing';
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
});
