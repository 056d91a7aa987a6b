import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { idCheckChar } from '../../shared/officers/id-card';
import type { Officer } from '../../shared/officers/officer-model';
import { getDatabase } from '../../renderer/db/database';
import { importOfficerRecords } from '../../renderer/db/officers-repository';
import { readAuditLog } from '../../renderer/db/audit-repository';
import { OfficersImporterContext } from '../../renderer/officers/officers-context';
import { SheetImportWizard } from '../../renderer/officers/sheet-import-wizard';
import { ReviewTab } from '../../renderer/officers/review-tab';
import { createInProcessOfficersImporter } from '../../renderer/workers/officers-import-client';
import { DocumentRendererContext } from '../../renderer/workers/document-renderer-context';
import type { DocumentRenderer } from '../../renderer/workers/documents-protocol';
import { renderWithApp } from './render-app';
import { snapshot } from '../db/helpers';

const enc = new TextEncoder();
const idn = (first17: string) => first17 + idCheckChar(first17);

const noDocuments: DocumentRenderer = {
  render: () => Promise.reject(new Error('not in this test')),
  renderMany: () => Promise.reject(new Error('not in this test')),
  dispose: () => undefined,
};

function withOfficers(ui: ReactNode) {
  return (
    <OfficersImporterContext.Provider value={() => createInProcessOfficersImporter(getDatabase())}>
      <DocumentRendererContext.Provider value={() => noDocuments}>{ui}</DocumentRendererContext.Provider>
    </OfficersImporterContext.Provider>
  );
}

async function clearOfficers() {
  const db = getDatabase();
  await Promise.all([
    db.officers.clear(),
    db.annualReviews.clear(),
    db.reviewDecisions.clear(),
    db.auditLog.clear(),
  ]);
}

function registryCsv(): Uint8Array {
  const bad = idn('51060319800101001');
  const badCheck = bad.slice(0, 17) + (bad[17] === '1' ? '2' : '1');
  const lines = [
    '2025年度行政执法人员名册,,,,,,',
    '序号,姓名,身份证号码,所在单位,用工性质,执法证号,有效期至',
    `1,张三,${idn('51060319850312001')},市市场监督管理局,公务员,510601000001,2028-01-01`,
    `2,李四,${idn('51060319900101002')},市交通运输局,合同工,510602000001,2027-06-30`,
    `3,王五,${idn('51060319920202003')},市交通运输局,参公,510602000002,2029-12-31`,
    `4,赵六,${badCheck},市交通运输局,在编,510602000003,2029-12-31`,
    `5,钱七,${idn('51060319930303004')},市交通运输局,在编,510602000002,2029-12-31`,
  ];
  return enc.encode('\ufeff' + lines.join('\r\n'));
}

describe('officer registry import (UI)', () => {
  it('shows the report with errors per row and column before writing, then writes the valid rows at once', async () => {
    await clearOfficers();
    const user = userEvent.setup();
    renderWithApp(withOfficers(<SheetImportWizard target="officers" title="导入执法人员名册" />), [
      { name: '人员名册.csv', bytes: registryCsv() },
    ]);
    await user.click(screen.getByRole('button', { name: '选择人员名册文件…' }));
    await screen.findByRole('button', { name: '生成校验报告' });
    // The file preview masks ID numbers too.
    expect(document.body.textContent).not.toContain(idn('51060319850312001'));
    expect(document.body.textContent).toContain('510603********');
    await user.click(screen.getByRole('button', { name: '生成校验报告' }));
    const report = await screen.findByTestId('officers-import-report');
    const stat = (title: string) => within(report).getByText(title).closest('.ant-statistic')!.textContent;
    expect(stat('有效（将导入）')).toContain('3');
    expect(stat('错误（不导入）')).toContain('2');
    expect(within(report).getByText(/身份证号有误：1/)).toBeInTheDocument();
    expect(within(report).getByText(/执法证号重复：1/)).toBeInTheDocument();
    expect(within(report).getByText(/非在编人员持证：1/)).toBeInTheDocument();
    // Row and column of the bad ID number, with the number masked.
    const cells = within(report)
      .getAllByRole('row')
      .map((r) => r.textContent ?? '');
    expect(cells.some((t) => t.includes('6') && t.includes('身份证号码') && /校验位不正确/.test(t))).toBe(
      true,
    );
    expect(cells.some((t) => /第7行（钱七）执法证号 510602000002 与第5行重复/.test(t))).toBe(true);
    expect(await getDatabase().officers.count()).toBe(0);

    await user.click(within(report).getByRole('button', { name: '导入 3 条有效记录' }));
    expect(await screen.findByTestId('officers-import-done')).toHaveTextContent('新增 3 人');
    const stored = await getDatabase().officers.toArray();
    expect(stored.map((o) => o.name).sort()).toEqual(['张三', '李四', '王五'].sort());
    expect(stored.find((o) => o.name === '李四')!.employmentType).toBe('合同工');
    expect((await readAuditLog(getDatabase())).map((e) => e.action)).toContain('officers.import');
  });

  it('says in Chinese why a non-spreadsheet or a sheet without valid rows cannot be imported, and writes nothing', async () => {
    await clearOfficers();
    const user = userEvent.setup();
    const before = await snapshot(getDatabase());
    const { unmount } = renderWithApp(withOfficers(<SheetImportWizard target="officers" title="导入" />), [
      { name: '通知.pdf', bytes: enc.encode('%PDF-1.7\n%%EOF') },
    ]);
    await user.click(screen.getByRole('button', { name: '选择人员名册文件…' }));
    expect(await screen.findByTestId('officers-import-error')).toHaveTextContent(/通知\.pdf.*不是表格文件/);
    unmount();

    const noValid = enc.encode('姓名,执法部门,身份证号\r\n,市交通运输局,\r\n张三,,\r\n');
    renderWithApp(withOfficers(<SheetImportWizard target="officers" title="导入" />), [
      { name: '空名册.csv', bytes: noValid },
    ]);
    await user.click(screen.getByRole('button', { name: '选择人员名册文件…' }));
    await user.click(await screen.findByRole('button', { name: '生成校验报告' }));
    expect(await screen.findByTestId('no-valid-rows')).toHaveTextContent('没有有效行可以导入');
    expect(screen.getByRole('button', { name: '导入 0 条有效记录' })).toBeDisabled();
    expect(await snapshot(getDatabase())).toEqual(before);
  });
});

