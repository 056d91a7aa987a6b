import { useLiveQuery } from 'dexie-react-hooks';
import type { AuditAction, AuditEntry } from '@shared/audit/audit-chain';
import type { LogCodeLine } from '@shared/documents/log-code-line';
import { getDatabase } from '../database';
import { checkDataAndLog, checkpointCode, checkpointCodes, readAuditLog } from '../audit-repository';
import { readKeptLogHead } from '../office-key-repository';
import { readSupersededEntries, type SupersededAuditEntry } from '../backup-repository';
import { onStore } from './on-store';

/** The tamper-evident log: its named reads. */
export const auditStore = onStore({ checkpointCode });

/** The whole log, in order (live). */
export function useAuditLog(): AuditEntry[] | undefined {
  return useLiveQuery(() => readAuditLog(getDatabase()), []);
}

/** Entries a restore replaced, kept beside the log (live). */
export function useSupersededEntries(): SupersededAuditEntry[] | undefined {
  return useLiveQuery(() => readSupersededEntries(getDatabase()), []);
}

/** The signed log code of each object of one action, e.g. every issued letter (live). */
export function useCheckpointCodes(action: AuditAction): Map<string, LogCodeLine> | undefined {
  return useLiveQuery(() => checkpointCodes(getDatabase(), action), [action]);
}

/** The stored records checked against the log, with the log head this machine kept. */
export async function checkStoredDataAndLog(): ReturnType<typeof checkDataAndLog> {
  const db = getDatabase();
  return checkDataAndLog(db, await readKeptLogHead(db));
}
