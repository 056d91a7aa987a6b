// The office signing key (本单位签名密钥). The public half of every key the office has used is in
// `signingKeys` (backed up, so history verifies anywhere); the secret half is in a separate keyring
// database (`<db name>-keyring`) that backups never read. Moving to a new machine = importing the
// passphrase-protected key file exported from 设置, or starting a new key; either is logged
// (`key.change`, signed by the old key when this machine holds it).
import Dexie, { liveQuery, type Table } from 'dexie';
import type { AuditEntry } from '@shared/audit/audit-chain';
import { exportKeyFile, importKeyFile, KeyFileError } from '@shared/crypto/key-file';
import {
  generateSigningKeyPair,
  keyFingerprint,
  signText,
  type SigningKeyPair,
} from '@shared/crypto/signing';
import {
  appendAudit,
  keepLogHeadWith,
  logSigner,
  setCheckpointSigner,
  setLogSigner,
  settleLogSigning,
  type LogSigner,
} from './audit-repository';
import type { DesktopOfficeKey } from '@shared/audit/office-key-port';
import type { SignedLogHead } from '@shared/audit/log-head';
import { signUnsignedTail } from './audit-repository';
import type { PingchaDatabase } from './database';

export interface SigningKeyRow {
  publicKey: string;
  fingerprint: string;
  createdAt: string;
  createdBy: string;
  source: 'generated' | 'imported';
}

declare module './database' {
  interface PingchaDatabase {
    signingKeys: Table<SigningKeyRow, string>;
  }
}

interface KeyringRow extends SigningKeyPair {
  id: 'office';
  createdAt: string;
}

class Keyring extends Dexie {
  keys!: Table<KeyringRow, string>;
  /** The log's head as this machine last signed it (the tail anchor kept outside the log). */
  heads!: Table<SignedLogHead & { id: 'log' }, string>;
  constructor(name: string) {
    super(name);
    this.version(1).stores({ keys: 'id' });
    this.version(2).stores({ keys: 'id', heads: 'id' });
  }
}

const keyrings = new Map<string, Keyring>();
function keyring(db: PingchaDatabase): Keyring {
  let k = keyrings.get(db.name);
  if (!k) {
    k = new Keyring(`${db.name}-keyring`);
    keyrings.set(db.name, k);
  }
  return k;
}

// Web build: every signed head is kept in the keyring (never read inside a store transaction).
keepLogHeadWith(
  (db) => async (head) => {
    await keyring(db)
      .heads.put({ id: 'log', ...head })
      .catch(() => undefined);
  },
  (db) => async () => {
    const row = await keyring(db).heads.get('log');
    if (!row) return null;
    const { id: _id, ...head } = row;
    return head;
  },
);

/** The signed head this machine kept after its last write (null on a machine that never wrote one). */
export async function readKeptLogHead(db: PingchaDatabase): Promise<SignedLogHead | null> {
  await settleLogSigning(db);
  return (await logSigner(db)?.readHead()) ?? null;
}

// Desktop: the office key lives in the main process (safeStorage); this page only asks it to sign.
let desktopKey: DesktopOfficeKey | null = null;

/** Called once at start on the desktop (platform.officeKey): the key is the main process's. */
export function holdOfficeKeyInMainProcess(port: DesktopOfficeKey | null): void {
  desktopKey = port;
}

/** 'desktop' when the main process holds the key; 'browser' when it lives in the browser profile. */
export function officeKeyMode(): 'desktop' | 'browser' {
  return desktopKey ? 'desktop' : 'browser';
}

/** The desktop signer: each committed head goes to the main process over IPC. */
export function desktopLogSigner(port: DesktopOfficeKey, publicKey: string): LogSigner {
  return {
    mode: 'desktop',
    publicKey: () => publicKey,
    signHead: ({ seq, hash, at }) => port.signLogHead({ seq, hash, at }),
    readHead: () => port.readLogHead(),
  };
}

// A worker inside the desktop shell never signs with a key from the browser profile (the key is
// the main process's; the page signs what a worker wrote).
function insideDesktopShell(): boolean {
  const scope = globalThis as { location?: { protocol?: string }; navigator?: { userAgent?: string } };
  return scope.location?.protocol === 'app:' || /\bElectron\//.test(scope.navigator?.userAgent ?? '');
}

async function readSecret(db: PingchaDatabase): Promise<KeyringRow | null> {
  return (await keyring(db).keys.get('office')) ?? null;
}

async function writeSecret(db: PingchaDatabase, key: SigningKeyPair, at: string): Promise<void> {
  await keyring(db).keys.put({
    id: 'office',
    secretKey: key.secretKey,
    publicKey: key.publicKey,
    createdAt: at,
  });
}

