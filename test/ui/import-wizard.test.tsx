import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import ExcelJS from 'exceljs';
import { ImportWizard } from '../../renderer/ledgers/import-wizard';
import { getDatabase } from '../../renderer/db/database';
import { listCommittedImports } from '../../renderer/db/ledger-repository';
import { renderWithApp } from './render-app';

const enc = new TextEncoder();

function ledgerCsv(): Uint8Array {
  const lines = [
    '德阳市交通运输局2025年度行政执法案件台账,,,,,',
    '案号,执法部门,执法类别,当事人,立案日期,结案日期,罚没款（元）,备注',
    'JT-001,德阳市交通运输局,行政处罚,某某运输公司,2025-1-5,2025年2月1日,"1,200",A',
    'JT-002,德阳市交通运输局,行政处罚,张某,2025/03/05,2025.3.20,500元,B',
    'JT-003,德阳市交通运输局,行政检查,李某,20250401,20250402,,C',
    'JT-003,德阳市交通运输局,行政检查,李某,20250401,20250402,,重复',
    'JT-004,德阳市交通运输局,行政处罚,王某,2025-05-10,2025-05-01,100,结案早于立案',
    '合计,,,,,,"1,800",',
  ];
  return enc.encode('\ufeff' + lines.join('\r\n'));
}

describe('import wizard', () => {
  it('takes a messy CSV through mapping and report to an atomic import, keeping unmapped columns', async () => {
    const user = userEvent.setup();
    const { platform } = renderWithApp(<ImportWizard />, [{ name: '交通台账.csv', bytes: ledgerCsv() }]);
    await user.click(screen.getByRole('button', { name: '选择台账文件…' }));
    // Header found under the title row; mapping suggested from the Chinese synonyms.
    await screen.findByText('生成校验报告');
    expect(screen.getByText(/未对应的列（备注）会随原始单元格一并保存/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '生成校验报告' }));
    const report = await screen.findByTestId('import-report');
    const stat = (title: string) => within(report).getByText(title).closest('.ant-statistic')!.textContent;
    expect(stat('有效（将导入）')).toContain('3');
    expect(stat('错误（不导入）')).toContain('2');
    expect(stat('排除（合计、表尾、空行）')).toContain('1');
    expect(within(report).getByText(/文件内重复：1/)).toBeInTheDocument();
    expect(within(report).getByText(/结案早于立案：1/)).toBeInTheDocument();
    // One sentence that adds up (6 data rows read), and the refused rows exported to correct.
    expect(within(report).getByTestId('report-sentence').textContent).toBe(
      '读取 6 行 = 导入 3 行 + 有错误不导入 2 行 + 排除（合计、表尾、空行）1 行。',
    );
    await user.click(within(report).getByTestId('export-rows-to-fix'));
    await waitFor(() => expect(platform.saved).toHaveLength(1));
    expect(platform.saved[0]!.name).toBe('交通台账-待修改的行.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(platform.saved[0]!.bytes) as unknown as ArrayBuffer);
    const fix = wb.getWorksheet('待修改的行')!;
    expect(fix.getRow(1).getCell(1).value).toBe('原行号');
    expect([2, 3].map((n) => fix.getRow(n).getCell(1).value)).toEqual([6, 7]);
    expect(String(fix.getRow(2).getCell(2).value)).toBe('JT-003');
    expect(String(fix.getRow(3).getCell(10).value)).toContain('结案日期 2025-05-01 早于立案日期');
    // Nothing is written before the user confirms.
    expect(await listCommittedImports(getDatabase())).toHaveLength(0);
    await user.click(within(report).getByRole('button', { name: /导入 3 条有效记录/ }));
    await screen.findByText(/“交通台账.csv”导入完成/);
    const [imp] = await listCommittedImports(getDatabase());
    expect(imp).toMatchObject({ fileName: '交通台账.csv', encoding: 'utf-8', headerRow: 1 });
    expect(imp!.counts).toMatchObject({ imported: 3, errors: 2, excluded: 1 });
    const chunk = (await getDatabase().rawChunks.toArray())[0]!;
    expect(chunk.raw[0]).toContain('A'); // the unmapped 备注 column travels with the row
    expect(imp!.headers).toContain('备注');
  });

  it('says in Chinese why a PDF cannot be imported and writes nothing', async () => {
    const user = userEvent.setup();
    const pdf = enc.encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF');
    renderWithApp(<ImportWizard />, [{ name: '通知.pdf', bytes: pdf }]);
    const before = await getDatabase().imports.count();
    await user.click(screen.getByRole('button', { name: '选择台账文件…' }));
    const msg = await screen.findByTestId('import-error');
    expect(msg.textContent).toMatch(/通知\.pdf/);
    expect(msg.textContent).toMatch(/[\u4e00-\u9fa5]/);
    expect(screen.getByText('数据库未作任何更改。')).toBeInTheDocument();
    await waitFor(async () => expect(await getDatabase().imports.count()).toBe(before));
  });
});
