// 台账体检 in the app: the tab shows the census of the imported ledger per rule, the case browser filters by
// rule, and 设置 switches rules off and changes periods (logged, re-run), refusing a bad period in Chinese.
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { getDatabase } from '../../renderer/db/database';
import { readAuditLog } from '../../renderer/db/audit-repository';
import { loadRuleCensus } from '../../renderer/db/rule-census-repository';
import { LedgerImportService } from '../../renderer/workers/ledger-import-service';
import { RuleCensusPanel } from '../../renderer/ledgers/rule-census-panel';
import { CaseBrowser } from '../../renderer/ledgers/case-browser';
import { RulePackCard } from '../../renderer/settings/rule-pack-card';
import { generateLedgerRows } from '../../shared/demo/ledger-generator';
import { ledgerCsvBytes } from '../fixtures/make-ledgers';
import { snapshot } from '../db/helpers';
import { renderWithApp } from './render-app';

async function importCheckedLedger(): Promise<void> {
  const service = new LedgerImportService(getDatabase());
  const bytes = ledgerCsvBytes(generateLedgerRows({ rows: 600, seed: 41, statutoryColumns: true }), 'utf-8');
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

describe('台账体检 (UI)', () => {
  it('shows the census per rule, filters the case browser by rule, and 设置 changes are logged and re-run', async () => {
    await importCheckedLedger();
    const census = (await loadRuleCensus(getDatabase()))[0]!;
    const delivery = census.tallies.find((t) => t.ruleId === 'CF-61-DELIVERY')!.flagged;
    expect(delivery).toBeGreaterThan(0);
    const user = userEvent.setup();
    renderWithApp(
      <>
        <RuleCensusPanel />
        <CaseBrowser />
        <RulePackCard />
      </>,
    );
    await waitFor(() => expect(screen.getByTestId('census-status').textContent).toContain('已体检 1 份台账'));
    const rules = screen.getByRole('table', { name: '各规则体检结果' });
    const row = within(rules).getByText('处罚决定书送达超过七个工作日').closest('tr')!;
    expect(within(row).getByText(String(delivery))).toBeInTheDocument();

    // the case browser: only the files the rule flagged
    await user.click(screen.getByRole('combobox', { name: '按台账体检线索筛选' }));
    await user.click(await screen.findByTitle(`处罚决定书送达超过七个工作日（${delivery}）`));
    await waitFor(() =>
      expect(screen.getByTestId('browse-count').textContent).toContain(`筛选结果 ${delivery} 件`),
    );

    // a period left empty: refused in Chinese, nothing written
    const card = screen.getByTestId('rule-pack-card');
    const days = within(card).getByRole('spinbutton', {
      name: '市场监管案件超过九十日（经批准延长三十日）办案期限 期限',
    });
    await user.clear(days);
    const before = await snapshot(getDatabase());
    await user.click(within(card).getByTestId('rule-pack-save'));
    expect(await screen.findByText('设置未保存：期限应为 1 到 3650 之间的整数天数')).toBeInTheDocument();
    expect(await snapshot(getDatabase())).toEqual(before);

    // switch the delivery rule off and set 60 days: logged, and the census re-runs without it
    await user.type(days, '60');
    await user.click(within(card).getByRole('switch', { name: '启用规则 处罚决定书送达超过七个工作日' }));
    await user.click(within(card).getByTestId('rule-pack-save'));
    await waitFor(async () => {
      const [c] = await loadRuleCensus(getDatabase());
      expect(c!.ruleIds).not.toContain('CF-61-DELIVERY');
    });
    const log = await readAuditLog(getDatabase());
    const settings = log.find((e) => e.action === 'rules.settings')!;
    expect(settings.summary).toContain('停用 CF-61-DELIVERY；SC-64-DECISION 期限改为 60 日（延长 30 日）');
    expect(log.filter((e) => e.action === 'rules.census')).toHaveLength(2);
    await waitFor(() => expect(within(rules).getByText('已停用')).toBeInTheDocument());
  });
});
