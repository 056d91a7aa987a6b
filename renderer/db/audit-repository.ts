// The only writer of the tamper-evident log. appendAudit must run INSIDE the transaction of the
// action it records (include db.auditLog in that transaction's tables), so an action and its
// log entry are written together or not at all.
import Dexie, { type Table } from 'dexie';
import {
  makeAuditEntry,
  verifyAuditChain,
  type AuditAction,
  type AuditEntry,
  type AuditInput,
  type AuditVerification,
} from '@shared/audit/audit-chain';
import { coveredRow } from '@shared/audit/record-coverage';
import { checkLogHead, signLogHead, type SignedLogHead } from '@shared/audit/log-head';
import {
  checkDataAgainstLog,
  checkpointMessage,
  LOGGED_TABLES,
  coveredRecords,
  verifyLogTrust,
  type LogTrustReport,
  type RecordMismatch,
  type StoredRecord,
} from '@shared/audit/log-trust';
import { headCode, keyFingerprint, signText, textSigner, type SigningKeyPair } from '@shared/crypto/signing';
import type { LogCodeLine } from '@shared/documents/log-code-line';
import type { PingchaDatabase } from './database';

declare module './database' {
  interface PingchaDatabase {
    auditLog: Table<AuditEntry, number>;
  }
}

// The office key held in memory per database (loaded from the keyring before a checkpoint's
// transaction by office-key-repository), so a checkpoint is signed inside its own transaction.
const signers = new Map<string, { key: SigningKeyPair; sign: (text: string) => string }>();

export function setCheckpointSigner(db: PingchaDatabase, key: SigningKeyPair | null): void {
  if (key) signers.set(db.name, { key, sign: textSigner(key.secretKey) });
  else signers.delete(db.name);
}

export function checkpointSigner(db: PingchaDatabase): SigningKeyPair | null {
  return signers.get(db.name)?.key ?? null;
}

/** A write refused because this connection does not hold the office key the log names. */
export class UnsignedWriteError extends Error {
  constructor() {
    super(
      '本机没有载入本单位签名密钥，不能写入未签名的操作留痕，数据库未作任何更改。请在“设置 → 本单位签名密钥”中导入密钥文件，或稍候重试。',
    );
    this.name = 'UnsignedWriteError';
  }
}

export async function appendAudit(
  db: PingchaDatabase,
  input: Omit<AuditInput, 'at'> & { at?: string; signWith?: SigningKeyPair },
): Promise<AuditEntry> {
  if (!Dexie.currentTransaction) {
    return db.transaction('rw', db.auditLog, () => appendAudit(db, input));
  }
  const { signWith, records, ...rest } = input;
  const prev = (await db.auditLog.orderBy('seq').last()) ?? null;
  const entry: AuditEntry = makeAuditEntry(prev, {
    ...rest,
    at: input.at ?? new Date().toISOString(),
    // A row that leaves coverage (a letter voided back to a draft) is recorded as released.
    ...(records ? { records: records.map((r) => ({ ...r, row: coveredRow(r.table, r.row) })) } : {}),
  });
  // Every entry is signed once the office has a key: an unsigned entry is never a cover.
  const held = signers.get(db.name);
  const key = signWith ?? held?.key ?? null;
  if (!key && (await db.auditLog.where('action').anyOf('key.create', 'key.change').count()) > 0)
    throw new UnsignedWriteError();
  if (key) {
    entry.signature = {
      publicKey: key.publicKey,
      value:
        held && key.publicKey === held.key.publicKey && key.secretKey === held.key.secretKey
          ? held.sign(checkpointMessage(entry.hash))
          : signText(key.secretKey, checkpointMessage(entry.hash)),
    };
  }
  await db.auditLog.add(entry);
  if (key && headKeeper) {
    // The tail anchor: once the write is committed, the signed head is kept outside the log.
    const keeper = headKeeper;
    Dexie.currentTransaction?.on('complete', () => keeper(db, signLogHead(entry, key, entry.at)!));
  }
  return entry;
}

type HeadKeeper = (db: PingchaDatabase, head: SignedLogHead) => void;
let headKeeper: HeadKeeper | null = null;

/** Where the signed head goes after each committed write (office-key-repository: this machine's keyring). */
export function keepLogHeadWith(keeper: HeadKeeper | null): void {
  headKeeper = keeper;
}

export async function readAuditLog(db: PingchaDatabase): Promise<AuditEntry[]> {
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

/**
 * The 留痕校验码 of the last signed checkpoint `action` on `objectId` (the draw.create of a draw,
 * the letter.issue of a letter), with the signing key's fingerprint; null when there is none.
 */
export async function checkpointCode(
  db: PingchaDatabase,
  action: AuditAction,
  objectId: string,
): Promise<LogCodeLine | null> {
  const rows = await db.auditLog.where('action').equals(action).toArray();
  const e = rows.filter((x) => x.objectId === objectId && x.signature).sort((a, b) => b.seq - a.seq)[0];
  return e ? { code: headCode(e.hash), fingerprint: keyFingerprint(e.signature!.publicKey) } : null;
}

/** Codes of every signed checkpoint of `action`, by object id (the latest wins). */
export async function checkpointCodes(
  db: PingchaDatabase,
  action: AuditAction,
): Promise<Map<string, LogCodeLine>> {
  const rows = (await db.auditLog.where('action').equals(action).toArray()).sort((a, b) => a.seq - b.seq);
  const out = new Map<string, LogCodeLine>();
  for (const e of rows)
    if (e.signature)
      out.set(e.objectId, { code: headCode(e.hash), fingerprint: keyFingerprint(e.signature.publicKey) });
  return out;
}
