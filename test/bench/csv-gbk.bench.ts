// A 353,000-row GBK CSV ledger (issue 31): pingcha against what a programmer would write with
// iconv-lite + papaparse (test/bench/csv-papaparse-reference.mjs, parse only), on the same file.
//  1. whole processes: `node build/bin/pingcha.mjs ledger check` (read, parse, validate, report) and the
//     reference script, several runs each (min / median / max, CPU user+sys);
//  2. the parse itself in this process (CPU time, best of 3): pingcha's readCsv (byte prescan, encoding
//     detection, decode, CSV split, field limits, text hygiene) against iconv-lite decode + Papa.parse.
// Target: pingcha's parse at least as fast as the reference's. Run: npm run bench -- csv-gbk
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateLedgerRows } from '../../shared/demo/ledger-generator';
import { readCsv } from '../../shared/csv/read-csv';
import { ledgerCsvBytes, messyOptions } from '../fixtures/make-ledgers';
import { report } from './bench-report';
import { runs, spread } from './process-runs';

const ROWS = 353_000;
const BIN = join(process.cwd(), 'build/bin/pingcha.mjs');
const REFERENCE = join(process.cwd(), 'test/bench/csv-papaparse-reference.mjs');

function input(): string {
  const file = join(tmpdir(), `pingcha-bench-csv-v1-${ROWS}-gbk.csv`);
  if (!existsSync(file)) {
    writeFileSync(file + '.tmp', ledgerCsvBytes(generateLedgerRows(messyOptions(ROWS, 43)), 'gbk'));
    writeFileSync(file, readFileSync(file + '.tmp'));
    console.log(`(generated ${file})`);
  }
  return file;
}

/** CPU milliseconds (user + sys of this process) of the best of `n` runs of `f`. */
function bestCpu(n: number, f: () => unknown): number {
  let best = Infinity;
  for (let i = 0; i < n; i++) {
    (globalThis as { gc?: () => void }).gc?.();
    const before = process.cpuUsage();
    f();
    const used = process.cpuUsage(before);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

async function main(): Promise<void> {
  const file = input();
  const bytes = new Uint8Array(readFileSync(file));
  console.log(
    `${ROWS} rows, ${(bytes.length / 1024 / 1024).toFixed(1)} MB GBK; load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );

  const require = createRequire(import.meta.url);
  let iconv: { decode(b: Uint8Array, enc: string): string } | null = null;
  let papa: { parse(text: string, o: object): { data: unknown[] } } | null = null;
  try {
    iconv = require('iconv-lite');
    papa = require('papaparse');
  } catch {
    console.log('iconv-lite or papaparse is not installed (npm install): the reference is skipped.');
  }

  // 1. Whole processes. `ledger check` exits 1 when the ledger has error rows (this one has some).
  const pingcha = runs(3, process.execPath, [BIN, 'ledger', 'check', file], undefined, [0, 1]);
  report('pingcha ledger check (whole process)', pingcha.median, 's');
  console.log(`  ${spread(pingcha)}`);
  if (iconv && papa) {
    const reference = runs(3, process.execPath, [REFERENCE, file]);
    report('iconv-lite + papaparse, parse only (process)', reference.median, 's');
    console.log(`  ${spread(reference)}`);
  }

  // 2. The parse itself, in this process.
  let rows = 0;
  const ours = bestCpu(3, () => {
    rows = readCsv(bytes, 'ledger.csv').sheet.rows.length;
  });
  report(`pingcha readCsv (${rows} rows, CPU)`, ours, 'ms');
  if (iconv && papa) {
    const lib = { iconv, papa };
    let theirs = 0;
    const reference = bestCpu(3, () => {
      theirs = lib.papa.parse(lib.iconv.decode(bytes, 'gbk'), { skipEmptyLines: false }).data.length;
    });
    report(`iconv-lite + papaparse (${theirs} rows, CPU)`, reference, 'ms');
    report('pingcha readCsv / reference (CPU)', ours / reference, 'x', 1);
  }
}

void main();
