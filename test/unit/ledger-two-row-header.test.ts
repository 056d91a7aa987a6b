// Merged two-row headers (当事人 over 名称 / 证件号): recognised by header detection, combined, and read
// the same way by the ledger report and by `pingcha draw verify`.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  guessHeader,
  headerCellsAt,
  mappingToHeaderNames,
  suggestMapping,
  twoRowHeader,
} from '../../shared/ledger/header';
import { readWorkbook } from '../../shared/ledger/read-workbook';
import { checkLedgerFile } from '../../shared/ledger/check-file';
import { runDrawVerify } from '../../shared/cli/draw-verify-command';
import { sha256BytesHex } from '../../shared/crypto/sha256';
import { applyScopeFilter, computeDrawRecord, serializeDrawRecord } from '../../shared/draw/draw-record';
import type { CliIo } from '../../shared/cli/cli-io';
import type { Cell } from '../../shared/ledger/types';
import { ecologyLedger, ledgerXlsx, titleOnlyLedger } from '../fixtures/department-ledgers';

describe('merged two-row header', () => {
  it('an exceljs ledger with 当事人 over 名称/证件号 and 办理时间 over 立案日期/决定日期', async () => {
    const wb = readWorkbook(await ledgerXlsx(ecologyLedger()), '生态环境局2024处罚.xlsx');
    const rows = wb.sheets[0]!.rows;
    const guess = guessHeader(rows)!;
    // row 0 title, rows 1-2 the header, data from row 3
    expect(guess.headerRow).toBe(2);
    expect(guess.firstHeaderRow).toBe(1);
    expect(guess.headers).toEqual([
      '序号',
      '决定书文号',
      '当事人名称',
      '当事人证件号',
      '违法行为',
      '办理时间立案日期',
      '办理时间决定日期',
      '罚款金额(元)',
    ]);
    const m = suggestMapping(guess.headers);
    expect(m).toMatchObject({ caseNo: 1, party: 2, cause: 4, filedDate: 5, closedDate: 6, amount: 7 });
    // the party's 证件号 is never taken for an officer's 执法证号
    expect(m.certNo).toBeNull();
    expect(m.officer).toBeNull();
    expect(headerCellsAt(rows, 2)).toEqual(guess.headers);
  });

  it('the file checks clean: the second header row is not a data row, the title gives the department', async () => {
    const l = ecologyLedger();
    const r = checkLedgerFile(await ledgerXlsx(l), l.fileName);
    expect(r.report.counts.errors).toBe(0);
    expect(r.report.valid).toHaveLength(10);
    expect(r.report.valid[0]).toMatchObject({
      caseNo: '德环罚[2024]1号',
      department: '德阳市生态环境局',
      caseType: '行政处罚',
      party: '德阳某运输有限公司',
      filedDate: '2024-04-01',
      closedDate: '2024-04-07',
    });
    expect(r.report.headers.slice(2, 4)).toEqual(['当事人名称', '当事人证件号']);
  });

  it('unfilled merges (a CSV or a sheet saved without merge ranges) are combined the same way', () => {
    const rows: Cell[][] = [
      ['德阳市生态环境局2024年度行政处罚台账', null, null, null, null, null, null],
      ['序号', '决定书文号', '当事人', null, '违法行为', '办理时间', null],
      [null, null, '名称', '证件号', null, '立案日期', '决定日期'],
      [1, '德环罚[2024]1号', '张某', '5106', '超标排放', '2024-04-01', '2024-04-07'],
    ];
    const g = guessHeader(rows)!;
    expect(g.headerRow).toBe(2);
    expect(g.headers).toEqual([
      '序号',
      '决定书文号',
      '当事人名称',
      '当事人证件号',
      '违法行为',
      '办理时间立案日期',
      '办理时间决定日期',
    ]);
  });

  it('a merged title over a one-row header, and a header over data, are not two-row headers', async () => {
    const wb = readWorkbook(await ledgerXlsx(titleOnlyLedger()), 'x.xlsx');
    const g = guessHeader(wb.sheets[0]!.rows)!;
    expect(g.headerRow).toBe(1);
    expect(g.firstHeaderRow).toBeUndefined();
    expect(g.headers[1]).toBe('案件编号');
    const header: Cell[] = ['案件编号', '执法部门', '执法部门', '结案日期'];
    const data: Cell[] = ['德交罚1号', '交通局', '应急局', '2024-01-02'];
    expect(twoRowHeader(header, data, 4)).toBeNull();
    expect(twoRowHeader(header, ['德交罚1号', '交通局', '应急局', 45000], 4)).toBeNull();
  });

  it('a draw from the two-row ledger verifies with the CLI (the recorded column names are the combined ones)', async () => {
    const l = ecologyLedger(30);
    const bytes = await ledgerXlsx(l);
    const r = checkLedgerFile(bytes, l.fileName);
    const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
    const filter = { departments: null, caseTypes: null, closedFrom: null, closedTo: null };
    const record = computeDrawRecord({
      campaign: {
        id: 'c',
        name: '评查',
        year: 2024,
        period: { from: null, to: null },
        scope: { departments: [], caseTypes: [] },
      },
      drawnAt: '2025-01-01T00:00:00Z',
      operator: '张三',
      witnesses: [],
      seed: '12345678901234567890',
      stratifyBy: 'department',
      filter,
      sources: [
        {
          fileName: l.fileName,
          sha256: sha256BytesHex(bytes),
          sheet: r.report.sheetName,
          headerRow: r.report.headerRow,
          mapping: mappingToHeaderNames(r.mapping, r.report.headers),
          defaultDepartment: '德阳市生态环境局',
          defaultCaseType: '行政处罚',
          encoding: null,
        },
      ],
      population: applyScopeFilter(r.report.valid, filter),
      total: 5,
      sha,
    }).record;
    expect(record.sources[0]!.mapping.party).toBe('当事人名称');
    const files: Record<string, Uint8Array> = {
      'r.json': new TextEncoder().encode(serializeDrawRecord(record)),
      [l.fileName]: bytes,
    };
    let out = '';
    let err = '';
    const io: CliIo = {
      readFile: async (p) => files[p]!,
      readStdin: async () => new Uint8Array(),
      out: (t) => void (out += t),
      err: (t) => void (err += t),
      sha256Hex: sha,
    };
    expect(await runDrawVerify(['r.json', l.fileName], io), err).toBe(0);
    expect(out).toContain('一致 (match)');
  });
});
