// Whole-store backup and restore. Export reads every table (db.tables, so tables added by later
// schema versions are included without code changes) inside ONE read transaction, a consistent
// snapshot, streaming records into the backup writer. Restore replaces every table inside ONE
// read-write transaction: a corrupt part, a quota error or a closed page aborts it, and the store
// is exactly as it was. An older backup is restored into a staging database of its own schema
// version, upgraded there by Dexie, and only then swapped in (again in one transaction).
import { formatDateTime } from '@shared/util/time-format';
import { throwIfCancelled, type CancelSignal } from '@shared/util/cancel';
import Dexie, { type Table } from 'dexie';
import {
  BackupFileError,
  BackupWriter,
  checkBackupCompatibility,
  concatBytes,
  readBackupManifest,
  verifyBackupParts,
  type BackupCompatibility,
  type BackupManifest,
  type BackupReason,
  type BytesHasher,
} from '@shared/backup/backup-format';
import { checkBackupRecords, readRepairedPart, repairedPartPages } from '@shared/backup/check-records';
import { caseFileProblems } from '@shared/case-files/case-file-integrity';
import { TABLE_SCHEMAS } from '@shared/backup/record-schemas';
import type { z } from 'zod';
import {
  commonLogPrefix,
  computeRestoreLoss,
  type LossSide,
  type RestoreLoss,
} from '@shared/backup/restore-loss';
import { verifyAuditChain, type AuditEntry, type AuditVerification } from '@shared/audit/audit-chain';
import { sha256BytesHex } from '@shared/crypto/sha256';

/** WebCrypto's SHA-256 where available (native: many times faster than the portable one). */
export const fastSha256: BytesHasher = (() => {
  const subtle = (globalThis as { crypto?: { subtle?: SubtleCrypto } }).crypto?.subtle;
  if (!subtle) return sha256BytesHex;
  return async (bytes: Uint8Array) => {
    const digest = new Uint8Array(await subtle.digest('SHA-256', bytes as BufferSource));
    let hex = '';
    for (const b of digest) hex += b.toString(16).padStart(2, '0');
    return hex;
  };
})();

/** Backup files whose every part was verified by inspectBackup (restore need not hash them again). */
const verifiedFiles = new WeakSet<Uint8Array>();

import { appendAudit, logSigner, settleLogSigning } from './audit-repository';
import { signedHeadOf, type SignedLogHead } from '@shared/audit/log-head';
import { checkBackupTrust } from '@shared/backup/backup-trust';
import { UNTRUSTED_RESTORE } from '@shared/audit/log-trust';
import { prepareCheckpoint, recordHeldKeyAfterRestore } from './office-key-repository';
import { keyFingerprint } from '@shared/crypto/signing';
import { PingchaDatabase, type TableName } from './database';
import { CURRENT_SCHEMA_VERSION, SCHEMA_VERSIONS } from './schema';
import type { LetterNumberRecord } from './letters-repository';
import './workflow-records';
import './letters-repository';
import './officers-repository';
import { isQuotaError } from './quota-error';
import { StoreError } from './store-error';

/** Checks every part's hash (progress 'verify'; an aborted signal stops between parts) and remembers the bytes
 * as verified. */
async function verifyAllParts(
  bytes: Uint8Array,
  manifest: BackupManifest,
  options: { sha256?: BytesHasher; signal?: CancelSignal; onProgress?: (p: BackupProgress) => void },
): Promise<void> {
  await verifyBackupParts(bytes, manifest, {
    sha256: options.sha256 ?? fastSha256,
    onProgress: (done, total) => {
      checkCancelled(options.signal);
      options.onProgress?.({ phase: 'verify', done, total });
    },
  });
  verifiedFiles.add(bytes);
}

/**
 * A log entry a restore rolled back: the entry exactly as it was (its hash still links it to the
 * entries before it), and which restore superseded it. Kept across restores (never replaced).
 */
export interface SupersededAuditEntry extends AuditEntry {
  /** `${restoreHash}:${seq}` */
  id: string;
  /** seq and hash of the 'backup.restore' entry that rolled it back. */
  restoreSeq: number;
  restoreHash: string;
  restoredAt: string;
  restoredBy: string;
  backupCreatedAt: string;
}

declare module './database' {
  interface PingchaDatabase {
    auditSuperseded: Table<SupersededAuditEntry, string>;
  }
}

