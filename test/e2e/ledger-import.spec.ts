import { expect, test, type Page } from './app-test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeE2eLedgers } from './e2e-fixtures';

async function chooseFile(page: Page, path: string) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '选择台账文件…' }).click();
  await (await chooser).setFiles(path);
}

async function importThrough(page: Page, path: string, valid: number) {
  await chooseFile(page, path);
  await page.getByRole('button', { name: '生成校验报告' }).click();
  const report = page.getByTestId('import-report');
  await expect(report).toBeVisible();
  await report.getByRole('button', { name: `导入 ${valid.toLocaleString('zh-CN')} 条有效记录` }).click();
  await expect(page.getByText(/”导入完成/)).toBeVisible();
  await page.getByRole('button', { name: '完成' }).click();
}

test('imports a generated XLSX and a GBK CSV, shows the counts, and keeps them after a reload', async ({
  page,
}) => {
  const f = await writeE2eLedgers();
  expect(f.xlsx.errors).toBeGreaterThan(0); // the messy fixture really has bad rows to report
  await page.goto('/#/ledgers');
  await page.getByRole('tab', { name: '导入台账' }).click();

  await importThrough(page, f.xlsx.path, f.xlsx.valid);

  // GBK is detected automatically and shown.
  await chooseFile(page, f.gbk.path);
  await expect(page.getByText('自动检测（GBK）')).toBeVisible();
  await page.getByRole('button', { name: '生成校验报告' }).click();
  await page
    .getByTestId('import-report')
    .getByRole('button', { name: /导入 .* 条有效记录/ })
    .click();
  await expect(page.getByText(/”导入完成/)).toBeVisible();
  await page.getByRole('button', { name: '完成' }).click();

  const total = f.xlsx.valid + f.gbk.valid;
  await page.getByRole('tab', { name: '案卷浏览' }).click();
  await expect(page.getByTestId('browse-count')).toContainText(`共 ${total.toLocaleString('zh-CN')} 件`);

  await page.reload();
  await page.getByRole('tab', { name: '案卷浏览' }).click();
  await expect(page.getByTestId('browse-count')).toContainText(`共 ${total.toLocaleString('zh-CN')} 件`);

  // Filtering by a department narrows the list; the matrix adds up to the total.
  await page.getByRole('tab', { name: '统计矩阵' }).click();
  await expect(
    page.getByText(`部门 × 案件类型 统计（共 ${total.toLocaleString('zh-CN')} 件）`),
  ).toBeVisible();

  // The same file again is recognised and refused unless the user insists.
  await page.getByRole('tab', { name: '导入台账' }).click();
  await chooseFile(page, f.xlsx.path);
  await expect(page.getByText('该文件已导入过')).toBeVisible();
  await page.getByRole('button', { name: '生成校验报告' }).click();
  await expect(
    page.getByTestId('import-report').getByRole('button', { name: /导入 0 条有效记录/ }),
  ).toBeDisabled();
  await page.getByRole('button', { name: '取消导入' }).click();

  // Bad input: a PDF and a truncated XLSX get Chinese messages and change nothing.
  const pdf = join(f.dir, '不是台账.pdf');
  writeFileSync(pdf, '%PDF-1.7\n%%EOF\n');
  await chooseFile(page, pdf);
  await expect(page.getByTestId('import-error')).toContainText('不是台账.pdf');
  await page.getByRole('button', { name: '返回' }).click();
  const broken = join(f.dir, '损坏.xlsx');
  const { readFileSync } = await import('node:fs');
  writeFileSync(broken, readFileSync(f.xlsx.path).subarray(0, 2000));
  await chooseFile(page, broken);
  await expect(page.getByTestId('import-error')).toContainText('损坏.xlsx');
  await page.getByRole('button', { name: '返回' }).click();

  await page.getByRole('tab', { name: '案卷浏览' }).click();
  await expect(page.getByTestId('browse-count')).toContainText(`共 ${total.toLocaleString('zh-CN')} 件`);
});

test('the demo data loads in one step, is marked as demo, and is removed in one step', async ({ page }) => {
  await page.goto('/#/settings');
  await page.getByRole('button', { name: '载入示例数据' }).click();
  await expect(page.getByTestId('demo-banner')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('demo-banner')).toContainText('示例数据');
  await page.getByTestId('demo-banner').getByRole('button', { name: '移除示例数据' }).click();
  await page.getByRole('button', { name: '移除', exact: true }).click();
  await expect(page.getByTestId('demo-banner')).toHaveCount(0);
});
