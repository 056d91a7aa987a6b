// Builds the case index off the UI thread (issue 31): the worker reads every chunk of the committed
// imports it is given, builds the columnar index, and answers with it packed, its typed columns'
// buffers transferred to the page (not copied). The page only adopts the arrays.
import { CaseIndex, type PackedCaseIndex } from '@shared/cases/case-index';
import type { PingchaDatabase } from '../db/database';
import { loadCaseChunks } from '../db/ledger-repository';
import type { ImportRecord } from '../db/schema';

export class CaseIndexService {
  constructor(private readonly db: PingchaDatabase) {}

  /** The index of the given imports, in that order (the page's list of committed imports). */
  async build(
    imports: readonly Pick<ImportRecord, 'id' | 'chunkCount'>[],
    onProgress?: (p: { done: number; total: number }) => void,
  ): Promise<PackedCaseIndex> {
    const index = new CaseIndex();
    const total = imports.reduce((a, r) => a + r.chunkCount, 0);
    let done = 0;
    await loadCaseChunks(this.db, imports, (importId, columns) => {
      index.append(importId, columns);
      if (++done % 50 === 0) onProgress?.({ done, total });
    });
    return index.pack();
  }
}
