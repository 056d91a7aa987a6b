// Issue 31: a province's year on one office PC, in Chromium on the production web build, through the UI.
//   npm run bench -- province [--files 2000000] [--ledgers 40]
// Generates 40 department ledgers (10 % XLSX, the rest UTF-8 / GBK CSV, cached in the OS temp folder),
// imports them with one 批量导入, reloads (first rows, whole index), drafts a campaign and draws 400, backs
// up and restores; prints each figure beside its issue-31 target (set for 2,000,000 files), the longest
// main-thread task of each step, and the peak PSS summed over the browser's processes (/proc/*/smaps_rollup).
// BENCH_PORT (default 5460) / BENCH_OUT move the preview server and build; BENCH_SKIP_BUILD=1 reuses a build.
// --until reload stops after the reload; --profile reload records a CPU profile of the page during the
// reload (Chromium's profiler over CDP) and prints the functions with the most self time; each step also
// prints the PSS of the browser's largest processes at its end.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { generateLedgerRows } from '../../shared/demo/ledger-generator';
import { checkLedgerFile } from '../../shared/ledger/check-file';
import { ledgerCsvBytes, writeLedgerXlsxFile } from '../fixtures/make-ledgers';
import { CHROMIUM, PeakPss, browserPssBytes, launchChromium, ourPids, startPreview } from './browser-harness';
import { report } from './bench-report';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const v =
    at >= 0
      ? Number(process.argv[at + 1])
      : Number(process.env[`PROVINCE_${name.toUpperCase()}`] ?? fallback);
  if (!Number.isInteger(v) || v <= 0) throw new Error(`--${name} must be a positive whole number`);
  return v;
}
const FILES = option('files', 2_000_000);
const LEDGERS = option('ledgers', 40);
const DRAW = 400;
/** The value after a `--name` argument (run-bench passes options as name-value pairs). */
const argAfter = (name: string) =>
  process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined;
/** --until STEP: stop after that step (reload). */
const until = (step: string) => argAfter('--until') === step;

/** The ledgers: department k % 33, earlier years once the 33 are used (case numbers never collide). */
async function ledgers(): Promise<{ paths: string[]; valid: number }> {
  const dir = join(tmpdir(), `pingcha-province-v1-${FILES}-${LEDGERS}`);
  mkdirSync(dir, { recursive: true });
  const per = Math.ceil(FILES / LEDGERS);
  const paths: string[] = [];
  let valid = 0;
  const t0 = performance.now();
  for (let k = 0; k < LEDGERS; k++) {
    const xlsx = k % 10 === 9; // 10 %
    const encoding = k % 2 === 0 ? 'utf-8' : 'gbk';
    const path = join(dir, `台账${String(k + 1).padStart(2, '0')}.${xlsx ? 'xlsx' : 'csv'}`);
    const g = generateLedgerRows({
      rows: per,
      seed: 31_000 + k,
      departmentIndexes: [k % 33],
      year: 2024 - Math.floor(k / 33),
      titleRows: 1,
      duplicates: 0,
      missingCaseNo: 0,
    });
    if (!existsSync(path)) {
      if (xlsx) await writeLedgerXlsxFile(path, g, { dateFormat: 'yyyy-mm-dd' });
      else writeFileSync(path, ledgerCsvBytes(g, encoding));
    }
    paths.push(path);
    const counts = checkLedgerFile(new Uint8Array(readFileSync(path)), path).report.counts;
    if (counts.errors)
      console.log(`(note: ${path} has ${counts.errors} rows with errors: the batch stops there)`);
    valid += counts.valid;
  }
  console.log(
    `(${LEDGERS} ledgers, ${valid.toLocaleString()} valid rows, ready in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
  );
  return { paths, valid };
}

/** The browser's processes by PSS, largest first: where a step's memory sits (renderer, GPU, utility). */
function pssByProcess(): { pid: number; role: string; bytes: number }[] {
  const out: { pid: number; role: string; bytes: number }[] = [];
  for (const pid of ourPids()) {
    const name = String(pid);
    try {
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      if (!cmd.includes('chrom')) continue;
      const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${name}/smaps_rollup`, 'utf8'));
      const role = /--type=([\w-]+)/.exec(cmd)?.[1] ?? 'browser';
      const sub = /--utility-sub-type=([\w.]+)/.exec(cmd)?.[1];
      if (m) out.push({ pid: Number(name), role: sub ? `${role} ${sub}` : role, bytes: Number(m[1]) * 1024 });
    } catch {
      // gone meanwhile
    }
  }
  return out.sort((a, b) => b.bytes - a.bytes);
}

