// Issue 12: hostile and unusual spreadsheets are read fast, refused early with a Chinese message naming the
// file, sheet and place, and never crash the engine. The cases come from test/fixtures/make-hostile.ts.
import { describe, expect, it } from 'vitest';
import { strToU8 } from 'fflate';
import { readWorkbook, readWorkbookSheet } from '../../shared/ledger/read-workbook';
import { checkLedgerFile } from '../../shared/ledger/check-file';
import { LedgerReadError } from '../../shared/ledger/types';
import { describeEngineError, engineErrorMessage } from '../../shared/ledger/engine-error';
import { cleanText, escapeUnsafe, hasUnsafeText } from '../../shared/ledger/text-hygiene';
import { ledgerCsvBytes } from '../fixtures/make-ledgers';
import {
  JUNK_SHEET_PARTS,
  badCrcXlsx,
  farColumnXlsx,
  honestLedger,
  hugeReferenceXlsx,
  hygieneXlsx,
  inlineStringSheetXml,
  inlineStringXlsx,
  junkSheetsXlsx,
  lyingSizeXlsx,
  mergeBombStrayRowXlsx,
  mergeBombXlsx,
  wideRowXlsx,
  xlsxFromSheetXml,
  deflatedEntry,
} from '../fixtures/make-hostile';

function refusal(f: () => unknown): { error: LedgerReadError; seconds: number } {
  const t = performance.now();
  try {
    f();
  } catch (e) {
    if (e instanceof LedgerReadError) return { error: e, seconds: (performance.now() - t) / 1000 };
    throw e;
  }
  throw new Error('expected a LedgerReadError');
}

function timed<T>(f: () => T): { result: T; seconds: number } {
  const t = performance.now();
  const result = f();
  return { result, seconds: (performance.now() - t) / 1000 };
}

/** No English engine text, no stack, and it is Chinese. */
function expectChinese(message: string): void {
  expect(message).toMatch(/[\u4e00-\u9fff]/);
  expect(message).not.toMatch(/RangeError|Invalid array length|Cannot create a string|\n\s+at /);
}

describe('inline strings (t="inlineStr")', () => {
  it('a 2,000-row inline-string ledger reads every row and validates like the shared-string one, fast', () => {
    const g = honestLedger(2000);
    const bytes = inlineStringXlsx(2000);
    const { result, seconds } = timed(() => checkLedgerFile(bytes, '内联.xlsx'));
    expect(result.report.counts.valid).toBe(2000);
    expect(result.workbook.sheets[0]!.rows.length).toBe(g.sheetRows.length);
    // the cells are exactly what was written
    expect(result.workbook.sheets[0]!.rows[5]).toEqual(g.sheetRows[5]!.map((c) => (c === '' ? null : c)));
    expect(seconds).toBeLessThan(5); // was 10 s (quadratic <rPh> search)
  });

  it('rich inline text with phonetic runs keeps the text and drops the <rPh> reading', () => {
    const xml =
      '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><r><t>市场</t></r><r><t>监管局</t></r><rPh sb="0" eb="1"><t>しじょう</t></rPh></is></c><c r="B1" t="inlineStr"><is><t>甲</t></is></c></row></sheetData></worksheet>';
    expect(readWorkbook(xlsxFromSheetXml(xml), 'r.xlsx').sheets[0]!.rows[0]).toEqual(['市场监管局', '甲']);
  });
});

