// 评查组与分配 → 校准案卷: a choice of two files is refused with the Chinese message and nothing stored;
// once the calibration files are settled, each reviewer's agreement with the lead's settled sheet is shown
// and the reviewer far off is flagged.
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { getDatabase } from '../../renderer/db/database';
import { ReviewPage } from '../../renderer/review/review-page';
import { finaliseFile, saveSheet, submitSheet } from '../../renderer/db/score-repository';
import { setCalibrationFiles } from '../../renderer/db/panel-repository';
import { CAMPAIGN, setupCoordinator } from '../db/package-fixtures';
import { renderWithApp } from './render-app';

describe('校准案卷 card', () => {
  it('refuses two files with a message, and shows each reviewer against the settled sheets', async () => {
    const db = getDatabase();
    await setupCoordinator(db, 8);
    const record = (await db.assignments.get(CAMPAIGN))!.record;
    const ofR1 = record.result.filter((e) => e.reviewerIds[0] === 'r1').map((e) => e.itemId);
    const caseNoOf = (id: string) => record.files.find((f) => f.itemId === id)!.caseNo!;

    renderWithApp(<ReviewPage />);
    fireEvent.click(await screen.findByRole('tab', { name: '评查组与分配' }, { timeout: 20_000 }));
    const card = await screen.findByTestId('calibration-card');
    fireEvent.mouseDown(within(card).getByRole('combobox', { name: '校准案卷' }));
    for (const id of ofR1.slice(0, 2))
      fireEvent.click(await screen.findByTitle(new RegExp(`^${caseNoOf(id)}`)));
    fireEvent.click(within(card).getByTestId('calibration-save'));
    expect((await within(card).findByTestId('calibration-error')).textContent).toContain(
      '校准案卷须选 3-5 件（现选 2 件）',
    );
    expect((await db.campaigns.get(CAMPAIGN))!.calibrationItemIds).toBeUndefined();

    // The office marks three of r1's files; both reviewers score them, the lead settles them on r1's sheet.
    const chosen = ofR1.slice(0, 3);
    await setCalibrationFiles(db, { campaignId: CAMPAIGN, itemIds: chosen, actor: '组织者' });
    for (const itemId of chosen) {
      const sheetOf = (reviewerId: string, deductions: { itemId: string; optionId: string }[]) =>
        saveSheet(db, {
          campaignId: CAMPAIGN,
          itemId,
          reviewerId,
          caseType: '行政处罚',
          sheet: { deductions: deductions.map((d) => ({ ...d, count: 1, problem: '问题' })), vetoes: [] },
          actor: reviewerId,
        });
      await sheetOf('r1', [{ itemId: 'pen-doc-1', optionId: 'pen-doc-1-d1' }]);
      await sheetOf('r2', [{ itemId: 'pen-arch-1', optionId: 'pen-arch-1-d1' }]);
      for (const r of ['r1', 'r2'])
        await submitSheet(db, { campaignId: CAMPAIGN, itemId, reviewerId: r, actor: r });
      await finaliseFile(db, { campaignId: CAMPAIGN, itemId, lead: '组长' });
    }

    const table = await screen.findByTestId('calibration-agreement');
    await waitFor(() => expect(table.textContent).toContain('3 件'));
    const row = (name: string) => within(table).getByText(name).closest('tr')!.textContent ?? '';
    expect(row('王评查')).toContain('100.0%');
    expect(row('王评查')).toContain('与定稿基本一致');
    expect(row('李律师')).toContain('偏离较大，建议评查前沟通');
    expect(within(card).getByText(/校准案卷 3 件，已复核定稿 3 件/)).toBeInTheDocument();

    // 逐卷评查: 李律师 (assigned none of them) has the three calibration files first in her queue, marked 校准.
    fireEvent.click(screen.getByRole('tab', { name: '逐卷评查' }));
    fireEvent.mouseDown(await screen.findByRole('combobox', { name: '当前评查人员' }));
    fireEvent.click(await screen.findByTitle(/^李律师/));
    const queue = await screen.findByTestId('reviewer-queue');
    await waitFor(() => expect(within(queue).getAllByText('校准')).toHaveLength(3));
    // Queue entries are buttons (reachable by Tab, opened with Enter).
    const items = within(queue).getAllByRole('button');
    expect(
      items.slice(0, 3).map((li) => chosen.find((id) => li.textContent!.includes(caseNoOf(id)))),
    ).toEqual(chosen);
  }, 60_000);
});
