// 导出待修改的行: the rows a report refuses (errors), with their original cells and what is wrong, as
// a sheet the department can correct and send back. Nothing refused leaves the import silently.
import type { XlsxSheetSpec } from '../xlsx/write-xlsx';
import { cellText } from './normalize';
import type { LedgerReport, SheetData } from './types';

export function rowsToFixSheet(sheet: SheetData, report: LedgerReport): XlsxSheetSpec {
  const problems = new Map<number, string[]>();
  for (const i of report.issues) {
    if (i.severity !== 'error') continue;
    const list = problems.get(i.row);
    if (list) list.push(i.message);
    else problems.set(i.row, [i.message]);
  }
  const rows = [...problems.keys()].sort((a, b) => a - b);
  const width = report.headers.length;
  return {
    name: '待修改的行',
    header: ['原行号', ...report.headers.map((h, c) => h || `第 ${c + 1} 列`), '问题'],
    rows: rows.map((r) => {
      const cells = sheet.rows[r - 1] ?? [];
      const out: string[] = [];
      for (let c = 0; c < Math.max(width, cells.length); c++) out.push(cellText(cells[c]));
      return [r, ...out, problems.get(r)!.join('；')];
    }),
  };
}
