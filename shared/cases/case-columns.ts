// Column-oriented case files: the shape chunks are stored in and the in-memory index is built from.
import type { CaseFileRecord } from '../ledger/types';

export interface CaseColumns {
  itemId: string[];
  caseNo: string[];
  department: string[];
  caseType: string[];
  cause: string[];
  party: string[];
  filedDate: (string | null)[];
  closedDate: (string | null)[];
  amountFen: (number | null)[];
  officer: string[];
  certNo: string[];
  sourceRow: number[];
}

export const CASE_COLUMN_NAMES = [
  'itemId',
  'caseNo',
  'department',
  'caseType',
  'cause',
  'party',
  'filedDate',
  'closedDate',
  'amountFen',
  'officer',
  'certNo',
  'sourceRow',
] as const satisfies readonly (keyof CaseColumns)[];

export function emptyColumns(): CaseColumns {
  return {
    itemId: [],
    caseNo: [],
    department: [],
    caseType: [],
    cause: [],
    party: [],
    filedDate: [],
    closedDate: [],
    amountFen: [],
    officer: [],
    certNo: [],
    sourceRow: [],
  };
}

/** Splits records into column chunks of at most `size` rows (raw cells returned alongside). */
export function toColumnChunks(
  records: readonly CaseFileRecord[],
  size: number,
): { columns: CaseColumns; raw: string[][] }[] {
  const chunks: { columns: CaseColumns; raw: string[][] }[] = [];
  for (let start = 0; start < records.length; start += size) {
    const columns = emptyColumns();
    const raw: string[][] = [];
    const end = Math.min(records.length, start + size);
    for (let i = start; i < end; i++) {
      const r = records[i]!;
      columns.itemId.push(r.itemId);
      columns.caseNo.push(r.caseNo);
      columns.department.push(r.department);
      columns.caseType.push(r.caseType);
      columns.cause.push(r.cause);
      columns.party.push(r.party);
      columns.filedDate.push(r.filedDate);
      columns.closedDate.push(r.closedDate);
      columns.amountFen.push(r.amountFen);
      columns.officer.push(r.officer);
      columns.certNo.push(r.certNo);
      columns.sourceRow.push(r.sourceRow);
      raw.push(r.raw);
    }
    chunks.push({ columns, raw });
  }
  return chunks;
}
