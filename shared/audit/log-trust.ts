// What makes the log (操作留痕) prove something beyond "these bytes hang together":
// - checkpoints: at every draw, issued letter, 通报, final result and key event the office key signs
//   the entry's hash; a log rewritten and re-chained without the key no longer verifies;
// - the office key's history: the first key is introduced by `key.create`, every later one by
//   `key.change`, signed by the previous key when it was available;
// - record digests: entries carry the digest of the records they wrote, so a final result, letter,
//   draw or decision edited behind the app no longer matches its last entry (checkDataAgainstLog);
// - 留痕校验码: the short code of a checkpoint's hash printed on the documents, found again with findHead.
import { canonicalJson } from '../util/canonical-json';
import { sha256Hex, type Sha256Hex } from '../crypto/sha256';
import { headCode, keyFingerprint, normaliseHeadCode, verifyText } from '../crypto/signing';
import { recordDigest, verifyAuditChain, type AuditAction, type AuditEntry } from './audit-chain';

/** Entries the office key signs. */
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
  signedCheckpoints: number;
}

/** What a signature signs: the entry's hash, tagged so it can never be mistaken for anything else. */
export function checkpointMessage(hash: string): string {
  return `pingcha.log-checkpoint:${hash}`;
}

/**
 * The whole check of a log: hash chain, non-empty, signatures of every checkpoint (by the key
 * current at that point), and the key history.
 */
