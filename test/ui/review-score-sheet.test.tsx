import { describe, expect, it } from 'vitest';
import { useState } from 'react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ScoreSheetEditor } from '../../renderer/review/score-sheet';
import { emptySheet, scoreCaseFile, type ScoreSheet } from '../../shared/review/scoring-engine';
import { defaultPenaltyStandard } from '../../shared/standards/default-standards';
import { formatHalfPoints } from '../../shared/standards/standard-model';
import { getDatabase } from '../../renderer/db/database';
import { addReviewer, createAssignment, sheetId } from '../../renderer/db/panel-repository';
import { ensureDefaultStandards } from '../../renderer/db/standards-repository';
import { ReviewPage } from '../../renderer/review/review-page';
import { renderWithApp } from './render-app';

const standard = defaultPenaltyStandard();
const items = standard.categories.flatMap((c) => c.items);

function Harness({ onSubmit, log }: { onSubmit: () => void; log: ScoreSheet[] }) {
  const [sheet, setSheet] = useState<ScoreSheet>(emptySheet(standard));
  return (
    <ScoreSheetEditor
      standard={standard}
      value={sheet}
      onChange={(s) => {
        log.push(s);
        setSheet(s);
      }}
      onSubmit={onSubmit}
    />
  );
}

describe('依据 on the score sheet, by keyboard', () => {
  it('shows the current item’s 依据 with each article’s subject as text, and the focused sheet is described by it', async () => {
    const user = userEvent.setup();
    renderWithApp(<Harness log={[]} onSubmit={() => undefined} />);
    const sheet = screen.getByTestId('score-sheet');
    expect(sheet).toHaveFocus();
    // Down to the second item (执法人员资格与人数: 《行政处罚法》第四十二条、第五十五条) by keyboard only.
    await user.keyboard('{ArrowDown}');
    const item = items[1]!;
    expect(item.legalBasis).toContain('第四十二条');
    const row = screen.getByTestId(`sheet-item-${item.id}`);
    const basis = within(row).getByTestId('item-legal-basis');
    expect(
      within(basis)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      '《行政处罚法》第四十二条：具有行政执法资格的执法人员实施，不得少于两人',
      '《行政处罚法》第五十五条：出示执法证件；询问或者检查制作笔录',
    ]);
    // What a screen reader reads with the focused sheet: the current item's 依据 and its articles.
    expect(sheet).toHaveAccessibleDescription(/依据：《行政处罚法》第四十二条、第五十五条.*不得少于两人/);
    // Moving on describes the next item, whose articles replace the first's.
    await user.keyboard('{ArrowDown}');
    const next = items[2]!;
    expect(sheet.getAttribute('aria-describedby')).toBe(
      within(screen.getByTestId(`sheet-item-${next.id}`)).getByTestId('item-legal-basis').id,
    );
    expect(screen.getAllByTestId('item-legal-basis')).toHaveLength(1);
  });
});

