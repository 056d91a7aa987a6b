// The ledger-import worker's own index of every stored case file's item id, for the report's
// "already stored" duplicate check. Built once from the store in the worker and kept up to date as
// files are imported, so a report costs the same whether 1,000 or 2,000,000 rows are stored: no id
// crosses postMessage, and each check reads only the imports table (a few hundred records) to see
// whether another window imported, deleted or restored something since.
// The ids are a TextSet (typed arrays, not a Set of strings): at 2,000,000 stored rows it is the
// worker's largest holding.
import { TextSet } from '@shared/cases/text-column';
import type { PingchaDatabase } from '../db/database';

/** What a report's duplicate check asks of the stored ids. */
export interface ItemIdLookup {
  has(itemId: string): boolean;
}

export class StoredItemIds {
  private ids = new TextSet();
  /** The committed imports whose ids are in `ids`. */
  private imports = new Set<string>();
  private built = false;
  /** How many chunks were read from the store so far (for tests: a second check reads none). */
  chunksRead = 0;

  /**
   * Brings the index to the committed imports as they stand: new ones have their chunks read (only
   * theirs); if one it holds is gone (deleted, rolled back by a restore) it is built again.
   */
  async current(db: PingchaDatabase): Promise<ItemIdLookup> {
    const committed = await db.imports.where('status').equals('committed').toArray();
    const now = new Set(committed.map((r) => r.id));
    for (const id of this.imports)
      if (!now.has(id)) {
        this.ids = new TextSet();
        this.imports = new Set();
        this.built = false;
        break;
      }
    for (const imp of committed) {
      if (this.imports.has(imp.id)) continue;
      for (let seq = 0; seq < imp.chunkCount; seq++) {
        const chunk = await db.caseChunks.get([imp.id, seq]);
        if (!chunk) throw new Error(`数据库中缺少导入“${imp.id}”的第 ${seq + 1} 块数据。`);
        this.chunksRead++;
        for (const id of chunk.itemId) this.ids.add(id);
      }
      this.imports.add(imp.id);
    }
    this.built = true;
    return this.ids;
  }

  /** An import this worker just committed: its ids join without reading them back from the store. */
  committed(importId: string, itemIds: Iterable<string>): void {
    if (!this.built) return; // not built yet: the next check reads it with the rest
    for (const id of itemIds) this.ids.add(id);
    this.imports.add(importId);
  }
}
