import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { writeXlsx, safeSheetName } from '../../shared/xlsx/write-xlsx';
import { readWorkbook } from '../../shared/ledger/read-workbook';

describe('writeXlsx', () => {
  const bytes = writeXlsx([
    {
      name: '抽取结果',
      header: ['案件编号', '执法部门', '金额'],
      rows: [
        ['A<1>&"2"', '交通运输局', 1234.5],
        ['B\u0001-2', null, 0],
        ['多行\n文本', '局', true],
      ],
      columnWidths: [20],
    },
    { name: '说明/备注:[1]', rows: [['只有一行']] },
  ]);

  it('is read by exceljs: sheets, values, bold header, widths', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
    expect(wb.worksheets.map((w) => w.name)).toEqual(['抽取结果', '说明_备注__1_']);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('案件编号');
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.getCell('A2').font?.bold).toBeFalsy();
    expect(ws.getCell('A2').value).toBe('A<1>&"2"');
    expect(ws.getCell('C2').value).toBe(1234.5);
    expect(ws.getCell('A3').value).toBe('B-2');
    expect(ws.getCell('B3').value).toBeNull();
    expect(ws.getCell('C3').value).toBe(0);
    expect(ws.getCell('A4').value).toBe('多行\n文本');
    expect(ws.getCell('C4').value).toBe(true);
    expect(ws.getColumn(1).width).toBe(20);
    expect(ws.getColumn(2).width).toBeGreaterThanOrEqual(12);
    expect(wb.worksheets[1]!.getCell('A1').value).toBe('只有一行');
  });

  it('is read back by our own reader', () => {
    const wb = readWorkbook(bytes, 'out.xlsx');
    expect(wb.sheets[0]!.rows[1]).toEqual(['A<1>&"2"', '交通运输局', 1234.5]);
    expect(wb.sheets[0]!.rows[3]).toEqual(['多行\n文本', '局', 'TRUE']);
  });

  it('makes sheet names valid and unique', () => {
    const used = new Set<string>();
    expect(safeSheetName('a', used)).toBe('a');
    expect(safeSheetName('A', used)).toBe('A (2)');
    expect(safeSheetName('', used)).toBe('Sheet');
    expect(Array.from(safeSheetName('很'.repeat(40), used))).toHaveLength(31);
  });
});
