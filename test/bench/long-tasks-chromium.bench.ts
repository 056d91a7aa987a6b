// Issue 16: the UI never stalls. In Chromium on the production web build, driven through the real UI,
// a PerformanceObserver ('longtask', installed before the page's own scripts run) records every
// main-thread task over 50 ms; the longest is printed beside the target (< 200 ms) for:
//   - the import of a 50,000-row XLSX and of a 500,000-row CSV (choose file -> 导入完成);
//   - the stratified draw over those 500,000 files (click -> result) and its result page (reopened);
//   - the results page of a 500-file campaign and the letters page with 33 departments;
// and reload to usable with 500,000 files stored: page reload -> first rows in the case browser
// (target <= 2 s).
// Run: npm run bench -- long-tasks   (BENCH_PORT, default 5407, and BENCH_OUT move server and build)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { generateLedgerRows } from '../../shared/demo/ledger-generator';
import { checkLedgerFile } from '../../shared/ledger/check-file';
import { ledgerCsvBytes, writeLedgerXlsxFile } from '../fixtures/make-ledgers';
import { CHROMIUM, launchChromium, startPreview } from './browser-harness';
import { report } from './bench-report';
import { seedBenchCampaigns } from './bench-campaigns';

const VERSION = 'v1';
const TARGET_MS = 200;

async function inputs() {
  const xlsx = join(tmpdir(), `pingcha-bench-longtask-${VERSION}-50000.xlsx`);
  const csv = join(tmpdir(), `pingcha-bench-draw-${VERSION}-500000.csv`); // shared with draw-chromium
  if (!existsSync(xlsx)) {
    const g = generateLedgerRows({ rows: 50_000, seed: 8, titleRows: 1, typeVariants: 0.2, totalRow: true });
    await writeLedgerXlsxFile(xlsx + '.tmp', g, { mergeTitle: true, dateFormat: 'yyyy-mm-dd' });
    writeFileSync(xlsx, readFileSync(xlsx + '.tmp'));
  }
  if (!existsSync(csv)) {
    writeFileSync(csv, ledgerCsvBytes(generateLedgerRows({ rows: 500_000, seed: 5, titleRows: 1 }), 'utf-8'));
  }
  const valid = (path: string) =>
    checkLedgerFile(new Uint8Array(readFileSync(path)), path).report.counts.valid;
  return { xlsx, csv, xlsxValid: valid(xlsx), csvValid: valid(csv) };
}

/** Every page of the context records its long tasks from its first script on. */
async function newContext(): Promise<BrowserContext> {
  const context = await browser.newContext({
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1440, height: 900 },
  });
  await context.addInitScript(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  return context;
}

/** Longest task since the last call (tasks are cleared). */
async function takeLongest(page: Page): Promise<number> {
  return page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[] };
    const m = Math.max(0, ...w.__longTasks);
    w.__longTasks = [];
    return m;
  });
}

async function importThroughUi(page: Page, path: string, valid: number): Promise<number> {
  await page.goto(`${base}/#/ledgers`);
  await page.getByRole('tab', { name: '导入台账' }).click();
  await takeLongest(page);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '选择台账文件…' }).click();
  await (await chooser).setFiles(path);
  await page.getByRole('button', { name: '生成校验报告' }).click({ timeout: 300_000 });
  await page
    .getByTestId('import-report')
    .getByRole('button', { name: `导入 ${valid.toLocaleString('zh-CN')} 条有效记录` })
    .click({ timeout: 300_000 });
  await page.getByText(/”导入完成/).waitFor({ timeout: 600_000 });
  await page.waitForTimeout(500);
  const longest = await takeLongest(page);
  await page.getByRole('button', { name: '完成' }).click();
  return longest;
}

const firstRow = (page: Page) => page.locator('[aria-label="案卷列表"] [role="row"][aria-rowindex="2"]');

