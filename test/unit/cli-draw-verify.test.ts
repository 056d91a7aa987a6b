import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../shared/cli/cli-io';
import { runDrawVerify } from '../../shared/cli/draw-verify-command';
import { sha256BytesHex } from '../../shared/crypto/sha256';
import {
  applyScopeFilter,
  computeDrawRecord,
  recordReplacement,
  serializeDrawRecord,
  type DrawRecord,
  type DrawRecordSource,
} from '../../shared/draw/draw-record';
import { checkLedgerFile } from '../../shared/ledger/check-file';
import { mappingToHeaderNames } from '../../shared/ledger/header';
import type { CaseFileRecord } from '../../shared/ledger/types';

const sha = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

function memoryIo(files: Record<string, Uint8Array>): CliIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    async readFile(path: string): Promise<Uint8Array> {
      const f = files[path];
      if (f === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return f;
    },
    async readStdin(): Promise<Uint8Array> {
      return new Uint8Array();
    },
    out(t: string): void {
      io.stdout += t;
    },
    err(t: string): void {
      io.stderr += t;
    },
    sha256Hex: sha,
  };
  return io;
}

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