describe('bounds while reading XLSX', () => {
  it.each(['A1:XFD999999', 'A1:XFD20000'])(
    'mergeCell %s is clipped to the used range (no 4 GB of cells)',
    (ref) => {
      const bytes = mergeBombXlsx(ref);
      expect(bytes.length).toBeLessThan(4096);
      const { result, seconds } = timed(() => readWorkbook(bytes, 'merge.xlsx'));
      const rows = result.sheets[0]!.rows;
      expect(rows.length).toBe(7); // title, header, 5 cases
      for (const row of rows) expect(row.length).toBeLessThanOrEqual(11);
      // the merge fills the empty cells of its (clipped) area with the top-left value, and no more
      expect(rows[0]).toEqual(new Array(11).fill(rows[0]![0]));
      expect(rows[0]![0]).toContain('台账');
      expect(seconds).toBeLessThan(2);
    },
  );

  it('a merge over rows without a cell of their own leaves them empty (a stray cell at row 999,999)', () => {
    const { result, seconds } = timed(() => readWorkbook(mergeBombStrayRowXlsx(), 'merge.xlsx'));
    const rows = result.sheets[0]!.rows;
    expect(rows.length).toBe(999_999);
    expect(rows[0]).toEqual(new Array(11).fill(rows[0]![0])); // the title row is filled as before
    expect(rows[6]![0]).not.toBeNull(); // the last case
    expect(rows[7]).toEqual([]);
    expect(rows[500_000]).toEqual([]);
    expect(rows[999_998]![0]).toBe('x'); // the stray cell's own row is filled across the width
    expect(rows[999_998]).toEqual(['x', ...new Array(10).fill(rows[0]![0])]);
    expect(seconds).toBeLessThan(5);
  });

  it('overlapping merges that would walk more cells than the budget are refused', () => {
    const g = honestLedger(2000, 4);
    const merges = '<mergeCell ref="A1:K2002"/>'.repeat(1200);
    const bytes = xlsxFromSheetXml(
      inlineStringSheetXml(g.sheetRows, `<mergeCells count="1200">${merges}</mergeCells>`),
    );
    const { error, seconds } = refusal(() => readWorkbook(bytes, '合并.xlsx'));
    expect(error.code).toBe('too-large');
    expect(error.message).toContain('文件“合并.xlsx”的工作表“执法台账”');
    expect(error.message).toContain('合并区域 A1:K2002');
    expect(seconds).toBeLessThan(10);
  });

  it('a cell reference beyond XFD (ZZZZZZZZZ1) is refused naming the cell', () => {
    const { error, seconds } = refusal(() => readWorkbook(hugeReferenceXlsx(), '引用.xlsx'));
    expect(error.code).toBe('too-large');
    expect(error.message).toContain('文件“引用.xlsx”的工作表“执法台账”');
    expect(error.message).toContain('单元格 ZZZZZZZZZ1');
    expect(error.message).toContain('XFD');
    expect(seconds).toBeLessThan(1);
    // XFD itself is the last allowed column
    const ok = readWorkbook(hugeReferenceXlsx('XFD1'), 'ok.xlsx');
    expect(ok.sheets[0]!.rows[0]!.length).toBe(16384);
  });

  it('one row of 2^20 inline cells is refused at the 16,385th cell', () => {
    const { error, seconds } = refusal(() => readWorkbook(wideRowXlsx(), '宽行.xlsx'));
    expect(error.code).toBe('too-large');
    expect(error.message).toContain('第 1 行');
    expect(error.message).toContain('16384');
    expect(seconds).toBeLessThan(20); // ran for minutes before
  });

  it('a cell longer than 32,767 characters is refused naming the cell', () => {
    const xml = `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>案由</t></is></c></row><row r="2"><c r="D2" t="inlineStr"><is><t>${'长'.repeat(40_000)}</t></is></c></row></sheetData></worksheet>`;
    const { error } = refusal(() => readWorkbook(xlsxFromSheetXml(xml, '台账'), '长.xlsx'));
    expect(error.message).toContain('文件“长.xlsx”的工作表“台账”的单元格 D2');
    expect(error.message).toContain('40000');
    expect(error.message).toContain('32767');
  });

  it('rows beyond the row limit are refused on the row that crosses it', () => {
    const g = honestLedger(30, 2);
    const { error } = refusal(() =>
      readWorkbook(xlsxFromSheetXml(inlineStringSheetXml(g.sheetRows)), '行.xlsx', { maxRows: 20 }),
    );
    expect(error.message).toContain('第 21 行');
    expect(error.message).toContain('工作表“执法台账”');
  });
});

