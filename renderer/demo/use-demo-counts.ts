import { useLiveQuery } from 'dexie-react-hooks';
import { getDatabase } from '../db/database';
import { countDemoData, type DemoDataCounts } from './demo-data';

/** Live counts of the demo data in the store (undefined while loading). */
export function useDemoCounts(): DemoDataCounts | undefined {
  return useLiveQuery(() => countDemoData(getDatabase()), []);
}

export function hasDemo(c: DemoDataCounts | undefined): boolean {
  return !!c && c.ledgers + c.campaigns + c.officers > 0;
}
