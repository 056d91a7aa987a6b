import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runDrawVerify } from '../../shared/cli/draw-verify-command';
import { sha256BytesHex } from '../../shared/crypto/sha256';
import {
  applyScopeFilter,
  computeDrawRecord,
  parseDrawRecord,
  recordReplacement,
  serializeDrawRecord,
  type DrawRecord,
  type DrawRecordSource,
} from '../../shared/draw/draw-record';
import { checkLedgerFile } from '../../shared/ledger/check-file';
import { mappingToHeaderNames } from '../../shared/ledger/header';
import type { CaseFileRecord } from '../../shared/ledger/types';
import { memoryIo as memoryIoOf } from '../fixtures/memory-io';

const sha = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const memoryIo = (files: Record<string, Uint8Array>) => memoryIoOf(files, { sha256Hex: sha });

// A department ledger with a title row above the header, and a city ledger with a department column.
function ledgerA(mutate?: (rows: string[][]) => void): Uint8Array {
  const rows: string[][] = [
    ['德阳市交通运输局 2024 年行政执法台账'],
    ['案件编号', '案件类型', '立案日期', '结案日期'],
  ];
  for (let i = 1; i <= 30; i++)
    rows.push([
      `德交罚〔2024〕${i}号`,
      '行政处罚',
      '2024-01-02',
      `2024-${String((i % 12) + 1).padStart(2, '0')}-20`,
    ]);
  mutate?.(rows);
  return enc(rows.map((r) => r.join(',')).join('\r\n') + '\r\n');
}
function ledgerB(): Uint8Array {
  const rows: string[][] = [['执法部门', '案件编号', '案件类型', '立案日期', '结案日期']];
  for (let i = 1; i <= 50; i++) {
    const dept = i % 5 === 0 ? '德阳市城市管理局' : '德阳市市场监督管理局';
    rows.push([
      dept,
      `德市监罚〔2024〕${i}号`,
      i % 3 === 0 ? '行政检查' : '行政处罚',
      '2024-02-01',
      '2024-06-30',
    ]);
  }
  return enc(rows.map((r) => r.join(',')).join('\n') + '\n');
}

function importForDraw(files: { name: string; bytes: Uint8Array; defaultDepartment?: string }[]): {
  cases: CaseFileRecord[];
  sources: DrawRecordSource[];
} {
  const cases: CaseFileRecord[] = [];
  const sources: DrawRecordSource[] = [];
  const ids = new Set<string>();
  for (const f of files) {
    const r = checkLedgerFile(f.bytes, f.name, {
      defaultDepartment: f.defaultDepartment,
      existingItemIds: ids,
    });
    expect(r.report.counts.errors).toBe(0);
    for (const c of r.report.valid) {
      ids.add(c.itemId);
      cases.push(c);
    }
    sources.push({
      fileName: f.name,
      sha256: sha256BytesHex(f.bytes),
      sheet: r.report.sheetName,
      headerRow: r.report.headerRow,
      mapping: mappingToHeaderNames(r.mapping, r.report.headers),
      defaultDepartment: f.defaultDepartment ?? null,
      defaultCaseType: null,
      encoding: r.workbook.encoding ?? null,
    });
  }
  return { cases, sources };
}

function makeRecord(): DrawRecord {
  const { cases, sources } = importForDraw([
    { name: '交通运输局台账.csv', bytes: ledgerA(), defaultDepartment: '德阳市交通运输局' },
    { name: '市级台账.csv', bytes: ledgerB() },
  ]);
  const filter = {
    departments: null,
    caseTypes: ['行政处罚'],
    closedFrom: '2024-01-01',
    closedTo: '2024-12-31',
  };
  const population = applyScopeFilter(cases, filter);
  expect(population.length).toBeGreaterThan(40);
  return computeDrawRecord({
    campaign: {
      id: 'c',
      name: '2024 年度行政执法案卷评查',
      year: 2024,
      period: { from: '2024-01-01', to: '2024-12-31' },
      scope: { departments: [], caseTypes: ['行政处罚'] },
    },
    drawnAt: '2025-03-01T09:00:00+08:00',
    operator: '张三',
    witnesses: ['李四'],
    seed: '31415926535897932384',
    stratifyBy: 'department',
    filter,
    sources,
    population,
    total: 9,
    sha,
  }).record;
}

