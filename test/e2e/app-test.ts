// Every e2e page answers the app's first question, "who is at the keyboard?", the way a clerk
// does: by typing a name into the operator dialog whenever it appears (Playwright's locator
// handler runs before any action the dialog would block). Specs import `test` from here.
import { test as base, expect, type Page } from '@playwright/test';

export const E2E_OPERATOR = '测试员';

export async function answerOperatorDialog(page: Page, name = E2E_OPERATOR): Promise<void> {
  await page.addLocatorHandler(page.getByRole('dialog', { name: '请先填写当前操作人员' }), async (dialog) => {
    // The dialog may close by itself meanwhile (a name saved in 设置 or another window): then there is
    // nothing to answer.
    try {
      await dialog.getByLabel('姓名').fill(name, { timeout: 5_000 });
      await dialog.getByRole('button', { name: '开始使用' }).click({ timeout: 5_000 });
    } catch {
      if (await dialog.isVisible()) throw new Error('操作人员对话框未能关闭');
    }
  });
}

// Every page of the test's context (the default page and any a spec opens itself).
export const test = base.extend({
  context: async ({ context }, use) => {
    context.on('page', (page) => void answerOperatorDialog(page));
    // Headless Chromium aborts the save dialog (showSaveFilePicker) at once: pages save as downloads,
    // as a browser without the dialog does (the dialog's own path is tested in test/ui).
    await context.addInitScript(() => {
      delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker;
    });
    await use(context);
  },
});

export { expect };
export type { Page };
