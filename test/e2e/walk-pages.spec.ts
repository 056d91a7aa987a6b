// A clerk's walk through every page of the app with the demo loaded, at the smallest supported
// window (1280×720): no key column header or action button lies outside the window (a table may
// scroll sideways only when its action column is fixed on the right), and no ISO timestamp or
// internal identifier is on screen. Every page (and every tab of it) is photographed at 1280×720
// and 1920×1080 into test-results/walk-pages/ (gitignored) for a human to look at. Then the dialogs
// (年审 decision, new campaign, draw confirmation, restore preview) and the reviewer's laptop and the
// lead's 复核 pane, each wholly inside 1280×720: no button cut or out of reach, no sideways scroll.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { answerOperatorDialog, expect, test, type Page } from './app-test';
import type { Locator } from '@playwright/test';

const SMALL = { width: 1280, height: 720 };
const LARGE = { width: 1920, height: 1080 };
const SHOTS = resolve('test-results/walk-pages');

/** What a user must never read: raw ISO times and the store's own names. */
export const FORBIDDEN_TEXT: { name: string; re: RegExp }[] = [
  { name: 'ISO 时间戳', re: /\d{4}-\d{2}-\d{2}T\d{2}:/ },
  { name: '抽取记录内部编号 drw_', re: /\bdrw_[0-9a-z]/i },
  { name: '评查人员内部编号 pen-', re: /\bpen-[0-9a-z]/i },
  {
    name: '数据表内部名称',
    re: /\b(caseChunks|rawChunks|drawEvents|drawPopulations|scoreSheets|finalResults|letterNumbers|examSittings|examCandidates|trainingSessions|trainingAttendance|annualReviews|reviewDecisions|panelPackages|auditLog|auditSuperseded|signingKeys)\b/,
  },
];

interface Stop {
  /** Hash route of the page. */
  route: string;
  /** Tab labels of the page's first tab bar to click through ('' = the page as it opens). */
  tabs: string[];
}

const STOPS: Stop[] = [
  { route: 'ledgers', tabs: ['导入台账', '案卷浏览', '统计矩阵'] },
  { route: 'campaigns', tabs: [''] },
  { route: 'campaign-detail', tabs: ['抽中案卷', '备选案卷', '各层情况'] },
  { route: 'standards', tabs: [''] },
  { route: 'review', tabs: ['评查组与分配', '逐卷评查', '复核'] },
  { route: 'results', tabs: ['部门排名', '案卷结果', '高频问题', '三项制度'] },
  { route: 'letters', tabs: ['整改函', '待办', '评查情况通报'] },
  { route: 'officers', tabs: ['人员名册', '导入名册', '资格考试', '法律知识培训', '证件年审', '信息公示'] },
  { route: 'data-safety', tabs: ['备份与恢复', '评查包', '操作留痕'] },
  { route: 'settings', tabs: [''] },
];

interface Problem {
  where: string;
  what: string;
}

