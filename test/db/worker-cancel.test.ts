// Each worker job stops on its own call's AbortSignal (renderer/workers/rpc.ts), here with the services run
// in-process as the UI tests run them: the call rejects with a WorkerError of kind 'cancelled' and the
// operation's Chinese message, the store is exactly as it was, and the next call runs as if nothing happened.
import { describe, expect, it } from 'vitest';
import { freshDb, makeRecords, newImportMeta, snapshot } from './helpers';
import { createCampaign } from '../../renderer/db/campaign-repository';
import { importCaseFiles } from '../../renderer/db/ledger-repository';
import { createInProcessDrawRunner } from '../../renderer/workers/draw-client';
import { createInProcessImporter } from '../../renderer/workers/ledger-import-client';
import { WorkerError } from '../../renderer/workers/rpc';
import { emptyMapping } from '../../shared/ledger/header';

const enc = new TextEncoder();

function ledgerCsv(rows: number): Uint8Array {
  const lines = ['案件编号,执法部门,案件类型,当事人,立案日期'];
  for (let i = 1; i <= rows; i++)
    lines.push(`德应急罚〔2024〕${i}号,德阳市应急管理局,行政处罚,企业${i},2024-03-01`);
  return enc.encode(lines.join('\n') + '\n');
}

describe('a worker job stops on its own AbortSignal', () => {
  it('ledger import: an aborted analyse and an aborted commit are cancelled; nothing is written', async () => {
    const db = freshDb();
    const importer = createInProcessImporter(db);
    const opened = await importer.open({ name: '应急.csv', bytes: ledgerCsv(6000) }, 'auto');
    const request = {
      fileKey: opened.fileKey,
      sheetIndex: opened.sheetIndex,
      headerRow: opened.header!.headerRow,
      mapping: { ...emptyMapping(), ...opened.mapping },
      defaultDepartment: null,
      defaultCaseType: null,
      existingItemIds: [],
    };
    const before = await snapshot(db);
    const stopAnalyse = new AbortController();
    const analysed = importer.analyse(request, () => stopAnalyse.abort(), stopAnalyse.signal);
    await expect(analysed).rejects.toBeInstanceOf(WorkerError);
    await expect(analysed).rejects.toMatchObject({
      kind: 'cancelled',
      message: '操作已取消，数据库未作任何更改。',
    });

    const summary = await importer.analyse(request); // the next call is not affected
    expect(summary.counts.valid).toBe(6000);
    const stopCommit = new AbortController();
    const committed = importer.commit(
      { fileKey: opened.fileKey, isDemo: false, insistedDuplicate: false },
      () => stopCommit.abort(),
      stopCommit.signal,
    );
    await expect(committed).rejects.toMatchObject({ kind: 'cancelled' });
    expect(await snapshot(db)).toEqual(before);

    const record = await importer.commit({
      fileKey: opened.fileKey,
      isDemo: false,
      insistedDuplicate: false,
    });
    expect(record.counts.imported).toBe(6000);
  });

  it('draw: an aborted draw is cancelled with its own message and stores no draw', async () => {
    const db = freshDb();
    await importCaseFiles(
      db,
      newImportMeta({
        fileName: '市场.xlsx',
        sha256: 'a'.repeat(64),
        fileSize: 100,
        headerRow: 0,
        counts: { rowsRead: 0, errors: 0, warnings: 0, excluded: 0 },
      }),
      makeRecords(40, '市场监督管理局', 'SJ'),
    );
    const campaign = await createCampaign(db, {
      name: '评查',
      year: 2025,
      periodFrom: null,
      periodTo: null,
      departments: [],
      caseTypes: [],
      createdBy: '李明',
    });
    const runner = createInProcessDrawRunner(db);
    const request = {
      campaignId: campaign.id,
      plan: { total: 5, stratifyBy: 'department' as const, minimum: 1, sparesPerStratum: 1 },
      seed: '01382438112797316654',
      operator: '李明',
      witnesses: ['王芳'],
    };
    const before = await snapshot(db);
    const stop = new AbortController();
    const drawn = runner.execute(request, () => stop.abort(), stop.signal);
    await expect(drawn).rejects.toMatchObject({
      kind: 'cancelled',
      message: '已取消抽取，数据库未作任何更改。',
    });
    expect(await snapshot(db)).toEqual(before);
    expect(await db.draws.count()).toBe(0);
    const view = await runner.execute(request);
    expect(view.drawn).toHaveLength(5);
  });
});
