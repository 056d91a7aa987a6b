// Header matching for the officer and exam sheets. Each importer has its own synonyms table; matching is
// shared. The ledger module has its own header detection for case-file ledgers.
import type { Cell } from '../ledger/types';

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
 * Collects the issues of one sheet import; `add` names the column by its header text (or the field's
 * label when the sheet has no such column). Shared by the officer, exam and training imports.
 */
export function sheetIssueCollector<F extends string, C extends string>(ctx: {
  fileName: string;
  sheetName: string;
  headers: readonly string[];
  mapping: FieldMapping<F>;
  labels: Record<F, string>;
}): {
  issues: SheetIssue<C>[];
  add: (severity: SheetIssue<C>['severity'], code: C, row: number, field: F | null, message: string) => void;
} {
  const issues: SheetIssue<C>[] = [];
  const add = (
    severity: SheetIssue<C>['severity'],
    code: C,
    row: number,
    field: F | null,
    message: string,
  ): void => {
    const col = field === null ? null : ctx.mapping[field];
    const column = field === null ? null : (col !== null ? ctx.headers[col] : '') || ctx.labels[field];
    issues.push({ severity, code, file: ctx.fileName, sheet: ctx.sheetName, row, column, message });
  };
  return { issues, add };
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
