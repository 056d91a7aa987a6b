// What a backup's log proves, checked the same way everywhere (the restore preview, the restore
// itself and `pingcha log verify`): the log's chain, non-empty, a key, every entry's signature,
// the action → table pairs, the signed head in the manifest (the tail), and every covered record
// of the backup against the entry that vouches for it. Pure.
import type { AuditEntry } from '../audit/audit-chain';
import { checkLogHead } from '../audit/log-head';
import {
  checkDataAgainstLog,
  coveredRecords,
  verifyLogTrust,
  type LogTrustReport,
  type RecordMismatch,
  type StoredRecord,
} from '../audit/log-trust';
import { COVERED_TABLES } from '../audit/record-coverage';
import { sha256Hex, type Sha256Hex } from '../crypto/sha256';
import { readPartRecords, type BackupManifest } from './backup-format';

export interface BackupTrust {
  entries: AuditEntry[];
  trust: LogTrustReport;
  mismatches: RecordMismatch[];
  /** The log against the signed head in the manifest (「最后 N 条留痕缺失」). */
  tailProblems: string[];
  /** Every trust problem in Chinese, one line each: log, tail, then records (empty = trustworthy). */
  problems: string[];
  warnings: string[];
}

function tableRecords(bytes: Uint8Array, manifest: BackupManifest, name: string): unknown[] {
  const table = manifest.tables.find((t) => t.name === name);
  const out: unknown[] = [];
  if (table)
    for (let i = 0; i < table.parts.length; i++) out.push(...readPartRecords(bytes, table, i, false));
  return out;
}

/** The backup's log, in seq order. */
export function backupLogEntries(bytes: Uint8Array, manifest: BackupManifest): AuditEntry[] {
  return (tableRecords(bytes, manifest, 'auditLog') as AuditEntry[]).sort((a, b) => a.seq - b.seq);
}

/** The full trust check of a backup whose parts were already verified against the manifest. */
export function checkBackupTrust(
  bytes: Uint8Array,
  manifest: BackupManifest,
  sha: Sha256Hex = sha256Hex,
  entries: AuditEntry[] = backupLogEntries(bytes, manifest),
): BackupTrust {
  const trust = verifyLogTrust(entries, sha);
  const warnings = [...trust.warnings];
  const headProblems: string[] = [];
  if (manifest.logHead) headProblems.push(...checkLogHead(entries, manifest.logHead, trust, '备份清单'));
  else if (!trust.unsigned && entries.length > 0)
    warnings.push('备份清单中没有签名的留痕末端（较早版本的备份）：无法证明留痕末尾的记录没有被删除。');
  const stored: StoredRecord[] = [];
  for (const table of COVERED_TABLES)
    stored.push(...coveredRecords(table, tableRecords(bytes, manifest, table)));
  const live = new Set(
    tableRecords(bytes, manifest, 'campaigns').map((c) => String((c as { id?: unknown }).id)),
  );
  const mismatches = checkDataAgainstLog(entries, stored, live, sha, trust);
  return {
    entries,
    trust,
    mismatches,
    tailProblems: headProblems,
    problems: [...trust.problems, ...headProblems, ...mismatches.map((m) => m.message)],
    warnings,
  };
}
