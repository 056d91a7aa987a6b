// 电子案卷 (issue 27) in Chromium: bulk-attach a ZIP of scanned case files to the demo's drawn files
// (matched by 案号 in messy names, an encrypted one refused), then open a file beside its score sheet
// and page, zoom and rotate it by keyboard and find words in its text layer (Ctrl+F); pages are drawn
// in the page-drawing worker under the app's CSP. Pins go to the lead's re-check, and the 整改函 cites the page and carries the evidence crop.
import { expect, test } from './app-test';
import { makeEncryptedPdf, makeTextPdf, makeZip } from '../fixtures/case-files';

// An office screen: the viewer beside the sheet (on a narrow window it goes below the sheet).
test.use({ viewport: { width: 1920, height: 1080 } });

test('attach case files to the demo draw and read one beside the score sheet', async ({ page }) => {
  test.setTimeout(480_000);
  await page.addInitScript(() =>
    document.addEventListener('DOMContentLoaded', () => {
      const style = document.createElement('style');
      style.textContent = '.ant-notification { display: none !important; }';
      document.head.appendChild(style);
    }),
  );
  const cspErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|pdf/i.test(m.text())) cspErrors.push(m.text());
  });
  await page.goto('/#/settings');
  await page.getByRole('button', { name: '载入示例数据' }).click();
  await expect(page.getByTestId('demo-banner')).toBeVisible({ timeout: 90_000 });

  // A reviewer's queue gives the case number of a file they have not scored yet.
  await page.goto('/#/review');
  await page.getByRole('tab', { name: '逐卷评查' }).click();
  const open = page.getByTestId('reviewer-queue').locator('[data-testid^="queue-"]', { hasText: '未开始' });
  let reviewerIndex = 0;
  for (; reviewerIndex < 6; reviewerIndex++) {
    await page.getByRole('combobox', { name: '当前评查人员' }).click();
    await page.locator('.ant-select-item-option').nth(reviewerIndex).click();
    await expect(page.getByTestId('reviewer-queue')).toBeVisible();
    if ((await open.count()) > 0) break;
  }
  const caseNo = (await open.first().getAttribute('data-testid'))!.replace(/^queue-/, '');
  // The scan's name: half-width brackets, full-width digits, extra words, inside a folder.
  const messy = caseNo
    .replace('〔', '[')
    .replace('〕', ']')
    .replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
  const zip = makeZip({
    [`扫描件/${messy} 案卷.pdf`]: await makeTextPdf(3, 'Scanned case file'),
    '扫描件/加密.pdf': await makeEncryptedPdf(),
  });

  await page.getByRole('tab', { name: '电子案卷' }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('case-files-choose').click();
  await (await chooser).setFiles({ name: '案卷.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) });
  const plan = page.getByTestId('case-files-plan');
  await expect(plan).toContainText('按案号对应');
  await expect(plan).toContainText('“加密.pdf”已加密');
  await expect(page.getByTestId('case-files-summary')).toContainText('将导入 1 个文件');
  await page.getByTestId('case-files-confirm').click();
  const attached = page.getByTestId('case-files-attached');
  await expect(attached).toContainText(caseNo);
  await expect(attached).toContainText(`${messy} 案卷.pdf`);

  await page.goto('/#/settings');
  await expect(page.getByTestId('case-file-space')).toContainText('1 个文件');

  // Beside the score sheet: first page, then keyboard paging, zoom and rotation.
  await page.goto('/#/review');
  await page.getByRole('tab', { name: '逐卷评查' }).click();
  await page.getByRole('combobox', { name: '当前评查人员' }).click();
  await page.locator('.ant-select-item-option').nth(reviewerIndex).click();
  await page.getByTestId(`queue-${caseNo}`).click();
  await expect(page.getByTestId('score-sheet')).toBeVisible();
  const viewer = page.getByTestId('case-file-viewer');
  await expect(viewer).toBeVisible();
  const canvas = page.getByTestId('case-file-canvas');
  await expect(canvas).toHaveAttribute('data-rendered', '0:1:0', { timeout: 30_000 });
  await expect(page.getByTestId('case-file-page')).toHaveText('第 1 / 3 页');
  await expect(page.getByTestId('case-file-thumbnails').locator('img')).toHaveCount(3);
  await viewer.focus();
  await page.keyboard.press('PageDown');
  await expect(page.getByTestId('case-file-page')).toHaveText('第 2 / 3 页');
  await page.keyboard.press('End');
  await expect(page.getByTestId('case-file-page')).toHaveText('第 3 / 3 页');
  await page.keyboard.press('+');
  await page.keyboard.press('r');
  await expect(page.getByTestId('case-file-zoom')).toHaveText('125%');
  await expect(canvas).toHaveAttribute('data-rendered', '2:1.25:90');
  // Rotated a quarter turn, the A4 page is wider than high.
  const box = (await canvas.boundingBox())!;
  expect(box.width).toBeGreaterThan(box.height);
  await page.getByRole('button', { name: '第 1 页' }).click();
  await expect(page.getByTestId('case-file-page')).toHaveText('第 1 / 3 页');

  // Ctrl+F finds words in the file's text layer: Enter / Shift+Enter go through the matches, each
  // shown on its page and highlighted; Esc closes.
  await viewer.focus();
  await page.keyboard.press('Control+f');
  const find = page.getByTestId('case-file-search');
  const found = page.getByTestId('case-file-search-status');
  await expect(find).toBeFocused();
  await find.fill('PAGE 3');
  await find.press('Enter');
  await expect(found).toHaveText('第 1 / 1 处（第 3 页）');
  await expect(page.getByTestId('case-file-page')).toHaveText('第 3 / 3 页');
  await expect(page.getByTestId('case-file-search-current')).toHaveCount(1);
  await find.fill('scanned case');
  await find.press('Enter');
  await expect(found).toHaveText('第 1 / 3 处（第 1 页）');
  await find.press('Shift+Enter');
  await expect(found).toHaveText('第 3 / 3 处（第 3 页）');
  await expect(page.getByTestId('case-file-page')).toHaveText('第 3 / 3 页');
  await find.fill('听证');
  await find.press('Enter');
  await expect(found).toHaveText('未找到“听证”');
  await find.press('Escape');
  await expect(find).toHaveCount(0);
  await expect(page.getByTestId('case-file-search-current')).toHaveCount(0);
  await page.getByRole('button', { name: '第 1 页' }).click();
  await expect(page.getByTestId('case-file-page')).toHaveText('第 1 / 3 页');

  // Pin a deduction: choose it on the sheet by keyboard, then P and one drag on the page.
  const sheet = page.getByTestId('score-sheet');
  await sheet.focus();
  await page.keyboard.press('1');
  await page.keyboard.press('Enter');
  await page.keyboard.type('送达回证缺少受送达人签名');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('save-state')).toContainText('已保存');
  await viewer.focus();
  await page.keyboard.press('p');
  await expect(page.getByTestId('case-file-hint')).toContainText('送达回证缺少受送达人签名');
  const overlay = (await page.getByTestId('case-file-overlay').boundingBox())!;
  await page.mouse.move(overlay.x + 40, overlay.y + 50);
  await page.mouse.down();
  await page.mouse.move(overlay.x + 160, overlay.y + 110, { steps: 5 });
  await page.mouse.up();
  await expect(page.getByTestId('case-file-hint')).toContainText('已标注：“送达回证缺少受送达人签名”第 1 页');
  await expect(page.getByTestId('case-file-pin-box')).toHaveCount(1);
  await expect(page.getByTestId('save-state')).toContainText('已保存');
  // Page labels, one key per document kind, read as the table of contents.
  await page.getByTestId('case-file-viewer').focus();
  await page.keyboard.press('7');
  await page.keyboard.press('PageDown');
  await page.keyboard.press('2');
  await page.keyboard.press('PageDown');
  await page.keyboard.press('2');
  await expect(page.getByTestId('case-file-contents')).toHaveText('送达回证 第 1 页调查询问笔录 第 2–3 页');
  await page.keyboard.press('Home');
  // Stored with the deduction: after a reload the pin is on page 1, not on page 2.
  await page.reload();
  await page.getByRole('tab', { name: '逐卷评查' }).click();
  await page.getByRole('combobox', { name: '当前评查人员' }).click();
  await page.locator('.ant-select-item-option').nth(reviewerIndex).click();
  await page.getByTestId(`queue-${caseNo}`).click();
  await expect(page.getByTestId('case-file-canvas')).toHaveAttribute('data-rendered', '0:1:0', {
    timeout: 30_000,
  });
  await expect(page.getByTestId('case-file-pin-box')).toHaveCount(1);
  await expect(page.getByTestId('case-file-contents')).toContainText('送达回证 第 1 页');
  await page.getByTestId('case-file-viewer').focus();
  await page.keyboard.press('PageDown');
  await expect(page.getByTestId('case-file-pin-box')).toHaveCount(0);

  // Submit; the file's other reviewers submit too; the lead sees the pin and jumps to its page.
  const submitSheet = async () => {
    await page.getByTestId('score-sheet').focus();
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('confirm-ok').click();
    await expect(page.getByTestId(`queue-${caseNo}`)).toContainText('已提交');
  };
  await submitSheet();
  await page.getByRole('tab', { name: '复核' }).click();
  const leadRow = () => page.getByTestId('lead-files').locator('tr', { hasText: caseNo });
  await leadRow().getByRole('button', { name: '复核' }).click();
  const pending = await page.getByTestId('lead-pane').textContent();
  const others = [...(pending ?? '').matchAll(/([^：，\s]+?)(?:评分中|未开始)/g)].map((m) => m[1]!);
  for (const name of others) {
    await page.getByRole('tab', { name: '逐卷评查' }).click();
    await page.getByRole('combobox', { name: '当前评查人员' }).click();
    await page.locator('.ant-select-item-option', { hasText: `${name}（` }).click();
    await page.getByTestId(`queue-${caseNo}`).click();
    await page.getByTestId('score-sheet').focus();
    await page.keyboard.press('1');
    await page.keyboard.press('Enter');
    await page.keyboard.type('同一问题');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('save-state')).toContainText('已保存');
    await submitSheet();
  }
  await page.getByRole('tab', { name: '复核' }).click();
  await leadRow().getByRole('button', { name: '复核' }).click();
  // The reviewers agree on this file: its items show once all items are shown.
  if ((await page.getByTestId('lead-pane').getByTestId('pin-link').count()) === 0)
    await page.getByTestId('lead-pane').getByRole('switch').first().click();
  const link = page.getByTestId('lead-pane').getByTestId('pin-link');
  await expect(link).toHaveText('📌第 1 页');
  await expect(page.getByTestId('case-file-canvas')).toHaveAttribute('data-rendered', '0:1:0', {
    timeout: 30_000,
  });
  await page.getByTestId('case-file-viewer').focus();
  await page.keyboard.press('End');
  await expect(page.getByTestId('case-file-pin-box')).toHaveCount(0);
  await link.click();
  await expect(page.getByTestId('case-file-page')).toHaveText('第 1 / 3 页');
  await expect(page.getByTestId('case-file-pin-box')).toHaveCount(1);

  // 定稿, then the department's 整改函 cites the page and, as chosen when issuing, carries the crop.
  const department = new RegExp(`${caseNo.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}（([^，]+)，`).exec(
    (await page.getByTestId('lead-pane').textContent()) ?? '',
  )![1]!;
  await page.getByTestId('lead-pane').getByTestId('lead-finalise').click();
  await page.getByTestId('confirm-ok').click();
  await expect(page.getByTestId('lead-pane').getByTestId('final-result')).toContainText('已定稿');
  await page.goto('/#/settings');
  const card = page.getByTestId('letters-settings');
  await card.getByLabel('发文机关', { exact: true }).fill('德阳市司法局');
  await card.getByLabel('发文机关代字').fill('德法函');
  await card.getByTestId('save-letter-settings').click();
  await expect(page.getByText('整改函设置已保存。')).toBeVisible();
  await page.goto('/#/letters');
  const letterRow = page.getByTestId('letters-table').locator('tr', { hasText: department });
  await letterRow.getByTestId('issue-letter').click();
  await page.getByTestId('issue-with-crops').click();
  await page.getByTestId('action-ok').click();
  await expect(letterRow).toContainText('已印发', { timeout: 30_000 });
  await letterRow.getByTestId('preview-letter').click();
  const preview = page.getByTestId('document-preview');
  await expect(preview.getByTestId('preview-page').first()).toBeVisible();
  await expect(preview).toContainText('问题所在页面截图');
  // The page's text without the margin's 留痕校验码 lines a page break puts inside a paragraph.
  const letterText = ((await preview.textContent()) ?? '')
    .replace(/留痕校验码：[^）]*）/g, '')
    .replace(/\s+/g, '');
  expect(letterText).toContain(`（见${caseNo}第1页送达回证）`);
  expect(letterText).toContain(`图1`);
  await expect(preview.locator('image')).not.toHaveCount(0);
  expect(cspErrors).toEqual([]);
});
