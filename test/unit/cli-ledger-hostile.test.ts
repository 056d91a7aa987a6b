// Issue 12, end to end through the real CLI process: every hostile case ends with exit code 2 and a Chinese
// message (never a fatal engine error, never a stack trace), within a time limit, and with its peak memory
// (maximum resident set size from /usr/bin/time -v) far below 1.5 GB. The large inputs are generated once
// into the OS temp folder by test/fixtures/make-hostile.ts.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, ftruncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  csvCommaLineFile,
  csvHugeCauseFile,
  csvManyLinesFile,
  farColumnXlsx,
  hugeReferenceXlsx,
  junkSheetsXlsx,
  junkPartsFile,
  lie512File,
  mergeBombStrayRowXlsx,
  mergeBombXlsx,
  wideRowXlsx,
} from '../fixtures/make-hostile';

const TIME = '/usr/bin/time';
const haveTime = existsSync(TIME);
/** Peak memory allowed for the whole CLI process (Node + tsx loader included). */
const MAX_RSS_MB = 500;

function runCliMeasured(
  file: string,
  ...args: string[]
): {
  status: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
  peakMb: number;
} {
  const t = performance.now();
  const r = spawnSync(
    TIME,
    ['-v', process.execPath, 'build/bin/pingcha.mjs', 'ledger', 'check', file, ...args],
    {
      encoding: 'utf8',
      cwd: process.cwd(),
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  const seconds = (performance.now() - t) / 1000;
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  const peakMb = m ? Number(m[1]) / 1024 : NaN;
  const stderr = r.stderr.slice(0, r.stderr.indexOf('\tCommand being timed') >>> 0);
  return { status: r.status, stdout: r.stdout, stderr, seconds, peakMb };
}

function expectRefusedInChinese(r: ReturnType<typeof runCliMeasured>, ...parts: string[]): void {
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/^无法读取：文件“/);
  for (const p of parts) expect(r.stderr).toContain(p);
  expect(r.stderr).not.toMatch(
    /FATAL|RangeError|Invalid array length|Cannot create a string|\n\s+at |内部错误/,
  );
  expect(r.peakMb).toBeLessThan(MAX_RSS_MB);
}

const dir = mkdtempSync(join(tmpdir(), 'pingcha-cli-hostile-'));
function small(name: string, bytes: Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

describe.skipIf(!haveTime)('pingcha ledger check on hostile files (real process, time and memory)', () => {
  it('XLSX crafted cases: merge bomb reads, ZZZZZZZZZ1 and a 2^20-cell row are refused', () => {
    const merge = runCliMeasured(small('merge.xlsx', mergeBombXlsx('A1:XFD999999')));
    // a report, not a crash: the merge is clipped to the 7 × 11 cells used (its title fills the empty ones)
    expect(merge.status).toBe(1);
    expect(merge.stdout).toContain('可导入');
    expect(merge.peakMb).toBeLessThan(MAX_RSS_MB);
    expect(merge.seconds).toBeLessThan(60);

    // a stray cell at A999999 / XFD999999 makes a million rows exist under the merge: the empty ones stay
    // empty (they were a million rows of the title, 2.2 GB); peak memory of the whole process within 300 MB
    for (const stray of ['A999999', 'XFD999999']) {
      const far = runCliMeasured(small(`merge-${stray}.xlsx`, mergeBombStrayRowXlsx(stray)));
      expect(far.status).toBe(1);
      expect(far.stdout).toContain('可导入 2 行');
      expect(far.stdout).toMatch(/已排除 999,?99\d 行/);
      expect(far.peakMb).toBeLessThanOrEqual(300);
      expect(far.seconds).toBeLessThan(60);
      console.log(
        `merge A1:XFD999999 with a cell at ${stray}: peak ${far.peakMb.toFixed(0)} MB (target ≤ 300 MB)`,
      );
    }

    const ref = runCliMeasured(small('ref.xlsx', hugeReferenceXlsx()));
    expectRefusedInChinese(ref, 'ref.xlsx', '单元格 ZZZZZZZZZ1');
    expect(ref.seconds).toBeLessThan(60);

    const wide = runCliMeasured(small('wide.xlsx', wideRowXlsx()));
    expectRefusedInChinese(wide, 'wide.xlsx', '第 1 行');
    expect(wide.seconds).toBeLessThan(90);
  }, 300_000);

  it('XLSX: only the chosen sheet is read; --sheet picks another; a broken sheet is refused when chosen', () => {
    const file = small('多表.xlsx', junkSheetsXlsx());
    const first = runCliMeasured(file);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('可导入 30 行');
    const spare = runCliMeasured(file, '--sheet', '备用');
    expect(spare.status).toBe(0);
    expect(spare.stdout).toContain('可导入 12 行');
    const broken = runCliMeasured(file, '--sheet', '3');
    expectRefusedInChinese(broken, '多表.xlsx', '已损坏', 'xl/worksheets/sheet3.xml');
    expect(broken.seconds).toBeLessThan(30);
  }, 180_000);

  it('XLSX: rows of one cell at column XFD (13 GB if kept) stop at the memory budget the reader counts', () => {
    const r = runCliMeasured(small('稀疏.xlsx', farColumnXlsx()));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('读取所需内存已超过 512.0 MB 的上限');
    expect(r.stderr).not.toMatch(/FATAL|RangeError|Invalid array length|\n\s+at /);
    // the budget counts what is kept (row arrays here, with their growth slack), so the process stays low
    expect(r.peakMb).toBeLessThan(MAX_RSS_MB);
    expect(r.seconds).toBeLessThan(90);
    console.log(`far-column sheet: peak ${r.peakMb.toFixed(0)} MB, ${r.seconds.toFixed(1)} s`);
  }, 180_000);

  it('ZIP: 4 × 1 GiB of unused junk parts are never inflated; a 512 MB size lie is "已损坏"', () => {
    const junk = runCliMeasured(junkPartsFile());
    expect(junk.status).toBe(0);
    expect(junk.stdout).toContain('可导入 20 行');
    expect(junk.peakMb).toBeLessThan(MAX_RSS_MB);
    expect(junk.seconds).toBeLessThan(60);

    const lie = runCliMeasured(lie512File());
    expectRefusedInChinese(lie, '已损坏');
    expect(lie.seconds).toBeLessThan(60);
  }, 600_000);

  it('CSV: a 200 MB line of commas, a 200 MB 案由 and 52 million lines are refused early', () => {
    const commas = runCliMeasured(csvCommaLineFile());
    expectRefusedInChinese(commas, '第 1 行过长');
    expect(commas.seconds).toBeLessThan(60);

    const cause = runCliMeasured(csvHugeCauseFile());
    expectRefusedInChinese(cause, '第 2 行过长');
    expect(cause.seconds).toBeLessThan(60);

    const lines = runCliMeasured(csvManyLinesFile());
    expectRefusedInChinese(lines, '超过 100 万行');
    expect(lines.seconds).toBeLessThan(60); // was 42 s and 5 GB
  }, 600_000);

  it('a file over 200 MB is refused by its size, before it is read', () => {
    const p = join(dir, 'big.csv');
    const fd = openSync(p, 'w');
    ftruncateSync(fd, 3 * 1024 * 1024 * 1024); // sparse 3 GB: reading it would take 3 GB
    closeSync(fd);
    const r = runCliMeasured(p);
    expectRefusedInChinese(r, '过大', '超过 200 MB');
    expect(r.peakMb).toBeLessThan(300);
  }, 120_000);
});
