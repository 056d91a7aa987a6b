// Issue 25: a whole small campaign at 1280 × 720 — the office draws (confirmed), assigns two
// reviewers and sends packages; each reviewer's fresh laptop opens its package from the first
// screen and scores by keyboard alone (the shortcut help closed with Esc never traps the focus,
// digits typed in a description stay text, a clean file is submitted as 未发现问题); the office
// merges the results and the lead finalises with the 待复核 filter. Every dialog and button used is
// fully inside the 1280 × 720 window when scrolled to.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answerOperatorDialog, expect, test, type Page } from './app-test';
import type { Locator } from '@playwright/test';

const NAME = 'E2E 键盘评查活动';
const VIEW = { width: 1280, height: 720 };

async function hideNotifications(page: Page) {
  await page.addInitScript(() =>
    document.addEventListener('DOMContentLoaded', () => {
      const style = document.createElement('style');
      style.textContent = '.ant-notification { display: none !important; }';
      document.head.appendChild(style);
    }),
  );
}

/** The element, scrolled to, lies wholly inside the 1280 × 720 window (nothing cut or below the fold). */
async function expectInView(locator: Locator, what: string) {
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.boundingBox();
  expect(box, `${what}: not rendered`).not.toBeNull();
  const b = box!;
  expect(
    b.x >= 0 && b.y >= 0 && b.x + b.width <= VIEW.width + 0.5 && b.y + b.height <= VIEW.height + 0.5,
    `${what} at ${JSON.stringify(b)} is not inside ${VIEW.width} × ${VIEW.height}`,
  ).toBe(true);
}

/** One reviewer's laptop: a fresh profile, its package opened from the welcome screen. */
async function laptopFor(page: Page, packageFile: string): Promise<Page> {
  const context = await page.context().browser()!.newContext({ viewport: VIEW });
  const laptop = await context.newPage();
  laptop.setDefaultTimeout(30_000);
  await answerOperatorDialog(laptop);
  await hideNotifications(laptop);
  await laptop.goto('/');
  const open = laptop.getByTestId('welcome-open-package');
  await expectInView(open, '欢迎页“打开评查包”');
  const chooser = laptop.waitForEvent('filechooser');
  await open.focus();
  await laptop.keyboard.press('Enter');
  await (await chooser).setFiles(packageFile);
  await expect(laptop.getByTestId('review-counts')).toHaveText(/^分配给本人 2 件 · 已评分 0 件/);
  return laptop;
}

/** Ctrl+Enter on an empty sheet: the 未发现问题 confirmation, confirmed with Enter. */
async function submitClean(laptop: Page) {
  await laptop.keyboard.press('Control+Enter');
  const summary = laptop.getByTestId('no-problems-summary');
  await expect(summary).toContainText('未发现问题');
  await expectInView(laptop.getByTestId('confirm-ok'), '“未发现问题”确认按钮');
  await laptop.keyboard.press('Enter');
  await expect(laptop.getByTestId('sheet-no-problems')).toBeVisible();
  // As a person would: the next key after the confirmation has gone.
  await expect(laptop.getByTestId('confirm-ok')).toBeHidden();
}

