// The demo campaign (real records written by the real repositories and draw code) through a backup:
// the restored store is identical with types, and the draw can still be viewed, exported, replaced
// and extended. Backups written by the old encoding (draw strata as plain objects) are repaired.
// Backups with wrong-shaped records, unknown tables or unknown meta keys are refused, store unchanged.
import { strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportDatabase, inspectBackup, restoreBackup } from '../../renderer/db/backup-repository';
import type { PingchaDatabase } from '../../renderer/db/database';
import { loadDemoData } from '../../renderer/workers/demo-loader';
import { createInProcessImporter } from '../../renderer/workers/ledger-import-client';
import { DrawService } from '../../renderer/workers/draw-service';
import { BackupFileError, MANIFEST_NAME, type BackupManifest } from '../../shared/backup/backup-format';
import { bytesToBase64, describeTyped, stringifyTyped } from '../../shared/backup/typed-json';
import { freshDb, freshMachine } from './helpers';
import { rewriteParts } from './backup-forgery';
import { ensureOfficeKey } from '../../renderer/db/office-key-repository';

const opts = { appVersion: '0.1.0', actor: '测试员' };

async function typedSnapshot(db: PingchaDatabase): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const table of db.tables) out[table.name] = describeTyped(await table.toArray());
  return out;
}

/** JSON as backups were written before the typed serialisation (only bytes and dates tagged). */
function legacyStringify(value: unknown): string {
  return JSON.stringify(value, function (this: unknown, key: string, v: unknown) {
    const original = (this as Record<string, unknown>)[key];
    if (original instanceof Date) return { $pingcha: 'date', v: original.toISOString() };
    if (v instanceof Uint8Array) return { $pingcha: 'u8', v: bytesToBase64(v) };
    if (v instanceof ArrayBuffer) return { $pingcha: 'ab', v: bytesToBase64(new Uint8Array(v)) };
    return v;
  });
}

let demo: PingchaDatabase;
let backup: Uint8Array;
let demoSnapshot: Record<string, unknown>;
let drawId: string;

beforeAll(async () => {
  demo = freshDb();
  await ensureOfficeKey(demo, '系统');
  await loadDemoData(demo, createInProcessImporter(demo));
  drawId = ((await demo.table('draws').toArray()) as { id: string }[])[0]!.id;
  demoSnapshot = await typedSnapshot(demo);
  backup = (await exportDatabase(demo, { appVersion: '0.1.0', reason: 'manual' })).bytes;
}, 180_000);

async function drawStillWorks(db: PingchaDatabase): Promise<void> {
  const service = new DrawService(db);
  const view = await service.view(drawId);
  expect(view.drawn.length).toBe(40);
  const record = JSON.parse(new TextDecoder().decode(await service.exportRecord(drawId))) as {
    population: { ids: string[] };
  };
  expect(record.population.ids.length).toBeGreaterThan(1000);
  const first = view.drawn[0]!;
  const replaced = await service.replace(drawId, first.itemId, '案卷已移送司法机关，无法调取', '测试员');
  expect(replaced.replaced.map((r) => r.itemId)).toContain(first.itemId);
  const stratum = replaced.strata.find((s) => s.remaining > 0)!;
  const more = await service.more(drawId, stratum.key, 1, '追加抽取测试', '测试员');
  expect(more.drawn.length).toBe(41);
}

