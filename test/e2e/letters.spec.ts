import { expect, test, type Page } from './app-test';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { unzipSync } from 'fflate';
import { buildCampaignResults } from '../../shared/review/results';
import { seedCampaignResults } from './letters-seed';

async function saveSettings(page: Page) {
  await page.goto('/#/settings');
  const card = page.getByTestId('letters-settings');
  await card.getByLabel('发文机关', { exact: true }).fill('德阳市司法局');
  await card.getByLabel('发文机关代字').fill('德法函');
  await card.getByTestId('save-letter-settings').click();
  await expect(page.getByText('整改函设置已保存。')).toBeVisible();
  await expect(card.getByTestId('next-doc-number')).toHaveText('德法函〔2026〕1号');
}

/** Embedded font names (pdffonts), without subset tags; null when poppler is not installed. */
function pdfFontNames(pdf: Uint8Array): string[] | null {
  const path = join(tmpdir(), `pingcha-e2e-faces-${process.pid}.pdf`);
  writeFileSync(path, pdf);
  const r = spawnSync('pdffonts', [path], { encoding: 'utf8' });
  if (r.error) return null;
  return r.stdout
    .split('\n')
    .slice(2)
    .filter(Boolean)
    .map((l) => l.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ''));
}

const rowOf = (page: Page, department: string) =>
  page.getByTestId('letters-table').locator('tr', { hasText: department });

