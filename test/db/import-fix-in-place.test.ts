// Error rows fixed in place (issue 25): correct a cell in the wizard's report, validate again, import — the
// fixed row is stored, the correction kept with the import and in the draw record (the file is unchanged), and
// `pingcha draw verify` replays it on the same file. A bad correction is refused in Chinese; abandoning the
// wizard after a correction leaves the store exactly as it was.
import { describe, expect, it } from 'vitest';
import { freshDb, snapshot } from './helpers';
import { LedgerImportService } from '../../renderer/workers/ledger-import-service';
import { listCommittedImports } from '../../renderer/db/ledger-repository';
import { createCampaign } from '../../renderer/db/campaign-repository';
import { DrawService } from '../../renderer/workers/draw-service';
import { runDrawVerify } from '../../shared/cli/draw-verify-command';
import { readAuditLog } from '../../renderer/db/audit-repository';
import { memoryIo } from '../fixtures/memory-io';
import type { PingchaDatabase } from '../../renderer/db/database';

const enc = new TextEncoder();
const CSV = enc.encode(
  '\ufeff' +
    [
      '案件编号,执法部门,案件类型,当事人,立案日期,结案日期',
      ...Array.from(
        { length: 30 },
        (_, i) => `JT-${100 + i},德阳市交通运输局,行政处罚,当事人${i},2025-01-05,2025-02-0${(i % 9) + 1}`,
      ),
      // row 32: closed before filed (an error); row 33: no case number (an error)
      'JT-900,德阳市交通运输局,行政处罚,王某,2025-05-10,2025-05-01',
      ',德阳市交通运输局,行政处罚,赵某,2025-03-01,2025-03-20',
    ].join('\r\n'),
);

async function analysed(db: PingchaDatabase) {
  const service = new LedgerImportService(db);
  const opened = await service.open({ name: '交通台账.csv', bytes: CSV }, 'auto');
  const request = {
    fileKey: opened.fileKey,
    sheetIndex: opened.sheetIndex,
    headerRow: opened.header!.headerRow,
    mapping: opened.mapping,
    defaultDepartment: null,
    defaultCaseType: null,
    existingItemIds: [],
  };
  const first = await service.analyse(request);
  return { service, request, first, fileKey: opened.fileKey };
}

describe('error rows fixed in place', () => {
  it('a corrected cell re-validates, is imported, kept with the import and replayed by draw verify', async () => {
    const db = freshDb();
    const { service, request, first, fileKey } = await analysed(db);
    expect(first.counts).toMatchObject({ valid: 30, errors: 2 });
    const closed = first.headers.indexOf('结案日期');
    const caseNo = first.headers.indexOf('案件编号');
    expect(await service.readCell(fileKey, 32, closed)).toBe('2025-05-01');
    await service.fixCell(fileKey, 32, closed, '2025-05-20');
    await service.fixCell(fileKey, 33, caseNo, 'JT-901');
    const again = await service.analyse(request);
    expect(again.counts).toMatchObject({ valid: 32, errors: 0 });
    expect(again.cellEdits).toEqual([
      { row: 32, column: closed, header: '结案日期', before: '2025-05-01', value: '2025-05-20' },
      { row: 33, column: caseNo, header: '案件编号', before: '', value: 'JT-901' },
    ]);
    const imp = await service.commit({ fileKey, isDemo: false, insistedDuplicate: false });
    expect(imp.counts.imported).toBe(32);
    expect((await listCommittedImports(db))[0]!.cellEdits).toEqual(again.cellEdits);
    const chunk = (await db.caseChunks.toArray())[0]!;
    const at = chunk.caseNo.indexOf('JT-900');
    expect(chunk.closedDate[at]).toBe('2025-05-20');
    expect(chunk.caseNo).toContain('JT-901');
    const log = (await readAuditLog(db)).find((e) => e.action === 'ledger.import')!;
    expect(log.summary).toContain('导入时改正 2 个单元格');

    // a draw over the corrected rows: its record carries the corrections; draw verify replays them on the file
    const campaign = await createCampaign(db, {
      name: '改正后抽取',
      year: 2025,
      periodFrom: null,
      periodTo: null,
      departments: [],
      caseTypes: [],
      createdBy: '张三',
    });
    const draws = new DrawService(db, () => new Date('2025-06-01T01:00:00Z'));
    const view = await draws.execute({
      campaignId: campaign.id,
      plan: { total: 32, stratifyBy: 'department' as const, minimum: 1, sparesPerStratum: 0 },
      seed: '31415926535897932384',
      operator: '张三',
      witnesses: [],
    });
    expect(view.drawn.map((d) => d.caseNo)).toContain('JT-901');
    const record = await draws.exportRecord(view.drawId);
    const io = memoryIo({ 'record.json': record, '交通台账.csv': CSV });
    expect(await runDrawVerify(['record.json', '交通台账.csv'], io)).toBe(0);
    // another version of the file, whose cell no longer holds the text the correction was made on: refused
    const other = enc.encode(new TextDecoder().decode(CSV).replace('2025-05-01', '2025-04-30'));
    const io2 = memoryIo({ 'record.json': record, '交通台账.csv': other });
    expect(await runDrawVerify(['record.json', '交通台账.csv'], io2)).toBe(2);
    expect(io2.stderr).toContain('与导入时改正前的“2025-05-01”不同');
  });

  it('a bad correction is refused in Chinese; abandoning after a correction leaves the store as it was', async () => {
    const db = freshDb();
    const before = await snapshot(db);
    const { service, request, first, fileKey } = await analysed(db);
    await expect(service.fixCell(fileKey, 1, 0, 'x')).rejects.toThrow('第 1 行不是本表的数据行，不能改正。');
    await expect(service.fixCell(fileKey, 99, 0, 'x')).rejects.toThrow('第 99 行不是本表的数据行');
    await expect(service.fixCell(fileKey, 32, first.headers.length, 'x')).rejects.toThrow('列不在表头范围内');
    await expect(service.fixCell(fileKey, 32, 0, 'x'.repeat(40_000))).rejects.toThrow('超过 32767 个字符');
    expect((await service.analyse(request)).cellEdits).toEqual([]);
    await service.fixCell(fileKey, 32, first.headers.indexOf('结案日期'), '2025-05-20');
    expect((await service.analyse(request)).counts.valid).toBe(31);
    // the wizard is abandoned: nothing was written
    expect(await snapshot(db)).toEqual(before);
  });
});
