// draw -> assign -> two reviewers score (keyboard) -> lead reconciles -> results: grades and ranking.
import { expect, test, type Page } from './app-test';
import { defaultPenaltyStandard } from '../../shared/standards/default-standards';

const standard = defaultPenaltyStandard();
const items = standard.categories.flatMap((c) => c.items);
// Item 3 (index 2) deducts 1 point per occurrence; item 4 (index 3) is 张三's extra finding.
const EXTRA = items[3]!;
const CAP = standard.vetoes.find((v) => v.kind === 'cap')!;
const FAIL = standard.vetoes.find((v) => v.text === '认定事实不清')!;
const REVIEWERS = [
  ['张三', '司法局'],
  ['李四', '某律师事务所'],
  ['王五', '人民检察院'],
] as const;

/**
 * Final score and grade per file (by sorted case number): 99 优秀, 98 capped 合格, 0 不合格, 96 优秀.
 * `counted` is what the file contributes to its department's mean: the capped file counts at the
 * top of 合格 (89.5), so no department is graded above its files.
 */
const EXPECTED = [
  { score: 99, grade: '优秀', counted: 99 },
  { score: 98, grade: '合格', counted: 89.5 },
  { score: 0, grade: '不合格', counted: 0 },
  { score: 96, grade: '优秀', counted: 96 },
];

async function pickCaseType(page: Page, title: string) {
  // The form's second select is 案件类型 (the first is 执法部门).
  await page.getByTestId('campaign-form').locator('.ant-select').nth(1).click();
  await page.locator(`.ant-select-item-option[title="${title}"]`).click();
  await page.keyboard.press('Escape');
}

async function scoreFile(page: Page, reviewer: string, k: number) {
  const sheet = page.getByTestId('score-sheet');
  await expect(sheet).toBeVisible();
  await expect(page.getByTestId('case-header')).toBeVisible();
  await sheet.focus();
  await page.keyboard.press('j');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('1');
  for (let i = 0; i < k; i++) await page.keyboard.press('+');
  await page.keyboard.press('Enter');
  await page.keyboard.type(`第 ${k + 1} 处事实表述不完整`);
  await page.keyboard.press('Escape');
  if (reviewer === '张三') {
    await page.keyboard.press('j');
    await page.keyboard.press('1');
    await page.keyboard.press('Enter');
    await page.keyboard.type('证据复印件未注明出处');
    await page.keyboard.press('Escape');
  }
  const veto = k === 1 ? CAP : k === 2 ? FAIL : null;
  if (veto) {
    await page.getByRole('checkbox', { name: veto.text }).check();
    await page.getByRole('textbox', { name: `否决理由：${veto.text}` }).fill('经查阅卷宗确认');
  }
  await expect(page.getByTestId('save-state')).toContainText('已保存');
  await sheet.focus();
  await page.keyboard.press('Control+Enter');
  // A summary first; nothing is submitted until it is confirmed.
  await expect(page.getByTestId('submit-summary')).toContainText('提交后评分表锁定');
  await page.getByTestId('confirm-ok').click();
  await expect(page.getByText('该评分表已锁定')).toBeVisible();
}

