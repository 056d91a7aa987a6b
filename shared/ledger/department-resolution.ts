// Every department name of a ledger sheet resolved against the directory (机构名录) and among the sheet's own
// names, as the import and `pingcha ledger check` both apply it; and the sentences that tell the user which
// variants were merged into which department.
import type { Cell, ColumnMapping } from './types';
import { isTotalOrFooterRow } from './build-report';
import { resolveDepartment, seedDirectory, type DepartmentEntry, type ResolutionRule } from './departments';
import { canonicalText } from './normalize';

/** How one department name of the ledger was resolved against the directory (机构名录). */
export interface DepartmentResolutionRow {
  input: string;
  /** The name rows are stored under. */
  department: string;
  rule: ResolutionRule | 'choice-alias' | 'choice-new';
  via: string | null;
  rows: number;
}

export interface DepartmentResolutionRequest {
  headerRow: number;
  mapping: ColumnMapping;
  defaultDepartment: string | null;
  /**
   * The user's answers for names the directory does not know: name as written -> the directory name it
   * is an alias of, or the name itself for "a new department".
   */
  departmentChoices?: Record<string, string>;
}

/**
 * Every department name of the sheet (its column, else the default department) resolved against the
 * directory; the user's choices answer the unknown ones. Returns the map the report applies.
 */
export function resolveSheetDepartments(
  rows: readonly (readonly Cell[])[],
  request: DepartmentResolutionRequest,
  directory: readonly DepartmentEntry[],
): { map: Record<string, string>; rows: DepartmentResolutionRow[] } {
  const counts = new Map<string, { rows: number; caseNo: string }>();
  const col = request.mapping.department;
  const caseCol = request.mapping.caseNo;
  const fallback = canonicalText(request.defaultDepartment ?? '');
  for (let r = request.headerRow + 1; r < rows.length; r++) {
    const row = rows[r]!;
    if (isTotalOrFooterRow(row, caseCol)) continue; // 填报人：… under the table names no department
    let name = col === null ? '' : canonicalText(row[col]);
    if (name === '') name = fallback;
    if (name === '') continue;
    const c = counts.get(name);
    if (c) c.rows++;
    else counts.set(name, { rows: 1, caseNo: caseCol === null ? '' : canonicalText(row[caseCol]) });
  }
  const map: Record<string, string> = {};
  const out: DepartmentResolutionRow[] = [];
  const choices = request.departmentChoices ?? {};
  // Names the directory does not know are also resolved among themselves: 市应急管理局 next to
  // 德阳市应急管理局 in the same ledger is one department (city-prefix rule) even before the directory knows it.
  const unknown = [...counts.keys()].filter((n) => resolveDepartment(directory, n).department === null);
  let tmp = 0;
  const local = seedDirectory(directory, unknown, () => `local-${++tmp}`).directory;
  for (const [input, { rows: n, caseNo }] of counts) {
    const res = resolveDepartment(directory, input, caseNo);
    const choice = choices[input];
    if (res.department !== null) {
      map[input] = res.department;
      out.push({ input, department: res.department, rule: res.rule, via: res.via, rows: n });
    } else if (choice !== undefined && choice !== input) {
      map[input] = choice;
      out.push({ input, department: choice, rule: 'choice-alias', via: null, rows: n });
    } else {
      const inFile = choice === undefined ? resolveDepartment(local, input) : null;
      if (inFile?.department && inFile.department !== input) {
        map[input] = inFile.department;
        // seedDirectory joins names of one ledger by the city-prefix rule only
        out.push({
          input,
          department: inFile.department,
          rule: 'city-prefix',
          via: inFile.department,
          rows: n,
        });
      } else
        out.push({
          input,
          department: input,
          rule: choice === input ? 'choice-new' : 'unknown',
          via: null,
          rows: n,
        });
    }
  }
  out.sort((a, b) => b.rows - a.rows);
  return { map, rows: out };
}

/**
 * One sentence per name stored under another name (a directory alias, a 市X beside its 德阳市X, a case-number
 * prefix, the user's choice): "市应急管理局 → 按 德阳市应急管理局 计，共 12 行". Most rows first, as resolved.
 */
export function mergedVariantLines(rows: readonly DepartmentResolutionRow[]): string[] {
  return rows
    .filter((r) => r.department !== r.input)
    .map((r) => `${r.input} → 按 ${r.department} 计，共 ${r.rows} 行`);
}