export function verifyLogTrust(entries: readonly AuditEntry[], sha: Sha256Hex = sha256Hex): LogTrustReport {
  const chain = verifyAuditChain(entries, sha);
  const problems: string[] = [];
  const warnings: string[] = [];
  const keys: KeyHistoryEntry[] = [];
  let signed = 0;
  if (entries.length === 0) problems.push('操作留痕为空：没有任何记录，不能证明任何操作。');
  if (!chain.ok) problems.push(chain.reason);
  let current: string | null = null;
  for (const e of entries) {
    const label = `第 ${e.seq} 条记录（${e.summary}）`;
    if (e.signature) {
      const valid = verifyText(e.signature.publicKey, checkpointMessage(e.hash), e.signature.value);
      if (!valid) {
        problems.push(`${label}的签名无效：记录在签名后被改动，或签名是伪造的。`);
      } else if (KEY_ACTIONS.has(e.action)) {
        // A key entry is signed by the previous key, or (first key / old key lost) by the new one.
        const signer = e.signature.publicKey;
        if (current !== null && signer !== current && signer !== e.objectId)
          problems.push(`${label}由一把不属于本单位的密钥签名。`);
        else signed++;
      } else if (signer(e) !== current) {
        problems.push(
          current === null
            ? `${label}的签名所用密钥从未在留痕中登记。`
            : `${label}不是由当时的本单位密钥（指纹 ${keyFingerprint(current)}）签名的。`,
        );
      } else signed++;
    } else if (current !== null && CHECKPOINT_ACTIONS.has(e.action)) {
      problems.push(`${label}是关键节点，却没有本单位密钥的签名。`);
    }
    if (KEY_ACTIONS.has(e.action)) {
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
  }
  return {
    ok: problems.length === 0,
    entries: entries.length,
    lastHash: entries.length ? entries[entries.length - 1]!.hash : null,
    problems,
    warnings,
    keys,
    signedCheckpoints: signed,
  };
}

function signer(e: AuditEntry): string | undefined {
  return e.signature?.publicKey;
}

export interface HeadLookup {
  found: AuditEntry | null;
  /** True when the entry carries a valid office signature. */
  signed: boolean;
}

/** The entry whose 留痕校验码 is `code` (a signed checkpoint proves the office vouched for it). */
export function findHead(entries: readonly AuditEntry[], code: string): HeadLookup | null {
  const hex = normaliseHeadCode(code);
  if (!hex) return null;
  const found = entries.find((e) => e.hash.startsWith(hex)) ?? null;
  const signed =
    !!found?.signature &&
    verifyText(found.signature.publicKey, checkpointMessage(found.hash), found.signature.value);
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

/** Tables whose records the log vouches for, with their Chinese names. */
export const LOGGED_TABLES: Readonly<Record<string, string>> = {
  draws: '抽取结果',
  finalResults: '复核定稿结果',
  letters: '整改函',
  reviewDecisions: '证件年审结论',
};

const KEY_PATHS: Readonly<Record<string, readonly string[]>> = {
  draws: ['id'],
  finalResults: ['campaignId', 'itemId'],
  letters: ['id'],
  reviewDecisions: ['id'],
};

/**
 * The records of one LOGGED_TABLES table that the log must cover (draft letters are work in
 * progress: only issued and later letters are vouched for), keyed as the entries key them.
 */
export function coveredRecords(table: string, rows: readonly unknown[]): StoredRecord[] {
  const path = KEY_PATHS[table];
  if (!path) return [];
  const out: StoredRecord[] = [];
  for (const row of rows) {
    const r = row as Record<string, unknown>;
    if (table === 'letters' && r.status === 'draft') continue;
    out.push({ table, key: path.map((k) => String(r[k])).join('|'), row });
  }
  return out;
}

/** A stable key text for a record (compound keys joined with '|'). */
export function recordKeyText(key: unknown): string {
  return Array.isArray(key) ? key.map(String).join('|') : String(key);
}

/**
 * Compares every stored record with the digest its last log entry recorded. `stored` holds the
 * records of LOGGED_TABLES that must be covered; `liveCampaigns` limits "missing" to campaigns that
 * still exist (a removed demo campaign takes its records with it).
 */
export function checkDataAgainstLog(
  entries: readonly AuditEntry[],
  stored: readonly StoredRecord[],
  liveCampaigns: ReadonlySet<string>,
  sha: Sha256Hex = sha256Hex,
): RecordMismatch[] {
  const last = new Map<string, { seq: number; digest: string | null; campaignId?: string }>();
  for (const e of entries)
    for (const r of e.records ?? [])
      last.set(`${r.table}\u0000${r.key}`, { seq: e.seq, digest: r.digest, campaignId: r.campaignId });
  const out: RecordMismatch[] = [];
  const seen = new Set<string>();
  for (const s of stored) {
    const id = `${s.table}\u0000${s.key}`;
    seen.add(id);
    const name = `${LOGGED_TABLES[s.table] ?? s.table}“${s.key}”`;
    const l = last.get(id);
    if (!l) {
      out.push({
        table: s.table,
        key: s.key,
        kind: 'unlogged',
        seq: null,
        message: `${name}在操作留痕中没有任何记录：它不是通过本程序写入的。`,
      });
    } else if (l.digest === null) {
      out.push({
        table: s.table,
        key: s.key,
        kind: 'unlogged',
        seq: l.seq,
        message: `${name}在第 ${l.seq} 条留痕中已删除，现在却又出现。`,
      });
    } else if (recordDigest(s.row, sha) !== l.digest) {
      out.push({
        table: s.table,
        key: s.key,
        kind: 'changed',
        seq: l.seq,
        message: `${name}与第 ${l.seq} 条留痕记录的内容不符：该记录在本程序之外被改动过。`,
      });
    }
  }
  for (const [id, l] of last) {
    if (seen.has(id) || l.digest === null) continue;
    if (l.campaignId && !liveCampaigns.has(l.campaignId)) continue;
    const [table, key] = id.split('\u0000') as [string, string];
    out.push({
      table,
      key,
      kind: 'missing',
      seq: l.seq,
      message: `${LOGGED_TABLES[table] ?? table}“${key}”已由第 ${l.seq} 条留痕写入，现在却不见了。`,
    });
  }
  return out;
}

/** For tests and exports: the canonical text a record digest covers. */
export function recordText(row: unknown): string {
  return canonicalJson(row ?? null);
}
