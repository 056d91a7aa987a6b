// The tamper-evident log (操作留痕): an append-only hash chain. Each entry carries the SHA-256 of
// its content and the hash of the previous entry; changing, removing or reordering any entry
// breaks every link after it, and verifyAuditChain names the first broken one.
import { sha256Hex, type Sha256Hex } from '../crypto/sha256';
import { canonicalJson } from '../util/canonical-json';

export const GENESIS_HASH = '0'.repeat(64);

export type AuditAction =
  | 'ledger.import'
  | 'ledger.delete'
  | 'directory.save'
  | 'directory.rename'
  | 'directory.merge'
  | 'campaign.create'
  | 'campaign.scope'
  | 'draw.create'
  | 'draw.replace'
  | 'draw.more'
  | 'assignment.create'
  | 'assignment.reassign'
  | 'assignment.calibration'
  | 'score.submit'
  | 'score.change-after-submit'
  | 'review.finalise'
  | 'letter.issue'
  | 'letter.void'
  | 'number.allocate'
  | 'number.void'
  | 'letter.reply'
  | 'letter.close'
  | 'letter.return'
  | 'certificate.decision'
  | 'officer.status'
  | 'officer.save'
  | 'officers.import'
  | 'officers.normalise'
  | 'exam.import'
  | 'training.import'
  | 'standard.freeze'
  | 'package.import'
  | 'backup.restore'
  | 'key.create'
  | 'key.change'
  | 'key.import'
  | 'report.issue'
  | 'rules.census'
  | 'rules.settings'
  | 'flag.decide'
  | 'casefile.attach'
  | 'casefile.remove'
  | 'casefile.purge'
  | 'demo.remove';

/** A record an entry wrote (or deleted: digest null), so the record can later be checked against it. */
export interface RecordDigest {
  table: string;
  key: string;
  /** SHA-256 of the canonical JSON of the record as written; null when the entry deleted it. */
  digest: string | null;
  /** The campaign the record belongs to, when it has one. */
  campaignId?: string;
}

/** The office key's Ed25519 signature over an entry's hash (a checkpoint). Not part of the hash. */
export interface EntrySignature {
  publicKey: string;
  value: string;
}

export interface AuditInput {
  at: string;
  actor: string;
  action: AuditAction;
  objectType: string;
  objectId: string;
  /** A short Chinese description for people reading the log. */
  summary: string;
  /** The content the entry vouches for; only its digest is kept in the chain. */
  content: unknown;
  /** Records the action wrote (final results, letters, draws, decisions), digested into the entry. */
  records?: readonly { table: string; key: string; row: unknown; campaignId?: string }[];
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: AuditAction;
  objectType: string;
  objectId: string;
  summary: string;
  /** SHA-256 of the canonical JSON of the content. */
  digest: string;
  /** Digests of the records the entry wrote (absent on entries that wrote none of them). */
  records?: RecordDigest[];
  prevHash: string;
  /** SHA-256 of the canonical JSON of every field above. */
  hash: string;
  /** Present on checkpoints: the office key's signature over `hash`. */
  signature?: EntrySignature;
}

/** The digest of one stored record (what an entry's `records` hold). */
export function recordDigest(row: unknown, sha: Sha256Hex = sha256Hex): string {
  return sha(canonicalJson(row ?? null));
}

export function contentDigest(content: unknown, sha: Sha256Hex = sha256Hex): string {
  return sha(canonicalJson(content ?? null));
}

function entryHash(e: Omit<AuditEntry, 'hash' | 'signature'>, sha: Sha256Hex): string {
  return sha(
    canonicalJson({
      seq: e.seq,
      at: e.at,
      actor: e.actor,
      action: e.action,
      objectType: e.objectType,
      objectId: e.objectId,
      summary: e.summary,
      digest: e.digest,
      ...(e.records ? { records: e.records } : {}),
      prevHash: e.prevHash,
    }),
  );
}

/** The next entry after `prev` (null for the first entry of a log). */
export function makeAuditEntry(
  prev: AuditEntry | null,
  input: AuditInput,
  sha: Sha256Hex = sha256Hex,
): AuditEntry {
  const base = {
    seq: prev ? prev.seq + 1 : 1,
    at: input.at,
    actor: input.actor,
    action: input.action,
    objectType: input.objectType,
    objectId: input.objectId,
    summary: input.summary,
    digest: contentDigest(input.content, sha),
    ...(input.records && input.records.length > 0
      ? {
          records: input.records.map((r) => ({
            table: r.table,
            key: r.key,
            digest: r.row === null || r.row === undefined ? null : recordDigest(r.row, sha),
            ...(r.campaignId ? { campaignId: r.campaignId } : {}),
          })),
        }
      : {}),
    prevHash: prev ? prev.hash : GENESIS_HASH,
  };
  return { ...base, hash: entryHash(base, sha) };
}

export type AuditVerification =
  | { ok: true; entries: number; lastHash: string }
  | { ok: false; entries: number; brokenAt: number; reason: string };

/**
 * Checks every link; reports the first broken one in Chinese. With `after`, `entries` are the part
 * of a log that follows that entry (its tail).
 */
export function verifyAuditChain(
  entries: readonly AuditEntry[],
  sha: Sha256Hex = sha256Hex,
  after: Pick<AuditEntry, 'seq' | 'hash'> | null = null,
): AuditVerification {
  let prevHash = after?.hash ?? GENESIS_HASH;
  const first = (after?.seq ?? 0) + 1;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    if (e.seq !== first + i) {
      return {
        ok: false,
        entries: entries.length,
        brokenAt: first + i,
        reason: `第 ${first + i} 条记录的序号为 ${e.seq}，应为 ${first + i}：记录被删除或调换了顺序。`,
      };
    }
    if (e.prevHash !== prevHash) {
      return {
        ok: false,
        entries: entries.length,
        brokenAt: e.seq,
        reason: `第 ${e.seq} 条记录与前一条的链接断开：前一条记录被修改、删除或替换。`,
      };
    }
    const { hash: _hash, signature: _signature, ...rest } = e;
    if (entryHash(rest, sha) !== e.hash) {
      return {
        ok: false,
        entries: entries.length,
        brokenAt: e.seq,
        reason: `第 ${e.seq} 条记录（${e.summary}）的内容与其哈希不符：该条记录被修改过。`,
      };
    }
    prevHash = e.hash;
  }
  return { ok: true, entries: entries.length, lastHash: prevHash };
}
