// In Chromium, through the real pages of the production web build:
//  - 评查结果 for 500 reviewed files: compute + render <= 200 ms (performance.measure 'results:compute+render');
//  - 33 department letters, DOCX and PDF, in the document worker, one ZIP: <= 10 s, each PDF <= 400 KB;
//  - the campaign report (charts rendered offscreen, DOCX + PDF): <= 5 s.
// Run: npx tsx test/bench/letters-chromium.bench.ts   (BENCH_SKIP_BUILD=1 reuses the build in BENCH_OUT)
import { existsSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { unzipSync } from 'fflate';
import { CHROMIUM, launchChromium, printLogSigning, startPreview } from './browser-harness';
import { report } from './bench-report';
import { defaultLetterSettings } from '../../shared/letters/letter-settings';
import { seedBenchCampaigns } from './bench-campaigns';

if (!existsSync(CHROMIUM)) {
  console.log(`skipped: Chromium not found at ${CHROMIUM} (set CHROMIUM_PATH)`);
  process.exit(0);
}
const preview = await startPreview({ port: 5421, outDir: '/tmp/bench-letters' });
const url = preview.url;
const browser = await launchChromium();

async function measure(page: Page, name: string): Promise<number> {
  return page.evaluate((n) => {
    const e = performance.getEntriesByName(n, 'measure');
    return e.length ? e[e.length - 1]!.duration : NaN;
  }, name);
}

try {
  const context = await browser.newContext({
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  await page.goto(`${url}/#/settings`);
  await page.getByTestId('letters-settings').waitFor();
  await page.evaluate(
    async (value) => {
      const db = await new Promise<IDBDatabase>((res, rej) => {
        const r = indexedDB.open('pingcha');
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error);
      });
      await new Promise<void>((res, rej) => {
        const tx = db.transaction('meta', 'readwrite');
        tx.objectStore('meta').put({ key: 'settings:letters', value });
        tx.oncomplete = () => res();
        tx.onerror = () => rej(tx.error);
      });
      db.close();
    },
    {
      ...defaultLetterSettings(),
      issuer: '德阳市司法局',
      prefix: '德法函',
      contact: '联系人：张三，电话：0838-1234567',
    },
  );
  const { big, letters } = await seedBenchCampaigns(page);

  // Results: 500 files, compute + render, three runs (page reload each time).
  const runs: number[] = [];
  const compute: number[] = [];
  for (let i = 0; i < 3; i++) {
    await page.evaluate((id) => localStorage.setItem('pingcha.results.campaign', id), big.campaignId);
    await page.goto(`${url}/#/results`);
    await page.reload();
    await page.getByTestId('department-table').locator('tbody tr.ant-table-row').first().waitFor();
    await page.waitForTimeout(300);
    runs.push(await measure(page, 'results:compute+render'));
    compute.push(await measure(page, 'results:compute'));
  }
  console.log(`results: compute only ${compute.map((r) => r.toFixed(1)).join(' / ')} ms`);
  console.log(`results: ${big.files.length} files, runs ${runs.map((r) => r.toFixed(1)).join(' / ')} ms`);
  report('results: 500 files compute + render (median)', [...runs].sort((a, b) => a - b)[1]!, 'ms', 200);

  // Letters: 33 departments, DOCX + PDF, one ZIP (first run loads the fonts into the worker).
  await page.evaluate((id) => localStorage.setItem('pingcha.results.campaign', id), letters.campaignId);
  await page.goto(`${url}/#/letters`);
  await page.reload();
  await page.getByTestId('letters-table').locator('tbody tr.ant-table-row').nth(32).waitFor();
  const batch = async () => {
    const dl = page.waitForEvent('download', { timeout: 180_000 });
    await page.getByTestId('generate-all').click();
    const zip = unzipSync(new Uint8Array(readFileSync(await (await dl).path())));
    await page.getByTestId('batch-result').waitFor();
    return { ms: await measure(page, 'letters:batch'), zip };
  };
  const cold = await batch();
  const warm = await batch();
  const pdfs = Object.entries(cold.zip).filter(([n]) => n.endsWith('.pdf'));
  const docx = Object.entries(cold.zip).filter(([n]) => n.endsWith('.docx'));
  console.log(`letters: ${pdfs.length} PDF + ${docx.length} DOCX in the ZIP`);
  report('letters: 33 DOCX + PDF, cold (fonts load)', cold.ms / 1000, 's', 10);
  report('letters: 33 DOCX + PDF, warm', warm.ms / 1000, 's', 10);
  console.log(
    `letters (warm): DOCX phase ${((await measure(page, 'letters:docx')) / 1000).toFixed(2)} s, PDF phase ${((await measure(page, 'letters:pdf')) / 1000).toFixed(2)} s`,
  );
  report('letters: max PDF size', Math.max(...pdfs.map(([, b]) => b.length)) / 1024, 'KB', 400);
  report('letters: mean PDF size', pdfs.reduce((s, [, b]) => s + b.length, 0) / pdfs.length / 1024, 'KB');
  await printLogSigning(page);

  // Report: charts offscreen + DOCX + PDF.
  await page.getByRole('tab', { name: '评查情况通报' }).click();
  const files: { name: string; size: number }[] = [];
  page.on(
    'download',
    (d) =>
      void d.path().then((p) => files.push({ name: d.suggestedFilename(), size: readFileSync(p).length })),
  );
  await page.getByTestId('export-report').click();
  await page.getByTestId('confirm-ok').click();
  await page.getByTestId('report-result').waitFor({ timeout: 60_000 });
  await page.waitForTimeout(500);
  report('report: charts + DOCX + PDF', (await measure(page, 'report:export')) / 1000, 's', 5);
  for (const f of files) console.log(`report file: ${f.name} ${(f.size / 1024).toFixed(0)} KB`);
} finally {
  await browser.close();
  preview.stop();
}
