import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import dayjs from 'dayjs';
import { LettersPage } from '../../renderer/letters/letters-page';
import { LettersSettingsCard } from '../../renderer/letters/letters-settings-card';
import { getDatabase } from '../../renderer/db/database';
import { DocumentRendererContext } from '../../renderer/workers/document-renderer-context';
import { LETTERS_SETTINGS_AREA } from '../../shared/letters/letter-settings';
import { sampleReviewedFiles } from '../../shared/letters/sample-results';
import { buildCampaignResults } from '../../shared/review/results';
import { ensureLetterDrafts, listLetters } from '../../renderer/db/letters-repository';
import { readAuditLog } from '../../renderer/db/audit-repository';
import '../../renderer/db/workflow-records';
import { testDocumentRenderer } from './document-fonts';
import { renderWithApp } from './render-app';
import { seedLettersCampaign } from './letters-seed';

const files = sampleReviewedFiles({ departments: 3, filesPerDepartment: 3, seed: 4, cleanShare: 0 });

const seed = () => seedLettersCampaign({ id: 'c-ui', name: '界面测试评查' }, files);

describe('letters page', () => {
  it('edits a paragraph, previews it; Enter in the date field does not issue, the button does', async () => {
    await seed();
    const user = userEvent.setup();
    const renderer = testDocumentRenderer();
    renderWithApp(
      <DocumentRendererContext.Provider value={() => renderer}>
        <LettersPage />
      </DocumentRendererContext.Provider>,
    );
    const dept = buildCampaignResults(files).departments[0]!.department;
    const table = await screen.findByTestId('letters-table');
    const row = await within(table)
      .findByText(dept)
      .then((el) => el.closest('tr')!);
    // getByRole is very slow on a full antd table in jsdom: find buttons by their text.
    await user.click(within(row).getByText('修改正文'));
    const intro = await screen.findByTestId('edit-intro');
    await user.clear(intro);
    await user.type(intro, '现将评查情况通知如下。');
    await user.click(screen.getByText('保存修改'));
    await waitFor(async () =>
      expect((await listLetters(getDatabase(), 'c-ui'))[0]?.edits).toEqual({
        intro: '现将评查情况通知如下。',
      }),
    );
    await user.click(within(row).getByTestId('preview-letter'));
    const preview = await screen.findByTestId('document-preview');
    expect(preview.textContent).toContain('现将评查情况通知如下。');
    expect(within(preview).getAllByTestId('preview-page').length).toBeGreaterThanOrEqual(1);
    await user.keyboard('{Escape}');

    await user.click(within(row).getByTestId('issue-letter'));
    expect(await screen.findByTestId('next-number')).toHaveTextContent('德法函〔2026〕1号');
    // Enter in the date field must not issue: 印发 allocates a number that can never be taken back.
    const dateInput = document.querySelector('.ant-modal .ant-picker input') as HTMLInputElement;
    await user.click(dateInput);
    await user.keyboard('{Enter}');
    await new Promise((r) => setTimeout(r, 300));
    expect(
      (await listLetters(getDatabase(), 'c-ui')).find((x) => x.department === dept)?.docNumber,
    ).toBeFalsy();
    expect(await readAuditLog(getDatabase())).toEqual([]);
    await user.click(screen.getByTestId('action-ok'));
    await waitFor(async () => {
      const l = (await listLetters(getDatabase(), 'c-ui')).find((x) => x.department === dept);
      expect(l?.docNumber).toBe('德法函〔2026〕1号');
      expect(l?.issuedDocument?.blocks[0]).toEqual({ type: 'paragraph', text: '现将评查情况通知如下。' });
    });
    expect((await readAuditLog(getDatabase())).map((e) => e.action)).toEqual(['letter.issue']);
  }, 60_000);
});

