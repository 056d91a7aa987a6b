// Issue 25: an error row is fixed in place in the import report — choose the error, correct the cell, Enter —
// the report is validated again and the fixed row imported, without leaving the wizard.
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ImportWizard } from '../../renderer/ledgers/import-wizard';
import { getDatabase } from '../../renderer/db/database';
import { listCommittedImports } from '../../renderer/db/ledger-repository';
import { renderWithApp } from './render-app';

const csv = new TextEncoder().encode(
  '\ufeff' +
    [
      '案号,执法部门,执法类别,当事人,立案日期,结案日期',
      'JT-001,德阳市交通运输局,行政处罚,某某运输公司,2025-01-05,2025-02-01',
      'JT-002,德阳市交通运输局,行政处罚,张某,2025-03-05,2025-03-20',
      'JT-004,德阳市交通运输局,行政处罚,王某,2025-05-10,2025-05-01',
    ].join('\r\n'),
);

describe('import report: error rows fixed in place', () => {
  it('choose the error, correct the cell, Enter: re-validated and the row imported', async () => {
    const user = userEvent.setup();
    renderWithApp(<ImportWizard />, [{ name: '交通台账.csv', bytes: csv }]);
    await user.click(screen.getByRole('button', { name: '选择台账文件…' }));
    await user.click(await screen.findByRole('button', { name: '生成校验报告' }));
    let report = await screen.findByTestId('import-report');
    expect(within(report).getByTestId('report-sentence').textContent).toContain(
      '导入 2 行 + 有错误不导入 1 行',
    );

    const fixer = within(report).getByTestId('error-cell-fixer');
    const select = within(fixer).getByRole('combobox', { name: '选择要改正的错误' });
    await user.click(select);
    await user.click(
      await screen.findByText(/^第 4 行“结案日期”：/, { selector: '.ant-select-item-option-content' }),
    );
    const field = within(fixer).getByRole('textbox', { name: '改正后的内容' });
    await waitFor(() => expect(field).toHaveValue('2025-05-01'));
    await user.click(field);
    await user.clear(field);
    await user.keyboard('2025-05-20{Enter}');

    await waitFor(() =>
      expect(screen.getByTestId('report-sentence').textContent).toContain('导入 3 行 + 有错误不导入 0 行'),
    );
    report = screen.getByTestId('import-report');
    expect(within(report).getByTestId('cell-edits').textContent).toBe(
      '已改正 1 个单元格：第 4 行“结案日期”“2025-05-01”→“2025-05-20”',
    );
    // nothing is written before the import
    expect(await listCommittedImports(getDatabase())).toHaveLength(0);
    await user.click(within(report).getByRole('button', { name: /导入 3 条有效记录/ }));
    await screen.findByText(/“交通台账.csv”导入完成/);
    const [imp] = await listCommittedImports(getDatabase());
    expect(imp!.counts).toMatchObject({ imported: 3, errors: 0 });
    expect(imp!.cellEdits).toHaveLength(1);
  });
});
