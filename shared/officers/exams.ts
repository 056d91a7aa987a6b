// Qualification exam (行政执法资格考试): numbered sittings, two papers, pass only when BOTH papers reach
// the pass mark. An absent candidate or a missing score is "not passed", never an error in the stats.
import { comparePinyin } from '../util/pinyin-sort';
import { z } from 'zod';
import type { Cell } from '../ledger/types';
import { checkIdNumber, maskIdNumber, normaliseIdNumber } from './id-card';
import { isFormalStaff, isoDateSchema, type Officer } from './officer-model';
import {
  cellText,
  guessHeaderRow,
  openSheet,
  randomId,
  type FieldMapping,
  type SheetIssue,
  type Synonyms,
} from './sheet-mapping';

export const examSettingsSchema = z.object({
  /** Pass mark applied to each paper separately (60/100 is the usual one). */
  passMark: z.number().min(0).max(1000).default(60),
  /** Highest possible paper score; imported scores above it are rejected. */
  maxScore: z.number().min(1).max(1000).default(100),
});
export type ExamSettings = z.infer<typeof examSettingsSchema>;
export const DEFAULT_EXAM_SETTINGS: ExamSettings = examSettingsSchema.parse({});

export const examSittingSchema = z.object({
  id: z.string().min(1),
  /** Ordinal of the sitting; the label is derived: 第17次. */
  number: z.number().int().min(1, '考试期次必须是正整数'),
  date: isoDateSchema.nullable().default(null),
  /** Pass mark for this sitting when it differs from the setting. */
  passMark: z.number().min(0).max(1000).optional(),
});
export type ExamSitting = z.infer<typeof examSittingSchema>;

export const examCandidateSchema = z.object({
  id: z.string().min(1),
  sittingId: z.string().min(1),
  name: z.string().trim().min(1, '考生姓名不能为空'),
  /** Private, like the registry's. */
  idNumber: z.string().default(''),
  department: z.string().default(''),
  /** 公共法律知识 paper; null when not taken / not recorded. */
  publicLawScore: z.number().min(0).nullable(),
  /** 专业法律知识 paper. */
  specialisedScore: z.number().min(0).nullable(),
  absent: z.boolean().default(false),
});
export type ExamCandidate = z.infer<typeof examCandidateSchema>;

export function sittingLabel(sitting: Pick<ExamSitting, 'number'> | number): string {
  return `第${typeof sitting === 'number' ? sitting : sitting.number}次`;
}

const CN_DIGITS: Record<string, number> = {
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** "第17次" / "17" / "第十七次" -> 17; null when not a sitting label. */
export function parseSittingLabel(label: string): number | null {
  const t = label
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/^第/, '')
    .replace(/(次|期)(考试)?$/, '');
  if (/^\d+$/.test(t)) return Number(t) > 0 ? Number(t) : null;
  // Chinese numerals up to 99: 十七, 二十, 二十三.
  const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(t);
  if (!m || t === '') return null;
  const tens = m[2] ? (m[1] ? CN_DIGITS[m[1]]! : 1) : 0;
  const units = m[2] ? (m[3] ? CN_DIGITS[m[3]]! : 0) : m[1] ? CN_DIGITS[m[1]]! : 0;
  if (!m[2] && m[3]) return null;
  const n = tens * 10 + units;
  return n > 0 ? n : null;
}

/**
 * A sitting typed by a person: "17", "第17次", "第十七次". Anything else is refused with a Chinese
 * message rather than read digit by digit ("2025年第1期" is not 第20251次).
 */
export function parseSittingInput(
  text: string,
): { ok: true; number: number } | { ok: false; message: string } {
  const t = text.trim();
  if (t === '') return { ok: false, message: '请填写期次，如 17 或 第17次' };
  const n = parseSittingLabel(t);
  if (n !== null) return { ok: true, number: n };
  const yearly = /^(\d{4})年?第?(\d+|[一二两三四五六七八九十]+)[期次]/.exec(
    t.normalize('NFKC').replace(/\s+/g, ''),
  );
  if (yearly)
    return {
      ok: false,
      message: `“${t}”是按年度编的期次：这里登记全省统一的考试序号（如 17，表示“第17次”），年度由考试日期体现；请查对该次考试的序号后填写`,
    };
  return { ok: false, message: `期次“${t}”无法识别：请填写序号，如 17 或 第17次` };
}

export type ExamFailReason =
  'absent' | 'missing-score' | 'public-law-below' | 'specialised-below' | 'both-below';

export interface ExamOutcome {
  passed: boolean;
  reason: ExamFailReason | null;
  /** Chinese explanation ('' when passed). */
  message: string;
}

