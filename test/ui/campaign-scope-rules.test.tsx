// Scope without silent loss, applied: the planner lets the user judge inspections by 检查日期 and leave
// out files reviewed in an earlier campaign; the counts are shown, the draw applies both, the record
// carries them, and the record verifies against the stored ledgers with the shared scope filter.
import { beforeAll, describe, expect, it } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CampaignsPage } from '../../renderer/campaigns/campaigns-page';
import { DrawRunnerContext } from '../../renderer/campaigns/draw-runner-context';
import { DocumentRendererContext } from '../../renderer/workers/document-renderer-context';
import { createInProcessDrawRunner } from '../../renderer/workers/draw-client';
import { getDatabase } from '../../renderer/db/database';
import { importCaseFiles } from '../../renderer/db/ledger-repository';
import {
  CampaignWriteError,
  createCampaign,
  getDraw,
  setCampaignScopeRules,
} from '../../renderer/db/campaign-repository';
import {
  applyScopeFilter,
  reviewedItemIds,
  verifyDrawRecord,
  type DrawCase,
} from '../../shared/draw/draw-record';
import type { CaseFileRecord } from '../../shared/ledger/types';
import { newImportMeta, snapshot } from '../db/helpers';
import { renderWithApp } from './render-app';
import { testDocumentRenderer } from './document-fonts';

// 60 punishments closed in 2025, 40 inspections with a 检查日期 in 2025 and no 结案日期, 5 with no date.
function ledger(): CaseFileRecord[] {
  const out: CaseFileRecord[] = [];
  const add = (caseNo: string, caseType: string, filed: string | null, closed: string | null) =>
    out.push({
      itemId: `德阳市应急管理局|${caseNo}`,
      caseNo,
      department: '德阳市应急管理局',
      caseType,
      cause: '',
      party: '某公司',
      filedDate: filed,
      closedDate: closed,
      amountFen: null,
      officer: '',
      certNo: '',
      sourceRow: out.length + 2,
      raw: [],
    });
  for (let i = 1; i <= 60; i++) add(`德应急罚〔2025〕${i}号`, '行政处罚', '2025-01-05', '2025-03-01');
  for (let i = 1; i <= 40; i++) add(`德应急检〔2025〕${i}号`, '行政检查', '2025-04-02', null);
  for (let i = 41; i <= 45; i++) add(`德应急检〔2025〕${i}号`, '行政检查', null, null);
  return out;
}
const CASES = ledger();

const runner = createInProcessDrawRunner(getDatabase());
let earlierReviewed: string[] = [];

beforeAll(async () => {
  const db = getDatabase();
  await importCaseFiles(db, newImportMeta({ fileName: '应急局台账.xlsx' }), CASES);
  // An earlier campaign (no period) drew 10 files, replaced one and drew 2 more.
  const earlier = await createCampaign(db, {
    name: '2024 年度评查',
    year: 2024,
    periodFrom: null,
    periodTo: null,
    departments: [],
    caseTypes: [],
    createdBy: '李明',
  });
  const view = await runner.execute({
    campaignId: earlier.id,
    plan: { total: 10, stratifyBy: 'department', minimum: 1, sparesPerStratum: 2 },
    seed: '11111111111111111111',
    operator: '李明',
    witnesses: [],
  });
  await runner.replace(view.drawId, view.drawn[0]!.itemId, '案卷已移送', '李明');
  const after = await runner.more(view.drawId, view.strata[0]!.key, 2, '补充', '李明');
  earlierReviewed = reviewedItemIds(after.record);
  expect(earlierReviewed).toHaveLength(12);
});

function renderPage() {
  const renderer = testDocumentRenderer();
  return renderWithApp(
    <DrawRunnerContext.Provider value={() => runner}>
      <DocumentRendererContext.Provider value={() => renderer}>
        <CampaignsPage />
      </DocumentRendererContext.Provider>
    </DrawRunnerContext.Provider>,
  );
}

