import type { AuditEntry } from '@shared/audit/audit-chain';
import { verifyAuditChain } from '@shared/audit/audit-chain';
import { fileTimeStamp } from '@shared/util/time-format';

/**
 * The exported log: every entry as stored plus the verification at export time. `pingcha log verify`
 * reads this file as well as a backup.
 */
export function buildAuditLogExport(
  entries: readonly AuditEntry[],
  appVersion: string,
  now: Date,
): Uint8Array {
  const doc = {
    format: 'pingcha.audit-log',
    formatVersion: 1,
    exportedAt: now.toISOString(),
    appVersion,
    verification: verifyAuditChain(entries),
    note: '每条记录的 hash = SHA-256(按键排序的 JSON{seq,at,actor,action,objectType,objectId,summary,digest,prevHash})；第一条的 prevHash 为 64 个 0。可用 pingcha log verify 本文件 核对。',
    entries,
  };
  return new TextEncoder().encode(JSON.stringify(doc, null, 2));
}

export function auditExportFileName(now: Date): string {
  return `操作留痕-${fileTimeStamp(now)}.json`;
}
