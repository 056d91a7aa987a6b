// The 案件编号 column judged by content: a 案号 filled for every status wins over a 处罚决定书文号 that
// only decided files have, in the import (suggestSheetMapping) and in `pingcha ledger check`.
import { describe, expect, it } from 'vitest';
import { guessHeader, suggestMapping } from '../../shared/ledger/header';
import { suggestSheetMapping } from '../../shared/ledger/case-number-column';
import { caseNoPrefix } from '../../shared/ledger/departments';
import { readWorkbook } from '../../shared/ledger/read-workbook';
import { checkLedgerFile } from '../../shared/ledger/check-file';
import { buildLedgerReport } from '../../shared/ledger/build-report';
import { runCli } from '../../shared/cli/main';
import {
  DEPARTMENT_LEDGERS,
  ecologyLedger,
  ledgerXlsx,
  marketSupervisionLedger,
} from '../fixtures/department-ledgers';
import { recordingIo } from '../fixtures/memory-io';

async function sheetOf(l: ReturnType<typeof marketSupervisionLedger>) {
  return readWorkbook(await ledgerXlsx(l), l.fileName).sheets[0]!.rows;
}

describe('case-number column by content', () => {
  it('a merged header with 案号 and 处罚决定书文号: the 案号 is the case number, the reason is said', async () => {
    const rows = await sheetOf(marketSupervisionLedger());
    const guess = guessHeader(rows)!;
    expect(guess.headers.slice(1, 6)).toEqual([
      '案件基本情况案号',
      '案件基本情况当事人',
      '案件基本情况立案日期',
      '案件基本情况案件状态',
      '处罚决定处罚决定书文号',
    ]);
    // By header text alone the decision number wins (the trap the office fell into).
    expect(suggestMapping(guess.headers).caseNo).toBe(5);
    const choice = suggestSheetMapping(rows, guess);
    expect(choice.mapping.caseNo).toBe(1);
    expect(choice.decisionNumberColumn).toBe(5);
    expect(choice.mapping).toMatchObject({ party: 2, filedDate: 3, closedDate: 6, amount: 7 });
    expect(choice.notes).toEqual([
      expect.stringMatching(
        /^案件编号取第 2 列“案件基本情况案号”：98% 的行有值，100% 形如案号；第 6 列“处罚决定处罚决定书文号”只有 75% 的行有值，是处罚决定书文号/,
      ),
    ]);
  });

  it('the file check finds the real duplicate and the real missing 案号, and nothing else', async () => {
    const l = marketSupervisionLedger();
    const r = checkLedgerFile(await ledgerXlsx(l), l.fileName);
    const errors = r.report.issues.filter((i) => i.severity === 'error');
    expect(errors.map((e) => [e.code, e.row])).toEqual([
      ['duplicate-in-file', 24],
      ['missing-field', 34],
    ]);
    expect(r.report.valid).toHaveLength(38);
    expect(r.report.valid.filter((v) => v.caseNo.startsWith('德市监立'))).toHaveLength(38);
    expect(r.mappingNotes[0]).toMatch(/案件编号取第 2 列/);
  });

  it('every fixture ledger, two-row merged ones included, keeps its header mapping', async () => {
    for (const make of [...DEPARTMENT_LEDGERS, ecologyLedger]) {
      const l = make();
      const rows = await sheetOf(l);
      const guess = guessHeader(rows)!;
      expect(suggestSheetMapping(rows, guess).mapping, l.fileName).toEqual(suggestMapping(guess.headers));
    }
  });

  it('pingcha ledger check says which column is the case number and why', async () => {
    const l = marketSupervisionLedger();
    const m = recordingIo({ [l.fileName]: await ledgerXlsx(l) });
    expect(await runCli(['ledger', 'check', l.fileName], m.io)).toBe(1);
    expect(m.out()).toContain('案件编号取第 2 列“案件基本情况案号”');
    expect(m.out()).toContain('是处罚决定书文号（作出决定后才有），不作案件编号');
    const j = recordingIo({ [l.fileName]: await ledgerXlsx(l) });
    await runCli(['ledger', 'check', l.fileName, '--json'], j.io);
    const out = JSON.parse(j.out()) as { mapping: Record<string, string>; counts: { errors: number } };
    expect(out.mapping.caseNo).toBe('案件基本情况案号');
    expect(out.counts.errors).toBe(2);
  });

  it('with the 机构名录: the 案号 column is the one whose values carry the department’s 代字', () => {
    const rows: (string | null)[][] = [
      ['序号', '文书编号', '立案编号', '当事人', '立案日期'],
      ...Array.from({ length: 20 }, (_, i) => [
        String(i + 1),
        `市监询〔2024〕${i + 1}号`,
        `德市监立〔2024〕${i + 1}号`,
        `当事人${i}`,
        '2024-03-01',
      ]),
    ];
    const guess = guessHeader(rows)!;
    // by header text and by generic content the 文书编号 stays: both columns are full of case-number-like values
    expect(suggestMapping(guess.headers).caseNo).toBe(1);
    expect(suggestSheetMapping(rows, guess).mapping.caseNo).toBe(1);
    const directory = [{ caseNoPrefixes: ['德市监立', '德市监罚'] }, { caseNoPrefixes: ['德交'] }];
    const choice = suggestSheetMapping(rows, guess, directory);
    expect(choice.mapping.caseNo).toBe(2);
    expect(choice.notes[0]).toBe(
      '案件编号取第 3 列“立案编号”：100% 的行有值，100% 形如案号、100% 带机构名录中的部门代字；第 2 列“文书编号”有值 100%、形如案号 100%、0% 带机构名录中的部门代字。',
    );
  });

  it('every fixture ledger with a directory that knows its 代字 keeps its mapping; the merged 市场监管 one its 案号', async () => {
    for (const make of [...DEPARTMENT_LEDGERS, ecologyLedger, marketSupervisionLedger]) {
      const l = make();
      const rows = await sheetOf(l);
      const guess = guessHeader(rows)!;
      const plain = suggestSheetMapping(rows, guess);
      // the directory an office has after earlier imports: the 代字 of this department's case numbers
      const caseNoColumn = plain.mapping.caseNo!;
      const prefixes = new Set<string>();
      for (const r of rows.slice(guess.headerRow + 1)) {
        const v = r[caseNoColumn];
        if (typeof v === 'string' && v.trim() !== '') prefixes.add(caseNoPrefix(v));
      }
      prefixes.delete('');
      const withCodes = suggestSheetMapping(rows, guess, [{ caseNoPrefixes: [...prefixes] }]);
      expect(withCodes.mapping, l.fileName).toEqual(plain.mapping);
    }
    const rows = await sheetOf(marketSupervisionLedger());
    const guess = guessHeader(rows)!;
    const choice = suggestSheetMapping(rows, guess, [{ caseNoPrefixes: ['德市监立'] }]);
    expect(choice.mapping.caseNo).toBe(1);
    expect(choice.candidates.find((c) => c.column === 5)!.ownCode).toBe(0);
  });
});

