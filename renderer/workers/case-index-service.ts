// Builds the case index off the UI thread (issue 31): the worker reads every chunk of the committed
// imports it is given, builds the columnar index, and answers with it packed, its typed columns'
// buffers transferred to the page (not copied). The page only adopts the arrays.
import { CaseIndex, type PackedCaseIndex } from '@shared/cases/case-index';
import type { PingchaDatabase } from '../db/database';
import { readCaseChunks } from '../db/ledger-repository';
import type { ImportRecord } from '../db/schema';

const CHUNKS_PER_READ = 8;

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
    // several chunks per IndexedDB read: one transaction each, not one per chunk
    const keys: [string, number][] = imports.flatMap((r) =>
      Array.from({ length: r.chunkCount }, (_, seq): [string, number] => [r.id, seq]),
    );
    for (let at = 0; at < keys.length; at += CHUNKS_PER_READ) {
      const batch = keys.slice(at, at + CHUNKS_PER_READ);
      const chunks = await readCaseChunks(this.db, batch);
      chunks.forEach((chunk, k) => {
        const [importId, seq] = batch[k]!;
        if (!chunk) throw new Error(`数据库中缺少导入“${importId}”的第 ${seq + 1} 块数据。`);
        index.append(importId, chunk);
        if (++done % 50 === 0) onProgress?.({ done, total });
      });
    }
    return index.pack(true);
  }
}
