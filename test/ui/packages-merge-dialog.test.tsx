// The merge-conflict dialog names the file (case number, department) and the reviewer, and says in
// words what differs between the two versions: never raw ids or ISO timestamps.
import { describe, expect, it } from 'vitest';
import { fireEvent, screen } from '@testing-library/react';
import { PingchaDatabase, getDatabase } from '../../renderer/db/database';
import {
  exportAssignmentPackage,
  exportResultsPackage,
  openWorkspacePackage,
} from '../../renderer/db/package-repository';
import { importCaseFiles } from '../../renderer/db/ledger-repository';
import { saveSheet } from '../../renderer/db/score-repository';
import { PackagesPage } from '../../renderer/packages/packages-page';
import { CAMPAIGN, setupCoordinator, std } from '../db/package-fixtures';
import { newImportMeta } from '../db/helpers';
import { internalWordsIn } from '../e2e/internal-words';
import { renderWithApp } from './render-app';

const item = std.categories[0]!.items[0]!;
const option = item.deductions[0]!;

function sheetOf(db: PingchaDatabase, itemId: string, count: number, problem: string) {
  return saveSheet(db, {
    campaignId: CAMPAIGN,
    itemId,
    reviewerId: 'r1',
    caseType: '行政处罚',
    sheet: {
      deductions: count ? [{ itemId: item.id, optionId: option.id, count, problem }] : [],
      vetoes: [],
    },
    actor: '王评查',
  });
}

describe('merge-conflict dialog', () => {
  it('shows case number, department, reviewer and what differs, in words', async () => {
    const db = getDatabase();
    const all = await setupCoordinator(db, 6);
    await importCaseFiles(
      db,
      newImportMeta({ counts: { rowsRead: 6, errors: 0, warnings: 0, excluded: 0 } }),
      all,
    );
    const mine = (await db.assignments.get(CAMPAIGN))!.record.result
      .filter((e) => e.reviewerIds.includes('r1'))
      .map((e) => e.itemId);
    const target = all.find((c) => c.itemId === mine[0])!;
    await sheetOf(db, target.itemId, 1, '组织者初评');
    const pkg = await exportAssignmentPackage(db, {
      campaignId: CAMPAIGN,
      reviewerId: 'r1',
      cases: all,
      actor: '组织者',
      appVersion: '0.1.0',
    });
    const laptop = new PingchaDatabase('merge-dialog-laptop');
    await openWorkspacePackage(laptop, pkg.bytes, pkg.fileName, { actor: '王评查' });
    await sheetOf(laptop, target.itemId, 0, '');
    await sheetOf(db, target.itemId, 1, '组织者改过的版本');
    const results = await exportResultsPackage(laptop, { actor: '王评查', appVersion: '0.1.0' });

    renderWithApp(<PackagesPage />, [{ name: results.fileName, bytes: results.bytes }]);
    fireEvent.click(await screen.findByTestId('import-results'));
    const card = await screen.findByTestId('merge-conflict', {}, { timeout: 20_000 });
    const title = card.querySelector('.ant-card-head-title')!.textContent!;
    expect(title).toContain(`案卷 ${target.caseNo}（${target.department}）`);
    expect(title).toContain('评查人员 王评查');
    const diff = screen.getByTestId('merge-conflict-diff').textContent!;
    expect(diff).toContain(`扣分项不同：「${std.categories[0]!.name}·${item.title}」本机版本扣`);
    expect(diff).toContain('结果包版本未扣');
    expect(diff).toMatch(/总分 \d+(\.5)? \/ \d+(\.5)?/);
    const dialog = document.querySelector('.ant-modal')!.textContent!;
    expect(dialog).toContain(item.title);
    expect(internalWordsIn(dialog)).toEqual([]);
    expect(dialog).not.toContain(target.itemId);
  });
});