describe('only the parts the chosen sheet needs are inflated', () => {
  it('the first sheet reads; the other sheets and the unused shared strings are listed, never inflated', () => {
    const bytes = junkSheetsXlsx();
    const inflated: string[] = [];
    const { report, workbook } = checkLedgerFile(bytes, '多表.xlsx', { onInflate: (p) => inflated.push(p) });
    expect(report.counts.valid).toBe(30);
    expect(workbook.sheets.map((s) => [s.name, s.unread ?? false])).toEqual([
      ['执法台账', false],
      ['备用', true],
      ['损坏', true],
    ]);
    expect(inflated).toEqual(['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']);
    for (const junk of JUNK_SHEET_PARTS) expect(inflated).not.toContain(junk);
  });

  it('another sheet can be chosen (by name, by number, or later); a broken one is refused when chosen', () => {
    const bytes = junkSheetsXlsx();
    const inflated: string[] = [];
    const spare = checkLedgerFile(bytes, '多表.xlsx', { sheet: '备用', onInflate: (p) => inflated.push(p) });
    expect(spare.report.counts.valid).toBe(12);
    expect(spare.workbook.sheets[0]!.unread).toBe(true);
    expect(inflated).not.toContain('xl/worksheets/sheet1.xml');
    expect(inflated).not.toContain('xl/worksheets/sheet3.xml');

    const wb = readWorkbook(bytes, '多表.xlsx');
    expect(readWorkbookSheet(bytes, '多表.xlsx', wb, 1).rows.length).toBe(
      spare.workbook.sheets[1]!.rows.length,
    );
    const { error } = refusal(() => readWorkbookSheet(bytes, '多表.xlsx', wb, 2));
    expect(error.code).toBe('corrupt');
    expect(error.message).toContain('文件“多表.xlsx”已损坏');
    expect(error.message).toContain('xl/worksheets/sheet3.xml');
    expect(wb.sheets[2]!.unread).toBe(true); // the listing is unchanged by the refusal
    expect(refusal(() => checkLedgerFile(bytes, '多表.xlsx', { sheet: 2 })).error.message).toContain(
      '已损坏',
    );
  });
});

describe('memory budget counted by the reader (no performance.memory needed)', () => {
  it('rows of one cell at column XFD (13 GB if kept) are stopped at the budget, naming the cell', () => {
    const before = process.memoryUsage().rss;
    const { error, seconds } = refusal(() => readWorkbook(farColumnXlsx(), '稀疏.xlsx'));
    expect(error.code).toBe('too-large');
    expect(error.message).toMatch(
      /文件“稀疏.xlsx”的工作表“执法台账”的数据量过大：读到单元格 XFD1\d{3}时，读取所需内存已超过 512.0 MB 的上限/,
    );
    expectChinese(error.message);
    expect(process.memoryUsage().rss - before).toBeLessThan(900 * 1024 * 1024);
    expect(seconds).toBeLessThan(30);
  });

  it('the budget counts cells, text and rows: an honest ledger passes it, and is refused under a lower one', () => {
    const bytes = inlineStringXlsx(2000);
    expect(readWorkbook(bytes, '台账.xlsx', { maxParseBytes: 8 * 1024 * 1024 }).sheets[0]!.rows.length).toBe(
      honestLedger(2000).sheetRows.length,
    );
    const { error } = refusal(() => readWorkbook(bytes, '台账.xlsx', { maxParseBytes: 256 * 1024 }));
    expect(error.message).toMatch(/读到(单元格 [A-Z]+\d+|第 \d+ 行)时，读取所需内存已超过 256.0 KB 的上限/);
  });

  it('the shared-string table counts too', () => {
    const many = Array.from({ length: 5000 }, (_, i) => `<si><t>${'字'.repeat(50)}${i}</t></si>`).join('');
    const sheet =
      '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row></sheetData></worksheet>';
    const bytes = xlsxFromSheetXml(sheet, '执法台账', [
      deflatedEntry('xl/sharedStrings.xml', strToU8(`<sst>${many}</sst>`)),
    ]);
    expect(readWorkbook(bytes, 's.xlsx').sheets[0]!.rows[0]).toEqual([
      '字'.repeat(50) + '0',
      '字'.repeat(50) + '1',
    ]);
    const { error } = refusal(() => readWorkbook(bytes, 's.xlsx', { maxParseBytes: 200 * 1024 }));
    expect(error.message).toContain('读到共享字符串表（5000 项）时');
  });
});