function printPssByProcess(ours: number): void {
  const top = pssByProcess()
    .filter((p) => p.bytes > 20 * 1024 * 1024)
    .slice(0, 4);
  console.log(
    `    PSS now (${(ours / GB).toFixed(2)} GB in all): ` +
      top.map((p) => `${p.role} ${(p.bytes / 1024 / 1024).toFixed(0)} MB`).join(', '),
  );
}

/** The page's CPU profile between start and the returned stop: the functions with the most self time. */
async function profileCpu(page: Page): Promise<() => Promise<void>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  return async () => {
    const { profile } = await cdp.send('Profiler.stop');
    const self = new Map<string, number>();
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const dt = profile.timeDeltas ?? [];
    (profile.samples ?? []).forEach((id, k) => {
      const f = byId.get(id)!.callFrame;
      const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
      self.set(key, (self.get(key) ?? 0) + (dt[k] ?? 0) / 1000);
    });
    const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 12);
    console.log('    CPU profile of the page (self time, main thread):');
    for (const [fn, ms] of top) console.log(`      ${ms.toFixed(0).padStart(7)} ms  ${fn}`);
    await cdp.detach();
  };
}

async function longest(page: Page): Promise<number> {
  return page.evaluate(() => {
    const w = globalThis as unknown as { __longtasks: number[] };
    const max = Math.max(0, ...w.__longtasks);
    w.__longtasks = [];
    return max;
  });
}

