// 页面识别 (issue 28) in Chromium: a scanned synthetic 案卷 (rendered with the bundled fonts, 200 dpi,
// degraded) attached to a drawn file is read page by page in the OCR worker (onnxruntime-web's WASM and
// the PaddleOCR models from the app's own files); the labels appear as 机器识别, a reviewer confirms one
// with Enter and corrects another with a digit key, and a 决定书 dated before its 告知书 is flagged with
// both pages linked. The pages are drawn in the OCR worker: the UI thread reads back no page's pixels.
import { expect, test } from './app-test';
import { makeZip } from '../fixtures/case-files';
import {
  degradeScan,
  makeOcrCorpus,
  rasterisePdf,
  renderCaseFilesPdf,
  scannedCaseFilePdf,
  seededRandom,
} from '../fixtures/ocr-corpus';
import { caseNumberKeys } from '../../shared/case-files/case-number-match';

test.use({ viewport: { width: 1920, height: 1080 } });

/** Four pages of a 案卷 for the drawn file: 立案审批表, 告知书, 处罚决定书 dated before the 告知书, 送达回证. */
async function scannedFile(caseNo: string): Promise<Uint8Array> {
  const [file] = makeOcrCorpus(1, 4242);
  const key = caseNumberKeys(caseNo)[0]!;
  const wanted = ['立案审批表', '告知书', '处罚决定书', '送达回证'];
  const pages = file!.pages
    .filter((p) => wanted.includes(p.kind))
    .map((p) => ({ ...p, caseNo, caseKey: key }));
  const date = (p: (typeof pages)[number], iso: string) => ({
    ...p,
    date: iso,
    dateText: iso.replace(/^(\d+)-0?(\d+)-0?(\d+)$/, '$1年$2月$3日'),
  });
  pages[1] = date(pages[1]!, '2024-05-20');
  pages[2] = date(pages[2]!, '2024-05-10');
  pages[3] = date(pages[3]!, '2024-05-22');
  const images = rasterisePdf(await renderCaseFilesPdf([{ id: 'e2e', pages }]), 200);
  const rng = seededRandom(11);
  return scannedCaseFilePdf(images.map((img) => degradeScan(img, rng)));
}

test('a scanned 案卷 is labelled by OCR; one label confirmed, one corrected; a date-order flag links both pages', async ({
  page,
}) => {
  test.setTimeout(600_000);
  await page.addInitScript(() =>
    document.addEventListener('DOMContentLoaded', () => {
      const style = document.createElement('style');
      style.textContent = '.ant-notification { display: none !important; }';
      document.head.appendChild(style);
    }),
  );
  // The UI thread must not draw pages for OCR (the worker does, on OffscreenCanvas): count page-sized
  // pixel read-backs here.
  await page.addInitScript(() => {
    const w = window as unknown as { __pageReadbacks: number };
    w.__pageReadbacks = 0;
    const getImageData = CanvasRenderingContext2D.prototype.getImageData;
    CanvasRenderingContext2D.prototype.getImageData = function (this: CanvasRenderingContext2D, ...a) {
      if (a[2] * a[3] > 1_000_000) w.__pageReadbacks++;
      return getImageData.apply(this, a);
    } as typeof getImageData;
  });
  await page.goto('/#/settings');
  await page.getByRole('button', { name: '载入示例数据' }).click();
  await expect(page.getByTestId('demo-banner')).toBeVisible({ timeout: 300_000 });

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
  const zip = makeZip({ [`${caseNo}.pdf`]: await scannedFile(caseNo) });

  await page.getByRole('tab', { name: '电子案卷' }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('case-files-choose').click();
  await (await chooser).setFiles({ name: '案卷.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) });
  await expect(page.getByTestId('case-files-summary')).toContainText('将导入 1 个文件');
  await page.getByTestId('case-files-confirm').click();
  await expect(page.getByTestId('case-files-attached')).toContainText(caseNo);

  await page.getByRole('tab', { name: '逐卷评查' }).click();
  await page.getByRole('combobox', { name: '当前评查人员' }).click();
  await page.locator('.ant-select-item-option').nth(reviewerIndex).click();
  await page.getByTestId(`queue-${caseNo}`).click();
  await expect(page.getByTestId('case-file-viewer')).toBeVisible();

  // The pages are read in the background, one at a time; the labels appear as 机器识别.
  const finder = page.getByTestId('page-finder');
  await expect(page.getByTestId('page-finder-progress')).toHaveText('已识别 4 页', { timeout: 420_000 });
  const machine = page.getByTestId('page-finder-machine');
  await expect(machine).toContainText('立案审批表');
  await expect(machine).toContainText('告知书');
  await expect(machine).toContainText('处罚决定书');
  await expect(machine).toContainText('送达回证');
  await expect(machine).toContainText('机器识别');
  expect(await page.evaluate(() => (window as unknown as { __pageReadbacks: number }).__pageReadbacks)).toBe(
    0,
  );

  // The 决定书 (page 3) is dated before the 告知书 (page 2): flagged, both pages linked.
  const flags = page.getByTestId('page-finder-flags');
  await expect(flags).toContainText('处罚决定书（第 3 页，2024-05-10）早于告知书（第 2 页，2024-05-20）');
  const order = flags.getByRole('alert').filter({ hasText: '早于告知书' });
  await order.getByRole('button', { name: '转到疑点所在页：3' }).click();
  await expect(page.getByTestId('case-file-page')).toHaveText('第 3 / 4 页');
  await order.getByRole('button', { name: '转到疑点所在页：2' }).click();
  await expect(page.getByTestId('case-file-page')).toHaveText('第 2 / 4 页');

  // Enter confirms the machine's label of page 2; on page 1 the reviewer corrects it with a digit key.
  const viewer = page.getByTestId('case-file-viewer');
  await viewer.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('case-file-contents')).toContainText('告知书 第 2 页');
  await page.keyboard.press('Home');
  await page.keyboard.press('9');
  await expect(page.getByTestId('case-file-contents')).toContainText('其他材料 第 1 页');
  await expect(machine).not.toContainText('立案审批表');
  await expect(machine).not.toContainText('告知书');
  await expect(finder).toContainText('处罚决定书');
});
