import { expect, test, type Page } from './app-test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { generateOfficerDataset, type OfficerDataset } from '../../shared/officers/officer-generator';
import { maskIdNumber } from '../../shared/officers/id-card';
import { importOfficers, guessOfficerHeaderRow } from '../../shared/officers/officer-import';
import { importExamResults, guessExamHeaderRow } from '../../shared/officers/exams';
import type { Cell } from '../../shared/ledger/types';

/** Registry and exam results as real XLSX files (exceljs), with a title row above the header. */
async function writeFiles(data: OfficerDataset) {
  const dir = mkdtempSync(join(tmpdir(), 'pingcha-officers-e2e-'));
  const registryRows: Cell[][] = [
    ['2025年度行政执法人员名册'],
    [
      '姓名',
      '性别',
      '身份证号码',
      '所在单位',
      '职务',
      '用工性质',
      '执法证号',
      '执法区域',
      '发证日期',
      '有效期至',
      '证件状态',
    ],
    ...data.officers.map((o) => [
      o.name,
      o.gender,
      o.idNumber,
      o.department,
      o.post,
      o.employmentType,
      o.certificateNo,
      o.areas.join('、'),
      o.issueDate,
      o.expiryDate,
      o.status,
    ]),
  ];
  const examRows: Cell[][] = [
    ['第17次行政执法资格考试成绩'],
    ['考生姓名', '身份证号', '报考单位', '公共法律知识成绩', '专业法律知识成绩', '备注'],
    ...data.candidates
      .filter((c) => c.sittingId === 'exam_17')
      .map((c) => [
        c.name,
        c.idNumber,
        c.department,
        c.publicLawScore,
        c.specialisedScore,
        c.absent ? '缺考' : '',
      ]),
  ];
  const write = async (name: string, rows: Cell[][]) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    for (const r of rows) ws.addRow(r);
    const path = join(dir, name);
    writeFileSync(path, new Uint8Array(await wb.xlsx.writeBuffer()));
    return { path, rows };
  };
  return {
    dir,
    registry: await write('执法人员名册.xlsx', registryRows),
    exam: await write('第17次考试成绩.xlsx', examRows),
  };
}

async function choose(page: Page, button: string, path: string) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: button }).click();
  await (await chooser).setFiles(path);
}

async function download(page: Page, button: string): Promise<Buffer> {
  const d = page.waitForEvent('download');
  await page.getByRole('button', { name: button }).click();
  return readFileSync((await (await d).path())!);
}