/**
 * Every table's backup treatment is its record schema (a restore checks each record against it): a new
 * table without one does not compile.
 */
export const BACKUP_RECORD_SCHEMAS: Record<TableName, z.ZodType> = TABLE_SCHEMAS;

/** Machine-local meta records that a restore keeps (they describe this installation, not the data). */
export const LOCAL_META_KEYS = ['backup:last', 'settings:backups'] as const;

export interface BackupProgress {
  phase: 'export' | 'verify' | 'write';
  done: number;
  total: number;
  table?: string;
  /** Within the current table (export): records read so far of its total. */
  part?: { done: number; total: number };
}

/** A cancelled export / inspection / restore (the caller's signal): nothing was written. */
export const BACKUP_CANCELLED_MESSAGE = '已取消，数据库未作任何更改。';

/** An aborted `signal` stops an export, an inspection, or a restore before its transaction starts. */
function checkCancelled(signal: CancelSignal | undefined, message = BACKUP_CANCELLED_MESSAGE): void {
  throwIfCancelled(signal, message);
}

const EXPORT_CANCELLED = '已取消备份，没有写出任何备份文件。';

export interface ExportOptions {
  appVersion: string;
  reason: BackupReason;
  now?: () => Date;
  onProgress?: (p: BackupProgress) => void;
  sha256?: BytesHasher;
  /** Checked between batches: an aborted export throws the cancellation (AbortError; no bytes returned). */
  signal?: CancelSignal;
  /**
   * Where the file's bytes go as they are made (a file being written): the ZIP stream is fed table page
   * by table page while the store is read, nothing is kept, and the result's `bytes` is empty.
   */
  onData?: (chunk: Uint8Array) => void;
  /**
   * False: the 电子案卷's content (caseFileBytes) is left out, their records, hashes, labels and pins
   * stay, and the manifest says so (issue 27: a backup without the files is far smaller). Default true.
   */
  caseFiles?: boolean;
}

export interface BackupResult {
  bytes: Uint8Array;
  manifest: BackupManifest;
}

function keyPathOf(table: Table): string | string[] | null {
  const pk = table.schema.primKey;
  if (pk.keyPath == null || pk.keyPath === '') return null;
  return pk.keyPath;
}

/** Writes the whole database into one backup file (bytes). */
export async function exportDatabase(db: PingchaDatabase, options: ExportOptions): Promise<BackupResult> {
  if (!db.isOpen()) await db.open();
  const chunks: Uint8Array[] = [];
  const writer = new BackupWriter({
    onData: options.onData ?? ((c) => chunks.push(c)),
    sha256: options.sha256 ?? fastSha256,
  });
  const tables = db.tables;
  const omitsCaseFiles = options.caseFiles === false && tables.some((t) => t.name === 'caseFileBytes');
  let logHead: SignedLogHead | null = null;
  await settleLogSigning(db);
  await db.transaction('r', tables, async () => {
    // The tail anchor: the log's head as this backup holds it, signed (removing the last entries of
    // the log inside the file is then named). The head's own signature is the one its commit got.
    if (tables.some((t) => t.name === 'auditLog'))
      logHead = signedHeadOf(await db.auditLog.orderBy('seq').last());
    let t = 0;
    for (const table of tables) {
      const keyPath = keyPathOf(table);
      writer.beginTable(table.name, keyPath);
      const keys =
        omitsCaseFiles && table.name === 'caseFileBytes' ? [] : await table.toCollection().primaryKeys();
      // Fetch few records at first (case chunks are ~1 MB each), more while they stay small.
      let step = 8;
      for (let i = 0; i < keys.length;) {
        const slice = keys.slice(i, i + step);
        const values = await table.bulkGet(slice);
        const before = writer.totalChars;
        writer.addRecords(keyPath === null ? values.map((v, k) => [slice[k], v]) : values);
        i += slice.length;
        checkCancelled(options.signal, EXPORT_CANCELLED);
        options.onProgress?.({
          phase: 'export',
          done: t,
          total: tables.length,
          table: table.name,
          part: { done: i, total: keys.length },
        });
        if (step < 4096) step *= 2;
        if (slice.length > 0 && (writer.totalChars - before) / slice.length > 100_000) step = 8;
      }
      writer.endTable();
      options.onProgress?.({ phase: 'export', done: ++t, total: tables.length, table: table.name });
    }
  });
  checkCancelled(options.signal, EXPORT_CANCELLED);
  const manifest = await writer.finish({
    appVersion: options.appVersion,
    schemaVersion: db.verno,
    createdAt: (options.now?.() ?? new Date()).toISOString(),
    reason: options.reason,
    databaseName: db.name,
    ...(logHead ? { logHead } : {}),
    ...(omitsCaseFiles ? { caseFilesOmitted: true as const } : {}),
  });
  return { bytes: concatBytes(chunks), manifest };
}

