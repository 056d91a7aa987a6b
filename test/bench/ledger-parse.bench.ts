// Parse + validate 100,000-row ledgers in Node: readWorkbook -> guessHeader -> suggestMapping ->
// buildLedgerReport. Run: npx tsx test/bench/ledger-parse.bench.ts  (or npm run bench -- ledger)
// The input files are generated once into the OS temp folder (exceljs streaming writer / iconv-lite GBK).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateLedgerRows } from '../../shared/demo/ledger-generator';
import { readWorkbook, firstDataSheetIndex } from '../../shared/ledger/read-workbook';
import { guessHeader, suggestMapping } from '../../shared/ledger/header';
import { buildLedgerReport } from '../../shared/ledger/build-report';
import { ledgerCsvBytes, messyOptions, writeLedgerXlsxFile } from '../fixtures/make-ledgers';
import { report } from './bench-report';

const ROWS = 100_000;
const VERSION = 'v1';

async function inputs(): Promise<{ xlsx: string; csv: string }> {
  const xlsx = join(tmpdir(), `pingcha-bench-ledger-${VERSION}-${ROWS}.xlsx`);
  const csv = join(tmpdir(), `pingcha-bench-ledger-${VERSION}-${ROWS}-gbk.csv`);
  if (!existsSync(xlsx)) {
    const t = performance.now();
    const g = generateLedgerRows({
      rows: ROWS,
      seed: 42,
      titleRows: 1,
      typeVariants: 0.2,
      totalRow: true,
      duplicates: 50,
    });
    await writeLedgerXlsxFile(xlsx + '.tmp', g, { mergeTitle: true, dateFormat: 'yyyy-mm-dd' });
    writeFileSync(xlsx, readFileSync(xlsx + '.tmp'));
    console.log(`(generated ${xlsx} in ${((performance.now() - t) / 1000).toFixed(1)} s)`);
  }
  if (!existsSync(csv)) {
    writeFileSync(csv, ledgerCsvBytes(generateLedgerRows(messyOptions(ROWS, 43)), 'gbk'));
    console.log(`(generated ${csv})`);
  }
  return { xlsx, csv };
}

function parseAndValidate(bytes: Uint8Array, name: string) {
  const wb = readWorkbook(bytes, name);
  const sheet = wb.sheets[firstDataSheetIndex(wb)]!;
  const h = guessHeader(sheet.rows)!;
  const mapping = suggestMapping(h.headers);
  return buildLedgerReport(sheet, { fileName: name, sheetName: sheet.name, headerRow: h.headerRow, mapping });
}

function measure(label: string, bytes: Uint8Array, name: string, target: number, expectValid: number): void {
  const times: number[] = [];
  for (let i = 0; i < 4; i++) {
    (globalThis as { gc?: () => void }).gc?.();
    const t = performance.now();
    const r = parseAndValidate(bytes, name);
    times.push((performance.now() - t) / 1000);
    if (r.counts.valid < expectValid) throw new Error(`${label}: only ${r.counts.valid} valid rows`);
  }
  const warm = times.slice(1).sort((a, b) => a - b);
  report(`${label} (first run)`, times[0]!, 's');
  report(label, warm[1]!, 's', target);
}

const { xlsx, csv } = await inputs();
const xb = new Uint8Array(readFileSync(xlsx));
const cb = new Uint8Array(readFileSync(csv));
console.log(
  `xlsx ${(xb.length / 1e6).toFixed(1)} MB, gbk csv ${(cb.length / 1e6).toFixed(1)} MB, ${ROWS} rows each`,
);
measure('ledger.parse.xlsx100k', xb, 'bench.xlsx', 3, ROWS - 100);
measure('ledger.parse.gbkcsv100k', cb, 'bench.csv', 0.5, ROWS - 500);
