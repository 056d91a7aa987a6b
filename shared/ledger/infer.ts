// Inference for a department's own ledger, which has no 执法部门 or 案件类型 column: the department and the
// case type are in the title rows ("德阳市交通运输局2024年度行政检查台账"), the file name, the sheet name or
// the case-number prefix (德交检 -> 行政检查). Each inferred value says where it came from, so the report
// can show it for the user to confirm.
import type { Cell } from './types';
import { canonicalText, type CanonicalCaseType } from './normalize';
import { caseNoPrefix, departmentKey, type DepartmentEntry } from './departments';

export type InferenceSource = 'title' | 'sheet-name' | 'file-name' | 'case-no-prefix';

export const INFERENCE_SOURCE_LABELS: Record<InferenceSource, string> = {
  title: '标题行',
  'sheet-name': '工作表名',
  'file-name': '文件名',
  'case-no-prefix': '案件编号前缀',
};

export interface Inferred {
  value: string;
  source: InferenceSource;
  /** The text it was read from (title, name or prefix). */
  from: string;
}

export interface LedgerInference {
  department: Inferred | null;
  caseType: Inferred | null;
}

export interface InferenceInput {
  fileName: string;
  sheetName: string;
  /** Rows above the header (title rows). */
  titleRows: readonly (readonly Cell[])[];
  /** Case numbers of the sheet (a sample is enough). */
  caseNos: readonly string[];
  directory?: readonly DepartmentEntry[];
}

const DEPT_END =
  '(?:委员会|办公室|管理局|管理处|管理所|综合执法局|执法局|局|委|厅|支队|大队|中队|中心|街道办事处|人民政府)';
const DEPT_RE = new RegExp(`^(.{2,24}?${DEPT_END})`);
const YEAR_RE = /(19|20)\d{2}\s*(年度|年)?/;
const NOISE_RE = /^(附件\s*\d*|附表\s*\d*|表\s*\d+)\s*[:：-]?\s*/;

/** Text before the first year, without file extension and "附件1：" prefixes. */
function namePart(text: string): string {
  let t = canonicalText(text).replace(/\.(xlsx|xls|csv|et)$/i, '');
  t = t.replace(NOISE_RE, '');
  return t.replace(/^[\d\s._-]+/, '');
}

/** The department named in a title or file name, using the directory first, then the name pattern. */
export function departmentInText(text: string, directory: readonly DepartmentEntry[] = []): string | null {
  const t = namePart(text);
  const key = departmentKey(t);
  if (key === '') return null;
  let best: { name: string; len: number } | null = null;
  for (const d of directory) {
    for (const n of [d.name, ...d.aliases]) {
      const nk = departmentKey(n);
      if (nk.length >= 2 && key.includes(nk) && (best === null || nk.length > best.len))
        best = { name: d.name, len: nk.length };
    }
  }
  if (best) return best.name;
  const head = key.split(YEAR_RE)[0] ?? '';
  const m = DEPT_RE.exec(head) ?? DEPT_RE.exec(key);
  if (!m) return null;
  const name = m[1]!.replace(/^[^\u4e00-\u9fff]+/, '');
  return name.length >= 3 ? name : null;
}

const TYPE_WORDS: [string, CanonicalCaseType][] = [
  ['行政许可', '行政许可'],
  ['行政处罚', '行政处罚'],
  ['行政强制', '行政强制'],
  ['行政检查', '行政检查'],
  ['行政征收', '行政征收'],
  ['行政确认', '行政确认'],
  ['行政给付', '行政给付'],
  ['行政裁决', '行政裁决'],
  ['检查', '行政检查'],
  ['许可', '行政许可'],
  ['处罚', '行政处罚'],
  ['强制', '行政强制'],
  ['征收', '行政征收'],
];

/** The case type named in a title or file name ("…行政检查台账" -> 行政检查), else null. */
export function caseTypeInText(text: string): CanonicalCaseType | null {
  const t = departmentKey(text);
  for (const [w, type] of TYPE_WORDS) if (t.includes(w)) return type;
  return null;
}

