import { useLiveQuery } from 'dexie-react-hooks';
import { getDatabase } from '../database';
import {
  campaignsUsingImport,
  deleteImport,
  findCommittedImportsBySha,
  listCommittedImports,
  readCaseChunks,
  loadRawRowWithSource,
  recallMapping,
  rememberMapping,
  rollbackPendingImports,
} from '../ledger-repository';
import {
  currentRulePack,
  loadRuleCensus,
  readRulePackSettings,
  saveRulePackSettings,
} from '../rule-census-repository';
import type { ImportRecord } from '../schema';
import { onStore } from './on-store';

/** Ledgers (imports, case chunks, column mappings): writes and one-off reads bound to the app's store. */
export const ledgerStore = onStore({
  campaignsUsingImport,
  deleteImport,
  findCommittedImportsBySha,
  readCaseChunks,
  loadRawRowWithSource,
  recallMapping,
  rememberMapping,
  rollbackPendingImports,
  saveRulePackSettings,
});

/** The committed imports, once `ready` (undefined before). */
export function useCommittedImports(ready: boolean): ImportRecord[] | undefined {
  return useLiveQuery(() => (ready ? listCommittedImports(getDatabase()) : undefined), [ready]);
}

/** The rule pack in force and the stored 台账体检 census records. */
export function useStoredRuleCensus():
  | {
      pack: Awaited<ReturnType<typeof currentRulePack>>;
      records: Awaited<ReturnType<typeof loadRuleCensus>>;
    }
  | undefined {
  return useLiveQuery(async () => {
    const db = getDatabase();
    const [pack, records] = await Promise.all([currentRulePack(db), loadRuleCensus(db)]);
    return { pack, records };
  }, []);
}

/** The rule pack's stored settings (rules on or off, thresholds). */
export function useRulePackSettings(): Awaited<ReturnType<typeof readRulePackSettings>> | undefined {
  return useLiveQuery(() => readRulePackSettings(getDatabase()), []);
}
