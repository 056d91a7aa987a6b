// The tail anchor: the log's head (last seq and hash) signed by the office key and kept OUTSIDE the
// log (every backup's manifest; the desktop main process's own file), so removing the last entries
// of a log is named: 「最后 N 条留痕缺失」. Within the log every entry is signed, but a shortened log
// is still a well-signed log; only a head kept elsewhere shows what is gone.
import { z } from 'zod';
import { keyFingerprint, signText, verifyText, type SigningKeyPair } from '../crypto/signing';
import type { AuditEntry } from './audit-chain';
import { entrySignatureValid, type LogTrustReport } from './log-trust';

export const signedLogHeadSchema = z.object({
  seq: z.number().int().nonnegative(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.string().min(1),
  publicKey: z.string().regex(/^[0-9a-f]{64}$/),
  signature: z.string().regex(/^[0-9a-f]{128}$/),
});
export type SignedLogHead = z.infer<typeof signedLogHeadSchema>;

function headMessage(seq: number, hash: string, at: string): string {
  return `pingcha.log-head:${seq}:${hash}:${at}`;
}

/** Signs the head of a log: its last entry (null for an empty log). */
export function signLogHead(
  last: Pick<AuditEntry, 'seq' | 'hash'> | null | undefined,
  key: SigningKeyPair,
  at: string,
): SignedLogHead | null {
  if (!last) return null;
  const { seq, hash } = last;
  return {
    seq,
    hash,
    at,
    publicKey: key.publicKey,
    signature: signText(key.secretKey, headMessage(seq, hash, at)),
  };
}

/** The head a signed entry makes (its commit's signature over its hash); null when unsigned. */
export function signedHeadOf(entry: AuditEntry | null | undefined): SignedLogHead | null {
  if (!entry?.signature) return null;
  return {
    seq: entry.seq,
    hash: entry.hash,
    at: entry.at,
    publicKey: entry.signature.publicKey,
    signature: entry.signature.value,
  };
}

/**
 * True when `head` is validly signed: as a log head (what each commit signs, headSigningMessage), or
 * as earlier versions signed (the entry's hash; seq, hash and time apart from the log).
 */
export function logHeadSignatureValid(head: SignedLogHead): boolean {
  return (
    entrySignatureValid(head, head.publicKey, head.signature) ||
    verifyText(head.publicKey, headMessage(head.seq, head.hash, head.at), head.signature)
  );
}

/**
 * The log against a head kept outside it. Problems (Chinese) when the head is not validly signed
 * by a key the log names, when entries after the head are missing (「最后 N 条留痕缺失」), or when
 * the entry at the head's place is another one. Entries after the head are fine (written later).
 */
export function checkLogHead(
  entries: readonly AuditEntry[],
  head: SignedLogHead,
  trust: Pick<LogTrustReport, 'keys'>,
  where: string,
): string[] {
  if (!logHeadSignatureValid(head)) return [`${where}的留痕末端签名无效：它被改动过，或是伪造的。`];
  if (!trust.keys.some((k) => k.publicKey === head.publicKey))
    return [`${where}的留痕末端由一把留痕中从未登记的密钥（指纹 ${keyFingerprint(head.publicKey)}）签名。`];
  const last = entries[entries.length - 1];
  if (!last || last.seq < head.seq) {
    const missing = head.seq - (last?.seq ?? 0);
    return [
      `最后 ${missing} 条留痕缺失：${where}记录的留痕共 ${head.seq} 条，现在只有 ${last?.seq ?? 0} 条，末尾的记录被删除了。`,
    ];
  }
  const at = entries.find((e) => e.seq === head.seq);
  if (!at || at.hash !== head.hash)
    return [`${where}记录的第 ${head.seq} 条留痕与现在的第 ${head.seq} 条不是同一条：留痕被改写过。`];
  return [];
}