/** Elements (column headers, buttons) that stick out of the window at the current size. */
async function outsideWindow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const out: string[] = [];
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) return false;
      // Inside an inactive tab pane or a hidden ancestor.
      return (el as HTMLElement).offsetParent !== null || getComputedStyle(el).position === 'fixed';
    };
    const label = (el: Element) =>
      (el.textContent ?? '').trim().slice(0, 20) || el.getAttribute('aria-label') || el.tagName;
    if (document.documentElement.scrollWidth > width + 1)
      out.push(`页面横向滚动（宽 ${document.documentElement.scrollWidth}）`);
    for (const table of document.querySelectorAll('.ant-table-wrapper')) {
      if (!visible(table)) continue;
      const hasFixedRight =
        table.querySelector('th.ant-table-cell-fix-right, th.ant-table-cell-fix-end') !== null;
      for (const th of table.querySelectorAll('thead th')) {
        if (!visible(th)) continue;
        const fixed =
          th.classList.contains('ant-table-cell-fix-right') ||
          th.classList.contains('ant-table-cell-fix-end');
        const r = th.getBoundingClientRect();
        // A table that scrolls sideways is fine when its action column stays on screen.
        if (r.right > width + 1 && !(hasFixedRight && !fixed)) out.push(`表头“${label(th)}”超出窗口`);
      }
    }
    // The app's own virtual tables (case browser, registry, yearly review, log): every column header
    // inside the table's visible box, i.e. no key column hidden behind a sideways scroll.
    for (const table of document.querySelectorAll('[role="table"]')) {
      if (!visible(table)) continue;
      const box = table.getBoundingClientRect();
      for (const th of table.querySelectorAll('[role="columnheader"]')) {
        const r = th.getBoundingClientRect();
        if (r.right > Math.min(box.right, width) + 1) out.push(`表头“${label(th)}”需横向滚动才能看到`);
      }
    }
    for (const button of document.querySelectorAll('button, a.ant-btn')) {
      if (!visible(button)) continue;
      const r = button.getBoundingClientRect();
      if (r.right <= width + 1) continue;
      const cell = button.closest('td, th');
      const table = button.closest('.ant-table-wrapper');
      const inFixed = cell?.className.includes('fix-right') || cell?.className.includes('fix-end');
      const scrollable =
        table?.querySelector('th.ant-table-cell-fix-right, th.ant-table-cell-fix-end') !== null;
      if (table && scrollable && !inFixed) continue;
      out.push(`按钮“${label(button)}”超出窗口`);
    }
    return out;
  });
}

async function visibleTextProblems(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => document.body.innerText);
  const found: string[] = [];
  for (const f of FORBIDDEN_TEXT) {
    const m = f.re.exec(text);
    if (m)
      found.push(`${f.name}：…${text.slice(Math.max(0, m.index - 20), m.index + 30).replace(/\s+/g, ' ')}…`);
  }
  return found;
}

/**
 * An open dialog at 1280×720: the box within the window's width, every button in it (scrolled to) wholly
 * inside the window, nothing in it scrolling sideways, and the page behind it not scrolling sideways.
 */
async function dialogProblems(page: Page, dialog: Locator): Promise<string[]> {
  await dialog.waitFor({ timeout: 30_000 });
  const out: string[] = [];
  const box = (await dialog.boundingBox())!;
  if (box.x < 0 || box.x + box.width > SMALL.width + 1)
    out.push(`对话框超出窗口宽度（${Math.round(box.x)}–${Math.round(box.x + box.width)}）`);
  for (const button of await dialog.getByRole('button').all()) {
    if (!(await button.isVisible())) continue;
    await button.scrollIntoViewIfNeeded();
    const b = await button.boundingBox();
    if (!b) continue;
    if (b.x < 0 || b.y < 0 || b.x + b.width > SMALL.width + 1 || b.y + b.height > SMALL.height + 1)
      out.push(`按钮“${((await button.textContent()) ?? '').trim().slice(0, 20)}”不在窗口内`);
  }
  out.push(
    ...(await dialog.evaluate((root) => {
      const found: string[] = [];
      for (const el of [root, ...root.querySelectorAll('*')]) {
        const style = getComputedStyle(el);
        if (!/(auto|scroll)/.test(style.overflowX)) continue;
        // a table that scrolls sideways keeps its key columns (checked by the page rules) — not in a dialog
        if (el.scrollWidth > el.clientWidth + 1)
          found.push(`对话框内“${(el.textContent ?? '').trim().slice(0, 20)}”需横向滚动`);
      }
      return found;
    })),
  );
  out.push(...(await outsideWindow(page)));
  return out;
}

async function settle(page: Page): Promise<void> {
  // Spinners of lazy panes and charts.
  await page
    .locator('.ant-spin-spinning')
    .first()
    .waitFor({ state: 'detached', timeout: 15_000 })
    .catch(() => undefined);
  await page.waitForTimeout(120);
}

