// The backup worker's service, run in-process (the same code the worker runs): export, inspect and
// restore with progress; cancel stops an export, an inspection, and a restore until its replacing
// transaction starts, always with the store unchanged.
import { describe, expect, it, vi } from 'vitest';
import { importCaseFiles } from '../../renderer/db/ledger-repository';
import type { BackupProgress } from '../../renderer/db/backup-repository';
import { WorkerError } from '../../renderer/workers/rpc';
import { createInProcessBackupRunner } from '../../renderer/workers/backup-client';
import { makeBackup } from '../../renderer/workers/backup-service';
import { concatBytes, readBackupManifest } from '../../shared/backup/backup-format';
import { isBackupPiece } from '../../renderer/workers/backup-protocol';
import type { Platform } from '../../renderer/platform';
import type { PingchaDatabase } from '../../renderer/db/database';
import { caseNoOnlyImportMeta, freshMachine, makeRecords, snapshot } from './helpers';

const meta = () => caseNoOnlyImportMeta('c'.repeat(64), 6000);

async function populated(rows = 6000): Promise<PingchaDatabase> {
  const db = await freshMachine();
  await db.open();
  await importCaseFiles(db, meta(), makeRecords(rows));
  await db.table('campaigns').put({
    id: 'c1',
    name: '2025 年度评查',
    year: 2025,
    periodFrom: null,
    periodTo: null,
    departments: [],
    caseTypes: [],
    createdAt: '2025-01-01T00:00:00.000Z',
    createdBy: '张三',
    isDemo: false,
    standards: [],
    standardsFrozenAt: null,
  });
  return db;
}

const request = { appVersion: '0.1.0', reason: 'manual' as const, createdAt: '2026-03-01T08:00:00.000Z' };

