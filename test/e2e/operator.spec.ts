// The operator is asked for at start, shown in the header, switchable, remembered on this
// machine, and named on every logged action. This spec uses the bare Playwright test: no
// automatic answer to the dialog.
import { expect, test, type Page } from '@playwright/test';
import { writeE2eLedgers } from './e2e-fixtures';

async function importLedger(page: Page, path: string, valid: number) {
  await page.goto('/#/ledgers');
  await page.getByRole('tab', { name: '导入台账' }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '选择台账文件…' }).click();
  await (await chooser).setFiles(path);
  await page.getByRole('button', { name: '生成校验报告' }).click();
  await page
    .getByTestId('import-report')
    .getByRole('button', { name: `导入 ${valid.toLocaleString('zh-CN')} 条有效记录` })
    .click();
  await expect(page.getByText(/”导入完成/)).toBeVisible();
  await page.getByRole('button', { name: '完成' }).click();
}

test('asks who is at the keyboard, records the name on logged actions, switches and remembers it', async ({
  page,
}) => {
  await page.goto('/#/ledgers');
  const dialog = page.getByRole('dialog', { name: '请先填写当前操作人员' });
  await expect(dialog).toBeVisible();
  // It cannot be dismissed without a name.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: '开始使用' }).click();
  await expect(dialog.getByText('请填写姓名：操作留痕需要记录是谁做的')).toBeVisible();

  await dialog.getByLabel('姓名').fill('张三');
  await dialog.getByLabel('单位或科室（可不填）').fill('执法监督科');
  await dialog.getByLabel('姓名').press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('operator-chip')).toContainText('张三（执法监督科）');

  const f = await writeE2eLedgers();
  await importLedger(page, f.xlsx.path, f.xlsx.valid);

  // Switch to another person from the header; the next logged action carries the new name.
  await page.getByRole('button', { name: '切换操作人员' }).click();
  const switchDialog = page.getByRole('dialog', { name: '切换操作人员' });
  await switchDialog.getByLabel('姓名').fill('李四');
  await switchDialog.getByLabel('单位或科室（可不填）').fill('');
  await switchDialog.getByRole('button', { name: '确定' }).click();
  await expect(page.getByTestId('operator-chip')).toContainText('李四');
  await importLedger(page, f.gbk.path, f.gbk.valid);

  await page.goto('/#/data-safety/log');
  const rows = page.getByText('导入台账', { exact: true });
  await expect(rows).toHaveCount(2);
  // Each import is logged under the person who made it (the 台账体检 run after it carries the same name).
  const importBy = (name: string) =>
    page
      .getByRole('row')
      .filter({ hasText: '导入台账' })
      .filter({ has: page.getByRole('cell', { name, exact: true }) });
  await expect(importBy('张三（执法监督科）')).toHaveCount(1);
  await expect(importBy('李四')).toHaveCount(1);
  await expect(page.getByText('未署名操作人员')).toHaveCount(0);

  // Remembered on this machine: no question after a reload; the previous person is one click away.
  await page.reload();
  await expect(page.getByTestId('operator-chip')).toContainText('李四');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.getByRole('button', { name: '切换操作人员' }).click();
  await page.getByRole('dialog', { name: '切换操作人员' }).getByText('张三（执法监督科）').click();
  await expect(page.getByTestId('operator-chip')).toContainText('张三（执法监督科）');
});
