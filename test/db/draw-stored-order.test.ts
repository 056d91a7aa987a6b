// The draw after a reload merges the code-point order each import stored with its chunks instead of
// sorting every id again; a missing or stale stored order is sorted afresh, with the same record.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createCampaign } from '../../renderer/db/campaign-repository';
import { DrawService } from '../../renderer/workers/draw-service';
import { LedgerImportService } from '../../renderer/workers/ledger-import-service';
import * as codePoint from '../../shared/draw/code-point';
import { parseDrawRecord } from '../../shared/draw/draw-record';
import type { PingchaDatabase } from '../../renderer/db/database';
import { freshDb } from './helpers';

const sorts = vi.hoisted(() => ({ calls: 0 }));
vi.mock('../../shared/draw/code-point', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../shared/draw/code-point')>();
  return {
    ...actual,
    codePointOrder: (ids: readonly string[]) => {
      sorts.calls++;
      return actual.codePointOrder(ids);
    },
  };
});

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

function ledger(prefix: string, depts: string[], n: number): Uint8Array {
  const rows = [['执法部门', '案件编号', '案件类型', '当事人', '结案日期']];
  for (let i = 1; i <= n; i++) {
    rows.push([
      depts[(i * 7) % depts.length]!,
      `${prefix}罚〔2024〕${(i * 37) % 1000}号`,
      i % 4 === 0 ? '行政检查' : '行政处罚',
      `当事人${i}`,
      `2024-${String((i % 12) + 1).padStart(2, '0')}-15`,
    ]);
  }
  return enc(rows.map((r) => r.join(',')).join('\r\n') + '\r\n');
}

async function importLedgers(db: PingchaDatabase): Promise<void> {
  const importer = new LedgerImportService(db);
  // Both files hold files of both departments, so the merged order interleaves them.
  for (const [name, bytes] of Object.entries({
    '甲.csv': ledger('德市监', ['德阳市市场监督管理局', '德阳市城市管理局'], 90),
    '乙.csv': ledger('德城', ['德阳市城市管理局', '德阳市市场监督管理局', '德阳市交通运输局'], 60),
  })) {
    const opened = await importer.open({ name, bytes }, 'auto');
    await importer.analyse({
      fileKey: opened.fileKey,
      sheetIndex: opened.sheetIndex,
      headerRow: opened.header!.headerRow,
      mapping: opened.mapping,
      defaultDepartment: null,
      defaultCaseType: null,
    });
    await importer.commit({ fileKey: opened.fileKey, isDemo: false, insistedDuplicate: false });
  }
}

/** A draw of a new campaign over every stored file: its population, strata, drawn files and spares. */
async function drawRecordText(db: PingchaDatabase): Promise<string> {
  const campaignId = (
    await createCampaign(db, {
      name: `2024 年度评查 ${(await db.campaigns.count()) + 1}`,
      year: 2024,
      periodFrom: null,
      periodTo: null,
      departments: [],
      caseTypes: [],
      createdBy: '张三',
    })
  ).id;
  const service = new DrawService(db, () => new Date('2025-03-01T01:00:00Z'));
  const view = await service.execute({
    campaignId,
    plan: { total: 12, stratifyBy: 'department', minimum: 1, sparesPerStratum: 2 },
    seed: '27182818284590452353',
    operator: '张三',
    witnesses: [],
  });
  // The drawn files' details come from the merged order (binary search), not from a map of every id.
  expect(view.drawn.every((d) => d.party.startsWith('当事人'))).toBe(true);
  const record = parseDrawRecord(new TextDecoder().decode(await service.exportRecord(view.drawId)));
  expect(record.population.ids.length).toBe(150);
  return JSON.stringify([record.population, record.strata, record.drawn, record.spares]);
}

describe('the draw reuses the code-point order stored with each import', () => {
  let db: PingchaDatabase;
  beforeEach(async () => {
    db = freshDb();
    await importLedgers(db);
  });

  it('an import stores its order on its first chunk, and a fresh draw service sorts nothing', async () => {
    const imports = await db.imports.toArray();
    expect(imports).toHaveLength(2);
    for (const imp of imports) {
      const chunks = await db.caseChunks.where('importId').equals(imp.id).sortBy('seq');
      const ids = chunks.flatMap((c) => c.itemId);
      expect(chunks[0]!.idOrder).toBeInstanceOf(Uint32Array);
      expect(codePoint.isCodePointOrder(ids, chunks[0]!.idOrder!)).toBe(true);
    }
    sorts.calls = 0;
    const withStored = await drawRecordText(db);
    expect(sorts.calls).toBe(0);

    // The same record when the stored orders are missing (an import written before them) or stale.
    const first = imports[0]!.id;
    await db.caseChunks
      .where('importId')
      .anyOf(imports.map((i) => i.id))
      .modify((c) => {
        delete c.idOrder;
      });
    sorts.calls = 0;
    const sortedHere = await drawRecordText(db);
    expect(sorts.calls).toBe(2);
    expect(sortedHere).toBe(withStored);

    const chunk0 = (await db.caseChunks.get([first, 0]))!;
    const reversed = Uint32Array.from([...codePoint.codePointOrder(chunk0.itemId)].reverse());
    await db.caseChunks.update([first, 0], { idOrder: reversed });
    sorts.calls = 0;
    const stale = await drawRecordText(db);
    expect(sorts.calls).toBe(2);
    expect(stale).toBe(withStored);
  });

  it('refuses a population holding an id twice, naming both files, and stores no draw', async () => {
    // A second copy of 甲.csv's import (the importer itself refuses rows already stored).
    const original = (await db.imports.toArray()).find((r) => r.fileName === '甲.csv')!;
    const copy = {
      ...original,
      id: 'imp_copy',
      fileName: '甲（重复）.csv',
      committedAt: '2025-01-01T00:00:00Z',
    };
    const chunks = await db.caseChunks.where('importId').equals(original.id).toArray();
    await db.imports.add(copy);
    await db.caseChunks.bulkAdd(chunks.map((c) => ({ ...c, importId: copy.id })));
    await expect(drawRecordText(db)).rejects.toThrow(/出现了不止一次（“甲（重复）.csv”、“甲.csv”）/);
    expect(await db.draws.count()).toBe(0);
  });
});
