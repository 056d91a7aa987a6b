// What a programmer would write to read a GBK CSV ledger: iconv-lite decodes, papaparse splits.
// The reference the CSV bench (csv-parse.bench.ts) times `pingcha ledger check` against; parse only.
// Usage: node test/bench/csv-papaparse-reference.mjs file.csv
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import Papa from 'papaparse';

const text = iconv.decode(readFileSync(process.argv[2]), 'gbk');
const parsed = Papa.parse(text, { skipEmptyLines: false });
console.log(`${parsed.data.length} rows`);
