// Scope without silent loss: how many case files each scope rule of a campaign leaves out, and why.
// The planner shows these counts next to the population, so 899 inspection files without a 结案日期
// can never fall out of a campaign unseen.

/** Which date a case type is judged by for the period (inspection by 检查日期 = filedDate column, …). */
export type JudgeDate = 'closedDate' | 'filedDate';

export const JUDGE_DATE_LABELS: Record<JudgeDate, string> = {
  closedDate: '结案/办结日期',
  filedDate: '立案/受理/检查日期',
};

export interface ScopeColumns {
  department: readonly string[];
  caseType: readonly string[];
  filedDate: readonly (string | null)[];
  closedDate: readonly (string | null)[];
  itemId: readonly string[];
}

export interface ScopeRules {
  departments: readonly string[] | null;
  caseTypes: readonly string[] | null;
  from: string | null;
  to: string | null;
  /** Date per case type (default closedDate for every type). */
  dateByType?: Readonly<Record<string, JudgeDate>>;
  /** Files reviewed in earlier campaigns, to leave out (counted). */
  reviewedBefore?: ReadonlySet<string>;
}

export interface ScopeExclusions {
  total: number;
  included: number;
  otherDepartment: number;
  otherType: number;
  /** In department and type, but without the date the period is judged by; per case type. */
  noDate: number;
  noDateByType: Record<string, number>;
  outsidePeriod: number;
  reviewedBefore: number;
}

/** The files of one department and case type, counted by each of their dates (null: no date). */
export interface ScopeGroup {
  department: string;
  caseType: string;
  files: number;
  closedDate: Map<string | null, number>;
  filedDate: Map<string | null, number>;
}

/**
 * What the scope notes need, without the rows: every stored file counted by department, case type
 * and date (`groups`), and the same for the files reviewed in earlier campaigns (`reviewed`). Made in
 * one pass over the columns (in the draw worker for the planner); the notes then cost a few
 * thousand additions whatever the number of files.
 */
export interface ScopeCounts {
  groups: ScopeGroup[];
  reviewed: ScopeGroup[];
}

/** Counts the files of `columns` (one or several column sets, e.g. one per import). */
export function scopeCounts(
  columns: readonly ScopeColumns[],
  reviewedBefore?: ReadonlySet<string>,
): ScopeCounts {
  // department -> case type -> group: two lookups of strings already hashed, nothing made per row
  const groups = new Map<string, Map<string, ScopeGroup>>();
  const reviewed = new Map<string, Map<string, ScopeGroup>>();
  const add = (into: Map<string, Map<string, ScopeGroup>>, cols: ScopeColumns, i: number) => {
    const department = cols.department[i]!;
    const caseType = cols.caseType[i]!;
    let byType = into.get(department);
    if (!byType) into.set(department, (byType = new Map()));
    let g = byType.get(caseType);
    if (!g) {
      g = { department, caseType, files: 0, closedDate: new Map(), filedDate: new Map() };
      byType.set(caseType, g);
    }
    g.files++;
    const closed = cols.closedDate[i] ?? null;
    const filed = cols.filedDate[i] ?? null;
    g.closedDate.set(closed, (g.closedDate.get(closed) ?? 0) + 1);
    g.filedDate.set(filed, (g.filedDate.get(filed) ?? 0) + 1);
  };
  for (const cols of columns) {
    for (let i = 0; i < cols.itemId.length; i++) {
      add(groups, cols, i);
      if (reviewedBefore?.has(cols.itemId[i]!)) add(reviewed, cols, i);
    }
  }
  const list = (m: Map<string, Map<string, ScopeGroup>>) => [...m.values()].flatMap((t) => [...t.values()]);
  return { groups: list(groups), reviewed: list(reviewed) };
}

type GroupFate =
  | { rule: 'otherDepartment' | 'otherType' }
  | { rule: 'inScope'; noDate: number; outsidePeriod: number; inPeriod: number };

/** Where the department, case type and period rules put a group's files (the reviewed rule aside). */
function fateOf(g: ScopeGroup, rules: ScopeRules): GroupFate {
  if (rules.departments && rules.departments.length > 0 && !rules.departments.includes(g.department))
    return { rule: 'otherDepartment' };
  if (rules.caseTypes && rules.caseTypes.length > 0 && !rules.caseTypes.includes(g.caseType))
    return { rule: 'otherType' };
  if (rules.from === null && rules.to === null)
    return { rule: 'inScope', noDate: 0, outsidePeriod: 0, inPeriod: g.files };
  const dates = (rules.dateByType?.[g.caseType] ?? 'closedDate') === 'filedDate' ? g.filedDate : g.closedDate;
  let noDate = 0;
  let outsidePeriod = 0;
  let inPeriod = 0;
  for (const [d, n] of dates) {
    if (d === null) noDate += n;
    else if ((rules.from !== null && d < rules.from) || (rules.to !== null && d > rules.to))
      outsidePeriod += n;
    else inPeriod += n;
  }
  return { rule: 'inScope', noDate, outsidePeriod, inPeriod };
}

/**
 * Count every file once, under the first rule that leaves it out, in this order: other department,
 * other type, no date to judge the period by, outside the period, reviewed before (counted only when
 * `countReviewed`).
 */
