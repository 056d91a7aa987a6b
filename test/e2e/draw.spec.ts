// The draw end to end in Chromium: import ledgers, create a campaign, draw with a seed typed in the
// full-screen ceremony, export the record, verify it in the app AND with the CLI (they must agree),
// then change one case number in a ledger and see both report the difference.
import { expect, test, type Page } from './app-test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateLedgerRows, type GeneratedLedger } from '../../shared/demo/ledger-generator';
import { checkLedgerFile } from '../../shared/ledger/check-file';
import { ledgerCsvBytes } from '../fixtures/make-ledgers';

const SEED = '38204719562038471926';

interface Ledger {
  path: string;
  name: string;
  valid: number;
}

function write(dir: string, name: string, g: GeneratedLedger): Ledger {
  const bytes = ledgerCsvBytes(g, 'utf-8-bom');
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return { path, name, valid: checkLedgerFile(bytes, name).report.counts.valid };
}

function fixtures() {
  const dir = mkdtempSync(join(tmpdir(), 'pingcha-e2e-draw-'));
  const a = generateLedgerRows({ rows: 240, seed: 71, departmentIndexes: [0, 1, 2] });
  const b = generateLedgerRows({ rows: 120, seed: 72, departmentIndexes: [5, 6] });
  const changedDir = mkdtempSync(join(tmpdir(), 'pingcha-e2e-draw-changed-'));
  // The same file with one case number changed (what a department "correcting" its ledger looks like).
  const col = b.headers.findIndex((h) => /编号|案号|文号/.test(h));
  const first = b.title.length + 1;
  const rows = b.sheetRows.map((r) => [...r]);
  const oldNo = String(rows[first]![col]);
  const newNo = oldNo.replace(/\d+(?=\D*$)/, (d) => String(Number(d) + 900000));
  rows[first]![col] = newNo;
  const changed: GeneratedLedger = { ...b, sheetRows: rows };
  return {
    dir,
    a: write(dir, '部门台账A.csv', a),
    b: write(dir, '部门台账B.csv', b),
    bChanged: write(changedDir, '部门台账B.csv', changed),
    oldNo,
    newNo,
  };
}

async function importThrough(page: Page, ledger: Ledger) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '选择台账文件…' }).click();
  await (await chooser).setFiles(ledger.path);
  await page.getByRole('button', { name: '生成校验报告' }).click();
  await page
    .getByTestId('import-report')
    .getByRole('button', { name: `导入 ${ledger.valid.toLocaleString('zh-CN')} 条有效记录` })
    .click();
  await expect(page.getByText(/”导入完成/)).toBeVisible();
  await page.getByRole('button', { name: '完成' }).click();
}

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['build/bin/pingcha.mjs', 'draw', 'verify', ...args], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

async function verifyInApp(page: Page, recordPath: string) {
  await page.goto('/#/campaigns');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: /打开抽取记录/ }).click();
  await (await chooser).setFiles(recordPath);
  const result = page.getByTestId('verify-result');
  await expect(result).toBeVisible({ timeout: 60_000 });
  return result;
}

