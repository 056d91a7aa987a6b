// The department directory (机构名录): every enforcement department once, with the names its ledgers
// use for it. Ledger department names are resolved to the canonical name before anything is stored, so
// strata, conflict checks, rankings, letters and the 通报 see one department per real department.
import { canonicalText } from './normalize';

export type DepartmentKind = 'municipal' | 'district' | 'township' | 'other';

export const DEPARTMENT_KIND_LABELS: Record<DepartmentKind, string> = {
  municipal: '市级部门',
  district: '县（市、区）部门',
  township: '乡镇（街道）',
  other: '其他',
};

export interface DepartmentEntry {
  id: string;
  /** Full, canonical name (德阳市应急管理局): the name every record is stored under. */
  name: string;
  /** Short names and other spellings (市应急管理局, 应急局). */
  aliases: string[];
  /** Case-number prefixes (德应急罚): a case number starting with one belongs to this department. */
  caseNoPrefixes: string[];
  kind: DepartmentKind;
}

export type ResolutionRule = 'exact' | 'alias' | 'city-prefix' | 'case-no-prefix' | 'unknown';

export const RESOLUTION_RULE_LABELS: Record<ResolutionRule, string> = {
  exact: '全称一致',
  alias: '简称/别名',
  'city-prefix': '市名前缀（德阳市X ↔ 市X）',
  'case-no-prefix': '案件编号前缀',
  unknown: '名录中没有',
};

export interface DepartmentResolution {
  /** The name as the ledger wrote it (canonical text). */
  input: string;
  /** The directory's canonical name, or null when unknown. */
  department: string | null;
  rule: ResolutionRule;
  /** The alias or prefix that matched, for the report. */
  via: string | null;
}

/** Name key for comparison: canonical text without any spaces. */
export function departmentKey(name: string): string {
  return canonicalText(name).replace(/ /g, '');
}

// "德阳市" at the start of a name: 2–4 characters before 市 that are not a district/county/township word.
const CITY_PREFIX_RE = /^[^\s区县镇乡市]{2,4}?市(?=.)/;

/** 德阳市应急管理局 -> 市应急管理局; a name without a city prefix is returned unchanged. */
export function cityShortForm(name: string): string {
  const k = departmentKey(name);
  const m = CITY_PREFIX_RE.exec(k);
  return m ? '市' + k.slice(m[0].length) : k;
}

/** The letters before the year or number of a case number: 德应急罚〔2024〕12号 -> 德应急罚. */
export function caseNoPrefix(caseNo: string): string {
  const t = canonicalText(caseNo).replace(/ /g, '');
  const m = /^[^\d[\](){}〔〕【】［］（）〖〗]+/.exec(t);
  return m ? m[0].replace(/[-—_字第]+$/, '') : '';
}

/**
 * Resolve a ledger's department name against the directory:
 * 1. exact: the full name; 2. alias: a short name or alias; 3. city-prefix: 德阳市X and 市X are the same
 * department when exactly one entry matches; 4. case-no-prefix: the row's case number starts with a
 * prefix of exactly one entry (also when the name is empty). Otherwise unknown.
 */
export function resolveDepartment(
  directory: readonly DepartmentEntry[],
  name: string,
  caseNo = '',
): DepartmentResolution {
  const input = canonicalText(name);
  const key = departmentKey(input);
  const found = (department: string, rule: ResolutionRule, via: string | null): DepartmentResolution => ({
    input,
    department,
    rule,
    via,
  });
  if (key !== '') {
    for (const d of directory) if (departmentKey(d.name) === key) return found(d.name, 'exact', null);
    for (const d of directory)
      for (const a of d.aliases) if (departmentKey(a) === key) return found(d.name, 'alias', a);
    const short = cityShortForm(key);
    const hits = new Map<string, string>();
    for (const d of directory) {
      for (const n of [d.name, ...d.aliases]) {
        if (cityShortForm(n) === short) hits.set(d.name, n);
      }
    }
    if (hits.size === 1) {
      const [department, via] = [...hits][0]!;
      return found(department, 'city-prefix', via);
    }
  }
  const prefix = caseNoPrefix(caseNo);
  if (prefix !== '') {
    const hits = directory.filter((d) =>
      d.caseNoPrefixes.some((p) => {
        const pk = departmentKey(p);
        return pk !== '' && prefix.startsWith(pk);
      }),
    );
    if (hits.length === 1) return found(hits[0]!.name, 'case-no-prefix', prefix);
  }
  return { input, department: null, rule: 'unknown', via: null };
}