function officer(id: string, name: string, over: Partial<Officer> = {}): Officer {
  return {
    id,
    name,
    gender: null,
    idNumber: '',
    department: '市交通运输局',
    post: '',
    employmentType: '正式在编',
    certificateNo: `C-${id}`,
    areas: [],
    issueDate: '2023-01-01',
    expiryDate: '2027-12-31',
    status: '有效',
    statusHistory: [],
    inEnforcementPost: true,
    sanctions: [],
    lastEnforcementActDate: null,
    certificateIssues: [],
    ...over,
  };
}

describe('yearly review (UI)', () => {
  it('runs the rules, requires a reason to override a proposal, and applies the decision', async () => {
    await clearOfficers();
    const db = getDatabase();
    await importOfficerRecords(
      db,
      [officer('a', '张三'), officer('b', '李四', { employmentType: '临时工' }), officer('c', '王五')],
      {
        fileName: 't.xlsx',
        sheetName: 's',
        rowsRead: 3,
        counts: { valid: 3, errors: 0, warnings: 0, excluded: 0 },
        actor: '测试',
      },
    );
    const user = userEvent.setup();
    renderWithApp(withOfficers(<ReviewTab />));
    const year = screen.getByLabelText('年审年度');
    await user.clear(year);
    await user.type(year, '2025');
    fireEvent.change(screen.getByLabelText('年审日期'), { target: { value: '2026-01-15' } });
    await user.click(screen.getByRole('button', { name: /运行年审规则/ }));
    const stats = await screen.findByTestId('review-stats');
    const stat = (t: string) =>
      [...stats.querySelectorAll('.ant-statistic')].find(
        (e) => e.querySelector('.ant-statistic-title')?.textContent === t,
      )!.textContent;
    expect(stat('参审')).toContain('3');
    expect(stat('不通过（收回注销）')).toContain('1');
    // Training, exams, case files and acts had no data: reported as not evaluated, not as "fine".
    expect(screen.getByTestId('not-evaluated')).toHaveTextContent('未提供培训学时数据');

    await user.click(screen.getByTestId('override-C-b'));
    const modal = await screen.findByTestId('decision-modal');
    expect(modal).toHaveTextContent('非正式在编人员持证');
    await user.click(within(modal).getByLabelText('审核结论'));
    await user.click(await screen.findByTitle('暂扣'));
    await user.click(screen.getByRole('button', { name: '记录结论' }));
    expect(await screen.findByText('改为“暂扣”必须填写理由')).toBeInTheDocument();
    expect(await db.reviewDecisions.count()).toBe(0);
    await user.type(within(modal).getByLabelText('理由'), '已办理转编手续，暂扣待核');
    await user.click(screen.getByRole('button', { name: '记录结论' }));
    await waitFor(async () => expect(await db.reviewDecisions.count()).toBe(1));
    const d = (await db.reviewDecisions.toArray())[0]!;
    expect(d).toMatchObject({ officerId: 'b', proposed: 'fail', decided: 'suspend', overridden: true });
    expect((await db.officers.get('b'))!.status).toBe('暂扣');
    await waitFor(() => expect(stat('改变建议')).toContain('1'));

    // Batch-confirm takes only the clean passes.
    await user.click(screen.getByTestId('batch-confirm'));
    // Asked first, saying how many and who; nothing is decided until confirmed.
    expect((await screen.findByTestId('batch-confirm-summary')).textContent).toMatch(/将对以下 2 名人员/);
    expect(await db.reviewDecisions.count()).toBe(1);
    await user.click(screen.getByTestId('confirm-ok'));
    await waitFor(async () => expect(await db.reviewDecisions.count()).toBe(3));
  });
});
