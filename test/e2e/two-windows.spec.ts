// Two windows of the app on one store (two real pages, one browser profile): exactly one writes; the
// other says so, refuses writes with a Chinese message and takes over when the writer closes. A newer
// app upgrading the store sends an old window to its reload screen.
import { expect, test } from './app-test';

const hideNotifications = () =>
  document.addEventListener('DOMContentLoaded', () => {
    const style = document.createElement('style');
    style.textContent = '.ant-notification { display: none !important; }';
    document.head.appendChild(style);
  });

test('one writer at a time: the second window is read-only and takes over when the first closes', async ({
  context,
}) => {
  await context.addInitScript(hideNotifications);
  const first = await context.newPage();
  await first.goto('/#/settings');
  await expect(first.getByRole('button', { name: '保存' }).first()).toBeVisible();
  await expect(first.getByTestId('store-read-only')).toHaveCount(0);

  const second = await context.newPage();
  await second.goto('/#/settings');
  const notice = second.getByTestId('store-read-only');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('本窗口为只读');
  await expect(notice).toContainText('那个窗口关闭后，本窗口会自动转为可编辑');

  // A write in the reader is refused with a Chinese message; nothing is stored.
  await second.getByPlaceholder('如：张三').fill('李四');
  await second.getByRole('button', { name: '保存' }).first().click();
  await expect(second.getByText(/本窗口为只读：评查台已在另一个窗口/)).toBeVisible();
  // The writer saves; the reader sees the writer's data (it reads the same store).
  await first.getByPlaceholder('如：张三').fill('王五');
  await first.getByRole('button', { name: '保存' }).first().click();
  await expect(first.getByText('已保存操作人员')).toBeVisible();
  await expect(second.getByPlaceholder('如：张三')).toHaveValue('王五');

  // The writer window closes: the reader becomes the writer by itself and can save.
  await first.close();
  await expect(second.getByTestId('store-took-over')).toBeVisible();
  await expect(notice).toHaveCount(0);
  await second.getByPlaceholder('如：张三').fill('赵六');
  await second.getByRole('button', { name: '保存' }).first().click();
  await expect(second.getByText('已保存操作人员')).toBeVisible();

  // A third window opened now is the reader, and reads what the new writer saved.
  const third = await context.newPage();
  await third.goto('/#/settings');
  await expect(third.getByTestId('store-read-only')).toBeVisible();
  await expect(third.getByPlaceholder('如：张三')).toHaveValue('赵六');
});

test('a newer app upgrading the store: the old window disconnects and asks to be reloaded', async ({
  context,
}) => {
  await context.addInitScript(hideNotifications);
  const old = await context.newPage();
  await old.goto('/#/settings');
  await old.getByPlaceholder('如：张三').fill('王五');
  await old.getByRole('button', { name: '保存' }).first().click();
  await expect(old.getByText('已保存操作人员')).toBeVisible();

  // Another page opens the same store one version higher (what a newer app does on start).
  const newer = await context.newPage();
  await newer.goto('/#/settings');
  const upgraded = await newer.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const probe = indexedDB.open('pingcha');
        probe.onsuccess = () => {
          const v = probe.result.version;
          probe.result.close();
          const req = indexedDB.open('pingcha', v + 10);
          req.onsuccess = () => {
            req.result.close();
            resolve(`${v}->${v + 10}`);
          };
          // 'blocked' is passing news, not a failure: the old window's workers close their own connections a
          // moment after the page's (another thread), and the upgrade goes on once they have. If one never
          // closed, onsuccess never comes and the test times out.
          req.onblocked = () => undefined;
          req.onerror = () => reject(req.error);
        };
        probe.onerror = () => reject(probe.error);
      }),
  );
  expect(upgraded).toMatch(/^\d+->\d+$/);
  await expect(old.getByTestId('store-upgraded')).toBeVisible();
  await expect(old.getByTestId('store-upgraded')).toContainText('请重新载入本窗口');
  await expect(old.getByRole('button', { name: '重新载入' })).toBeVisible();
});
