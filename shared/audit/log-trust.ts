// What makes the log (操作留痕) prove something beyond "these bytes hang together":
// - signed heads: once a write transaction has committed, the office key signs its last entry's
//   hash (the platform's signer: the desktop main process, or the web build's keyring); a signature
//   covers every entry chained before it, so a log rewritten and re-chained without the key no
//   longer verifies, and entries after the last signature are named 「最后 N 条留痕未签名」;
// - the office key's history: the first key is introduced by `key.create`, every later one by
//   `key.change`, signed by the previous key when it was available;
// - record digests: entries carry the digest of the records they wrote, so a final result, letter,
//   draw or decision edited behind the app no longer matches its last entry (checkDataAgainstLog);
// - 留痕校验码: the short code of a checkpoint's hash printed on the documents, found again with findHead.
import { canonicalJson } from '../util/canonical-json';
import { sha256Hex, type Sha256Hex } from '../crypto/sha256';
import { headCode, keyFingerprint, normaliseHeadCode, verifyText } from '../crypto/signing';
import { recordDigest, verifyAuditChain, type AuditAction, type AuditEntry } from './audit-chain';
import {
  actionMayWrite,
  coveredKey,
  coveredTableLabel,
  COVERED_TABLES,
  isCoveredTable,
  releasesRecord,
  rowIsVouched,
  TABLE_COVERAGE,
  type Coverage,
  type CoveredTable,
} from './record-coverage';

type CoveredTableCoverage = Extract<Coverage, { covered: true }>;

/** Entries that were signed even before every entry was (kept for the documents' 留痕校验码 lookups). */
export const CHECKPOINT_ACTIONS: ReadonlySet<AuditAction> = new Set<AuditAction>([
  'draw.create',
  'letter.issue',
  'report.issue',
  'review.finalise',
  'certificate.decision',
  'key.create',
  'key.change',
  'key.import',
]);

export const KEY_ACTIONS: ReadonlySet<AuditAction> = new Set<AuditAction>(['key.create', 'key.change']);

export interface KeyHistoryEntry {
  publicKey: string;
  fingerprint: string;
  /** Seq of the entry that introduced the key. */
  fromSeq: number;
  at: string;
  /** False when the key change was not signed by the previous key (it was not available). */
  signedByPrevious: boolean;
}

export interface LogTrustReport {
  ok: boolean;
  entries: number;
  lastHash: string | null;
  /** Chinese, one line each: what is wrong (any -> not intact). */
  problems: string[];
  /** Chinese: what an outside verifier should know but is not a break (e.g. a key change without the old key). */
  warnings: string[];
  keys: KeyHistoryEntry[];
  /** Entries carrying a valid signature of the key current at that point (signed heads). */
  signedCheckpoints: number;
  /** True when the log has no key entry at all: nothing in it is signed (「未签名」). */
  unsigned: boolean;
  /**
   * Seqs whose entries the office vouches for: at or before a valid signature of the key current
   * there (a signed head covers every entry chained before it), and after any untrusted restore.
   */
  trustedSeqs: ReadonlySet<number>;
}

/**
 * What each commit's signature signs: the new head's place and hash, tagged so it can never be
 * mistaken for anything else (the desktop main process signs only this).
 */
export function headSigningMessage(seq: number, hash: string): string {
  return `pingcha.log-head:${seq}:${hash}`;
}

/** What a signature signed in logs written before heads were signed per commit: the entry's hash. */
export function checkpointMessage(hash: string): string {
  return `pingcha.log-checkpoint:${hash}`;
}

/** True when `value` is `publicKey`'s signature of the entry as a head (or as an older checkpoint). */
export function entrySignatureValid(
  e: Pick<AuditEntry, 'seq' | 'hash'>,
  publicKey: string,
  value: string,
): boolean {
  return (
    verifyText(publicKey, headSigningMessage(e.seq, e.hash), value) ||
    verifyText(publicKey, checkpointMessage(e.hash), value)
  );
}

/** objectType of the backup.restore entry of a backup restored despite named trust problems. */
export const UNTRUSTED_RESTORE = 'backup-untrusted';

export const UNSIGNED_LOG_PROBLEM =
  '操作留痕未签名：留痕中没有任何本单位签名密钥的记录，任何人都可以重写整条留痕，它不能证明任何操作。';

/**
 * The whole check of a log: hash chain, non-empty, a key, every entry after the first key covered
 * by a signed head at or after it (by the key current there), every signature present valid, the
 * key history, and that each entry's record digests are of tables its action may write.
 */