describe('ZIP entries that lie', () => {
  it('a sheet entry declaring fewer bytes than it has is "已损坏", not 25 valid rows', () => {
    const bytes = lyingSizeXlsx(5000, (real) => Math.floor(real / 200));
    const { error } = refusal(() => readWorkbook(bytes, '截断.xlsx'));
    expect(error.code).toBe('corrupt');
    expect(error.message).toContain('文件“截断.xlsx”已损坏');
    expect(error.message).toContain('xl/worksheets/sheet1.xml');
  });

  it('a sheet entry declaring 512 MB is "已损坏" and nothing like 512 MB is allocated', () => {
    const before = process.memoryUsage().rss;
    const { error, seconds } = refusal(() =>
      readWorkbook(
        lyingSizeXlsx(5000, () => 512 * 1024 * 1024),
        '谎报.xlsx',
      ),
    );
    expect(error.code).toBe('corrupt');
    expect(error.message).toContain('已损坏');
    expect(process.memoryUsage().rss - before).toBeLessThan(300 * 1024 * 1024);
    expect(seconds).toBeLessThan(10);
  });

  it('a CRC-32 mismatch is "已损坏"', () => {
    const { error } = refusal(() => readWorkbook(badCrcXlsx(), '校验.xlsx'));
    expect(error.code).toBe('corrupt');
    expect(error.message).toContain('校验值');
  });

  it('the same ledger with honest headers reads', () => {
    const bytes = lyingSizeXlsx(500, (real) => real);
    expect(checkLedgerFile(bytes, 'ok.xlsx').report.counts.valid).toBe(500);
  });
});

describe('bounds while reading CSV', () => {
  it('a line of commas longer than 4 MB is refused before decoding', () => {
    const bytes = new Uint8Array(5 * 1024 * 1024).fill(0x2c);
    const { error, seconds } = refusal(() => readWorkbook(bytes, '逗号.csv'));
    expect(error.code).toBe('too-large');
    expect(error.message).toContain('文件“逗号.csv”的第 1 行过长');
    expect(seconds).toBeLessThan(2);
  });

  it('a quoted 案由 longer than 4 MB is refused on its row', () => {
    const head = strToU8('案件编号,执法部门,案由\nA-1,交通局,"');
    const body = new Uint8Array(5 * 1024 * 1024).fill(0x61);
    const bytes = new Uint8Array(head.length + body.length + 2);
    bytes.set(head);
    bytes.set(body, head.length);
    bytes.set(strToU8('"\n'), head.length + body.length);
    const { error } = refusal(() => readWorkbook(bytes, '案由.csv'));
    expect(error.message).toContain('第 2 行过长');
  });

  it('a field longer than 32,767 characters is refused naming row and column', () => {
    const csv = `案件编号,执法部门,案由\nA-1,交通局,${'超'.repeat(33_000)}\n`;
    const { error } = refusal(() => readWorkbook(strToU8(csv), '长.csv'));
    expect(error.message).toContain('文件“长.csv”的第 2 行 C 列');
    expect(error.message).toContain('32767');
  });

  it('more than 16,384 fields in a row is refused naming the row', () => {
    const csv = `案件编号,执法部门\nA${','.repeat(20_000)}B\n`;
    const { error } = refusal(() => readWorkbook(strToU8(csv), '列.csv'));
    expect(error.message).toContain('第 2 行有 20001 列');
  });

  it('too many lines are refused by counting bytes, before anything is decoded', () => {
    // the tail is not valid UTF-8 or GBK: a refusal about rows (not encoding) proves nothing was decoded
    const lines = strToU8('1,2\n'.repeat(40_000));
    const bytes = new Uint8Array(lines.length + 2);
    bytes.set(lines);
    bytes.set([0xff, 0xff], lines.length);
    const { error } = refusal(() => readWorkbook(bytes, '多行.csv', { maxRows: 1000 }));
    expect(error.code).toBe('too-large');
    expect(error.message).toContain('超过 100 万行的上限');
  });

  it('line breaks inside quotes do not count as rows; an honest GBK ledger still reads', () => {
    const g = honestLedger(300, 6);
    const r = checkLedgerFile(ledgerCsvBytes(g, 'gbk'), 'gbk.csv');
    expect(r.report.counts.valid).toBe(300);
    const quoted = strToU8('案件编号,执法部门,案由\n' + 'A,B,"x\ny"\n'.repeat(30));
    expect(readWorkbook(quoted, 'q.csv', { maxRows: 40 }).sheets[0]!.rows.length).toBe(31);
  });
});

