// Issue 12 as the user sees it: a hostile file, or a worker that dies while reading, gives the wizard's
// Chinese message, the page stays usable, and the store is exactly as it was.
import { describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Worker } from 'node:worker_threads';
import { ImportWizard } from '../../renderer/ledgers/import-wizard';
import { AppProviders } from '../../renderer/app/app-providers';
import { getDatabase } from '../../renderer/db/database';
import {
  createInProcessImporter,
  createWorkerImporter,
  type WorkerLike,
} from '../../renderer/workers/ledger-import-client';
import { setPlatform } from '../../renderer/platform';
import { fakePlatform, renderWithApp } from './render-app';
import { hugeReferenceXlsx, junkSheetsXlsx, lyingSizeXlsx } from '../fixtures/make-hostile';

async function storeCounts() {
  const db = getDatabase();
  return { imports: await db.imports.count(), chunks: await db.caseChunks.count() };
}

describe('import wizard: hostile files', () => {
  it('a cell reference beyond XFD: the message names file, sheet and cell; nothing written', async () => {
    const user = userEvent.setup();
    const before = await storeCounts();
    renderWithApp(<ImportWizard />, [{ name: '引用.xlsx', bytes: hugeReferenceXlsx() }]);
    await user.click(screen.getByRole('button', { name: '选择台账文件…' }));
    const msg = await screen.findByTestId('import-error');
    expect(msg.textContent).toContain('文件“引用.xlsx”的工作表“执法台账”');
    expect(msg.textContent).toContain('单元格 ZZZZZZZZZ1');
    expect(screen.getByText('数据库未作任何更改。')).toBeInTheDocument();
    expect(await storeCounts()).toEqual(before);
  });

  it('a ZIP entry lying about its size: "已损坏", nothing written', async () => {
    const user = userEvent.setup();
    const before = await storeCounts();
    renderWithApp(<ImportWizard />, [
      { name: '谎报.xlsx', bytes: lyingSizeXlsx(3000, () => 512 * 1024 * 1024) },
    ]);
    await user.click(screen.getByRole('button', { name: '选择台账文件…' }));
    const msg = await screen.findByTestId('import-error', {}, { timeout: 20_000 });
    expect(msg.textContent).toContain('文件“谎报.xlsx”已损坏');
    expect(await storeCounts()).toEqual(before);
  });

  it('other sheets are listed by name, read when chosen; a broken one gives "已损坏", nothing written', async () => {
    const user = userEvent.setup();
    const before = await storeCounts();
    renderWithApp(<ImportWizard />, [{ name: '多表.xlsx', bytes: junkSheetsXlsx() }]);
    await user.click(screen.getByRole('button', { name: '选择台账文件…' }));
    const picker = await screen.findByRole('combobox', { name: '工作表' }, { timeout: 20_000 });
    await user.click(picker);
    // the sheet read shows its rows; the others only their names (not read yet)
    expect(
      await screen.findByText('执法台账（32 行）', { selector: '.ant-select-item-option-content' }),
    ).toBeInTheDocument();
    await user.click(screen.getByText('备用', { selector: '.ant-select-item-option-content' }));
    await waitFor(() => expect(screen.getAllByText('备用（14 行）').length).toBeGreaterThan(0));
    await user.click(screen.getByRole('combobox', { name: '工作表' }));
    await user.click(await screen.findByText('损坏', { selector: '.ant-select-item-option-content' }));
    const msg = await screen.findByTestId('import-error');
    expect(msg.textContent).toContain('文件“多表.xlsx”已损坏');
    expect(screen.getByText('数据库未作任何更改。')).toBeInTheDocument();
    expect(await storeCounts()).toEqual(before);
  }, 60_000);

  it('a reading worker that dies of out-of-memory: Chinese message, the wizard still works', async () => {
    const user = userEvent.setup();
    const before = await storeCounts();
    let spawned = 0;
    const dying = (): WorkerLike => {
      spawned++;
      const w = new Worker(
        `const { parentPort } = require('node:worker_threads');
         parentPort.on('message', () => { const keep = []; for (;;) keep.push(new Array(1e5).fill({})); });`,
        { eval: true, resourceLimits: { maxOldGenerationSizeMb: 48 } },
      );
      const like: WorkerLike = {
        onmessage: null,
        onerror: null,
        postMessage: (m) => w.postMessage(m),
        terminate: () => void w.terminate(),
      };
      w.on('message', (data: unknown) => like.onmessage?.({ data }));
      w.on('error', (e: Error) => like.onerror?.({ message: e.message }));
      return like;
    };
    setPlatform(fakePlatform([{ name: '台账.xlsx', bytes: hugeReferenceXlsx('B1') }]));
    render(
      <AppProviders makeImporter={() => createWorkerImporter({ spawn: dying })}>
        <ImportWizard />
      </AppProviders>,
    );
    await user.click(screen.getByRole('button', { name: '选择台账文件…' }));
    const msg = await screen.findByTestId('import-error', {}, { timeout: 30_000 });
    expect(msg.textContent).toContain('后台读取程序意外停止（内存不足）');
    expect(msg.textContent).not.toMatch(/heap|memory|RangeError/i);
    expect(await storeCounts()).toEqual(before);
    // the page survives: back to the start, the file can be chosen again (a fresh worker is started)
    await user.click(screen.getByRole('button', { name: '返回' }));
    await user.click(screen.getByRole('button', { name: '选择台账文件…' }));
    await screen.findByTestId('import-error', {}, { timeout: 30_000 });
    expect(spawned).toBe(2);
  }, 90_000);

  it('the in-process importer (used when workers are unavailable) gives the same messages', async () => {
    const importer = createInProcessImporter(getDatabase());
    const e = await importer.open({ name: 'x.xlsx', bytes: hugeReferenceXlsx() }, 'auto').then(
      () => null,
      (err: Error) => err,
    );
    expect(e?.message).toContain('ZZZZZZZZZ1');
  });
});
