// Issue 17: what the demo campaign's random draw says about all files — on the results page (table, chart
// with error bars, the method of each figure), in the planner (sample size for a planned precision next to
// the quotas) and in the 通报 (one sentence per figure).
import { expect, test, type Page } from './app-test';
import { sampleSizeFor } from '../../shared/stats/estimate';

const DEMO_CAMPAIGN = '示例：第十一次行政执法案卷评查（演示数据）';

async function loadDemo(page: Page) {
  await page.addInitScript(() =>
    document.addEventListener('DOMContentLoaded', () => {
      const style = document.createElement('style');
      style.textContent = '.ant-notification { display: none !important; }';
      document.head.appendChild(style);
    }),
  );
  await page.goto('/#/settings');
  await page.getByRole('button', { name: '载入示例数据' }).click();
  await expect(page.getByTestId('demo-banner')).toBeVisible({ timeout: 90_000 });
}

test('demo campaign: population estimates on the results page, the planner and the 通报', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await loadDemo(page);

  // 评查结果 → 总体推算.
  await page.goto('/#/results');
  await expect(page.getByTestId('results-campaign')).toContainText('（示例）');
  const panel = page.getByTestId('estimates-panel');
  await expect(panel).toBeVisible({ timeout: 30_000 });
  const table = page.getByTestId('estimate-table');
  const cityRow = table.locator('tr.ant-table-row', { hasText: '全市' });
  await expect(cityRow).toContainText('分层·正态近似');
  // 34 of the 40 drawn files are finalised in the demo.
  await expect(cityRow).toContainText('34/40');
  for (const key of ['fail', 'substance', 'procedure', 'archive']) {
    await expect(page.getByTestId(`estimate-全市-${key}`)).toContainText(/约 \d{1,3}(,\d{3})* 件（\d+%）/);
  }
  // Departments that are one stratum use the exact limits; the method of each figure is said.
  await expect(table.locator('tr.ant-table-row').nth(1)).toBeVisible();
  expect(await table.locator('tr.ant-table-row').count()).toBeGreaterThanOrEqual(20);
  await expect(table.getByText('精确区间').first()).toBeVisible();
  const method = page.getByTestId('estimate-method');
  await expect(method).toContainText('超几何分布精确区间');
  await expect(method).toContainText('Σ N_h²(1 − n_h/N_h)');
  await expect(method).toContainText('已定稿 34 件用于推算');
  // Chart with error bars is drawn (canvas), one per attribute.
  await expect(page.getByTestId('chart-estimates').locator('canvas')).toHaveCount(1);
  await page.getByTestId('estimate-attribute').getByText('程序问题').click();
  // A higher confidence gives a wider interval.
  const procedure = page.getByTestId('estimate-全市-procedure');
  const width = async () => {
    // Counts carry thousands separators (2,060至4,108 件).
    const m = /([\d,]+)至([\d,]+) 件/.exec((await procedure.textContent()) ?? '');
    return m ? Number(m[2]!.replace(/,/g, '')) - Number(m[1]!.replace(/,/g, '')) : NaN;
  };
  const at95 = await width();
  // The 95% interval as the page shows it: the 通报 below says the same.
  const pageRange = /（(\d+%至\d+%)）/.exec((await procedure.textContent()) ?? '')?.[1] ?? 'missing';
  await page.getByTestId('estimate-confidence').click();
  await page.locator('.ant-select-item-option[title="99%"]').click();
  await expect.poll(width).toBeGreaterThan(at95);
  await page.screenshot({ path: 'test-results/estimates-results.png', fullPage: false });

  // 通报: the figures as sentences.
  await page.goto('/#/settings');
  const card = page.getByTestId('letters-settings');
  await card.getByLabel('发文机关', { exact: true }).fill('德阳市司法局');
  await card.getByLabel('发文机关代字').fill('德法函');
  await card.getByTestId('save-letter-settings').click();
  await expect(page.getByText('整改函设置已保存。')).toBeVisible();
  await page.goto('/#/letters');
  await page.getByRole('tab', { name: '评查情况通报' }).click();
  await page.getByRole('button', { name: '修改正文' }).click();
  const editor = page.getByTestId('paragraph-editor');
  await expect(editor).toBeVisible();
  const texts = await editor
    .locator('textarea')
    .evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value));
  const all = texts.join('\n');
  // In plain words with one gloss each, the interval as the results page shows it; no department from < 10 files.
  expect(all).toMatch(/按抽样结果推算，全市[^。]*存在程序问题，实际比例在\d+%至\d+%之间的可能性为95%。/);
  expect(all).toMatch(/全市[^。]*存在实体问题/);
  expect(all).toMatch(/全市[^。]*存在文书归档问题/);
  expect(all).toMatch(/全市[^。]*评查等次为不合格/);
  expect(all).toContain('（推算方法：以分层随机抽取并已完成评查的34件案卷为样本');
  expect(all).not.toContain('据此推算');
  expect(all).not.toMatch(/约 ?100%/);
  expect(all).not.toMatch(/按抽样结果推算，德阳市/);
  expect(all).toContain('共随机抽取案卷40件，已完成评查34件，尚有6件未完成评查');
  expect(all).toContain(`存在程序问题，实际比例在${pageRange}之间`);
  await page.keyboard.press('Escape');

  // Planner: a new campaign over the demo ledgers; the sample size for ±5 % at 10 % next to the quotas.
  await page.goto('/#/campaigns');
  await expect(page.getByText(DEMO_CAMPAIGN)).toBeVisible();
  await page.getByRole('button', { name: /新建评查活动/ }).click();
  await page.getByLabel('活动名称').fill('推算演示');
  await page.getByLabel('活动名称').press('Enter');
  const heading = page.getByText(/总体与抽取方案（总体 [\d,]+ 件/);
  await expect(heading).toBeVisible({ timeout: 30_000 });
  const population = Number(/总体 ([\d,]+) 件/.exec((await heading.textContent())!)![1]!.replace(/,/g, ''));
  const planner = page.getByTestId('precision-planner');
  await expect(planner).toBeVisible();
  const expected = sampleSizeFor({ population, rate: 0.1, precision: 0.05, confidence: 0.95 });
  await expect(page.getByTestId('precision-city-n')).toHaveText(String(expected));
  await expect(page.getByTestId('precision-of-total')).toContainText('±');
  const rows = page.getByTestId('precision-table').locator('tr.ant-table-row');
  expect(await rows.count()).toBeGreaterThanOrEqual(20);
  await expect(rows.first()).toContainText('±');
  await page.getByTestId('use-precision-total').click();
  await expect(page.getByTestId('quota-total')).toHaveText(String(expected));
  await page.getByLabel('精度').fill('10');
  const wider = sampleSizeFor({ population, rate: 0.1, precision: 0.1, confidence: 0.95 });
  await expect(page.getByTestId('precision-city-n')).toHaveText(String(wider));
  await planner.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/estimates-planner.png', fullPage: false });
});