describe('backdated issue date', () => {
  it('warns when the issue date is before the draw or before a letter holding an earlier number', async () => {
    await seed();
    const db = getDatabase();
    // The draw and another department's letter (德法函〔year〕1号) are dated after today, the
    // dialog's default issue date.
    const later = dayjs().add(2, 'day');
    await db.draws.put({
      id: 'draw-ui',
      campaignId: 'c-ui',
      createdAt: later.toISOString(),
      record: {
        drawnAt: later.toISOString(),
        seed: '1',
        drawn: [],
        strata: [],
        population: { size: 0, ids: [] },
        algorithm: { version: '1.0.0' },
        stratification: { by: 'department' },
      } as never,
    });
    const user = userEvent.setup();
    const renderer = testDocumentRenderer();
    renderWithApp(
      <DocumentRendererContext.Provider value={() => renderer}>
        <LettersPage />
      </DocumentRendererContext.Provider>,
    );
    const departments = buildCampaignResults(files).departments.map((d) => d.department);
    const table = await screen.findByTestId('letters-table');
    const row = await within(table)
      .findByText(departments[0]!)
      .then((el) => el.closest('tr')!);
    await ensureLetterDrafts(db, 'c-ui', [departments[1]!]);
    const other = (await listLetters(db, 'c-ui')).find((x) => x.department === departments[1])!;
    const year = dayjs().year();
    await db.letters.update(other.id, {
      numberId: `德法函|${year}|1`,
      docNumber: `德法函〔${year}〕1号`,
      issueDate: later.format('YYYY-MM-DD'),
    });
    await user.click(within(row).getByTestId('issue-letter'));
    await screen.findByTestId('next-number');
    const warnings = await screen.findAllByTestId('backdate-warning');
    const text = warnings.map((w) => w.textContent).join('\n');
    expect(text).toContain('早于本活动抽取案卷的日期');
    expect(text).toContain(`早于已印发的 德法函〔${year}〕1号 的日期`);
    // Nothing was issued by opening the dialog.
    expect(await readAuditLog(db)).toEqual([]);
  }, 60_000);
});

describe('letters settings card', () => {
  it('refuses a CFF font in Chinese and shows the next number', async () => {
    await seed();
    const user = userEvent.setup();
    const otf = new Uint8Array(64);
    otf.set([0x4f, 0x54, 0x54, 0x4f]);
    renderWithApp(<LettersSettingsCard />, [{ name: '方正小标宋.otf', bytes: otf }]);
    expect(await screen.findByTestId('next-doc-number')).toHaveTextContent(/^德法函〔\d{4}〕1号$/);
    await user.click(screen.getAllByText('选择 .ttf 字体文件…')[1]!);
    expect(await screen.findByText(/“方正小标宋\.otf”是 CFF 轮廓字体/)).toBeInTheDocument();
    expect(await getDatabase().attachments.count()).toBe(0);
  });

  it('shows the next number of each document type and saves the 文种 form', async () => {
    await seed();
    const user = userEvent.setup();
    renderWithApp(<LettersSettingsCard />);
    expect(await screen.findByTestId('next-doc-number-report')).toHaveTextContent(/法通〔\d{4}〕1号/);
    expect(screen.getByTestId('next-doc-number-notice')).toHaveTextContent(/法发〔\d{4}〕1号/);
    // 函 in 信函格式 by default; the supervision-notice form hides the 函's own 文种 field.
    expect(screen.getByLabelText('函的文种（标题）')).toBeInTheDocument();
    await user.click(screen.getByText('行政执法监督通知书（通用格式）'));
    await waitFor(() => expect(screen.queryByLabelText('函的文种（标题）')).toBeNull());
    await user.click(screen.getByTestId('save-letter-settings'));
    await waitFor(async () => {
      const stored = (await getDatabase().meta.get(`settings:${LETTERS_SETTINGS_AREA}`))?.value as
        { letterForm?: string } | undefined;
      expect(stored?.letterForm).toBe('supervision');
    });
  }, 30_000);
});