describe('backup -> restore of the demo campaign', () => {
  it('gives back every store identical with types, and the draw page, export, replacement and draw-more work', async () => {
    const target = await freshMachine();
    await restoreBackup(target, backup, opts);
    const after = await typedSnapshot(target);
    for (const name of Object.keys(demoSnapshot)) {
      if (name === 'auditLog' || name === 'auditSuperseded' || name === 'signingKeys') continue;
      expect(after[name], name).toEqual(demoSnapshot[name]);
    }
    // The new machine's own key entry is kept as the superseded branch; its key change is logged.
    expect((await target.auditSuperseded.toArray()).map((e) => e.action)).toEqual(['key.create']);
    expect((await target.auditLog.orderBy('seq').toArray()).slice(-2).map((e) => e.action)).toEqual([
      'key.change',
      'backup.restore',
    ]);
    const pop = (await target.table('drawPopulations').get(drawId)) as { populationStrata: unknown };
    expect(pop.populationStrata).toBeInstanceOf(Uint16Array);
    await drawStillWorks(target);
  }, 180_000);

  it('repairs a backup written by the old encoding (draw strata as plain objects)', async () => {
    const legacy = rewriteParts(backup, (_t, records) => records, legacyStringify);
    // The fixture really is the broken format of issue 10.
    const text = new TextDecoder().decode(
      Object.entries(unzipSync(legacy)).find(([n]) => n.startsWith('tables/drawPopulations/'))![1],
    );
    expect(text).toMatch(/"populationStrata":\{"0":\d+,"1":\d+/);
    const target = await freshMachine();
    await restoreBackup(target, legacy, opts);
    const pop = (await target.table('drawPopulations').get(drawId)) as { populationStrata: Uint16Array };
    expect(pop.populationStrata).toBeInstanceOf(Uint16Array);
    expect(describeTyped(await target.table('drawPopulations').toArray())).toEqual(
      demoSnapshot.drawPopulations,
    );
    await drawStillWorks(target);
  }, 180_000);
});

describe('restore refuses a backup with records it cannot stand behind (store unchanged)', () => {
  async function refused(bad: Uint8Array, pattern: RegExp): Promise<void> {
    const target = await freshMachine();
    await target.open();
    await target.meta.put({ key: 'settings:operator', value: { name: '本机' } });
    await target
      .table('campaigns')
      .put({ ...((await demo.table('campaigns').toArray())[0] as object), id: 'mine' });
    const before = await typedSnapshot(target);
    const error = await inspectBackup(target, bad, { appVersion: '0.1.0' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BackupFileError);
    expect((error as Error).message).toMatch(pattern);
    await expect(restoreBackup(target, bad, opts)).rejects.toThrow(pattern);
    expect(await typedSnapshot(target)).toEqual(before);
  }

  it('a record of the wrong shape: names the table and the record', async () => {
    const bad = rewriteParts(
      backup,
      (t, records) =>
        t === 'letterNumbers' || t === 'scoreSheets'
          ? records.map((r, i) => (i === 1 ? { ...(r as object), revision: '三' } : r))
          : records,
      stringifyTyped,
    );
    await refused(bad, /数据表“评分表”中的记录（id=[^）]+）格式不对：字段“revision”.*数据库未作任何更改/);
  }, 120_000);

  it('a campaign whose scope rule is of the wrong shape (the optional fields are checked too)', async () => {
    const bad = rewriteParts(
      backup,
      (t, records) =>
        t === 'campaigns'
          ? records.map((r, i) => (i === 0 ? { ...(r as object), dateByType: { 行政检查: '检查日期' } } : r))
          : records,
      stringifyTyped,
    );
    await refused(bad, /数据表“评查活动”中的记录（id=[^）]+）格式不对：字段“dateByType/);
  }, 120_000);

  it('a draw whose stratum index is not an integer array', async () => {
    const bad = rewriteParts(
      backup,
      (t, records) =>
        t === 'drawPopulations' ? records.map((r) => ({ ...(r as object), populationStrata: 'x' })) : records,
      stringifyTyped,
    );
    await refused(
      bad,
      /数据表“抽取总体（全部案卷编号）”中的记录（drawId=[^）]+）格式不对：字段“populationStrata”/,
    );
  }, 120_000);

  it('an unknown table', async () => {
    const files = unzipSync(backup);
    const manifest = JSON.parse(new TextDecoder().decode(files[MANIFEST_NAME])) as BackupManifest;
    const old = manifest.schemaVersion;
    // A table that schema version 2 does not have, in a backup that says it is version 2.
    manifest.schemaVersion = 2;
    files[MANIFEST_NAME] = strToU8(JSON.stringify(manifest));
    expect(old).toBeGreaterThan(2);
    await refused(zipSync(files, { level: 1 }), /不认识的数据表“drawPopulations”/);
  }, 120_000);

  it('a meta key the app does not know, and a reviewer workspace marker inside an office backup', async () => {
    const add = (record: unknown) =>
      rewriteParts(backup, (t, records) => (t === 'meta' ? [...records, record] : records), stringifyTyped);
    await refused(add({ key: 'mystery', value: 1 }), /不认识的设置项“mystery”/);
    await refused(
      add({ key: 'packageWorkspace', value: { packageId: 'pkg_1' } }),
      /评查人员工作区标记（packageWorkspace）.*数据库未作任何更改/,
    );
  }, 120_000);
});
