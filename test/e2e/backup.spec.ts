import { expect, test, type Page } from './app-test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

async function caseCount(page: Page): Promise<string> {
  await page.goto('/#/ledgers');
  await page.getByRole('tab', { name: '案卷浏览' }).click();
  const count = page.getByTestId('browse-count');
  await expect(count).toContainText(/共 [\d,]+ 件/, { timeout: 60_000 });
  // The index loads chunk by chunk: wait until the count stops changing.
  let last = '';
  for (let i = 0; i < 60; i++) {
    const now = (await count.textContent()) ?? '';
    if (now === last) return now;
    last = now;
    await page.waitForTimeout(700);
  }
  return last;
}

async function chooseBackup(page: Page, path: string): Promise<void> {
  await page.goto('/#/data-safety/backup');
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('restore-choose').click();
  await (await chooser).setFiles(path);
}

test('backup (download), remove the data, restore from the file with a preview; a corrupt file is refused', async ({
  page,
}) => {
  // Demo load, two backups, a restore with its record checks: minutes on a busy 2-core machine.
  test.setTimeout(300_000);
  const dir = mkdtempSync(join(tmpdir(), 'pingcha-backup-e2e-'));
  await page.goto('/#/settings');
  await page.getByRole('button', { name: '载入示例数据' }).click();
  await expect(page.getByTestId('demo-banner')).toBeVisible({ timeout: 60_000 });
  const before = await caseCount(page);
  expect(before).not.toContain('共 0 件');

  // A backup runs in the worker and can be cancelled: nothing is downloaded or recorded.
  await page.goto('/#/data-safety/backup');
  let downloads = 0;
  page.on('download', () => downloads++);
  await page.getByTestId('backup-now').click();
  await expect(page.getByTestId('backup-cancel-hint')).toContainText('取消后不会写出任何备份文件');
  await page.getByTestId('backup-cancel').click();
  await expect(page.getByText('已取消备份，没有写出任何备份文件。')).toBeVisible();
  await expect(page.getByTestId('backup-busy')).toHaveCount(0);
  await expect(page.getByText('尚未备份过')).toBeVisible();
  expect(downloads).toBe(0);

  // Manual backup: a download in the web build.
  const download = page.waitForEvent('download');
  await page.getByTestId('backup-now').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^评查台备份-\d{8}-\d{6}-手动\.pingcha-backup$/);
  const backupPath = join(dir, file.suggestedFilename());
  await file.saveAs(backupPath);
  await expect(page.getByTestId('last-backup')).toContainText('手动备份');

  // Remove the data.
  await page.getByTestId('demo-banner').getByRole('button', { name: '移除示例数据' }).click();
  await page.getByRole('button', { name: '移除', exact: true }).click();
  await expect(page.getByTestId('demo-banner')).toHaveCount(0);

  // A corrupt (truncated) copy is refused in Chinese and nothing changes.
  const bytes = readFileSync(backupPath);
  const corruptPath = join(dir, '损坏的备份.pingcha-backup');
  writeFileSync(corruptPath, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
  await chooseBackup(page, corruptPath);
  await expect(page.getByTestId('backup-error')).toContainText('损坏', { timeout: 30_000 });
  await expect(page.getByTestId('backup-error')).toContainText('数据库未作任何更改');
  await expect(page.getByTestId('restore-preview')).toHaveCount(0);
  expect(await caseCount(page)).toContain('共 0 件');

  // Restore: the preview shows what the backup holds before anything is replaced.
  await chooseBackup(page, backupPath);
  const preview = page.getByTestId('restore-preview');
  await expect(preview).toBeVisible({ timeout: 60_000 });
  await expect(preview).toContainText('备份文件完整');
  await expect(preview).toContainText('手动备份');
  await expect(preview.getByRole('row', { name: /台账导入记录/ })).toBeVisible();
  expect(await preview.getByTestId('preview-count').count()).toBeGreaterThan(10);
  // The demo's removal was logged after the backup: restoring undoes it, and the preview says so first.
  await expect(preview.getByTestId('restore-loss')).toContainText('之后的 1 条记录');
  await expect(page.getByTestId('restore-confirm')).toBeDisabled();
  await preview.getByRole('checkbox', { name: /我已了解以上内容将被撤销/ }).check();
  const preRestore = page.waitForEvent('download');
  await page.getByTestId('restore-confirm').click();
  // The current data is backed up (downloaded) before it is replaced.
  expect((await preRestore).suggestedFilename()).toMatch(/恢复前\.pingcha-backup$/);
  await expect(page.getByText('已恢复')).toBeVisible({ timeout: 60_000 });
  await page.waitForEvent('load', { timeout: 30_000 });

  // The data is back, and the log shows the restore and verifies.
  await expect(page.getByTestId('demo-banner')).toBeVisible({ timeout: 60_000 });
  await caseCount(page);
  await expect(page.getByTestId('browse-count')).toHaveText(before, { timeout: 60_000 });
  await page.goto('/#/data-safety/log');
  await expect(page.getByText('从备份恢复').first()).toBeVisible();
  await page.getByTestId('audit-verify').click();
  await expect(page.getByTestId('audit-result')).toContainText('留痕完整');
});