export function examOutcome(
  c: ExamCandidate,
  passMark: number = DEFAULT_EXAM_SETTINGS.passMark,
): ExamOutcome {
  if (c.absent) return { passed: false, reason: 'absent', message: '缺考' };
  if (c.publicLawScore === null || c.specialisedScore === null) {
    const which =
      c.publicLawScore === null && c.specialisedScore === null
        ? '两科'
        : c.publicLawScore === null
          ? '公共法律知识'
          : '专业法律知识';
    return { passed: false, reason: 'missing-score', message: `${which}成绩缺失，按未通过处理` };
  }
  const pubOk = c.publicLawScore >= passMark;
  const speOk = c.specialisedScore >= passMark;
  if (pubOk && speOk) return { passed: true, reason: null, message: '' };
  if (!pubOk && !speOk)
    return { passed: false, reason: 'both-below', message: `两科成绩均低于${passMark}分` };
  return pubOk
    ? {
        passed: false,
        reason: 'specialised-below',
        message: `专业法律知识成绩 ${c.specialisedScore} 分，低于${passMark}分`,
      }
    : {
        passed: false,
        reason: 'public-law-below',
        message: `公共法律知识成绩 ${c.publicLawScore} 分，低于${passMark}分`,
      };
}

export function examPassed(c: ExamCandidate, passMark: number = DEFAULT_EXAM_SETTINGS.passMark): boolean {
  return examOutcome(c, passMark).passed;
}

function passMarkFor(sitting: ExamSitting | undefined, settings: ExamSettings): number {
  return sitting?.passMark ?? settings.passMark;
}

export interface ExamStats {
  /** Candidates on the list. */
  registered: number;
  /** Candidates who sat (not absent). The pass rate's denominator, as published figures use it. */
  sat: number;
  absent: number;
  passed: number;
  /** passed / sat, 0 when nobody sat. */
  passRate: number;
}

function emptyStats(): ExamStats {
  return { registered: 0, sat: 0, absent: 0, passed: 0, passRate: 0 };
}

function tally(stats: ExamStats, c: ExamCandidate, passMark: number): void {
  stats.registered++;
  if (c.absent) stats.absent++;
  else stats.sat++;
  if (examPassed(c, passMark)) stats.passed++;
}

function finishRate(s: ExamStats): ExamStats {
  s.passRate = s.sat === 0 ? 0 : s.passed / s.sat;
  return s;
}

export interface SittingStats extends ExamStats {
  sittingId: string;
  label: string;
}

/** Pass rate per sitting, in sitting order. */
export function passRateBySitting(
  sittings: readonly ExamSitting[],
  candidates: readonly ExamCandidate[],
  settings: ExamSettings = DEFAULT_EXAM_SETTINGS,
): SittingStats[] {
  const byId = new Map(sittings.map((s) => [s.id, { sitting: s, stats: emptyStats() }]));
  for (const c of candidates) {
    const entry = byId.get(c.sittingId);
    if (entry) tally(entry.stats, c, passMarkFor(entry.sitting, settings));
  }
  return [...byId.values()]
    .sort((a, b) => a.sitting.number - b.sitting.number)
    .map(({ sitting, stats }) => ({
      sittingId: sitting.id,
      label: sittingLabel(sitting),
      ...finishRate(stats),
    }));
}

export interface DepartmentExamStats extends ExamStats {
  department: string;
}

/** Pass rate per department (optionally for one sitting), highest pass rate first. */
export function passRateByDepartment(
  candidates: readonly ExamCandidate[],
  sittings: readonly ExamSitting[],
  settings: ExamSettings = DEFAULT_EXAM_SETTINGS,
  sittingId?: string,
): DepartmentExamStats[] {
  const sittingById = new Map(sittings.map((s) => [s.id, s]));
  const byDept = new Map<string, ExamStats>();
  for (const c of candidates) {
    if (sittingId !== undefined && c.sittingId !== sittingId) continue;
    const key = c.department || '（未填单位）';
    let s = byDept.get(key);
    if (!s) byDept.set(key, (s = emptyStats()));
    tally(s, c, passMarkFor(sittingById.get(c.sittingId), settings));
  }
  return [...byDept.entries()]
    .map(([department, s]) => ({ department, ...finishRate(s) }))
    .sort((a, b) => b.passRate - a.passRate || b.sat - a.sat || comparePinyin(a.department, b.department));
}

export interface EligibleCandidate {
  candidate: ExamCandidate;
  sittingLabel: string;
  /** Registry officer with the same ID number, when there is one. */
  officerId: string | null;
}

export interface IneligibleCandidate {
  candidate: ExamCandidate;
  /** Chinese reason. */
  reason: string;
}

/**
 * Candidates who may be issued a certificate: passed both papers, not already holding a live certificate,
 * and (when the registry knows them) formal staff. One entry per person: their latest passing sitting.
 */