describe('scope rules in the planner, applied by the draw', () => {
  it('judge date per type and files reviewed before: counted, chosen, applied, recorded, verified', async () => {
    const user = userEvent.setup();
    const db = getDatabase();
    const c = await createCampaign(db, {
      name: '2025 年度评查',
      year: 2025,
      periodFrom: '2025-01-01',
      periodTo: '2025-12-31',
      departments: [],
      caseTypes: [],
      createdBy: '李明',
    });
    act(() => {
      window.location.hash = `#/campaigns/${c.id}`;
    });
    renderPage();

    // By 结案日期: the 45 inspections are out, counted with their reason.
    await screen.findByText('总体与抽取方案（总体 60 件，1 个层）', {}, { timeout: 10_000 });
    const note = await screen.findByTestId('scope-exclusions', {}, { timeout: 10_000 }); // counted in the draw worker
    expect(note.textContent).toContain('已导入 105 件，纳入本次总体 60 件');
    expect(note.textContent).toContain('没有结案日期、无法判断是否在期间内：45 件（行政检查 45 件）');
    expect(note.textContent).toContain('其中 40 件的立案/受理/检查日期在评查期间内');
    const inScopeReviewed = earlierReviewed.filter((id) => id.includes('德应急罚')).length;
    expect(note.textContent).toContain(`总体中有 ${inScopeReviewed} 件在以往评查活动中已被抽取评查`);

    // Inspections judged by 检查日期: 40 come in, 5 without any date stay out (counted).
    await user.click(screen.getByLabelText('行政检查按哪个日期判断期间'));
    await user.click(await screen.findByTitle('立案/受理/检查日期'));
    await screen.findByText('总体与抽取方案（总体 100 件，1 个层）', {}, { timeout: 10_000 });
    expect(screen.getByTestId('scope-exclusions').textContent).toContain(
      '没有判断期间所用的日期、无法判断是否在期间内：5 件（行政检查 5 件）',
    );

    // Leave out the 12 files the 2024 campaign reviewed (all of them are in scope now).
    const box = screen.getByRole('checkbox', { name: /排除以往评查活动已抽取评查的案卷/ });
    expect(box.closest('label')!.textContent).toContain('范围内 12 件');
    await user.click(box);
    await screen.findByText('总体与抽取方案（总体 88 件，1 个层）', {}, { timeout: 10_000 });
    expect(screen.getByTestId('scope-exclusions').textContent).toContain('以往评查活动已抽取评查：12 件');
    // the campaign card says which rules its population follows
    expect(screen.getByText('按立案/受理/检查日期判断期间')).toBeTruthy();
    expect(screen.getByText('不纳入总体')).toBeTruthy();
    const stored = (await db.campaigns.get(c.id))!;
    expect(stored.dateByType).toEqual({ 行政检查: 'filedDate' });
    expect(stored.excludeReviewedBefore).toBe(true);
    const log = await db.auditLog.where('action').equals('campaign.scope').toArray();
    expect(log.map((e) => e.objectId)).toEqual([c.id, c.id]);

    // The draw applies them: the worker's population is the planner's, and the record says why.
    await waitFor(() => expect(screen.getByTestId('draw-prepared')).toBeTruthy(), { timeout: 10_000 });
    const n = screen.getByLabelText('样本量');
    await user.clear(n);
    await user.type(n, '10');
    await user.click(screen.getByRole('button', { name: /生成随机种子/ }));
    const op = screen.getByLabelText('操作人员');
    await user.clear(op);
    await user.type(op, '李明');
    await user.click(screen.getByRole('button', { name: '执行抽取' }));
    await user.click(await screen.findByTestId('confirm-ok'));
    await screen.findByTestId('draw-result', {}, { timeout: 15_000 });

    const drawId = (await db.draws.where('campaignId').equals(c.id).primaryKeys())[0]!;
    const record = (await getDraw(db, drawId))!.record;
    expect(record.population.size).toBe(88);
    expect(record.filter.dateByType).toEqual({ 行政检查: 'filedDate' });
    expect(record.filter.excludeItemIds).toEqual([...earlierReviewed].sort());
    expect(record.filter.excludeReason).toContain('“2024 年度评查”');
    const reviewed = new Set(earlierReviewed);
    expect(record.population.ids.some((id) => reviewed.has(id))).toBe(false);
    const expected = CASES.filter((x) => (x.closedDate ?? x.filedDate) !== null && !reviewed.has(x.itemId));
    expect(record.population.ids).toEqual(expected.map((x) => x.itemId).sort());
    // Anyone with the ledger and the record recomputes the same population and draw.
    const population = applyScopeFilter(CASES as DrawCase[], record.filter);
    expect(verifyDrawRecord(record, population)).toEqual({ ok: true });

    // Once drawn, the rules are fixed: a change is refused and the store is unchanged.
    const before = await snapshot(db);
    await expect(
      setCampaignScopeRules(db, c.id, { dateByType: {}, excludeReviewedBefore: false }, '李明'),
    ).rejects.toThrow(CampaignWriteError);
    expect(await snapshot(db)).toEqual(before);
    expect(within(screen.getByTestId('draw-result')).getByTestId('drawn-count').textContent).toBe('10');
  }, 60_000);

  it('names a department none of whose files is in the population on the planner first screen', async () => {
    const db = getDatabase();
    const inspections: CaseFileRecord[] = Array.from({ length: 10 }, (_, i) => ({
      itemId: `德阳市交通运输局|德交检〔2025〕${i + 1}号`,
      caseNo: `德交检〔2025〕${i + 1}号`,
      department: '德阳市交通运输局',
      caseType: '行政检查',
      cause: '',
      party: '某运输公司',
      filedDate: '2025-05-01',
      closedDate: null,
      amountFen: null,
      officer: '',
      certNo: '',
      sourceRow: i + 2,
      raw: [],
    }));
    await importCaseFiles(db, newImportMeta({ fileName: '交通局检查台账.xlsx' }), inspections);
    const c = await createCampaign(db, {
      name: '2025 年度检查评查',
      year: 2025,
      periodFrom: '2025-01-01',
      periodTo: '2025-12-31',
      departments: [],
      caseTypes: ['行政检查'],
      createdBy: '李明',
    });
    act(() => {
      window.location.hash = `#/campaigns/${c.id}`;
    });
    renderPage();
    const dropped = await screen.findByTestId('scope-dropped-departments', {}, { timeout: 10_000 });
    // Both departments have inspections only without 结案日期 (the period is judged by it).
    await waitFor(() =>
      expect(screen.getByTestId('scope-dropped-departments').textContent).toContain(
        '2 个部门没有任何案卷纳入本次总体',
      ),
    );
    expect(dropped.textContent).toContain('德阳市交通运输局 10 件（10 件没有结案日期）');
    expect(dropped.textContent).toContain('德阳市应急管理局 45 件（45 件没有结案日期）');
  });
});