describe('pingcha draw verify', () => {
  const record = makeRecord();
  const files = (a = ledgerA()): Record<string, Uint8Array> => ({
    'out/抽取记录.json': enc(serializeDrawRecord(record)),
    'in/交通运输局台账.csv': a,
    'in/市级台账.csv': ledgerB(),
  });

  it('prints 一致 (match) and exits 0 for the same ledgers', async () => {
    const io = memoryIo(files());
    const code = await runDrawVerify(['out/抽取记录.json', 'in/交通运输局台账.csv', 'in/市级台账.csv'], io);
    expect(io.stderr).toBe('');
    expect(code).toBe(0);
    expect(io.stdout).toMatch(/^一致 \(match\)\n总体 \d+ 件/);
  });

  it('finds a renamed ledger by its content hash', async () => {
    const f = files();
    f['in/renamed.csv'] = f['in/交通运输局台账.csv']!;
    const io = memoryIo(f);
    expect(await runDrawVerify(['out/抽取记录.json', 'in/renamed.csv', 'in/市级台账.csv'], io)).toBe(0);
  });

  it('a changed ledger row fails with the difference named, exit 1', async () => {
    const changed = ledgerA((rows) => {
      rows[5]![0] = '德交罚〔2024〕999号'; // case number edited
    });
    const io = memoryIo(files(changed));
    const code = await runDrawVerify(['out/抽取记录.json', 'in/交通运输局台账.csv', 'in/市级台账.csv'], io);
    expect(code).toBe(1);
    expect(io.stdout).toContain('不一致 (mismatch)');
    expect(io.stdout).toContain('总体 SHA-256 不符');
    expect(io.stdout).toContain('记录中有而台账中没有的案卷：“德阳市交通运输局|德交罚〔2024〕4号”');
    expect(io.stdout).toContain('台账中有而记录中没有的案卷：“德阳市交通运输局|德交罚〔2024〕999号”');
    expect(io.stderr).toContain('内容与抽取时导入的文件不同');
  });

  it('a missing ledger file is a mismatch naming the missing case files', async () => {
    const io = memoryIo(files());
    expect(await runDrawVerify(['out/抽取记录.json', 'in/市级台账.csv'], io)).toBe(1);
    expect(io.stdout).toContain('记录中有而台账中没有的案卷');
  });

  it('a tampered record is a mismatch naming the item', async () => {
    const edited = structuredClone(record);
    const spare = edited.spares.find((s) => s.stratum === edited.drawn[0]!.stratum)!;
    const original = edited.drawn[0]!.itemId;
    edited.drawn[0]!.itemId = spare.itemId;
    const io = memoryIo({ ...files(), 'out/抽取记录.json': enc(serializeDrawRecord(edited)) });
    expect(await runDrawVerify(['out/抽取记录.json', 'in/交通运输局台账.csv', 'in/市级台账.csv'], io)).toBe(
      1,
    );
    expect(io.stdout).toContain(`第 1 个被抽中案卷不同：记录为“${spare.itemId}”，重算为“${original}”`);
  });

  it('verifies replacements recorded after the draw', async () => {
    const { cases, sources } = importForDraw([
      { name: '交通运输局台账.csv', bytes: ledgerA(), defaultDepartment: '德阳市交通运输局' },
      { name: '市级台账.csv', bytes: ledgerB() },
    ]);
    const made = computeDrawRecord({
      ...record,
      stratifyBy: record.stratification.by,
      sources,
      population: applyScopeFilter(cases, record.filter),
      total: record.allocation.total,
      sha,
    });
    const r = recordReplacement(
      made.record,
      made.draw,
      made.record.drawn[1]!.itemId,
      '案卷无法调取',
      '2025-03-02',
      '张三',
    );
    const io = memoryIo({ ...files(), 'out/抽取记录.json': enc(serializeDrawRecord(r.record)) });
    expect(await runDrawVerify(['out/抽取记录.json', 'in/交通运输局台账.csv', 'in/市级台账.csv'], io)).toBe(
      0,
    );
    expect(io.stdout).toContain('替换 1 次');
  });

  it('exit 2 for unreadable input, in Chinese', async () => {
    const cases: [Record<string, Uint8Array>, string[], RegExp][] = [
      [files(), ['out/抽取记录.json'], /需要一个抽取记录文件和至少一个台账文件/],
      [files(), ['nope.json', 'in/市级台账.csv'], /无法读取抽取记录“nope.json”：文件不存在/],
      [
        { ...files(), 'bad.json': enc('{"format":"pingcha.draw-record"') },
        ['bad.json', 'in/市级台账.csv'],
        /不是有效的 JSON/,
      ],
      [
        { ...files(), 'bad.json': enc('{"format":"x"}') },
        ['bad.json', 'in/市级台账.csv'],
        /不是评查台导出的抽取记录/,
      ],
      [files(), ['out/抽取记录.json', 'in/missing.csv'], /无法读取台账“in\/missing.csv”：文件不存在/],
      [
        { ...files(), 'in/市级台账.csv': new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]) },
        ['out/抽取记录.json', 'in/市级台账.csv'],
        /PDF/,
      ],
      [files(), ['--bogus', 'out/抽取记录.json', 'in/市级台账.csv'], /不认识的参数/],
    ];
    for (const [f, args, message] of cases) {
      const io = memoryIo(f);
      expect(await runDrawVerify(args, io)).toBe(2);
      expect(io.stderr).toMatch(message);
    }
  });

  it('a header renamed since the draw is reported, exit 2', async () => {
    const renamed = ledgerA((rows) => {
      rows[1]![0] = '文号';
    });
    const io = memoryIo(files(renamed));
    expect(await runDrawVerify(['out/抽取记录.json', 'in/交通运输局台账.csv', 'in/市级台账.csv'], io)).toBe(
      2,
    );
    expect(io.stderr).toContain('找不到记录中的列“案件编号”');
  });
});