describe('score sheet keyboard flow', () => {
  it('moves, picks a deduction, sets the count, requires the problem, and updates total and grade live', async () => {
    const user = userEvent.setup();
    const log: ScoreSheet[] = [];
    let submitted = 0;
    renderWithApp(<Harness log={log} onSubmit={() => submitted++} />);
    const sheet = screen.getByTestId('score-sheet');
    expect(sheet).toHaveFocus();
    expect(screen.getByTestId('sheet-total').textContent).toBe('100');
    expect(screen.getByTestId('sheet-grade').textContent).toBe('优秀');

    // Down twice (j and ↓), then up once (k): the second item is current.
    await user.keyboard('j{ArrowDown}k');
    const target = items[1]!;
    expect(screen.getByTestId(`sheet-item-${target.id}`)).toHaveAttribute('aria-current', 'true');

    // Pick its first deduction option with "1", then "+" twice and "-" once: count 2.
    const opt = target.deductions[0]!;
    await user.keyboard('1');
    const row = screen.getByTestId(`deduction-${target.id}-${opt.id}`);
    await user.keyboard('++-');
    const count = opt.mode === 'once' ? 1 : 2;
    expect(within(row).getByTestId('deduction-count').textContent).toBe(`${count} 次`);
    const expected = scoreCaseFile(standard, {
      deductions: [{ itemId: target.id, optionId: opt.id, count, problem: 'x' }],
      vetoes: [],
    });
    expect(screen.getByTestId('sheet-total').textContent).toBe(formatHalfPoints(expected.totalHalfPoints));
    expect(within(row).getByText('每一处扣分都须写明问题描述')).toBeInTheDocument();
    expect(screen.getByTestId('sheet-problems').textContent).toMatch(/1 处待补充/);

    // Enter goes into the problem text; typing fills it; Esc comes back; Ctrl+Enter submits.
    await user.keyboard('{Enter}');
    const text = within(row).getByRole('textbox');
    expect(text).toHaveFocus();
    await user.keyboard('第 3 页询问笔录缺执法证号');
    expect(within(row).queryByText('每一处扣分都须写明问题描述')).toBeNull();
    // Digits typed in the text are text, not shortcuts.
    expect(log.at(-1)!.deductions).toHaveLength(1);
    expect(log.at(-1)!.deductions[0]!.problem).toBe('第 3 页询问笔录缺执法证号');
    await user.keyboard('{Escape}');
    expect(sheet).toHaveFocus();
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(submitted).toBe(1);

    // A fail veto makes it 0 and 不合格 whatever else.
    const fail = standard.vetoes.find((v) => v.kind === 'fail')!;
    await user.click(screen.getByRole('checkbox', { name: new RegExp(fail.text) }));
    expect(screen.getByTestId('sheet-total').textContent).toBe('0');
    expect(screen.getByTestId('sheet-grade').textContent).toBe('不合格');

    // Delete removes the current deduction.
    sheet.focus();
    await user.keyboard('{Delete}');
    expect(screen.queryByTestId(`deduction-${target.id}-${opt.id}`)).toBeNull();

    // The shortcut help opens with "?".
    await user.keyboard('?');
    expect(await screen.findByTestId('shortcut-help')).toBeInTheDocument();
  });

  it('autosaves every keystroke to IndexedDB from the review page', async () => {
    const db = getDatabase();
    await ensureDefaultStandards(db);
    await db.campaigns.add({
      id: 'cu',
      name: '界面测试活动',
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
    const r = await addReviewer(db, 'cu', { name: '张三', unit: '司法局', role: '律师', conflicts: [] });
    const res = await createAssignment(db, {
      campaignId: 'cu',
      files: [
        { itemId: '交通运输局|交罚-9', department: '交通运输局', caseNo: '交罚-9', caseType: '行政处罚' },
      ],
      perFile: 1,
      seed: 's',
      actor: '组长',
    });
    expect(res.ok).toBe(true);
    const user = userEvent.setup();
    renderWithApp(<ReviewPage />);
    await user.click(await screen.findByRole('tab', { name: '逐卷评查' }));
    await user.click(screen.getByRole('combobox', { name: '当前评查人员' }));
    await user.click(await screen.findByText('张三（司法局，律师）'));
    await user.click(await screen.findByTestId('queue-交罚-9'));
    const sheet = await screen.findByTestId('score-sheet');
    sheet.focus();
    await user.keyboard('1');
    await user.keyboard('{Enter}缺');
    const id = sheetId('cu', '交通运输局|交罚-9', r.id);
    await waitFor(async () => {
      const row = await db.scoreSheets.get(id);
      expect(row?.sheet.deductions[0]?.problem).toBe('缺');
    });
    const row = (await db.scoreSheets.get(id))!;
    expect(row.revision).toBeGreaterThanOrEqual(2);
    expect(screen.getByTestId('save-state').textContent).toMatch(/已保存（第 \d+ 次）/);
    expect((await db.campaigns.get('cu'))!.standardsFrozenAt).not.toBeNull();

    // Ctrl+Enter asks first, with a summary; nothing is submitted until it is confirmed.
    await user.keyboard('{Escape}');
    sheet.focus();
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect((await screen.findByTestId('submit-summary')).textContent).toMatch(/扣分 1 处.*提交后评分表锁定/s);
    expect((await db.scoreSheets.get(id))!.status).not.toBe('submitted');
    await user.click(screen.getByTestId('confirm-ok'));
    await waitFor(async () => expect((await db.scoreSheets.get(id))!.status).toBe('submitted'));
    expect(await screen.findByText(/该评分表已锁定/)).toBeInTheDocument();
  });
});

describe('未发现问题 from the score sheet', () => {
  it('Ctrl+Enter on a sheet without deductions asks to confirm 未发现问题, then submits a full-score sheet', async () => {
    const db = getDatabase();
    await ensureDefaultStandards(db);
    await db.campaigns.add({
      id: 'cn',
      name: '未发现问题测试',
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
    const r = await addReviewer(db, 'cn', { name: '张三', unit: '司法局', role: '律师', conflicts: [] });
    await createAssignment(db, {
      campaignId: 'cn',
      files: [
        { itemId: '交通运输局|交罚-1', department: '交通运输局', caseNo: '交罚-1', caseType: '行政处罚' },
      ],
      perFile: 1,
      seed: 's',
      actor: '组长',
    });
    const user = userEvent.setup();
    renderWithApp(<ReviewPage />);
    await user.click(await screen.findByRole('tab', { name: '逐卷评查' }));
    await user.click(screen.getByRole('combobox', { name: '当前评查人员' }));
    await user.click(await screen.findByText('张三（司法局，律师）'));
    await user.click(await screen.findByTestId('queue-交罚-1'));
    const sheet = await screen.findByTestId('score-sheet');
    expect(screen.getByTestId('sheet-no-problems-found')).toBeInTheDocument();
    sheet.focus();
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect((await screen.findByTestId('no-problems-summary')).textContent).toMatch(
      /未发现问题.*满分 100 分、优秀.*留痕/s,
    );
    const id = sheetId('cn', '交通运输局|交罚-1', r.id);
    expect(await db.scoreSheets.get(id)).toBeUndefined();
    // The confirmation's OK button has the focus: Enter confirms, by keyboard alone.
    await waitFor(() => expect(screen.getByTestId('confirm-ok')).toHaveFocus());
    await user.keyboard('{Enter}');
    await waitFor(async () => expect((await db.scoreSheets.get(id))?.status).toBe('submitted'));
    expect((await db.scoreSheets.get(id))!.sheet.noProblemsFound).toBe(true);
    expect(await screen.findByTestId('sheet-no-problems')).toBeInTheDocument();
    expect(screen.queryByTestId('sheet-no-problems-found')).toBeNull();
    const last = (await db.auditLog.toArray()).at(-1)!;
    expect(last.action).toBe('score.submit');
    expect(last.summary).not.toMatch(/未发现问题|100 分/);
  });
});

describe('score sheet focus never traps (keyboard alone)', () => {
  it('after the shortcut help closes, Enter enters the description and its digits stay text', async () => {
    const user = userEvent.setup();
    const log: ScoreSheet[] = [];
    renderWithApp(<Harness log={log} onSubmit={() => undefined} />);
    const sheet = screen.getByTestId('score-sheet');
    const target = items[0]!;
    const opt = target.deductions[0]!;
    await user.keyboard('1');
    const row = screen.getByTestId(`deduction-${target.id}-${opt.id}`);
    // The help opened from its button (Tab to it, Enter), closed with Esc: focus is the sheet's again.
    const helpButton = screen.getByRole('button', { name: '快捷键' });
    helpButton.focus();
    await user.keyboard('{Enter}');
    expect(await screen.findByTestId('shortcut-help')).toBeInTheDocument();
    // Digits typed while the help is open are not shortcuts.
    await user.keyboard('2');
    expect(log.at(-1)!.deductions).toHaveLength(1);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(sheet).toHaveFocus());
    await user.keyboard('{Enter}');
    const text = within(row).getByRole('textbox');
    expect(text).toHaveFocus();
    await user.keyboard('第3页');
    expect(log.at(-1)!.deductions).toEqual([
      { itemId: target.id, optionId: opt.id, count: 1, problem: '第3页' },
    ]);
    expect(helpButton).not.toHaveFocus();
  });
});
