// Flags never deduct by themselves (issue 26): on the score sheet a reviewer confirms one lead (a deduction
// on the standard item it bears on, citing the flag) and dismisses another with a reason (refused without);
// the results show, per rule, the flags on drawn files, confirmed, dismissed and the precision.
import { describe, expect, it } from 'vitest';
import { useState } from 'react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { getDatabase } from '../../renderer/db/database';
import { LedgerImportService } from '../../renderer/workers/ledger-import-service';
import { DrawService } from '../../renderer/workers/draw-service';
import { createCampaign } from '../../renderer/db/campaign-repository';
import { readCampaignDraw } from '../../renderer/db/panel-repository';
import { loadRuleCensus } from '../../renderer/db/rule-census-repository';
import { listFlagDecisions } from '../../renderer/db/flag-decision-repository';
import { FLAG_SHORTCUT_KEYS, FlagHints } from '../../renderer/review/flag-hints';
import { SHORTCUTS } from '../../renderer/review/score-sheet';
import { FlagPrecisionCard } from '../../renderer/results/flag-precision-card';
import { emptySheet, type ScoreSheet } from '../../shared/review/scoring-engine';
import { defaultPenaltyStandard } from '../../shared/standards/default-standards';
import { generateLedgerRows } from '../../shared/demo/ledger-generator';
import { ledgerCsvBytes } from '../fixtures/make-ledgers';
import { renderWithApp } from './render-app';

const standard = defaultPenaltyStandard();

function Sheet({ itemId, campaignId, log }: { itemId: string; campaignId: string; log: ScoreSheet[] }) {
  const [sheet, setSheet] = useState<ScoreSheet>(emptySheet(standard));
  return (
    <FlagHints
      campaignId={campaignId}
      itemId={itemId}
      reviewer={{ id: 'r1', name: '评查员甲' }}
      standard={standard}
      sheet={sheet}
      onChange={(s) => {
        log.push(s);
        setSheet(s);
      }}
    />
  );
}

// The ledger is imported once per file (the test database lives across the tests); each test has its campaign.
let imported: Promise<void> | null = null;
async function importLedger() {
  const db = getDatabase();
  const service = new LedgerImportService(db);
  const bytes = ledgerCsvBytes(generateLedgerRows({ rows: 800, seed: 61, statutoryColumns: true }), 'utf-8');
  const opened = await service.open({ name: '体检.csv', bytes }, 'auto');
  await service.analyse({
    fileKey: opened.fileKey,
    sheetIndex: opened.sheetIndex,
    headerRow: opened.header!.headerRow,
    mapping: opened.mapping,
    defaultDepartment: null,
    defaultCaseType: null,
  });
  await service.commit({ fileKey: opened.fileKey, isDemo: false, insistedDuplicate: false });
}

async function setup(name = '体检评查') {
  imported ??= importLedger();
  await imported;
  const db = getDatabase();
  const campaign = await createCampaign(db, {
    name,
    year: 2025,
    periodFrom: null,
    periodTo: null,
    departments: [],
    caseTypes: ['行政处罚'],
    createdBy: '张三',
  });
  await new DrawService(db).execute({
    campaignId: campaign.id,
    plan: { total: 40, stratifyBy: 'department', minimum: 1, sparesPerStratum: 0 },
    seed: '14142135623730950488',
    operator: '张三',
    witnesses: [],
    purposive: { ruleIds: ['CF-60-DECISION', 'SC-64-DECISION'], quota: 2 },
  });
  const { itemIds } = await readCampaignDraw(db, campaign.id);
  const [census] = await loadRuleCensus(db);
  const flagged = itemIds.filter((id) => census!.flagItemId.includes(id));
  const [a, b] = [flagged.at(-1)!, flagged.at(-2)!]; // the two purposive files
  const ruleOf = (id: string) => census!.ruleIds[census!.flagRule[census!.flagItemId.indexOf(id)]!]!;

  return { db, campaign, a, b, ruleOf };
}