/** The key the log currently names as the office's (last key.create / key.change), or null. */
export async function loggedOfficeKey(db: PingchaDatabase): Promise<string | null> {
  const rows = await db.auditLog.where('action').anyOf('key.create', 'key.change').toArray();
  rows.sort((a, b) => a.seq - b.seq);
  return rows.length ? rows[rows.length - 1]!.objectId : null;
}

/**
 * Before a checkpoint's transaction: have the office key in memory (read once from the keyring).
 * Inside an outer transaction the keyring is not read (another database would end it): the key
 * loaded at start-up is used.
 */
export async function prepareCheckpoint(db: PingchaDatabase): Promise<void> {
  // Read again each time outside a transaction: another window or worker may have changed the key.
  if (Dexie.currentTransaction) return;
  await loadOfficeSigner(db);
}

/**
 * Every entry is signed, so a connection that writes must hold the key from its first write: load
 * it whenever the store opens (the page's and each worker's connection).
 */
export function signWhenOpen(db: PingchaDatabase): PingchaDatabase {
  // A keyring that cannot be read must not keep the store from opening (writes then say why).
  db.on('ready', () =>
    loadOfficeSigner(db).then(
      () => undefined,
      () => undefined,
    ),
  );
  return db;
}

/**
 * Inside a restore's transaction: when the restored log names another key than the one this
 * machine signs with (or none), record the change before anything else is appended, so every
 * later entry is signed by the key the log names.
 */
export async function recordHeldKeyAfterRestore(
  db: PingchaDatabase,
  actor: string,
  at: string,
): Promise<void> {
  const held = logSigner(db)?.publicKey() ?? null;
  if (!held || (await loggedOfficeKey(db)) === held) return;
  await logKey(db, { publicKey: held, secretKey: '' }, { actor, at, source: 'generated' });
}

/** Loads this machine's secret key into memory for checkpoint signing (call outside transactions). */
export async function loadOfficeSigner(db: PingchaDatabase): Promise<SigningKeyPair | null> {
  if (desktopKey) {
    const { publicKey } = await desktopKey.status();
    setLogSigner(db, publicKey ? desktopLogSigner(desktopKey, publicKey) : null);
    return null;
  }
  if (insideDesktopShell()) return null;
  const row = await readSecret(db);
  const key = row ? { secretKey: row.secretKey, publicKey: row.publicKey } : null;
  setCheckpointSigner(db, key);
  return key;
}

async function logKey(
  db: PingchaDatabase,
  key: SigningKeyPair,
  input: { actor: string; at: string; source: SigningKeyRow['source'] },
): Promise<AuditEntry> {
  return db.transaction('rw', [db.auditLog, db.signingKeys], async () => {
    const previous = await loggedOfficeKey(db);
    const fingerprint = keyFingerprint(key.publicKey);
    if (!(await db.signingKeys.get(key.publicKey))) {
      await db.signingKeys.put({
        publicKey: key.publicKey,
        fingerprint,
        createdAt: input.at,
        createdBy: input.actor,
        source: input.source,
      });
    }
    // The head of this transaction is signed by the key this connection holds now: the old one
    // when it has it (rotation), else the new one (a machine that never held the old key).
    const byOld = previous !== null && logSigner(db)?.publicKey() === previous;
    return appendAudit(db, {
      at: input.at,
      actor: input.actor,
      action: previous ? 'key.change' : 'key.create',
      objectType: 'office-key',
      objectId: key.publicKey,
      summary: previous
        ? `本单位签名密钥更换为指纹 ${fingerprint}（${byOld ? '由原密钥签名确认' : '原密钥不可用，未经原密钥签名'}）`
        : `启用本单位签名密钥，指纹 ${fingerprint}`,
      content: { publicKey: key.publicKey, fingerprint, previous, signedByPrevious: byOld },
    });
  });
}

/**
 * Makes sure this machine has the office key and the log names it: creates a key on first start,
 * and after a restore onto a machine holding another key records the change (not signed by the
 * old key, which this machine does not hold). Returns the key in use.
 */
export async function ensureOfficeKey(
  db: PingchaDatabase,
  actor: string,
  now: () => Date = () => new Date(),
): Promise<SigningKeyPair> {
  if (desktopKey) return ensureDesktopOfficeKey(db, desktopKey, actor, now);
  let key = await loadOfficeSigner(db);
  const at = now().toISOString();
  if (!key) {
    key = generateSigningKeyPair();
    await writeSecret(db, key, at);
    setCheckpointSigner(db, key);
  }
  if ((await loggedOfficeKey(db)) !== key.publicKey) {
    await logKey(db, key, { actor, at, source: 'generated' });
  }
  // A write committed just before the program last stopped is signed now, if its chain verifies.
  await signUnsignedTail(db);
  return key;
}

