// Cells corrected in the import wizard (issue 25): an error row can be fixed in place — edit the cell,
// re-validate, import — without leaving the wizard. The file itself is never changed; the edits are kept
// with the import and in the draw record's source, so `pingcha draw verify` applies them to the same file
// and reproduces the same population. Each edit names the cell's text before, so an edit is only ever
// applied to the cell it was made on.
import { z } from 'zod';
import { MAX_CELL_CHARS } from './limits';
import { LedgerReadError, type Cell } from './types';

export const cellEditSchema = z.object({
  /** 1-based spreadsheet row (as the report names it). */
  row: z.number().int().min(1),
  /** 0-based column index. */
  column: z.number().int().min(0),
  /** The column's header, to name it in messages. */
  header: z.string(),
  /** The cell's text in the file. */
  before: z.string(),
  value: z.string().max(MAX_CELL_CHARS),
});
export type CellEdit = z.infer<typeof cellEditSchema>;

export function cellText(c: Cell | undefined): string {
  return c === null || c === undefined ? '' : String(c);
}

/**
 * Checks one correction against the sheet: a data row below the header, a column of the header, a value a
 * cell may hold. Returns the Chinese reason it is refused, or null.
 */
export function cellEditProblem(
  rows: readonly Cell[][],
  headerRow: number,
  headers: readonly string[],
  row: number,
  column: number,
  value: string,
): string | null {
  if (!Number.isInteger(row) || row <= headerRow + 1 || row > rows.length)
    return `第 ${row} 行不是本表的数据行，不能改正。`;
  if (!Number.isInteger(column) || column < 0 || column >= headers.length)
    return `第 ${column + 1} 列不在表头范围内，不能改正。`;
  if (value.length > MAX_CELL_CHARS) return `单元格内容超过 ${MAX_CELL_CHARS} 个字符，不能保存。`;
  return null;
}

/**
 * Applies recorded corrections to a sheet's rows (in place). A cell that does not hold the recorded text
 * (another version of the file) is refused with the place named, and nothing is changed.
 */
export function applyCellEdits(rows: Cell[][], edits: readonly CellEdit[], fileName: string): void {
  for (const e of edits) {
    const current = cellText(rows[e.row - 1]?.[e.column]);
    if (current !== e.before)
      throw new LedgerReadError(
        'no-header',
        `文件“${fileName}”第 ${e.row} 行“${e.header}”列的内容是“${current}”，与导入时改正前的“${e.before}”不同，无法重放导入时的改正。`,
      );
  }
  for (const e of edits) {
    const r = (rows[e.row - 1] ??= []);
    while (r.length <= e.column) r.push(null);
    r[e.column] = e.value;
  }
}
