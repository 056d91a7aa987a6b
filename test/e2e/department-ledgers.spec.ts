// Ledgers as departments really send them (issue 13): five department exports written by exceljs
// (title-only department, an inspection ledger, 市应急管理局 / 德阳市应急管理局 variants with footers and
// bracket forms, a licensing ledger with a short name, a merged two-row header) are imported with the
// inferred departments confirmed; the plan shows one department per real department and the files its
// scope leaves out; inspections judged by 检查日期 come in; the conflict check holds for aliases.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from './app-test';
import {
  ecologyLedger,
  inspectionLedger,
  ledgerXlsx,
  licensingLedger,
  marketSupervisionLedger,
  titleOnlyLedger,
  variantsLedger,
  type FixtureLedger,
} from '../fixtures/department-ledgers';

async function write(dir: string, l: FixtureLedger): Promise<string> {
  const path = join(dir, l.fileName);
  writeFileSync(path, await ledgerXlsx(l));
  return path;
}

/** Chooses the file, checks what was inferred, answers unknown names, imports; returns the count. */
async function importLedger(
  page: Page,
  path: string,
  check: { inferred?: string[]; resolutions?: string; alias?: [string, string]; fields?: string[] },
): Promise<number> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '选择台账文件…' }).click();
  await (await chooser).setFiles(path);
  const note = page.getByTestId('import-inferred');
  for (const text of check.inferred ?? []) await expect(note).toContainText(text);
  if (!check.inferred) await expect(note).toHaveCount(0);
  for (const label of check.fields ?? []) await expect(page.getByLabel(`字段 ${label}`)).toBeVisible();
  await page.getByRole('button', { name: '生成校验报告' }).click();
  const report = page.getByTestId('import-report');
  await expect(report).toBeVisible();
  const table = page.getByTestId('department-resolutions');
  if (check.alias) {
    const [name, target] = check.alias;
    await table.getByRole('combobox', { name: `“${name}”记入` }).click();
    await page.getByText(`是“${target}”的别名`, { exact: true }).click();
  }
  if (check.resolutions) await expect(table).toContainText(check.resolutions);
  const button = report.getByRole('button', { name: /导入 [\d,]+ 条有效记录/ });
  const n = Number((await button.textContent())!.replace(/[^\d]/g, ''));
  await button.click();
  await expect(page.getByText(/”导入完成/)).toBeVisible();
  await page.getByRole('button', { name: '完成' }).click();
  return n;
}

