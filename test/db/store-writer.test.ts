// One writer at a time: a reader connection refuses every write with a Chinese message and leaves the
// store as it was; one window's start-up clean-up never undoes another window's import; an old window
// closes its connection when a newer app upgrades the store, and stops writing.
import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { freshDb, makeRecords, newImportMeta, snapshot } from './helpers';
import { PingchaDatabase } from '../../renderer/db/database';
import { CURRENT_SCHEMA_VERSION } from '../../renderer/db/schema';
import {
  commitImports,
  importCaseFiles,
  listCommittedImports,
  rollbackPendingImports,
  writePendingImport,
  type NewImport,
} from '../../renderer/db/ledger-repository';
import { createCampaign } from '../../renderer/db/campaign-repository';
import {
  ROLE_MESSAGE,
  claimWriterRole,
  shareRoleWithWorker,
  workerGate,
} from '../../renderer/db/writer-lock';
import {
  READ_ONLY_MESSAGE,
  ReadOnlyStoreError,
  UPGRADED_MESSAGE,
  WriteGate,
} from '../../renderer/db/write-gate';

const meta = (sha = 'a'.repeat(64)): NewImport =>
  newImportMeta({ fileName: '市场台账.xlsx', sha256: sha, fileSize: 1000 });

/** A second "window" on the same store: its own connection and gate. */
function secondWindow(db: PingchaDatabase, role: 'writer' | 'reader' = 'writer'): PingchaDatabase {
  return new PingchaDatabase(db.name, undefined, new WriteGate(role));
}

