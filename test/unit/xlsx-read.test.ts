import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { strToU8, zipSync } from 'fflate';
import { readWorkbook, readWorkbookSheet, firstDataSheetIndex } from '../../shared/ledger/read-workbook';
import { checkLedgerFile } from '../../shared/ledger/check-file';
import { LedgerReadError } from '../../shared/ledger/types';
import { generateLedgerRows } from '../../shared/demo/ledger-generator';
import { ledgerCsvBytes, ledgerXlsxBuffer } from '../fixtures/make-ledgers';
import { isDateFormatCode } from '../../shared/xlsx/read-xlsx';

function readError(f: () => unknown): LedgerReadError {
  try {
    f();
  } catch (e) {
    if (e instanceof LedgerReadError) return e;
    throw e;
  }
  throw new Error('expected a LedgerReadError');
}

async function excelBook(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** A hand-made package, for XML shapes exceljs never writes. */
function handXlsx(
  sheetXml: string,
  opts: { sst?: string; styles?: string; workbookPr?: string } = {},
): Uint8Array {
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8('<Types/>'),
    'xl/workbook.xml': strToU8(
      `<x:workbook xmlns:x="m" xmlns:r="r">${opts.workbookPr ?? ''}<x:sheets><x:sheet name="数据&amp;台账" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/s1.xml"/></Relationships>',
    ),
    'xl/worksheets/s1.xml': strToU8(sheetXml),
  };
  if (opts.sst) files['xl/sharedStrings.xml'] = strToU8(opts.sst);
  if (opts.styles) files['xl/styles.xml'] = strToU8(opts.styles);
  return zipSync(files);
}

describe('readWorkbook: XLSX', () => {
  it('reads an exceljs workbook: merged title, date styles, shared strings, serials, a second sheet', async () => {
    const bytes = await excelBook((wb) => {
      const ws = wb.addWorksheet('台账');
      ws.getCell('A1').value = '2024年度执法台账';
      ws.mergeCells('A1:D1');
      ws.addRow(['案件编号', '执法部门', '立案日期', '结案日期']);
      const r = ws.addRow(['A-1', '交通运输局', new Date(Date.UTC(2017, 2, 5)), 42800]);
      r.getCell(3).numFmt = 'yyyy"年"m"月"d"日"';
      ws.addRow([
        'A-2',
        { richText: [{ text: '市场' }, { text: '监管局', font: { bold: true } }] },
        'x & <y>',
        12.5,
      ]);
      ws.getCell('B5').value = '合并部门';
      ws.getCell('A6').value = 'A-4';
      ws.mergeCells('B5:B6');
      wb.addWorksheet('说明').getCell('A1').value = '填表说明';
    });
    const wb = readWorkbook(bytes, 'a.xlsx');
    expect(wb.kind).toBe('xlsx');
    expect(wb.sheets.map((s) => s.name)).toEqual(['台账', '说明']);
    const rows = wb.sheets[0]!.rows;
    expect(rows[0]).toEqual(['2024年度执法台账', '2024年度执法台账', '2024年度执法台账', '2024年度执法台账']);
    expect(rows[2]).toEqual(['A-1', '交通运输局', '2017-03-05', 42800]);
    expect(rows[3]).toEqual(['A-2', '市场监管局', 'x & <y>', 12.5]);
    expect(rows[4]).toEqual([null, '合并部门']);
    expect(rows[5]).toEqual(['A-4', '合并部门']);
    // the second sheet is only listed until it is asked for
    expect(wb.sheets[1]).toMatchObject({ name: '说明', rows: [], unread: true });
    expect(firstDataSheetIndex(wb)).toBe(0);
    expect(readWorkbookSheet(bytes, 'a.xlsx', wb, 1).rows).toEqual([['填表说明']]);
    expect(wb.sheets[1]!.unread).toBeUndefined();
  });

  it('reads generated fixtures end to end (title rows, date cells)', async () => {
    const g = generateLedgerRows({ rows: 300, seed: 3, titleRows: 2, totalRow: true });
    const bytes = await ledgerXlsxBuffer(g, { mergeTitle: true, dateFormat: 'yyyy/m/d', notesSheet: true });
    const { report } = checkLedgerFile(bytes, '台账.xlsx');
    expect(report.headerRow).toBe(2);
    expect(report.counts).toEqual({ valid: 300, errors: 0, warnings: 0, excluded: 1 });
    expect(report.valid[0]!.filedDate).toBe(g.cases[0]!.filedDate);
    expect(report.valid[0]!.amountFen).toBe(g.cases[0]!.amountFen);
  });

  it('handles prefixed XML, inlineStr, str/b/e/n types, cells and rows without r, entities, 1904 dates', () => {
    const sheet =
      '<x:worksheet xmlns:x="m"><x:sheetData>' +
      '<x:row><x:c t="inlineStr"><x:is><x:t>案号</x:t></x:is></x:c><x:c t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c></x:row>' +
      '<x:row r="3"><x:c r="B3" t="str"><x:f>A1</x:f><x:v>&#x4E2D;&#25991;&amp;</x:v></x:c><x:c t="b"><x:v>1</x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c><x:c r="E3" s="1"><x:v>41337</x:v></x:c><x:c t="n"><x:v>3.25</x:v></x:c></x:row>' +
      '<x:row r="4"><x:c r="A4" s="1"/></x:row>' +
      '</x:sheetData></x:worksheet>';
    const sst =
      '<x:sst xmlns:x="m"><x:si><x:t>执法部门</x:t></x:si><x:si><x:r><x:t>立案</x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t xml:space="preserve">日期_x000D_</x:t></x:r><x:rPh><x:t>リツアン</x:t></x:rPh></x:si></x:sst>';
    const styles =
      '<x:styleSheet xmlns:x="m"><x:numFmts><x:numFmt numFmtId="180" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/></x:numFmts><x:cellXfs count="2"><x:xf numFmtId="0"/><x:xf numFmtId="180"/></x:cellXfs></x:styleSheet>';
    const wb = readWorkbook(
      handXlsx(sheet, { sst, styles, workbookPr: '<x:workbookPr date1904="1"/>' }),
      'h.xlsx',
    );
    expect(wb.sheets[0]!.name).toBe('数据&台账');
    expect(wb.sheets[0]!.rows).toEqual([
      ['案号', '执法部门', '立案日期\r'],
      [],
      [null, '中文&', 'TRUE', '#N/A', '2017-03-05', 3.25],
    ]);
  });

  it('recognises date number formats', () => {
    expect(isDateFormatCode('yyyy-mm-dd')).toBe(true);
    expect(isDateFormatCode('[$-804]yyyy"年"m"月"d"日";@')).toBe(true);
    expect(isDateFormatCode('m/d/yy h:mm')).toBe(true);
    expect(isDateFormatCode('h:mm:ss')).toBe(false);
    expect(isDateFormatCode('#,##0.00_);[Red](#,##0.00)')).toBe(false);
    expect(isDateFormatCode('0.00"元"')).toBe(false);
    expect(isDateFormatCode('General')).toBe(false);
  });

  it('refuses sheets over the row limit without crashing', () => {
    const rows = Array.from(
      { length: 12 },
      (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`,
    ).join('');
    const bytes = handXlsx(`<worksheet><sheetData>${rows}</sheetData></worksheet>`);
    const e = readError(() => readWorkbook(bytes, 'big.xlsx', { maxRows: 10 }));
    expect(e.code).toBe('too-large');
    expect(e.message).toContain('100 万行');
  });

  it('ignores trailing formatted empty rows', () => {
    const empties = Array.from({ length: 2000 }, (_, i) => `<row r="${i + 3}" s="1" customFormat="1"/>`).join(
      '',
    );
    const bytes = handXlsx(
      `<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row>${empties}<row r="3000"><c r="B3000" s="2"/></row></sheetData></worksheet>`,
    );
    expect(readWorkbook(bytes, 'e.xlsx').sheets[0]!.rows).toEqual([[1]]);
  });
});

