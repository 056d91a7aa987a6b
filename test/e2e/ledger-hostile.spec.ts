// Issue 12 in the real app (production build, Chromium, the real parse worker, real IndexedDB): an honest
// inline-string ledger imports; hostile files give the Chinese message, the tab survives, and the store
// keeps exactly what it had (also after a reload).
import { expect, test, type Page } from './app-test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  farColumnXlsx,
  hugeReferenceXlsx,
  inlineStringXlsx,
  junkSheetsXlsx,
  lyingSizeXlsx,
  mergeBombXlsx,
} from '../fixtures/make-hostile';

async function chooseFile(page: Page, path: string) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '选择台账文件…' }).click();
  await (await chooser).setFiles(path);
}

async function expectCount(page: Page, n: number) {
  await page.getByRole('tab', { name: '案卷浏览' }).click();
  await expect(page.getByTestId('browse-count')).toContainText(`共 ${n.toLocaleString('zh-CN')} 件`);
  await page.getByRole('tab', { name: '导入台账' }).click();
}

test('hostile spreadsheets are refused in Chinese and change nothing; inline strings import', async ({
  page,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'pingcha-e2e-hostile-'));
  const file = (name: string, bytes: Uint8Array) => {
    writeFileSync(join(dir, name), bytes);
    return join(dir, name);
  };
  await page.goto('/#/ledgers');
  await page.getByRole('tab', { name: '导入台账' }).click();

  // an honest ledger written with inline strings (as POI's streaming writer does)
  await chooseFile(page, file('内联字符串台账.xlsx', inlineStringXlsx(300, 77)));
  await page.getByRole('button', { name: '生成校验报告' }).click();
  await page.getByTestId('import-report').getByRole('button', { name: '导入 300 条有效记录' }).click();
  await expect(page.getByText(/”导入完成/)).toBeVisible();
  await page.getByRole('button', { name: '完成' }).click();
  await expectCount(page, 300);

  const refused: [string, Uint8Array, string[]][] = [
    ['引用越界.xlsx', hugeReferenceXlsx(), ['工作表“执法台账”', '单元格 ZZZZZZZZZ1']],
    ['谎报大小.xlsx', lyingSizeXlsx(5000, () => 512 * 1024 * 1024), ['已损坏']],
    ['逗号.csv', new Uint8Array(5 * 1024 * 1024).fill(0x2c), ['第 1 行过长']],
    ['稀疏.xlsx', farColumnXlsx(), ['单元格 XFD', '读取所需内存已超过 512.0 MB 的上限']],
  ];
  for (const [name, bytes, parts] of refused) {
    await chooseFile(page, file(name, bytes));
    const msg = page.getByTestId('import-error');
    await expect(msg).toBeVisible();
    await expect(msg).toContainText(`文件“${name}”`);
    for (const p of parts) await expect(msg).toContainText(p);
    await expect(page.getByText('数据库未作任何更改。')).toBeVisible();
    await page.getByRole('button', { name: '返回' }).click();
  }

  // only the first sheet is read; another is read when chosen, a broken one is refused then
  await chooseFile(page, file('多表.xlsx', junkSheetsXlsx()));
  const picker = page.getByRole('combobox', { name: '工作表' });
  await picker.click();
  await expect(
    page.locator('.ant-select-item-option-content', { hasText: '执法台账（32 行）' }),
  ).toBeVisible();
  await page.locator('.ant-select-item-option-content', { hasText: /^备用$/ }).click();
  await expect(page.getByText('备用（14 行）').filter({ visible: true })).toBeVisible();
  await picker.click();
  await page.locator('.ant-select-item-option-content', { hasText: /^损坏$/ }).click();
  await expect(page.getByTestId('import-error')).toContainText('文件“多表.xlsx”已损坏');
  await page.getByRole('button', { name: '返回' }).click();

  // the merge bomb opens as its few cells (the tab used to crash); then it is left unimported
  await chooseFile(page, file('合并.xlsx', mergeBombXlsx('A1:XFD999999')));
  await expect(page.getByRole('button', { name: '生成校验报告' })).toBeVisible();

  await page.goto('/#/ledgers');
  await page.reload();
  await expectCount(page, 300);
});
