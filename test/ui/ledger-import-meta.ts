import type { NewImport } from '../../renderer/db/ledger-repository';
import { emptyMapping } from '../../shared/ledger/header';

/** The import record of a test ledger with case number, department and case type in its first three columns. */
export function ledgerImportMeta(fileName: string, sha256: string): NewImport {
  return {
    fileName,
    sheetName: 'Sheet1',
    sha256,
    fileSize: 10,
    encoding: null,
    headerRow: 0,
    headers: ['案件编号', '执法部门', '案件类型'],
    mapping: { ...emptyMapping(), caseNo: 0, department: 1, caseType: 2 },
    defaultDepartment: null,
    defaultCaseType: null,
    counts: { rowsRead: 0, errors: 0, warnings: 0, excluded: 0 },
  };
}