/** Resolve every distinct name once. `caseNoOf` gives one case number seen with the name (prefix rule). */
export function resolveDepartments(
  directory: readonly DepartmentEntry[],
  names: readonly { name: string; caseNo?: string }[],
): DepartmentResolution[] {
  const seen = new Set<string>();
  const out: DepartmentResolution[] = [];
  for (const n of names) {
    const input = canonicalText(n.name);
    if (seen.has(input)) continue;
    seen.add(input);
    out.push(resolveDepartment(directory, input, n.caseNo));
  }
  return out;
}

/** name -> canonical name for the resolved ones (unknown names are left out: they stay as written). */
export function departmentMapOf(resolutions: readonly DepartmentResolution[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const r of resolutions) if (r.department !== null && r.input !== '') map[r.input] = r.department;
  return map;
}

/** Canonical name of a department through the directory; unknown names come back as written. */
export function canonicalDepartment(directory: readonly DepartmentEntry[], name: string): string {
  return resolveDepartment(directory, name).department ?? canonicalText(name);
}

/** True when the two names denote the same department (used by the conflict check). */
export function sameDepartment(directory: readonly DepartmentEntry[], a: string, b: string): boolean {
  return (
    departmentKey(canonicalDepartment(directory, a)) === departmentKey(canonicalDepartment(directory, b))
  );
}

export class DirectoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DirectoryError';
  }
}

function uniq(list: readonly string[]): string[] {
  const out: string[] = [];
  const keys = new Set<string>();
  for (const s of list) {
    const t = canonicalText(s);
    const k = departmentKey(t);
    if (k === '' || keys.has(k)) continue;
    keys.add(k);
    out.push(t);
  }
  return out;
}

/**
 * Check a directory for names that would make resolution ambiguous: a full name, alias or case-number
 * prefix used by two departments. Returns Chinese messages (empty when the directory is sound).
 */
export function directoryProblems(directory: readonly DepartmentEntry[]): string[] {
  const problems: string[] = [];
  const owner = new Map<string, DepartmentEntry>();
  const prefixOwner = new Map<string, DepartmentEntry>();
  for (const d of directory) {
    if (departmentKey(d.name) === '') problems.push('有一个机构没有填写全称。');
    for (const n of uniq([d.name, ...d.aliases])) {
      const k = departmentKey(n);
      const other = owner.get(k);
      if (other !== undefined && other !== d)
        problems.push(
          other.name === d.name
            ? `机构名录中已有“${d.name}”。`
            : `名称“${n}”同时属于“${other.name}”和“${d.name}”，请只保留在一个机构下。`,
        );
      else owner.set(k, d);
    }
    for (const p of uniq(d.caseNoPrefixes)) {
      const k = departmentKey(p);
      const other = prefixOwner.get(k);
      if (other !== undefined && other !== d)
        problems.push(`案件编号前缀“${p}”同时属于“${other.name}”和“${d.name}”。`);
      else prefixOwner.set(k, d);
    }
  }
  return problems;
}

/** A new entry for a name seen in a ledger (the full name as written; kind guessed from the name). */
export function newDepartmentEntry(
  id: string,
  name: string,
  extra: Partial<DepartmentEntry> = {},
): DepartmentEntry {
  const full = canonicalText(name);
  return {
    id,
    name: full,
    aliases: uniq(extra.aliases ?? []).filter((a) => departmentKey(a) !== departmentKey(full)),
    caseNoPrefixes: uniq(extra.caseNoPrefixes ?? []),
    kind: extra.kind ?? guessDepartmentKind(full),
  };
}

export function guessDepartmentKind(name: string): DepartmentKind {
  const k = departmentKey(name);
  if (/(镇|乡|街道|街道办事处)(人民政府)?$/.test(k) || /(镇|乡)人民政府/.test(k)) return 'township';
  if (/^[^市]{2,4}(区|县)/.test(k) || /^[^市]+市[^市]{2,4}(区|县)/.test(k)) return 'district';
  if (/市/.test(k)) return 'municipal';
  return 'other';
}