export function scopeExclusionsOfCounts(
  counts: ScopeCounts,
  rules: ScopeRules,
  countReviewed: boolean,
): ScopeExclusions {
  const out: ScopeExclusions = {
    total: 0,
    included: 0,
    otherDepartment: 0,
    otherType: 0,
    noDate: 0,
    noDateByType: {},
    outsidePeriod: 0,
    reviewedBefore: 0,
  };
  for (const g of counts.groups) {
    out.total += g.files;
    const fate = fateOf(g, rules);
    if (fate.rule !== 'inScope') {
      out[fate.rule] += g.files;
      continue;
    }
    if (fate.noDate > 0) {
      out.noDate += fate.noDate;
      out.noDateByType[g.caseType] = (out.noDateByType[g.caseType] ?? 0) + fate.noDate;
    }
    out.outsidePeriod += fate.outsidePeriod;
    out.included += fate.inPeriod;
  }
  for (const g of countReviewed ? counts.reviewed : []) {
    const fate = fateOf(g, rules);
    if (fate.rule !== 'inScope') continue;
    out.reviewedBefore += fate.inPeriod;
    out.included -= fate.inPeriod;
  }
  return out;
}

/**
 * Count every file once, under the first rule that leaves it out, in this order: other department,
 * other type, no date to judge the period by, outside the period, reviewed before.
 */
export function scopeExclusions(cols: ScopeColumns, rules: ScopeRules): ScopeExclusions {
  return scopeExclusionsOfCounts(scopeCounts([cols], rules.reviewedBefore), rules, !!rules.reviewedBefore);
}

/** One Chinese sentence per rule that leaves files out (empty when nothing is left out). */
export function describeExclusions(x: ScopeExclusions, judgedBy: string): string[] {
  const lines: string[] = [];
  if (x.otherDepartment > 0) lines.push(`不在范围内的部门：${x.otherDepartment} 件`);
  if (x.otherType > 0) lines.push(`不在范围内的案件类型：${x.otherType} 件`);
  if (x.noDate > 0) {
    const parts = Object.entries(x.noDateByType)
      .sort((a, b) => b[1] - a[1])
      .map(([t, n]) => `${t} ${n} 件`)
      .join('、');
    lines.push(`没有${judgedBy}、无法判断是否在期间内：${x.noDate} 件（${parts}）`);
  }
  if (x.outsidePeriod > 0) lines.push(`不在评查期间内：${x.outsidePeriod} 件`);
  if (x.reviewedBefore > 0) lines.push(`以往评查活动已抽取评查：${x.reviewedBefore} 件`);
  return lines;
}

export interface DroppedDepartment {
  department: string;
  /** Its files of the campaign's case types, none of which is in the population. */
  files: number;
  noDate: number;
  outsidePeriod: number;
  reviewedBefore: number;
}

/**
 * Departments in the campaign's scope (department and case type) whose every file the period or the
 * earlier-campaign rule (when `countReviewed`) leaves out: a whole department gone from the population
 * is said by name on the planner's first screen, not only counted among the files. Sorted by name.
 */
export function droppedDepartmentsOfCounts(
  counts: ScopeCounts,
  rules: ScopeRules,
  countReviewed: boolean,
): DroppedDepartment[] {
  const by = new Map<string, DroppedDepartment & { included: number }>();
  const entry = (department: string) => {
    let d = by.get(department);
    if (!d)
      by.set(
        department,
        (d = { department, files: 0, noDate: 0, outsidePeriod: 0, reviewedBefore: 0, included: 0 }),
      );
    return d;
  };
  for (const g of counts.groups) {
    const fate = fateOf(g, rules);
    if (fate.rule !== 'inScope') continue;
    const d = entry(g.department);
    d.files += g.files;
    d.noDate += fate.noDate;
    d.outsidePeriod += fate.outsidePeriod;
    d.included += fate.inPeriod;
  }
  for (const g of countReviewed ? counts.reviewed : []) {
    const fate = fateOf(g, rules);
    if (fate.rule !== 'inScope') continue;
    const d = entry(g.department);
    d.reviewedBefore += fate.inPeriod;
    d.included -= fate.inPeriod;
  }
  return [...by.values()]
    .filter((d) => d.included === 0)
    .map(({ included: _included, ...d }) => d)
    .sort((a, b) => (a.department < b.department ? -1 : a.department > b.department ? 1 : 0));
}

/** droppedDepartmentsOfCounts over the rows of `cols`. */
export function droppedDepartments(cols: ScopeColumns, rules: ScopeRules): DroppedDepartment[] {
  return droppedDepartmentsOfCounts(scopeCounts([cols], rules.reviewedBefore), rules, !!rules.reviewedBefore);
}

/** "德阳市交通运输局 30 件（30 件没有结案日期）" for the planner. */
export function describeDroppedDepartment(d: DroppedDepartment, judgedBy: string): string {
  const why: string[] = [];
  if (d.noDate > 0) why.push(`${d.noDate} 件没有${judgedBy}`);
  if (d.outsidePeriod > 0) why.push(`${d.outsidePeriod} 件不在评查期间内`);
  if (d.reviewedBefore > 0) why.push(`${d.reviewedBefore} 件以往已评查`);
  return `${d.department} ${d.files} 件（${why.join('，')}）`;
}
