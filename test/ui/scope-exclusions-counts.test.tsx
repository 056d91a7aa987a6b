// The planner's scope notes come from counts the draw worker makes (ScopeCounts), never from a walk
// over the rows in render: here the page's case index is empty, yet the notes speak of 2,000,000 files.
import { describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import { ScopeExclusionsNote } from '../../renderer/campaigns/scope-exclusions-note';
import { DrawRunnerContext } from '../../renderer/campaigns/draw-runner-context';
import type { DrawRunner } from '../../renderer/workers/draw-client';
import { createCampaign } from '../../renderer/db/campaign-repository';
import { getDatabase } from '../../renderer/db/database';
import type { ScopeCounts } from '../../shared/draw/scope-exclusions';
import { renderWithApp } from './render-app';

const counts: ScopeCounts = {
  groups: [
    {
      department: '四川省市场监督管理局',
      caseType: '行政处罚',
      files: 1_500_000,
      closedDate: new Map<string | null, number>([
        ['2025-03-01', 1_000_000],
        ['2024-06-01', 300_000],
        [null, 200_000],
      ]),
      filedDate: new Map<string | null, number>([['2025-01-05', 1_500_000]]),
    },
    {
      department: '四川省交通运输厅',
      caseType: '行政检查',
      files: 500_000,
      closedDate: new Map<string | null, number>([[null, 500_000]]),
      filedDate: new Map<string | null, number>([['2025-04-02', 500_000]]),
    },
  ],
  reviewed: [],
};

describe('scope notes from the draw worker counts', () => {
  it('shows the reasons and the departments left out of 2,000,000 files without reading a row', async () => {
    const campaign = await createCampaign(getDatabase(), {
      name: '2025 年度评查',
      year: 2025,
      periodFrom: '2025-01-01',
      periodTo: '2025-12-31',
      departments: [],
      caseTypes: [],
      createdBy: '张三',
    });
    const scopeCounts = vi.fn(async () => counts);
    const runner = { scopeCounts } as unknown as DrawRunner;
    renderWithApp(
      <DrawRunnerContext.Provider value={() => runner}>
        <ScopeExclusionsNote campaign={campaign} reviewedBefore={undefined} actor="张三" />
      </DrawRunnerContext.Provider>,
    );
    const note = await screen.findByTestId('scope-exclusions');
    expect(note.textContent).toContain('已导入 2000000 件，纳入本次总体 1000000 件');
    expect(note.textContent).toContain(
      '无法判断是否在期间内：700000 件（行政检查 500000 件、行政处罚 200000 件）',
    );
    expect(note.textContent).toContain('不在评查期间内：300000 件');
    // Judging 行政检查 and 行政处罚 by their 检查/立案日期 would bring in what the hint says.
    expect(note.textContent).toContain('其中 1000000 件的立案/受理/检查日期在评查期间内');
    expect((await screen.findByTestId('scope-dropped-departments')).textContent).toContain(
      '四川省交通运输厅 500000 件（500000 件没有结案日期）',
    );
    expect(scopeCounts).toHaveBeenCalledWith(campaign.id);
  });
});
