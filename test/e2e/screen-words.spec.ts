// The screens speak the user's language: with the demo loaded, no page (nor any of its tabs, nor a
// case's details) shows an internal word: record ids (drw_…), standard item ids (pen-subject-1),
// "item id", crypto APIs, the paper's arXiv number, the store's table names, format tags or raw ISO
// timestamps.
import { expect, test, type Page } from './app-test';
import { INTERNAL_WORD_PATTERNS, internalWordsIn } from './internal-words';

async function expectNoInternalWords(page: Page, where: string): Promise<void> {
  const text = await page.locator('body').innerText();
  expect(internalWordsIn(text), `${where}：界面出现内部用语`).toEqual([]);
}

/** Visits every tab of the page's first tab bar, checking each. */
async function checkTabs(page: Page, where: string): Promise<void> {
  const tabs = page.locator('.ant-layout-content .ant-tabs-nav').first().locator('.ant-tabs-tab');
  const n = await tabs.count();
  for (let i = 0; i < n; i += 1) {
    const tab = tabs.nth(i);
    const name = (await tab.innerText()).trim();
    if (await tab.locator('.ant-tabs-tab-disabled').count()) continue;
    await tab.click();
    await page.waitForTimeout(600);
    await expectNoInternalWords(page, `${where} / ${name}`);
  }
}

test('no page of the demo shows an internal identifier, API name or raw timestamp', async ({ page }) => {
  test.setTimeout(540_000);
  expect(INTERNAL_WORD_PATTERNS.length).toBeGreaterThan(5);
  await page.addInitScript(() =>
    document.addEventListener('DOMContentLoaded', () => {
      const style = document.createElement('style');
      style.textContent = '.ant-notification { display: none !important; }';
      document.head.appendChild(style);
    }),
  );
  await page.goto('/#/settings');
  await page.getByRole('button', { name: '载入示例数据' }).click();
  await expect(page.getByTestId('demo-banner')).toBeVisible({ timeout: 120_000 });
  await expectNoInternalWords(page, '设置');

  await page.goto('/#/ledgers');
  await page.waitForTimeout(1500);
  await checkTabs(page, '执法台账');
  // A case's details (the drawer).
  await page.getByRole('tab', { name: '案卷浏览' }).click();
  const caseRow = page.getByRole('table', { name: '案卷列表' }).locator('[aria-rowindex="2"]');
  await caseRow.dblclick();
  const drawer = page.locator('.ant-drawer-open');
  await expect(drawer).toContainText('抽样编号');
  await expectNoInternalWords(page, '案卷详情');
  await page.keyboard.press('Escape');

  await page.goto('/#/campaigns');
  await expect(page.getByTestId('campaign-link').first()).toBeVisible({ timeout: 30_000 });
  await expectNoInternalWords(page, '评查活动');
  await page.getByTestId('campaign-link').first().click();
  await expect(page.getByTestId('drawn-count')).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('body')).toContainText('一致性抽样算法（Rivest）');
  await expectNoInternalWords(page, '抽取结果');
  for (const [width, height] of [
    [1280, 720],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: test.info().outputPath(`draw-result-${width}x${height}.png`) });
  }
  await checkTabs(page, '抽取结果');

  for (const [route, name] of [
    ['standards', '评查标准'],
    ['review', '评查'],
    ['results', '评查结果'],
    ['letters', '整改函'],
    ['officers', '执法人员'],
  ] as const) {
    await page.goto(`/#/${route}`);
    await page.waitForTimeout(2000);
    await expectNoInternalWords(page, name);
    await checkTabs(page, name);
  }
  for (const tab of ['backup', 'packages', 'log'] as const) {
    await page.goto(`/#/data-safety/${tab}`);
    await page.waitForTimeout(2000);
    await expectNoInternalWords(page, `数据安全 / ${tab}`);
  }
});