test('draw with a typed seed, export, verify in the app and with the CLI; a changed ledger fails both', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const f = fixtures();
  expect(f.newNo).not.toBe(f.oldNo);
  await page.goto('/#/ledgers');
  await page.getByRole('tab', { name: '导入台账' }).click();
  await importThrough(page, f.a);
  await importThrough(page, f.b);

  // New campaign (scope: everything).
  await page.getByRole('menuitem', { name: '评查活动' }).click();
  await page.getByRole('button', { name: /新建评查活动/ }).click();
  await page.getByLabel('活动名称').fill('第十一次行政执法案卷评查');
  await page.getByLabel('活动名称').press('Enter');
  const total = f.a.valid + f.b.valid;
  await expect(page.getByText(`总体与抽取方案（总体 ${total.toLocaleString('zh-CN')} 件`)).toBeVisible();
  await page.getByLabel('样本量').fill('24');
  await expect(page.getByTestId('quota-total')).toHaveText('24');

  // Seed ceremony: full screen, only the digits; typed as read out from the dice.
  await page.getByRole('button', { name: /公开输入种子/ }).click();
  const ceremony = page.getByTestId('seed-ceremony');
  await expect(ceremony).toBeVisible();
  const box = await ceremony.boundingBox();
  const viewport = page.viewportSize()!;
  expect(box!.width).toBeGreaterThanOrEqual(viewport.width - 1);
  expect(box!.height).toBeGreaterThanOrEqual(viewport.height - 1);
  await page.keyboard.type(SEED, { delay: 20 });
  await expect(page.getByTestId('ceremony-input')).toHaveValue('38204 71956 20384 71926');
  const fontSize = await page
    .getByTestId('ceremony-input')
    .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(fontSize).toBeGreaterThan(60);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('seed-display')).toHaveText('38204 71956 20384 71926');
  await page.getByRole('textbox', { name: '操作人员', exact: true }).fill('李明');
  await page.getByLabel('见证人').fill('王芳、赵强');
  await page.getByRole('button', { name: '执行抽取' }).click();
  // The draw cannot be undone: a confirmation names what it locks.
  await expect(page.getByTestId('draw-confirm')).toContainText('不能重新抽取');
  await page.getByTestId('confirm-ok').click();
  await expect(page.getByTestId('draw-result')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('drawn-count')).toHaveText('24');
  await expect(page.getByTestId('population-warning')).toHaveCount(0);

  // Export the JSON record (a download in the web build).
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: /导出记录（JSON）/ }).click();
  const recordPath = join(f.dir, '抽取记录.json');
  await (await download).saveAs(recordPath);
  const record = JSON.parse((await import('node:fs')).readFileSync(recordPath, 'utf8')) as {
    seed: string;
    population: { ids: string[] };
    sources: { fileName: string }[];
  };
  expect(record.seed).toBe(SEED);
  expect(record.population.ids).toHaveLength(total);
  expect(record.sources.map((s) => s.fileName).sort()).toEqual(['部门台账A.csv', '部门台账B.csv']);

  // The CLI re-imports the original files and agrees.
  const ok = cli(recordPath, f.a.path, f.b.path);
  expect(ok.out).toContain('一致 (match)');
  expect(ok.code).toBe(0);

  // ... and so does the app.
  await expect(await verifyInApp(page, recordPath)).toContainText('一致：“抽取记录.json”');

  // Change one case number: delete the import of B and import the corrected copy.
  await page.goto('/#/ledgers');
  await page.getByRole('tab', { name: '导入台账' }).click();
  const row = page.getByRole('row').filter({ hasText: '部门台账B.csv' });
  await row.getByRole('button', { name: '删除' }).click();
  // The ledger is part of a drawn campaign's population: the confirmation names the campaign.
  await expect(page.getByTestId('delete-import-campaigns')).toBeVisible();
  await page.getByRole('button', { name: '仍然删除', exact: true }).last().click();
  await expect(page.getByRole('row').filter({ hasText: '部门台账B.csv' })).toHaveCount(0);
  await importThrough(page, f.bChanged);

  // The campaign shows that its population no longer matches the ledgers.
  await page.goto('/#/campaigns');
  await page.getByTestId('campaign-link').first().click();
  await expect(page.getByTestId('population-warning')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('population-warning')).toContainText(f.newNo);

  const bad = await verifyInApp(page, recordPath);
  await expect(bad).toContainText('不一致');
  await expect(bad).toContainText(f.oldNo);
  await expect(bad).toContainText(f.newNo);

  const mismatch = cli(recordPath, f.a.path, f.bChanged.path);
  expect(mismatch.out).toContain('不一致 (mismatch)');
  expect(mismatch.out).toContain(f.oldNo);
  expect(mismatch.code).toBe(1);
});