describe('flags on the score sheet and the precision in the results', () => {
  it('confirms one flag with a deduction, dismisses another with a reason, and the results show precision per rule', async () => {
    const { db, campaign, a, b, ruleOf } = await setup();
    const user = userEvent.setup();
    const log: ScoreSheet[] = [];
    renderWithApp(
      <>
        <div data-testid="sheet-a">
          <Sheet itemId={a} campaignId={campaign.id} log={log} />
        </div>
        <div data-testid="sheet-b">
          <Sheet itemId={b} campaignId={campaign.id} log={[]} />
        </div>
        <FlagPrecisionCard campaignId={campaign.id} />
      </>,
    );
    const hintA = await within(screen.getByTestId('sheet-a')).findByTestId(`flag-${ruleOf(a)}`);
    expect(hintA.textContent).toMatch(/对应评查项：/);
    await user.click(within(hintA).getByRole('button', { name: '确认并扣分' }));
    await waitFor(() => expect(log.at(-1)?.deductions).toHaveLength(1));
    expect(log.at(-1)!.deductions[0]!.problem).toMatch(/^台账体检线索经核实：.+（《.+》第.+条）$/);

    const hintB = within(screen.getByTestId('sheet-b')).getByTestId(`flag-${ruleOf(b)}`);
    await user.click(within(hintB).getByRole('button', { name: /不予采纳/ }));
    expect(
      await screen.findByText('不予采纳台账体检线索，须写明理由（如“卷内有延期审批表”）。'),
    ).toBeInTheDocument();
    expect(await listFlagDecisions(db, campaign.id)).toHaveLength(1);
    await user.type(within(hintB).getByRole('textbox'), '卷内有延期审批表{Enter}');
    await waitFor(async () => expect(await listFlagDecisions(db, campaign.id)).toHaveLength(2));
    expect(await within(hintB).findByText('不予采纳：卷内有延期审批表')).toBeInTheDocument();

    const table = within(await screen.findByTestId('flag-precision')).getByRole('table');
    await waitFor(() => {
      const text = table.textContent ?? '';
      if (ruleOf(a) === ruleOf(b)) expect(text).toContain('50%');
      else expect(text).toMatch(/100%.*0%|0%.*100%/);
    });
    expect(screen.getByTestId('census-paragraph').textContent).toMatch(
      /台账体检发现：.*确认1条，不予采纳1条/,
    );
  });

  it('keyboard alone: Tab to a hint, y confirms it; n on another opens its reason field, Enter records it', async () => {
    const { db, campaign, a, b, ruleOf } = await setup('键盘体检评查');
    const user = userEvent.setup();
    const log: ScoreSheet[] = [];
    renderWithApp(
      <>
        <div data-testid="sheet-a">
          <Sheet itemId={a} campaignId={campaign.id} log={log} />
        </div>
        <div data-testid="sheet-b">
          <Sheet itemId={b} campaignId={campaign.id} log={[]} />
        </div>
      </>,
    );
    const hintA = await within(screen.getByTestId('sheet-a')).findByTestId(`flag-${ruleOf(a)}`);
    const hintB = within(screen.getByTestId('sheet-b')).getByTestId(`flag-${ruleOf(b)}`);
    const tabTo = async (el: HTMLElement) => {
      for (let i = 0; i < 60 && document.activeElement !== el; i++) await user.tab();
      expect(document.activeElement).toBe(el);
    };
    await tabTo(hintA);
    await user.keyboard('y');
    await waitFor(() => expect(log.at(-1)?.deductions).toHaveLength(1));
    expect(await listFlagDecisions(db, campaign.id)).toMatchObject([{ itemId: a, decision: 'confirmed' }]);
    await tabTo(hintB);
    await user.keyboard('n');
    expect(document.activeElement).toBe(within(hintB).getByRole('textbox'));
    expect(await listFlagDecisions(db, campaign.id)).toHaveLength(1);
    await user.keyboard('卷内有延期审批表{Enter}');
    await waitFor(async () => expect(await listFlagDecisions(db, campaign.id)).toHaveLength(2));
    expect(await within(hintB).findByText('不予采纳：卷内有延期审批表')).toBeInTheDocument();
    // the sheet's 快捷键 help lists both keys
    const help = SHORTCUTS.map(([k, v]) => k + v).join('\n');
    expect(help).toMatch(new RegExp(`${FLAG_SHORTCUT_KEYS.confirm}（台账体检线索上）确认`));
    expect(help).toMatch(new RegExp(`${FLAG_SHORTCUT_KEYS.dismiss}（台账体检线索上）不予采纳`));
  });
});