/**
 * Desktop: the main process creates the key on first start (encrypted with safeStorage) and signs
 * every head; the log names it. The secret half is never here: what is returned carries the
 * public half only (secretKey empty), for callers that need the fingerprint.
 */
async function ensureDesktopOfficeKey(
  db: PingchaDatabase,
  port: DesktopOfficeKey,
  actor: string,
  now: () => Date,
): Promise<SigningKeyPair> {
  await moveKeyringKeyToMain(db, port);
  const { publicKey } = await port.ensure();
  setLogSigner(db, desktopLogSigner(port, publicKey));
  const key = { publicKey, secretKey: '' };
  if ((await loggedOfficeKey(db)) !== publicKey)
    await logKey(db, key, { actor, at: now().toISOString(), source: 'generated' });
  await signUnsignedTail(db);
  return key;
}

/**
 * Migration of a desktop install from before the key lived in the main process: a key in this
 * page's keyring moves to the main process (stored there with safeStorage) at the first start, and
 * the page's copy is removed only once main confirms it holds that very key. When main already
 * holds another key the page's copy stays (export it as a key file from an older version, or
 * import the office's key file) and nothing changes.
 */
export async function moveKeyringKeyToMain(
  db: PingchaDatabase,
  port: DesktopOfficeKey,
): Promise<'moved' | 'none' | 'kept'> {
  const row = await readSecret(db).catch(() => null);
  if (!row) return 'none';
  let held: string;
  try {
    held = (await port.adoptKey({ secretKey: row.secretKey })).publicKey;
  } catch {
    return 'kept';
  }
  if (held !== row.publicKey) return 'kept';
  await keyring(db).keys.delete('office');
  return 'moved';
}

/**
 * The office's signature over a panel package's signing text: by the main process on the desktop
 * (`key` carries no secret there), with the key in memory on the web build.
 */
export async function signAsOffice(key: SigningKeyPair, text: string): Promise<string> {
  if (key.secretKey) return signText(key.secretKey, text);
  if (!desktopKey) throw new KeyFileError('本机没有载入本单位签名密钥，不能签名。');
  return (await desktopKey.signPanelPackage({ text })).signature;
}

/**
 * Desktop: a worker (ledger import, draw) has no bridge to the main process, so its commits leave
 * the head unsigned; the page signs such a tail as soon as it appears (its chain checked first).
 * The web build's workers sign with the keyring themselves. Returns a stop function.
 */
export function signWhatWorkersWrite(db: PingchaDatabase): () => void {
  if (!desktopKey) return () => undefined;
  const sub = liveQuery(() => db.auditLog.orderBy('seq').last()).subscribe({
    next: (last) => {
      if (last && !last.signature) void signUnsignedTail(db).catch(() => undefined);
    },
    error: () => undefined,
  });
  return () => sub.unsubscribe();
}

/** Starts a new office key on this machine; the change is signed by the old key. */
export async function rotateOfficeKey(
  db: PingchaDatabase,
  actor: string,
  now: () => Date = () => new Date(),
): Promise<SigningKeyPair> {
  if (desktopKey) {
    await ensureOfficeKey(db, actor, now);
    const { publicKey } = await desktopKey.prepareKey({ source: 'generate' });
    return switchDesktopKey(db, desktopKey, publicKey, { actor, at: now().toISOString(), fileName: null });
  }
  const old = await ensureOfficeKey(db, actor, now);
  const key = generateSigningKeyPair();
  const at = now().toISOString();
  setCheckpointSigner(db, old);
  await logKey(db, key, { actor, at, source: 'generated' });
  // The change is signed by the old key before the new one signs anything.
  await settleLogSigning(db);
  await writeSecret(db, key, at);
  setCheckpointSigner(db, key);
  return key;
}

/**
 * Desktop: the main process holds `publicKey` prepared (generated or from a key file). The change is
 * logged and signed by the key main signs with now (the old one), and only then does main switch
 * to the new key; a key the log already names (the office moved machines) is switched to first and
 * its import logged under it. The secret never comes to the page.
 */
async function switchDesktopKey(
  db: PingchaDatabase,
  port: DesktopOfficeKey,
  publicKey: string,
  input: { actor: string; at: string; fileName: string | null },
): Promise<SigningKeyPair> {
  const key = { publicKey, secretKey: '' };
  if (input.fileName !== null && (await loggedOfficeKey(db)) === publicKey) {
    await port.activateKey({ publicKey });
    setLogSigner(db, desktopLogSigner(port, publicKey));
    await logKeyImport(db, publicKey, input);
  } else {
    await logKey(db, key, {
      actor: input.actor,
      at: input.at,
      source: input.fileName ? 'imported' : 'generated',
    });
    await settleLogSigning(db);
    await port.activateKey({ publicKey });
    setLogSigner(db, desktopLogSigner(port, publicKey));
  }
  await settleLogSigning(db);
  return key;
}