describe('readWorkbook: CSV', () => {
  const g = generateLedgerRows({ rows: 50, seed: 9, titleRows: 1 });

  it('detects GBK', () => {
    const wb = readWorkbook(ledgerCsvBytes(g, 'gbk'), '台账.csv');
    expect(wb).toMatchObject({ kind: 'csv', encoding: 'gbk', encodingDetected: true });
    expect(wb.sheets[0]!.name).toBe('台账');
    expect(wb.sheets[0]!.rows[1]![1]).toBe('案件编号');
    expect(wb.sheets[0]!.rows[2]![2]).toBe(g.cases[0]!.department);
  });

  it('reads UTF-8 with and without BOM', () => {
    for (const enc of ['utf-8', 'utf-8-bom'] as const) {
      const wb = readWorkbook(ledgerCsvBytes(g, enc), 'x.csv');
      expect(wb.encoding).toBe('utf-8');
      expect(wb.sheets[0]!.rows[0]![0]).toBe(g.title[0]);
    }
  });

  it('parses quoted fields, embedded newlines and CRLF', () => {
    const text = '案件编号,执法部门,案由\r\n"A,1","交通\r\n运输局","他说""好"""\r\nB-2,局,\r\n\r\n';
    const wb = readWorkbook(new TextEncoder().encode(text), 'q.csv');
    expect(wb.sheets[0]!.rows).toEqual([
      ['案件编号', '执法部门', '案由'],
      ['A,1', '交通\r\n运输局', '他说"好"'],
      ['B-2', '局', ''],
    ]);
  });

  it('reads tab- and semicolon-separated text', () => {
    expect(readWorkbook(new TextEncoder().encode('案号\t部门\nA\tB\n'), 't.txt').sheets[0]!.rows).toEqual([
      ['案号', '部门'],
      ['A', 'B'],
    ]);
    expect(readWorkbook(new TextEncoder().encode('案号;部门\nA;B'), 's.csv').sheets[0]!.rows[1]).toEqual([
      'A',
      'B',
    ]);
  });

  it('an encoding forced by the user wins, and a wrong one is refused clearly', () => {
    const gbk = new Uint8Array(iconv.encode('案件编号,执法部门\nA-1,交通运输局\n', 'gbk'));
    expect(readWorkbook(gbk, 'g.csv', { encoding: 'gbk' })).toMatchObject({
      encoding: 'gbk',
      encodingDetected: false,
    });
    const e = readError(() => readWorkbook(gbk, 'g.csv', { encoding: 'utf-8' }));
    expect(e.code).toBe('bad-encoding');
    expect(e.message).toContain('UTF-8');
    expect(e.message).toContain('GBK');
  });
});

