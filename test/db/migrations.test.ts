// Migration harness: for every schema version, a database made by that version and filled with
// data must open under the current version with nothing lost. Adding a version means adding
// a seeder for it here (and the upgrade in renderer/db/schema.ts).
import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { PingchaDatabase } from '../../renderer/db/database';
import { CURRENT_SCHEMA_VERSION, SCHEMA_VERSIONS } from '../../renderer/db/schema';
import { toColumnChunks } from '../../shared/cases/case-columns';
import { makeRecords } from './helpers';
import { appendAudit } from '../../renderer/db/audit-repository';
import { getDraw } from '../../renderer/db/campaign-repository';

type Seeder = (db: PingchaDatabase) => Promise<void>;

const seeders: Record<number, Seeder> = {
  // Seeders write raw records exactly as that version stored them: never through today's
  // repositories, which may need tables an old version does not have.
  1: async (db) => {
    await db.meta.put({ key: 'settings', value: { deadlineDays: 15 } });
    await db.mappings.put({
      department: '交通运输局',
      byHeader: { caseNo: '案号' } as never,
      updatedAt: '2026-01-01',
    });
    const records = makeRecords(2100);
    const chunks = toColumnChunks(records, 2000);
    await db.table('imports').add({
      id: 'imp_v1',
      status: 'committed',
      fileName: 'v1.xlsx',
      sheetName: 'Sheet1',
      sha256: 'd'.repeat(64),
      fileSize: 10,
      encoding: null,
      headerRow: 0,
      headers: ['案件编号'],
      mapping: {},
      defaultDepartment: null,
      defaultCaseType: null,
      departments: ['市场监督管理局'],
      counts: { rowsRead: 2100, imported: 2100, errors: 0, warnings: 0, excluded: 0 },
      chunkCount: chunks.length,
      startedAt: '2026-01-01T00:00:00.000Z',
      committedAt: '2026-01-01T00:00:01.000Z',
      isDemo: false,
      insistedDuplicate: false,
    });
    await db
      .table('caseChunks')
      .bulkAdd(chunks.map((c, seq) => ({ importId: 'imp_v1', seq, count: c.raw.length, ...c.columns })));
    await db.table('rawChunks').bulkAdd(chunks.map((c, seq) => ({ importId: 'imp_v1', seq, raw: c.raw })));
  },
  2: async (db) => {
    await seeders[1]!(db);
    await appendAudit(db, {
      actor: '测试',
      action: 'draw.create',
      objectType: 'draw',
      objectId: 'd1',
      summary: '抽取',
      content: { n: 1 },
    });
    await db
      .table('campaigns')
      .put({ id: 'c1', name: '第十一次行政执法案卷评查', year: 2026, createdAt: '2026-01-01' });
    // v2 kept the population ids (and their strata) inside the draw row.
    await db.table('draws').put({
      id: 'd1',
      campaignId: 'c1',
      createdAt: '2026-01-02',
      record: { seed: '123', population: { size: 3, sha256: 'f'.repeat(64), ids: ['甲|1', '甲|2', '乙|1'] } },
      populationStrata: new Uint16Array([0, 0, 1]),
    });
  },
  3: async (db) => {
    await seeders[2]!(db);
    await db.table('campaigns').put({ id: 'c3', name: '第十二次评查', year: 2027, createdAt: '2027-01-01' });
  },
  4: async (db) => {
    await seeders[3]!(db);
    await db.table('auditSuperseded').put({
      id: 'r1:2',
      restoreSeq: 2,
      restoreHash: 'e'.repeat(64),
      restoredAt: '2027-02-01T00:00:00.000Z',
      restoredBy: '张三',
      backupCreatedAt: '2027-01-01T00:00:00.000Z',
      seq: 2,
      at: '2027-01-15T00:00:00.000Z',
      actor: '李四',
      action: 'letter.issue',
      objectType: 'letter',
      objectId: 'l1',
      summary: '印发德法函〔2027〕1号',
      digest: 'a'.repeat(64),
      prevHash: 'b'.repeat(64),
      hash: 'c'.repeat(64),
    });
  },
  5: async (db) => {
    await seeders[4]!(db);
    await db.table('departments').put({
      id: 'dep_1',
      name: '德阳市应急管理局',
      aliases: ['市应急管理局'],
      caseNoPrefixes: ['德应急罚'],
      kind: 'municipal',
      isDemo: false,
      createdAt: '2027-01-01T00:00:00.000Z',
      updatedAt: '2027-01-01T00:00:00.000Z',
    });
  },
  6: async (db) => {
    await seeders[5]!(db);
    await db.table('signingKeys').put({
      publicKey: 'a'.repeat(64),
      fingerprint: 'AAAA-AAAA-AAAA-AAAA-AAAA',
      createdAt: '2027-01-02T00:00:00.000Z',
      createdBy: '测试',
      source: 'generated',
    });
  },
  7: async (db) => {
    await seeders[6]!(db);
    await db.table('ruleCensus').put({
      importId: 'imp_v1',
      packId: 'pingcha-ledger-rules',
      packVersion: '2026.12-1',
      packSha256: 'c'.repeat(64),
      registrySha256: '',
      checkedAt: '2027-01-03T00:00:00.000Z',
      ruleIds: ['SC-64-DECISION'],
      tallies: [],
      flagOffset: [3],
      flagRule: [0],
      flagItemId: ['市场监督管理局|1'],
      flagSentence: ['立案2024-03-02，决定2024-07-20，共140日，超过90日期限50日'],
    });
    await db.table('flagDecisions').put({
      id: 'c1|市场监督管理局|1|SC-64-DECISION',
      campaignId: 'c1',
      itemId: '市场监督管理局|1',
      ruleId: 'SC-64-DECISION',
      sentence: '立案2024-03-02，决定2024-07-20，共140日，超过90日期限50日',
      decision: 'dismissed',
      reason: '卷内有延期批准表',
      standardItemId: null,
      reviewerId: 'r1',
      by: '评查员甲',
      at: '2027-01-04T00:00:00.000Z',
    });
  },
  8: async (db) => {
    await seeders[7]!(db);
    await db.table('caseFileBytes').put({ sha256: 'e'.repeat(64), bytes: new Uint8Array([37, 80, 68, 70]) });
    await db.table('caseFiles').put({
      id: 'cf_1',
      campaignId: 'c1',
      itemId: '甲|1',
      name: '德市监罚〔2024〕1号.pdf',
      size: 4,
      sha256: 'e'.repeat(64),
      attachedAt: '2027-01-03T00:00:00.000Z',
      attachedBy: '测试',
    });
    await db.table('caseFilePages').put({
      sha256: 'e'.repeat(64),
      labels: { 0: '立案审批表' },
      updatedAt: '2027-01-03T00:00:00.000Z',
      updatedBy: '测试',
    });
  },
  9: async (db) => {
    await seeders[8]!(db);
    await db.table('caseFileReadings').put({
      sha256: 'e'.repeat(64),
      pageCount: 2,
      readings: [
        {
          page: 0,
          kind: '立案审批表',
          confidence: 1,
          firstLines: ['立案审批表'],
          caseNo: '德市监罚〔2024〕1号',
          date: '2024-03-01',
        },
      ],
      updatedAt: '2027-01-04T00:00:00.000Z',
    });
  },
};