/** Each page of an empty store: what it says, so the user knows where they are and what to do next. */
const EMPTY_PAGES: { route: string; says: RegExp[] }[] = [
  { route: 'ledgers', says: [/导入执法台账/, /选择台账文件/] },
  { route: 'campaigns', says: [/评查活动/, /新建评查活动/] },
  { route: 'standards', says: [/评查标准/] },
  { route: 'review', says: [/评查/, /还没有评查活动/] },
  { route: 'results', says: [/评查结果/, /还没有评查活动/] },
  { route: 'letters', says: [/整改函/, /还没有评查活动/] },
  { route: 'officers', says: [/执法人员名册/, /导入名册/] },
  { route: 'data-safety', says: [/备份与恢复/] },
  { route: 'settings', says: [/载入示例数据/] },
];

/** A full-page picture from the top (the sticky navigation would otherwise sit mid-page). */
async function shoot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

test('first run: a welcome screen, and every empty page says what it is and what to do next', async ({
  page,
}) => {
  mkdirSync(SHOTS, { recursive: true });
  await page.setViewportSize(SMALL);
  await page.goto('/');
  const welcome = page.getByTestId('welcome');
  await expect(welcome).toBeVisible();
  await expect(welcome.getByRole('heading', { name: '欢迎使用评查台' })).toBeVisible();
  await expect(welcome.getByRole('button', { name: '载入示例数据' })).toBeVisible();
  await expect(welcome.getByRole('button', { name: '导入台账' })).toBeVisible();
  expect(await outsideWindow(page)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/00-welcome-1280x720.png`, fullPage: true });
  await page.setViewportSize(LARGE);
  await page.screenshot({ path: `${SHOTS}/00-welcome-1920x1080.png`, fullPage: true });
  await page.setViewportSize(SMALL);

  // 导入台账 leads to the import page.
  await welcome.getByRole('button', { name: '导入台账' }).click();
  await expect(page).toHaveURL(/#\/ledgers$/);
  await expect(page.getByRole('button', { name: /选择台账文件/ })).toBeVisible();

  const missing: string[] = [];
  for (const [i, stop] of EMPTY_PAGES.entries()) {
    await page.goto(`/#/${stop.route}`);
    await settle(page);
    const text = await page.evaluate(() => document.body.innerText);
    for (const re of stop.says) if (!re.test(text)) missing.push(`${stop.route}: 没有“${re.source}”`);
    for (const what of await outsideWindow(page)) missing.push(`${stop.route}: ${what}`);
    await page.screenshot({
      path: `${SHOTS}/empty-${String(i + 1).padStart(2, '0')}-${stop.route}-1280x720.png`,
    });
  }
  expect(missing).toEqual([]);

  // The navigation stays in view on a long page.
  await page.goto('/#/settings');
  await settle(page);
  await page.mouse.wheel(0, 3000);
  await page.waitForTimeout(200);
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  const nav = await page.getByTestId('app-nav').boundingBox();
  expect(Math.abs(nav?.y ?? 99)).toBeLessThan(1);
  await expect(page.getByRole('menuitem', { name: /设置/ })).toBeInViewport();
});

