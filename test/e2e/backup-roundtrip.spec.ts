// Issue 10 in a real browser: demo -> backup -> (a replacement made after the backup) -> restore of
// that backup. The preview says what the restore undoes and needs it confirmed; afterwards every
// IndexedDB store is identical to the moment of the backup, values AND types (read straight from
// IndexedDB), the rolled-back log entry is shown as a superseded branch, and the draw page, the
// record export, a replacement and 追加抽取 all still work.
import { expect, test, type Page } from './app-test';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const DEMO_CAMPAIGN = '示例：第十一次行政执法案卷评查（演示数据）';
/** Machine-local meta records a restore keeps from the store it replaces. */
const LOCAL_META = ['backup:last', 'settings:backups'];

/** Every store of the app's IndexedDB, each record described with its types (constructor names). */
async function dumpStore(page: Page): Promise<Record<string, string>> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('pingcha');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const b64 = (bytes: Uint8Array) => {
      let s = '';
      for (const b of bytes) s += String.fromCharCode(b);
      return btoa(s);
    };
    const describe = (v: unknown): unknown => {
      if (v === undefined) return { type: 'undefined' };
      if (typeof v === 'number' && (Number.isNaN(v) || Object.is(v, -0))) return { type: String(v) };
      if (v === null || typeof v !== 'object') return v;
      const type = Object.prototype.toString.call(v).slice(8, -1);
      if (Array.isArray(v)) return v.map(describe);
      if (ArrayBuffer.isView(v))
        return { type, bytes: b64(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)) };
      if (v instanceof ArrayBuffer) return { type, bytes: b64(new Uint8Array(v)) };
      if (v instanceof Date) return { type, v: v.toISOString() };
      if (v instanceof Blob) return { type, size: v.size, mime: v.type };
      const o = v as Record<string, unknown>;
      const out: Record<string, unknown> = { type };
      for (const k of Object.keys(o).sort()) out[k] = describe(o[k]);
      return out;
    };
    const out: Record<string, string> = {};
    for (const name of Array.from(db.objectStoreNames)) {
      const [keys, values] = await new Promise<[IDBValidKey[], unknown[]]>((resolve, reject) => {
        const store = db.transaction(name, 'readonly').objectStore(name);
        const k = store.getAllKeys();
        const v = store.getAll();
        v.onsuccess = () => resolve([k.result, v.result]);
        v.onerror = () => reject(v.error);
      });
      out[name] = JSON.stringify(keys.map((key, i) => [describe(key), describe(values[i])]));
    }
    db.close();
    return out;
  });
}

async function openDemoDraw(page: Page): Promise<void> {
  await page.goto('/#/campaigns');
  const row = page.getByRole('row', { name: new RegExp(DEMO_CAMPAIGN.replace(/[（）()]/g, '.')) });
  await row.getByTestId('campaign-link').click();
  await expect(page.getByTestId('draw-result')).toBeVisible({ timeout: 60_000 });
}

async function replaceFirst(page: Page): Promise<void> {
  await page
    .getByTestId('drawn-table')
    .getByRole('button', { name: /^替换 / })
    .first()
    .click();
  await page.getByLabel('原因').fill('案卷已移送司法机关，无法调取');
  await page.getByRole('button', { name: '确认替换' }).click();
  await expect(page.getByText('已替换，并记入抽取记录')).toBeVisible({ timeout: 30_000 });
}

