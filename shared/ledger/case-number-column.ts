// Which column holds the 案件编号 (案号), judged by content as well as by header text. A ledger often
// has two number columns: the case number (案号, given when the case is opened, so filled for every
// status) and the 处罚决定书文号 (given only when a decision is made, so empty for every 在办 file). By
// header text alone "处罚决定书文号" can outscore "案号" (a two-row header prefixes the group name:
// "案件基本情况案号"), and every 在办 file would then be "缺少案件编号". The choice and its reason are
// shown in the mapping step and in `pingcha ledger check`.
import { candidatesFor, suggestMapping } from './header';
import { cellText } from './normalize';
import { caseNoPrefix, departmentKey } from './departments';
import type { Cell, ColumnMapping, HeaderGuess } from './types';

/** A number column that names a decision document (处罚决定书文号, 决定文号 …), not the case. */
const DECISION_NUMBER_RE = /决定书?(文号|编号|号)|决定文书号/;

/** A value that looks like a case number: a Chinese 代字, then digits (a year, a serial). */
const CASE_NUMBER_RE = /^[\u3400-\u9fff]{1,16}.*\d{2,}/;

/** Rows looked at (from the top of the data). */
const SAMPLE_ROWS = 2000;

export interface NumberColumnStats {
  column: number;
  header: string;
  /** Share of data rows with a value (0..1). */
  filled: number;
  /** Share of the values that look like case numbers (0..1). */
  caseNumberLike: number;
  /** The header names a decision document (处罚决定书文号). */
  decisionNumber: boolean;
  /**
   * Share of the values that begin with the importing department's 代字 in the 机构名录 (德市监立〔2024〕12号:
   * 德市监立) — with the department unknown, with the 代字 of the one department most values carry; null when
   * the directory knows no 代字.
   */
  ownCode: number | null;
}

export interface CaseNumberChoice {
  mapping: ColumnMapping;
  /** The candidate columns, as judged (empty with fewer than two candidates). */
  candidates: NumberColumnStats[];
  /** The 处罚决定书文号 column left out of 案件编号, if any. */
  decisionNumberColumn: number | null;
  /** One Chinese sentence per decision, for the mapping step and the CLI ("" when nothing to say). */
  notes: string[];
}

