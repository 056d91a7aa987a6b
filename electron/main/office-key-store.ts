// The office signing key on the desktop (issue 23): the secret half lives only in the main process,
// encrypted at rest with Electron safeStorage (DPAPI on Windows, Keychain on macOS, libsecret on
// Linux) in the app's userData folder; the renderer never sees it. The renderer asks the main
// process to sign a log head (seq + hash) after each committed write, and the main process keeps
// that signed head in its own file, outside the store, so removing the last log entries is named.
// Pure: safeStorage and the file system are injected, so Node tests drive every branch.
import path from 'node:path';
import { signedLogHeadSchema, type SignedLogHead } from '../../shared/audit/log-head';
import { headSigningMessage } from '../../shared/audit/log-trust';
import {
  generateSigningKeyPair,
  officeTextSigner,
  publicKeyOf,
  type AsyncTextSigner,
  type SigningKeyPair,
} from '../../shared/crypto/signing';
import { exportKeyFile, importKeyFile, KeyFileError } from '../../shared/crypto/key-file';
import { MAX_PANEL_PACKAGE_TEXT, PANEL_PACKAGE_TEXT_PREFIX } from '../../shared/ipc/channels';
import { UserFacingError } from './ipc-handlers';

/** What the main process needs of Electron's safeStorage. */
export interface SafeStoragePort {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Uint8Array;
  decryptString(encrypted: Uint8Array): string;
}

export interface OfficeKeyFsPort {
  readFile(filePath: string): Promise<Uint8Array>;
  writeFile(filePath: string, data: Uint8Array): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  mkdir(dirPath: string, options: { recursive: boolean }): Promise<unknown>;
}

export interface OfficeKeyDeps {
  safeStorage: SafeStoragePort;
  fs: OfficeKeyFsPort;
  userData: string;
  now?: () => Date;
  /** PBKDF2 rounds of an exported key file (tests only; the key file's own default otherwise). */
  keyFileIterations?: number;
}

const FOLDER = 'office-key';
const KEY_FILE = 'office-key.safe';
const HEAD_FILE = 'log-head.json';

export const NO_SAFE_STORAGE_MESSAGE =
  '本机操作系统的密钥保护（Windows 数据保护 / macOS 钥匙串 / Linux 密钥环）不可用，评查台不能安全地保存本单位签名密钥，' +
  '因此没有创建密钥。请在已登录的桌面会话中运行评查台（Linux 需要 gnome-keyring 或 KWallet）。';

export const NO_OFFICE_KEY_MESSAGE =
  '本机还没有本单位签名密钥，不能签名操作留痕。请重新启动评查台（启动时会创建密钥），或导入密钥文件。';

function isMissing(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ENOENT';
}

async function readOptional(fs: OfficeKeyFsPort, file: string): Promise<Uint8Array | null> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}

/** Written to a temporary name first, then renamed: a crash never leaves half a key or head. */
async function writeAtomically(fs: OfficeKeyFsPort, file: string, data: Uint8Array): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(`${file}.tmp`, data);
  await fs.rename(`${file}.tmp`, file);
}

/**
 * One office key store per main process. The decrypted key is cached in this process only (one
 * safeStorage decryption per start; the platform's Ed25519 with the key imported once).
 */
export class OfficeKeyStore {
  private cached: { key: SigningKeyPair; sign: Promise<AsyncTextSigner> } | null = null;
  /** A key prepared to replace the current one (rotation, key file): not used until activated. */
  private prepared: SigningKeyPair | null = null;

  constructor(private readonly deps: OfficeKeyDeps) {}

  private file(name: string): string {
    return path.join(this.deps.userData, FOLDER, name);
  }

  private async load(): Promise<SigningKeyPair | null> {
    if (this.cached) return this.cached.key;
    const bytes = await readOptional(this.deps.fs, this.file(KEY_FILE));
    if (!bytes) return null;
    if (!this.deps.safeStorage.isEncryptionAvailable()) throw new UserFacingError(NO_SAFE_STORAGE_MESSAGE);
    let key: SigningKeyPair;
    try {
      const parsed = JSON.parse(this.deps.safeStorage.decryptString(bytes)) as Partial<SigningKeyPair>;
      if (typeof parsed.secretKey !== 'string' || !/^[0-9a-f]{64}$/.test(parsed.secretKey))
        throw new Error('not a key');
      key = { secretKey: parsed.secretKey, publicKey: publicKeyOf(parsed.secretKey) };
    } catch {
      throw new UserFacingError(
        '本机保存的本单位签名密钥无法解密（可能是在另一台电脑或另一个系统账户下保存的），留痕不能签名。' +
          '请用本单位的密钥文件导入密钥。',
      );
    }
    this.cached = { key, sign: officeTextSigner(key.secretKey) };
    return key;
  }

  private async save(key: SigningKeyPair): Promise<void> {
    if (!this.deps.safeStorage.isEncryptionAvailable()) throw new UserFacingError(NO_SAFE_STORAGE_MESSAGE);
    const at = (this.deps.now?.() ?? new Date()).toISOString();
    const plain = JSON.stringify({ secretKey: key.secretKey, publicKey: key.publicKey, createdAt: at });
    await writeAtomically(this.deps.fs, this.file(KEY_FILE), this.deps.safeStorage.encryptString(plain));
    this.cached = { key, sign: officeTextSigner(key.secretKey) };
  }

  /** The public key this machine signs with, and whether the OS can protect a key at all. */
  async status(): Promise<{ publicKey: string | null; protectedBy: 'safeStorage' | 'unavailable' }> {
    const key = await this.load();
    return {
      publicKey: key?.publicKey ?? null,
      protectedBy: this.deps.safeStorage.isEncryptionAvailable() ? 'safeStorage' : 'unavailable',
    };
  }

