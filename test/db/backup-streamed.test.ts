// Issue 31: a backup written as a stream. With `onData` the ZIP is fed table page by table page while the
// store is read (bytes leave before the last case chunk is read), no piece is large, nothing is kept, and
// the pieces put together restore to the same store (trust checks included). 200,000 case files.
import { describe, expect, it } from 'vitest';
import { exportDatabase, restoreBackup } from '../../renderer/db/backup-repository';
import { importCaseFiles } from '../../renderer/db/ledger-repository';
import { concatBytes } from '../../shared/backup/backup-format';
import { confirmingTrust, freshDb, makeRecords, newImportMeta, snapshot } from './helpers';

describe('streamed backup', () => {
  it('200k files: fed page by page into the stream, bounded pieces, nothing kept, an identical round trip', async () => {
    const source = freshDb();
    for (let part = 0; part < 2; part++)
      await importCaseFiles(
        source,
        newImportMeta({ sha256: String(part).repeat(64), fileName: `台账${part}.csv` }),
        makeRecords(100_000, '市场监督管理局', `P${part}`),
      );
    expect(await source.caseChunks.count()).toBe(100);

    const pieces: Uint8Array[] = [];
    // When each piece left, as (case chunks read so far) of the caseChunks table
    const readWhenSent: number[] = [];
    let chunksRead = 0;
    const result = await exportDatabase(source, {
      appVersion: '0.1.0',
      reason: 'manual',
      onData: (piece) => {
        pieces.push(piece);
        readWhenSent.push(chunksRead);
      },
      onProgress: (p) => {
        if (p.table === 'caseChunks' && p.part) chunksRead = p.part.done;
      },
    });
    expect(result.bytes.byteLength).toBe(0); // nothing kept by the export
    // Page by page: bytes of the case chunks left while later chunks were still to be read.
    expect(readWhenSent.some((n) => n > 0 && n < 100)).toBe(true);
    expect(new Set(readWhenSent.filter((n) => n > 0 && n < 100)).size).toBeGreaterThan(3);
    const largest = Math.max(...pieces.map((p) => p.byteLength));
    const total = pieces.reduce((a, p) => a + p.byteLength, 0);
    expect(largest).toBeLessThan(8 * 1024 * 1024);
    expect(largest).toBeLessThan(total / 4);

    // The pieces are the backup file: it restores (trust checks included) to the same store.
    const file = concatBytes(pieces);
    const kept = await exportDatabase(source, { appVersion: '0.1.0', reason: 'manual' });
    expect(kept.manifest.tables).toEqual(result.manifest.tables);
    const target = freshDb();
    await restoreBackup(target, file, confirmingTrust(file, { appVersion: '0.1.0', actor: '测试员' }));
    const [a, b] = [await snapshot(source), await snapshot(target)] as Record<string, unknown[]>[];
    for (const table of ['imports', 'caseChunks', 'rawChunks', 'departments'])
      expect(b![table], table).toEqual(a![table]);
    expect(b!.caseChunks).toHaveLength(100);
  }, 240_000);
});