const GB = 1024 ** 3;
const seconds = (t: number) => (performance.now() - t) / 1000;
const n = (x: number) => x.toLocaleString('zh-CN');

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    console.log(`skipped: Chromium not found at ${CHROMIUM} (set CHROMIUM_PATH)`);
    return;
  }
  console.log(
    `province: ${n(FILES)} files in ${LEDGERS} ledgers; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const { paths, valid } = await ledgers();
  const preview = await startPreview({ port: 5460 });
  const browser = await launchChromium();
  const pss = new PeakPss();
  const peaks: number[] = [];
  try {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    await context.addInitScript({
      content: `globalThis.__longtasks = [];
        try { new PerformanceObserver((l) => { for (const e of l.getEntries()) globalThis.__longtasks.push(e.duration); })
          .observe({ type: 'longtask' }); } catch {}`,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(900_000);
    page.on('crash', () => console.log('!!! the page crashed (Target crashed)'));

    // 1. Import: all ledgers chosen at once, one 批量导入.
    await page.goto(preview.url + '/#/ledgers');
    await page.getByRole('tab', { name: '导入台账' }).click();
    await longest(page); // the import's tasks, not the app's start
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: '选择台账文件…' }).click();
    let t = performance.now();
    await (await chooser).setFiles(paths);
    await page.getByRole('button', { name: `批量导入（${LEDGERS} 个文件）` }).click();
    const note = page.getByTestId('import-batch-note');
    await note
      .filter({ hasText: /队列中的文件都已处理|需要您处理|请查看校验报告|请确认字段对应|处理失败/ })
      .waitFor();
    const importSeconds = seconds(t);
    console.log(`(${await note.textContent()})`);
    report(`import ${n(valid)} files, ${LEDGERS} ledgers (choose -> all imported)`, importSeconds, 's', 60);
    report('  longest main-thread task', await longest(page), 'ms', 200);
    peaks.push(pss.take());
    report('  peak PSS of the browser', peaks.at(-1)! / GB, 'GB', 2);
    printPssByProcess(browserPssBytes());

    // 2. Reload: first rows, then the whole index (the matrix adds up to every file).
    const stopProfile = argAfter('--profile') === 'reload' ? await profileCpu(page) : null;
    t = performance.now();
    await page.reload();
    await page.getByRole('tab', { name: '案卷浏览' }).click();
    await page.locator('[aria-label="案卷列表"] [role="row"][aria-rowindex="2"]').waitFor();
    const firstRows = seconds(t);
    await page
      .getByTestId('browse-count')
      .filter({ hasText: `共 ${n(valid)} 件` })
      .waitFor();
    await page.getByRole('tab', { name: '统计矩阵' }).click();
    await page.getByText(`部门 × 案件类型 统计（共 ${n(valid)} 件）`).waitFor();
    const whole = seconds(t);
    report('reload -> first rows', firstRows, 's', 1);
    report('reload -> whole index (browse count, matrix)', whole, 's', 3);
    report('  longest main-thread task', await longest(page), 'ms', 200);
    peaks.push(pss.take());
    report('  peak PSS of the browser', peaks.at(-1)! / GB, 'GB', 2);
    printPssByProcess(browserPssBytes());
    await stopProfile?.();
    if (until('reload')) return;

    // 3. Draw 400: campaign -> plan shown -> prepared -> drawn.
    await page.goto(preview.url + '/#/campaigns');
    await page.getByRole('button', { name: /新建评查活动/ }).click();
    await page.getByLabel('活动名称').fill('全省年度评查');
    t = performance.now();
    await page.getByLabel('活动名称').press('Enter');
    await page.getByText(/总体与抽取方案（总体 /).waitFor();
    const planShown = seconds(t);
    await page.getByRole('spinbutton', { name: '样本量' }).fill(String(DRAW));
    await page.getByTestId('draw-prepared').waitFor();
    const prepared = seconds(t);
    await page.getByRole('button', { name: /生成随机种子/ }).click();
    await page.getByRole('textbox', { name: '操作人员', exact: true }).fill('基准');
    await page.getByRole('button', { name: '执行抽取' }).click();
    await page.getByTestId('confirm-ok').waitFor();
    await longest(page);
    t = performance.now();
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('draw-result').waitFor();
    const drawn = await page.getByTestId('drawn-count').textContent();
    const drawSeconds = seconds(t);
    report('draw: campaign saved -> plan shown', planShown, 's', 1);
    report('draw: -> prepared (draw worker ready)', prepared, 's', 2);
    report(`draw ${drawn} of ${n(valid)} (click -> result)`, drawSeconds, 's', 3);
    report('  longest main-thread task during the draw', await longest(page), 'ms', 200);
    peaks.push(pss.take());
    report('  peak PSS of the browser', peaks.at(-1)! / GB, 'GB', 2);

    // 4. Backup and restore (the log's trust checks are part of the restore's preview).
    const dir = mkdtempSync(join(tmpdir(), 'pingcha-province-backup-'));
    await page.goto(preview.url + '/#/data-safety/backup');
    await page.getByTestId('backup-now').waitFor();
    t = performance.now();
    const download = page.waitForEvent('download');
    await page.getByTestId('backup-now').click();
    const file = await download;
    const path = join(dir, file.suggestedFilename());
    await file.saveAs(path);
    const backupSeconds = seconds(t);
    report(
      `backup (click -> file, ${(statSync(path).size / 1024 / 1024).toFixed(0)} MB)`,
      backupSeconds,
      's',
      60,
    );
    report('  longest main-thread task', await longest(page), 'ms', 200);
    peaks.push(pss.take());
    report('  peak PSS of the browser', peaks.at(-1)! / GB, 'GB', 2);

    t = performance.now();
    const restoreChooser = page.waitForEvent('filechooser');
    await page.getByTestId('restore-choose').click();
    await (await restoreChooser).setFiles(path);
    await page.getByTestId('restore-preview').waitFor();
    const verify = seconds(t);
    const before = page.waitForEvent('download');
    // The page reloads once the restore is done: the message may be gone before a loaded machine looks.
    const reloaded = page.waitForEvent('load');
    const t1 = performance.now();
    await page.getByTestId('restore-confirm').click();
    await before;
    const backupBefore = seconds(t1);
    await Promise.race([page.getByText('已恢复').waitFor(), reloaded]);
    const restoreSeconds = seconds(t) - backupBefore;
    report('restore: file -> preview (hashes, log trust)', verify, 's');
    report('restore (verify + replace, without the backup before it)', restoreSeconds, 's', 60);
    report('  the automatic backup before the restore', backupBefore, 's', 60);
    report('  longest main-thread task', await longest(page), 'ms', 200);
    peaks.push(pss.take());
    report('  peak PSS of the browser', peaks.at(-1)! / GB, 'GB', 2);
    report('peak PSS of the browser, all steps', Math.max(...peaks) / GB, 'GB', 2);
    console.log(
      `load average at the end ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
  } finally {
    pss.stop();
    await browser.close();
    preview.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