describe('the 案号 column carries the importing department’s own 代字 (issue 25)', () => {
  const DIRECTORY = [
    { name: '德阳市市场监督管理局', caseNoPrefixes: ['德市监立', '德市监处罚'] },
    { name: '德阳市交通运输局', caseNoPrefixes: ['德交罚', '德交'] },
    { name: '德阳市应急管理局', caseNoPrefixes: ['德应急罚'] },
  ];

  function twoNumberColumns(otherColumn: (i: number) => string): (string | null)[][] {
    return [
      ['德阳市市场监督管理局2024年度案件台账'],
      ['序号', '文书编号', '立案编号', '当事人', '立案日期'],
      ...Array.from({ length: 20 }, (_, i) => [
        String(i + 1),
        otherColumn(i),
        `德市监立〔2024〕${i + 1}号`,
        `当事人${i}`,
        '2024-03-01',
      ]),
    ];
  }

  it('another department’s 代字 does not make a 案号 column: the department’s own wins, and the note says so', () => {
    const rows = twoNumberColumns((i) => `德交罚〔2024〕${i + 1}号`);
    const guess = guessHeader(rows)!;
    expect(suggestMapping(guess.headers).caseNo).toBe(1);
    const choice = suggestSheetMapping(rows, guess, DIRECTORY, '德阳市市场监督管理局');
    expect(choice.mapping.caseNo).toBe(2);
    expect(choice.candidates.find((c) => c.column === 1)!.ownCode).toBe(0);
    expect(choice.notes[0]).toBe(
      '案件编号取第 3 列“立案编号”：100% 的行有值，100% 形如案号、100% 带本部门（德阳市市场监督管理局）的代字；第 2 列“文书编号”有值 100%、形如案号 100%、0% 带本部门（德阳市市场监督管理局）的代字。',
    );
    // the transport bureau's own ledger of the same layout keeps the 文书编号 column: those are its numbers
    expect(suggestSheetMapping(rows, guess, DIRECTORY, '德阳市交通运输局').mapping.caseNo).toBe(1);
  });

  it('with the department unknown, a column mixing several departments’ 代字 loses to one department’s', () => {
    const rows = twoNumberColumns((i) => (i % 2 ? `德交罚〔2024〕${i}号` : `德应急罚〔2024〕${i}号`));
    const guess = guessHeader(rows)!;
    const choice = suggestSheetMapping(rows, guess, DIRECTORY);
    expect(choice.mapping.caseNo).toBe(2);
    expect(choice.candidates.find((c) => c.column === 1)!.ownCode).toBe(0.5);
  });

  it('the merged 市场监管 fixture with its own department named keeps its 案号; a row with another department’s 代字 is a warning naming it', async () => {
    const l = marketSupervisionLedger();
    l.rows[10]![1] = '德交罚〔2024〕11号';
    const rows = await sheetOf(l);
    const guess = guessHeader(rows)!;
    const choice = suggestSheetMapping(rows, guess, DIRECTORY, '德阳市市场监督管理局');
    expect(choice.mapping.caseNo).toBe(1);
    expect(choice.notes[0]).toContain('带本部门（德阳市市场监督管理局）的代字');
    const sheet = { name: l.sheetName, rows };
    const options = {
      fileName: l.fileName,
      sheetName: l.sheetName,
      headerRow: guess.headerRow,
      mapping: choice.mapping,
      defaultDepartment: '德阳市市场监督管理局',
      defaultCaseType: '行政处罚',
    };
    const plain = buildLedgerReport(sheet, options);
    const checked = buildLedgerReport(sheet, { ...options, departmentCodes: DIRECTORY });
    const foreign = checked.issues.filter((i) => i.code === 'case-no-other-department-code');
    expect(foreign.map((i) => [i.severity, i.row])).toEqual([['warning', 14]]);
    expect(foreign[0]!.message).toBe(
      '第 14 行的案件编号“德交罚〔2024〕11号”带“德交罚”代字，按机构名录是德阳市交通运输局的案号，不是本行执法部门“德阳市市场监督管理局”的，请核对案号或部门。',
    );
    // a warning: the row is still imported, and nothing else changes
    expect(checked.valid).toEqual(plain.valid);
    expect(checked.counts).toEqual({ ...plain.counts, warnings: plain.counts.warnings + 1 });
    // the department's own 代字 and a 代字 nobody owns pass quietly
    expect(plain.issues.some((i) => i.code === 'case-no-other-department-code')).toBe(false);
  });
});
