// Property test of the backup round trip: random records of every table's real shape (typed arrays,
// bytes, dates, nested values, undefined members, a 500,000-file draw population), exported and
// restored, come back equal in value AND type (constructor names compared), for every schema version.
import { describe, expect, it } from 'vitest';
import { exportDatabase, restoreBackup, tablesOfVersion } from '../../renderer/db/backup-repository';
import { PingchaDatabase } from '../../renderer/db/database';
import { SCHEMA_VERSIONS } from '../../renderer/db/schema';
import '../../renderer/db/workflow-records';
import '../../renderer/db/letters-repository';
import '../../renderer/db/officers-repository';
import '../../renderer/db/package-repository';
import '../../renderer/db/audit-repository';
import { describeTyped } from '../../shared/backup/typed-json';
import { confirmingTrust, freshDb } from './helpers';
import { GENERATORS, makeContext, makePopulation, rng, type GenContext, type Rng } from './record-generators';

const opts = { appVersion: '0.1.0', actor: '测试员' };

/** Every store of `db`, described with types (constructor names, bytes), keyed by table. */
async function typedSnapshot(db: PingchaDatabase): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const table of db.tables) out[table.name] = describeTyped(await table.toArray());
  return out;
}

function generate(tables: readonly string[], r: Rng, ctx: GenContext): Record<string, unknown[]> {
  const missing = tables.filter((t) => !GENERATORS[t]);
  expect(missing, 'every table needs a generator in test/db/record-generators.ts').toEqual([]);
  return Object.fromEntries(tables.map((t) => [t, GENERATORS[t]!(r, ctx)]));
}

/** The draw as schema versions before 3 stored it: population ids and stratum index on the row. */
function asVersion2(data: Record<string, unknown[]>): void {
  if (!data.draws) return;
  const pop = data.drawPopulations?.[0] as { ids: string[]; populationStrata: Uint16Array } | undefined;
  data.draws = data.draws.map((d) => {
    const { populationSeparate: _p, ...row } = d as {
      record: { population: object };
      populationSeparate?: boolean;
    };
    return {
      ...row,
      record: { ...row.record, population: { ...row.record.population, ids: pop?.ids ?? [] } },
      populationStrata: pop?.populationStrata,
    };
  });
  delete data.drawPopulations;
}

async function fill(db: PingchaDatabase, data: Record<string, unknown[]>): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    for (const [name, rows] of Object.entries(data)) await db.table(name).bulkPut(rows);
  });
}

// Records an upgrade creates itself (the v5 department directory seeded from the imports) get a fresh
// random id and time on each run: they are compared without those.
const DERIVED_FIELDS: Record<string, string[]> = { departments: ['id', 'createdAt', 'updatedAt'] };
const withoutDerived = (table: string, rows: unknown): unknown => {
  const drop = DERIVED_FIELDS[table];
  if (!drop || !Array.isArray(rows)) return rows;
  return rows
    .map((r) => Object.fromEntries(Object.entries(r as object).filter(([k]) => !drop.includes(k))))
    .sort((x, y) =>
      String((x as { name?: string }).name).localeCompare(String((y as { name?: string }).name)),
    );
};

function expectSameStore(a: Record<string, unknown>, b: Record<string, unknown>, derived = false): void {
  expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
  for (const name of Object.keys(a)) {
    if (name === 'auditLog') continue;
    if (derived)
      expect(withoutDerived(name, b[name]), `table ${name}`).toEqual(withoutDerived(name, a[name]));
    else expect(b[name], `table ${name}`).toEqual(a[name]);
  }
  // The log goes on: the backup's entries first, then the restore's own entry.
  const logA = a.auditLog as unknown[];
  expect((b.auditLog as unknown[]).slice(0, logA.length)).toEqual(logA);
}

describe('backup round trip (property test over every table)', () => {
  it('every table of the current schema has a generator (a new table must add one)', () => {
    const db = new PingchaDatabase('generators-check');
    const missing = db.tables.map((t) => t.name).filter((t) => !GENERATORS[t]);
    expect(missing).toEqual([]);
  });

  for (const seed of [1, 2, 3, 4, 5]) {
    it(`seed ${seed}: export -> restore gives back every record of every table with its types`, async () => {
      const r = rng(seed);
      const source = freshDb();
      await source.open();
      const data = generate(
        source.tables.map((t) => t.name),
        r,
        makeContext(r),
      );
      await fill(source, data);
      const before = await typedSnapshot(source);
      // The generated records really hold the types the test is about.
      const pop = (await source.table('drawPopulations').get('draw-1')) as { populationStrata: unknown };
      expect(pop.populationStrata).toBeInstanceOf(Uint16Array);

      const { bytes } = await exportDatabase(source, { appVersion: '0.1.0', reason: 'manual' });
      const target = freshDb();
      await restoreBackup(target, bytes, confirmingTrust(bytes, opts));
      expectSameStore(before, await typedSnapshot(target));
      source.close();
      target.close();
    });
  }

  for (const v of SCHEMA_VERSIONS.slice(0, -1)) {
    it(`schema version ${v.version}: a backup restored into today's schema equals the same data upgraded in place`, async () => {
      const r = rng(100 + v.version);
      const upTo = SCHEMA_VERSIONS.indexOf(v) + 1;
      const tables = tablesOfVersion(v.version);
      const data = generate(tables, r, makeContext(r));
      if (v.version < 3) asVersion2(data);
      const old = freshDb(upTo);
      await old.open();
      expect(old.verno).toBe(v.version);
      await fill(old, data);
      const { bytes, manifest } = await exportDatabase(old, { appVersion: '0.0.9', reason: 'manual' });
      expect(manifest.schemaVersion).toBe(v.version);
      old.close();
      // The same data upgraded by Dexie in place: what the restore must give.
      const upgraded = new PingchaDatabase(old.name);
      await upgraded.open();
      const expected = await typedSnapshot(upgraded);
      upgraded.close();

      const target = freshDb();
      await restoreBackup(target, bytes, confirmingTrust(bytes, opts));
      expectSameStore(expected, await typedSnapshot(target), v.version < 5);
      target.close();
    });
  }

  it('the largest shape: a draw over 500,000 case files keeps its ids and Uint16Array stratum index', async () => {
    const population = makePopulation(500_000);
    expect(population.record.population.ids).toHaveLength(500_000);
    const r = rng(7);
    const ctx: GenContext = { ...makeContext(r, 50), population };
    const source = freshDb();
    await source.open();
    const names = ['campaigns', 'draws', 'drawPopulations', 'standards'];
    await fill(source, Object.fromEntries(names.map((t) => [t, GENERATORS[t]!(r, ctx)])));
    const { bytes } = await exportDatabase(source, { appVersion: '0.1.0', reason: 'manual' });
    const target = freshDb();
    await restoreBackup(target, bytes, confirmingTrust(bytes, opts));
    const back = (await target.table('drawPopulations').get('draw-1')) as {
      ids: string[];
      populationStrata: Uint16Array;
    };
    expect(back.populationStrata).toBeInstanceOf(Uint16Array);
    expect(back.populationStrata.length).toBe(500_000);
    expect(back.ids).toEqual(population.record.population.ids);
    expect(Buffer.from(back.populationStrata.buffer).equals(Buffer.from(population.strata.buffer))).toBe(
      true,
    );
    for (const t of names) {
      expect(describeTyped(await target.table(t).toArray()), t).toEqual(
        describeTyped(await source.table(t).toArray()),
      );
    }
    source.close();
    target.close();
  }, 180_000);
});
