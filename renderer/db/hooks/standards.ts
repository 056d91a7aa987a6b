import { useEffect } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { getDatabase } from '../database';
import {
  copyStandard,
  createStandardVersion,
  deleteStandardDraft,
  ensureDefaultStandards,
  getStandard,
  getStandards,
  importStandardJson,
  saveStandard,
} from '../standards-repository';
import type { StandardRow } from '../workflow-records';
import { onStore } from './on-store';

/** Review standards: writes and one-off reads bound to the app's store. */
export const standardStore = onStore({
  copyStandard,
  createStandardVersion,
  deleteStandardDraft,
  getStandard,
  getStandards,
  importStandardJson,
  saveStandard,
});

/** Every stored standard, every version, in key order (the four defaults are stored on first use). */
export function useStandards(): StandardRow[] | undefined {
  useEffect(() => {
    void ensureDefaultStandards(getDatabase());
  }, []);
  return useLiveQuery(() => getDatabase().standards.toArray(), []);
}
