// Header matching for the officer and exam sheets. Each importer has its own synonyms table; matching is
// shared. The ledger module has its own header detection for case-file ledgers.
import type { Cell } from '../ledger/types';
import { footerWord } from '../ledger/build-report';

/** Cell as trimmed NFKC text ('' for empty); numbers keep their plain decimal form. */
export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  return cell.normalize('NFKC').trim();
}

/** Header text for matching: NFKC, no spaces, no required-markers (*), no bracketed notes (（必填）). */
export function normaliseHeader(cell: Cell | undefined): string {
  return cellText(cell)
    .replace(/\s+/g, '')
    .replace(/[*＊]/g, '')
    .replace(/[(（【[][^)）】\]]*[)）】\]]/g, '');
}

export type Synonyms<F extends string> = Record<F, readonly string[]>;
export type FieldMapping<F extends string> = Record<F, number | null>;

/**
 * Map fields to columns. Exact synonym matches beat "header contains synonym" matches, longer synonyms beat
 * shorter ones, and each column serves one field (so 身份证号 is never taken for 证号).
 */
export function guessMapping<F extends string>(
  headers: readonly string[],
  synonyms: Synonyms<F>,
): FieldMapping<F> {
  const fields = Object.keys(synonyms) as F[];
  const candidates: { field: F; column: number; score: number }[] = [];
  headers.forEach((header, column) => {
    if (header === '') return;
    for (const field of fields) {
      let best = 0;
      for (const syn of synonyms[field]) {
        if (header === syn) best = Math.max(best, 1000 + syn.length);
        else if (header.includes(syn)) best = Math.max(best, syn.length);
      }
      if (best > 0) candidates.push({ field, column, score: best });
    }
  });
  candidates.sort((a, b) => b.score - a.score || a.column - b.column);
  const mapping = Object.fromEntries(fields.map((f) => [f, null])) as FieldMapping<F>;
  const usedColumns = new Set<number>();
  for (const c of candidates) {
    if (mapping[c.field] !== null || usedColumns.has(c.column)) continue;
    mapping[c.field] = c.column;
    usedColumns.add(c.column);
  }
  return mapping;
}

/** The row (among the first `scan`) whose cells match most synonyms: title rows above the header are common. */
export function guessHeaderRow<F extends string>(
  rows: readonly (readonly Cell[])[],
  synonyms: Synonyms<F>,
  scan = 20,
): number {
  let bestRow = 0;
  let bestHits = 0;
  const limit = Math.min(rows.length, scan);
  for (let r = 0; r < limit; r++) {
    const headers = (rows[r] ?? []).map(normaliseHeader);
    const mapping = guessMapping(headers, synonyms);
    const hits = Object.values<number | null>(mapping).filter((v) => v !== null).length;
    if (hits > bestHits) {
      bestHits = hits;
      bestRow = r;
    }
  }
  return bestRow;
}

/**
 * One sheet being imported: its normalised header row, the column mapping (guessed from the synonyms, then
 * the user's choices on top), the issues found, and readers for the rows below the header. Shared by the
 * officer, exam and training imports; `add` names the column by its header text (or the field's label when
 * the sheet has no such column).
 */
export function openSheet<F extends string, C extends string>(
  rows: readonly (readonly Cell[])[],
  options: { fileName: string; sheetName: string; headerRow: number; mapping?: Partial<FieldMapping<F>> },
  synonyms: Synonyms<F>,
  labels: Record<F, string>,
) {
  const { fileName, sheetName, headerRow } = options;
  const headers = (rows[headerRow] ?? []).map(normaliseHeader);
  const mapping: FieldMapping<F> = { ...guessMapping(headers, synonyms), ...options.mapping };
  const issues: SheetIssue<C | 'missing-column' | 'empty-row'>[] = [];
  let rowsRead = 0;
  const add = (
    severity: SheetIssue<C>['severity'],
    code: C | 'missing-column' | 'empty-row',
    row: number,
    field: F | null,
    message: string,
  ): void => {
    const col = field === null ? null : mapping[field];
    const column = field === null ? null : (col !== null ? headers[col] : '') || labels[field];
    issues.push({ severity, code, file: fileName, sheet: sheetName, row, column, message });
  };
  return {
    headers,
    mapping,
    issues,
    add,
    /** A problem with the header row itself (a column the import needs or would like). */
    headerIssue: (severity: 'error' | 'warning', message: string): void =>
      add(severity, 'missing-column', headerRow + 1, null, message),
    /** A field's cell as trimmed NFKC text ('' when the field has no column). */
    text: (row: readonly Cell[], field: F): string => {
      const col = mapping[field];
      return col === null ? '' : cellText(row[col]);
    },
    /** A field's raw cell (null when the field has no column). */
    cell: (row: readonly Cell[], field: F): Cell => {
      const col = mapping[field];
      return col === null ? null : (row[col] ?? null);
    },
    /**
     * The rows below the header with their 1-based row numbers, counted as read; a row empty in every
     * mapped column is reported (info) and skipped.
     */
    *dataRows(): Generator<{ row: readonly Cell[]; rowNo: number }> {
      const mappedCols = Object.values<number | null>(mapping).filter((c): c is number => c !== null);
      for (let r = headerRow + 1; r < rows.length; r++) {
        const row = rows[r] ?? [];
        const rowNo = r + 1;
        rowsRead++;
        if (mappedCols.every((c) => cellText(row[c]) === '')) {
          add('info', 'empty-row', rowNo, null, `第${rowNo}行为空行，已跳过`);
          continue;
        }
        // A sign-off line under the table (填表人：…  审核人：…), often merged across it: not a person.
        const values = new Set(row.map(cellText).filter((t) => t !== ''));
        const sign = values.size === 1 ? footerWord([...values][0]) : null;
        if (sign !== null) {
          add('info', 'empty-row', rowNo, null, `第${rowNo}行是表尾签署行（${sign}……），不是人员，已跳过`);
          continue;
        }
        yield { row, rowNo };
      }
    },
    /** The fields every import report starts with. */
    head(): {
      fileName: string;
      sheetName: string;
      headerRow: number;
      headers: string[];
      mapping: FieldMapping<F>;
      rowsRead: number;
    } {
      return { fileName, sheetName, headerRow, headers, mapping, rowsRead };
    },
    /** The report's counts: `valid` records and the issues by severity. */
    counts(valid: number): { valid: number; errors: number; warnings: number; excluded: number } {
      return { valid, ...countIssues(issues) };
    },
  };
}

export interface SheetIssue<C extends string> {
  /** error: row not imported; warning: imported, check it; info: skipped on purpose (empty rows). */
  severity: 'error' | 'warning' | 'info';
  code: C;
  file: string;
  sheet: string;
  /** 1-based spreadsheet row number (0 for file-level issues). */
  row: number;
  /** Header text of the column concerned, or null for whole-row / file issues. */
  column: string | null;
  /** Clear Simplified-Chinese sentence. */
  message: string;
}

export function countIssues(issues: readonly SheetIssue<string>[]): {
  errors: number;
  warnings: number;
  excluded: number;
} {
  let errors = 0;
  let warnings = 0;
  let excluded = 0;
  for (const i of issues) {
    if (i.severity === 'error') errors++;
    else if (i.severity === 'warning') warnings++;
    else excluded++;
  }
  return { errors, warnings, excluded };
}

/** Random id for new records; ids never embed ID-card numbers (they end up in logs and packages). */
export function randomId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  return prefix + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
