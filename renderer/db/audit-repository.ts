// The only writer of the tamper-evident log. appendAudit must run INSIDE the transaction of the
// action it records (include db.auditLog in that transaction's tables), so an action and its
// log entry are written together or not at all.
import Dexie, { type Table, type Transaction } from 'dexie';
import {
  makeAuditEntry,
  verifyAuditChain,
  type AuditAction,
  type AuditEntry,
  type AuditInput,
  type AuditVerification,
} from '@shared/audit/audit-chain';
import { coveredRow } from '@shared/audit/record-coverage';
import { checkLogHead, type SignedLogHead } from '@shared/audit/log-head';
import {
  checkDataAgainstLog,
  headSigningMessage,
  LOGGED_TABLES,
  coveredRecords,
  verifyLogTrust,
  type LogTrustReport,
  type RecordMismatch,
  type StoredRecord,
} from '@shared/audit/log-trust';
import { headCode, keyFingerprint, officeTextSigner, type SigningKeyPair } from '@shared/crypto/signing';
import type { LogCodeLine } from '@shared/documents/log-code-line';
import type { PingchaDatabase } from './database';

declare module './database' {
  interface PingchaDatabase {
    auditLog: Table<AuditEntry, number>;
  }
}

/**
 * Who signs this store's log heads: the desktop main process (the key encrypted with safeStorage,
 * never in the renderer) or, on the web build, the keyring in the browser profile. Signing is
 * asynchronous (an IPC call on the desktop), so it happens right AFTER a write transaction commits:
 * the signer signs the transaction's last entry (the new head; the signature covers every entry
 * chained before it), the signature is stored on that entry, and the signed head is kept outside
 * the log (the main process's own file; the keyring).
 */
export interface LogSigner {
  readonly mode: 'desktop' | 'browser';
  /** The public half of the key this machine signs with (null: none). */
  publicKey(): string | null;
  /** Signs headSigningMessage(seq, hash) and keeps the signed head outside the log; null without a key. */
  signHead(head: Pick<AuditEntry, 'seq' | 'hash' | 'at'>): Promise<SignedLogHead | null>;
  /** The head this machine kept after its last signing (null: never signed here). */
  readHead(): Promise<SignedLogHead | null>;
}

const logSigners = new Map<string, LogSigner>();

export function setLogSigner(db: PingchaDatabase, signer: LogSigner | null): void {
  if (signer) logSigners.set(db.name, signer);
  else logSigners.delete(db.name);
}

export function logSigner(db: PingchaDatabase): LogSigner | null {
  return logSigners.get(db.name) ?? null;
}

type HeadKeeper = (db: PingchaDatabase) => (head: SignedLogHead) => Promise<void>;
type HeadReader = (db: PingchaDatabase) => () => Promise<SignedLogHead | null>;
let headKeeper: HeadKeeper = () => async () => undefined;
let headReader: HeadReader = () => async () => null;

/** Where the web build keeps signed heads (office-key-repository: this machine's keyring). */
export function keepLogHeadWith(keep: HeadKeeper, read: HeadReader): void {
  headKeeper = keep;
  headReader = read;
}

/** The web build's signer: the key held in this connection's memory, heads kept in the keyring. */
export function inMemoryLogSigner(
  db: PingchaDatabase,
  key: SigningKeyPair,
): LogSigner & { key: SigningKeyPair } {
  // The platform's Ed25519 (WebCrypto, key imported once), or the script signer where it has none.
  const signer = officeTextSigner(key.secretKey);
  return {
    mode: 'browser',
    key,
    publicKey: () => key.publicKey,
    async signHead(head) {
      const signed: SignedLogHead = {
        seq: head.seq,
        hash: head.hash,
        at: head.at,
        publicKey: key.publicKey,
        signature: await (await signer)(headSigningMessage(head.seq, head.hash)),
      };
      await headKeeper(db)(signed);
      return signed;
    },
    readHead: () => headReader(db)(),
  };
}

/** Web build (and tests): sign with `key` held in this connection's memory. */
export function setCheckpointSigner(db: PingchaDatabase, key: SigningKeyPair | null): void {
  setLogSigner(db, key ? inMemoryLogSigner(db, key) : null);
}

