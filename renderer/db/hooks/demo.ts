import { useLiveQuery } from 'dexie-react-hooks';
import { getDatabase } from '../database';
import { countDemoData, removeDemoData, type DemoDataCounts } from '../demo-repository';
import { onStore } from './on-store';

/** The demo data: its removal bound to the app's store. */
export const demoStore = onStore({ removeDemoData });

/** Counts of the demo data in the store (undefined while loading). */
export function useDemoCounts(): DemoDataCounts | undefined {
  return useLiveQuery(() => countDemoData(getDatabase()), []);
}
