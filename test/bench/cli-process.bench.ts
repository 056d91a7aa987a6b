// The `pingcha` command as a user runs it: whole processes (node build/bin/pingcha.mjs, compiled
// JavaScript), timed from spawn to exit, several runs each, min / median / max; the median is compared
// with the target. Targets (issue 16): --help <= 0.15 s; sample 120 of 1,000,000 ids <= 1.0 s and at
// least 2.4x faster than a straightforward Python implementation of the same algorithm
// (test/bench/sampler-reference.py) in the same run; ledger check of a 50,000-row XLSX <= 2 s.
// Run: npm run bench -- cli-process
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateLedgerRows } from '../../shared/demo/ledger-generator';
import { writeLedgerXlsxFile } from '../fixtures/make-ledgers';
import { report } from './bench-report';
import { runs, spread } from './process-runs';

const BIN = join(process.cwd(), 'build/bin/pingcha.mjs');
const PY = join(process.cwd(), 'test/bench/sampler-reference.py');
const SEED = '01382438112797316654';
const VERSION = 'v1';
const DEPTS = [
  '德阳市市场监督管理局',
  '德阳市交通运输局',
  '德阳市生态环境局',
  '德阳市综合行政执法局',
  '德阳市文化广播电视和旅游局',
  '德阳市卫生健康委员会',
  '德阳市应急管理局',
  '德阳市自然资源和规划局',
];

// The ids of sampler.bench.ts: "部门|文号", about 58 UTF-8 bytes each (two SHA-256 blocks after H(seed)).
function idsFile(): string {
  const file = join(tmpdir(), `pingcha-bench-ids-${VERSION}-1M.txt`);
  if (!existsSync(file)) {
    const out: string[] = [];
    for (let i = 0; i < 1_000_000; i++) {
      const d = DEPTS[Math.min(DEPTS.length - 1, Math.floor(-Math.log2(1 - ((i * 0.618034) % 1)) * 1.5))]!;
      out.push(`${d}|德市罚〔${2020 + (i % 5)}〕${i + 1}号`);
    }
    writeFileSync(file + '.tmp', out.join('\n') + '\n');
    writeFileSync(file, readFileSync(file + '.tmp'));
  }
  return file;
}

async function xlsxFile(): Promise<string> {
  const file = join(tmpdir(), `pingcha-bench-ledger-${VERSION}-50000.xlsx`);
  if (!existsSync(file)) {
    const t = performance.now();
    const g = generateLedgerRows({ rows: 50_000, seed: 7, titleRows: 1, typeVariants: 0.2, totalRow: true });
    await writeLedgerXlsxFile(file + '.tmp', g, { mergeTitle: true, dateFormat: 'yyyy-mm-dd' });
    writeFileSync(file, readFileSync(file + '.tmp'));
    console.log(`(generated ${file} in ${((performance.now() - t) / 1000).toFixed(1)} s)`);
  }
  return file;
}

async function main(): Promise<void> {
  const node = process.execPath;

  const help = runs(15, node, [BIN, '--help']);
  if (!help.stdout.includes('pingcha sample')) throw new Error('--help printed no usage');
  report('cli: pingcha --help (process, median)', help.median, 's', 0.15);
  console.log(`  ${spread(help)}`);

  const ids = idsFile();
  const sample = runs(5, node, [BIN, 'sample', '--seed', SEED, '--take', '120'], ids);
  report('cli: pingcha sample 120 of 1M (median)', sample.median, 's', 1.0);
  console.log(`  ${spread(sample)}`);
  const python = runs(3, 'python3', [PY, SEED, '120'], ids);
  console.log(`  python reference (same ids, same run)          ${spread(python)}`);
  if (python.stdout !== sample.stdout) throw new Error('pingcha sample and the Python reference disagree');
  if (sample.stdout.trimEnd().split('\n').length !== 120) throw new Error('sample did not print 120 lines');
  const ratio = python.median / sample.median;
  if (python.cpu !== null && sample.cpu !== null) {
    console.log(
      `  CPU-time ratio Python / pingcha: ${(python.cpu / sample.cpu).toFixed(2)}x (pingcha uses all cores)`,
    );
  }
  console.log(
    `${'cli: sample speed-up over Python (median)'.padEnd(44)} ${ratio.toFixed(2)}x  (target >= 2.4x, aim 5x)  ${ratio >= 2.4 ? 'OK' : 'UNDER'}`,
  );

  const xlsx = await xlsxFile();
  // Exit 0 (valid) or 1 (problems listed): both are a complete check.
  const check = runs(5, node, [BIN, 'ledger', 'check', xlsx], undefined, [0, 1]);
  if (!/可导入 \d+ 行/.test(check.stdout)) throw new Error('ledger check printed no report');
  report('cli: ledger check 50k-row XLSX (median)', check.median, 's', 2.0);
  console.log(`  ${spread(check)}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
