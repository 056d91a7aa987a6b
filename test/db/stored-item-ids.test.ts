// The import worker's persistent id index (issue 31): the report's "already stored" check reads the store
// once per worker, keeps itself up to date as files are imported, and follows deletions and other windows'
// imports; no request carries the stored ids.
import { describe, expect, it } from 'vitest';
import { LedgerImportService } from '../../renderer/workers/ledger-import-service';
import { deleteImport, importCaseFiles } from '../../renderer/db/ledger-repository';
import type { PingchaDatabase } from '../../renderer/db/database';
import { freshDb, makeRecords, newImportMeta } from './helpers';

const enc = new TextEncoder();
const csv = (rows: string[]) =>
  enc.encode(
    ['案件编号,执法部门,案件类型', ...rows.map((no) => `${no},市场监督管理局,行政处罚`)].join('\r\n'),
  );

async function report(service: LedgerImportService, name: string, rows: string[]) {
  const opened = await service.open({ name, bytes: csv(rows) }, 'auto');
  const summary = await service.analyse({
    fileKey: opened.fileKey,
    sheetIndex: opened.sheetIndex,
    headerRow: opened.header!.headerRow,
    mapping: opened.mapping,
    defaultDepartment: null,
    defaultCaseType: null,
  });
  return { opened, summary };
}

const storedDuplicates = (s: { issues: { code: string; row: number }[] }) =>
  s.issues.filter((i) => i.code === 'duplicate-stored').map((i) => i.row);

async function storeRows(db: PingchaDatabase, n: number, prefix: string, sha: string) {
  return importCaseFiles(
    db,
    newImportMeta({ sha256: sha.repeat(64), counts: { rowsRead: n, errors: 0, warnings: 0, excluded: 0 } }),
    makeRecords(n, '市场监督管理局', prefix),
  );
}

describe('the import worker keeps its own index of stored ids', () => {
  it('200k stored rows: read once; later reports read no chunk and still find duplicates, also of files imported since', async () => {
    const db = freshDb();
    await storeRows(db, 200_000, 'A', 'a');
    const service = new LedgerImportService(db);

    const first = await report(service, '一.csv', ['A-1', 'N-1', 'A-200000']);
    expect(storedDuplicates(first.summary)).toEqual([2, 4]);
    expect(first.summary.counts.valid).toBe(1);
    expect(service.storedItemIds.chunksRead).toBe(100); // 200,000 rows in chunks of 2,000, read once
    await service.commit({ fileKey: first.opened.fileKey, isDemo: false, insistedDuplicate: false });

    // The next file's check reads nothing from the store: its cost does not grow with what is stored.
    const second = await report(service, '二.csv', ['N-1', 'A-77', 'N-2']);
    expect(storedDuplicates(second.summary)).toEqual([2, 3]); // N-1 was imported by the first file
    expect(service.storedItemIds.chunksRead).toBe(100);
  }, 120_000);

  it('follows another window: an import stored elsewhere is read (only it), a deleted one is forgotten', async () => {
    const db = freshDb();
    const kept = await storeRows(db, 10, 'A', 'a');
    const service = new LedgerImportService(db);
    expect(storedDuplicates((await report(service, '一.csv', ['A-3', 'B-3'])).summary)).toEqual([2]);
    const readAtFirst = service.storedItemIds.chunksRead;

    const other = await storeRows(db, 10, 'B', 'b'); // another window (or the demo loader) imported B-1…B-10
    expect(storedDuplicates((await report(service, '二.csv', ['A-3', 'B-3'])).summary)).toEqual([2, 3]);
    expect(service.storedItemIds.chunksRead).toBe(readAtFirst + 1);

    await deleteImport(db, other.id, '张三');
    expect(storedDuplicates((await report(service, '三.csv', ['A-3', 'B-3'])).summary)).toEqual([2]);
    await deleteImport(db, kept.id, '张三');
    const empty = await report(service, '四.csv', ['A-3', 'B-3']);
    expect(storedDuplicates(empty.summary)).toEqual([]);
    expect(empty.summary.counts.valid).toBe(2);
  });
});
