// 台账体检 over a generated 500,000-row ledger in the store (issue 26): written as the import writes it, then
// checked by the census the import worker runs (rows read back chunk by chunk), with exactly the flags the
// engine finds on the parsed rows; the planner's counts (files per department and rule) add up to them.
import { describe, expect, it } from 'vitest';
import { freshDb, newImportMeta } from './helpers';
import { generateLedgerRows } from '../../shared/demo/ledger-generator';
import { ledgerCsvBytes } from '../fixtures/make-ledgers';
import { checkLedgerFile } from '../../shared/ledger/check-file';
import { importCaseFiles } from '../../renderer/db/ledger-repository';
import { currentRulePack, loadRuleCensus, runStaleCensus } from '../../renderer/db/rule-census-repository';
import { ledgerRuleColumns, runLedgerCensus } from '../../shared/rules/ledger-census';
import { DEFAULT_RULE_PACK } from '../../shared/rules/default-rule-pack';
import { rulePackDigest } from '../../shared/rules/rule-pack';
import { summariseCensus } from '../../shared/rules/census-summary';

const ROWS = 500_000;

describe('台账体检 at scale', () => {
  it(`a ${ROWS.toLocaleString('en')}-row ledger: every row checked from the store, the planner's counts`, async () => {
    const g = generateLedgerRows({ rows: ROWS, seed: 2600, statutoryColumns: true });
    const { report, mapping } = checkLedgerFile(ledgerCsvBytes(g, 'utf-8'), '五十万行台账.csv');
    expect(report.valid).toHaveLength(ROWS);
    const db = freshDb();
    const imp = await importCaseFiles(
      db,
      newImportMeta({
        fileName: '五十万行台账.csv',
        headers: report.headers,
        mapping,
        headerRow: report.headerRow,
        defaultCaseType: null,
        counts: { rowsRead: ROWS, errors: 0, warnings: 0, excluded: 0 },
      }),
      report.valid,
    );

    const run = await runStaleCensus(db, { actor: '甲' });
    expect(run).toMatchObject({ checkedImports: 1, rows: ROWS });
    const [stored] = await loadRuleCensus(db);
    const expected = runLedgerCensus(
      report.valid,
      ledgerRuleColumns(mapping, report.headers),
      DEFAULT_RULE_PACK,
    );
    expect(expected.flags.length).toBeGreaterThan(10_000);
    expect(stored!.flagItemId).toEqual(expected.flags.map((f) => f.itemId));
    expect(stored!.flagSentence).toEqual(expected.flags.map((f) => f.sentence));
    expect(stored!.flagRule.map((r) => stored!.ruleIds[r])).toEqual(expected.flags.map((f) => f.ruleId));
    expect(stored!.flagOffset.every((o, k) => report.valid[o]!.itemId === stored!.flagItemId[k])).toBe(true);
    expect(stored!.tallies).toEqual(expected.tallies.map(({ title: _t, citation: _c, ...t }) => t));

    // the planner: files flagged per department and rule, from the stored census
    const pack = await currentRulePack(db);
    const summary = summariseCensus([stored!], pack, rulePackDigest(pack), [imp.id]);
    expect(summary.totalFlags).toBe(expected.flags.length);
    const want: Record<string, Record<string, number>> = {};
    for (const f of expected.flags) {
      const row = (want[f.department] ??= {});
      row[f.ruleId] = (row[f.ruleId] ?? 0) + 1;
    }
    expect(summary.byDepartment).toEqual(want);
    expect(Object.keys(summary.byDepartment).length).toBeGreaterThan(10);
  }, 900_000);
});
