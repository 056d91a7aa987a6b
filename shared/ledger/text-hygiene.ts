// Text hygiene at import. Characters that change how text *displays* without being visible — bidi controls
// (U+202A–202E, U+2066–2069, U+200E/200F, U+061C), zero-width characters (U+200B–200D, U+2060, U+FEFF,
// U+00AD) — make 德阳市\u202E局理管督监场市\u202C look like 德阳市市场监督管理局; lone surrogates make a
// draw's population hash impossible to recompute in other languages (they have no UTF-8 form); control
// characters have no place in documents. They are removed from every text cell as the file is read, and each
// cleaned cell is reported with its raw value escaped (\u202E) so the user sees what was there.
import type { Cell, LedgerIssue, LedgerReport, SheetData } from './types';
import { columnLetters } from './limits';

const UNSAFE_SOURCE =
  '[\\u202A-\\u202E\\u2066-\\u2069\\u200E\\u200F\\u061C\\u200B-\\u200D\\u2060\\uFEFF\\u00AD' +
  '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]' +
  '|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]';

const UNSAFE_TEST = new RegExp(UNSAFE_SOURCE);

/** Any code unit that might be unsafe (every surrogate counts): one simple class, no look-around, so a
 * megabyte of clean text is scanned quickly; only text it matches is looked at with UNSAFE_TEST. */
const SUSPECT = new RegExp(
  '[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\u00AD\\u061C\\u200B-\\u200F' +
    '\\u202A-\\u202E\\u2060\\u2066-\\u2069\\uFEFF\\uD800-\\uDFFF]',
);

/** False when the text certainly holds nothing cleanText removes (a fast pre-check for long texts). */
export function mayHaveUnsafeText(s: string): boolean {
  return SUSPECT.test(s);
}

/** The same test as mayHaveUnsafeText as a loop over the code units: cheaper than a regular expression call
 * on the short texts of single cells (most code units are ASCII or CJK and fail the first comparisons). */
export function hasSuspectCodeUnit(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20) {
      if (c !== 9 && c !== 10 && c !== 13) return true;
    } else if (c < 0x7f) {
      continue;
    } else if (
      c <= 0x9f ||
      c === 0xad ||
      c === 0x61c ||
      (c >= 0x200b && c <= 0x200f) ||
      (c >= 0x202a && c <= 0x202e) ||
      c === 0x2060 ||
      (c >= 0x2066 && c <= 0x2069) ||
      c === 0xfeff ||
      (c >= 0xd800 && c <= 0xdfff)
    ) {
      return true;
    }
  }
  return false;
}
const UNSAFE_ALL = new RegExp(UNSAFE_SOURCE, 'g');

/** True when the text holds a character that cleanText removes. */
export function hasUnsafeText(s: string): boolean {
  return SUSPECT.test(s) && UNSAFE_TEST.test(s);
}

/** The text without bidi controls, zero-width characters, lone surrogates and control characters
 * (tab, line feed and carriage return stay: they are layout, handled where text is normalised). */
export function cleanText(s: string): string {
  return hasUnsafeText(s) ? s.replace(UNSAFE_ALL, '') : s;
}

/** The raw value with every removed (and every non-printing) character shown as \uXXXX. */
export function escapeUnsafe(s: string): string {
  return s.replace(
    new RegExp(UNSAFE_SOURCE + '|[\\t\\n\\r]', 'g'),
    (ch) => '\\u' + ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0'),
  );
}

/** One cleaned cell: 0-based row and column, the raw value as read. */
export interface TextNote {
  row: number;
  col: number;
  raw: string;
}

/** Notes kept per sheet (the count is exact; the report shows these). */
export const MAX_TEXT_NOTES = 2000;

export interface SheetTextNotes {
  notes: TextNote[];
  /** All cleaned cells, including those beyond MAX_TEXT_NOTES. */
  count: number;
}

/**
 * Clean every text cell of a sheet in place; returns what was cleaned. `quick` may be a text that contains
 * every cell's text (a CSV file's decoded text): when it is clean the cells are not looked at one by one.
 */
export function cleanSheetText(sheet: SheetData, quick?: string): SheetTextNotes {
  const result: SheetTextNotes = { notes: [], count: 0 };
  if (quick !== undefined && !hasUnsafeText(quick)) return result;
  if (sheet.textClean) return result; // the reader saw no suspect character in the sheet's text
  const rows = sheet.rows;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    for (let c = 0; c < row.length; c++) {
      const v: Cell | undefined = row[c];
      if (typeof v !== 'string' || !hasSuspectCodeUnit(v) || !UNSAFE_TEST.test(v)) continue;
      row[c] = v.replace(UNSAFE_ALL, '');
      result.count++;
      if (result.notes.length < MAX_TEXT_NOTES) result.notes.push({ row: r, col: c, raw: v });
    }
  }
  return result;
}

function quoted(s: string): string {
  return s.length > 80 ? `“${s.slice(0, 80)}…”` : `“${s}”`;
}

/**
 * Add one warning per cleaned cell in the data rows of a report (rows below the header), and count the
 * valid rows that get their first warning this way. Issues stay ordered by row.
 */
export function addTextWarnings(report: LedgerReport, text: SheetTextNotes | undefined): void {
  if (!text || text.notes.length === 0) return;
  const validRows = new Set(report.valid.map((v) => v.sourceRow));
  const warned = new Set<number>();
  for (const i of report.issues) if (i.severity === 'warning') warned.add(i.row);
  const added: LedgerIssue[] = [];
  for (const n of text.notes) {
    const row = n.row + 1;
    if (n.row <= report.headerRow) continue;
    const header = report.headers[n.col] || `${columnLetters(n.col)} 列`;
    added.push({
      severity: 'warning',
      code: 'text-cleaned',
      file: report.fileName,
      sheet: report.sheetName,
      row,
      column: header,
      message: `第 ${row} 行「${header}」列的原始内容${quoted(escapeUnsafe(n.raw))}含有不可见字符（双向文字控制符、零宽字符、孤立代理项或控制符），已删除，导入为${quoted(cleanText(n.raw))}。`,
    });
    if (validRows.has(row) && !warned.has(row)) {
      warned.add(row);
      report.counts.warnings++;
    }
  }
  if (added.length === 0) return;
  const merged = [...report.issues, ...added];
  // stable: by row, the existing order kept within a row
  merged.sort((a, b) => a.row - b.row);
  report.issues.length = 0;
  for (const i of merged) report.issues.push(i); // no spread: a report can hold a million issues
}
