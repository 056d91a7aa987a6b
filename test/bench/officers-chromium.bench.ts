// Officers in Chromium (production web build): registry import of 5,000 rows from an XLSX (file chosen ->
// stored, through the worker, the report and the atomic write) and the yearly-review rules for 5,000
// officers (click -> proposals stored). Targets from issue 6: <= 3 s and <= 1 s.
// Uses its own port and build folder (BENCH_PORT, BENCH_OUT) so it can run beside other checkouts.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { generateOfficerDataset } from '../../shared/officers/officer-generator';
import { CHROMIUM, launchChromium, startPreview } from './browser-harness';
import { report } from './bench-report';
import { REGISTRY_HEADER, registryRow } from './officer-rows';

const PORT = 5430;
const OUT = '/tmp/pingcha-officers-bench';
const N = 5000;

async function main() {
  if (!existsSync(CHROMIUM)) {
    console.log(`skipped: Chromium not found at ${CHROMIUM} (set CHROMIUM_PATH)`);
    return;
  }
  const data = generateOfficerDataset({ seed: 'bench-officers', officers: N, candidates: 100 });
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  ws.addRow(REGISTRY_HEADER);
  for (const o of data.officers) ws.addRow(registryRow(o));
  const file = join(mkdtempSync(join(tmpdir(), 'pingcha-officers-bench-')), '执法人员名册-5000.xlsx');
  writeFileSync(file, new Uint8Array(await wb.xlsx.writeBuffer()));

  const preview = await startPreview({ port: PORT, outDir: OUT });
  const url = preview.url;
  const browser = await launchChromium();
  try {
    const page = await (
      await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } })
    ).newPage();
    await page.goto(`${url}/#/officers`);
    await page.getByRole('tab', { name: '导入名册' }).click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: '选择人员名册文件…' }).click();
    const fc = await chooser;
    const t0 = performance.now();
    await fc.setFiles(file);
    await page.getByRole('button', { name: '生成校验报告' }).click();
    const t1 = performance.now();
    await page
      .getByTestId('officers-import-report')
      .getByRole('button', { name: /导入 \d+ 条有效记录/ })
      .click();
    const t2 = performance.now();
    await page.getByTestId('officers-import-done').waitFor({ timeout: 60_000 });
    const t3 = performance.now();
    const stored = await page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('pingcha');
          open.onsuccess = () => {
            const req = open.result.transaction('officers').objectStore('officers').count();
            req.onsuccess = () => resolve(req.result);
            req.onerror = () => reject(req.error);
          };
          open.onerror = () => reject(open.error);
        }),
    );
    if (stored !== N) throw new Error(`expected ${N} stored officers, found ${stored}`);
    report('officers: read XLSX until mapping shown', (t1 - t0) / 1000, 's');
    report('officers: validation report shown', (t2 - t1) / 1000, 's');
    report('officers: atomic write (5,000 officers)', (t3 - t2) / 1000, 's');
    report('officers: import 5,000 rows, file chosen -> stored', (t3 - t0) / 1000, 's', 3);

    await page.getByRole('button', { name: '完成' }).click();
    await page.getByRole('tab', { name: '证件年审' }).click();
    await page.getByLabel('年审年度').fill('2025');
    await page.getByLabel('年审日期').fill('2026-01-15');
    const r0 = performance.now();
    await page.getByRole('button', { name: /运行年审规则/ }).click();
    const elapsed = page.getByTestId('review-elapsed');
    await elapsed.waitFor({ timeout: 60_000 });
    const r1 = performance.now();
    const inApp = Number(/(\d+)/.exec(await elapsed.innerText())![1]) / 1000;
    report('officers: yearly review rules, 5,000 (read+run+store)', inApp, 's', 1);
    report('officers: yearly review, click -> results shown', (r1 - r0) / 1000, 's');
  } finally {
    await browser.close();
    preview.stop();
  }
}

await main();