// The letter(s) at the end of a case-number prefix that name the kind of act: 德交检 -> 检 -> 行政检查.
const PREFIX_TYPE: [RegExp, CanonicalCaseType][] = [
  [/(检|查)$/, '行政检查'],
  [/(罚|罚决|罚字|处)$/, '行政处罚'],
  [/(许|许可|审)$/, '行政许可'],
  [/(强|强制|封|扣)$/, '行政强制'],
  [/(征)$/, '行政征收'],
];

/** Case type from a case-number prefix: 德交检〔2024〕3号 -> 行政检查; null when the prefix says nothing. */
export function caseTypeOfCaseNo(caseNo: string): CanonicalCaseType | null {
  const p = caseNoPrefix(caseNo);
  if (p.length < 2) return null;
  for (const [re, type] of PREFIX_TYPE) if (re.test(p)) return type;
  return null;
}

/** The value most case numbers agree on (at least 80 % of those that say anything), else null. */
function majority<T>(values: readonly (T | null)[]): { value: T; count: number } | null {
  const counts = new Map<T, number>();
  let said = 0;
  for (const v of values) {
    if (v === null) continue;
    said++;
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  let best: { value: T; count: number } | null = null;
  for (const [value, count] of counts) if (!best || count > best.count) best = { value, count };
  return best && best.count >= said * 0.8 ? best : null;
}

function titleTexts(rows: readonly (readonly Cell[])[]): string[] {
  const out: string[] = [];
  for (const row of rows) {
    const cells = row.map((c) => canonicalText(c)).filter((c) => c !== '');
    const distinct = [...new Set(cells)];
    if (distinct.length > 0) out.push(distinct.join(' '));
  }
  return out;
}

/**
 * Infer the department and the case type of a ledger that has no column for them. Order of the sources:
 * title rows, sheet name, file name, then the case-number prefix (type from its last letter; department
 * through the directory's prefixes).
 */
export function inferLedgerContext(input: InferenceInput): LedgerInference {
  const directory = input.directory ?? [];
  const texts: { text: string; source: InferenceSource }[] = [
    ...titleTexts(input.titleRows).map((text) => ({ text, source: 'title' as const })),
    { text: input.sheetName, source: 'sheet-name' },
    { text: input.fileName, source: 'file-name' },
  ];
  let department: Inferred | null = null;
  let caseType: Inferred | null = null;
  for (const { text, source } of texts) {
    if (/^(sheet|工作表)\s*\d*$/i.test(canonicalText(text))) continue;
    if (department === null) {
      const d = departmentInText(text, directory);
      if (d !== null) department = { value: d, source, from: canonicalText(text) };
    }
    if (caseType === null) {
      const t = caseTypeInText(text);
      if (t !== null) caseType = { value: t, source, from: canonicalText(text) };
    }
  }
  const sample = input.caseNos.slice(0, 2000).filter((c) => canonicalText(c) !== '');
  if (caseType === null && sample.length > 0) {
    const m = majority(sample.map(caseTypeOfCaseNo));
    if (m) {
      const example = sample.find((c) => caseTypeOfCaseNo(c) === m.value)!;
      caseType = { value: m.value, source: 'case-no-prefix', from: caseNoPrefix(example) };
    }
  }
  if (department === null && sample.length > 0 && directory.length > 0) {
    const owners = sample.map((c) => {
      const p = caseNoPrefix(c);
      if (p === '') return null;
      const hits = directory.filter((d) => d.caseNoPrefixes.some((x) => p.startsWith(departmentKey(x))));
      return hits.length === 1 ? hits[0]!.name : null;
    });
    const m = majority(owners);
    if (m) {
      const example = sample.find((c) => caseNoPrefix(c) !== '')!;
      department = { value: m.value, source: 'case-no-prefix', from: caseNoPrefix(example) };
    }
  }
  return { department, caseType };
}

/** "德阳市交通运输局（标题行）" for reports. */
export function describeInferred(i: Inferred): string {
  return `${i.value}（取自${INFERENCE_SOURCE_LABELS[i.source]}“${i.from}”）`;
}
