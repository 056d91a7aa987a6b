import { describe, expect, it } from 'vitest';
import { readAuditLog } from '../../renderer/db/audit-repository';
import { verifyAuditChain } from '../../shared/audit/audit-chain';
import {
  deleteImport,
  ImportWriteError,
  findCommittedImportsBySha,
  importCaseFiles,
  listCommittedImports,
  loadCaseChunks,
  loadRawRow,
  recallMapping,
  rememberMapping,
  rollbackPendingImports,
  type NewImport,
} from '../../renderer/db/ledger-repository';
import { CaseIndex } from '../../shared/cases/case-index';
import { removeDemoData } from '../../renderer/db/demo-repository';
import { freshDb, makeRecords, newImportMeta, snapshot } from './helpers';

const meta = (over: Partial<NewImport> = {}): NewImport => newImportMeta(over);

describe('ledger repository', () => {
  it('writes an import in chunks and commits it; the index sees every row and the raw cells', async () => {
    const db = freshDb();
    const records = makeRecords(4500);
    const progress: number[] = [];
    const rec = await importCaseFiles(db, meta(), records, { onProgress: (p) => progress.push(p.written) });
    expect(rec.status).toBe('committed');
    expect(rec.counts.imported).toBe(4500);
    expect(rec.chunkCount).toBe(3);
    expect(progress.at(-1)).toBe(4500);
    const index = new CaseIndex();
    await loadCaseChunks(db, [rec], (id, cols) => index.append(id, cols));
    expect(index.size).toBe(4500);
    expect(index.row(4499).caseNo).toBe('A-4500');
    expect(await loadRawRow(db, rec.id, 4499)).toEqual(['A-4500', '市场监督管理局', 'x4499']);
    expect((await findCommittedImportsBySha(db, 'a'.repeat(64))).map((r) => r.id)).toEqual([rec.id]);
  });

  it('leaves the store exactly as it was when a write fails mid-import (e.g. quota exceeded)', async () => {
    const db = freshDb();
    await importCaseFiles(db, meta({ sha256: 'b'.repeat(64) }), makeRecords(10, '交通运输局'));
    const before = await snapshot(db);
    const original = db.rawChunks.bulkAdd.bind(db.rawChunks);
    let calls = 0;
    db.rawChunks.bulkAdd = (async (...args: Parameters<typeof original>) => {
      calls += 1;
      if (calls === 2) {
        const e = new Error('quota');
        e.name = 'QuotaExceededError';
        throw e;
      }
      return original(...args);
    }) as typeof original;
    await expect(importCaseFiles(db, meta(), makeRecords(25_000))).rejects.toThrow(/存储空间不足/);
    db.rawChunks.bulkAdd = original;
    expect(await snapshot(db)).toEqual(before);
  });

  it('cancel rolls back what was written', async () => {
    const db = freshDb();
    const before = await snapshot(db);
    const stop = new AbortController();
    const p = importCaseFiles(db, meta(), makeRecords(30_000), {
      signal: stop.signal,
      onProgress: (pr) => {
        if (pr.written >= 10_000) stop.abort();
      },
    });
    await expect(p).rejects.toMatchObject({
      name: 'AbortError',
      message: '导入已取消，数据库未作任何更改。',
    });
    expect(await snapshot(db)).toEqual(before);
  });

  it('refuses an empty import without touching the store', async () => {
    const db = freshDb();
    const before = await snapshot(db);
    await expect(importCaseFiles(db, meta(), [])).rejects.toBeInstanceOf(ImportWriteError);
    expect(await snapshot(db)).toEqual(before);
  });

  it('rolls back imports left pending by a closed page', async () => {
    const db = freshDb();
    const done = await importCaseFiles(db, meta(), makeRecords(5));
    // Simulate a page closed between batches: a pending record with one chunk written.
    await db.imports.add({ ...done, id: 'imp_pending', status: 'pending', committedAt: null });
    await db.caseChunks.add({ ...(await db.caseChunks.toArray())[0]!, importId: 'imp_pending' });
    expect(await rollbackPendingImports(db)).toBe(1);
    expect((await listCommittedImports(db)).map((r) => r.id)).toEqual([done.id]);
    expect(await db.caseChunks.where('importId').equals('imp_pending').count()).toBe(0);
  });

  it('logs imports and deletions in the audit chain, in the same transaction', async () => {
    const db = freshDb();
    const rec = await importCaseFiles(db, meta(), makeRecords(3), { actor: '王五（法制科）' });
    await deleteImport(db, rec.id, '王五（法制科）');
    const log = await readAuditLog(db);
    expect(log.map((e) => [e.action, e.actor])).toEqual([
      ['ledger.import', '王五（法制科）'],
      ['ledger.delete', '王五（法制科）'],
    ]);
    expect(log[0]!.summary).toContain('台账.xlsx');
    expect(verifyAuditChain(log).ok).toBe(true);
    expect(await db.caseChunks.count()).toBe(0);
  });

  it('remembers a mapping per department and removes demo imports in one step', async () => {
    const db = freshDb();
    await rememberMapping(db, '交通运输局', { caseNo: '案号' } as never);
    expect((await recallMapping(db, '交通运输局'))?.byHeader).toEqual({ caseNo: '案号' });
    const real = await importCaseFiles(db, meta(), makeRecords(3));
    await importCaseFiles(db, meta({ isDemo: true, sha256: 'c'.repeat(64) }), makeRecords(3, '示例局'));
    expect((await removeDemoData(db)).ledgers).toBe(1);
    expect((await listCommittedImports(db)).map((r) => r.id)).toEqual([real.id]);
    expect(await db.caseChunks.count()).toBe(1);
  });
});
