// Every table of the store has a coverage decision (TABLE_COVERAGE), and every covered table is one
// the store really has: a new table without a decision fails here as well as in the compiler.
import { describe, expect, it } from 'vitest';
import { ACTION_WRITES, COVERED_TABLES, TABLE_COVERAGE } from '../../shared/audit/record-coverage';
import { freshDb } from './helpers';

describe('record coverage', () => {
  it('has a decision for exactly the tables of the current schema', async () => {
    const db = freshDb();
    await db.open();
    expect(Object.keys(TABLE_COVERAGE).sort()).toEqual(db.tables.map((t) => t.name).sort());
    for (const [table, c] of Object.entries(TABLE_COVERAGE))
      if (!c.covered) expect(c.why, table).toMatch(/\S/);
    // Every table an action may write is covered, and every covered table has a writer.
    for (const tables of Object.values(ACTION_WRITES))
      for (const t of tables) expect(COVERED_TABLES).toContain(t);
    for (const t of COVERED_TABLES)
      expect(
        Object.values(ACTION_WRITES).some((ts) => ts.includes(t)),
        t,
      ).toBe(true);
  });
});
