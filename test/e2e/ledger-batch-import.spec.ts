// Issue 31 in Chromium: 批量导入 of several queued ledgers in one action (the worker's own stored-id index
// finds a duplicate of an earlier file), stopping at the file with errors; after a reload the case index,
// built in its worker and transferred, shows every row, the departments and the matrix.
import { expect, test } from './app-test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';

function csv(prefix: string, department: string, rows: number, extra: string[] = []): string {
  const lines = ['案件编号,执法部门,案件类型,立案日期,结案日期'];
  for (let i = 1; i <= rows; i++) lines.push(`${prefix}-${i},${department},行政处罚,2025-01-05,2025-02-01`);
  return [...lines, ...extra].join('\r\n');
}

test('批量导入 imports the clean ledgers, stops at the one with errors; a reload shows them all', async ({
  page,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'pingcha-batch-'));
  const files = [
    ['交通.csv', Buffer.from(csv('JT', '德阳市交通运输局', 300), 'utf8')],
    ['市场监管.csv', iconv.encode(csv('SJ', '德阳市市场监督管理局', 200), 'gbk')],
    // JT-7 is stored already (by the first file): the worker's index reports it as a stored duplicate
    [
      '应急.csv',
      Buffer.from(
        csv('YJ', '德阳市应急管理局', 50, ['JT-7,德阳市交通运输局,行政处罚,2025-01-05,2025-02-01']),
        'utf8',
      ),
    ],
    ['卫健.csv', Buffer.from(csv('WJ', '德阳市卫生健康委员会', 40), 'utf8')],
  ] as const;
  const paths = files.map(([name, bytes]) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  });
  await page.goto('/#/ledgers');
  await page.getByRole('tab', { name: '导入台账' }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '选择台账文件…' }).click();
  await (await chooser).setFiles(paths);
  await page.getByRole('button', { name: '批量导入（4 个文件）' }).click();

  await expect(page.getByTestId('import-batch-note')).toHaveText(
    '批量导入已导入 2 个文件、500 件案卷；“应急.csv”有 1 行错误，请查看校验报告后决定。',
  );
  const report = page.getByTestId('import-report');
  await expect(report.getByText('应急.csv · 工作表“应急”')).toBeVisible();
  await report.getByRole('button', { name: '导入 50 条有效记录' }).click();
  await expect(page.getByText('“应急.csv”导入完成')).toBeVisible();
  await page.getByRole('button', { name: '批量导入（1 个文件）' }).click();
  await expect(page.getByTestId('import-batch-note')).toHaveText(
    '批量导入已导入 1 个文件、40 件案卷，队列中的文件都已处理。',
  );

  await page.reload();
  await page.getByRole('tab', { name: '案卷浏览' }).click();
  await expect(page.getByTestId('browse-count')).toContainText('共 590 件');
  await page.getByRole('tab', { name: '统计矩阵' }).click();
  await expect(page.getByText('部门 × 案件类型 统计（共 590 件）')).toBeVisible();
  for (const d of ['德阳市交通运输局', '德阳市市场监督管理局', '德阳市应急管理局', '德阳市卫生健康委员会'])
    await expect(page.getByRole('cell', { name: d, exact: true })).toBeVisible();
});