describe('readWorkbook: bad input', () => {
  it.each([
    ['PDF', new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'not-spreadsheet', 'PDF'],
    [
      'PNG',
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]),
      'not-spreadsheet',
      '图片',
    ],
    [
      'plain text',
      new TextEncoder().encode('这是一段说明文字\n没有任何分隔符\n'),
      'not-spreadsheet',
      '普通文本',
    ],
    [
      'HTML disguised as xls',
      new TextEncoder().encode('<html><body><table><tr><td>1</td></tr></table>'),
      'not-spreadsheet',
      'HTML',
    ],
    ['UTF-16', new Uint8Array([0xff, 0xfe, 0x48, 0x00, 0x49, 0x00]), 'bad-encoding', 'UTF-16'],
    ['empty file', new Uint8Array(0), 'empty', '空文件'],
  ])('%s', (_name, bytes, code, words) => {
    const e = readError(() => readWorkbook(bytes, 'f.dat'));
    expect(e.code).toBe(code);
    expect(e.message).toContain('f.dat');
    expect(e.message).toContain(words);
  });

  it('random bytes', () => {
    let x = 12345;
    const bytes = new Uint8Array(4096).map(() => ((x = (x * 1103515245 + 12345) >>> 0), x >>> 24));
    const e = readError(() => readWorkbook(bytes, 'r.bin'));
    expect(['bad-encoding', 'not-spreadsheet']).toContain(e.code);
    expect(e.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('a DOCX (zip without a workbook)', () => {
    const docx = zipSync({
      'word/document.xml': strToU8('<w:document/>'),
      '[Content_Types].xml': strToU8('<Types/>'),
    });
    const e = readError(() => readWorkbook(docx, '报告.docx'));
    expect(e.code).toBe('not-spreadsheet');
    expect(e.message).toContain('Word');
  });

  it('a truncated XLSX', async () => {
    const bytes = await excelBook((wb) => wb.addWorksheet('a').addRow(['案件编号', '执法部门']));
    const e = readError(() => readWorkbook(bytes.subarray(0, Math.floor(bytes.length / 2)), 'cut.xlsx'));
    expect(e.code).toBe('corrupt');
    expect(e.message).toContain('已损坏');
  });

  function fakeCfb(streamName: string | null): Uint8Array {
    const b = new Uint8Array(1536);
    b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    if (streamName) for (let i = 0; i < streamName.length; i++) b[1024 + 2 * i] = streamName.charCodeAt(i);
    else for (let i = 0; i < 8; i++) b[1024 + 2 * i] = 'Workbook'.charCodeAt(i);
    return b;
  }

  it('a password-protected XLSX (OLE with EncryptedPackage)', () => {
    const e = readError(() => readWorkbook(fakeCfb('EncryptedPackage'), '加密.xlsx'));
    expect(e.code).toBe('encrypted');
    expect(e.message).toContain('密码');
  });

  it('a legacy .xls', () => {
    const e = readError(() => readWorkbook(fakeCfb(null), '旧表.xls'));
    expect(e.code).toBe('legacy-xls');
    expect(e.message).toContain('另存为');
  });

  it('files over 200 MB are refused before reading', () => {
    const big = new Uint8Array(200 * 1024 * 1024 + 1);
    const e = readError(() => readWorkbook(big, 'huge.csv'));
    expect(e.code).toBe('too-large');
    expect(e.message).toContain('200 MB');
  });
});

describe('checkLedgerFile', () => {
  it('an empty sheet', async () => {
    const bytes = await excelBook((wb) => wb.addWorksheet('空表'));
    const e = readError(() => checkLedgerFile(bytes, 'e.xlsx'));
    expect(e.code).toBe('empty');
    expect(e.message).toContain('空的');
  });

  it('no recognisable header', () => {
    const e = readError(() => checkLedgerFile(new TextEncoder().encode('姓名,年龄\n张三,30\n'), 'p.csv'));
    expect(e.code).toBe('no-header');
    expect(e.message).toContain('找不到表头');
  });

  it('zero valid rows is a report, not a crash', () => {
    const { report } = checkLedgerFile(
      new TextEncoder().encode('案件编号,执法部门,案件类型\n,局,处罚\n合计,,\n'),
      'z.csv',
    );
    expect(report.counts).toEqual({ valid: 0, errors: 1, warnings: 0, excluded: 1 });
  });

  it('picks a named sheet and refuses an unknown one', async () => {
    const bytes = await excelBook((wb) => {
      wb.addWorksheet('封面').getCell('A1').value = '封面';
      const ws = wb.addWorksheet('台账');
      ws.addRow(['案件编号', '执法部门', '案件类型']);
      ws.addRow(['A', '局', '许可']);
    });
    expect(checkLedgerFile(bytes, 'm.xlsx').report.sheetName).toBe('台账');
    expect(checkLedgerFile(bytes, 'm.xlsx', { sheet: '台账' }).report.counts.valid).toBe(1);
    expect(readError(() => checkLedgerFile(bytes, 'm.xlsx', { sheet: '无此表' })).message).toContain(
      '“封面”、“台账”',
    );
  });
});