export interface BackupInspection {
  manifest: BackupManifest;
  compatibility: BackupCompatibility;
  /** What the restore would undo of this machine's work (null when the backup is refused). */
  loss: RestoreLoss | null;
  /** The backup's own log chain, verified (null when the backup is refused). */
  log: AuditVerification | null;
  /**
   * What the backup's log proves, checked as `pingcha log verify` does (signatures, tail, every
   * covered record): each problem named in Chinese; null when the backup is refused.
   */
  trust: BackupTrustSummary | null;
  /**
   * The key question, asked before the restore: this machine's office key (fingerprint, null when
   * it holds none) against the key the backup's log names last (null when it names none).
   */
  keys: { machine: string | null; backup: string | null } | null;
}

export interface BackupTrustSummary {
  problems: string[];
  warnings: string[];
  /** Fingerprints of the office keys the backup's log names, oldest first. */
  keys: string[];
  /** True when the log has no key entry at all (「未签名」). */
  unsigned: boolean;
}

const trustOfFile = new WeakMap<Uint8Array, BackupTrustSummary>();

function backupTrustSummary(bytes: Uint8Array, manifest: BackupManifest): BackupTrustSummary {
  const known = trustOfFile.get(bytes);
  if (known) return known;
  const t = checkBackupTrust(bytes, manifest);
  const summary = {
    problems: t.problems,
    warnings: t.warnings,
    keys: t.trust.keys.map((k) => k.fingerprint),
    unsigned: t.trust.unsigned,
  };
  trustOfFile.set(bytes, summary);
  return summary;
}

function hereOf(db: PingchaDatabase, appVersion: string) {
  return {
    appVersion,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    tables: db.tables.map((t) => t.name),
    knownVersions: SCHEMA_VERSIONS.map((v) => v.version),
  };
}

/**
 * What a backup holds, with every part's SHA-256 checked: shown to the user before anything is
 * replaced. Throws BackupFileError (Chinese) for an unreadable, foreign or corrupt file.
 */
export async function inspectBackup(
  db: PingchaDatabase,
  bytes: Uint8Array,
  options: {
    appVersion: string;
    sha256?: BytesHasher;
    onProgress?: (p: BackupProgress) => void;
    signal?: CancelSignal;
  },
): Promise<BackupInspection> {
  const manifest = readBackupManifest(bytes);
  const compatibility = checkBackupCompatibility(manifest, hereOf(db, options.appVersion));
  if (compatibility.kind !== 'refused') {
    await prepareCheckpoint(db);
    // The key this machine signs with (desktop: the main process's public half).
    const machineKey = logSigner(db)?.publicKey() ?? null;
    await verifyAllParts(bytes, manifest, options);
    await checkRecords(db, bytes, manifest);
    const backupSide = readBackupSide(bytes, manifest);
    return {
      manifest,
      compatibility,
      loss: computeRestoreLoss(await readStoreSide(db), backupSide.side),
      log: verifyAuditChain(backupSide.log),
      trust: backupTrustSummary(bytes, manifest),
      keys: {
        machine: machineKey ? keyFingerprint(machineKey) : null,
        backup: backupTrustSummary(bytes, manifest).keys.at(-1) ?? null,
      },
    };
  }
  return { manifest, compatibility, loss: null, log: null, trust: null, keys: null };
}

export class RestoreError extends StoreError {
  override name = 'RestoreError';
}

