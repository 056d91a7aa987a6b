import { PingchaDatabase } from '../../renderer/db/database';
import type { CaseFileRecord } from '../../shared/ledger/types';
import type { NewImport } from '../../renderer/db/ledger-repository';
import { emptyMapping } from '../../shared/ledger/header';
import { checkBackupTrust } from '../../shared/backup/backup-trust';
import { ensureOfficeKey } from '../../renderer/db/office-key-repository';
import { readBackupManifest } from '../../shared/backup/backup-format';

let counter = 0;
export function freshDb(upTo?: number): PingchaDatabase {
  counter += 1;
  return new PingchaDatabase(`test-${Date.now()}-${counter}`, upTo);
}

export function makeRecords(n: number, department = '市场监督管理局', prefix = 'A'): CaseFileRecord[] {
  return Array.from({ length: n }, (_, i) => ({
    itemId: `${department}|${prefix}-${i + 1}`,
    caseNo: `${prefix}-${i + 1}`,
    department,
    caseType: i % 3 === 0 ? '行政许可' : '行政处罚',
    cause: '案由' + i,
    party: '当事人' + i,
    filedDate: '2025-01-02',
    closedDate: '2025-02-03',
    amountFen: i * 100,
    officer: '张三',
    certNo: '51000000' + i,
    sourceRow: i + 2,
    raw: [`${prefix}-${i + 1}`, department, 'x' + i],
  }));
}

/** Everything in the store, for "nothing changed" assertions. */
export async function snapshot(db: PingchaDatabase): Promise<unknown> {
  const out: Record<string, unknown[]> = {};
  for (const table of db.tables) out[table.name] = await table.toArray();
  return out;
}

/** The import record of a test ledger (case number and department columns, type by default); `over` changes any field. */
export function newImportMeta(over: Partial<NewImport> = {}): NewImport {
  return {
    fileName: '台账.xlsx',
    sheetName: 'Sheet1',
    sha256: 'a'.repeat(64),
    fileSize: 1234,
    encoding: null,
    headerRow: 1,
    headers: ['案件编号', '执法部门', '备注'],
    mapping: {
      caseNo: 0,
      department: 1,
      caseType: null,
      cause: null,
      party: null,
      filedDate: null,
      closedDate: null,
      amount: null,
      officer: null,
      certNo: null,
    },
    defaultDepartment: null,
    defaultCaseType: '行政处罚',
    counts: { rowsRead: 10, errors: 0, warnings: 0, excluded: 0 },
    ...over,
  };
}

/** The import record of a ledger whose only column is the case number (department and type by default). */
export function caseNoOnlyImportMeta(sha256: string, rowsRead: number): NewImport {
  return {
    fileName: '台账.xlsx',
    sheetName: 'Sheet1',
    sha256,
    fileSize: 10,
    encoding: null,
    headerRow: 0,
    headers: ['案件编号'],
    mapping: { ...emptyMapping(), caseNo: 0 },
    defaultDepartment: '市场监督管理局',
    defaultCaseType: '行政处罚',
    counts: { rowsRead, errors: 0, warnings: 0, excluded: 0 },
  };
}

/**
 * Restore options confirming every trust problem the preview names for `bytes` (the user's second
 * confirmation), for round-trip tests of generated stores whose logs prove nothing.
 */
export function confirmingTrust<T extends object>(
  bytes: Uint8Array,
  opts: T,
): T & { acceptTrustProblems: string[] } {
  return { ...opts, acceptTrustProblems: checkBackupTrust(bytes, readBackupManifest(bytes)).problems };
}

/** A new installation as the app starts it: an empty store whose office key was created at start-up. */
export async function freshMachine(): Promise<PingchaDatabase> {
  const db = freshDb();
  await ensureOfficeKey(db, '系统');
  return db;
}