describe('backup jobs (worker service, in-process)', () => {
  it('exports with progress within tables, inspects, and restores the store', async () => {
    const db = await populated();
    await db.table('reviewers').bulkPut(
      Array.from({ length: 100 }, (_, i) => ({
        id: 'r' + i,
        name: '评查员' + i,
        unit: '司法局',
        role: '机关工作人员',
        conflicts: [],
        campaignId: 'c1',
      })),
    );
    const runner = createInProcessBackupRunner(db);
    const seen: BackupProgress[] = [];
    const { bytes, manifest } = await runner.exportDatabase(request, (p) => seen.push(p));
    expect(manifest.createdAt).toBe(request.createdAt);
    expect(readBackupManifest(bytes).tables.find((t) => t.name === 'caseChunks')?.count).toBeGreaterThan(0);
    // Progress inside a table (batch by batch), not only between tables.
    const within = seen.filter((p) => p.table === 'reviewers' && p.part && p.part.done < p.part.total);
    expect(within.length).toBeGreaterThan(1);
    const before = await snapshot(db);

    await db.table('campaigns').clear();
    await db.table('caseChunks').clear();
    const verify: BackupProgress[] = [];
    const { fileKey, inspection } = await runner.inspect({ bytes, appVersion: '0.1.0' }, (p) =>
      verify.push(p),
    );
    expect(inspection.compatibility.kind).toBe('same');
    expect(verify.at(-1)?.phase).toBe('verify');
    const write: BackupProgress[] = [];
    const result = await runner.restore({ fileKey, appVersion: '0.1.0', actor: '李四' }, (p) =>
      write.push(p),
    );
    expect(result.migratedFrom).toBeNull();
    expect(write[0]).toMatchObject({ phase: 'write', done: 0 });
    const after = (await snapshot(db)) as Record<string, unknown[]>;
    const was = before as Record<string, unknown[]>;
    expect(after.caseChunks).toEqual(was.caseChunks);
    expect(after.campaigns).toEqual(was.campaigns);
    // The restore is recorded in the log.
    expect(after.auditLog!.length).toBe(was.auditLog!.length + 1);

    runner.discard(fileKey);
    await expect(runner.restore({ fileKey, appVersion: '0.1.0', actor: '李四' })).rejects.toThrow(
      '请重新选择备份文件',
    );
  });

  it('cancel stops an export: no bytes, a Chinese message, the store untouched', async () => {
    const db = await populated();
    const runner = createInProcessBackupRunner(db);
    const before = await snapshot(db);
    const stop = new AbortController();
    const run = runner.exportDatabase(
      request,
      (p) => {
        if (p.table === 'caseChunks') stop.abort();
      },
      stop.signal,
    );
    await expect(run).rejects.toBeInstanceOf(WorkerError);
    await expect(run).rejects.toMatchObject({ kind: 'cancelled' });
    await expect(run).rejects.toThrow('没有写出任何备份文件');
    expect(await snapshot(db)).toEqual(before);
    // The next export is not affected by the earlier cancel.
    await expect(runner.exportDatabase(request)).resolves.toHaveProperty('bytes');
  });

  it('makeBackup with a cancelled export saves nothing and records no backup', async () => {
    const db = await populated(2000);
    const runner = createInProcessBackupRunner(db);
    const saveFile = vi.fn(async () => true);
    const platform: Platform = {
      kind: 'browser',
      openFiles: async () => [],
      saveFile,
      appVersion: async () => '0.1.0',
      dataPaths: async () => null,
    };
    const stop = new AbortController();
    const made = makeBackup(db, platform, 'manual', {
      runner,
      onProgress: () => stop.abort(),
      signal: stop.signal,
    });
    await expect(made).rejects.toMatchObject({ kind: 'cancelled' });
    expect(saveFile).not.toHaveBeenCalled();
    expect(await db.meta.get('backup:last')).toBeUndefined();
    // Through the runner, the saved bytes are the runner's export.
    const ok = await makeBackup(db, platform, 'manual', { runner, now: () => new Date(request.createdAt) });
    expect(ok.saved).toBe(true);
    const saved = (saveFile.mock.calls[0] as unknown as [{ bytes: Uint8Array }])[0].bytes;
    expect(readBackupManifest(saved).createdAt).toBe(request.createdAt);
  });

  it('a streamed export: pieces as they are made, an answer without the file, the saved file byte-identical', async () => {
    // One clock for both exports (the ZIP stamps its entries with the time).
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-03-01T08:00:00.000Z') });
    try {
      const db = await populated(4000);
      const runner = createInProcessBackupRunner(db);
      const whole = await runner.exportDatabase(request);
      const pieces: Uint8Array[] = [];
      const progress: BackupProgress[] = [];
      const answer = await runner.exportPieces(request, (e) =>
        isBackupPiece(e) ? pieces.push(e.data) : progress.push(e),
      );
      expect(answer.bytes.byteLength).toBe(0); // the final answer carries no zip
      expect(answer.manifest).toEqual(whole.manifest);
      expect(pieces.length).toBeGreaterThan(3);
      expect(progress.some((p) => p.phase === 'export' && p.part)).toBe(true);
      expect(concatBytes(pieces)).toEqual(whole.bytes);

      // makeBackup hands the pieces to the browser's file sink one by one; nothing is joined.
      const written: Uint8Array[] = [];
      const events: string[] = [];
      const saveFile = vi.fn(async () => true);
      const saveFileStream = vi.fn(async () => ({
        write: async (piece: Uint8Array) => void written.push(piece),
        close: async () => void events.push('close'),
        abort: async () => void events.push('abort'),
      }));
      const platform: Platform = {
        kind: 'browser',
        openFiles: async () => [],
        saveFile,
        saveFileStream,
        appVersion: async () => '0.1.0',
        dataPaths: async () => null,
      };
      const seen: BackupProgress[] = [];
      const made = await makeBackup(db, platform, 'manual', {
        runner,
        now: () => new Date(request.createdAt),
        onProgress: (p) => seen.push(p),
      });
      expect(made.saved).toBe(true);
      expect(saveFile).not.toHaveBeenCalled();
      expect(saveFileStream).toHaveBeenCalledWith(expect.objectContaining({ ask: true }));
      expect(events).toEqual(['close']);
      expect(written.length).toBeGreaterThan(3);
      expect(concatBytes(written)).toEqual(whole.bytes);
      expect(made.bytes).toBe(whole.bytes.byteLength);
      expect(seen.every((p) => !('data' in p))).toBe(true);
      expect((await db.meta.get('backup:last'))?.value).toMatchObject({ bytes: whole.bytes.byteLength });

      // A cancelled export aborts the sink; a cancelled dialog exports nothing.
      const stop = new AbortController();
      await expect(
        makeBackup(db, platform, 'manual', { runner, onProgress: () => stop.abort(), signal: stop.signal }),
      ).rejects.toMatchObject({ kind: 'cancelled' });
      expect(events).toEqual(['close', 'abort']);
      saveFileStream.mockResolvedValueOnce(null as never);
      const spy = vi.spyOn(runner, 'exportPieces');
      await expect(makeBackup(db, platform, 'manual', { runner })).resolves.toMatchObject({ saved: false });
      expect(spy).not.toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });

  it('cancel during inspection (verification) is honoured', async () => {
    const db = await populated();
    const runner = createInProcessBackupRunner(db);
    const { bytes } = await runner.exportDatabase(request);
    const stop = new AbortController();
    const run = runner.inspect({ bytes, appVersion: '0.1.0' }, () => stop.abort(), stop.signal);
    await expect(run).rejects.toMatchObject({ kind: 'cancelled' });
  });

  it('restore: a cancel before the replacing transaction leaves the store exactly as it was', async () => {
    const source = await populated();
    const { bytes } = await createInProcessBackupRunner(source).exportDatabase(request);
    const db = await populated(1000);
    await db.table('campaigns').put({ id: 'c-local', name: '本机活动', year: 2026, createdAt: '2026-01-01' });
    const runner = createInProcessBackupRunner(db);
    const { fileKey } = await runner.inspect({ bytes, appVersion: '0.1.0' });
    const before = await snapshot(db);
    const progress = vi.fn();
    const stop = new AbortController();
    const run = runner.restore({ fileKey, appVersion: '0.1.0', actor: '李四' }, progress, stop.signal);
    stop.abort();
    await expect(run).rejects.toThrow('已取消恢复，数据库未作任何更改');
    expect(progress).not.toHaveBeenCalledWith(expect.objectContaining({ phase: 'write' }));
    expect(await snapshot(db)).toEqual(before);
  });

  it('restore: a cancel once the replace has started is ignored (the replace completes as one)', async () => {
    const source = await populated();
    const { bytes } = await createInProcessBackupRunner(source).exportDatabase(request);
    const db = await populated(1000);
    const runner = createInProcessBackupRunner(db);
    const { fileKey } = await runner.inspect({ bytes, appVersion: '0.1.0' });
    const stop = new AbortController();
    const result = await runner.restore(
      { fileKey, appVersion: '0.1.0', actor: '李四' },
      (p) => {
        if (p.phase === 'write') stop.abort();
      },
      stop.signal,
    );
    expect(result.manifest.createdAt).toBe(request.createdAt);
    const was = (await snapshot(source)) as Record<string, unknown[]>;
    const now = (await snapshot(db)) as Record<string, unknown[]>;
    expect(now.caseChunks).toEqual(was.caseChunks);
    expect(now.campaigns).toEqual(was.campaigns);
  });
});
