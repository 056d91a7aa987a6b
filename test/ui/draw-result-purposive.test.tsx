// The draw-result page lists the files drawn on purpose (issue 26): the stratum 台账体检发现 with the rules it
// was drawn on and the rule pack's SHA-256, and each 定向抽取 file with its reason.
import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { getDatabase } from '../../renderer/db/database';
import { LedgerImportService } from '../../renderer/workers/ledger-import-service';
import { DrawService } from '../../renderer/workers/draw-service';
import { createCampaign } from '../../renderer/db/campaign-repository';
import { DrawResult } from '../../renderer/campaigns/draw-result';
import { DrawRunnerContext } from '../../renderer/campaigns/draw-runner-context';
import { createInProcessDrawRunner } from '../../renderer/workers/draw-client';
import { DocumentRendererContext } from '../../renderer/workers/document-renderer-context';
import { generateLedgerRows } from '../../shared/demo/ledger-generator';
import { DEFAULT_RULE_PACK } from '../../shared/rules/default-rule-pack';
import { ledgerCsvBytes } from '../fixtures/make-ledgers';
import { renderWithApp } from './render-app';
import { testDocumentRenderer } from './document-fonts';

describe('the draw result shows the purposive picks', () => {
  it('lists 台账体检发现 files with their rules and 定向抽取 files with their reasons', async () => {
    const db = getDatabase();
    const service = new LedgerImportService(db);
    const bytes = ledgerCsvBytes(
      generateLedgerRows({ rows: 600, seed: 61, statutoryColumns: true }),
      'utf-8',
    );
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
    const campaign = await createCampaign(db, {
      name: '体检评查',
      year: 2025,
      periodFrom: null,
      periodTo: null,
      departments: [],
      caseTypes: ['行政处罚'],
      createdBy: '张三',
    });
    const draws = new DrawService(db);
    const request = {
      plan: { total: 40, stratifyBy: 'department' as const, minimum: 1, sparesPerStratum: 0 },
      seed: '14142135623730950488',
      operator: '张三',
      witnesses: [],
    };
    // a trial draw (same seed, same scope) tells which files the random draw and the stratum take
    const trial = await draws.execute({
      ...request,
      campaignId: campaign.id,
      purposive: { ruleIds: ['CF-60-DECISION'], quota: 2 },
    });
    const taken = new Set([
      ...[...trial.drawn, ...trial.spares].map((d) => d.itemId),
      ...trial.record.purposive!.flagged!.drawn.map((p) => p.itemId),
    ]);
    const other = await createCampaign(db, {
      name: '体检评查二',
      year: 2025,
      periodFrom: null,
      periodTo: null,
      departments: [],
      caseTypes: ['行政处罚'],
      createdBy: '张三',
    });
    // in scope, flagged but not taken by the stratum: a file one may name on purpose
    const namedId = trial.record.purposive!.flagged!.ids.find((id) => !taken.has(id))!;
    const first = await draws.execute({
      ...request,
      campaignId: other.id,
      purposive: {
        ruleIds: ['CF-60-DECISION'],
        quota: 2,
        named: [{ itemId: namedId, reason: '群众举报反映该案处罚畸轻' }],
      },
    });
    const part = first.record.purposive!;
    expect(part.flagged!.drawn).toHaveLength(2);
    expect(part.named).toHaveLength(1);

    const runner = createInProcessDrawRunner(db);
    const renderer = testDocumentRenderer();
    renderWithApp(
      <DrawRunnerContext.Provider value={() => runner}>
        <DocumentRendererContext.Provider value={() => renderer}>
          <DrawResult campaign={other} drawId={first.drawId} initial={first} />
        </DocumentRendererContext.Provider>
      </DrawRunnerContext.Provider>,
    );
    const section = await screen.findByTestId('purposive-picks');
    expect(section.textContent).toContain(part.rulePack.sha256);
    const title = DEFAULT_RULE_PACK.rules.find((r) => r.id === 'CF-60-DECISION')!.title;
    const rows = within(within(section).getByTestId('purposive-table')).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    for (const [i, p] of part.flagged!.drawn.entries()) {
      const cells = rows[i]!.textContent!;
      expect(cells).toContain('台账体检发现');
      expect(cells).toContain(p.ticket);
      expect(cells).toContain(p.itemId.split('|')[1]!);
      expect(cells).toContain(`CF-60-DECISION ${title}`);
    }
    const namedRow = rows[2]!.textContent!;
    expect(namedRow).toContain('定向抽取');
    expect(namedRow).toContain(part.named[0]!.caseNo);
    expect(namedRow).toContain('群众举报反映该案处罚畸轻');
  });
});
