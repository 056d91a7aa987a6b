import { describe, expect, it } from 'vitest';
import { buildLedgerReport, buildLedgerReportAsync } from '../../shared/ledger/build-report';
import { guessHeader, suggestMapping } from '../../shared/ledger/header';
import { type Cell, type LedgerBuildOptions, type SheetData } from '../../shared/ledger/types';
import { generateLedgerRows } from '../../shared/demo/ledger-generator';

const HEADER: Cell[] = [
  '序号',
  '案件编号',
  '执法部门',
  '案件类型',
  '当事人',
  '立案日期',
  '结案日期',
  '处罚金额（元）',
];

function sheetOf(rows: Cell[][]): SheetData {
  return { name: '台账', rows: [['某市2024年执法台账'], HEADER, ...rows] };
}

function build(rows: Cell[][], extra: Partial<LedgerBuildOptions> = {}) {
  const sheet = sheetOf(rows);
  const g = guessHeader(sheet.rows)!;
  return buildLedgerReport(sheet, {
    fileName: 'a.xlsx',
    sheetName: '台账',
    headerRow: g.headerRow,
    mapping: suggestMapping(g.headers),
    ...extra,
  });
}

const ok = (n: number, no = `A-${n}`): Cell[] => [
  n,
  no,
  '市场监管局',
  '行政处罚',
  '张三',
  '2024-01-02',
  '2024-02-03',
  '1,000',
];