test('draw, assign, two reviewers score, the lead reconciles, results show grades and ranking', async ({
  page,
}) => {
  test.setTimeout(300_000);
  page.setDefaultTimeout(30_000);
  // The backup reminder (another area's notification) would cover buttons at the top right.
  await page.addInitScript(() =>
    document.addEventListener('DOMContentLoaded', () => {
      const style = document.createElement('style');
      style.textContent = '.ant-notification { display: none !important; }';
      document.head.appendChild(style);
    }),
  );
  await page.goto('/#/settings');
  await page.getByRole('button', { name: '载入示例数据' }).click();
  await expect(page.getByTestId('demo-banner')).toBeVisible({ timeout: 60_000 });

  // Draw (the campaigns area): a campaign over 行政处罚 files, 4 drawn.
  await page.goto('/#/campaigns');
  await page.getByRole('button', { name: '新建评查活动' }).click();
  await page.getByRole('textbox', { name: '活动名称' }).fill('第十一次行政执法案卷评查');
  await pickCaseType(page, '行政处罚');
  await page.getByRole('button', { name: '创建' }).click();
  // Creating opens the campaign's draw planner.
  await page.getByRole('spinbutton', { name: '样本量' }).fill('4');
  await page.getByRole('spinbutton', { name: '每层最低' }).fill('0');
  await page.getByRole('button', { name: '生成随机种子' }).click();
  await page.getByRole('textbox', { name: '操作人员' }).fill('陈组长');
  await page.getByRole('button', { name: '执行抽取' }).click();
  await page.getByTestId('confirm-ok').click();
  await expect(page.getByTestId('drawn-count')).toHaveText('4', { timeout: 60_000 });

  // Panel and assignment.
  await page.goto('/#/review');
  await expect(page.getByTestId('review-counts')).toContainText('抽中 4 件');
  for (const [name, unit] of REVIEWERS) {
    await page.getByRole('textbox', { name: '姓名' }).fill(name);
    await page.getByRole('combobox', { name: '所在单位' }).fill(unit);
    await page.getByRole('button', { name: '添加评查人员' }).click();
    await expect(page.getByTestId('reviewers-table')).toContainText(name);
  }
  await page.getByRole('textbox', { name: '分配种子' }).fill('20261126');
  await page.getByTestId('assign-run').click();
  const table = page.getByTestId('assignment-table');
  await expect(table.locator('tbody tr')).toHaveCount(4);
  const assignment = await table
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
  const caseNos = assignment.map((r) => r[0]!).sort();
  const deptOf = new Map(assignment.map((r) => [r[0]!, r[1]!]));
  const reviewersOf = new Map(assignment.map((r) => [r[0]!, r[3]!.split('、')]));
  const download = page.waitForEvent('download');
  await page.getByTestId('assign-export').click();
  expect((await download).suggestedFilename()).toMatch(/评查人员分配记录\.json$/);

  // Each reviewer scores their queue by keyboard.
  await page.getByRole('tab', { name: '逐卷评查' }).click();
  for (const [name] of REVIEWERS) {
    await page.getByRole('combobox', { name: '当前评查人员' }).click();
    await page.locator('.ant-select-item-option', { hasText: `${name}（` }).click();
    for (const caseNo of caseNos.filter((c) => reviewersOf.get(c)!.includes(name))) {
      await page.getByTestId(`queue-${caseNo}`).click();
      await scoreFile(page, name, caseNos.indexOf(caseNo));
    }
  }

  // The lead reconciles: where 张三's extra finding differs, the other reviewer's view is taken.
  await page.getByRole('tab', { name: '复核' }).click();
  for (const caseNo of caseNos) {
    await page
      .getByTestId('lead-files')
      .locator('tr', { hasText: caseNo })
      .getByRole('button', { name: '复核' })
      .click();
    const pane = page.getByTestId('lead-pane');
    await expect(pane).toContainText(caseNo);
    if (reviewersOf.get(caseNo)!.includes('张三')) {
      await expect(pane.getByTestId('compare-summary')).toContainText('1 项扣分不同');
      const headers = await pane.getByTestId('compare-table').locator('thead th').allTextContents();
      const zhangIsA = headers.some((h) => h.startsWith('A：张三'));
      await pane
        .getByRole('radiogroup', { name: `复核结论：${EXTRA.title}` })
        .getByText(zhangIsA ? '采用 B' : '采用 A')
        .click();
    } else {
      await expect(pane.getByTestId('compare-summary')).toContainText('两名评查人员意见一致');
    }
    await pane.getByTestId('lead-finalise').click();
    // Asked first, saying what 定稿 locks.
    await expect(page.getByRole('dialog', { name: /^定稿案卷/ })).toContainText('全部锁定');
    await page.getByTestId('confirm-ok').click();
    await expect(pane.getByTestId('final-result')).toContainText('已定稿');
  }

  // Results: per file and per department.
  await page.goto('/#/results');
  // Expected ranking: department means of the files' counted scores, high to low.
  const byDept = new Map<string, number[]>();
  caseNos.forEach((c, k) =>
    byDept.set(deptOf.get(c)!, [...(byDept.get(deptOf.get(c)!) ?? []), EXPECTED[k]!.counted]),
  );
  const ranking = [...byDept.entries()]
    .map(([d, s]) => ({ d, mean: s.reduce((a, b) => a + b, 0) / s.length }))
    .sort((a, b) => b.mean - a.mean || (a.d < b.d ? -1 : 1));
  const deptRows = page.getByTestId('department-table').locator('tbody tr.ant-table-row');
  await expect(deptRows).toHaveCount(ranking.length);
  for (const [i, r] of ranking.entries()) await expect(deptRows.nth(i)).toContainText(r.d);
  await page.getByRole('tab', { name: '案卷结果' }).click();
  const files = page.getByTestId('file-table');
  for (const [k, caseNo] of caseNos.entries()) {
    const row = files.locator('tr', { hasText: caseNo });
    await expect(row).toContainText(EXPECTED[k]!.grade);
    await expect(row).toContainText(String(EXPECTED[k]!.score));
    // A capped file's grade says why it is lower than its points.
    if (EXPECTED[k]!.counted !== EXPECTED[k]!.score && EXPECTED[k]!.score > 0)
      await expect(row.getByTestId('grade-explained')).toHaveAttribute(
        'aria-label',
        /计入平均分时按 89.5 分/,
      );
  }
});