/**
 * What a table holds as the app reads it. Versions that only move data (v3: a draw's population ids
 * into drawPopulations) must keep this view identical; getDraw() reassembles it the same way.
 */
async function logical(db: Dexie): Promise<Record<string, unknown[]>> {
  const out = await dump(db);
  if (out.drawPopulations) {
    const pops = new Map((out.drawPopulations as { drawId: string }[]).map((p) => [p.drawId, p]));
    out.draws = (out.draws as Record<string, unknown>[]).map((row) => {
      const { populationSeparate, ...rest } = row as {
        populationSeparate?: boolean;
        id: string;
        record: { population: object };
      };
      if (!populationSeparate) return row;
      const pop = pops.get(rest.id) as { ids: string[]; populationStrata?: unknown } | undefined;
      return {
        ...rest,
        record: { ...rest.record, population: { ...rest.record.population, ids: pop?.ids } },
        ...(pop?.populationStrata ? { populationStrata: pop.populationStrata } : {}),
      };
    });
    delete out.drawPopulations;
  }
  return out;
}

// The published store definitions, frozen: editing a released version breaks users' databases.
const PUBLISHED: Record<number, Record<string, string | null>> = {
  1: {
    meta: 'key',
    imports: 'id, status, sha256, committedAt',
    caseChunks: '[importId+seq], importId',
    rawChunks: '[importId+seq], importId',
    mappings: 'department',
  },
  2: {
    campaigns: 'id, year, createdAt',
    draws: 'id, campaignId',
    drawEvents: 'id, drawId, [drawId+seq]',
    standards: '[id+version], id',
    reviewers: 'id, campaignId',
    assignments: 'campaignId',
    scoreSheets: 'id, campaignId, itemId, reviewerId, [campaignId+itemId]',
    finalResults: '[campaignId+itemId], campaignId',
    letters: 'id, campaignId, department, status',
    letterNumbers: 'id, [prefix+year], status',
    attachments: 'id, ownerId',
    officers: 'id, department, certificateNo, idNumber',
    examSittings: 'id',
    examCandidates: 'id, sittingId, idNumber',
    trainingSessions: 'id, year',
    trainingAttendance: 'id, sessionId, officerId',
    annualReviews: 'id, year',
    reviewDecisions: 'id, reviewId, officerId',
    panelPackages: 'id, campaignId',
    auditLog: 'seq, at, action',
  },
  3: { drawPopulations: 'drawId' },
  4: { auditSuperseded: 'id, restoreSeq, seq' },
  5: { departments: 'id, name' },
  6: { signingKeys: 'publicKey, createdAt' },
  7: { ruleCensus: 'importId', flagDecisions: 'id, campaignId' },
  8: {
    caseFiles: 'id, campaignId, [campaignId+itemId], sha256',
    caseFileBytes: 'sha256',
    caseFilePages: 'sha256',
  },
  9: { caseFileReadings: 'sha256' },
};

