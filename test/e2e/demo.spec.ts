// A newcomer's first minute: 设置 → 载入示例数据 fills a whole demo campaign (draw, panel, scored and
// finalised files, officers), clearly marked; one step removes all of it.
import { expect, test } from './app-test';

const DEMO_CAMPAIGN = '示例：第十一次行政执法案卷评查（演示数据）';
const DEMO_SEED = '20251126000000000001';

test('the demo loads a whole campaign within a minute and is removed in one step', async ({ page }) => {
  test.setTimeout(180_000);
  // The backup reminder (another area's notification) would cover buttons at the top right.
  await page.addInitScript(() =>
    document.addEventListener('DOMContentLoaded', () => {
      const style = document.createElement('style');
      style.textContent = '.ant-notification { display: none !important; }';
      document.head.appendChild(style);
    }),
  );
  await page.goto('/#/settings');
  const started = Date.now();
  await page.getByRole('button', { name: '载入示例数据' }).click();
  // Progress is shown while it loads; the banner appears only once the whole demo is in.
  await expect(page.getByTestId('demo-progress')).toBeVisible();
  const banner = page.getByTestId('demo-banner');
  await expect(banner).toBeVisible({ timeout: 60_000 });
  console.log(`demo load in Chromium: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await expect(banner).toContainText('33 个示例台账');
  await expect(banner).toContainText('1 个示例评查活动');
  await expect(banner).toContainText('300 名示例执法人员');
  await expect(page.getByTestId('demo-counts')).toContainText('1 个示例评查活动');

  // 评查活动: the demo campaign with its draw (fixed seed, at least one file per department).
  await page.goto('/#/campaigns');
  const row = page.getByRole('row', { name: new RegExp(DEMO_CAMPAIGN.replace(/[（）()]/g, '.')) });
  await expect(row).toContainText('已抽取');
  await row.getByTestId('campaign-link').click();
  await expect(page.getByTestId('drawn-count')).toHaveText('40', { timeout: 30_000 });
  await expect(page.getByTestId('result-seed')).toHaveText(DEMO_SEED.replace(/(\d{5})(?=\d)/g, '$1 '));

  // 评查: panel of 6, most files finalised.
  await page.goto('/#/review');
  await expect(page.getByTestId('review-counts')).toContainText('抽中 40 件 · 评查组 6 人 · 已定稿 34 件');

  // 评查结果: department figures.
  await page.goto('/#/results');
  await expect(page.getByTestId('results-campaign')).toContainText('（示例）');
  const departments = page.getByTestId('department-table').locator('tbody tr.ant-table-row');
  await expect(departments.first()).toBeVisible({ timeout: 30_000 });
  expect(await departments.count()).toBeGreaterThanOrEqual(20);
  await expect(page.getByTestId('department-table')).toContainText('德阳市');

  // 执法人员: the demo registry (certificate numbers marked 示例).
  await page.goto('/#/officers');
  await expect(page.getByText(/^示例5106\d+$/).first()).toBeVisible({ timeout: 30_000 });

  // One step removes everything demo; the confirmation says the audit log keeps its entries.
  await banner.getByRole('button', { name: '移除示例数据' }).click();
  await expect(page.getByText('操作留痕中的示例记录会保留')).toBeVisible();
  await page.getByRole('button', { name: '移除', exact: true }).click();
  await expect(banner).toHaveCount(0, { timeout: 30_000 });
  await page.goto('/#/campaigns');
  await expect(page.getByText('还没有评查活动')).toBeVisible();
  await page.goto('/#/officers');
  await expect(page.getByText(/^示例5106\d+$/)).toHaveCount(0);
  await page.goto('/#/settings');
  await expect(page.getByRole('button', { name: '载入示例数据' })).toBeEnabled();
  await expect(page.getByTestId('demo-counts')).toHaveCount(0);
});