export interface RestoreOptions {
  appVersion: string;
  actor: string;
  sha256?: BytesHasher;
  onProgress?: (p: BackupProgress) => void;
  now?: () => Date;
  /**
   * Checked until the replacing transaction starts (then the replace runs to its end or rolls back
   * as a whole): an aborted restore throws the cancellation (AbortError) with the store unchanged.
   */
  signal?: CancelSignal;
  /**
   * The backup's log chain does not verify: restore only when the user confirmed restoring it
   * anyway, naming the broken entry (its seq, as inspectBackup reported it).
   */
  acceptBrokenLogAt?: number;
  /**
   * The backup's log does not prove its data (see BackupInspection.trust): restore only when the
   * user confirmed each named problem (the exact lines the preview showed); the restore's log entry
   * records that it was restored anyway.
   */
  acceptTrustProblems?: readonly string[];
  /** Test hook: called after each table is written inside the transaction (throw to inject a fault). */
  afterTable?: (name: string) => void;
  /** Rows decoded and written at once (default RECORD_PAGE_ROWS). */
  pageRows?: number;
}

export interface RestoreResult {
  manifest: BackupManifest;
  migratedFrom: number | null;
}

/** Writes the backup's tables into `target` (all tables cleared first) inside the current transaction. */
async function writeTables(
  target: PingchaDatabase,
  bytes: Uint8Array,
  manifest: BackupManifest,
  options: Pick<RestoreOptions, 'onProgress' | 'afterTable' | 'pageRows'>,
): Promise<void> {
  const total = manifest.tables.reduce((a, t) => a + t.parts.length, 0);
  // Tells the caller the replacing transaction has started (a cancel no longer applies).
  options.onProgress?.({ phase: 'write', done: 0, total });
  for (const table of target.tables) await table.clear();
  let done = 0;
  for (const [t, info] of manifest.tables.entries()) {
    const table = target.table(info.name);
    for (let i = 0; i < info.parts.length; i++) {
      // Verified and checked before the transaction (restoreBackup): no hashing inside it. Decoded and
      // written a page at a time: at most one page of rows is held decoded.
      for (const records of repairedPartPages(bytes, manifest, t, i, options.pageRows)) {
        if (info.keyPath === null) {
          const pairs = records as [unknown, unknown][];
          await table.bulkPut(
            pairs.map((p) => p[1]),
            pairs.map((p) => p[0]) as never,
          );
        } else {
          await table.bulkPut(records);
        }
      }
      options.onProgress?.({ phase: 'write', done: ++done, total, table: info.name });
    }
    options.afterTable?.(info.name);
  }
}

function versionIndex(version: number): number {
  return SCHEMA_VERSIONS.findIndex((v) => v.version === version) + 1;
}

/** The tables a database of schema `version` has. */
export function tablesOfVersion(version: number): string[] {
  const tables = new Set<string>();
  for (const v of SCHEMA_VERSIONS.slice(0, versionIndex(version))) {
    for (const [name, spec] of Object.entries(v.stores)) {
      if (spec === null) tables.delete(name);
      else tables.add(name);
    }
  }
  return [...tables];
}

const LOSS_TABLES = ['letterNumbers', 'letters', 'scoreSheets', 'reviewDecisions', 'auditLog'] as const;

/** The records of the backup a restore preview compares with the store. */
function readBackupSide(bytes: Uint8Array, manifest: BackupManifest): { side: LossSide; log: AuditEntry[] } {
  const side: Record<string, unknown[]> = Object.fromEntries(LOSS_TABLES.map((t) => [t, []]));
  manifest.tables.forEach((info, t) => {
    if (!(LOSS_TABLES as readonly string[]).includes(info.name)) return;
    for (let i = 0; i < info.parts.length; i++)
      side[info.name]!.push(...readRepairedPart(bytes, manifest, t, i));
  });
  const log = (side.auditLog as AuditEntry[]).sort((a, b) => a.seq - b.seq);
  return { side: { ...(side as unknown as LossSide), auditLog: log }, log };
}

async function readStoreSide(db: PingchaDatabase): Promise<LossSide> {
  return {
    letterNumbers: await db.letterNumbers.toArray(),
    letters: await db.letters.toArray(),
    scoreSheets: await db.scoreSheets.toArray(),
    reviewDecisions: await db.reviewDecisions.toArray(),
    auditLog: await db.auditLog.orderBy('seq').toArray(),
  };
}

/** What a restore keeps of the store it replaces (read inside the replacing transaction). */
interface Preserved {
  local: { key: string; value: unknown }[];
  numbers: LetterNumberRecord[];
  log: AuditEntry[];
  superseded: SupersededAuditEntry[];
}