describe('text hygiene at import', () => {
  it('cleanText removes bidi controls, zero-width characters, lone surrogates and controls', () => {
    expect(cleanText('德阳市\u202E局理管督监场市\u202C')).toBe('德阳市局理管督监场市');
    expect(cleanText('张\u200B三\u2066\u2069\uFEFF')).toBe('张三');
    expect(cleanText('A\uD800B\uDC00C')).toBe('ABC');
    expect(cleanText('😀 ok')).toBe('😀 ok'); // a real surrogate pair stays
    expect(cleanText('a\u0000b\u0007c\u009Fd\te\nf')).toBe('abcd\te\nf');
    expect(escapeUnsafe('市\u202E局')).toBe('市\\u202E局');
    expect(hasUnsafeText('德阳市市场监督管理局')).toBe(false);
  });

  it('XLSX: cleaned cells are imported clean, each with a warning showing the raw value escaped', () => {
    const { report, workbook } = checkLedgerFile(hygieneXlsx(), '卫生.xlsx');
    expect(report.counts.valid).toBe(6);
    for (const v of report.valid) {
      for (const text of [v.itemId, v.caseNo, v.department, v.party, ...v.raw])
        expect(hasUnsafeText(text)).toBe(false);
    }
    expect(report.valid.some((v) => v.department === '德阳市局理管督监场市')).toBe(true);
    const warnings = report.issues.filter((i) => i.code === 'text-cleaned');
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatchObject({ severity: 'warning', file: '卫生.xlsx', sheet: '执法台账', row: 3 });
    expect(warnings[0]!.message).toContain('德阳市\\u202E局理管督监场市\\u202C');
    expect(warnings.map((w) => w.message).join('')).toContain('\\uD800');
    expect(report.counts.warnings).toBeGreaterThanOrEqual(3);
    expect(workbook.sheets[0]!.textNotes!.count).toBe(3);
  });

  it('XLSX: a control written as an entity or an _xHHHH_ escape is cleaned too (the fast path is not fooled)', () => {
    const xml =
      '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>德阳&#x202E;市</t></is></c>' +
      '<c r="B1" t="inlineStr"><is><t>张_x200B_三</t></is></c><c r="C1" t="inlineStr"><is><t>干净</t></is></c></row></sheetData></worksheet>';
    const sheet = readWorkbook(xlsxFromSheetXml(xml), 'e.xlsx').sheets[0]!;
    expect(sheet.rows[0]).toEqual(['德阳市', '张三', '干净']);
    expect(sheet.textNotes!.count).toBe(2);
    // a clean sheet is marked so by the reader, and no cell is looked at
    expect(readWorkbook(inlineStringXlsx(50), 'c.xlsx').sheets[0]!.textClean).toBe(true);
  });

  it('CSV: the same, and a clean file is not looked at cell by cell', () => {
    const csv =
      '案件编号,执法部门,案件类型,立案日期\nA-1,德阳市\u202E局理管督监场市\u202C,行政处罚,2024-01-02\n';
    const { report } = checkLedgerFile(strToU8(csv), 'b.csv');
    expect(report.valid[0]!.department).toBe('德阳市局理管督监场市');
    expect(report.issues.find((i) => i.code === 'text-cleaned')!.message).toContain('\\u202E');
    const clean = readWorkbook(strToU8('a,b\n1,2\n'), 'c.csv');
    expect(clean.sheets[0]!.textNotes!.count).toBe(0);
  });
});

describe('engine errors', () => {
  it('are described in Chinese', () => {
    for (const e of [
      new RangeError('Invalid array length'),
      new RangeError('Cannot create a string longer than 0x1fffffe8 characters'),
      new RangeError('Array buffer allocation failed'),
      new Error('something else'),
    ]) {
      expectChinese(describeEngineError(e));
      expectChinese(engineErrorMessage('x.xlsx', e));
    }
  });
});
