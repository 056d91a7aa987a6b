// 批量导入 (issue 31): one action imports every queued ledger whose report has no errors, stops at the file
// that needs the user, and can be cancelled with the current file unwritten. No request carries stored ids.
import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ImportWizard } from '../../renderer/ledgers/import-wizard';
import { AppProviders } from '../../renderer/app/app-providers';
import { getDatabase } from '../../renderer/db/database';
import { listCommittedImports } from '../../renderer/db/ledger-repository';
import { createInProcessImporter } from '../../renderer/workers/ledger-import-client';
import { cancelledError } from '../../shared/util/cancel';
import type { AnalyseRequest, LedgerImporter } from '../../renderer/workers/ledger-import-protocol';
import { setPlatform } from '../../renderer/platform';
import { fakePlatform } from './render-app';

const enc = new TextEncoder();
function ledger(prefix: string, department: string, rows: number, bad = false): Uint8Array {
  const lines = ['案件编号,执法部门,案件类型,立案日期,结案日期'];
  for (let i = 1; i <= rows; i++) lines.push(`${prefix}-${i},${department},行政处罚,2025-01-05,2025-02-01`);
  if (bad) lines.push(`${prefix}-X,${department},行政处罚,2025-05-10,2025-05-01`); // closed before filed
  return enc.encode(lines.join('\r\n'));
}

const files = [
  { name: '一.csv', bytes: ledger('JT', '德阳市交通运输局', 5) },
  { name: '二.csv', bytes: ledger('SJ', '德阳市市场监督管理局', 7) },
  { name: '三.csv', bytes: ledger('YJ', '德阳市应急管理局', 3, true) },
  { name: '四.csv', bytes: ledger('WJ', '德阳市卫生健康委员会', 4) },
];

/** The in-process importer, recording every analyse request; `hold` keeps one file's check waiting for 取消. */
function recordingImporter(
  requests: AnalyseRequest[],
  hold?: string,
  holdReading?: string,
): () => LedgerImporter {
  return () => {
    const inner = createInProcessImporter(getDatabase());
    const names = new Map<string, string>();
    return {
      ...inner,
      // reading is stopped by stopping the worker: a held read never answers, as a stopped worker's
      dispose: () => inner.dispose(),
      open: async (file, encoding, onProgress) => {
        if (file.name === holdReading) await new Promise<never>(() => undefined);
        const opened = await inner.open(file, encoding, onProgress);
        names.set(opened.fileKey, opened.name);
        return opened;
      },
      analyse: async (request, onProgress, signal) => {
        requests.push(request);
        if (names.get(request.fileKey) === hold) {
          // held until the call's own signal is aborted by 取消
          await new Promise<void>((r) => signal?.addEventListener('abort', () => r()));
          throw cancelledError();
        }
        return inner.analyse(request, onProgress, signal);
      },
    };
  };
}

function renderWizard(makeImporter: () => LedgerImporter, picked = files) {
  setPlatform(fakePlatform(picked));
  render(
    <AppProviders makeImporter={makeImporter}>
      <ImportWizard />
    </AppProviders>,
  );
}