test('officers: import registry and exam results, run the yearly review, override one, export a roster without ID numbers', async ({
  page,
}) => {
  const data = generateOfficerDataset({ seed: 'e2e-officers', officers: 400, candidates: 250 });
  const f = await writeFiles(data);
  // Expected counts from the shared pipeline run in Node on the same rows.
  const reg = importOfficers(f.registry.rows, {
    fileName: 'x',
    sheetName: 's',
    headerRow: guessOfficerHeaderRow(f.registry.rows),
    importedAt: '2026-01-01',
    importedBy: 'e2e',
  });
  const exam = importExamResults(f.exam.rows, {
    fileName: 'x',
    sheetName: 's',
    headerRow: guessExamHeaderRow(f.exam.rows),
    sittingId: 'exam_17',
  });
  expect(reg.counts.valid).toBe(400);

  await page.goto('/#/officers');
  await page.getByRole('tab', { name: '导入名册' }).click();
  await choose(page, '选择人员名册文件…', f.registry.path);
  await page.getByRole('button', { name: '生成校验报告' }).click();
  const report = page.getByTestId('officers-import-report');
  await expect(report).toBeVisible();
  await report.getByRole('button', { name: `导入 ${reg.counts.valid} 条有效记录` }).click();
  await expect(page.getByTestId('officers-import-done')).toContainText(`新增 ${reg.counts.valid} 人`);

  // The registry shows masked ID numbers only, and the flags.
  await page.getByRole('tab', { name: '人员名册' }).click();
  await expect(page.getByTestId('registry-count')).toContainText(`共 ${reg.counts.valid} 人`);
  const registryText = await page.getByRole('table', { name: '执法人员名册' }).innerText();
  expect(registryText).toContain(maskIdNumber(data.officers[0]!.idNumber).slice(0, 8));
  for (const o of data.officers.slice(0, 20)) expect(registryText).not.toContain(o.idNumber);
  await expect(page.getByTestId('flag-count-non-formal-staff')).toBeVisible();

  // Exam results of 第17次.
  await page.getByRole('tab', { name: '资格考试' }).click();
  // A yearly 期 is refused with a reason, never read as 第20251次.
  await page.getByLabel('新期次').fill('2025年第1期');
  await page.getByRole('button', { name: '登记新期次' }).click();
  await expect(page.getByText(/“2025年第1期”是按年度编的期次/)).toBeVisible();
  await expect(page.getByText('第20251次')).toHaveCount(0);
  await page.getByLabel('新期次').fill('17');
  await page.getByLabel('考试日期').fill('2025-10-25');
  await page.getByRole('button', { name: '登记新期次' }).click();
  await expect(page.getByText('导入考试成绩（第17次）')).toBeVisible();
  await choose(page, '选择成绩文件…', f.exam.path);
  await page.getByRole('button', { name: '生成校验报告' }).click();
  await page
    .getByTestId('officers-import-report')
    .getByRole('button', { name: `导入 ${exam.counts.valid} 条有效记录` })
    .click();
  await expect(page.getByTestId('officers-import-done')).toContainText(`考试成绩 ${exam.counts.valid} 人`);
  await expect(page.getByTestId('pass-rate-by-sitting')).toContainText('第17次');

  // Yearly review 2025.
  await page.getByRole('tab', { name: '证件年审' }).click();
  await page.getByLabel('年审年度').fill('2025');
  await page.getByLabel('年审日期').fill('2026-01-15');
  await page.getByRole('button', { name: /运行年审规则/ }).click();
  await expect(page.getByTestId('review-stats')).toBeVisible();
  await expect(page.getByTestId('not-evaluated')).toContainText('未提供培训学时数据');
  const nonFormal = data.officers.find((o) => o.employmentType !== '正式在编' && o.status !== '注销')!;
  const modal = page.getByTestId('decision-modal');
  const suspend = async () => {
    await page.getByTestId(`override-${nonFormal.certificateNo}`).click();
    await expect(modal).toContainText('非正式在编人员持证');
    await modal.getByLabel('审核结论').click();
    await page.getByTitle('暂扣', { exact: true }).click();
    // The dialog names what the chosen outcome does to the certificate.
    await expect(modal.getByTestId('decision-consequence')).toContainText('证件状态将改为“暂扣”');
    await modal.getByLabel('理由').fill('已提交转编材料，暂扣待核实');
    await page.getByRole('button', { name: '记录结论' }).click();
    await expect(modal).toHaveCount(0);
  };
  await suspend();
  // Undo while the 年审通知 is not issued: withdrawn with a required reason, the status restored.
  await page.getByTestId(`withdraw-${nonFormal.certificateNo}`).click();
  const withdrawal = page.getByTestId('withdraw-modal');
  await withdrawal.getByRole('button', { name: '撤回结论' }).click();
  await expect(withdrawal).toContainText('请填写撤回理由');
  await withdrawal.getByLabel('撤回理由').fill('误选，重新审核');
  await withdrawal.getByRole('button', { name: '撤回结论' }).click();
  await expect(page.getByText(/已撤回.*的年审结论，证件状态已恢复/)).toBeVisible();
  // A one-click 确认 asks first, naming the consequence; Esc leaves it undecided.
  await page.getByTestId(`confirm-${nonFormal.certificateNo}`).click();
  await expect(page.getByTestId('decision-confirm')).toContainText('年审通知定稿印发前可以撤回');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('decision-confirm')).toHaveCount(0);
  await expect(page.getByTestId(`confirm-${nonFormal.certificateNo}`)).toBeVisible();
  await suspend();
  const stats = page.getByTestId('review-stats');
  await expect(stats.locator('.ant-statistic').filter({ hasText: '改变建议' })).toContainText('1');
  await page.getByTestId('batch-confirm').click();
  // Asked first, with how many and who.
  await expect(page.getByTestId('batch-confirm-summary')).toContainText('将对以下');
  await page.getByTestId('confirm-ok').click();
  await expect(page.getByText(/已批量确认 \d+ 份/)).toBeVisible();
  const resultsXlsx = await download(page, '导出结果 XLSX');
  expect(resultsXlsx.subarray(0, 2).toString()).toBe('PK');

  // The suspended officer drops out of the public roster; nothing private is in any export.
  await page.getByRole('tab', { name: '信息公示' }).click();
  await expect(page.getByTestId('roster-count')).toBeVisible();
  const csv = (await download(page, '导出 CSV')).toString('utf8');
  const html = (await download(page, '导出网页 HTML')).toString('utf8');
  const xlsxBytes = await download(page, '导出 XLSX');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsxBytes as unknown as ArrayBuffer);
  const xlsxText: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => xlsxText.push(String(c.value ?? '')))));
  const xlsx = xlsxText.join('\n');
  expect(csv).toContain('执法证号');
  expect(html).toContain('<table>');
  const live = data.officers.find(
    (o) => o.status === '有效' && o.employmentType === '正式在编' && o.expiryDate! > '2027-01-01',
  )!;
  for (const text of [csv, html, xlsx]) {
    expect(text).toContain(live.certificateNo);
    expect(text).not.toContain(nonFormal.certificateNo);
    expect(text).not.toMatch(/身份证|性别/);
    for (const o of data.officers) {
      expect(text).not.toContain(o.idNumber);
      expect(text).not.toContain(maskIdNumber(o.idNumber));
      // No run of the birth-date digits either (a partly masked form would still identify someone).
      expect(text).not.toContain(o.idNumber.slice(6, 14) + o.idNumber.slice(14, 17));
    }
  }
});