if (!existsSync(CHROMIUM)) {
  console.log(`skipped: Chromium not found at ${CHROMIUM} (set CHROMIUM_PATH)`);
  process.exit(0);
}
const f = await inputs();
console.log(`inputs: XLSX 50,000 rows (${f.xlsxValid} valid), CSV 500,000 rows (${f.csvValid} valid)`);
const preview = await startPreview({ port: 5407, outDir: join(tmpdir(), 'pingcha-bench-build-longtask') });
const base = preview.url;
const browser = await launchChromium();
try {
  // 1. Results of a 500-file campaign; letters with 33 departments (seeded as the review leaves them).
  {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${base}/#/settings`);
    await page.getByTestId('letters-settings').waitFor();
    const { big, letters } = await seedBenchCampaigns(page);
    // The app is loaded (on 设置) first; the page is then opened from the navigation, as a user does.
    const openFromSettings = async (campaignId: string, route: string) => {
      await page.evaluate((id) => localStorage.setItem('pingcha.results.campaign', id), campaignId);
      await page.goto(`${base}/#/settings`);
      await page.reload();
      await page.getByTestId('letters-settings').waitFor();
      await page.waitForTimeout(1500);
      await takeLongest(page);
      await page.evaluate((r) => (window.location.hash = r), route);
    };
    const results: number[] = [];
    for (let i = 0; i < 3; i++) {
      await openFromSettings(big.campaignId, '#/results');
      await page.getByTestId('department-table').locator('tbody tr.ant-table-row').first().waitFor();
      await page.waitForTimeout(800);
      results.push(await takeLongest(page));
    }
    report('longtask: results page, 500 files (max of 3 loads)', Math.max(...results), 'ms', TARGET_MS);
    console.log(`  (loads: ${results.map((x) => x.toFixed(0)).join(' / ')} ms)`);
    const letterRuns: number[] = [];
    for (let i = 0; i < 3; i++) {
      await openFromSettings(letters.campaignId, '#/letters');
      await page.getByTestId('letters-table').locator('tbody tr.ant-table-row').nth(32).waitFor();
      await page.waitForTimeout(800);
      letterRuns.push(await takeLongest(page));
    }
    report('longtask: letters page, 33 departments (max of 3)', Math.max(...letterRuns), 'ms', TARGET_MS);
    console.log(`  (loads: ${letterRuns.map((x) => x.toFixed(0)).join(' / ')} ms)`);
    await context.close();
  }

  // 2. Import of a 50,000-row XLSX (its own store).
  {
    const context = await newContext();
    const page = await context.newPage();
    const longest = await importThroughUi(page, f.xlsx, f.xlsxValid);
    report('longtask: import 50k-row XLSX', longest, 'ms', TARGET_MS);
    await context.close();
  }

  // 3. Import of 500,000 rows, reload to usable, the draw and its result page.
  {
    const context = await newContext();
    const page = await context.newPage();
    const longest = await importThroughUi(page, f.csv, f.csvValid);
    report('longtask: import 500k-row CSV', longest, 'ms', TARGET_MS);

    const reloads: number[] = [];
    for (let i = 0; i < 3; i++) {
      await page.goto(`${base}/#/ledgers`);
      await page.getByRole('tab', { name: '案卷浏览' }).click();
      await firstRow(page).waitFor({ timeout: 120_000 });
      const t0 = performance.now();
      await page.reload();
      await page.getByRole('tab', { name: '案卷浏览' }).click();
      await firstRow(page).waitFor({ timeout: 120_000 });
      reloads.push((performance.now() - t0) / 1000);
    }
    const sorted = [...reloads].sort((a, b) => a - b);
    report('reload -> case browser rows, 500k files (median)', sorted[1]!, 's', 2);
    console.log(`  (runs: ${reloads.map((x) => x.toFixed(2)).join(' / ')} s)`);
    await page.waitForTimeout(3000);
    // Includes evaluating the app's scripts after the reload (startup), so printed without the target.
    report('  longest task during the last reload (incl. startup)', await takeLongest(page), 'ms');

    await page.goto(`${base}/#/campaigns`);
    await page.getByRole('button', { name: /新建评查活动/ }).click();
    await page.getByLabel('活动名称').fill('长任务基准');
    await page.getByLabel('活动名称').press('Enter');
    await page.getByTestId('draw-prepared').waitFor({ timeout: 300_000 });
    await page.getByRole('button', { name: /生成随机种子/ }).click();
    await page.getByRole('textbox', { name: '操作人员', exact: true }).fill('基准');
    await page.waitForTimeout(500);
    await takeLongest(page);
    // From the confirmation's OK (执行抽取 asks first).
    await page.getByRole('button', { name: '执行抽取' }).click();
    await page.getByTestId('confirm-ok').waitFor();
    const t0 = performance.now();
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('drawn-count').waitFor({ timeout: 300_000 });
    const drawSeconds = (performance.now() - t0) / 1000;
    await page.waitForTimeout(800);
    report('longtask: draw 500k (click -> result shown)', await takeLongest(page), 'ms', TARGET_MS);
    console.log(`  (draw click -> result ${drawSeconds.toFixed(2)} s)`);
    const campaignRoute = await page.evaluate(() => window.location.hash);
    const resultRuns: number[] = [];
    for (let i = 0; i < 2; i++) {
      await page.evaluate(() => (window.location.hash = '#/campaigns'));
      await page.getByRole('button', { name: /新建评查活动/ }).waitFor();
      await page.waitForTimeout(1500);
      await takeLongest(page);
      await page.evaluate((r) => (window.location.hash = r), campaignRoute);
      await page.getByTestId('drawn-count').waitFor({ timeout: 300_000 });
      await page.getByTestId('drawn-table').locator('tbody tr.ant-table-row').first().waitFor();
      await page.waitForTimeout(800);
      resultRuns.push(await takeLongest(page));
    }
    report('longtask: draw result page opened (max of 2)', Math.max(...resultRuns), 'ms', TARGET_MS);
    console.log(`  (loads: ${resultRuns.map((x) => x.toFixed(0)).join(' / ')} ms)`);
    await context.close();
  }
} finally {
  await browser.close();
  preview.stop();
}