describe('批量导入', () => {
  it('imports the clean files in one action, stops at the file with errors, and goes on from there', async () => {
    const user = userEvent.setup();
    const requests: AnalyseRequest[] = [];
    renderWizard(recordingImporter(requests));
    await user.click(screen.getByRole('button', { name: '选择台账文件…' }));
    await user.click(await screen.findByRole('button', { name: '批量导入（4 个文件）' }));

    // 一 and 二 are imported; 三 has a row with an error: the batch stops at its report, 四 still queued.
    const report = await screen.findByTestId('import-report', {}, { timeout: 20_000 });
    expect(within(report).getByText('三.csv · 工作表“三”')).toBeInTheDocument();
    expect(screen.getByTestId('import-batch-note').textContent).toBe(
      '批量导入已导入 2 个文件、12 件案卷；“三.csv”有 1 行错误，请查看校验报告后决定。',
    );
    expect((await listCommittedImports(getDatabase())).map((r) => r.fileName)).toEqual(['一.csv', '二.csv']);
    expect(screen.getByText('队列中还有 1 个文件')).toBeInTheDocument();

    // The user decides (imports the valid rows), then the batch goes on with the rest.
    await user.click(within(report).getByRole('button', { name: /导入 3 条有效记录/ }));
    await screen.findByText(/“三.csv”导入完成/);
    await user.click(screen.getByRole('button', { name: '批量导入（1 个文件）' }));
    await waitFor(() =>
      expect(screen.getByTestId('import-batch-note').textContent).toBe(
        '批量导入已导入 1 个文件、4 件案卷，队列中的文件都已处理。',
      ),
    );
    expect((await listCommittedImports(getDatabase())).map((r) => r.fileName)).toEqual([
      '一.csv',
      '二.csv',
      '三.csv',
      '四.csv',
    ]);
    // Each check asked for the file's settings only: the stored ids never travel with a request.
    expect(requests).toHaveLength(4);
    for (const r of requests) {
      expect(Object.keys(r).sort()).toEqual([
        'defaultCaseType',
        'defaultDepartment',
        'departmentChoices',
        'fileKey',
        'headerRow',
        'mapping',
        'sheetIndex',
      ]);
      expect(JSON.stringify(r).length).toBeLessThan(400);
    }
  }, 60_000);

  it('取消 stops the batch with the current file unwritten and says what was imported', async () => {
    const user = userEvent.setup();
    const before = (await listCommittedImports(getDatabase())).length;
    const picked = [
      { name: '甲.csv', bytes: ledger('JA', '德阳市交通运输局', 5) },
      { name: '乙.csv', bytes: ledger('YI', '德阳市市场监督管理局', 7) },
      { name: '丙.csv', bytes: ledger('BI', '德阳市应急管理局', 2) },
    ];
    renderWizard(recordingImporter([], '乙.csv'), picked);
    await user.click(screen.getByRole('button', { name: '选择台账文件…' }));
    await user.click(await screen.findByRole('button', { name: '批量导入（3 个文件）' }));
    const progress = await screen.findByTestId('import-progress', {}, { timeout: 20_000 });
    await within(progress).findByText(/批量导入第 2 \/ 3 个文件：正在校验“乙.csv”/, {}, { timeout: 20_000 });
    await user.click(within(progress).getByRole('button', { name: '取消' }));
    expect((await screen.findByTestId('import-batch-note')).textContent).toBe(
      '已取消批量导入：批量导入已导入 1 个文件、5 件案卷；“乙.csv”未导入，数据库中没有它的任何数据。',
    );
    const stored = await listCommittedImports(getDatabase());
    expect(stored.slice(before).map((r) => r.fileName)).toEqual(['甲.csv']);
    expect(await getDatabase().imports.count()).toBe(before + 1); // nothing pending of 乙 or 丙
    expect(screen.queryByText(/队列中还有/)).toBeNull();
    expect(screen.getByRole('button', { name: '选择台账文件…' })).toBeInTheDocument();
  }, 60_000);

  it('取消 while a queued file is being read stops the batch there and says what was imported', async () => {
    const user = userEvent.setup();
    const before = (await listCommittedImports(getDatabase())).length;
    const picked = [
      { name: '子.csv', bytes: ledger('ZI', '德阳市交通运输局', 3) },
      { name: '丑.csv', bytes: ledger('CH', '德阳市市场监督管理局', 4) },
    ];
    renderWizard(recordingImporter([], undefined, '丑.csv'), picked);
    await user.click(screen.getByRole('button', { name: '选择台账文件…' }));
    await user.click(await screen.findByRole('button', { name: '批量导入（2 个文件）' }));
    const progress = await screen.findByTestId('import-progress', {}, { timeout: 20_000 });
    await within(progress).findByText(/批量导入第 2 \/ 2 个文件：正在读取“丑.csv”/, {}, { timeout: 20_000 });
    await user.click(within(progress).getByRole('button', { name: '取消' }));
    expect((await screen.findByTestId('import-batch-note')).textContent).toBe(
      '已取消批量导入：批量导入已导入 1 个文件、3 件案卷；“丑.csv”未导入，数据库中没有它的任何数据。',
    );
    expect((await listCommittedImports(getDatabase())).slice(before).map((r) => r.fileName)).toEqual([
      '子.csv',
    ]);
    expect(screen.getByRole('button', { name: '选择台账文件…' })).toBeInTheDocument();
  }, 60_000);
});