async function logKeyImport(
  db: PingchaDatabase,
  publicKey: string,
  input: { actor: string; at: string; fileName: string | null },
): Promise<void> {
  const fingerprint = keyFingerprint(publicKey);
  await db.transaction('rw', [db.auditLog, db.signingKeys], async () => {
    if (!(await db.signingKeys.get(publicKey)))
      await db.signingKeys.put({
        publicKey,
        fingerprint,
        createdAt: input.at,
        createdBy: input.actor,
        source: 'imported',
      });
    await appendAudit(db, {
      at: input.at,
      actor: input.actor,
      action: 'key.import',
      objectType: 'office-key',
      objectId: publicKey,
      summary: `从密钥文件“${input.fileName ?? ''}”导入本单位签名密钥（指纹 ${fingerprint}）`,
      content: { publicKey, fingerprint },
    });
  });
}

export async function exportOfficeKeyFile(
  db: PingchaDatabase,
  passphrase: string,
  now: () => Date = () => new Date(),
): Promise<{ bytes: Uint8Array; fileName: string; fingerprint: string }> {
  let bytes: Uint8Array;
  let publicKey: string;
  if (desktopKey) {
    // The main process encrypts the key file with the passphrase; only that file comes here.
    ({ bytes, publicKey } = await desktopKey.exportKeyFile({ passphrase }));
  } else {
    const row = await readSecret(db);
    if (!row) throw new KeyFileError('本机还没有本单位签名密钥，无法导出。');
    bytes = await exportKeyFile(row, passphrase, now().toISOString());
    publicKey = row.publicKey;
  }
  const fingerprint = keyFingerprint(publicKey);
  return { bytes, fileName: `评查台签名密钥-${fingerprint.slice(0, 9)}.pingcha-key`, fingerprint };
}

/**
 * Installs the key from a key file. If the log already names it (the office moved machines) this
 * is recorded as `key.import`; otherwise it is a key change, signed by the key this machine held.
 * A wrong passphrase or a damaged file changes nothing.
 */
export async function importOfficeKeyFile(
  db: PingchaDatabase,
  bytes: Uint8Array,
  passphrase: string,
  fileName: string,
  actor: string,
  now: () => Date = () => new Date(),
): Promise<{ fingerprint: string; changed: boolean }> {
  if (desktopKey) {
    const held = (await desktopKey.status()).publicKey;
    const { publicKey } = await desktopKey.prepareKey({ source: 'file', bytes, passphrase, fileName });
    const fingerprint = keyFingerprint(publicKey);
    if (held === publicKey && (await loggedOfficeKey(db)) === publicKey)
      return { fingerprint, changed: false };
    await switchDesktopKey(db, desktopKey, publicKey, { actor, at: now().toISOString(), fileName });
    return { fingerprint, changed: true };
  }
  const key = await importKeyFile(bytes, passphrase, fileName);
  const held = await loadOfficeSigner(db);
  const at = now().toISOString();
  const fingerprint = keyFingerprint(key.publicKey);
  if (held?.publicKey === key.publicKey && (await loggedOfficeKey(db)) === key.publicKey)
    return { fingerprint, changed: false };
  if ((await loggedOfficeKey(db)) === key.publicKey) {
    setCheckpointSigner(db, key);
    await logKeyImport(db, key.publicKey, { actor, at, fileName });
  } else {
    setCheckpointSigner(db, held ?? key);
    await logKey(db, key, { actor, at, source: 'imported' });
  }
  await settleLogSigning(db);
  await writeSecret(db, key, at);
  setCheckpointSigner(db, key);
  return { fingerprint, changed: true };
}

export interface OfficeKeyInfo {
  publicKey: string | null;
  fingerprint: string | null;
  /** Every key the office has used, oldest first. */
  history: SigningKeyRow[];
}

export async function readOfficeKeyInfo(db: PingchaDatabase): Promise<OfficeKeyInfo> {
  const row = desktopKey ? await desktopKey.status() : await readSecret(db);
  const history = (await db.signingKeys.toArray()).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return {
    publicKey: row?.publicKey ?? null,
    fingerprint: row?.publicKey ? keyFingerprint(row.publicKey) : null,
    history,
  };
}

/** Test/maintenance hook: forget this machine's secret key (as on a new machine). */
export async function forgetOfficeKeyForTests(db: PingchaDatabase): Promise<void> {
  await keyring(db).keys.clear();
  await keyring(db).heads.clear();
  setCheckpointSigner(db, null);
}
