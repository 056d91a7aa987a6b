// Issue 12 figures. Run: npx tsx test/bench/ledger-hostile.bench.ts  (or npm run bench -- hostile)
//  1. parse + validate a 100,000-row ledger written with inline strings (t="inlineStr"), next to the same
//     figure for the shared-string workbook of ledger-parse.bench.ts, measured in the same run (target 3 s);
//  2. peak memory (maximum resident set size, /usr/bin/time -v) of `pingcha ledger check` on the largest
//     hostile inputs, all refused (except the junk-parts workbook, which reads without inflating the junk,
//     and the merge A1:XFD999999 over a stray cell at row 999,999, which reads: issue 30, target 300 MB).
// Inputs are generated once into the OS temp folder (test/fixtures/make-hostile.ts, make-ledgers.ts).
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateLedgerRows } from '../../shared/demo/ledger-generator';
import { readWorkbook, firstDataSheetIndex } from '../../shared/ledger/read-workbook';
import { guessHeader, suggestMapping } from '../../shared/ledger/header';
import { buildLedgerReport } from '../../shared/ledger/build-report';
import { writeLedgerXlsxFile } from '../fixtures/make-ledgers';
import {
  csvCommaLineFile,
  csvHugeCauseFile,
  csvManyLinesFile,
  farColumnFile,
  inlineStringXlsx,
  junkPartsFile,
  lie512File,
  mergeBombStrayRowXlsx,
} from '../fixtures/make-hostile';
import { report } from './bench-report';

const ROWS = 100_000;

async function sharedStringFile(): Promise<string> {
  // the very file ledger-parse.bench.ts generates and measures
  const path = join(tmpdir(), `pingcha-bench-ledger-v1-${ROWS}.xlsx`);
  if (!existsSync(path)) {
    const g = generateLedgerRows({
      rows: ROWS,
      seed: 42,
      titleRows: 1,
      typeVariants: 0.2,
      totalRow: true,
      duplicates: 50,
    });
    await writeLedgerXlsxFile(path + '.tmp', g, { mergeTitle: true, dateFormat: 'yyyy-mm-dd' });
    renameSync(path + '.tmp', path);
  }
  return path;
}

function inlineFile(): string {
  const path = join(tmpdir(), `pingcha-bench-ledger-inline-v1-${ROWS}.xlsx`);
  if (!existsSync(path)) writeFileSync(path, inlineStringXlsx(ROWS, 42));
  return path;
}

function parseAndValidate(bytes: Uint8Array, name: string) {
  const wb = readWorkbook(bytes, name);
  const sheet = wb.sheets[firstDataSheetIndex(wb)]!;
  const h = guessHeader(sheet.rows)!;
  const mapping = suggestMapping(h.headers);
  return buildLedgerReport(sheet, { fileName: name, sheetName: sheet.name, headerRow: h.headerRow, mapping });
}

/** Median of three warm runs (after one first run), like ledger-parse.bench.ts: wall and CPU seconds
 * (CPU time compares the two layouts fairly when the machine is shared). */
function measure(bytes: Uint8Array, name: string, expectValid: number): { wall: number; cpu: number } {
  const times: { wall: number; cpu: number }[] = [];
  for (let i = 0; i < 4; i++) {
    (globalThis as { gc?: () => void }).gc?.();
    const t = performance.now();
    const c0 = process.cpuUsage();
    const r = parseAndValidate(bytes, name);
    const c = process.cpuUsage(c0);
    times.push({ wall: (performance.now() - t) / 1000, cpu: (c.user + c.system) / 1e6 });
    if (r.counts.valid < expectValid) throw new Error(`${name}: only ${r.counts.valid} valid rows`);
  }
  return times.slice(1).sort((a, b) => a.wall - b.wall)[1]!;
}

const shared = new Uint8Array(readFileSync(await sharedStringFile()));
const inline = new Uint8Array(readFileSync(inlineFile()));
console.log(
  `shared-string xlsx ${(shared.length / 1e6).toFixed(1)} MB, inline-string xlsx ${(inline.length / 1e6).toFixed(1)} MB, ${ROWS} rows each`,
);
const sharedSeconds = measure(shared, 'shared.xlsx', ROWS - 100);
const inlineSeconds = measure(inline, 'inline.xlsx', ROWS);
report('ledger.parse.xlsx100k.sharedStrings', sharedSeconds.wall, 's', 3);
report('ledger.parse.xlsx100k.inlineStrings', inlineSeconds.wall, 's', 3);
report('  (cpu) shared strings', sharedSeconds.cpu, 's');
report('  (cpu) inline strings', inlineSeconds.cpu, 's');
report('  inline / shared (cpu)', inlineSeconds.cpu / sharedSeconds.cpu, 'x');

// Peak memory of the CLI on the largest hostile inputs.
const TIME = '/usr/bin/time';
if (!existsSync(TIME)) {
  console.log('(no /usr/bin/time: memory figures skipped)');
} else {
  const mergeFile = join(tmpdir(), 'pingcha-merge-A1-XFD999999-stray-row.xlsx');
  writeFileSync(mergeFile, mergeBombStrayRowXlsx());
  const cases: [string, string, number, number][] = [
    ['ledger.check.peakRss.csvCommaLine200MB', csvCommaLineFile(), 2, 512],
    ['ledger.check.peakRss.csvHugeCause200MB', csvHugeCauseFile(), 2, 512],
    ['ledger.check.peakRss.csv52MLines', csvManyLinesFile(), 2, 512],
    ['ledger.check.peakRss.xlsxLie512MB', lie512File(), 2, 512],
    ['ledger.check.peakRss.xlsxFarColumn100kRows (memory budget)', farColumnFile(), 2, 512],
    ['ledger.check.peakRss.xlsxJunk4x1GiB (reads)', junkPartsFile(), 0, 512],
    ['ledger.check.peakRss.xlsxMergeA1XFD999999StrayRow (reads)', mergeFile, 1, 300],
  ];
  let largest = { name: '', size: 0, mb: 0 };
  for (const [name, file, expected, target] of cases) {
    const t = performance.now();
    const r = spawnSync(TIME, ['-v', process.execPath, 'build/bin/pingcha.mjs', 'ledger', 'check', file], {
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    });
    const seconds = (performance.now() - t) / 1000;
    const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? NaN);
    if (r.status !== expected)
      throw new Error(`${name}: exit ${r.status}, expected ${expected}\n${r.stderr}`);
    const mb = kb / 1024;
    report(name, mb, 'MB', target);
    report(`  (time, file ${(statSync(file).size / 1e6).toFixed(0)} MB)`, seconds, 's');
    if (expected === 2 && statSync(file).size > largest.size)
      largest = { name, size: statSync(file).size, mb };
  }
  report(`ledger.check.peakRss.largestRefused`, largest.mb, 'MB', 512);
}