async function readPreserved(db: PingchaDatabase): Promise<Preserved> {
  return {
    local: (await db.meta.bulkGet([...LOCAL_META_KEYS])).filter((m) => m !== undefined),
    numbers: await db.letterNumbers.toArray(),
    log: await db.auditLog.orderBy('seq').toArray(),
    superseded: await db.auditSuperseded.toArray(),
  };
}

/**
 * After the backup's tables are written (same transaction): machine-local settings back; every
 * number this store ever allocated stays on the register (as void when the backup lacks it), so it
 * is never offered again; the log continues from the backup's log with the restore's entry, and
 * this store's entries the backup does not hold are kept as a superseded branch of that entry.
 */
async function mergeAfterRestore(
  db: PingchaDatabase,
  pre: Preserved,
  manifest: BackupManifest,
  entry: Omit<Parameters<typeof appendAudit>[1], 'content'> & { content: Record<string, unknown> },
): Promise<void> {
  await db.meta.bulkPut(pre.local);
  const restoredNumbers = new Set(await db.letterNumbers.toCollection().primaryKeys());
  const at = entry.at ?? new Date().toISOString();
  const when = manifest.createdAt;
  const kept = pre.numbers
    .filter((n) => !restoredNumbers.has(n.id))
    .map((n) => ({
      ...n,
      status: 'void' as const,
      voidedAt: n.voidedAt ?? at,
      voidReason:
        n.voidReason ??
        `该文号在恢复备份（备份时间 ${when}）之前已分配${n.status === 'issued' ? '并印发' : ''}，恢复后其整改函回到备份时的状态；文号作废保留，不再分配。`,
    }));
  await db.letterNumbers.bulkPut(kept);
  // Branches kept by earlier restores stay (the backup's own ones were restored with it).
  await db.auditSuperseded.bulkPut(pre.superseded);
  const restoredLog = await db.auditLog.orderBy('seq').toArray();
  const k = commonLogPrefix(pre.log, restoredLog);
  const undone = pre.log.slice(k);
  await recordHeldKeyAfterRestore(db, entry.actor, at);
  const restoreEntry = await appendAudit(db, {
    ...entry,
    content: {
      ...entry.content,
      // The rolled-back entries are anchored in the chain through this entry's digest.
      superseded: undone.map((e) => ({ seq: e.seq, hash: e.hash })),
      keptNumbers: kept.map((n) => n.docNumber),
    },
    // The kept numbers as they now stand on the register (void), vouched for by this entry.
    records: kept.map((n) => ({ table: 'letterNumbers', key: n.id, row: n })),
  });
  await db.auditSuperseded.bulkPut(
    undone.map((e) => ({
      ...e,
      id: `${restoreEntry.hash}:${e.seq}`,
      restoreSeq: restoreEntry.seq,
      restoreHash: restoreEntry.hash,
      restoredAt: restoreEntry.at,
      restoredBy: restoreEntry.actor,
      backupCreatedAt: manifest.createdAt,
    })),
  );
}

/** Every log entry a restore rolled back, oldest restore first (the log page's superseded branches). */
export async function readSupersededEntries(db: PingchaDatabase): Promise<SupersededAuditEntry[]> {
  const rows = await db.auditSuperseded.toArray();
  return rows.sort(
    (a, b) => a.restoreSeq - b.restoreSeq || a.restoredAt.localeCompare(b.restoredAt) || a.seq - b.seq,
  );
}

/** Backups whose records were all checked (shape, tables, meta keys) against this installation. */
const checkedFiles = new WeakSet<Uint8Array>();

/**
 * Checks every record of the backup (shape, table, meta key) before anything is replaced; throws
 * BackupFileError('invalid') with a Chinese message naming the table and the record.
 */
async function checkRecords(
  db: PingchaDatabase,
  bytes: Uint8Array,
  manifest: BackupManifest,
  onProgress?: (p: BackupProgress) => void,
): Promise<void> {
  if (checkedFiles.has(bytes)) return;
  if (!db.isOpen()) await db.open();
  const workspace = (await db.meta.get('packageWorkspace')) !== undefined;
  checkBackupRecords(bytes, manifest, {
    tables: tablesOfVersion(manifest.schemaVersion),
    workspace,
    onProgress: (done, total) => onProgress?.({ phase: 'verify', done, total }),
  });
  checkedFiles.add(bytes);
}