test('results -> generate letters -> issue -> reply -> close; a late letter shows as overdue', async ({
  page,
}) => {
  await saveSettings(page);
  const seeded = await seedCampaignResults(page, {
    departments: 6,
    filesPerDepartment: 4,
    seed: 5,
    cleanShare: 0.2,
  });
  const results = buildCampaignResults(seeded.files);
  const withProblems = results.departments.filter((d) => d.problemCount > 0);

  // 评查结果: ranking, grade counts, XLSX export.
  await page.goto('/#/results');
  await page.reload();
  const deptTable = page.getByTestId('department-table');
  await expect(deptTable.locator('tbody tr.ant-table-row')).toHaveCount(results.departments.length);
  const first = results.departments[0]!;
  await expect(deptTable.locator('tbody tr.ant-table-row').first()).toContainText(first.department);
  await expect(deptTable.locator('tbody tr.ant-table-row').first()).toContainText(first.meanText);
  for (const g of results.gradeDistribution)
    await expect(page.getByTestId(`grade-count-${g.grade}`)).toContainText(String(g.count));
  await expect(page.getByTestId('chart-grades').locator('canvas')).toBeVisible();
  const xlsxDl = page.waitForEvent('download');
  await page.getByTestId('export-results').click();
  const xlsx = await xlsxDl;
  expect(xlsx.suggestedFilename()).toBe('2026年度行政执法案卷评查-评查结果.xlsx');
  const xlsxFiles = unzipSync(new Uint8Array(readFileSync(await xlsx.path())));
  expect(Object.keys(xlsxFiles)).toContain('xl/worksheets/sheet1.xml');

  // 整改函: one row per department with problems; generate all as one ZIP.
  await page.goto('/#/letters');
  const table = page.getByTestId('letters-table');
  await expect(table.locator('tbody tr.ant-table-row')).toHaveCount(withProblems.length);
  const zipDl = page.waitForEvent('download');
  await page.getByTestId('generate-all').click();
  const zip = await zipDl;
  await expect(page.getByTestId('batch-result')).toContainText(`已生成 ${withProblems.length} 份整改函`);
  const entries = unzipSync(new Uint8Array(readFileSync(await zip.path())));
  const names = Object.keys(entries);
  expect(names.filter((n) => n.endsWith('.pdf'))).toHaveLength(withProblems.length);
  expect(names.filter((n) => n.endsWith('.docx'))).toHaveLength(withProblems.length);
  for (const n of names.filter((x) => x.endsWith('.pdf'))) {
    const b = entries[n]!;
    expect(new TextDecoder().decode(b.subarray(0, 5))).toBe('%PDF-');
    expect(b.length).toBeLessThan(400 * 1024);
  }
  // The worker loaded the bundled faces in the browser build (仿宋 FandolFang and 楷体 from their WOFF files).
  const faces = pdfFontNames(entries[names.find((n) => n.endsWith('.pdf'))!]!);
  if (faces)
    expect(faces).toEqual(
      expect.arrayContaining(['FandolFang-Regular', 'NotoSansSC-Medium', 'LXGWWenKai-Regular']),
    );

  // Preview (SVG from the layout) and a paragraph edit that the preview then shows.
  const dept = withProblems[0]!.department;
  await rowOf(page, dept).getByRole('button', { name: '修改正文' }).click();
  await page.getByTestId('edit-intro').fill('根据工作安排，现将评查发现的问题通知如下。');
  await page.getByRole('button', { name: '保存修改' }).click();
  await expect(page.getByText('已保存修改。')).toBeVisible();
  await rowOf(page, dept).getByTestId('preview-letter').click();
  const preview = page.getByTestId('document-preview');
  await expect(preview.getByTestId('preview-page').first()).toBeVisible();
  await expect(preview).toContainText('根据工作安排，现将评查发现的问题通知如下。');
  await expect(preview).toContainText(`${dept}：`);
  await page.keyboard.press('Escape');

  // Issue: the number is allocated now.
  await rowOf(page, dept).getByTestId('issue-letter').click();
  await expect(page.getByTestId('next-number')).toHaveText('德法函〔2026〕1号');
  await page.getByTestId('action-ok').click();
  await expect(rowOf(page, dept)).toContainText('德法函〔2026〕1号');
  await expect(rowOf(page, dept)).toContainText('已印发，待回复');

  // Record the written reply with its file, then check and close.
  const replyPath = join(tmpdir(), '整改情况报告.pdf');
  writeFileSync(replyPath, '%PDF-1.4 reply');
  await rowOf(page, dept).getByTestId('reply-letter').click();
  await page.getByTestId('action-text').fill('已逐卷整改，补正了相关文书。');
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('pick-reply-file').click();
  await (await chooser).setFiles(replyPath);
  await expect(page.getByText('整改情况报告.pdf（')).toBeVisible();
  await page.getByTestId('action-ok').click();
  await expect(rowOf(page, dept)).toContainText('已回复，待审核');
  await rowOf(page, dept).getByTestId('check-letter').click();
  await page.getByTestId('action-ok').click();
  await expect(rowOf(page, dept)).toContainText('已销号');

  // A letter issued two months ago with a 15-day deadline is overdue.
  const late = withProblems[1]!.department;
  await rowOf(page, late).getByTestId('issue-letter').click();
  const dateInput = page.locator('.ant-modal .ant-picker input');
  await dateInput.click();
  await dateInput.fill('2026-09-01');
  await expect(page.getByTestId('next-number')).toHaveText('德法函〔2026〕2号');
  // Enter sets the typed date but never issues (印发 allocates a number): the button does.
  await dateInput.press('Enter');
  await expect(page.getByTestId('next-number')).toHaveText('德法函〔2026〕2号');
  await expect(rowOf(page, late)).not.toContainText('德法函〔2026〕2号');
  await page.getByTestId('action-ok').click();
  await expect(rowOf(page, late)).toContainText('德法函〔2026〕2号');
  await expect(rowOf(page, late).getByTestId('overdue-tag')).toBeVisible();
  await page.getByRole('tab', { name: /待办/ }).click();
  await expect(page.getByTestId('follow-up-table').locator('tbody tr.ant-table-row').first()).toContainText(
    '已逾期',
  );
  await expect(page.getByTestId('follow-up-table').locator('tbody tr.ant-table-row').first()).toContainText(
    late,
  );

  // The numbers survive a reload, and settings show the next one.
  await page.goto('/#/settings');
  await expect(page.getByTestId('next-doc-number')).toHaveText('德法函〔2026〕3号');
});
