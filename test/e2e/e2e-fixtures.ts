// Real spreadsheets for the browser tests, written by exceljs / iconv-lite from the fixture generator.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateLedgerRows } from '../../shared/demo/ledger-generator';
import { ledgerCsvBytes, ledgerXlsxBuffer, messyOptions } from '../fixtures/make-ledgers';
import { checkLedgerFile } from '../../shared/ledger/check-file';

export interface E2eLedger {
  path: string;
  name: string;
  /** Valid rows according to the shared pipeline run in Node on the same bytes. */
  valid: number;
  errors: number;
}

export async function writeE2eLedgers(): Promise<{ dir: string; xlsx: E2eLedger; gbk: E2eLedger }> {
  const dir = mkdtempSync(join(tmpdir(), 'pingcha-e2e-'));
  // Different departments in the two files, so neither duplicates the other.
  const a = generateLedgerRows({ ...messyOptions(400, 21), departmentIndexes: [0, 1, 2, 3, 4] });
  const b = generateLedgerRows({ ...messyOptions(300, 22), departmentIndexes: [10, 11, 12] });
  const xlsxBytes = await ledgerXlsxBuffer(a, {
    mergeTitle: true,
    dateFormat: 'yyyy"年"m"月"d"日"',
    notesSheet: true,
  });
  const gbkBytes = ledgerCsvBytes(b, 'gbk');
  const xlsxName = '2025年度执法台账（五部门）.xlsx';
  const gbkName = '执法台账-GBK.csv';
  writeFileSync(join(dir, xlsxName), xlsxBytes);
  writeFileSync(join(dir, gbkName), gbkBytes);
  const ra = checkLedgerFile(xlsxBytes, xlsxName).report;
  const rb = checkLedgerFile(gbkBytes, gbkName).report;
  return {
    dir,
    xlsx: { path: join(dir, xlsxName), name: xlsxName, valid: ra.counts.valid, errors: ra.counts.errors },
    gbk: { path: join(dir, gbkName), name: gbkName, valid: rb.counts.valid, errors: rb.counts.errors },
  };
}
