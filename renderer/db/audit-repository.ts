// The only writer of the tamper-evident log. appendAudit must run INSIDE the transaction of the
// action it records (include db.auditLog in that transaction's tables), so an action and its
// log entry are written together or not at all.
import Dexie, { type Table } from 'dexie';
import {
  makeAuditEntry,
  verifyAuditChain,
  type AuditEntry,
  type AuditInput,
  type AuditVerification,
} from '@shared/audit/audit-chain';
import type { PingchaDatabase } from './database';

declare module './database' {
  interface PingchaDatabase {
    auditLog: Table<AuditEntry, number>;
  }
}

export async function appendAudit(
  db: PingchaDatabase,
  input: Omit<AuditInput, 'at'> & { at?: string },
): Promise<AuditEntry> {
  if (!Dexie.currentTransaction) {
    return db.transaction('rw', db.auditLog, () => appendAudit(db, input));
  }
  const prev = (await db.auditLog.orderBy('seq').last()) ?? null;
  const entry = makeAuditEntry(prev, { ...input, at: input.at ?? new Date().toISOString() });
  await db.auditLog.add(entry);
  return entry;
}

export async function readAuditLog(db: PingchaDatabase): Promise<AuditEntry[]> {
  return db.auditLog.orderBy('seq').toArray();
}

export async function verifyStoredAuditLog(db: PingchaDatabase): Promise<AuditVerification> {
  return verifyAuditChain(await readAuditLog(db));
}