export function eligibleForCertificate(
  candidates: readonly ExamCandidate[],
  sittings: readonly ExamSitting[],
  officers: readonly Officer[] = [],
  settings: ExamSettings = DEFAULT_EXAM_SETTINGS,
): { eligible: EligibleCandidate[]; excluded: IneligibleCandidate[] } {
  const sittingById = new Map(sittings.map((s) => [s.id, s]));
  const officerByIdNumber = new Map<string, Officer>();
  for (const o of officers) {
    const idn = normaliseIdNumber(o.idNumber);
    if (idn) officerByIdNumber.set(idn, o);
  }
  const latest = new Map<string, ExamCandidate>();
  for (const c of candidates) {
    const sitting = sittingById.get(c.sittingId);
    if (!examPassed(c, passMarkFor(sitting, settings))) continue;
    const key = normaliseIdNumber(c.idNumber) || `${c.name}|${c.department}`;
    const prev = latest.get(key);
    const prevNo = prev ? (sittingById.get(prev.sittingId)?.number ?? 0) : -1;
    if (!prev || (sitting?.number ?? 0) > prevNo) latest.set(key, c);
  }
  const eligible: EligibleCandidate[] = [];
  const excluded: IneligibleCandidate[] = [];
  for (const c of latest.values()) {
    const officer = officerByIdNumber.get(normaliseIdNumber(c.idNumber));
    if (officer && officer.certificateNo !== '' && officer.status !== '注销') {
      excluded.push({ candidate: c, reason: `已持有执法证 ${officer.certificateNo}（${officer.status}）` });
    } else if (officer && !isFormalStaff(officer.employmentType)) {
      excluded.push({
        candidate: c,
        reason: `人员性质为“${officer.employmentType}”，只有正式在编人员可以申领执法证`,
      });
    } else {
      eligible.push({
        candidate: c,
        sittingLabel: sittingLabel(sittingById.get(c.sittingId) ?? 0),
        officerId: officer?.id ?? null,
      });
    }
  }
  eligible.sort(
    (a, b) =>
      comparePinyin(a.candidate.department, b.candidate.department) ||
      comparePinyin(a.candidate.name, b.candidate.name),
  );
  return { eligible, excluded };
}

// ---------------------------------------------------------------------------------------------------------
// Import of results

export type ExamField = 'name' | 'idNumber' | 'department' | 'publicLawScore' | 'specialisedScore' | 'remark';

export const EXAM_HEADER_SYNONYMS: Synonyms<ExamField> = {
  name: ['姓名', '考生姓名'],
  idNumber: ['身份证号', '身份证号码', '公民身份号码', '身份证件号码', '证件号码'],
  department: ['单位', '工作单位', '所在单位', '执法部门', '报考单位', '部门', '单位名称'],
  publicLawScore: [
    '公共法律知识成绩',
    '公共法律知识',
    '公共法律知识得分',
    '公共科目成绩',
    '公共科目',
    '公共法律',
  ],
  specialisedScore: [
    '专业法律知识成绩',
    '专业法律知识',
    '专业法律知识得分',
    '专业科目成绩',
    '专业科目',
    '专业法律',
  ],
  remark: ['备注', '考试状态', '是否缺考', '考试情况'],
};

const EXAM_FIELD_LABELS: Record<ExamField, string> = {
  name: '姓名',
  idNumber: '身份证号',
  department: '单位',
  publicLawScore: '公共法律知识成绩',
  specialisedScore: '专业法律知识成绩',
  remark: '备注',
};

export type ExamImportIssueCode =
  | 'missing-column'
  | 'empty-row'
  | 'missing-field'
  | 'bad-id-number'
  | 'bad-score'
  | 'missing-score'
  | 'duplicate-in-file';

export type ExamImportIssue = SheetIssue<ExamImportIssueCode>;

export interface ExamImportOptions {
  fileName: string;
  sheetName: string;
  headerRow: number;
  sittingId: string;
  mapping?: Partial<FieldMapping<ExamField>>;
  settings?: ExamSettings;
  today?: string;
  newId?: () => string;
}

export interface ExamImportReport {
  fileName: string;
  sheetName: string;
  headerRow: number;
  headers: string[];
  mapping: FieldMapping<ExamField>;
  rowsRead: number;
  candidates: ExamCandidate[];
  issues: ExamImportIssue[];
  counts: { valid: number; errors: number; warnings: number; excluded: number };
}

export function guessExamHeaderRow(rows: readonly (readonly Cell[])[]): number {
  return guessHeaderRow(rows, EXAM_HEADER_SYNONYMS);
}

const ABSENT_WORDS = /^(缺考|缺|未参考|未参加|弃考|缺席)$/;

type ScoreParse =
  { kind: 'score'; value: number } | { kind: 'absent' } | { kind: 'empty' } | { kind: 'bad'; text: string };