/** The key pair when this connection holds the secret itself (web build); null on the desktop. */
export function checkpointSigner(db: PingchaDatabase): SigningKeyPair | null {
  const s = logSigners.get(db.name) as (LogSigner & { key?: SigningKeyPair }) | undefined;
  return s?.key ?? null;
}

// Heads waiting to be signed, per database (one after another, in commit order).
const signing = new Map<string, Promise<void>>();
// The last entry each (root) transaction appended: what its commit signs.
const transactionHeads = new WeakMap<object, AuditEntry>();

/** Signs the head `entry` (already committed) and stores the signature on it. */
async function signCommittedHead(db: PingchaDatabase, entry: AuditEntry): Promise<void> {
  const signer = logSigners.get(db.name);
  if (!signer) return;
  const head = await signer.signHead(entry);
  if (!head) return;
  // Only onto the entry that was signed (a restore may have replaced the log meanwhile). The
  // signature is not part of the entry's hash.
  await db.transaction('rw', db.auditLog, async () => {
    const stored = await db.auditLog.get(entry.seq);
    if (stored?.hash === head.hash && !stored.signature)
      await db.auditLog.update(entry.seq, {
        signature: { publicKey: head.publicKey, value: head.signature },
      });
  });
}

// The newest committed head not yet signed, per database: heads that commit while a signing is
// under way are signed once, as the newest (its signature covers the ones before it).
const waitingHead = new Map<string, AuditEntry>();

function queueHeadSigning(db: PingchaDatabase, entry: AuditEntry): void {
  const waiting = waitingHead.get(db.name);
  waitingHead.set(db.name, !waiting || entry.seq > waiting.seq ? entry : waiting);
  if (waiting) return; // a signing of the newest head is already queued
  const before = signing.get(db.name) ?? Promise.resolve();
  const next = before
    .then(() => {
      const head = waitingHead.get(db.name);
      waitingHead.delete(db.name);
      return head ? signCommittedHead(db, head) : undefined;
    })
    .catch(() => undefined);
  signing.set(db.name, next);
}

/**
 * Waits until every head this connection committed has been signed (or failed to be: such a tail
 * is named 「最后 N 条留痕未签名」 and re-signed at the next start). Readers of the log call it first.
 */
export async function settleLogSigning(db: PingchaDatabase): Promise<void> {
  for (;;) {
    const p = signing.get(db.name);
    if (!p) return;
    await p;
    if (signing.get(db.name) === p) return;
  }
}

/**
 * Signs the log's unsigned tail when its chain from the last signed entry verifies: at start (a
 * write committed just before the program stopped) and after a worker without a signer wrote.
 * Returns how many entries the new signature covers (0: nothing to sign, no key, or a broken tail,
 * which stays named 「最后 N 条留痕未签名」).
 */
export async function signUnsignedTail(db: PingchaDatabase): Promise<number> {
  await settleLogSigning(db);
  if (!logSigners.get(db.name)?.publicKey()) return 0;
  const tail: AuditEntry[] = [];
  let signedBefore: AuditEntry | null = null;
  await db.auditLog
    .orderBy('seq')
    .reverse()
    .until((e) => !!e.signature, true)
    .each((e) => {
      if (e.signature) signedBefore = e;
      else tail.unshift(e);
    });
  if (tail.length === 0 || !verifyAuditChain(tail, undefined, signedBefore).ok) return 0;
  await signCommittedHead(db, tail[tail.length - 1]!);
  return tail.length;
}

export async function appendAudit(
  db: PingchaDatabase,
  input: Omit<AuditInput, 'at'> & { at?: string },
): Promise<AuditEntry> {
  if (!Dexie.currentTransaction) {
    return db.transaction('rw', db.auditLog, () => appendAudit(db, input));
  }
  const { records, ...rest } = input;
  const prev = (await db.auditLog.orderBy('seq').last()) ?? null;
  const entry: AuditEntry = makeAuditEntry(prev, {
    ...rest,
    at: input.at ?? new Date().toISOString(),
    // A row that leaves coverage (a letter voided back to a draft) is recorded as released.
    ...(records ? { records: records.map((r) => ({ ...r, row: coveredRow(r.table, r.row) })) } : {}),
  });
  await db.auditLog.add(entry);
  // Each write transaction signs its new head once committed: one signature covers the entries
  // chained before it, so a batch costs one signature.
  let root = Dexie.currentTransaction as Transaction;
  while (root.parent) root = root.parent;
  if (!transactionHeads.has(root)) {
    const tx = root;
    tx.on('complete', () => queueHeadSigning(db, transactionHeads.get(tx)!));
  }
  transactionHeads.set(root, entry);
  return entry;
}

