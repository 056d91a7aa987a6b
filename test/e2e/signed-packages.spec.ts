// Issue 11: a reviewer laptop (a second browser profile = its own IndexedDB) opens its signed
// assignment package, scores, exports; the office merges it; a tampered copy is refused in the UI
// with the reason shown.
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'fflate';
import { answerOperatorDialog, expect, test, type Page } from './app-test';
import { packageDigest } from '../../shared/packages/panel-package';
import { canonicalJson } from '../../shared/util/canonical-json';

const NAME = 'E2E 签名评查包活动';

async function hideNotifications(page: Page) {
  await page.addInitScript(() =>
    document.addEventListener('DOMContentLoaded', () => {
      const style = document.createElement('style');
      style.textContent = '.ant-notification { display: none !important; }';
      document.head.appendChild(style);
    }),
  );
}

test('signed panel packages between two profiles; a tampered results package is refused', async ({
  page,
  browser,
}) => {
  test.setTimeout(300_000);
  page.setDefaultTimeout(30_000);
  await hideNotifications(page);
  const dir = mkdtempSync(join(tmpdir(), 'pingcha-e2e-pkg-'));

  // The office: demo ledgers, a campaign of 2 files, a draw, one reviewer per file.
  await page.goto('/#/settings');
  await expect(page.getByTestId('office-key-fingerprint')).toHaveText(/^[0-9A-F]{4}(-[0-9A-F]{4}){4}$/);
  const officeFingerprint = (await page.getByTestId('office-key-fingerprint').textContent())!;
  await page.getByRole('button', { name: '载入示例数据' }).click();
  await expect(page.getByTestId('demo-banner')).toBeVisible({ timeout: 60_000 });
  await page.goto('/#/campaigns');
  await page.getByRole('button', { name: '新建评查活动' }).click();
  await page.getByRole('textbox', { name: '活动名称' }).fill(NAME);
  await page.getByTestId('campaign-form').locator('.ant-select').nth(1).click();
  await page.locator('.ant-select-item-option[title="行政处罚"]').click();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: '创建' }).click();
  await page.getByRole('spinbutton', { name: '样本量' }).fill('2');
  await page.getByRole('spinbutton', { name: '每层最低' }).fill('0');
  await page.getByRole('button', { name: '生成随机种子' }).click();
  await page.getByRole('textbox', { name: '操作人员' }).fill('陈组长');
  await page.getByRole('button', { name: '执行抽取' }).click();
  await page.getByTestId('confirm-ok').click();
  await expect(page.getByTestId('drawn-count')).toHaveText('2', { timeout: 60_000 });
  await page.goto('/#/review');
  for (const [name, unit] of [
    ['张三', '司法局'],
    ['李四', '某律师事务所'],
  ] as const) {
    await page.getByRole('textbox', { name: '姓名' }).fill(name);
    await page.getByRole('combobox', { name: '所在单位' }).fill(unit);
    await page.getByRole('button', { name: '添加评查人员' }).click();
    await expect(page.getByTestId('reviewers-table')).toContainText(name);
  }
  // The campaign's standard for 行政处罚 (chosen explicitly: a package carries the chosen standards).
  const standardsCard = page.locator('.ant-card').filter({ hasText: '评查标准' }).first();
  await standardsCard.locator('.ant-select').first().click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
  await expect(page.getByText('尚未选定评查标准')).toHaveCount(0);
  await expect(standardsCard.getByText('已保存').first()).toBeVisible();
  await standardsCard.screenshot({ path: test.info().outputPath('panel-standards.png') });
  await page.getByRole('textbox', { name: '分配种子' }).fill('20261202');
  await page.getByTestId('assign-run').click();
  await expect(page.getByTestId('assignment-table').locator('tbody tr')).toHaveCount(2);

  // Export 张三's signed assignment package.
  await page.goto('/#/data-safety/packages');
  const office = page.locator('.ant-card').filter({ hasText: '活动组织者：评查包' });
  await office.locator('.ant-select').first().click();
  await page.locator('.ant-select-item-option', { hasText: NAME }).click();
  const row = office.locator('tr', { hasText: '张三' });
  const assignmentDownload = page.waitForEvent('download');
  await row.getByRole('button').click();
  const assignmentFile = join(dir, 'assignment.pingcha-package');
  await (await assignmentDownload).saveAs(assignmentFile);

  // The reviewer's laptop: another profile.
  const laptopContext = await browser.newContext();
  const laptop = await laptopContext.newPage();
  await answerOperatorDialog(laptop);
  laptop.setDefaultTimeout(30_000);
  await hideNotifications(laptop);
  await laptop.goto('/#/data-safety/packages');
  const chooser = laptop.waitForEvent('filechooser');
  await laptop.getByTestId('open-package').click();
  await (await chooser).setFiles(assignmentFile);
  await expect(laptop.getByTestId('package-workspace')).toContainText('张三');
  await expect(laptop.getByTestId('package-workspace')).toContainText(officeFingerprint);

  await laptop.goto('/#/review');
  await expect(laptop.getByTestId('workspace-banner')).toBeVisible();
  // The laptop is shown as what it is: 张三's files and progress, none of the office's areas.
  await expect(laptop.getByTestId('review-counts')).toHaveText(/^分配给本人 [12] 件 · 已评分 0 件/);
  await expect(laptop.getByText('抽中', { exact: false })).toHaveCount(0);
  await expect(laptop.getByRole('menuitem', { name: /评查活动|整改函|执法台账/ })).toHaveCount(0);
  await expect(laptop.getByTestId('demo-banner')).toHaveCount(0);
  for (const [width, height] of [
    [1280, 720],
    [1920, 1080],
  ] as const) {
    await laptop.setViewportSize({ width, height });
    await laptop.screenshot({ path: test.info().outputPath(`reviewer-laptop-${width}x${height}.png`) });
  }
  await laptop.locator('[data-testid^="queue-"]').first().click();
  const sheet = laptop.getByTestId('score-sheet');
  await sheet.focus();
  await laptop.keyboard.press('j');
  await laptop.keyboard.press('1');
  await laptop.keyboard.press('Enter');
  await laptop.keyboard.type('送达回证缺少签收日期');
  await laptop.keyboard.press('Escape');
  await expect(laptop.getByTestId('save-state')).toContainText('已保存');

  await laptop.goto('/#/data-safety/packages');
  const resultsDownload = laptop.waitForEvent('download');
  await laptop.getByTestId('export-results').click();
  const resultsFile = join(dir, '评查结果包-张三.pingcha-package');
  await (await resultsDownload).saveAs(resultsFile);
  await laptopContext.close();

  // A tampered copy: the problem text changed, the SHA-256 recomputed; the signature cannot be redone.
  const json = JSON.parse(new TextDecoder().decode(gunzipSync(readFileSync(resultsFile)))) as {
    content: { sheets: { sheet: { deductions: { problem: string }[] } }[] };
    sha256: string;
  };
  json.content.sheets[0]!.sheet.deductions[0]!.problem = '无问题';
  json.sha256 = packageDigest(json.content);
  const tamperedFile = join(dir, '评查结果包-张三-改.pingcha-package');
  writeFileSync(tamperedFile, gzipSync(new TextEncoder().encode(canonicalJson(json))));

  await page.goto('/#/data-safety/packages');
  let pick = page.waitForEvent('filechooser');
  await page.getByTestId('import-results').click();
  await (await pick).setFiles(tamperedFile);
  await expect(page.getByTestId('package-error')).toContainText('签名无效');
  await expect(page.getByTestId('package-error')).toContainText('评查结果包-张三-改.pingcha-package');

  pick = page.waitForEvent('filechooser');
  await page.getByTestId('import-results').click();
  await (await pick).setFiles(resultsFile);
  await page.getByTestId('merge-confirm').click();
  await expect(page.getByText('已合并评分表 1 份')).toBeVisible();
});
