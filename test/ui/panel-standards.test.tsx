// 评查组与分配: the standard shown for a case type is either saved or visibly a suggestion (saved
// with one click; export refuses until then), only standards for that case type are offered, and
// adding a reviewer leaves no field (身份 included) holding the previous person's value.
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLiveQuery } from 'dexie-react-hooks';
import { getDatabase } from '../../renderer/db/database';
import { PanelTab } from '../../renderer/panel/panel-tab';
import { ensureDefaultStandards } from '../../renderer/db/standards-repository';
import { listReviewers, setCampaignStandards, type DrawnFile } from '../../renderer/db/panel-repository';
import type { CampaignData } from '../../renderer/review/use-review-data';
import { defaultStandards } from '../../shared/standards/default-standards';
import { snapshot } from '../db/helpers';
import { renderWithApp } from './render-app';
import { blankCampaign } from './letters-seed';
import '../../renderer/db/workflow-records';

const CAMPAIGN = 'c-panel';
const files: DrawnFile[] = [
  { itemId: '甲局|许-1', department: '甲局', caseNo: '许-1', caseType: '行政许可' },
  { itemId: '乙局|罚-1', department: '乙局', caseNo: '罚-1', caseType: '行政处罚' },
];

function Harness() {
  const db = getDatabase();
  const campaign = useLiveQuery(() => db.campaigns.get(CAMPAIGN), []);
  const standards = useLiveQuery(() => db.standards.toArray(), []);
  const reviewers = useLiveQuery(() => listReviewers(db, CAMPAIGN), []);
  if (!campaign || !standards || !reviewers) return null;
  const data = {
    campaign,
    assignment: null,
    reviewers,
    draw: { itemIds: files.map((f) => f.itemId), draw: null },
    sheets: [],
    finals: [],
  } as unknown as CampaignData;
  return <PanelTab data={data} files={files} standards={standards} operator="测试员" />;
}

async function seed() {
  const db = getDatabase();
  await Promise.all(db.tables.map((t) => t.clear()));
  await ensureDefaultStandards(db);
  await db.campaigns.put(blankCampaign({ id: CAMPAIGN, name: '标准选择测试' }));
}

const licence = defaultStandards().find((s) => s.caseTypes.includes('行政许可'))!;
const coercion = defaultStandards().find((s) => s.caseTypes.includes('行政强制'))!;

describe('panel: standards and reviewers', () => {
  it('shows unsaved suggestions as such, offers only fitting standards, saves the shown choice', async () => {
    await seed();
    const db = getDatabase();
    renderWithApp(<Harness />);
    const unsaved = await screen.findByTestId('standards-unsaved');
    expect(unsaved.textContent).toContain('行政处罚、行政许可的评查标准是系统建议，尚未保存');
    expect(screen.getByTestId('standard-state-行政许可').textContent).toBe('建议，未保存');

    // The 行政许可 select offers 行政许可 standards only.
    const select = screen.getByRole('combobox', { name: '行政许可所用标准' });
    fireEvent.mouseDown(select);
    const options = await waitFor(() => {
      const o = [...document.querySelectorAll('.ant-select-item-option')].map((e) => e.textContent ?? '');
      expect(o.length).toBeGreaterThan(0);
      return o;
    });
    expect(options.every((o) => o.startsWith(licence.name))).toBe(true);
    expect(options.some((o) => o.startsWith(coercion.name))).toBe(false);
    // Choosing the very option shown as the suggestion saves it.
    fireEvent.click(document.querySelector('.ant-select-item-option')!);
    await waitFor(async () =>
      expect((await db.campaigns.get(CAMPAIGN))!.standards.map((c) => c.caseType)).toEqual(['行政许可']),
    );
    await waitFor(() => expect(screen.getByTestId('standard-state-行政许可').textContent).toBe('已保存'));
    expect(screen.getByTestId('standards-unsaved').textContent).toContain('行政处罚的评查标准是系统建议');

    fireEvent.click(screen.getByTestId('standards-save'));
    await waitFor(async () =>
      expect((await db.campaigns.get(CAMPAIGN))!.standards.map((c) => c.caseType).sort()).toEqual([
        '行政处罚',
        '行政许可',
      ]),
    );
    await waitFor(() => expect(screen.queryByTestId('standards-unsaved')).toBeNull());

    // A 行政强制 standard for 行政许可 files is refused in Chinese and changes nothing.
    const before = await snapshot(db);
    await expect(
      setCampaignStandards(db, CAMPAIGN, [
        { caseType: '行政许可', standardId: coercion.id, version: coercion.version },
      ]),
    ).rejects.toThrow(`不能用于“行政许可”案卷`);
    expect(await snapshot(db)).toEqual(before);
  });

  it('adding a reviewer clears every field, 身份 included', async () => {
    await seed();
    const user = userEvent.setup();
    renderWithApp(<Harness />);
    await user.type(await screen.findByRole('textbox', { name: '姓名' }), '李律师');
    await user.type(screen.getByRole('combobox', { name: '所在单位' }), '某律师事务所');
    fireEvent.mouseDown(screen.getByRole('combobox', { name: '身份' }));
    fireEvent.click(await screen.findByTitle('律师'));
    await user.click(screen.getByText('添加评查人员'));
    await within(await screen.findByTestId('reviewers-table')).findByText('李律师');
    const reviewer = (await listReviewers(getDatabase(), CAMPAIGN))[0]!;
    expect(reviewer.role).toBe('律师');
    // The form is blank for the next person: 身份 back to its default, no name or unit kept.
    await waitFor(() => {
      const role = screen.getByRole('combobox', { name: '身份' }).closest('.ant-select')!;
      expect(role.textContent).toContain('机关工作人员');
    });
    expect((screen.getByRole('textbox', { name: '姓名' }) as HTMLInputElement).value).toBe('');
    expect((screen.getByRole('combobox', { name: '所在单位' }) as HTMLInputElement).value).toBe('');
  });
});