export function verifyLogTrust(entries: readonly AuditEntry[], sha: Sha256Hex = sha256Hex): LogTrustReport {
  const chain = verifyAuditChain(entries, sha);
  const problems: string[] = [];
  const warnings: string[] = [];
  const keys: KeyHistoryEntry[] = [];
  const trusted = new Set<number>();
  let signed = 0;
  if (entries.length === 0) problems.push('操作留痕为空：没有任何记录，不能证明任何操作。');
  if (!chain.ok) problems.push(chain.reason);
  const firstKey = entries.findIndex((e) => KEY_ACTIONS.has(e.action));
  const unsigned = entries.length > 0 && firstKey < 0;
  if (unsigned) problems.push(UNSIGNED_LOG_PROBLEM);
  const verifies = (e: AuditEntry): boolean =>
    !!e.signature && entrySignatureValid(e, e.signature.publicKey, e.signature.value);
  // Each write transaction signs its head (its last entry) once it has committed, and a signature
  // covers every entry chained before it. So an entry counts as signed when a valid signature by
  // the key current at that point stands at or after it; only the tail after the last one is not.
  // Pass 1: which key may sign where (the key current then; a key entry also by the key it names).
  const expected: (readonly string[] | null)[] = [];
  const period: number[] = [];
  let current: string | null = null;
  for (const e of entries) {
    const isKey = KEY_ACTIONS.has(e.action);
    expected.push(isKey ? (current ? [current, e.objectId] : [e.objectId]) : current ? [current] : null);
    if (isKey && /^[0-9a-f]{64}$/.test(e.objectId)) current = e.objectId;
    period.push((period.at(-1) ?? 0) + (isKey ? 1 : 0));
  }
  // Signatures by a key that may not sign there are never checked further (named below).
  const signedAt = entries.flatMap((e, i) =>
    e.signature && expected[i]?.includes(e.signature.publicKey) ? [i] : [],
  );
  // Checking only the signatures that close each key's period (and the key entries) keeps a long
  // log fast; when one of them fails, every signature is checked so the rewritten ones are named.
  const closers = new Set<number>();
  signedAt.forEach((i, n) => {
    const next = signedAt[n + 1];
    if (next === undefined || period[next] !== period[i] || KEY_ACTIONS.has(entries[i]!.action))
      closers.add(i);
  });
  const valid = new Map<number, boolean>();
  for (const i of closers) valid.set(i, verifies(entries[i]!));
  const allClosersValid = [...valid.values()].every(Boolean);
  const signatureValid = (i: number): boolean => {
    let v = valid.get(i);
    if (v === undefined) valid.set(i, (v = allClosersValid || verifies(entries[i]!)));
    return v;
  };
  // An anchor: a valid signature by the right key, on an entry the chain still links to its past.
  const brokenAt = chain.ok ? Infinity : chain.brokenAt;
  let lastAnchor = -1;
  entries.forEach((e, i) => {
    const label = `第 ${e.seq} 条记录（${e.summary}）`;
    for (const r of e.records ?? []) {
      if (isCoveredTable(r.table) && !actionMayWrite(e.action, r.table))
        problems.push(
          `${label}的操作“${e.action}”无权写入${coveredTableLabel(r.table)}“${r.key}”：它携带的记录摘要不能作为凭据。`,
        );
    }
    if (!e.signature) return;
    const allowed = expected[i];
    if (!allowed) {
      // Before the office had a key: the signature proves nothing, but a broken one is named.
      if (!verifies(e)) problems.push(`${label}的签名无效：记录在签名后被改动，或签名是伪造的。`);
      return;
    }
    if (!allowed.includes(e.signature.publicKey)) {
      problems.push(
        KEY_ACTIONS.has(e.action)
          ? `${label}由一把不属于本单位的密钥签名。`
          : `${label}不是由当时的本单位密钥（指纹 ${keyFingerprint(allowed[0]!)}）签名的。`,
      );
      return;
    }
    if (!signatureValid(i)) {
      problems.push(`${label}的签名无效：记录在签名后被改动，或签名是伪造的。`);
      return;
    }
    signed++;
    if (e.seq < brokenAt) lastAnchor = i;
  });
  if (firstKey >= 0 && lastAnchor < entries.length - 1) {
    const from = Math.max(lastAnchor + 1, firstKey);
    const n = entries.length - from;
    if (n > 0)
      problems.push(
        `最后 ${n} 条留痕未签名：第 ${entries[from]!.seq} 条（${entries[from]!.summary}）起的记录之后没有本单位密钥的签名。` +
          '本程序在每次写入后都签名留痕末端，这些记录不是本程序写入的（或写入后程序立即中断且未能补签），不能作为任何记录的凭据。',
      );
  }
  entries.forEach((e, i) => {
    if (i <= lastAnchor) trusted.add(e.seq);
    if (e.action === 'backup.restore' && e.objectType === UNTRUSTED_RESTORE) {
      // A backup restored although its log did not verify: what came before proves nothing.
      problems.push(
        `第 ${e.seq} 条记录（${e.summary}）：恢复的备份未通过留痕核对，经确认仍然恢复；第 ${e.seq} 条之前的记录不能作为任何记录的凭据。`,
      );
      for (const seq of [...trusted]) if (seq < e.seq) trusted.delete(seq);
    }
  });
  current = null;
  for (const e of entries) {
    if (!KEY_ACTIONS.has(e.action)) continue;
    const label = `第 ${e.seq} 条记录（${e.summary}）`;
    if (!/^[0-9a-f]{64}$/.test(e.objectId)) {
      problems.push(`${label}登记的公钥格式不对。`);
      continue;
    }
    const bySigner = e.signature?.publicKey;
    const signedByPrevious = current === null || bySigner === current;
    if (current !== null && !signedByPrevious && e.objectId !== current) {
      warnings.push(
        `${label}：本单位密钥更换为指纹 ${keyFingerprint(e.objectId)}，但这次更换没有原密钥（指纹 ${keyFingerprint(current)}）的签名（原密钥不可用）。请向本单位核实新指纹。`,
      );
    }
    keys.push({
      publicKey: e.objectId,
      fingerprint: keyFingerprint(e.objectId),
      fromSeq: e.seq,
      at: e.at,
      signedByPrevious,
    });
    current = e.objectId;
  }
  return {
    ok: problems.length === 0,
    entries: entries.length,
    lastHash: entries.length ? entries[entries.length - 1]!.hash : null,
    problems,
    warnings,
    keys,
    signedCheckpoints: signed,
    unsigned,
    trustedSeqs: trusted,
  };
}