function parseScore(cell: Cell | undefined, maxScore: number): ScoreParse {
  if (typeof cell === 'number') {
    return Number.isFinite(cell) && cell >= 0 && cell <= maxScore
      ? { kind: 'score', value: cell }
      : { kind: 'bad', text: String(cell) };
  }
  const t = cellText(cell).replace(/\s+/g, '').replace(/分$/, '');
  if (t === '' || t === '-' || t === '—' || t === '/') return { kind: 'empty' };
  if (ABSENT_WORDS.test(t)) return { kind: 'absent' };
  if (/^\d+(\.\d+)?$/.test(t)) {
    const v = Number(t);
    return v <= maxScore ? { kind: 'score', value: v } : { kind: 'bad', text: t };
  }
  return { kind: 'bad', text: t };
}

export function importExamResults(
  rows: readonly (readonly Cell[])[],
  options: ExamImportOptions,
): ExamImportReport {
  const { headerRow } = options;
  const settings = options.settings ?? DEFAULT_EXAM_SETTINGS;
  const newId = options.newId ?? (() => randomId('cand_'));
  const sheet = openSheet<ExamField, ExamImportIssueCode>(
    rows,
    options,
    EXAM_HEADER_SYNONYMS,
    EXAM_FIELD_LABELS,
  );
  const { mapping, add, text } = sheet;
  const candidates: ExamCandidate[] = [];
  const missing = (['name', 'publicLawScore', 'specialisedScore'] as const).filter(
    (f) => mapping[f] === null,
  );
  if (missing.length > 0) {
    sheet.headerIssue(
      'error',
      `第${headerRow + 1}行表头中找不到${missing.map((f) => `“${EXAM_FIELD_LABELS[f]}”`).join('、')}列，请在列对应中指定`,
    );
  } else {
    if (mapping.idNumber === null)
      sheet.headerIssue('warning', '表头中没有“身份证号”列，考生将无法与执法人员名册对应');
    const seen = new Map<string, number>();
    for (const { row, rowNo } of sheet.dataRows()) {
      let ok = true;
      const fail = (code: ExamImportIssueCode, f: ExamField | null, m: string): void => {
        add('error', code, rowNo, f, m);
        ok = false;
      };
      const name = text(row, 'name').replace(/\s+/g, '');
      if (name === '') fail('missing-field', 'name', `第${rowNo}行考生姓名为空`);
      const who = name || `第${rowNo}行考生`;
      let idNumber = '';
      const idText = text(row, 'idNumber');
      if (idText !== '') {
        const check = checkIdNumber(idText, options.today);
        if (check.ok) idNumber = check.normalised;
        else
          fail(
            'bad-id-number',
            'idNumber',
            `第${rowNo}行（${who}）身份证号 ${maskIdNumber(idText)} 有误：${check.message}`,
          );
      } else if (mapping.idNumber !== null) {
        add('warning', 'missing-field', rowNo, 'idNumber', `第${rowNo}行（${who}）未填身份证号`);
      }
      const remarkAbsent = ABSENT_WORDS.test(text(row, 'remark').replace(/\s+/g, ''));
      const scores: Record<'publicLawScore' | 'specialisedScore', number | null> = {
        publicLawScore: null,
        specialisedScore: null,
      };
      let absent = remarkAbsent;
      for (const f of ['publicLawScore', 'specialisedScore'] as const) {
        const p = parseScore(row[mapping[f]!], settings.maxScore);
        if (p.kind === 'score') scores[f] = p.value;
        else if (p.kind === 'absent') absent = true;
        else if (p.kind === 'bad') {
          fail(
            'bad-score',
            f,
            `第${rowNo}行（${who}）${EXAM_FIELD_LABELS[f]}“${p.text}”不是0到${settings.maxScore}之间的分数`,
          );
        }
      }
      if (ok && !absent && (scores.publicLawScore === null || scores.specialisedScore === null)) {
        add(
          'warning',
          'missing-score',
          rowNo,
          scores.publicLawScore === null ? 'publicLawScore' : 'specialisedScore',
          `第${rowNo}行（${who}）成绩不全，按未通过处理`,
        );
      }
      const key = idNumber || `${name}|${text(row, 'department')}`;
      const first = seen.get(key);
      if (ok && first !== undefined)
        fail(
          'duplicate-in-file',
          idNumber ? 'idNumber' : 'name',
          `第${rowNo}行（${who}）与第${first}行是同一考生`,
        );
      if (!ok) continue;
      seen.set(key, rowNo);
      candidates.push({
        id: newId(),
        sittingId: options.sittingId,
        name,
        idNumber,
        department: text(row, 'department'),
        publicLawScore: scores.publicLawScore,
        specialisedScore: scores.specialisedScore,
        absent,
      });
    }
  }
  return { ...sheet.head(), candidates, issues: sheet.issues, counts: sheet.counts(candidates.length) };
}
