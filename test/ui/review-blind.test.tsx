// Blind review on a shared office machine: 王评查 is at the keyboard while 李律师 has already submitted her
// sheet of the same file. No page (逐卷评查, 复核, 操作留痕) and no package shows 王评查 her deductions or
// her score until he has submitted too; then the 复核 shows both.
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { gunzipSync, strFromU8 } from 'fflate';
import { getDatabase, type PingchaDatabase } from '../../renderer/db/database';
import { ReviewPage } from '../../renderer/review/review-page';
import { AuditLogPage } from '../../renderer/audit/audit-log-page';
import { saveSheet, submitSheet } from '../../renderer/db/score-repository';
import { exportAssignmentPackage } from '../../renderer/db/package-repository';
import { OPERATOR_AREA, writeSettings } from '../../renderer/db/settings-repository';
import { operatorSettingsSchema } from '../../shared/util/operator-settings';
import { assignReviewers } from '../../shared/assignment/assign-reviewers';
import { scoreCaseFile, type ScoreSheet } from '../../shared/review/scoring-engine';
import { formatHalfPoints } from '../../shared/standards/standard-model';
import { CAMPAIGN, setupCoordinator, std } from '../db/package-fixtures';
import { renderWithApp } from './render-app';

// 李律师's finding: a text and a total that appear nowhere else.
const HER_PROBLEM = '卷内缺少送达回证李律师独见';
const HIS_PROBLEM = '文书格式王评查草稿所见';
const hers: ScoreSheet = {
  deductions: [
    { itemId: 'pen-discretion-1', optionId: 'pen-discretion-1-d3', count: 1, problem: HER_PROBLEM },
    { itemId: 'pen-doc-2', optionId: 'pen-doc-2-d1', count: 1, problem: HER_PROBLEM + '二' },
  ],
  vetoes: [],
};
const HER_TOTAL = formatHalfPoints(scoreCaseFile(std, hers).totalHalfPoints); // 94.5: no other sheet has it

async function setup(db: PingchaDatabase) {
  const cases = await setupCoordinator(db, 2);
  const record = (await db.assignments.get(CAMPAIGN))!.record;
  const both = assignReviewers({
    files: cases.map((c) => ({ itemId: c.itemId, department: c.department, caseNo: c.caseNo })),
    reviewers: record.reviewers,
    perFile: 2,
    seed: 'seed',
  });
  if (!both.ok) throw new Error(both.errors.join());
  await db.assignments.put({ campaignId: CAMPAIGN, record: both.record });
  const file = cases[0]!;
  const base = { campaignId: CAMPAIGN, itemId: file.itemId, caseType: '行政处罚' };
  await saveSheet(db, { ...base, reviewerId: 'r2', sheet: hers, actor: '李律师' });
  await submitSheet(db, { campaignId: CAMPAIGN, itemId: file.itemId, reviewerId: 'r2', actor: '李律师' });
  const his: ScoreSheet = {
    deductions: [{ itemId: 'pen-doc-1', optionId: 'pen-doc-1-d1', count: 1, problem: HIS_PROBLEM }],
    vetoes: [],
  };
  await saveSheet(db, { ...base, reviewerId: 'r1', sheet: his, actor: '王评查' });
  await writeSettings(db, OPERATOR_AREA, operatorSettingsSchema, { name: '王评查' });
  return { cases, file };
}

const pageText = () => document.body.textContent ?? '';
const expectNothingOfHers = () => {
  expect(pageText()).not.toContain(HER_PROBLEM);
  expect(pageText()).not.toContain(`${HER_TOTAL} 分`);
  expect(pageText()).not.toContain(`−${formatHalfPoints(10)}`); // her 5-point deduction
};

describe('blind review: no path to the other reviewer’s scores before both submit', () => {
  it('逐卷评查, 复核, 操作留痕 and the assignment package show nothing of her sheet; after both submit the 复核 shows both', async () => {
    const db = getDatabase();
    const { cases, file } = await setup(db);
    expect(HER_TOTAL).toBe('94.5');

    // 逐卷评查: his own draft is there, hers is not.
    const view = renderWithApp(<ReviewPage />);
    await waitFor(() => expect(screen.getByTestId('current-reviewer').textContent).toContain('王评查'), {
      timeout: 20_000,
    });
    fireEvent.click(await screen.findByTestId(`queue-${file.caseNo}`));
    await screen.findByTestId('case-header');
    await waitFor(() => expect(pageText()).toContain(HIS_PROBLEM));
    expectNothingOfHers();

    // He picks 李律师 as the current reviewer (anyone can, there are no accounts): a file he scores himself
    // stays closed while it is not submitted by everyone.
    fireEvent.mouseDown(screen.getByRole('combobox', { name: '当前评查人员' }));
    fireEvent.click(await screen.findByTitle(/^李律师/));
    fireEvent.click(await screen.findByTestId(`queue-${file.caseNo}`));
    expect((await screen.findByTestId('blind-blocked')).textContent).toContain('背靠背评查');
    expectNothingOfHers();
    expect(screen.queryByTestId('case-header')).toBeNull();

    // 复核 (the tab is open to whoever is at the keyboard): the file is listed, its contents are not.
    fireEvent.click(screen.getByRole('tab', { name: '复核' }));
    const list = await screen.findByTestId('lead-files');
    fireEvent.click(within(list).getByText(file.caseNo));
    const pane = await screen.findByTestId('lead-pane');
    expect(pane.textContent).toContain('评查人员尚未全部提交');
    expect(pane.textContent).toContain('李律师已提交');
    expectNothingOfHers();
    expect(pageText()).not.toContain(HIS_PROBLEM);
    view.unmount();

    // 操作留痕: her submission is logged without her score.
    const audit = renderWithApp(<AuditLogPage />);
    await waitFor(() => expect(pageText()).toContain('评分表提交'), { timeout: 20_000 });
    expectNothingOfHers();
    expect(pageText()).not.toContain(HER_TOTAL);
    audit.unmount();

    // His assignment package (for a laptop) carries his sheet and nothing of hers.
    const pkg = await exportAssignmentPackage(db, {
      campaignId: CAMPAIGN,
      reviewerId: 'r1',
      cases,
      actor: '组织者',
      appVersion: '0.1.0',
    });
    const json = strFromU8(gunzipSync(pkg.bytes));
    expect(json).toContain(HIS_PROBLEM);
    expect(json).not.toContain(HER_PROBLEM);
    expect(json).not.toContain('李律师');

    // Once he has submitted too, the 复核 shows both sheets (so the checks above could see them).
    await submitSheet(db, { campaignId: CAMPAIGN, itemId: file.itemId, reviewerId: 'r1', actor: '王评查' });
    renderWithApp(<ReviewPage />);
    fireEvent.click(await screen.findByRole('tab', { name: '复核' }, { timeout: 20_000 }));
    fireEvent.click(within(await screen.findByTestId('lead-files')).getByText(file.caseNo));
    const table = await screen.findByTestId('compare-table');
    await waitFor(() => expect(table.textContent).toContain(HER_PROBLEM));
    expect(table.textContent).toContain(HIS_PROBLEM);
    expect(screen.getByTestId('compare-summary').textContent).toContain(`${HER_TOTAL}`);
  }, 60_000);
});