async function dump(db: Dexie): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of db.tables) out[t.name] = await t.toArray();
  return out;
}

describe('schema migrations', () => {
  it('versions are append-only: published versions are unchanged and numbered 1..n', () => {
    SCHEMA_VERSIONS.forEach((v, i) => expect(v.version).toBe(i + 1));
    for (const [version, stores] of Object.entries(PUBLISHED)) {
      expect(SCHEMA_VERSIONS[Number(version) - 1]?.stores).toEqual(stores);
    }
  });

  it('every version has a seeder', () => {
    for (const v of SCHEMA_VERSIONS)
      expect(seeders[v.version], `seeder for v${v.version}`).toBeTypeOf('function');
  });

  it("v3 moves a draw's population ids out of the draw row, and getDraw puts them back", async () => {
    const name = `migrate-split-${Date.now()}`;
    const old = new PingchaDatabase(name, 2);
    await seeders[2]!(old);
    old.close();
    const db = new PingchaDatabase(name);
    const stored = (await db.draws.get('d1'))!;
    expect(stored.record.population.ids).toEqual([]);
    expect(stored.populationSeparate).toBe(true);
    expect((await db.drawPopulations.get('d1'))!.ids).toEqual(['甲|1', '甲|2', '乙|1']);
    const whole = (await getDraw(db, 'd1'))!;
    expect(whole.record.population.ids).toEqual(['甲|1', '甲|2', '乙|1']);
    expect(Array.from(whole.populationStrata!)).toEqual([0, 0, 1]);
    db.close();
  });

  it('v5 seeds the department directory from committed imports (德阳市X and 市X become one entry)', async () => {
    const name = `migrate-directory-${Date.now()}`;
    const old = new PingchaDatabase(name, 3);
    await seeders[3]!(old);
    await old.table('imports').put({
      ...(await old.table('imports').get('imp_v1')),
      id: 'imp_v1b',
      departments: ['市应急管理局', '德阳市应急管理局'],
    });
    await old.table('imports').put({
      ...(await old.table('imports').get('imp_v1')),
      id: 'imp_pending',
      status: 'pending',
      departments: ['未提交的部门'],
    });
    old.close();
    const db = new PingchaDatabase(name);
    const rows = (await db.departments.toArray()).sort((a, b) => a.name.localeCompare(b.name));
    expect(rows.map((r) => [r.name, r.aliases])).toEqual([
      ['市场监督管理局', []],
      ['德阳市应急管理局', ['市应急管理局']],
    ]);
    expect(rows.every((r) => r.isDemo === false && r.id.startsWith('dep_'))).toBe(true);
    db.close();
  });

  for (const v of SCHEMA_VERSIONS) {
    it(`a v${v.version} database with data opens at v${CURRENT_SCHEMA_VERSION} with nothing lost`, async () => {
      const name = `migrate-${v.version}-${Date.now()}`;
      const old = new PingchaDatabase(name, v.version);
      await seeders[v.version]!(old);
      const before = await logical(old);
      old.close();
      const current = new PingchaDatabase(name);
      await current.open();
      expect(current.verno).toBe(CURRENT_SCHEMA_VERSION);
      const after = await logical(current);
      for (const [table, rows] of Object.entries(before)) {
        expect(after[table], `table ${table}`).toEqual(rows);
      }
      current.close();
    });
  }
});
