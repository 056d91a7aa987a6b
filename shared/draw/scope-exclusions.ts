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

/**
 * Count every file once, under the first rule that leaves it out, in this order: other department,
 * other type, no date to judge the period by, outside the period, reviewed before.
 */
export function scopeExclusions(cols: ScopeColumns, rules: ScopeRules): ScopeExclusions {
  const deps = rules.departments && rules.departments.length > 0 ? new Set(rules.departments) : null;
  const types = rules.caseTypes && rules.caseTypes.length > 0 ? new Set(rules.caseTypes) : null;
  const period = rules.from !== null || rules.to !== null;
  const out: ScopeExclusions = {
    total: cols.itemId.length,
    included: 0,
    otherDepartment: 0,
    otherType: 0,
    noDate: 0,
    noDateByType: {},
    outsidePeriod: 0,
    reviewedBefore: 0,
  };
  for (let i = 0; i < cols.itemId.length; i++) {
    if (deps && !deps.has(cols.department[i]!)) {
      out.otherDepartment++;
      continue;
    }
    const type = cols.caseType[i]!;
    if (types && !types.has(type)) {
      out.otherType++;
      continue;
    }
    if (period) {
      const which = rules.dateByType?.[type] ?? 'closedDate';
      const d = which === 'filedDate' ? cols.filedDate[i] : cols.closedDate[i];
      if (d === null || d === undefined) {
        out.noDate++;
        out.noDateByType[type] = (out.noDateByType[type] ?? 0) + 1;
        continue;
      }
      if ((rules.from !== null && d < rules.from) || (rules.to !== null && d > rules.to)) {
        out.outsidePeriod++;
        continue;
      }
    }
    if (rules.reviewedBefore?.has(cols.itemId[i]!)) {
      out.reviewedBefore++;
      continue;
    }
    out.included++;
  }
  return out;
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
 * earlier-campaign rule leaves out: a whole department gone from the population is said by name on
 * the planner's first screen, not only counted among the files. Sorted by name.
 */
export function droppedDepartments(cols: ScopeColumns, rules: ScopeRules): DroppedDepartment[] {
  const deps = rules.departments && rules.departments.length > 0 ? new Set(rules.departments) : null;
  const types = rules.caseTypes && rules.caseTypes.length > 0 ? new Set(rules.caseTypes) : null;
  const period = rules.from !== null || rules.to !== null;
  const by = new Map<string, DroppedDepartment & { included: number }>();
  for (let i = 0; i < cols.itemId.length; i++) {
    const department = cols.department[i]!;
    if (deps && !deps.has(department)) continue;
    const type = cols.caseType[i]!;
    if (types && !types.has(type)) continue;
    let d = by.get(department);
    if (!d) {
      d = { department, files: 0, noDate: 0, outsidePeriod: 0, reviewedBefore: 0, included: 0 };
      by.set(department, d);
    }
    d.files++;
    if (period) {
      const which = rules.dateByType?.[type] ?? 'closedDate';
      const date = which === 'filedDate' ? cols.filedDate[i] : cols.closedDate[i];
      if (date === null || date === undefined) {
        d.noDate++;
        continue;
      }
      if ((rules.from !== null && date < rules.from) || (rules.to !== null && date > rules.to)) {
        d.outsidePeriod++;
        continue;
      }
    }
    if (rules.reviewedBefore?.has(cols.itemId[i]!)) {
      d.reviewedBefore++;
      continue;
    }
    d.included++;
  }
  return [...by.values()]
    .filter((d) => d.included === 0)
    .map(({ included: _included, ...d }) => d)
    .sort((a, b) => (a.department < b.department ? -1 : a.department > b.department ? 1 : 0));
}

/** "德阳市交通运输局 30 件（30 件没有结案日期）" for the planner. */
export function describeDroppedDepartment(d: DroppedDepartment, judgedBy: string): string {
  const why: string[] = [];
  if (d.noDate > 0) why.push(`${d.noDate} 件没有${judgedBy}`);
  if (d.outsidePeriod > 0) why.push(`${d.outsidePeriod} 件不在评查期间内`);
  if (d.reviewedBefore > 0) why.push(`${d.reviewedBefore} 件以往已评查`);
  return `${d.department} ${d.files} 件（${why.join('，')}）`;
}