export interface HeadLookup {
  found: AuditEntry | null;
  /** True when the entry is signed: with the log's trust report, covered by a valid signed head at or after it. */
  signed: boolean;
}

/** The entry whose 留痕校验码 is `code` (a signed checkpoint proves the office vouched for it). */
export function findHead(
  entries: readonly AuditEntry[],
  code: string,
  trust?: LogTrustReport,
): HeadLookup | null {
  const hex = normaliseHeadCode(code);
  if (!hex) return null;
  const found = entries.find((e) => e.hash.startsWith(hex)) ?? null;
  // With the log's trust report: covered by a head signed by the key the log names for that point (a
  // signature covers every entry chained before it, so an entry whose transaction's head was signed
  // together with a later one's counts), not just any key. Without it: the entry's own signature.
  const signed = !found
    ? false
    : trust
      ? trust.trustedSeqs.has(found.seq)
      : !!found.signature && entrySignatureValid(found, found.signature.publicKey, found.signature.value);
  return { found, signed };
}

/** The current 留痕校验码 of a log (its last entry), or null for an empty log. */
export function currentHeadCode(entries: readonly AuditEntry[]): string | null {
  return entries.length ? headCode(entries[entries.length - 1]!.hash) : null;
}

/** A record in the store, as the data check sees it. */
export interface StoredRecord {
  table: string;
  key: string;
  row: unknown;
  campaignId?: string;
}

export interface RecordMismatch {
  table: string;
  key: string;
  kind: 'changed' | 'unlogged' | 'missing';
  /** Seq of the last entry that wrote the record (none for unlogged). */
  seq: number | null;
  message: string;
}

/** Tables whose records the log vouches for, with their Chinese names (from TABLE_COVERAGE). */
export const LOGGED_TABLES: Readonly<Record<string, string>> = Object.fromEntries(
  COVERED_TABLES.map((t) => [t, TABLE_COVERAGE[t].label]),
);

/**
 * The records of one covered table that the log must vouch for (see TABLE_COVERAGE: draft letters
 * are work in progress), keyed as the entries key them.
 */
export function coveredRecords(table: string, rows: readonly unknown[]): StoredRecord[] {
  if (!isCoveredTable(table)) return [];
  const out: StoredRecord[] = [];
  for (const row of rows) {
    if (!rowIsVouched(table, row)) continue;
    out.push({ table, key: coveredKey(table, row), row });
  }
  return out;
}

/** A stable key text for a record (compound keys joined with '|'). */
export function recordKeyText(key: unknown): string {
  return Array.isArray(key) ? key.map(String).join('|') : String(key);
}

/**
 * Compares every stored record with the digest of the last entry that may vouch for it: an entry
 * the office signed (trust.trustedSeqs) whose action may write that table (ACTION_WRITES). An
 * unsigned or wrongly-actioned entry naming the record is never a cover: the record is checked
 * against the cover before it, and the message names the entry that claimed otherwise.
 * `stored` holds the records that must be covered (coveredRecords); `liveCampaigns` limits
 * "missing" to campaigns that still exist (a removed demo campaign takes its records with it).
 * A log with no key at all (「未签名」, already a trust problem) is read by its chain alone.
 */
