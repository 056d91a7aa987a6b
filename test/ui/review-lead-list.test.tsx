// The lead's 复核 list: a 待复核 filter, and the filter and page kept when a file is finalised.
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { getDatabase } from '../../renderer/db/database';
import { addReviewer, createAssignment, type DrawnFile } from '../../renderer/db/panel-repository';
import { ensureDefaultStandards } from '../../renderer/db/standards-repository';
import { finaliseFile, submitNoProblemsFound } from '../../renderer/db/score-repository';
import { ReviewPage } from '../../renderer/review/review-page';
import { renderWithApp } from './render-app';

describe('lead 复核 list', () => {
  it('filters 待复核 and keeps the filter and the page after each 定稿', async () => {
    const db = getDatabase();
    await ensureDefaultStandards(db);
    await db.campaigns.add({
      id: 'cl',
      name: '复核列表测试',
      year: 2026,
      periodFrom: null,
      periodTo: null,
      departments: [],
      caseTypes: [],
      createdAt: '2026-01-01T00:00:00.000Z',
      createdBy: '测试',
      isDemo: false,
      standards: [],
      standardsFrozenAt: null,
    });
    const r = await addReviewer(db, 'cl', { name: '张三', unit: '司法局', role: '律师', conflicts: [] });
    const files: DrawnFile[] = Array.from({ length: 40 }, (_, i) => ({
      itemId: `交通运输局|交罚-${i + 1}`,
      department: '交通运输局',
      caseNo: `交罚-${i + 1}`,
      caseType: '行政处罚',
    }));
    await createAssignment(db, { campaignId: 'cl', files, perFile: 1, seed: 's', actor: '组长' });
    // 20 files submitted (待复核), 20 not started.
    for (const f of files.slice(0, 20))
      await submitNoProblemsFound(db, {
        campaignId: 'cl',
        itemId: f.itemId,
        reviewerId: r.id,
        caseType: '行政处罚',
        actor: '张三',
      });
    const user = userEvent.setup();
    renderWithApp(<ReviewPage />);
    await user.click(await screen.findByRole('tab', { name: '复核' }));
    const list = await screen.findByTestId('lead-files');
    const wrapper = list.closest<HTMLElement>('.ant-table-wrapper')!;
    await user.click(screen.getByRole('combobox', { name: '按复核状态筛选' }));
    await user.click(await screen.findByTitle('待复核（20）'));
    const rowsShown = () => list.querySelectorAll('tbody tr.ant-table-row');
    await waitFor(() => expect(rowsShown()).toHaveLength(15));
    expect([...rowsShown()].every((tr) => tr.textContent!.includes('待复核'))).toBe(true);
    await user.click(within(wrapper).getByTitle('2'));
    await waitFor(() => expect(rowsShown()).toHaveLength(5));
    // One file finalised (elsewhere or here): the list stays filtered, on its page.
    await finaliseFile(db, { campaignId: 'cl', itemId: files[0]!.itemId, lead: '组长' });
    await waitFor(() => expect(rowsShown()).toHaveLength(4));
    expect(screen.getByTitle('待复核（19）')).toBeInTheDocument();
    expect(within(wrapper).getByTitle('2').className).toContain('ant-pagination-item-active');
  });
});
