// 执法台账 → 导入记录: deleting a ledger a drawn campaign uses asks for a confirmation that names the
// campaign; the read-only and upgraded notices of a window that is not the writer.
import { describe, expect, it } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderWithApp } from './render-app';
import { getDatabase } from '../../renderer/db/database';
import { importCaseFiles, type NewImport } from '../../renderer/db/ledger-repository';
import { createCampaign } from '../../renderer/db/campaign-repository';
import { DrawService } from '../../renderer/workers/draw-service';
import { ImportList } from '../../renderer/ledgers/import-list';
import { StoreRoleBanner, StoreUpgradedGate } from '../../renderer/app/store-role-banner';
import { WriteGate } from '../../renderer/db/write-gate';
import { newImportMeta } from '../db/helpers';

const meta = (fileName: string, sha: string): NewImport =>
  newImportMeta({
    fileName,
    sha256: sha.repeat(64),
    fileSize: 100,
    headerRow: 0,
    headers: ['案件编号', '执法部门'],
    counts: { rowsRead: 0, errors: 0, warnings: 0, excluded: 0 },
  });

const records = (n: number, department: string, prefix: string) =>
  Array.from({ length: n }, (_, i) => ({
    itemId: `${department}|${prefix}-${i + 1}`,
    caseNo: `${prefix}-${i + 1}`,
    department,
    caseType: '行政处罚',
    cause: '',
    party: '',
    filedDate: null,
    closedDate: '2025-03-01',
    amountFen: null,
    officer: '',
    certNo: '',
    sourceRow: i + 2,
    raw: [`${prefix}-${i + 1}`, department],
  }));

describe('deleting a ledger that a drawn campaign uses', () => {
  it('names the campaign in the confirmation; cancel keeps it, 仍然删除 removes it', async () => {
    const db = getDatabase();
    const used = await importCaseFiles(db, meta('市场台账.xlsx', 'a'), records(12, '市场监督管理局', 'SJ'));
    const campaign = await createCampaign(db, {
      name: '第十一次行政执法案卷评查',
      year: 2025,
      periodFrom: null,
      periodTo: null,
      departments: [],
      caseTypes: [],
      createdBy: '李明',
    });
    await new DrawService(db).execute({
      campaignId: campaign.id,
      plan: { total: 3, stratifyBy: 'department', minimum: 1, sparesPerStratum: 0 },
      seed: '01382438112797316654',
      operator: '李明',
      witnesses: ['王芳'],
    });
    renderWithApp(<ImportList />);
    const row = (await screen.findByText('市场台账.xlsx')).closest('tr')!;
    fireEvent.click(within(row).getByRole('button', { name: '删除' }));
    const dialog = await screen.findByTestId('delete-import-confirm');
    expect(screen.getAllByText('此台账已用于抽取，确定删除？').length).toBeGreaterThan(0);
    expect(within(dialog).getByTestId('delete-import-campaigns')).toHaveTextContent(
      '第十一次行政执法案卷评查',
    );
    expect(dialog).toHaveTextContent('无法再用本机台账重新计算核验');

    fireEvent.click(screen.getAllByRole('button', { name: '取消' }).at(-1)!);
    // (jsdom has no animation end: antd leaves the closed dialog in the DOM, hidden.)
    expect(await db.imports.get(used.id)).toBeDefined();

    fireEvent.click(within(row).getByRole('button', { name: '删除' }));
    await waitFor(() => expect(screen.getAllByTestId('delete-import-confirm')).toHaveLength(2));
    fireEvent.click(screen.getAllByRole('button', { name: '仍然删除' }).at(-1)!);
    await waitFor(async () => expect(await db.imports.get(used.id)).toBeUndefined());
    expect(await screen.findByText('已删除该次导入')).toBeInTheDocument();
  });
});

describe('a window that is not the writer', () => {
  it('shows the read-only notice, then the take-over message; an upgrade shows only the reload screen', async () => {
    const gate = new WriteGate('reader');
    renderWithApp(
      <>
        <StoreRoleBanner gate={gate} />
        <StoreUpgradedGate gate={gate}>
          <p>页面内容</p>
        </StoreUpgradedGate>
      </>,
    );
    expect(await screen.findByTestId('store-read-only')).toHaveTextContent('本窗口为只读');
    expect(screen.getByText('页面内容')).toBeInTheDocument();
    act(() => gate.set('writer'));
    expect(await screen.findByTestId('store-took-over')).toHaveTextContent('本窗口现在可以编辑');
    expect(screen.queryByTestId('store-read-only')).toBeNull();
    act(() => gate.set('upgraded'));
    expect(await screen.findByTestId('store-upgraded')).toHaveTextContent('请重新载入本窗口');
    expect(screen.queryByText('页面内容')).toBeNull();
    expect(screen.getByRole('button', { name: '重新载入' })).toBeInTheDocument();
  });
});