export function isDecisionNumberHeader(header: string): boolean {
  return DECISION_NUMBER_RE.test(header);
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

function ownText(s: NumberColumnStats, department: string | null): string {
  if (s.ownCode === null) return '';
  return department === null
    ? `、${pct(s.ownCode)} 带机构名录中的部门代字`
    : `、${pct(s.ownCode)} 带本部门（${department}）的代字`;
}

/** A directory entry as the 案号 choice reads it (its name, when known, and its 代字). */
export type DepartmentCodes = { name?: string; caseNoPrefixes: readonly string[] };

/** The directory's 代字 (case-number prefixes), as prefixes are compared. */
export function directoryCodes(directory: readonly Pick<DepartmentCodes, 'caseNoPrefixes'>[]): string[] {
  const out = new Set<string>();
  for (const d of directory)
    for (const p of d.caseNoPrefixes) {
      const k = departmentKey(p);
      if (k !== '') out.add(k);
    }
  return [...out];
}

/**
 * The 代字 a 案号 column is judged by: the importing department's own when it is known (from the title, sheet
 * or file name) and the directory gives it 代字; otherwise each department's, and a column counts the share of
 * its values that carry one and the same department's (a 文书编号 column mixing several departments' numbers,
 * or carrying another department's, is not this ledger's 案号).
 */
function codeGroups(
  directory: readonly DepartmentCodes[],
  department: string | null,
): { groups: string[][]; own: string | null } {
  const key = department === null ? '' : departmentKey(department);
  const own =
    key === '' ? undefined : directory.find((d) => d.name !== undefined && departmentKey(d.name) === key);
  const ownCodes = own ? directoryCodes([own]) : [];
  if (ownCodes.length > 0) return { groups: [ownCodes], own: own!.name! };
  return { groups: directory.map((d) => directoryCodes([d])).filter((g) => g.length > 0), own: null };
}

function columnStats(
  rows: readonly (readonly Cell[])[],
  headerRow: number,
  column: number,
  header: string,
  groups: readonly (readonly string[])[],
): NumberColumnStats {
  let data = 0;
  let filled = 0;
  let like = 0;
  const own = groups.map(() => 0);
  for (let r = headerRow + 1; r < rows.length && data < SAMPLE_ROWS; r++) {
    const row = rows[r]!;
    // A data row has at least two different values (blank lines, and sign-off lines merged across the
    // table, which read as one value repeated, are not data).
    const values = new Set<Cell>();
    for (const c of row) if (c !== null && c !== '') values.add(c);
    if (values.size < 2) continue;
    data++;
    const v = cellText(row[column] ?? null).trim();
    if (v === '') continue;
    filled++;
    if (CASE_NUMBER_RE.test(v)) like++;
    if (groups.length > 0) {
      const prefix = caseNoPrefix(v);
      if (prefix !== '')
        groups.forEach((g, i) => {
          if (g.some((c) => prefix.startsWith(c))) own[i]! += 1;
        });
    }
  }
  return {
    column,
    header,
    filled: data ? filled / data : 0,
    caseNumberLike: filled ? like / filled : 0,
    decisionNumber: isDecisionNumberHeader(header),
    ownCode: groups.length === 0 ? null : filled ? Math.max(...own) / filled : 0,
  };
}

/**
 * How good a column is as the case number: filled for every file, with case-number-like values — and, when
 * the directory knows the departments' 代字, values that carry one (a 文书编号 or 受理编号 looks like a case
 * number but is not the department's 案号).
 */
function quality(s: NumberColumnStats): number {
  const like = s.ownCode === null ? s.caseNumberLike : 0.5 * s.caseNumberLike + 0.5 * s.ownCode;
  return s.filled * (0.5 + 0.5 * like) - (s.decisionNumber ? 0.05 : 0);
}

/**
 * Re-judges the 案件编号 column of a header-based mapping by the columns' content; a 处罚决定书文号 column
 * is kept apart from it when a better case-number column exists.
 */
export function chooseCaseNumberColumn(
  rows: readonly (readonly Cell[])[],
  guess: HeaderGuess,
  headerMapping: ColumnMapping,
  directory: readonly DepartmentCodes[] = [],
  department: string | null = null,
): CaseNumberChoice {
  const { groups, own: ownDepartment } = codeGroups(directory, department);
  const mapping = { ...headerMapping };
  const cols: number[] = [];
  guess.headers.forEach((h, c) => {
    if (h !== '' && candidatesFor(h).some((x) => x.field === 'caseNo')) cols.push(c);
  });
  const decisionCols = cols.filter((c) => isDecisionNumberHeader(guess.headers[c]!));
  if (cols.length < 2) return { mapping, candidates: [], decisionNumberColumn: null, notes: [] };
  const candidates = cols.map((c) => columnStats(rows, guess.headerRow, c, guess.headers[c]!, groups));
  const usedByOthers = new Set(
    Object.entries(mapping)
      .filter(([f, c]) => f !== 'caseNo' && f !== 'certNo' && c !== null)
      .map(([, c]) => c as number),
  );
  const current = candidates.find((s) => s.column === mapping.caseNo) ?? null;
  let best = current;
  for (const s of candidates) {
    if (usedByOthers.has(s.column)) continue;
    if (!best || quality(s) > quality(best) + 0.05) best = s;
  }
  const notes: string[] = [];
  const label = (s: NumberColumnStats) => `第 ${s.column + 1} 列“${s.header}”`;
  if (best) {
    mapping.caseNo = best.column;
    const others = candidates.filter((s) => s !== best);
    const why = others
      .map((s) =>
        s.decisionNumber
          ? `${label(s)}只有 ${pct(s.filled)} 的行有值，是处罚决定书文号（作出决定后才有），不作案件编号`
          : `${label(s)}有值 ${pct(s.filled)}、形如案号 ${pct(s.caseNumberLike)}${ownText(s, ownDepartment)}`,
      )
      .join('；');
    notes.push(
      `案件编号取${label(best)}：${pct(best.filled)} 的行有值，${pct(best.caseNumberLike)} 形如案号${ownText(best, ownDepartment)}${why ? `；${why}` : ''}。`,
    );
  }
  const decision = decisionCols.find((c) => c !== mapping.caseNo) ?? null;
  return { mapping, candidates, decisionNumberColumn: decision, notes };
}

/**
 * The mapping a sheet suggests: header texts first, then the case-number column judged by content (with the
 * 机构名录's 代字 when given: the 案号 column is the one whose values carry a department's 代字).
 */
export function suggestSheetMapping(
  rows: readonly (readonly Cell[])[],
  guess: HeaderGuess,
  directory: readonly DepartmentCodes[] = [],
  department: string | null = null,
): CaseNumberChoice {
  return chooseCaseNumberColumn(rows, guess, suggestMapping(guess.headers), directory, department);
}