describe('pingcha draw verify: per-type judge date and files reviewed before', () => {
  // An inspection ledger: 检查日期 (the filed-date column), no 结案日期 column at all.
  function inspections(): Uint8Array {
    const rows: string[][] = [['执法部门', '检查编号', '检查对象', '检查日期', '检查事项']];
    for (let i = 1; i <= 40; i++) {
      const month = String((i % 14) + 1).padStart(2, '0'); // months 13 and 14 are invalid dates below
      const date = Number(month) <= 12 ? `2024-${month}-15` : `2023-12-${10 + (i % 10)}`;
      rows.push(['德阳市应急管理局', `德应急检〔2024〕${i}号`, `企业${i}`, date, '安全生产检查']);
    }
    return enc(rows.map((r) => r.join(',')).join('\n') + '\n');
  }
  const ledgers = () => [
    { name: '交通运输局台账.csv', bytes: ledgerA(), defaultDepartment: '德阳市交通运输局' },
    { name: '应急局检查台账.csv', bytes: inspections(), defaultDepartment: undefined },
  ];

  function make(): { record: DrawRecord; excluded: string[] } {
    const { cases, sources } = importForDraw(ledgers());
    sources[1]!.defaultCaseType = '行政检查'; // inferred from 检查编号 and confirmed at import
    expect(cases.filter((c) => c.caseType === '行政检查' && c.closedDate === null).length).toBe(40);
    const excluded = [cases[0]!.itemId, cases[35]!.itemId, '不在台账中的部门|旧案1号'].sort();
    const filter = {
      departments: null,
      caseTypes: null,
      closedFrom: '2024-01-01',
      closedTo: '2024-12-31',
      dateByType: { 行政检查: 'filedDate' as const },
      excludeItemIds: excluded,
      excludeReason: '以往评查活动已抽取评查的案卷：“2023 年度评查”',
    };
    const population = applyScopeFilter(cases, filter);
    // 30 punishments + the inspections dated in 2024, minus the two reviewed before
    const inspected2024 = cases.filter((c) => c.caseType === '行政检查' && c.filedDate!.startsWith('2024'));
    expect(inspected2024.length).toBeGreaterThan(20);
    expect(population.length).toBe(30 + inspected2024.length - 2);
    const record = computeDrawRecord({
      campaign: {
        id: 'c2',
        name: '2024 年度评查',
        year: 2024,
        period: { from: '2024-01-01', to: '2024-12-31' },
        scope: { departments: [], caseTypes: [] },
      },
      drawnAt: '2025-03-01T09:00:00+08:00',
      operator: '张三',
      witnesses: [],
      seed: '27182818284590452353',
      stratifyBy: 'department',
      filter,
      sources,
      population,
      total: 12,
      sha,
    }).record;
    return { record, excluded };
  }
  const { record } = make();
  const files = (rec: DrawRecord): Record<string, Uint8Array> => ({
    'r.json': enc(serializeDrawRecord(rec)),
    'in/交通运输局台账.csv': ledgerA(),
    'in/应急局检查台账.csv': inspections(),
  });
  const args = ['r.json', 'in/交通运输局台账.csv', 'in/应急局检查台账.csv'];

  it('the record carries the rules, and the CLI recomputes the same population: match', async () => {
    const text = serializeDrawRecord(record);
    expect(JSON.parse(text).filter.dateByType).toEqual({ 行政检查: 'filedDate' });
    expect(JSON.parse(text).filter.excludeItemIds).toHaveLength(3);
    const io = memoryIo(files(record));
    expect(await runDrawVerify(args, io)).toBe(0);
    expect(io.stdout).toContain('一致 (match)');
  });

  it('without the judge-date rule the inspections fall out: mismatch', async () => {
    const edited = structuredClone(record);
    delete edited.filter.dateByType;
    const io = memoryIo(files(edited));
    expect(await runDrawVerify(args, io), io.stderr).toBe(1);
    expect(io.stdout).toContain('记录中有而台账中没有的案卷');
  });

  it('without the excluded list the files reviewed before come back: mismatch naming them', async () => {
    const edited = structuredClone(record);
    delete edited.filter.excludeItemIds;
    const io = memoryIo(files(edited));
    expect(await runDrawVerify(args, io)).toBe(1);
    expect(io.stdout).toContain('台账中有而记录中没有的案卷');
    expect(io.stdout).toContain('总体数量：记录 ');
  });

  it('an older record without the new fields reads and writes back byte for byte', () => {
    const old = makeRecord();
    const text = serializeDrawRecord(old);
    expect(text).not.toContain('dateByType');
    expect(text).not.toContain('excludeItemIds');
    expect(serializeDrawRecord(parseDrawRecord(text))).toBe(text);
  });
});