export function checkDataAgainstLog(
  entries: readonly AuditEntry[],
  stored: readonly StoredRecord[],
  liveCampaigns: ReadonlySet<string>,
  sha: Sha256Hex = sha256Hex,
  trust: LogTrustReport = verifyLogTrust(entries, sha),
): RecordMismatch[] {
  const cover = new Map<string, { seq: number; digest: string | null; campaignId?: string }>();
  const claim = new Map<string, number>();
  // Rows from before a table was covered, by the name a signed entry gave them (table -> names).
  const legacy = new Map<string, Set<string>>();
  for (const e of entries) {
    const trusted = trust.unsigned || trust.trustedSeqs.has(e.seq);
    for (const table of LEGACY_COVERED) {
      // Only an entry that carries no digest of the table (written before it was covered).
      const older = trusted && !(e.records ?? []).some((r) => r.table === table);
      const name = older ? coverage(table).legacy!.namedBy(e) : null;
      if (name !== null) legacy.set(table, (legacy.get(table) ?? new Set()).add(name));
    }
    for (const r of e.records ?? []) {
      if (!isCoveredTable(r.table)) continue;
      const id = `${r.table}\u0000${r.key}`;
      if ((trust.unsigned || trust.trustedSeqs.has(e.seq)) && actionMayWrite(e.action, r.table)) {
        const digest = releasesRecord(e.action, r.table) ? null : r.digest;
        cover.set(id, { seq: e.seq, digest, campaignId: r.campaignId });
        claim.delete(id);
      } else claim.set(id, e.seq);
    }
  }
  const claimed = (id: string): string => {
    const seq = claim.get(id);
    return seq === undefined
      ? ''
      : `第 ${seq} 条留痕声称写入了它，但该条没有本单位密钥的有效签名或无权写入该表，不能作为凭据。`;
  };
  const out: RecordMismatch[] = [];
  const seen = new Set<string>();
  for (const s of stored) {
    const id = `${s.table}\u0000${s.key}`;
    seen.add(id);
    const name = `${coveredTableLabel(s.table)}“${s.key}”`;
    const l = cover.get(id);
    // A row of a table vouched for since written that no entry wrote (a version frozen before
    // entries carried standards, a laptop's copy) is vouched for by nobody; once written it must match.
    if (!l && coverage(s.table).sinceWritten && !claim.has(id)) continue;
    const legacyRow = coverage(s.table).legacy;
    if (!l && legacyRow && legacy.get(s.table)?.has(legacyRow.nameOf(s.row)) && !claim.has(id)) continue;
    // A record whose campaign was removed (a demo) is not compared: it goes with its campaign.
    if (l?.campaignId && !liveCampaigns.has(l.campaignId)) continue;
    if (!l) {
      out.push({
        table: s.table,
        key: s.key,
        kind: 'unlogged',
        seq: claim.get(id) ?? null,
        message: `${name}在操作留痕中没有有效的记录：它不是通过本程序写入的。${claimed(id)}`,
      });
    } else if (l.digest === null) {
      out.push({
        table: s.table,
        key: s.key,
        kind: 'unlogged',
        seq: l.seq,
        message: `${name}在第 ${l.seq} 条留痕中已删除或退回草稿，现在却又出现。${claimed(id)}`,
      });
    } else if (recordDigest(s.row, sha) !== l.digest) {
      out.push({
        table: s.table,
        key: s.key,
        kind: 'changed',
        seq: l.seq,
        message: `${name}与第 ${l.seq} 条留痕记录的内容不符：该记录在本程序之外被改动过。${claimed(id)}`,
      });
    }
  }
  for (const [id, l] of cover) {
    if (seen.has(id) || l.digest === null) continue;
    if (l.campaignId && !liveCampaigns.has(l.campaignId)) continue;
    const [table, key] = id.split('\u0000') as [string, string];
    out.push({
      table,
      key,
      kind: 'missing',
      seq: l.seq,
      message: `${coveredTableLabel(table)}“${key}”已由第 ${l.seq} 条留痕写入，现在却不见了。`,
    });
  }
  return out;
}

function coverage(table: string): CoveredTableCoverage {
  return TABLE_COVERAGE[table as CoveredTable] as CoveredTableCoverage;
}

const LEGACY_COVERED = COVERED_TABLES.filter((t) => coverage(t).legacy);

/** For tests and exports: the canonical text a record digest covers. */
export function recordText(row: unknown): string {
  return canonicalJson(row ?? null);
}