describe('buildLedgerReport', () => {
  it('builds normalised records with raw cells and 1-based source rows', () => {
    const r = build([[1, 'Ａ－１', ' 市场监管局 ', '处罚', '张三', '2024/1/2', 45325, '1.5万元']]);
    expect(r.counts).toEqual({ valid: 1, errors: 0, warnings: 0, excluded: 0 });
    expect(r.rowsRead).toBe(1);
    expect(r.headerRow).toBe(1);
    const rec = r.valid[0]!;
    expect(rec).toMatchObject({
      itemId: '市场监管局|A-1',
      caseNo: 'A-1',
      department: '市场监管局',
      caseType: '行政处罚',
      party: '张三',
      filedDate: '2024-01-02',
      closedDate: '2024-02-03',
      amountFen: 1500000,
      sourceRow: 3,
    });
    expect(rec.raw).toEqual(['1', 'Ａ－１', ' 市场监管局 ', '处罚', '张三', '2024/1/2', '45325', '1.5万元']);
  });

  it('reports missing required fields with row and column', () => {
    const r = build([
      [1, '', '市场监管局', '行政处罚'],
      [2, 'A-2', '', '行政处罚'],
      [3, 'A-3', '局', ''],
    ]);
    const missing = r.issues.filter((i) => i.code === 'missing-field');
    expect(missing.map((i) => [i.row, i.column, i.severity])).toEqual([
      [3, '案件编号', 'error'],
      [4, '执法部门', 'error'],
      [5, '案件类型', 'error'],
    ]);
    expect(missing[0]!.message).toContain('第 3 行缺少案件编号');
    expect(missing.every((i) => i.file === 'a.xlsx' && i.sheet === '台账')).toBe(true);
    expect(r.counts.errors).toBe(3);
    expect(r.counts.valid).toBe(0);
  });

  it('uses default department and case type when columns are missing or empty', () => {
    const sheet: SheetData = {
      name: 'S',
      rows: [
        ['案号', '当事人'],
        ['X-1', '甲'],
        ['X-2', '乙'],
      ],
    };
    const base = {
      fileName: 'b.csv',
      sheetName: 'S',
      headerRow: 0,
      mapping: suggestMapping(['案号', '当事人']),
    };
    const without = buildLedgerReport(sheet, base);
    expect(without.counts.errors).toBe(2);
    expect(without.issues.filter((i) => i.code === 'missing-field')).toHaveLength(4);
    expect(without.issues[0]!.column).toBeNull();
    const withDefaults = buildLedgerReport(sheet, {
      ...base,
      defaultDepartment: '交通运输局',
      defaultCaseType: '许可',
    });
    expect(withDefaults.counts.valid).toBe(2);
    expect(withDefaults.valid[1]).toMatchObject({
      department: '交通运输局',
      caseType: '行政许可',
      itemId: '交通运输局|X-2',
    });
  });

  it('flags unreadable dates, closing before filing and bad amounts', () => {
    const r = build([
      [1, 'A-1', '局', '行政处罚', '甲', '2024-02-30', null, null],
      [2, 'A-2', '局', '行政处罚', '甲', '2024-03-01', '2024-02-01', null],
      [3, 'A-3', '局', '行政处罚', '甲', null, null, '五百元'],
    ]);
    expect(r.issues.map((i) => [i.code, i.row, i.column])).toEqual([
      ['bad-date', 3, '立案日期'],
      ['closed-before-filed', 4, '结案日期'],
      ['bad-amount', 5, '处罚金额(元)'],
    ]);
    expect(r.issues[0]!.message).toContain('“2024-02-30”不是可识别的日期');
    expect(r.issues[1]!.message).toContain('2024-02-01 早于立案日期 2024-03-01');
    expect(r.counts).toMatchObject({ valid: 0, errors: 3 });
  });

  it('detects duplicates in the file (naming the first row) and against the store', () => {
    const r = build([ok(1), ok(2), ok(3, 'Ａ-1'), ok(4)], { existingItemIds: new Set(['市场监管局|A-4']) });
    const dup = r.issues.find((i) => i.code === 'duplicate-in-file')!;
    expect(dup.row).toBe(5);
    expect(dup.message).toContain('与第 3 行重复');
    const stored = r.issues.find((i) => i.code === 'duplicate-stored')!;
    expect(stored.row).toBe(6);
    expect(r.counts).toEqual({ valid: 2, errors: 2, warnings: 0, excluded: 0 });
  });

  it('excludes totals rows and collapses runs of empty rows', () => {
    const empties: Cell[][] = Array.from({ length: 5000 }, () => [null, null, '', '  ']);
    const r = build([
      ok(1),
      [],
      ['合 计', null, null, null, null, null, null, '1000'],
      ok(2),
      ...empties,
      ['', '小计：'],
    ]);
    expect(r.issues.map((i) => [i.code, i.row, i.severity])).toEqual([
      ['empty-row', 4, 'info'],
      ['total-row', 5, 'info'],
      ['empty-row', 7, 'info'],
      ['total-row', 5007, 'info'],
    ]);
    expect(r.issues[2]!.message).toContain('第 7–5006 行共 5000 行为空行');
    expect(r.counts).toEqual({ valid: 2, errors: 0, warnings: 0, excluded: 5003 });
    expect(r.counts.valid + r.counts.errors + r.counts.excluded).toBe(r.rowsRead);
  });

  it('treats rows with only unmapped cells (a pre-numbered template) as empty', () => {
    const r = build([ok(1), [2], [3], [4]]);
    expect(r.counts.excluded).toBe(3);
    expect(r.issues).toHaveLength(1);
  });

  it('warns about unknown case types but imports the row as written', () => {
    const r = build([[1, 'A-1', '局', '行政奖励', '甲']]);
    expect(r.counts).toEqual({ valid: 1, errors: 0, warnings: 1, excluded: 0 });
    expect(r.issues[0]).toMatchObject({
      code: 'unknown-case-type',
      severity: 'warning',
      row: 3,
      column: '案件类型',
    });
    expect(r.valid[0]!.caseType).toBe('行政奖励');
  });

  it('names a column without header by its letter', () => {
    const sheet: SheetData = {
      name: 'S',
      rows: [
        ['案件编号', '执法部门', '案件类型', ''],
        ['A', '局', '处罚', 'x'],
      ],
    };
    const mapping = { ...suggestMapping(['案件编号', '执法部门', '案件类型', '']), filedDate: 3 };
    const r = buildLedgerReport(sheet, { fileName: 'f', sheetName: 'S', headerRow: 0, mapping });
    expect(r.issues[0]).toMatchObject({ code: 'bad-date', column: 'D 列' });
  });

  it('splits 承办人（执法证号） into names and certificate numbers', () => {
    const sheet: SheetData = {
      name: 'S',
      rows: [
        ['案件编号', '执法部门', '案件类型', '承办人（执法证号）'],
        ['A', '局', '检查', '张三(51060001)、李四（51060002）'],
      ],
    };
    const g = guessHeader(sheet.rows)!;
    const r = buildLedgerReport(sheet, {
      fileName: 'f',
      sheetName: 'S',
      headerRow: 0,
      mapping: suggestMapping(g.headers),
    });
    expect(r.valid[0]).toMatchObject({ officer: '张三、李四', certNo: '51060001、51060002' });
  });

  it('reads amounts of a 万元 column in 万元', () => {
    const sheet: SheetData = {
      name: 'S',
      rows: [
        ['案件编号', '执法部门', '案件类型', '罚没款（万元）'],
        ['A', '局', '处罚', 0.35],
      ],
    };
    const r = buildLedgerReport(sheet, {
      fileName: 'f',
      sheetName: 'S',
      headerRow: 0,
      mapping: suggestMapping(['案件编号', '执法部门', '案件类型', '罚没款(万元)']),
    });
    expect(r.valid[0]!.amountFen).toBe(350000);
  });

  it('matches the generator truth on a messy ledger', () => {
    const g = generateLedgerRows({
      rows: 3000,
      seed: 5,
      titleRows: 2,
      dates: 'mixed',
      fullWidth: 0.3,
      amounts: 'text',
      typeVariants: 0.5,
      totalRow: true,
      duplicates: 7,
      missingCaseNo: 4,
    });
    const sheet: SheetData = { name: 'S', rows: g.sheetRows };
    const h = guessHeader(sheet.rows)!;
    expect(h.headerRow).toBe(2);
    const r = buildLedgerReport(sheet, {
      fileName: 'g',
      sheetName: 'S',
      headerRow: h.headerRow,
      mapping: suggestMapping(h.headers),
    });
    expect(r.counts).toEqual({ valid: g.cases.length, errors: 4 + 7, warnings: 0, excluded: 1 });
    const byId = new Map(r.valid.map((v) => [v.itemId, v]));
    for (const c of g.cases) {
      const v = byId.get(`${c.department}|${c.caseNo}`)!;
      expect(v).toBeDefined();
      expect([v.caseType, v.filedDate, v.closedDate, v.amountFen]).toEqual([
        c.caseType,
        c.filedDate,
        c.closedDate,
        c.amountFen,
      ]);
    }
  });

  it('reports progress and can be cancelled', async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => ok(i, `N-${i}`));
    const progress: number[] = [];
    build(rows, {});
    const sheet = sheetOf(rows);
    const opts = { fileName: 'a', sheetName: 'S', headerRow: 1, mapping: suggestMapping(HEADER.map(String)) };
    const full = buildLedgerReport(sheet, opts, { onProgress: (d) => progress.push(d), chunkRows: 3000 });
    expect(progress).toEqual([3000, 6000, 9000, 10000]);
    const stop = new AbortController();
    const p = buildLedgerReportAsync(sheet, opts, {
      signal: stop.signal,
      chunkRows: 1000,
      onProgress: (d) => {
        if (d >= 4000) stop.abort();
      },
    });
    await expect(p).rejects.toMatchObject({ name: 'AbortError', message: '已取消读取台账。' });
    const asyncFull = await buildLedgerReportAsync(sheet, opts, { chunkRows: 4000 });
    expect(asyncFull.counts).toEqual(full.counts);
    expect(asyncFull.valid.length).toBe(10_000);
  });
});