  /** The key, created (and stored encrypted) on first use; never leaves this process. */
  async ensure(): Promise<{ publicKey: string; created: boolean }> {
    const held = await this.load();
    if (held) return { publicKey: held.publicKey, created: false };
    const key = generateSigningKeyPair();
    await this.save(key);
    return { publicKey: key.publicKey, created: true };
  }

  /**
   * Signs a log head (what each committed write asks for) and keeps it in this process's own file.
   * It signs only the head message (place and hash), never a text the renderer chooses.
   */
  async signLogHead(head: { seq: number; hash: string; at: string }): Promise<SignedLogHead> {
    await this.load();
    if (!this.cached) throw new UserFacingError(NO_OFFICE_KEY_MESSAGE);
    const signed: SignedLogHead = {
      seq: head.seq,
      hash: head.hash,
      at: head.at,
      publicKey: this.cached.key.publicKey,
      signature: await (await this.cached.sign)(headSigningMessage(head.seq, head.hash)),
    };
    await writeAtomically(
      this.deps.fs,
      this.file(HEAD_FILE),
      new TextEncoder().encode(JSON.stringify(signed)),
    );
    return signed;
  }

  /**
   * 导出密钥文件: the key file the web build writes too (passphrase -> PBKDF2 -> AES-GCM). Only the
   * passphrase-encrypted file leaves this process; a weak passphrase is refused.
   */
  async exportKeyFile(passphrase: string): Promise<{ bytes: Uint8Array; publicKey: string }> {
    const key = await this.load();
    if (!key) throw new UserFacingError('本机还没有本单位签名密钥，无法导出。');
    try {
      const at = (this.deps.now?.() ?? new Date()).toISOString();
      return {
        bytes: await exportKeyFile(key, passphrase, at, this.deps.keyFileIterations),
        publicKey: key.publicKey,
      };
    } catch (error) {
      throw error instanceof KeyFileError ? new UserFacingError(error.message) : error;
    }
  }

  /**
   * The first step of 更换密钥 or 导入密钥文件: a new key (generated, or opened from a key file with its
   * passphrase) is held aside, NOT used, so the page can log the change signed by the current key
   * first. Returns its public half. A wrong passphrase or a damaged file changes nothing.
   */
  async prepareKey(
    request:
      { source: 'generate' } | { source: 'file'; bytes: Uint8Array; passphrase: string; fileName: string },
  ): Promise<{ publicKey: string }> {
    if (!this.deps.safeStorage.isEncryptionAvailable()) throw new UserFacingError(NO_SAFE_STORAGE_MESSAGE);
    let key: SigningKeyPair;
    if (request.source === 'generate') key = generateSigningKeyPair();
    else
      try {
        key = await importKeyFile(request.bytes, request.passphrase, request.fileName);
      } catch (error) {
        throw error instanceof KeyFileError ? new UserFacingError(error.message) : error;
      }
    this.prepared = key;
    return { publicKey: key.publicKey };
  }

  /** The second step: the prepared key (named by its public half) becomes the key, stored encrypted. */
  async activatePreparedKey(publicKey: string): Promise<{ publicKey: string }> {
    if (!this.prepared || this.prepared.publicKey !== publicKey)
      throw new UserFacingError(
        '没有待启用的签名密钥（可能评查台已重新启动），请重新更换或导入密钥。密钥未作更改。',
      );
    await this.save(this.prepared);
    this.prepared = null;
    return { publicKey };
  }

  /**
   * Migration of an older desktop install, whose key sat in the page's keyring: the key moves here
   * (stored encrypted) when this process holds none yet, or is the same key. The page removes its
   * copy only after this answer. A different key held here is never replaced.
   */
  async adoptKey(secretKey: string): Promise<{ publicKey: string; adopted: boolean }> {
    if (!/^[0-9a-f]{64}$/.test(secretKey))
      throw new UserFacingError('页面保存的签名密钥格式不正确，未迁移。');
    const key = { secretKey, publicKey: publicKeyOf(secretKey) };
    const held = await this.load();
    if (held) {
      if (held.publicKey !== key.publicKey)
        throw new UserFacingError(
          '本机主进程已保存另一把本单位签名密钥，页面中的旧密钥未迁移（请用密钥文件导入）。密钥未作更改。',
        );
      return { publicKey: held.publicKey, adopted: false };
    }
    await this.save(key);
    return { publicKey: key.publicKey, adopted: true };
  }

  /** Signs an assignment package's signing text; any other text is refused (never a signing oracle). */
  async signPanelPackage(text: string): Promise<{ publicKey: string; signature: string }> {
    if (!text.startsWith(PANEL_PACKAGE_TEXT_PREFIX) || text.length > MAX_PANEL_PACKAGE_TEXT)
      throw new UserFacingError('只能为评查包签名。');
    await this.load();
    if (!this.cached) throw new UserFacingError(NO_OFFICE_KEY_MESSAGE);
    return { publicKey: this.cached.key.publicKey, signature: await (await this.cached.sign)(text) };
  }

  /** The head this machine signed last (null: none, or a file that is not a signed head). */
  async readLogHead(): Promise<SignedLogHead | null> {
    const bytes = await readOptional(this.deps.fs, this.file(HEAD_FILE));
    if (!bytes) return null;
    try {
      const parsed = signedLogHeadSchema.safeParse(JSON.parse(new TextDecoder().decode(bytes)));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }
}
