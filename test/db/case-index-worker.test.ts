// Issue 31: the case index is built in a worker and its typed columns transferred to the page (not
// copied); the page's index answers distinct, filter, the matrix and rows exactly as the index built on
// the page from the same chunks. 200,000 rows, over a real MessageChannel (structured clone + transfer).
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import {
  CaseIndex,
  caseTypeCompare,
  displayCompare,
  type CaseFilter,
  type PackedCaseIndex,
} from '../../shared/cases/case-index';
import { importCaseFiles, listCommittedImports, loadCaseChunks } from '../../renderer/db/ledger-repository';
import { CaseIndexService } from '../../renderer/workers/case-index-service';
import { workerCaseIndexBuilder } from '../../renderer/workers/case-index-client';
import { serve, type Endpoint, type WorkerLike } from '../../renderer/workers/rpc';
import { packedBuffers } from '../../shared/cases/case-index';
import type { CaseFileRecord } from '../../shared/ledger/types';
import { freshDb, makeRecords, newImportMeta } from './helpers';

const DEPARTMENTS = [
  '德阳市交通运输局',
  '德阳市市场监督管理局',
  '德阳市应急管理局',
  '旌阳区城市管理局',
  '广汉市公安局',
];
const TYPES = ['行政处罚', '行政检查', '行政许可', '行政强制'];

function rows(n: number, part: number): CaseFileRecord[] {
  return makeRecords(n, DEPARTMENTS[part]!, `P${part}`).map((r, i) => ({
    ...r,
    department: DEPARTMENTS[(i + part) % DEPARTMENTS.length]!,
    caseType: TYPES[(i * 7 + part) % TYPES.length]!,
    closedDate: i % 11 === 0 ? null : `2025-${String((i % 12) + 1).padStart(2, '0')}-15`,
    amountFen: i % 5 === 0 ? null : i * 10,
  }));
}

/** The filter as a plain pass over the records (the meaning CaseFilter documents). */
function naiveFilter(all: readonly CaseFileRecord[], f: CaseFilter): number[] {
  const needle = f.search?.normalize('NFKC').trim().toLowerCase() ?? '';
  const out: number[] = [];
  all.forEach((r, i) => {
    if (f.departments?.length && !f.departments.includes(r.department)) return;
    if (f.caseTypes?.length && !f.caseTypes.includes(r.caseType)) return;
    if (f.closedFrom || f.closedTo) {
      if (!r.closedDate) return;
      if (f.closedFrom && r.closedDate < f.closedFrom) return;
      if (f.closedTo && r.closedDate > f.closedTo) return;
    }
    if (needle && !r.caseNo.toLowerCase().includes(needle) && !r.party.toLowerCase().includes(needle)) return;
    out.push(i);
  });
  return out;
}

/** A worker scope and a Worker over the two ends of a MessageChannel. */
function endpoint(port: MessagePort): Endpoint {
  let handler: ((e: { data: unknown }) => void) | null = null;
  port.on('message', (data: unknown) => handler?.({ data }));
  return {
    postMessage: (m, transfer) => port.postMessage(m, transfer as never),
    get onmessage() {
      return handler;
    },
    set onmessage(h) {
      handler = h;
    },
  };
}

describe('case index built in a worker and transferred', () => {
  it('200k rows: typed columns transferred, answers identical to the index built on the page', async () => {
    const db = freshDb();
    const all: CaseFileRecord[] = [];
    for (let part = 0; part < 4; part++) {
      const records = rows(50_000, part);
      all.push(...records);
      await importCaseFiles(
        db,
        newImportMeta({ sha256: String(part).repeat(64), fileName: `台账${part}.csv` }),
        records,
      );
    }
    const imports = await listCommittedImports(db);

    // The worker side: the service, served over one end of a channel; its answer is kept to look at.
    const service = new CaseIndexService(db);
    let sent: PackedCaseIndex | null = null;
    const build = service.build.bind(service);
    service.build = async (...args) => (sent = await build(...args));
    const channel = new MessageChannel();
    serve(service, { transfer: { build: (p) => packedBuffers(p) } }, endpoint(channel.port1));
    const page = endpoint(channel.port2);
    const worker: WorkerLike = Object.assign(page, {
      onerror: null,
      terminate: () => channel.port2.close(),
    });
    const index = await workerCaseIndexBuilder(() => worker)(imports);
    channel.port1.close();

    // Transferred, not copied: every buffer the worker sent (the five row columns and the eight text
    // columns' code units, offsets and nulls) is detached, the page's are whole; no string crossed.
    const sentBuffers = packedBuffers(sent!);
    expect(sentBuffers).toHaveLength(5 + 8 * 3);
    for (const b of sentBuffers) expect(b.byteLength).toBe(0);
    for (const name of ['itemId', 'caseNo', 'party', 'closedDate'] as const)
      expect(sent!.text[name].offsets.length).toBe(0);
    expect(index.size).toBe(200_000);

    // Today's path: the page appends every chunk itself.
    const reference = new CaseIndex();
    await loadCaseChunks(db, imports, (id, cols) => reference.append(id, cols));
    for (const name of ['department', 'caseType'] as const)
      expect(index.distinct(name)).toEqual(reference.distinct(name));
    // and what a pass over every row (the index before issue 31) answers
    expect(index.distinct('department')).toEqual(
      [...new Set(all.map((r) => r.department))].sort(displayCompare),
    );
    expect(index.distinct('caseType')).toEqual(
      [...new Set(all.map((r) => r.caseType))].sort(caseTypeCompare),
    );
    expect(index.countMatrix()).toEqual(reference.countMatrix());
    const filters: CaseFilter[] = [
      {},
      { departments: [DEPARTMENTS[1]!, DEPARTMENTS[3]!] },
      { caseTypes: ['行政检查'], closedFrom: '2025-03-01', closedTo: '2025-06-30' },
      { departments: ['不存在的部门'] },
      { search: 'p2-4999' },
    ];
    for (const f of filters) {
      const got = index.filter(f);
      expect(got).toEqual(reference.filter(f));
      expect([...got]).toEqual(naiveFilter(all, f));
      expect(index.countMatrix(got)).toEqual(reference.countMatrix(got));
    }
    for (const i of [0, 1, 4_999, 50_000, 123_456, 199_999]) expect(index.row(i)).toEqual(reference.row(i));
    expect(index.column('amountFen')).toEqual(reference.column('amountFen'));
    expect(index.column('department')).toEqual(reference.column('department'));
    expect(index.allItemIds()).toEqual(reference.allItemIds());
    expect(index.imports).toEqual(imports.map((r) => r.id));
  }, 180_000);
});
