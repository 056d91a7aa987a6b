import { useSyncExternalStore } from 'react';
import { liveQuery } from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import { getDatabase, type PingchaDatabase } from '../database';
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

type StoredRuleCensus = {
  pack: Awaited<ReturnType<typeof currentRulePack>>;
  records: Awaited<ReturnType<typeof loadRuleCensus>>;
};

/**
 * One live read of the census for all its readers (case browser, 台账体检 tab, planner, score-sheet hints,
 * results): the stored flags of 500,000 rows are megabytes, and a live query per reader would read and copy
 * them on the main thread once per reader each time a census lands.
 */
const sharedCensus: {
  db: PingchaDatabase | null;
  value: StoredRuleCensus | undefined;
  error: unknown;
  listeners: Set<() => void>;
  subscription: { unsubscribe(): void } | null;
} = { db: null, value: undefined, error: undefined, listeners: new Set(), subscription: null };

function subscribeCensus(listener: () => void): () => void {
  const db = getDatabase();
  if (sharedCensus.db !== db) {
    sharedCensus.subscription?.unsubscribe();
    Object.assign(sharedCensus, { db, value: undefined, error: undefined, subscription: null });
  }
  sharedCensus.listeners.add(listener);
  sharedCensus.subscription ??= liveQuery(async () => {
    const [pack, records] = await Promise.all([
      currentRulePack(db),
      // An explicit transaction keeps this read out of Dexie's live-query cache, which deep-copies each
      // result it hands out: with 500,000 rows' flags that copy alone was a 80-odd ms main-thread task each
      // time the ledgers page opened (issue 26). The read is still watched; nobody mutates the records.
      db.transaction('r', db.ruleCensus, () => loadRuleCensus(db)),
    ]);
    return { pack, records };
  }).subscribe({
    next: (value) => {
      sharedCensus.value = value;
      sharedCensus.error = undefined;
      for (const l of [...sharedCensus.listeners]) l();
    },
    error: (error: unknown) => {
      sharedCensus.error = error;
      for (const l of [...sharedCensus.listeners]) l();
    },
  });
  return () => {
    sharedCensus.listeners.delete(listener);
    if (sharedCensus.listeners.size > 0) return;
    // nobody reads it: stop watching, and forget it (a later reader reads afresh, never a stale census)
    sharedCensus.subscription?.unsubscribe();
    Object.assign(sharedCensus, { value: undefined, error: undefined, subscription: null });
  };
}

function censusSnapshot(): StoredRuleCensus | undefined {
  return sharedCensus.db === getDatabase() ? sharedCensus.value : undefined;
}

/** The rule pack in force and the stored 台账体检 census records (one shared read; undefined while loading). */
export function useStoredRuleCensus(): StoredRuleCensus | undefined {
  const value = useSyncExternalStore(subscribeCensus, censusSnapshot);
  if (sharedCensus.error !== undefined && sharedCensus.db === getDatabase()) throw sharedCensus.error;
  return value;
}

/** The rule pack's stored settings (rules on or off, thresholds). */
export function useRulePackSettings(): Awaited<ReturnType<typeof readRulePackSettings>> | undefined {
  return useLiveQuery(() => readRulePackSettings(getDatabase()), []);
}
