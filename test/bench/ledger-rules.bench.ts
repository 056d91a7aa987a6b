// 台账体检 (issue 26): `pingcha ledger check --rules` on a 50,000-row XLSX with the statutory-clock columns,
// whole processes (target <= 2 s), and the rule engine alone over 500,000 rows in Node (the census's core;
// the in-app census runs the same code in the import worker).
// Run: npm run bench -- ledger-rules
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateLedgerRows } from '../../shared/demo/ledger-generator';
import { writeLedgerXlsxFile } from '../fixtures/make-ledgers';
import { report } from './bench-report';
import { runs, spread } from './process-runs';
import { checkLedgerFile } from '../../shared/ledger/check-file';
import { ledgerCsvBytes } from '../fixtures/make-ledgers';
import { ledgerRuleColumns, runLedgerCensus } from '../../shared/rules/ledger-census';
import { DEFAULT_RULE_PACK } from '../../shared/rules/default-rule-pack';

const BIN = join(process.cwd(), 'build/bin/pingcha.mjs');

async function xlsxFile(): Promise<string> {
  const file = join(tmpdir(), 'pingcha-bench-ledger-rules-v1-50000.xlsx');
  if (!existsSync(file)) {
    const g = generateLedgerRows({ rows: 50_000, seed: 26, titleRows: 1, statutoryColumns: true });
    await writeLedgerXlsxFile(file + '.tmp', g, { mergeTitle: true, dateFormat: 'yyyy-mm-dd' });
    writeFileSync(file, readFileSync(file + '.tmp'));
  }
  return file;
}

async function main(): Promise<void> {
  const xlsx = await xlsxFile();
  const check = runs(5, process.execPath, [BIN, 'ledger', 'check', xlsx, '--rules'], undefined, [0, 1]);
  if (!/发现线索 \d+ 条/.test(check.stdout)) throw new Error('ledger check --rules printed no census');
  report('cli: ledger check --rules 50k-row XLSX (median)', check.median, 's', 2.0);
  console.log(`  ${spread(check)}`);

  // the engine alone: 500,000 parsed rows, every rule
  const g = generateLedgerRows({ rows: 500_000, seed: 27, statutoryColumns: true });
  const { report: ledger, mapping } = checkLedgerFile(ledgerCsvBytes(g, 'utf-8'), 'bench.csv');
  const columns = ledgerRuleColumns(mapping, ledger.headers);
  const t = performance.now();
  const census = runLedgerCensus(ledger.valid, columns, DEFAULT_RULE_PACK);
  const seconds = (performance.now() - t) / 1000;
  report('rules: 500k rows, every rule (Node, engine)', seconds, 's', 5.0);
  console.log(`  ${census.flags.length} flags over ${census.rows} rows`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
