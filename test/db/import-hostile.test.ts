// Issue 12 in the app's import pipeline (the service the worker runs): hostile files get the Chinese message
// naming file, sheet and place, and the store stays exactly as it was; cleaned text is what gets stored.
import { describe, expect, it } from 'vitest';
import { strToU8 } from 'fflate';
import { LedgerImportService } from '../../renderer/workers/ledger-import-service';
import { snapshot } from './helpers';
import { rejection, seededDb } from './import-fixtures';
import {
  badCrcXlsx,
  farColumnXlsx,
  junkSheetsXlsx,
  inlineStringXlsx,
  hugeReferenceXlsx,
  hygieneXlsx,
  lyingSizeXlsx,
  mergeBombXlsx,
  wideRowXlsx,
} from '../fixtures/make-hostile';

const hostile: [string, string, () => Uint8Array, string[]][] = [
  ['a reference beyond XFD', '引用.xlsx', () => hugeReferenceXlsx(), ['工作表“执法台账”', 'ZZZZZZZZZ1']],
  ['a row of 2^20 cells', '宽行.xlsx', () => wideRowXlsx(), ['工作表“执法台账”', '第 1 行']],
  ['a ZIP entry lying small', '截断.xlsx', () => lyingSizeXlsx(5000, (n) => Math.floor(n / 200)), ['已损坏']],
  ['a ZIP entry lying 512 MB', '谎报.xlsx', () => lyingSizeXlsx(5000, () => 512 * 1024 * 1024), ['已损坏']],
  ['a CRC mismatch', '校验.xlsx', () => badCrcXlsx(), ['已损坏']],
  [
    'rows of one cell at XFD (13 GB if kept): the memory budget the reader counts',
    '稀疏.xlsx',
    () => farColumnXlsx(),
    ['工作表“执法台账”', '单元格 XFD1', '读取所需内存已超过 512.0 MB 的上限'],
  ],
  [
    'a 5 MB CSV line of commas',
    '逗号.csv',
    () => new Uint8Array(5 * 1024 * 1024).fill(0x2c),
    ['第 1 行过长'],
  ],
  [
    'a CSV cell over 32,767 characters',
    '案由.csv',
    () => strToU8(`案件编号,执法部门,案由\nA-1,交通局,${'超'.repeat(33_000)}\n`),
    ['第 2 行 C 列', '32767'],
  ],
];

describe('ledger import: hostile files', () => {
  for (const [what, name, make, parts] of hostile) {
    it(`${what}: Chinese message naming the place, store unchanged`, async () => {
      const db = await seededDb();
      const before = await snapshot(db);
      const service = new LedgerImportService(db);
      const error = await rejection(service.open({ name, bytes: make() }, 'auto'));
      expect(error, what).not.toBeNull();
      expect(error!.message).toContain(`文件“${name}”`);
      for (const p of parts) expect(error!.message).toContain(p);
      expect(error!.message).not.toMatch(/RangeError|Invalid|Cannot create/);
      expect(await snapshot(db)).toEqual(before);
    }, 60_000);
  }

  it("the reader's own memory budget stops the parse (any engine, no performance.memory); store unchanged", async () => {
    const db = await seededDb();
    const before = await snapshot(db);
    const service = new LedgerImportService(db, { maxParseBytes: 1024 * 1024 });
    const error = await rejection(service.open({ name: '预算.xlsx', bytes: inlineStringXlsx(8000) }, 'auto'));
    expect(error?.message).toMatch(
      /^文件“预算.xlsx”的工作表“执法台账”的数据量过大：读到单元格 [A-Z]+\d+时，读取所需内存已超过 1.0 MB 的上限/,
    );
    expect(await snapshot(db)).toEqual(before);
    // the same file under the default budget opens
    const opened = await new LedgerImportService(db).open(
      { name: '预算.xlsx', bytes: inlineStringXlsx(8000) },
      'auto',
    );
    expect(opened.header).not.toBeNull();
  });

  it('only the first data sheet is read at open; another is read when chosen; a broken one is refused then', async () => {
    const db = await seededDb();
    const before = await snapshot(db);
    const service = new LedgerImportService(db);
    const opened = await service.open({ name: '多表.xlsx', bytes: junkSheetsXlsx() }, 'auto');
    expect(opened.sheetIndex).toBe(0);
    expect(opened.sheets).toEqual([
      { name: '执法台账', rowCount: 32 },
      { name: '备用', rowCount: null },
      { name: '损坏', rowCount: null },
    ]);
    const spare = await service.selectSheet(opened.fileKey, 1);
    expect(spare.sheets[1]).toEqual({ name: '备用', rowCount: 14 });
    const error = await rejection(service.selectSheet(opened.fileKey, 2));
    expect(error?.message).toContain('文件“多表.xlsx”已损坏');
    expect(error?.message).toContain('xl/worksheets/sheet3.xml');
    expect(await snapshot(db)).toEqual(before);
    // the file stays open: the first sheet analyses and imports
    const first = await service.selectSheet(opened.fileKey, 0);
    const summary = await service.analyse({
      fileKey: first.fileKey,
      sheetIndex: 0,
      headerRow: first.header!.headerRow,
      mapping: first.mapping,
      defaultDepartment: null,
      defaultCaseType: null,
    });
    expect(summary.counts.valid).toBe(30);
  });

  it('a merge bomb opens as its few used cells', async () => {
    const service = new LedgerImportService(await seededDb());
    const opened = await service.open({ name: '合并.xlsx', bytes: mergeBombXlsx('A1:XFD999999') }, 'auto');
    expect(opened.sheets).toEqual([{ name: '执法台账', rowCount: 7 }]);
    expect(opened.preview.every((r) => r.length <= 11)).toBe(true);
  });

  it('bidi controls, zero-width characters and lone surrogates never reach the store; each is a warning', async () => {
    const db = await seededDb();
    const service = new LedgerImportService(db);
    const opened = await service.open({ name: '卫生.xlsx', bytes: hygieneXlsx() }, 'auto');
    const summary = await service.analyse({
      fileKey: opened.fileKey,
      sheetIndex: opened.sheetIndex,
      headerRow: opened.header!.headerRow,
      mapping: opened.mapping,
      defaultDepartment: null,
      defaultCaseType: null,
    });
    expect(summary.issueCountsByCode['text-cleaned']).toBe(3);
    expect(summary.issues.find((i) => i.code === 'text-cleaned')!.message).toContain('\\u202E');
    await service.commit({ fileKey: opened.fileKey, isDemo: false, insistedDuplicate: false });
    const all = JSON.stringify(await snapshot(db));
    expect(all).toContain('德阳市局理管督监场市');
    expect(/[\u202A-\u202E\u2066-\u2069\u200B]|\\ud800/i.test(all)).toBe(false);
  });
});
