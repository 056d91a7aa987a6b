// Every bad input a user can give the ledger import: a clear Chinese message, and the store
// exactly as it was (checked against a snapshot of every table).
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { LedgerImportService } from '../../renderer/workers/ledger-import-service';
import { snapshot } from './helpers';
import { emptyMapping } from '../../shared/ledger/header';
import { rejection, seededDb } from './import-fixtures';

const CHINESE = /[\u4e00-\u9fff]/;

async function xlsx(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function fakeEncryptedXlsx(): Uint8Array {
  // An OLE compound file holding an EncryptedPackage stream: what Excel writes for a password-protected workbook.
  const b = new Uint8Array(1536);
  b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  const name = 'EncryptedPackage';
  for (let i = 0; i < name.length; i++) b[1024 + 2 * i] = name.charCodeAt(i);
  return b;
}

describe('ledger import refuses bad input and leaves the store unchanged', () => {
  const good = async () =>
    xlsx((wb) => {
      const ws = wb.addWorksheet('台账');
      ws.addRow(['案件编号', '执法部门', '案件类型']);
      ws.addRow(['A-1', '交通运输局', '行政处罚']);
    });

  const unreadable: [
    string,
    () => Promise<{ name: string; bytes: Uint8Array; encoding?: 'gbk' | 'utf-8' }>,
  ][] = [
    [
      'a file that is not a spreadsheet (PDF)',
      async () => ({ name: '通知.pdf', bytes: new TextEncoder().encode('%PDF-1.7\n%%EOF') }),
    ],
    [
      'random bytes',
      async () => ({
        name: '数据.xlsx',
        bytes: Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251),
      }),
    ],
    [
      'a corrupt (truncated) XLSX',
      async () => ({ name: '损坏.xlsx', bytes: (await good()).subarray(0, 900) }),
    ],
    ['a password-protected XLSX', async () => ({ name: '加密.xlsx', bytes: fakeEncryptedXlsx() })],
    [
      'an empty sheet',
      async () => ({ name: '空表.xlsx', bytes: await xlsx((wb) => void wb.addWorksheet('Sheet1')) }),
    ],
    [
      'a CSV in an unexpected encoding (UTF-16)',
      async () => ({
        name: '台账.csv',
        bytes: new Uint8Array(iconv.encode('\ufeff案件编号,执法部门\r\nA-1,交通运输局\r\n', 'utf16-le')),
      }),
    ],
    [
      'a spreadsheet far too large',
      async () => ({ name: '巨大.csv', bytes: new Uint8Array(200 * 1024 * 1024 + 1) }),
    ],
    ['an empty file', async () => ({ name: '空.csv', bytes: new Uint8Array(0) })],
  ];

  for (const [what, make] of unreadable) {
    it(`${what}: Chinese message, nothing written`, async () => {
      const db = await seededDb();
      const before = await snapshot(db);
      const { name, bytes, encoding } = await make();
      const service = new LedgerImportService(db);
      const error = await rejection(service.open({ name, bytes }, encoding ?? 'auto'));
      expect(error, what).not.toBeNull();
      expect(error!.message).toMatch(CHINESE);
      expect(error!.message).toContain(name);
      expect(await snapshot(db)).toEqual(before);
    });
  }

  it('a CSV forced to the wrong encoding: refused or shown, never silently imported', async () => {
    const db = await seededDb();
    const before = await snapshot(db);
    const service = new LedgerImportService(db);
    const gbk = new Uint8Array(
      iconv.encode('案件编号,执法部门,案件类型\r\nA-1,交通运输局,行政处罚\r\n', 'gbk'),
    );
    const e = await rejection(service.open({ name: 'gbk.csv', bytes: gbk }, 'utf-8'));
    expect(e?.message).toMatch(/编码|GBK/);
    expect(await snapshot(db)).toEqual(before);
  });

  it('no recognisable header, and zero valid rows: the report says so and the import is refused', async () => {
    const db = await seededDb();
    const before = await snapshot(db);
    const service = new LedgerImportService(db);
    const bytes = await xlsx((wb) => {
      const ws = wb.addWorksheet('Sheet1');
      for (let i = 0; i < 5; i++) ws.addRow([i, i * 2, 'x' + i]);
    });
    const opened = await service.open({ name: '无表头.xlsx', bytes }, 'auto');
    expect(opened.header).toBeNull();
    const report = await service.analyse({
      fileKey: opened.fileKey,
      sheetIndex: 0,
      headerRow: 0,
      mapping: { ...emptyMapping(), caseNo: 0 },
      defaultDepartment: '交通运输局',
      defaultCaseType: null,
    });
    expect(report.counts.valid).toBe(0);
    expect(report.issues[0]!.message).toMatch(CHINESE);
    await expect(
      service.commit({ fileKey: opened.fileKey, isDemo: false, insistedDuplicate: false }),
    ).rejects.toThrow(/没有可导入的有效行/);
    expect(await snapshot(db)).toEqual(before);
  });

  it('duplicates against what is stored are reported per row and not imported', async () => {
    const db = await seededDb();
    const service = new LedgerImportService(db);
    const bytes = await xlsx((wb) => {
      const ws = wb.addWorksheet('台账');
      ws.addRow(['案件编号', '执法部门', '案件类型']);
      ws.addRow(['A-1', '市场监督管理局', '行政处罚']); // stored already by seededDb
      ws.addRow(['B-9', '市场监督管理局', '行政处罚']);
    });
    const opened = await service.open({ name: '重复.xlsx', bytes }, 'auto');
    const report = await service.analyse({
      fileKey: opened.fileKey,
      sheetIndex: 0,
      headerRow: opened.header!.headerRow,
      mapping: opened.mapping,
      defaultDepartment: null,
      defaultCaseType: null,
    });
    expect(report.counts).toMatchObject({ valid: 1, errors: 1 });
    expect(report.issues.find((i) => i.code === 'duplicate-stored')).toMatchObject({ row: 2, sheet: '台账' });
  });
});
