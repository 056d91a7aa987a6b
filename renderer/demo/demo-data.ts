import type { PingchaDatabase } from '../db/database';
import { removeDemoImports } from '../db/ledger-repository';

/** One step removes every piece of demo data (today: the demo ledgers). */
export async function removeDemoData(db: PingchaDatabase): Promise<void> {
  await removeDemoImports(db);
}
