// Two reviewers' sheets on the demo campaign: the second reviewers of the two files still in draft finish
// their sheets, one disagreeing on a veto, both finding a problem on an item nobody else deducted on. The
// lead's 复核 queue then lists the files awaiting the lead by disagreement (veto first, then the score gap,
// then the number of differing items), and 评查结果 → 评查一致性 names that item as read differently.
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { getDatabase } from '../../renderer/db/database';
import { LedgerImportService } from '../../renderer/workers/ledger-import-service';
import { buildDemoCampaign } from '../../renderer/workers/demo-campaign';
import { saveSheet, submitSheet } from '../../renderer/db/score-repository';
import { ReviewPage } from '../../renderer/review/review-page';
import { AgreementPanel } from '../../renderer/results/agreement-panel';
import { useCampaignResultData, useComputedResults } from '../../renderer/results/use-campaign-results';
import { compareSheets, type ScoreSheet } from '../../shared/review/scoring-engine';
import type { ReviewStandard } from '../../shared/standards/standard-model';
import type { ScoreSheetRow } from '../../renderer/db/workflow-records';
import { renderWithApp } from './render-app';

describe('reviewer agreement on the demo campaign', () => {
  it("orders the lead's queue by disagreement and names the ambiguous item in 评查一致性", async () => {
    const db = getDatabase();
    await new LedgerImportService(db).loadDemo();
    const { campaignId } = await buildDemoCampaign(db, { officers: 5 });
    const record = (await db.assignments.get(campaignId))!.record;
    const sheets = await db.scoreSheets.where('campaignId').equals(campaignId).toArray();
    const sheetOf = (itemId: string, reviewerId: string) =>
      sheets.find((s) => s.itemId === itemId && s.reviewerId === reviewerId);
    const standardOf = async (s: ScoreSheetRow) =>
      (await db.standards.get([s.standardId, s.standardVersion])) as ReviewStandard;
    const caseNo = (itemId: string): string =>
      record.files.find((f) => f.itemId === itemId)!.caseNo ?? itemId;
    const nameOf = (id: string) => record.reviewers.find((r) => r.id === id)!.name;

    // The demo leaves two files with one sheet submitted and the other a draft.
    const drafts = record.result.filter((e) =>
      e.reviewerIds.some((r) => sheetOf(e.itemId, r)?.status === 'draft'),
    );
    expect(drafts).toHaveLength(2);

    // An item of each file's standard that no submitted demo sheet deducted on.
    const submitted = sheets.filter((s) => s.status === 'submitted');
    const quietItems: { itemId: string; wording: string }[] = [];
    for (const [k, e] of drafts.entries()) {
      const draftReviewer = e.reviewerIds.find((r) => sheetOf(e.itemId, r)!.status === 'draft')!;
      const draft = sheetOf(e.itemId, draftReviewer)!;
      const other = sheetOf(
        e.itemId,
        e.reviewerIds.find((r) => r !== draftReviewer)!,
      )!;
      const standard = await standardOf(draft);
      const used = new Set(
        submitted
          .filter((s) => s.standardId === standard.id)
          .flatMap((s) => s.sheet.deductions.map((d) => d.itemId)),
      );
      const quiet = standard.categories.flatMap((c) => c.items).find((i) => !used.has(i.id))!;
      quietItems.push({ itemId: quiet.id, wording: quiet.title });
      const sheet: ScoreSheet = {
        deductions: [
          ...other.sheet.deductions,
          {
            itemId: quiet.id,
            optionId: quiet.deductions[0]!.id,
            count: 1,
            problem: '第二名评查人员另行发现的问题',
          },
        ],
        // The first file: this reviewer also applies a fail veto the other did not.
        vetoes:
          k === 0
            ? [{ vetoId: standard.vetoes.find((v) => v.kind === 'fail')!.id, reason: '主要证据缺失' }]
            : other.sheet.vetoes,
      };
      const actor = nameOf(draftReviewer);
      const campaign = (await db.campaigns.get(campaignId))!;
      const caseType = campaign.standards.find((c) => c.standardId === standard.id)!.caseType;
      await saveSheet(db, {
        campaignId,
        itemId: e.itemId,
        reviewerId: draftReviewer,
        caseType,
        sheet,
        actor,
      });
      await submitSheet(db, { campaignId, itemId: e.itemId, reviewerId: draftReviewer, actor });
    }

    // The files now awaiting the lead, ordered by the rule spelled out here.
    const now = await db.scoreSheets.where('campaignId').equals(campaignId).toArray();
    const finals = new Set(
      (await db.finalResults.where('campaignId').equals(campaignId).toArray()).map((f) => f.itemId),
    );
    const pending = [];
    for (const e of record.result) {
      if (finals.has(e.itemId)) continue;
      const [a, b] = e.reviewerIds.map((r) => now.find((s) => s.itemId === e.itemId && s.reviewerId === r));
      if (a?.status !== 'submitted' || b?.status !== 'submitted') continue;
      const cmp = compareSheets(await standardOf(a), a.sheet, b.sheet);
      pending.push({
        itemId: e.itemId,
        veto: cmp.vetoDiffers,
        gap: cmp.totalGapHalfPoints,
        items: cmp.items.length,
      });
    }
    expect(pending).toHaveLength(4);
    const expected = [...pending]
      .sort((x, y) => Number(y.veto) - Number(x.veto) || y.gap - x.gap || y.items - x.items)
      .map((p) => caseNo(p.itemId));
    // Two veto disagreements: the demo's own file awaiting the lead and the first file finished here.
    expect(pending.filter((p) => p.veto)).toHaveLength(2);

    const review = renderWithApp(<ReviewPage />);
    fireEvent.click(await screen.findByRole('tab', { name: '复核' }, { timeout: 30_000 }));
    const table = await screen.findByTestId('lead-files');
    await waitFor(() => expect(within(table).getAllByRole('row').length).toBeGreaterThan(5));
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) => r.textContent ?? '');
    expect(rows.slice(0, 4).map((t) => expected.find((c) => t.startsWith(c)))).toEqual(expected);
    expect(rows[0]).toContain('否决项不同');
    expect(rows[1]).toContain('否决项不同');
    expect(rows[2]).not.toContain('否决项不同');
    rows.slice(0, 4).forEach((t) => expect(t).toContain('待复核'));
    // The re-check of the veto file: the veto decision and the differing items come first.
    fireEvent.click(within(table).getByText(caseNo(drafts[0]!.itemId)));
    const pane = await screen.findByTestId('lead-pane');
    await within(pane).findByTestId('veto-decision');
    const compareRows = within(within(pane).getByTestId('compare-table')).getAllByRole('row');
    expect(compareRows[1]!.textContent).toContain(quietItems[0]!.wording);
    review.unmount();

    // 评查结果 → 评查一致性 (the panel on the results page's own data; jsdom cannot draw the page's charts):
    // the item read differently is named with its wording.
    renderWithApp(<ResultsAgreement campaignId={campaignId} />);
    const panel = await screen.findByTestId('agreement-panel', {}, { timeout: 30_000 });
    const ambiguous = await within(panel).findByTestId('ambiguous-items');
    for (const q of quietItems) expect(ambiguous.textContent).toContain(`“${q.wording}”`);
    expect(within(panel).getByTestId('agreement-overall').textContent).toMatch(
      /两名评查人员均已提交的案卷 38 件/,
    );
  }, 180_000);
});

/** What the results page shows under 评查一致性, from the same live data and computation. */
function ResultsAgreement({ campaignId }: { campaignId: string }) {
  const computed = useComputedResults(useCampaignResultData(campaignId));
  return computed ? <AgreementPanel agreement={computed.agreement} /> : null;
}
