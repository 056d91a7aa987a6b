// One draw-record builder: the record the draw worker stores and the record `pingcha draw verify`
// rebuilds from the same ledger files are the same bytes (canonical JSON and its SHA-256).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCampaign } from '../../renderer/db/campaign-repository';
import { DrawService } from '../../renderer/workers/draw-service';
import { LedgerImportService } from '../../renderer/workers/ledger-import-service';
import { readVerifyPopulation, runDrawVerify } from '../../shared/cli/draw-verify-command';
import { parseDrawRecord, rebuildDrawRecord, serializeDrawRecord } from '../../shared/draw/draw-record';
import { freshDb } from './helpers';
import { memoryIo } from '../fixtures/memory-io';

const sha = (b: Uint8Array | string): string => createHash('sha256').update(b).digest('hex');
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

function ledger(prefix: string, depts: string[], n: number): Uint8Array {
  const rows = [['执法部门', '案件编号', '案件类型', '当事人', '结案日期']];
  for (let i = 1; i <= n; i++) {
    rows.push([
      depts[i % depts.length]!,
      `${prefix}罚〔2024〕${i}号`,
      i % 4 === 0 ? '行政检查' : '行政处罚',
      `当事人${i}`,
      `2024-${String((i % 12) + 1).padStart(2, '0')}-15`,
    ]);
  }
  return enc(rows.map((r) => r.join(',')).join('\r\n') + '\r\n');
}

describe('one draw-record builder', () => {
  it('the worker path and the draw verify path build byte-identical records', async () => {
    const db = freshDb();
    const files: Record<string, Uint8Array> = {
      '市场监管台账.csv': ledger('德市监', ['德阳市市场监督管理局', '德阳市城市管理局'], 70),
      '交通台账.csv': ledger('德交', ['德阳市交通运输局'], 40),
    };
    const importer = new LedgerImportService(db);
    for (const [name, bytes] of Object.entries(files)) {
      const opened = await importer.open({ name, bytes }, 'auto');
      const report = await importer.analyse({
        fileKey: opened.fileKey,
        sheetIndex: opened.sheetIndex,
        headerRow: opened.header!.headerRow,
        mapping: opened.mapping,
        defaultDepartment: null,
        defaultCaseType: null,
      });
      expect(report.counts.errors).toBe(0);
      await importer.commit({ fileKey: opened.fileKey, isDemo: false, insistedDuplicate: false });
    }
    const campaign = await createCampaign(db, {
      name: '2024 年度行政执法案卷评查',
      year: 2024,
      periodFrom: '2024-02-01',
      periodTo: '2024-11-30',
      departments: [],
      caseTypes: ['行政处罚'],
      createdBy: '张三',
    });

    // Worker path: the draw service (what runs in the draw worker), with a replacement and an extra.
    const service = new DrawService(db, () => new Date('2025-03-01T01:00:00Z'));
    const view = await service.execute({
      campaignId: campaign.id,
      plan: { total: 9, stratifyBy: 'department×caseType', minimum: 1, sparesPerStratum: 2 },
      seed: '31415926535897932384',
      operator: '张三',
      witnesses: ['李四'],
    });
    await service.replace(view.drawId, view.drawn[0]!.itemId, '案卷已移送', '张三');
    await service.more(view.drawId, view.strata[0]!.key, 1, '补充抽取', '张三');
    const workerBytes = await service.exportRecord(view.drawId);
    const workerText = new TextDecoder().decode(workerBytes);
    const stored = parseDrawRecord(workerText);
    expect(stored.replacements).toHaveLength(1);
    expect(stored.extras).toHaveLength(1);

    // CLI path: `pingcha draw verify` re-imports the files with the record's settings ...
    const io = memoryIo({ ...files, 'record.json': workerBytes });
    expect(await runDrawVerify(['record.json', ...Object.keys(files)], io)).toBe(0);
    expect(io.stdout).toContain('一致 (match)');
    // ... and rebuilds the record from that population with the same builder.
    const population = await readVerifyPopulation(stored, Object.keys(files), memoryIo(files));
    if (typeof population === 'number') throw new Error(`exit ${population}`);
    const rebuilt = serializeDrawRecord(rebuildDrawRecord(stored, population).record);
    expect(rebuilt).toBe(workerText);
    expect(sha(enc(rebuilt))).toBe(sha(workerBytes));

    // A ledger changed by one row gives different bytes (the comparison can fail).
    const changed = ledger('德交', ['德阳市交通运输局'], 41);
    const other = await readVerifyPopulation(
      stored,
      Object.keys(files),
      memoryIo({ ...files, '交通台账.csv': changed }),
    );
    if (typeof other === 'number') throw new Error(`exit ${other}`);
    expect(serializeDrawRecord(rebuildDrawRecord(stored, other).record)).not.toBe(workerText);
  });
});