describe('one writer at a time', () => {
  it('a reader window refuses every write with a Chinese message and leaves the store unchanged', async () => {
    const writer = freshDb();
    await importCaseFiles(writer, meta(), makeRecords(10));
    const reader = secondWindow(writer, 'reader');
    const before = await snapshot(writer);

    await expect(importCaseFiles(reader, meta('b'.repeat(64)), makeRecords(5))).rejects.toThrow(
      /本窗口为只读|导入/,
    );
    const err = await createCampaign(reader, {
      name: '第十二次评查',
      year: 2025,
      periodFrom: null,
      periodTo: null,
      departments: [],
      caseTypes: [],
      createdBy: '陈组长',
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReadOnlyStoreError);
    expect((err as Error).message).toBe(READ_ONLY_MESSAGE);
    await expect(reader.meta.put({ key: 'x', value: 1 })).rejects.toBeInstanceOf(ReadOnlyStoreError);
    expect(await snapshot(writer)).toEqual(before);
    // Reading works.
    expect((await listCommittedImports(reader)).length).toBe(1);

    // Taking over (the writer window closed): the same connection may write.
    reader.gate.set('writer');
    await reader.meta.put({ key: 'x', value: 1 });
    expect((await writer.meta.get('x'))?.value).toBe(1);
  });

  it('start-up clean-up never rolls back an import committed meanwhile (re-checked inside the transaction)', async () => {
    const a = freshDb();
    const b = secondWindow(a);
    const pending = await writePendingImport(a, meta(), makeRecords(4500));
    // Window B starts while A's import is pending; A commits after B listed it, before B's rollback.
    const removed = await rollbackPendingImports(b, {
      isOwnerLive: async () => {
        await commitImports(a, [pending.id]);
        return false;
      },
    });
    expect(removed).toBe(0);
    const committed = await listCommittedImports(a);
    expect(committed.map((r) => r.id)).toEqual([pending.id]);
    expect(await a.caseChunks.where('importId').equals(pending.id).count()).toBe(pending.chunkCount);
    expect(await a.rawChunks.where('importId').equals(pending.id).count()).toBe(pending.chunkCount);
  });

  it('leaves a pending import whose writer is alive and rolls back one whose writer is gone', async () => {
    const a = freshDb();
    const b = secondWindow(a);
    const live = await writePendingImport(a, meta(), makeRecords(10));
    expect(live.owner).toMatch(/^[0-9a-f]{24}$/);
    const before = await snapshot(a);
    expect(await rollbackPendingImports(b, { isOwnerLive: (o) => o === live.owner })).toBe(0);
    expect(await snapshot(a)).toEqual(before);
    // Its writing session ended (page closed): the next start-up removes it entirely.
    expect(await rollbackPendingImports(b, { isOwnerLive: () => false })).toBe(1);
    expect(await a.imports.count()).toBe(0);
    expect(await a.caseChunks.count()).toBe(0);
    expect(await a.rawChunks.count()).toBe(0);
    // The import can then be committed by nobody: A's commit fails with a Chinese message.
    await expect(commitImports(a, [live.id])).rejects.toThrow(/导入记录状态异常/);
  });

  it('an import left by an older version (no owner) is rolled back as before', async () => {
    const a = freshDb();
    const p = await writePendingImport(a, meta(), makeRecords(10));
    await a.imports.update(p.id, { owner: undefined });
    expect(await rollbackPendingImports(a)).toBe(1);
    expect(await a.caseChunks.count()).toBe(0);
  });
});

describe("a page's workers", () => {
  it('refuse writes until their page says it is the writer, and follow its role after', async () => {
    const scope = new EventTarget();
    const gate = workerGate(scope);
    const seen: unknown[] = [];
    scope.addEventListener('message', (e) => seen.push((e as MessageEvent).data));
    const db = new PingchaDatabase(freshDb().name, undefined, gate);
    await expect(db.meta.put({ key: 'k', value: 1 })).rejects.toBeInstanceOf(ReadOnlyStoreError);

    // The page posts its role first (and again on every change); the worker's own handler never sees it.
    const pageGate = new WriteGate('writer');
    const worker = {
      postMessage: (data: unknown) => scope.dispatchEvent(new MessageEvent('message', { data })),
    };
    const stop = shareRoleWithWorker(worker, pageGate);
    expect(gate.role).toBe('writer');
    await db.meta.put({ key: 'k', value: 1 });
    worker.postMessage({ op: 'open' });
    expect(seen).toEqual([{ op: 'open' }]);
    pageGate.set('upgraded');
    expect(gate.role).toBe('upgraded');
    await expect(db.meta.put({ key: 'k', value: 2 })).rejects.toBeInstanceOf(ReadOnlyStoreError);
    stop();
    expect(Object.keys({ [ROLE_MESSAGE]: 1 })).toEqual(['pingcha:store-role']);
  });

  it('without Web Locks (jsdom, Node) the one window is the writer', async () => {
    const gate = new WriteGate('reader');
    expect(await claimWriterRole(gate, undefined)).toBe('writer');
    expect(gate.role).toBe('writer');
  });
});

describe('a schema upgrade while an old window is open', () => {
  it('the old window closes its connection at once, stops writing and the upgrade goes through', async () => {
    const old = freshDb();
    await importCaseFiles(old, meta(), makeRecords(10));
    expect(old.gate.role).toBe('writer');

    // A newer app (one more schema version) opens the same store in another window.
    const newer = new PingchaDatabase(old.name);
    newer.version(CURRENT_SCHEMA_VERSION + 1).stores({ futureTable: 'id' });
    await newer.open(); // would hang as "blocked" if the old window kept its connection
    expect(newer.verno).toBe(CURRENT_SCHEMA_VERSION + 1);

    expect(old.gate.role).toBe('upgraded');
    expect(old.isOpen()).toBe(false);
    // The old window's writes are refused and nothing reaches the store; it never silently reopens.
    const err = await old.meta.put({ key: 'stale', value: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(old.isOpen()).toBe(false);
    expect(await newer.meta.get('stale')).toBeUndefined();
    expect(await newer.imports.count()).toBe(1);
    // The gate stays closed: the page must reload, it cannot become the writer again.
    old.gate.set('writer');
    expect(old.gate.role).toBe('upgraded');
    expect(new ReadOnlyStoreError('upgraded').message).toBe(UPGRADED_MESSAGE);
    newer.close();
    await Dexie.delete(old.name);
  });
});