export async function readAuditLog(db: PingchaDatabase): Promise<AuditEntry[]> {
  if (!Dexie.currentTransaction) await settleLogSigning(db);
  return db.auditLog.orderBy('seq').toArray();
}

export async function verifyStoredAuditLog(db: PingchaDatabase): Promise<AuditVerification> {
  return verifyAuditChain(await readAuditLog(db));
}

/**
 * 核对数据与留痕: the full check of this store — the log's chain, signatures and key history, and
 * every final result, draw, issued letter and certificate decision against the digest of its last
 * log entry. Read-only.
 */
export async function checkDataAndLog(
  db: PingchaDatabase,
  keptHead: SignedLogHead | null = null,
): Promise<{ trust: LogTrustReport; mismatches: RecordMismatch[] }> {
  const tables = [db.auditLog, db.campaigns, ...Object.keys(LOGGED_TABLES).map((t) => db.table(t))];
  await settleLogSigning(db);
  return db.transaction('r', tables, async () => {
    const entries = await readAuditLog(db);
    const stored: StoredRecord[] = [];
    for (const table of Object.keys(LOGGED_TABLES))
      stored.push(...coveredRecords(table, await db.table(table).toArray()));
    const live = new Set((await db.campaigns.toCollection().primaryKeys()) as string[]);
    const trust = verifyLogTrust(entries);
    if (keptHead) {
      const tail = checkLogHead(entries, keptHead, trust, '本机保存的留痕末端');
      trust.problems.push(...tail);
      if (tail.length > 0) trust.ok = false;
    }
    return { trust, mismatches: checkDataAgainstLog(entries, stored, live, undefined, trust) };
  });
}

/** The first signed head at or after `seq` (the signature that covers that entry), if any. */
async function coveringSignature(db: PingchaDatabase, seq: number): Promise<AuditEntry | undefined> {
  return db.auditLog
    .where(':id')
    .aboveOrEqual(seq)
    .filter((x) => !!x.signature)
    .first();
}

/** An entry's 留痕校验码 with the fingerprint of the key whose signed head covers it (null: none yet). */
export async function entryCode(db: PingchaDatabase, entry: AuditEntry): Promise<LogCodeLine | null> {
  if (!Dexie.currentTransaction) await settleLogSigning(db);
  const by = entry.signature ? entry : await coveringSignature(db, entry.seq);
  return by ? { code: headCode(entry.hash), fingerprint: keyFingerprint(by.signature!.publicKey) } : null;
}

/**
 * The 留痕校验码 of the last signed checkpoint `action` on `objectId` (the draw.create of a draw,
 * the letter.issue of a letter): the entry covered by a signed head, with the signing key's
 * fingerprint; null when there is none.
 */
export async function checkpointCode(
  db: PingchaDatabase,
  action: AuditAction,
  objectId: string,
): Promise<LogCodeLine | null> {
  if (!Dexie.currentTransaction) await settleLogSigning(db);
  const rows = await db.auditLog.where('action').equals(action).toArray();
  const e = rows.filter((x) => x.objectId === objectId).sort((a, b) => b.seq - a.seq)[0];
  return e ? entryCode(db, e) : null;
}

/** Codes of every signed checkpoint of `action`, by object id (the latest wins). */
export async function checkpointCodes(
  db: PingchaDatabase,
  action: AuditAction,
): Promise<Map<string, LogCodeLine>> {
  if (!Dexie.currentTransaction) await settleLogSigning(db);
  const rows = (await db.auditLog.where('action').equals(action).toArray()).sort((a, b) => a.seq - b.seq);
  const out = new Map<string, LogCodeLine>();
  for (const e of rows) {
    const line = await entryCode(db, e);
    if (line) out.set(e.objectId, line);
  }
  return out;
}
