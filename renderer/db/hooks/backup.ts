import { useLiveQuery } from 'dexie-react-hooks';
import { getDatabase } from '../database';
import { countTables, readLastBackup, type LastBackup } from '../backup-repository';
import { onStore } from './on-store';

/** Backups: one-off reads bound to the app's store (the backup itself runs in the backup worker). */
export const backupStore = onStore({ countTables });

/** The last backup made on this machine (null before the first). */
export function useLastBackup(): LastBackup | null | undefined {
  return useLiveQuery(() => readLastBackup(getDatabase()), []);
}