test('every page at 1280×720: key columns and actions on screen, no ISO time or internal id', async ({
  page,
}) => {
  // About 1.5 min on a quiet machine (the demo load is half of it); generous for a loaded one.
  test.setTimeout(600_000);
  mkdirSync(SHOTS, { recursive: true });
  await page.addInitScript(() =>
    document.addEventListener('DOMContentLoaded', () => {
      const style = document.createElement('style');
      style.textContent = '.ant-notification, .ant-message { display: none !important; }';
      document.head.appendChild(style);
    }),
  );
  await page.setViewportSize(SMALL);

  // The demo, loaded from the welcome screen.
  await page.goto('/');
  await page.getByTestId('welcome').getByRole('button', { name: '载入示例数据' }).click();
  await expect(page.getByTestId('demo-banner')).toBeVisible({ timeout: 90_000 });

  await page.goto('/#/campaigns');
  const campaignLink = page.getByTestId('campaign-link').first();
  await campaignLink.waitFor();
  await campaignLink.click();
  await page.waitForURL(/#\/campaigns\/.+/);
  const campaignUrl = page.url();

  const problems: Problem[] = [];
  let n = 0;
  for (const stop of STOPS) {
    await page.goto(stop.route === 'campaign-detail' ? campaignUrl : `/#/${stop.route}`);
    await settle(page);
    for (const tab of stop.tabs) {
      if (tab) {
        const t = page.getByRole('tab', { name: new RegExp(`^${tab}`) }).first();
        const present = await t
          .waitFor({ timeout: 15_000 })
          .then(() => true)
          .catch(() => false);
        if (!present) {
          problems.push({ where: stop.route, what: `找不到标签页“${tab}”` });
          continue;
        }
        await t.click();
        await settle(page);
      }
      const where = `${stop.route}${tab ? ` › ${tab}` : ''}`;
      n += 1;
      const name = `${String(n).padStart(2, '0')}-${stop.route}${tab ? `-${tab}` : ''}`;
      for (const what of await outsideWindow(page)) problems.push({ where, what });
      for (const what of await visibleTextProblems(page)) problems.push({ where, what });
      await shoot(page, `${name}-1280x720`);
      if (stop.route === 'results' && tab === '部门排名') {
        // The charts on their own, to read their labels.
        for (const id of ['chart-top', 'chart-three', 'chart-groups'])
          await page.getByTestId(id).screenshot({ path: `${SHOTS}/${name}-${id}-1280x720.png` });
      }
      await page.setViewportSize(LARGE);
      await page.waitForTimeout(100);
      await shoot(page, `${name}-1920x1080`);
      await page.setViewportSize(SMALL);
    }
  }
  await walkDialogsAndScreens(page, problems);
  expect(problems, problems.map((p) => `${p.where}: ${p.what}`).join('\n')).toEqual([]);
});

/** The dialogs and the reviewer's and lead's screens, on the demo, each checked and photographed at 1280×720. */
async function walkDialogsAndScreens(page: Page, problems: Problem[]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pingcha-e2e-walk-'));
  const check = async (where: string, what: Promise<string[]>, shot: string) => {
    for (const p of await what) problems.push({ where, what: p });
    await page.screenshot({ path: `${SHOTS}/dialog-${shot}-1280x720.png` });
  };

  // 证件年审: the rules run, the table with its 理由与提示 column, then one decision's dialog.
  await page.goto('/#/officers');
  await page.getByRole('tab', { name: '证件年审' }).click();
  await page.getByLabel('年审年度').fill('2025');
  await page.getByLabel('年审日期').fill('2026-01-15');
  await page.getByRole('button', { name: /运行年审规则/ }).click();
  await expect(page.getByTestId('review-stats')).toBeVisible({ timeout: 60_000 });
  await settle(page);
  const reasons = page.getByRole('columnheader', { name: '理由与提示' }).first();
  await expect(reasons).toBeVisible();
  const r = (await reasons.boundingBox())!;
  if (r.x + r.width > SMALL.width + 1)
    problems.push({ where: '证件年审', what: '“理由与提示”列超出 1280 像素窗口' });
  await check('证件年审', outsideWindow(page), '01-annual-review');
  await page.locator('[data-testid^="override-"]').first().click();
  await check(
    '年审结论对话框',
    dialogProblems(page, page.getByTestId('decision-modal').locator('.ant-modal')),
    '02-decision',
  );
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('decision-modal').locator('.ant-modal')).toBeHidden();

  // 从备份恢复: the preview of a backup of this very store.
  await page.goto('/#/data-safety/backup');
  const download = page.waitForEvent('download');
  await page.getByTestId('backup-now').click();
  const backup = join(dir, (await download).suggestedFilename());
  await (await download).saveAs(backup);
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('restore-choose').click();
  await (await chooser).setFiles(backup);
  const preview = page.locator('.ant-modal').filter({ has: page.getByTestId('restore-preview') });
  await expect(preview).toBeVisible({ timeout: 60_000 });
  await check('恢复预览', dialogProblems(page, preview), '06-restore-preview');
  await page.keyboard.press('Escape');
  await expect(preview).toBeHidden();

  // The lead's 复核 pane on a demo file.
  await page.goto('/#/review');
  await page.getByRole('tab', { name: '复核' }).click();
  const leadRow = page.getByTestId('lead-files').locator('tbody tr.ant-table-row').first();
  await leadRow.getByRole('button', { name: '复核' }).click();
  await expect(page.getByTestId('lead-pane')).toBeVisible();
  await settle(page);
  await check('复核面板', outsideWindow(page), '07-lead-pane');
  await expect(page.getByTestId('lead-finalise')).toBeVisible();
  const fin = (await page.getByTestId('lead-finalise').boundingBox())!;
  if (fin.x + fin.width > SMALL.width + 1) problems.push({ where: '复核面板', what: '“定稿”按钮超出窗口' });

  // The reviewer's laptop: a demo assignment package opened from its first screen, then a score sheet.
  await page.goto('/#/data-safety/packages');
  const office = page.locator('.ant-card').filter({ hasText: '活动组织者：评查包' });
  await office.locator('.ant-select').first().click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
  const pkgDownload = page.waitForEvent('download');
  await office.locator('tbody tr.ant-table-row').first().getByRole('button').first().click();
  const packageFile = join(dir, 'assignment.pingcha-package');
  await (await pkgDownload).saveAs(packageFile);
  const context = await page.context().browser()!.newContext({ viewport: SMALL });
  const laptop = await context.newPage();
  await answerOperatorDialog(laptop);
  await laptop.goto('/');
  const open = laptop.getByTestId('welcome-open-package');
  for (const p of await outsideWindow(laptop)) problems.push({ where: '评查人员首屏', what: p });
  const pick = laptop.waitForEvent('filechooser');
  await open.click();
  await (await pick).setFiles(packageFile);
  await expect(laptop.getByTestId('review-counts')).toBeVisible({ timeout: 60_000 });
  await settle(laptop);
  for (const p of await outsideWindow(laptop)) problems.push({ where: '评查人员案卷列表', what: p });
  await laptop.screenshot({ path: `${SHOTS}/dialog-08-reviewer-queue-1280x720.png` });
  await laptop.getByTestId('reviewer-queue').getByRole('button').first().click();
  await settle(laptop);
  for (const p of await outsideWindow(laptop)) problems.push({ where: '评查人员评分表', what: p });
  await laptop.screenshot({ path: `${SHOTS}/dialog-09-reviewer-sheet-1280x720.png` });
  await context.close();

  // 新建评查活动, then its draw and the confirmation naming what cannot be undone.
  await page.goto('/#/campaigns');
  await page.getByRole('button', { name: '新建评查活动' }).click();
  const form = page.locator('.ant-modal').filter({ has: page.getByTestId('campaign-form') });
  await check('新建评查活动对话框', dialogProblems(page, form), '03-new-campaign');
  await page.getByRole('textbox', { name: '活动名称' }).fill('E2E 页面巡检活动');
  await page.getByTestId('campaign-form').locator('.ant-select').nth(1).click();
  await page.locator('.ant-select-item-option[title="行政处罚"]').click();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: '创建' }).click();
  await page.getByRole('spinbutton', { name: '样本量' }).fill('2');
  await page.getByRole('spinbutton', { name: '每层最低' }).fill('0');
  await page.getByRole('button', { name: '生成随机种子' }).click();
  await page.getByRole('textbox', { name: '操作人员' }).fill('陈组长');
  await check('抽样方案', outsideWindow(page), '04-planner');
  await page.getByRole('button', { name: '执行抽取' }).click();
  const drawConfirm = page.locator('.ant-modal').filter({ has: page.getByTestId('draw-confirm') });
  await check('执行抽取确认', dialogProblems(page, drawConfirm), '05-draw-confirm');
  await page.getByTestId('confirm-ok').click();
  await expect(page.getByTestId('drawn-count')).toHaveText('2', { timeout: 60_000 });
}