test('demo -> backup -> restore: every IndexedDB store identical with types; the draw still works', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const dir = mkdtempSync(join(tmpdir(), 'pingcha-roundtrip-e2e-'));
  await page.goto('/#/settings');
  await page.getByRole('button', { name: '载入示例数据' }).click();
  await expect(page.getByTestId('demo-banner')).toBeVisible({ timeout: 90_000 });

  const before = await dumpStore(page);
  expect(before.drawPopulations).toContain('"type":"Uint16Array"');

  await page.goto('/#/data-safety/backup');
  const download = page.waitForEvent('download');
  await page.getByTestId('backup-now').click();
  const file = await download;
  const backupPath = join(dir, file.suggestedFilename());
  await file.saveAs(backupPath);
  await expect(page.getByTestId('last-backup')).toContainText('手动备份');

  // Work done after the backup: one replacement (a draw.replace log entry).
  await openDemoDraw(page);
  await replaceFirst(page);

  // Restore: the preview says what will be undone, and the restore waits for that to be confirmed.
  await page.goto('/#/data-safety/backup');
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('restore-choose').click();
  await (await chooser).setFiles(backupPath);
  const preview = page.getByTestId('restore-preview');
  await expect(preview).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('restore-integrity')).toContainText('备份文件完整');
  await expect(page.getByTestId('restore-integrity')).toContainText('哈希链完整');
  const loss = page.getByTestId('restore-loss');
  await expect(loss).toContainText('将撤销本机在此之后的以下工作');
  await expect(loss).toContainText('1 条记录');
  await expect(loss).toContainText('已被恢复撤销');
  await expect(page.getByTestId('restore-confirm')).toBeDisabled();
  await page.getByTestId('restore-loss-confirm').check();
  await expect(page.getByTestId('restore-confirm')).toBeEnabled();
  const preRestore = page.waitForEvent('download');
  await page.getByTestId('restore-confirm').click();
  expect((await preRestore).suggestedFilename()).toMatch(/恢复前\.pingcha-backup$/);
  await expect(page.getByText('已恢复')).toBeVisible({ timeout: 90_000 });
  await page.waitForEvent('load', { timeout: 30_000 });
  await expect(page.getByTestId('demo-banner')).toBeVisible({ timeout: 60_000 });

  // Every store as it was at the backup, types included.
  const after = await dumpStore(page);
  expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
  for (const name of Object.keys(before)) {
    if (name === 'auditLog' || name === 'auditSuperseded' || name === 'meta') continue;
    expect(after[name], `store ${name}`).toBe(before[name]);
  }
  const meta = (s: string) =>
    (JSON.parse(s) as [string, { key: string }][]).filter(([k]) => !LOCAL_META.includes(k));
  expect(meta(after.meta!)).toEqual(meta(before.meta!));
  // The log continues from the backup's log; the replacement's entry is kept as a superseded branch.
  const logBefore = JSON.parse(before.auditLog!) as unknown[];
  const logAfter = JSON.parse(after.auditLog!) as unknown[];
  expect(logAfter.slice(0, logBefore.length)).toEqual(logBefore);
  expect(JSON.stringify(logAfter.at(-1))).toContain('backup.restore');
  expect(after.auditSuperseded).toContain('draw.replace');
  await page.goto('/#/data-safety/log');
  await expect(page.getByTestId('audit-superseded-branch')).toContainText('替换');
  await page.getByTestId('audit-verify').click();
  await expect(page.getByTestId('audit-result')).toContainText('留痕完整');

  // The draw page, the record export, a replacement and 追加抽取 all work on the restored draw.
  await openDemoDraw(page);
  await expect(page.getByTestId('drawn-count')).toHaveText('40');
  const recordDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: /导出记录（JSON）/ }).click();
  const recordPath = join(dir, '抽取记录.json');
  await (await recordDownload).saveAs(recordPath);
  const record = JSON.parse(readFileSync(recordPath, 'utf8')) as { population: { ids: string[] } };
  expect(record.population.ids.length).toBeGreaterThan(1000);
  await replaceFirst(page);
  await expect(page.getByTestId('replaced-table')).toBeVisible();
  await page.getByRole('tab', { name: /各层情况/ }).click();
  await page
    .getByRole('button', { name: /^追加抽取 / })
    .first()
    .click();
  await page.getByLabel('原因').fill('该部门问题较多，追加抽查');
  await page.getByRole('button', { name: '确认追加' }).click();
  await expect(page.getByTestId('drawn-count')).toHaveText('41', { timeout: 30_000 });
});