/** Add an alias to a department (the answer to "alias of which one?"). */
export function addAlias(
  directory: readonly DepartmentEntry[],
  id: string,
  alias: string,
): DepartmentEntry[] {
  const next = directory.map((d) => (d.id === id ? { ...d, aliases: uniq([...d.aliases, alias]) } : d));
  if (!next.some((d) => d.id === id)) throw new DirectoryError('机构名录中没有这个机构。');
  const problems = directoryProblems(next);
  if (problems.length > 0) throw new DirectoryError(problems[0]!);
  return next;
}

/**
 * Merge department `fromId` into `intoId`: the former full name, aliases and prefixes become aliases and
 * prefixes of the target; the entry `fromId` disappears. Returns the new directory and the rename map
 * (old name -> new name) to apply to stored records.
 */
export function mergeDepartmentEntries(
  directory: readonly DepartmentEntry[],
  fromId: string,
  intoId: string,
): { directory: DepartmentEntry[]; renamed: Record<string, string> } {
  if (fromId === intoId) throw new DirectoryError('不能把机构合并到它自己。');
  const from = directory.find((d) => d.id === fromId);
  const into = directory.find((d) => d.id === intoId);
  if (!from || !into) throw new DirectoryError('机构名录中没有要合并的机构。');
  const merged: DepartmentEntry = {
    ...into,
    aliases: uniq([...into.aliases, from.name, ...from.aliases]).filter(
      (a) => departmentKey(a) !== departmentKey(into.name),
    ),
    caseNoPrefixes: uniq([...into.caseNoPrefixes, ...from.caseNoPrefixes]),
  };
  const next = directory.filter((d) => d.id !== fromId).map((d) => (d.id === intoId ? merged : d));
  return { directory: next, renamed: { [from.name]: into.name } };
}

/** Rename a department: the old full name is kept as an alias, so old ledgers still resolve. */
export function renameDepartmentEntry(
  directory: readonly DepartmentEntry[],
  id: string,
  newName: string,
): { directory: DepartmentEntry[]; renamed: Record<string, string> } {
  const d = directory.find((e) => e.id === id);
  if (!d) throw new DirectoryError('机构名录中没有这个机构。');
  const name = canonicalText(newName);
  if (departmentKey(name) === '') throw new DirectoryError('机构全称不能为空。');
  if (departmentKey(name) === departmentKey(d.name)) return { directory: [...directory], renamed: {} };
  const renamedEntry: DepartmentEntry = {
    ...d,
    name,
    aliases: uniq([d.name, ...d.aliases]).filter((a) => departmentKey(a) !== departmentKey(name)),
  };
  const next = directory.map((e) => (e.id === id ? renamedEntry : e));
  const problems = directoryProblems(next);
  if (problems.length > 0) throw new DirectoryError(problems[0]!);
  return { directory: next, renamed: { [d.name]: name } };
}

/**
 * Seed a directory from department names seen in ledgers: a name that resolves (exact, alias, city
 * prefix) joins that entry (as an alias when spelled differently); any other name becomes a new entry.
 * Longer names go first, so 德阳市应急管理局 is the full name and 市应急管理局 its alias.
 */
export function seedDirectory(
  directory: readonly DepartmentEntry[],
  names: readonly string[],
  newId: () => string,
): { directory: DepartmentEntry[]; added: string[]; aliased: { alias: string; department: string }[] } {
  const next = directory.map((d) => ({
    ...d,
    aliases: [...d.aliases],
    caseNoPrefixes: [...d.caseNoPrefixes],
  }));
  const added: string[] = [];
  const aliased: { alias: string; department: string }[] = [];
  const distinct = uniq(names).sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
  for (const name of distinct) {
    const r = resolveDepartment(next, name);
    if (r.department === null) {
      next.push(newDepartmentEntry(newId(), name));
      added.push(name);
    } else if (r.rule === 'city-prefix') {
      const e = next.find((d) => d.name === r.department)!;
      e.aliases = uniq([...e.aliases, name]);
      aliased.push({ alias: name, department: e.name });
    }
  }
  return { directory: next, added, aliased };
}
