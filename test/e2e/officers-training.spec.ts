import { expect, test, type Page } from './app-test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Cell } from '../../shared/ledger/types';

const YEAR = new Date().getFullYear();

async function xlsx(dir: string, name: string, rows: Cell[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  for (const r of rows) ws.addRow(r);
  const path = join(dir, name);
  writeFileSync(path, new Uint8Array(await wb.xlsx.writeBuffer()));
  return path;
}

async function choose(page: Page, button: string, path: string) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: button }).click();
  await (await chooser).setFiles(path);
}

test('training: import an attendance sheet for a session, see the report first, then the yearly hours', async ({
  page,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'pingcha-training-e2e-'));
  const registry = await xlsx(dir, '名册.xlsx', [
    ['姓名', '所在单位', '用工性质', '执法证号', '有效期至'],
    ['张三', '市交通运输局', '公务员', '510601000001', '2030-01-01'],
    ['李四', '市交通运输局', '公务员', '510601000002', '2030-01-01'],
    ['王五', '市司法局', '公务员', '510601000003', '2030-01-01'],
  ]);
  const attendance = await xlsx(dir, '签到表.xlsx', [
    [`${YEAR}年行政处罚法专题培训签到表`],
    ['序号', '姓名', '执法证号', '单位', '学时'],
    [1, '张三', '510601000001', '市交通运输局', 8],
    [2, '李四', '510601000002', '市交通运输局', 6],
    [3, '孙八', '', '市司法局', 8],
  ]);

  await page.goto('/#/officers');
  await page.getByRole('tab', { name: '导入名册' }).click();
  await choose(page, '选择人员名册文件…', registry);
  await page.getByRole('button', { name: '生成校验报告' }).click();
  await page.getByTestId('officers-import-report').getByRole('button', { name: '导入 3 条有效记录' }).click();
  await expect(page.getByTestId('officers-import-done')).toContainText('新增 3 人');

  await page.getByRole('tab', { name: '法律知识培训' }).click();
  await page.getByLabel('培训名称', { exact: true }).fill('行政处罚法专题培训');
  await page.getByLabel('培训日期', { exact: true }).fill(`${YEAR}-03-15`);
  await page.getByLabel('学时', { exact: true }).fill('8');
  await page.getByRole('button', { name: '添加场次' }).click();
  await page.getByLabel('导入出勤的培训场次').click();
  await page.getByTitle(`${YEAR}-03-15 行政处罚法专题培训（8学时）`).last().click();
  await choose(page, '选择签到/学时表…', attendance);
  await page.getByRole('button', { name: '生成校验报告' }).click();
  const report = page.getByTestId('officers-import-report');
  await expect(report).toContainText('第5行（孙八）');
  await expect(report).toContainText('在人员名册中都找不到该人员');
  await report.getByRole('button', { name: '导入 2 条有效记录' }).click();
  await expect(page.getByTestId('officers-import-done')).toContainText('出勤 2 人次');
  const standings = page.getByTestId('training-standings');
  await expect(standings.getByRole('row').filter({ hasText: '李四' })).toContainText('还差 34 学时');
  await expect(standings.getByRole('row').filter({ hasText: '王五' })).toContainText('还差 40 学时');
  await page.screenshot({ path: '/tmp/h15-training.png', fullPage: true });
});