test('five department ledgers: inferred, resolved to one department each, scope counted, aliases conflict', async ({
  page,
}) => {
  test.setTimeout(180_000);
  page.setDefaultTimeout(30_000);
  await page.addInitScript(() =>
    document.addEventListener('DOMContentLoaded', () => {
      const style = document.createElement('style');
      style.textContent = '.ant-notification { display: none !important; }';
      document.head.appendChild(style);
    }),
  );
  const dir = mkdtempSync(join(tmpdir(), 'pingcha-e2e-depts-'));
  const files = {
    titleOnly: await write(dir, titleOnlyLedger()),
    inspection: await write(dir, inspectionLedger()),
    variants: await write(dir, variantsLedger()),
    licensing: await write(dir, licensingLedger()),
    ecology: await write(dir, ecologyLedger()),
  };

  await page.goto('/#/ledgers');
  await page.getByRole('tab', { name: '导入台账' }).click();
  const counts: number[] = [];
  // No 执法部门 / 案件类型 column: both from the title row.
  counts.push(
    await importLedger(page, files.titleOnly, {
      inferred: ['本文件所属部门“德阳市交通运输局”', '统一案件类型“行政处罚”'],
    }),
  );
  // Inspection headers mapped by themselves; the department from the sheet name, the type inferred.
  counts.push(
    await importLedger(page, files.inspection, {
      inferred: ['本文件所属部门“德阳市交通运输局”', '统一案件类型“行政检查”'],
      // An inspection ledger's fields under their own names.
      fields: ['检查日期', '检查对象', '检查编号'],
    }),
  );
  // 办案单位 with 市应急管理局 and 德阳市应急管理局: one department (city-prefix rule).
  counts.push(await importLedger(page, files.variants, { resolutions: '表中 3 个名称 → 2 个机构' }));
  // 市市场监管局 is not in the directory: asked once, answered as an alias.
  counts.push(
    await importLedger(page, files.licensing, {
      alias: ['市市场监管局', '德阳市市场监督管理局'],
      resolutions: '表中 2 个名称 → 1 个机构',
    }),
  );
  // A merged two-row header, the department from the title.
  counts.push(
    await importLedger(page, files.ecology, {
      inferred: ['本文件所属部门“德阳市生态环境局”', '统一案件类型“行政处罚”'],
    }),
  );
  expect(counts).toEqual([24, 30, 17, 12, 10]);
  const total = counts.reduce((a, b) => a + b, 0);

  // A campaign over 2024 by 结案日期.
  await page.goto('/#/campaigns');
  await page.getByRole('button', { name: '新建评查活动' }).click();
  await page.getByRole('textbox', { name: '活动名称' }).fill('2024 年度行政执法案卷评查');
  const range = page.getByTestId('campaign-form').locator('.ant-picker-range input');
  await range.nth(0).fill('2024-01-01');
  await range.nth(1).fill('2024-12-31');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: '创建' }).click();

  // Nothing dropped unseen: the 30 inspections without 结案日期 are counted with their reason.
  const note = page.getByTestId('scope-exclusions');
  await expect(note).toContainText(`已导入 ${total} 件，纳入本次总体 ${total - 30} 件`);
  await expect(note).toContainText('没有结案日期、无法判断是否在期间内：30 件（行政检查 30 件）');
  await expect(note).toContainText('其中 30 件的立案/受理/检查日期在评查期间内');
  // Judged by 检查日期, they come in.
  await page.getByRole('combobox', { name: '行政检查按哪个日期判断期间' }).click();
  await page.locator('.ant-select-item-option[title="立案/受理/检查日期"]').click();
  await expect(page.getByText(`总体与抽取方案（总体 ${total} 件，4 个层）`)).toBeVisible();

  // One stratum per real department; no variant of a name is a department of its own.
  const quota = page.getByTestId('quota-table');
  const strata = await quota
    .locator('tbody tr.ant-table-row td:first-child')
    .evaluateAll((tds) => tds.map((td) => td.textContent ?? ''));
  expect(strata.sort()).toEqual([
    '德阳市交通运输局',
    '德阳市市场监督管理局',
    '德阳市应急管理局',
    '德阳市生态环境局',
  ]);

  // Draw every file, so the files recorded under 市应急管理局 are among them.
  await page.getByRole('spinbutton', { name: '样本量' }).fill(String(total));
  await page.getByRole('button', { name: '生成随机种子' }).click();
  await page.getByRole('textbox', { name: '操作人员' }).fill('陈组长');
  await page.getByRole('button', { name: '执行抽取' }).click();
  await page.getByTestId('confirm-ok').click();
  await expect(page.getByTestId('drawn-count')).toHaveText(String(total), { timeout: 60_000 });

  // A reviewer of 德阳市应急管理局 is never given its files, whichever name they were recorded under.
  await page.goto('/#/review');
  await expect(page.getByTestId('review-counts')).toContainText(`抽中 ${total} 件`);
  for (const [name, unit] of [
    ['张三', '德阳市应急管理局'],
    ['李四', '某律师事务所'],
    ['王五', '人民检察院'],
  ] as const) {
    await page.getByRole('textbox', { name: '姓名' }).fill(name);
    await page.getByRole('combobox', { name: '所在单位' }).fill(unit);
    await page.getByRole('button', { name: '添加评查人员' }).click();
    await expect(page.getByTestId('reviewers-table')).toContainText(name);
  }
  await page.getByRole('textbox', { name: '分配种子' }).fill('20250101');
  await page.getByTestId('assign-run').click();
  await expect(page.getByTestId('assignment-table')).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByTestId('assign-export').click();
  const rec = JSON.parse(readFileSync((await (await download).path())!, 'utf8')) as {
    reviewers: { id: string; name: string }[];
    files: { itemId: string; department: string; caseNo?: string }[];
    result: { itemId: string; reviewerIds: string[] }[];
  };
  const zhang = rec.reviewers.find((r) => r.name === '张三')!.id;
  const emergency = rec.files.filter((f) => f.department === '德阳市应急管理局');
  // 17 of the variants ledger (6 written as 市应急管理局); row 18 is 德阳市交通运输局's
  expect(emergency).toHaveLength(16);
  expect(rec.files.some((f) => f.department === '市应急管理局')).toBe(false);
  const byItem = new Map(rec.result.map((e) => [e.itemId, e.reviewerIds]));
  for (const f of emergency) expect(byItem.get(f.itemId)).not.toContain(zhang);
  // 张三 does review the other departments' files
  expect(rec.result.some((e) => e.reviewerIds.includes(zhang))).toBe(true);
});

test('a merged header with 案号 and 处罚决定书文号: 案号 mapped by content, its duplicate and missing 案号 found', async ({
  page,
}) => {
  test.setTimeout(120_000);
  page.setDefaultTimeout(30_000);
  const dir = mkdtempSync(join(tmpdir(), 'pingcha-e2e-market-'));
  const path = await write(dir, marketSupervisionLedger());
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/#/ledgers');
  await page.getByRole('tab', { name: '导入台账' }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '选择台账文件…' }).click();
  await (await chooser).setFiles(path);
  // The choice and its reason, in the mapping step.
  const notes = page.getByTestId('mapping-notes');
  await expect(notes).toContainText('案件编号取第 2 列“案件基本情况案号”');
  await expect(notes).toContainText('是处罚决定书文号（作出决定后才有），不作案件编号');
  // The 案件编号 select shows the whole column name at 1280 px.
  const select = page.getByTestId('mapping-caseNo');
  await expect(select).toContainText('B 列：案件基本情况案号');
  await select.scrollIntoViewIfNeeded();
  // Three selects a row: room for a merged header's combined name (~20 characters).
  expect((await select.boundingBox())!.width).toBeGreaterThanOrEqual(320);
  await page.getByRole('button', { name: '生成校验报告' }).click();
  const report = page.getByTestId('import-report');
  await expect(report).toBeVisible();
  await expect(report).toContainText('文件内重复：1');
  await expect(report).toContainText('缺少必填项：1');
  await expect(report.getByRole('button', { name: '导入 38 条有效记录' })).toBeVisible();
});