test('a small campaign by keyboard on two reviewer laptops, nothing out of view at 1280 × 720', async ({
  page,
}) => {
  test.setTimeout(420_000);
  page.setDefaultTimeout(30_000);
  await page.setViewportSize(VIEW);
  await hideNotifications(page);
  const dir = mkdtempSync(join(tmpdir(), 'pingcha-e2e-keys-'));

  // The office: demo ledgers, a campaign, a confirmed draw of 2 files.
  await page.goto('/#/settings');
  await page.getByRole('button', { name: '载入示例数据' }).click();
  await expect(page.getByTestId('demo-banner')).toBeVisible({ timeout: 60_000 });
  await page.goto('/#/campaigns');
  await page.getByRole('button', { name: '新建评查活动' }).click();
  await page.getByRole('textbox', { name: '活动名称' }).fill(NAME);
  await page.getByTestId('campaign-form').locator('.ant-select').nth(1).click();
  await page.locator('.ant-select-item-option[title="行政处罚"]').click();
  await page.keyboard.press('Escape');
  const create = page.getByRole('button', { name: '创建' });
  await expectInView(create, '新建评查活动的“创建”按钮');
  await create.click();
  await page.getByRole('spinbutton', { name: '样本量' }).fill('2');
  await page.getByRole('spinbutton', { name: '每层最低' }).fill('0');
  await page.getByRole('button', { name: '生成随机种子' }).click();
  // The seed's groups of five never break inside a group at 1280 px.
  const groups = page.getByTestId('seed-group');
  await expect(groups).toHaveCount(4);
  for (const box of await groups.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height)))
    expect(box).toBeLessThan(70);
  await page.getByRole('textbox', { name: '操作人员' }).fill('陈组长');
  await page.getByRole('button', { name: '执行抽取' }).click();
  await expect(page.getByTestId('draw-confirm')).toContainText('不能重新抽取');
  await expectInView(page.getByTestId('confirm-ok'), '执行抽取的确认按钮');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('drawn-count')).toHaveText('2', { timeout: 60_000 });
  // The drawn table's 当事人 column is on screen without scrolling sideways.
  const drawn = page.getByTestId('drawn-table');
  await expect(drawn.locator('th', { hasText: '当事人' }).first()).toBeVisible();
  const overflow = await drawn.evaluate((table) => {
    const body = table.querySelector('.ant-table-body, .ant-table-content');
    return body ? body.scrollWidth - body.clientWidth : 0;
  });
  expect(overflow, '抽中案卷表需要横向滚动').toBeLessThanOrEqual(1);

  // Panel, standard, assignment (two reviewers on each file), packages.
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
  const standardsCard = page.locator('.ant-card').filter({ hasText: '评查标准' }).first();
  await standardsCard.locator('.ant-select').first().click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
  await expect(standardsCard.getByText('已保存').first()).toBeVisible();
  await page.getByRole('textbox', { name: '分配种子' }).fill('20261207');
  await page.getByTestId('assign-run').click();
  await expect(page.getByTestId('assignment-table').locator('tbody tr')).toHaveCount(2);
  await page.goto('/#/data-safety/packages');
  const office = page.locator('.ant-card').filter({ hasText: '活动组织者：评查包' });
  await office.locator('.ant-select').first().click();
  await page.locator('.ant-select-item-option', { hasText: NAME }).click();
  const packages: string[] = [];
  for (const name of ['张三', '李四']) {
    const download = page.waitForEvent('download');
    await office.locator('tr', { hasText: name }).getByRole('button').click();
    const file = join(dir, `assignment-${packages.length}.pingcha-package`);
    await (await download).saveAs(file);
    packages.push(file);
  }

  // 张三's laptop, keyboard only.
  const results: string[] = [];
  for (const [k, packageFile] of packages.entries()) {
    const laptop = await laptopFor(page, packageFile);
    const queue = laptop.getByTestId('reviewer-queue');
    await queue.getByRole('button').first().focus();
    await laptop.keyboard.press('Enter');
    const sheet = laptop.getByTestId('score-sheet');
    await expect(sheet).toBeFocused();
    await expect(laptop.getByTestId('case-header')).not.toContainText('当事人—');
    if (k === 0) {
      // The shortcut help, closed with Esc, gives the focus back to the sheet: a deduction, then Enter
      // goes into its description, and the digits typed there are text.
      await laptop.keyboard.press('?');
      await expect(laptop.getByTestId('shortcut-help')).toBeVisible();
      await expectInView(laptop.getByRole('dialog', { name: '评分表快捷键' }), '快捷键说明');
      await laptop.keyboard.press('Escape');
      await expect(sheet).toBeFocused();
      await laptop.keyboard.press('1');
      await laptop.keyboard.press('Enter');
      await laptop.keyboard.type('第3页缺执法证号');
      await expect(laptop.getByTestId('sheet-problems')).toHaveText('扣分 1 处');
      await expect(laptop.locator('textarea').first()).toHaveValue('第3页缺执法证号');
      // On reflection the file is clean: the deduction goes, the file is submitted as 未发现问题.
      await laptop.keyboard.press('Escape');
      await laptop.keyboard.press('Delete');
      await expect(laptop.getByTestId('sheet-problems')).toHaveText('扣分 0 处');
    }
    await submitClean(laptop);
    // Alt+↓: the next file, its sheet focused; also clean.
    await laptop.keyboard.press('Alt+ArrowDown');
    await expect(laptop.getByTestId('sheet-no-problems-found')).toBeVisible();
    await expect(sheet).toBeFocused();
    await submitClean(laptop);
    await expect(laptop.getByTestId('review-counts')).toHaveText(/已提交 2 件/);
    await laptop.screenshot({ path: test.info().outputPath(`laptop-${k}.png`) });

    await laptop.goto('/#/data-safety/packages');
    const download = laptop.waitForEvent('download');
    await laptop.getByTestId('export-results').click();
    const file = join(dir, `results-${k}.pingcha-package`);
    await (await download).saveAs(file);
    results.push(file);
    await laptop.context().close();
  }

  // The office merges both results; the lead finalises what waits for 复核.
  await page.goto('/#/data-safety/packages');
  for (const file of results) {
    const pick = page.waitForEvent('filechooser');
    await page.getByTestId('import-results').click();
    await (await pick).setFiles(file);
    await expectInView(page.getByTestId('merge-confirm'), '合并结果包的确认按钮');
    await page.getByTestId('merge-confirm').click();
    await expect(page.getByText(/已合并评分表 2 份/).last()).toBeVisible();
  }
  await page.goto('/#/review');
  await page.getByRole('tab', { name: '复核' }).click();
  await page.getByRole('combobox', { name: '按复核状态筛选' }).click();
  await page.getByTitle('待复核（2）').click();
  const list = page.getByTestId('lead-files');
  await expect(list.locator('tbody tr.ant-table-row')).toHaveCount(2);
  for (let left = 2; left > 0; left--) {
    await list.locator('tbody tr.ant-table-row').first().getByRole('button', { name: '复核' }).click();
    const pane = page.getByTestId('lead-pane');
    await expect(pane.getByTestId('compare-summary')).toContainText('两名评查人员意见一致');
    const finalise = pane.getByTestId('lead-finalise');
    await expectInView(finalise, '复核面板的“定稿”按钮');
    await finalise.click();
    await expectInView(page.getByTestId('confirm-ok'), '定稿的确认按钮');
    await page.getByTestId('confirm-ok').click();
    await expect(pane.getByTestId('final-result')).toContainText('已定稿');
    await expect(page.getByTitle(`待复核（${left - 1}）`)).toBeVisible();
  }
  await page.goto('/#/results');
  await page.getByRole('tab', { name: '案卷结果' }).click();
  await expect(page.getByTestId('file-table').locator('tbody tr.ant-table-row')).toHaveCount(2);
  await expect(page.getByTestId('file-table')).toContainText('100');
});