/** Every 电子案卷 of the backup against its recorded SHA-256 (issue 27); refuses the restore otherwise. */
async function checkCaseFiles(bytes: Uint8Array, manifest: BackupManifest, hash: BytesHasher): Promise<void> {
  const records = (name: string) => {
    const t = manifest.tables.findIndex((x) => x.name === name);
    if (t < 0) return [];
    return manifest.tables[t]!.parts.flatMap((_, i) => readRepairedPart(bytes, manifest, t, i));
  };
  const problems = await caseFileProblems(records('caseFiles'), records('caseFileBytes'), hash, {
    contentOmitted: manifest.caseFilesOmitted === true,
  });
  if (problems.length)
    throw new BackupFileError(`备份未恢复：${problems[0]}。数据库未作任何更改。`, 'invalid');
}

/** Name of the staging database an older backup is upgraded in. */
export const STAGING_SUFFIX = '-restore-staging';

/**
 * Replaces the whole store with a backup's content, atomically. The caller makes the automatic
 * "before restore" backup first (renderer/backup). Throws BackupFileError / RestoreError (Chinese);
 * on any failure the store is unchanged.
 */
export async function restoreBackup(
  db: PingchaDatabase,
  bytes: Uint8Array,
  options: RestoreOptions,
): Promise<RestoreResult> {
  const manifest = readBackupManifest(bytes);
  const compatibility = checkBackupCompatibility(manifest, hereOf(db, options.appVersion));
  if (compatibility.kind === 'refused') throw new BackupFileError(compatibility.message, 'newer');
  const now = options.now ?? (() => new Date());
  const audit = {
    actor: options.actor,
    action: 'backup.restore' as const,
    objectType: 'backup' as string,
    objectId: manifest.createdAt,
    summary: `从备份恢复数据库（备份时间 ${formatDateTime(manifest.createdAt)}，程序版本 ${manifest.appVersion}，数据库结构第 ${manifest.schemaVersion} 版）`,
    content: {
      manifest: {
        ...manifest,
        tables: manifest.tables.map((t) => ({
          name: t.name,
          count: t.count,
          parts: t.parts.map((p) => p.sha256),
        })),
      },
    },
  };
  // Every part is checked before anything is written (and the writes then skip hashing).
  if (!verifiedFiles.has(bytes)) await verifyAllParts(bytes, manifest, options);
  await checkRecords(db, bytes, manifest);
  await checkCaseFiles(bytes, manifest, options.sha256 ?? fastSha256);
  const log = verifyAuditChain(readBackupSide(bytes, manifest).log);
  if (!log.ok && options.acceptBrokenLogAt !== log.brokenAt) {
    throw new RestoreError(
      `备份中的操作留痕不完整：${log.reason}恢复未进行，数据库未作任何更改。如确需恢复，请在恢复预览中确认“第 ${log.brokenAt} 条记录断开”后再恢复。`,
    );
  }
  const trust = backupTrustSummary(bytes, manifest);
  const unconfirmed = trust.problems.filter((p) => !options.acceptTrustProblems?.includes(p));
  if (unconfirmed.length > 0) {
    throw new RestoreError(
      `备份的操作留痕不能证明其中的数据未被改动：${unconfirmed.join('；')}恢复未进行，数据库未作任何更改。如确需恢复，请在恢复预览中确认以上问题后再恢复。`,
    );
  }
  if (trust.problems.length > 0) {
    audit.summary += `；备份的操作留痕有 ${trust.problems.length} 项问题，经确认仍恢复`;
    audit.objectType = UNTRUSTED_RESTORE;
    audit.content = { ...audit.content, restoredDespite: trust.problems } as typeof audit.content;
  }
  if (!db.isOpen()) await db.open();
  // Last point a cancel is honoured: from here the store is replaced in one transaction.
  checkCancelled(options.signal);
  try {
    if (compatibility.kind === 'same') {
      await db.transaction('rw', db.tables, async () => {
        const pre = await readPreserved(db);
        await writeTables(db, bytes, manifest, options);
        await mergeAfterRestore(db, pre, manifest, { ...audit, at: now().toISOString() });
      });
      return { manifest, migratedFrom: null };
    }
    const upgraded = await stageOlderBackup(db.name + STAGING_SUFFIX, bytes, manifest, options);
    try {
      const data: { name: string; values: unknown[]; keys: unknown[] | null }[] = [];
      for (const table of upgraded.tables) {
        const outbound = keyPathOf(table) === null;
        data.push({
          name: table.name,
          values: await table.toArray(),
          keys: outbound ? await table.toCollection().primaryKeys() : null,
        });
      }
      await db.transaction('rw', db.tables, async () => {
        const pre = await readPreserved(db);
        for (const table of db.tables) await table.clear();
        for (const d of data) {
          const table = db.table(d.name);
          if (d.keys) await table.bulkPut(d.values, d.keys as never);
          else await table.bulkPut(d.values);
          options.afterTable?.(d.name);
        }
        await mergeAfterRestore(db, pre, manifest, {
          ...audit,
          at: now().toISOString(),
          summary: `${audit.summary}，已升级到第 ${CURRENT_SCHEMA_VERSION} 版`,
        });
      });
    } finally {
      upgraded.close();
      await Dexie.delete(upgraded.name).catch(() => undefined);
    }
    return { manifest, migratedFrom: compatibility.from };
  } catch (error) {
    if (error instanceof BackupFileError) throw error;
    if (isQuotaError(error)) {
      throw new RestoreError('存储空间不足，恢复未完成，数据库保持恢复前的状态。请清理磁盘空间后重试。', {
        cause: error,
      });
    }
    throw new RestoreError(
      `恢复失败，数据库保持恢复前的状态：${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}

/** Restores an older backup into a staging database of its own version, then lets Dexie upgrade it. */
async function stageOlderBackup(
  name: string,
  bytes: Uint8Array,
  manifest: BackupManifest,
  options: Pick<RestoreOptions, 'onProgress' | 'pageRows'>,
): Promise<PingchaDatabase> {
  await Dexie.delete(name);
  const old = new PingchaDatabase(name, versionIndex(manifest.schemaVersion));
  try {
    await old.open();
    await old.transaction('rw', old.tables, () => writeTables(old, bytes, manifest, options));
  } catch (error) {
    old.close();
    await Dexie.delete(name).catch(() => undefined);
    throw error;
  } finally {
    old.close();
  }
  const upgraded = new PingchaDatabase(name);
  await upgraded.open();
  return upgraded;
}

/** Record counts per table of the live store (the "before" column of the restore preview). */
export async function countTables(db: PingchaDatabase): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of db.tables) out[table.name] = await table.count();
  return out;
}

/** True when the store holds nothing worth a backup (fresh installation). */
export async function isStoreEmpty(db: PingchaDatabase): Promise<boolean> {
  for (const table of db.tables) {
    if (table.name === 'meta') continue;
    if ((await table.count()) > 0) return false;
  }
  return true;
}

/**
 * The schema version of the database on disk WITHOUT upgrading it (0 when it does not exist):
 * opened without a version, Dexie reports what is stored.
 */
export async function storedSchemaVersion(name: string): Promise<number> {
  if (!(await Dexie.exists(name))) return 0;
  const probe = new Dexie(name);
  try {
    await probe.open();
    return probe.verno;
  } finally {
    probe.close();
  }
}

/** Opens the stored database at its own (older) version, for the backup made before an upgrade. */
export function openAtVersion(name: string, version: number): PingchaDatabase {
  return new PingchaDatabase(name, versionIndex(version));
}

/** Where the last backup made on this machine is remembered (meta). */
export const LAST_BACKUP_KEY = 'backup:last';
export interface LastBackup {
  at: string;
  reason: BackupReason;
  fileName: string;
  /** Where it went: the backups folder path (desktop) or 'download' (browser). */
  where: string;
  bytes: number;
}

export async function readLastBackup(db: PingchaDatabase): Promise<LastBackup | null> {
  return ((await db.meta.get(LAST_BACKUP_KEY))?.value as LastBackup | undefined) ?? null;
}

/** Remembers the backup just saved (shown on the backup page; the daily backup is due 24 h after it). */
export async function recordLastBackup(db: PingchaDatabase, last: LastBackup): Promise<void> {
  await db.meta.put({ key: LAST_BACKUP_KEY, value: last });
}
