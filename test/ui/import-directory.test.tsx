import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ImportWizard } from '../../renderer/ledgers/import-wizard';
import { getDatabase } from '../../renderer/db/database';
import { listCommittedImports } from '../../renderer/db/ledger-repository';
import { listDirectory, saveDepartment } from '../../renderer/db/directory-repository';
import { renderWithApp } from './render-app';

const enc = new TextEncoder();
const csv = (lines: string[]) => enc.encode('\ufeff' + lines.join('\r\n'));

describe('import wizard with the department directory', () => {
  it("a department's own ledger: department and type inferred from the title and shown; footer excluded", async () => {
    const user = userEvent.setup();
    const file = csv([
      '德阳市生态环境局2024年度行政处罚案件台账,,,',
      '案号,当事人,立案日期,结案日期',
      '德环罚[2024]1号,某公司,2024-01-05,2024-02-01',
      '德环罚[2024]2号,张某,2024-03-05,2024-03-20',
      '填报人：刘某  审核人：陈某,,,',
    ]);
    renderWithApp(<ImportWizard />, [{ name: '生态环境局台账.csv', bytes: file }]);
    await user.click(screen.getByRole('button', { name: '选择台账文件…' }));
    const note = await screen.findByTestId('import-inferred');
    expect(note.textContent).toContain('本文件所属部门“德阳市生态环境局”（取自标题行');
    expect(note.textContent).toContain('统一案件类型“行政处罚”');
    await user.click(screen.getByRole('button', { name: '生成校验报告' }));
    const report = await screen.findByTestId('import-report');
    expect(within(report).getByText(/表尾签署行：1/)).toBeInTheDocument();
    await user.click(within(report).getByRole('button', { name: /导入 2 条有效记录/ }));
    await screen.findByText(/“生态环境局台账.csv”导入完成/);
    const dir = await listDirectory(getDatabase());
    expect(dir.map((d) => d.name)).toContain('德阳市生态环境局');
  });

  it('every name is resolved and shown; an unknown name is asked once (alias of which one)', async () => {
    const db = getDatabase();
    await saveDepartment(
      db,
      { name: '德阳市应急管理局', aliases: [], caseNoPrefixes: ['德应急罚'], kind: 'municipal' },
      '测试',
    );
    const user = userEvent.setup();
    const file = csv([
      '案件编号,办案单位,案件类型,当事人',
      '德应急罚〔2024〕1号,市应急管理局,行政处罚,甲',
      '德应急罚〔2024〕2号,德阳市应急管理局,行政处罚,乙',
      '德应急罚〔2024〕3号,安监科,行政处罚,丙',
      'Q-4,应急管理执法支队,行政处罚,丁',
    ]);
    renderWithApp(<ImportWizard />, [{ name: '应急台账.csv', bytes: file }]);
    await user.click(screen.getByRole('button', { name: '选择台账文件…' }));
    await user.click(await screen.findByRole('button', { name: '生成校验报告' }));
    const table = await screen.findByTestId('department-resolutions');
    expect(table.textContent).toContain('表中 4 个名称 → 2 个机构');
    expect(table.textContent).toContain('市名前缀');
    expect(table.textContent).toContain('案件编号前缀（德应急罚）');
    expect(table.textContent).toContain('名录中没有：将作为新机构');
    // every variant stored under another name is said in words, with its rows
    const merged = within(table).getByTestId('merged-departments');
    expect(merged.textContent).toContain('市应急管理局 → 按 德阳市应急管理局 计，共 1 行');
    expect(merged.textContent).toContain('安监科 → 按 德阳市应急管理局 计，共 1 行');
    expect(merged.textContent).not.toContain('应急管理执法支队 →');
    // answer: 应急管理执法支队 is an alias of 德阳市应急管理局
    await user.click(within(table).getByRole('combobox', { name: '“应急管理执法支队”记入' }));
    await user.click(await screen.findByText('是“德阳市应急管理局”的别名'));
    await waitFor(() =>
      expect(screen.getByTestId('department-resolutions').textContent).toContain('表中 4 个名称 → 1 个机构'),
    );
    expect(screen.getByTestId('merged-departments').textContent).toContain(
      '应急管理执法支队 → 按 德阳市应急管理局 计，共 1 行',
    );
    const report = screen.getByTestId('import-report');
    await user.click(within(report).getByRole('button', { name: /导入 4 条有效记录/ }));
    await screen.findByText(/“应急台账.csv”导入完成/);
    const [imp] = (await listCommittedImports(db)).filter((i) => i.fileName === '应急台账.csv');
    expect(imp!.departments).toEqual(['德阳市应急管理局']);
    const entry = (await listDirectory(db)).find((d) => d.name === '德阳市应急管理局')!;
    expect(entry.aliases).toEqual(expect.arrayContaining(['市应急管理局', '安监科', '应急管理执法支队']));
  });
});
