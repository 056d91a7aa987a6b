// The rule engine: every enabled rule of a pack over every ledger row. A rule that lacks a field it needs
// never flags; the row is counted as “cannot check” for that rule with the reason. A flag is a lead with its
// arithmetic, never a finding: the reviewer confirms or dismisses it on the score sheet.

import { formatFenAmount } from '../util/number-format';
import type { Rule, RuleCheck, RulePack } from './rule-pack';
import { RULE_FIELD_LABELS, type DateField, type RuleField, type RuleRow } from './rule-fields';
import {
  addWorkingDaysNumber,
  isoDayNumber,
  isoFromDayNumber,
  isWorkingDayNumber,
  unknownYearMessage,
  workingDaysBetweenNumbers,
} from './working-days';
import { certificateProblemOn, splitCertificateNos, type CertificateRegistry } from './certificate-registry';

export interface RuleFlag {
  ruleId: string;
  itemId: string;
  caseNo: string;
  department: string;
  caseType: string;
  sourceRow: number;
  /** The arithmetic, in Chinese ('立案2024-03-02，决定2024-07-20，共140日，超过90日期限50日；未见延期批准记录'). */
  sentence: string;
}

export type RuleOutcome =
  | { kind: 'flag'; sentence: string }
  | { kind: 'ok' }
  | { kind: 'not-applicable' }
  | { kind: 'cannot-check'; reason: string };

export interface RuleTally {
  ruleId: string;
  /** Rows the rule applies to (case type, sector, in force). */
  applicable: number;
  flagged: number;
  cannotCheck: number;
  /** Reason -> rows, e.g. '台账无“决定日期”列' -> 5494. */
  cannotCheckReasons: Record<string, number>;
  /** Department -> flagged rows. */
  flaggedByDepartment: Record<string, number>;
}

export interface CheckContext {
  /** The officer registry; the certificate rules other than 'missing' cannot check without one. */
  registry?: CertificateRegistry;
}

const UNIT_WORD = { calendar: '日', working: '个工作日' } as const;

// Outcomes without content are shared (the census asks millions of times): no allocation per row.
const OK: RuleOutcome = Object.freeze({ kind: 'ok' });
const NOT_APPLICABLE: RuleOutcome = Object.freeze({ kind: 'not-applicable' });
const cannotCache = new Map<string, RuleOutcome>();
/** A “cannot check” outcome, one object per reason text. */
function cannot(reason: string): RuleOutcome {
  let o = cannotCache.get(reason);
  if (!o) cannotCache.set(reason, (o = Object.freeze({ kind: 'cannot-check', reason })));
  return o;
}

const NO_COLUMN = Object.fromEntries(
  Object.entries(RULE_FIELD_LABELS).map(([f, label]) => [f, `台账无“${label}”列`]),
) as Record<RuleField, string>;
const EMPTY = Object.fromEntries(
  Object.entries(RULE_FIELD_LABELS).map(([f, label]) => [f, `${label}为空`]),
) as Record<RuleField, string>;
const UNREADABLE = Object.fromEntries(
  Object.entries(RULE_FIELD_LABELS).map(([f, label]) => [f, `${label}无法识别`]),
) as Record<RuleField, string>;

function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (k in vars ? String(vars[k]) : `{${k}}`));
}

const CASE_DATE_ORDER: DateField[] = ['filedDate', 'decisionDate', 'closedDate'];

/** The date a rule's in-force window is judged by: 立案, else 决定, else 结案 (worked out once per row). */
function caseDay(row: RuleRow): number | null {
  if (row.caseDay !== undefined) return row.caseDay;
  let day: number | null = null;
  for (const f of CASE_DATE_ORDER) {
    const d = row.dates[f];
    if (typeof d === 'number' && !Number.isNaN(d)) {
      day = d;
      break;
    }
  }
  return (row.caseDay = day);
}

interface CompiledScope {
  types: Set<string> | null;
  from: number | null;
  to: number | null;
  /** Department -> whether the rule's department keywords admit it (a ledger has few departments). */
  departments: Map<string, boolean>;
}
const scopes = new WeakMap<Rule, CompiledScope>();

/** A rule's case types and in-force days, worked out once per rule (the census asks for every row). */
function scopeOf(rule: Rule): CompiledScope {
  let c = scopes.get(rule);
  if (!c) {
    c = {
      types: rule.caseTypes.length > 0 ? new Set(rule.caseTypes) : null,
      from: isoDayNumber(rule.citation.inForceFrom),
      to: rule.citation.inForceTo === null ? null : isoDayNumber(rule.citation.inForceTo),
      departments: new Map(),
    };
    scopes.set(rule, c);
  }
  return c;
}

function departmentAdmitted(rule: Rule, department: string): boolean {
  if (rule.departmentKeywords.length > 0 && !rule.departmentKeywords.some((k) => department.includes(k)))
    return false;
  for (const k of rule.excludeDepartmentKeywords) if (department.includes(k)) return false;
  return true;
}

function inScope(rule: Rule, row: RuleRow): boolean {
  if (!rule.enabled) return false;
  const scope = scopeOf(rule);
  if (scope.types && !scope.types.has(row.caseType)) return false;
  let admitted = scope.departments.get(row.department);
  if (admitted === undefined) {
    admitted = departmentAdmitted(rule, row.department);
    if (scope.departments.size < 10_000) scope.departments.set(row.department, admitted);
  }
  if (!admitted) return false;
  const day = caseDay(row);
  if (day !== null) {
    if (scope.from !== null && day < scope.from) return false;
    if (scope.to !== null && day > scope.to) return false;
  }
  return true;
}

type DatePick = { ok: true; day: number; field: DateField; header: string } | { ok: false; reason: string };

/** The first of `fields` the row has a column for; its cell must hold a readable date. */
function pickDate(row: RuleRow, fields: readonly DateField[]): DatePick {
  for (let k = 0; k < fields.length; k++) {
    const f = fields[k]!;
    const v = row.dates[f];
    if (v === undefined) continue;
    if (v === null) {
      // an empty decision date falls back to the next field the row has (结案日期)
      let later = false;
      for (let j = k + 1; j < fields.length; j++) if (row.dates[fields[j]!] != null) later = true;
      if (later) continue;
      return { ok: false, reason: EMPTY[f] };
    }
    if (Number.isNaN(v)) return { ok: false, reason: UNREADABLE[f] };
    return { ok: true, day: v, field: f, header: row.dateHeaders[f] ?? RULE_FIELD_LABELS[f] };
  }
  return { ok: false, reason: NO_COLUMN[fields[0]!] };
}

const SHORT_LABEL: Record<DateField, string> = {
  filedDate: '立案',
  decisionDate: '决定',
  closedDate: '结案',
  noticeDate: '告知',
  hearingRequestDate: '申请听证',
  hearingNoticeDate: '听证通知',
  hearingDate: '听证',
  deliveryDate: '送达',
  measureStartDate: '查封扣押',
  measureEndDate: '解除',
};

function sourceNote(
  row: RuleRow,
  pick: { field: DateField; header: string },
  fields: readonly DateField[],
): string {
  // say which column was used: the first choice's own header, or why the next one was used (决定 by 结案日期)
  const first = fields[0]!;
  if (pick.field === first) return fields.length > 1 ? `（取自“${pick.header}”列）` : '';
  const why =
    row.dates[first] === undefined ? `台账无${RULE_FIELD_LABELS[first]}` : `${RULE_FIELD_LABELS[first]}为空`;
  return `（${why}，按“${pick.header}”计）`;
}

function extensionApproved(text: string | undefined): boolean {
  if (text === undefined) return false;
  const t = text.trim();
  if (t === '' || /^(否|无|未|没有|不|N|NO|FALSE|0)/i.test(t)) return false;
  return true;
}

function textOf(row: RuleRow, field: RuleField): string | undefined {
  switch (field) {
    case 'procedure':
    case 'extension':
    case 'partyKind':
    case 'party':
    case 'officer':
    case 'certNo':
      return row.text[field];
    default:
      return undefined;
  }
}

/** Whether a non-date field the rule needs is there; the reason when it is not. */
function missingNeed(rule: Rule, row: RuleRow): string | null {
  for (const f of rule.needs) {
    if (f === 'amount') {
      if (row.amountFen === undefined) return NO_COLUMN.amount;
      if (row.amountFen === null) return EMPTY.amount;
    } else if (f === 'procedure' || f === 'party' || f === 'officer' || f === 'certNo') {
      const t = textOf(row, f);
      if (t === undefined) return NO_COLUMN[f];
      if (t.trim() === '' && !(rule.check.kind === 'certificate' && rule.check.problem === 'missing'))
        return EMPTY[f];
    }
  }
  return null;
}

/** Names in one 承办人 cell ('张三、李四', '张三 李四', '张三,李四'). */
export function splitOfficerNames(cell: string): string[] {
  const names = cell
    .split(/[、，,；;／/\s]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return [...new Set(names)];
}

/**
 * A cell's split, remembered: a ledger repeats the same 承办人 and 执法证号 cells over thousands of rows, and
 * splitting (NFKC, regexes) costs more than a lookup. Bounded, so a ledger of all-different cells cannot grow it.
 */
function memoised(split: (cell: string) => string[]): (cell: string) => readonly string[] {
  const memo = new Map<string, readonly string[]>();
  return (cell) => {
    let out = memo.get(cell);
    if (out === undefined) {
      if (memo.size >= 50_000) memo.clear();
      memo.set(cell, (out = split(cell)));
    }
    return out;
  };
}
const officerNamesOf = memoised(splitOfficerNames);
const certificateNosOf = memoised(splitCertificateNos);

/** The end of a calendar period: 期间届满的最后一日是法定节假日的，以节假日后的第一日为期间届满的日期. */
function calendarDeadline(
  fromDay: number,
  days: number,
): { ok: true; day: number } | { ok: false; reason: string } {
  let day = fromDay + days;
  for (;;) {
    const w = isWorkingDayNumber(day);
    if (w === null) return { ok: false, reason: unknownYearMessage(isoFromDayNumber(day)) };
    if (w) return { ok: true, day };
    day += 1;
  }
}

function evaluatePeriod(
  rule: Rule,
  check: Extract<RuleCheck, { kind: 'period' }>,
  row: RuleRow,
): RuleOutcome {
  const from = pickDate(row, check.from);
  if (!from.ok) return cannot(from.reason);
  const to = pickDate(row, check.to);
  if (!to.ok) return cannot(to.reason);
  const extended = check.extensionDays > 0 && extensionApproved(row.text.extension);
  const excluded = check.excludesRecordedDays && row.excludedDays ? row.excludedDays : 0;
  const limit = check.days + (extended ? check.extensionDays : 0);
  let deadline: number;
  let elapsed: number;
  if (check.unit === 'calendar') {
    elapsed = to.day - from.day;
    if (elapsed <= limit + excluded) return OK;
    const d = calendarDeadline(from.day, limit + excluded);
    if (!d.ok) {
      // the end may move past a holiday; if the decision is within a week of the bare end, the calendar decides
      if (to.day - (from.day + limit + excluded) <= 10) return cannot(d.reason);
      deadline = from.day + limit + excluded;
    } else deadline = d.day;
    if (to.day <= deadline) return OK;
  } else {
    const d = addWorkingDaysNumber(from.day, limit + excluded);
    if (!d.ok) {
      if (to.day <= from.day + limit + excluded) return OK; // within the limit even counted in calendar days
      return cannot(d.message);
    }
    deadline = d.day;
    if (to.day <= deadline) return OK;
    const w = workingDaysBetweenNumbers(from.day, to.day);
    if (w === null) return cannot(unknownYearMessage(isoFromDayNumber(to.day)));
    elapsed = w;
  }
  const over =
    check.unit === 'calendar' ? to.day - deadline : (workingDaysBetweenNumbers(deadline, to.day) ?? 0);
  const extensionText =
    check.extensionDays === 0
      ? ''
      : extended
        ? `；已记录延期批准（延长${check.extensionDays}${UNIT_WORD[check.unit]}）`
        : row.text.extension === undefined
          ? '；台账无延期批准记录列，未计延期'
          : '；未见延期批准记录';
  return {
    kind: 'flag',
    sentence: fill(rule.sentence, {
      fromLabel:
        from.field === 'filedDate' && from.header.includes('受理') ? '受理' : SHORT_LABEL[from.field],
      from: isoFromDayNumber(from.day),
      toLabel: SHORT_LABEL[to.field],
      to: isoFromDayNumber(to.day),
      toSource: sourceNote(row, to, check.to),
      elapsed,
      unitWord: UNIT_WORD[check.unit],
      limit: limit + excluded,
      over,
      deadline: isoFromDayNumber(deadline),
      extension: extensionText,
      excluded: excluded > 0 ? `（含不计入期限的${excluded}日）` : '',
      shift:
        check.unit === 'calendar' && deadline !== from.day + limit + excluded
          ? `（期限末日${isoFromDayNumber(from.day + limit + excluded)}为法定节假日或休息日，顺延至${isoFromDayNumber(deadline)}）`
          : '',
    }),
  };
}

function evaluateWaiting(
  rule: Rule,
  check: Extract<RuleCheck, { kind: 'waiting' }>,
  row: RuleRow,
): RuleOutcome {
  const from = pickDate(row, check.from);
  if (!from.ok) return cannot(from.reason);
  const to = pickDate(row, check.to);
  if (!to.ok) return cannot(to.reason);
  let elapsed: number;
  let deadline: number;
  if (check.unit === 'calendar') {
    elapsed = to.day - from.day;
    deadline = from.day + check.days;
  } else {
    const d = addWorkingDaysNumber(from.day, check.days);
    if (!d.ok) return cannot(d.message);
    deadline = d.day;
    const w = workingDaysBetweenNumbers(from.day, to.day);
    if (w === null) return cannot(unknownYearMessage(isoFromDayNumber(to.day)));
    elapsed = w;
  }
  // afterWindow: `to` must fall after the window's last day; otherwise on or after its `days`-th day
  const tooEarly = check.afterWindow ? to.day <= deadline : to.day < deadline;
  if (!tooEarly) return OK;
  return {
    kind: 'flag',
    sentence: fill(rule.sentence, {
      from: isoFromDayNumber(from.day),
      toLabel: SHORT_LABEL[to.field],
      to: isoFromDayNumber(to.day),
      toSource: sourceNote(row, to, check.to),
      elapsed,
      days: check.days,
      deadline: isoFromDayNumber(deadline),
    }),
  };
}

function evaluateOrder(rule: Rule, check: Extract<RuleCheck, { kind: 'order' }>, row: RuleRow): RuleOutcome {
  const later = pickDate(row, check.later);
  if (!later.ok) return cannot(later.reason);
  const earlier = pickDate(row, check.earlier);
  if (!earlier.ok) return cannot(earlier.reason);
  if (later.day >= earlier.day) return OK;
  return {
    kind: 'flag',
    sentence: fill(rule.sentence, {
      laterLabel: `${later.header}`,
      later: isoFromDayNumber(later.day),
      earlierLabel: `${earlier.header}`,
      earlier: isoFromDayNumber(earlier.day),
      gap: earlier.day - later.day,
    }),
  };
}

/** 公民 or 法人或者其他组织: the ledger's 当事人类型 column when it has one, else the name's suffix. */
export function isOrganisation(
  party: string,
  partyKind: string | undefined,
  suffixes: readonly string[],
): boolean {
  const kind = (partyKind ?? '').trim();
  if (/法人|组织|单位|企业|公司|个体工商户/.test(kind)) return !/个体工商户/.test(kind);
  if (/公民|个人|自然人/.test(kind)) return false;
  const name = party.trim().replace(/[（(][^）)]*[）)]$/, '');
  return suffixes.some((s) => name.endsWith(s));
}

function evaluateOnTheSpot(
  rule: Rule,
  check: Extract<RuleCheck, { kind: 'on-the-spot-amount' }>,
  row: RuleRow,
): RuleOutcome {
  const procedure = row.text.procedure ?? '';
  if (!check.procedureWords.some((w) => procedure.includes(w))) return NOT_APPLICABLE;
  const amount = row.amountFen!;
  const party = row.text.party ?? '';
  const org = isOrganisation(party, row.text.partyKind, check.organisationSuffixes);
  const limit = org ? check.organisationLimitFen : check.citizenLimitFen;
  if (amount <= limit) return OK;
  return {
    kind: 'flag',
    sentence: fill(rule.sentence, {
      procedure,
      party,
      partyKind: org ? '法人或者其他组织' : '公民',
      amount: formatFenAmount(amount),
      limit: formatFenAmount(limit),
    }),
  };
}

function evaluateOfficers(
  rule: Rule,
  check: Extract<RuleCheck, { kind: 'min-officers' }>,
  row: RuleRow,
): RuleOutcome {
  const names = (row.officerNames ??= officerNamesOf(row.text.officer ?? ''));
  if (names.length >= check.min) return OK;
  return {
    kind: 'flag',
    sentence: fill(rule.sentence, { officers: names.join('、'), count: names.length, min: check.min }),
  };
}

function evaluateCertificate(
  rule: Rule,
  check: Extract<RuleCheck, { kind: 'certificate' }>,
  row: RuleRow,
  ctx: CheckContext,
): RuleOutcome {
  const nos = (row.certificateNos ??= certificateNosOf(row.text.certNo ?? ''));
  if (check.problem === 'missing') {
    if (nos.length > 0) return OK;
    return { kind: 'flag', sentence: fill(rule.sentence, { officers: row.text.officer ?? '' }) };
  }
  if (nos.length === 0) return cannot('执法证号为空');
  const registry = ctx.registry;
  if (!registry || registry.size === 0) return cannot('未导入执法人员名录');
  if (check.problem === 'unregistered') {
    const unknown = nos.filter((n) => !registry.has(n));
    if (unknown.length === 0) return OK;
    return { kind: 'flag', sentence: fill(rule.sentence, { certNo: unknown.join('、') }) };
  }
  const problems: string[] = [];
  let checkedAny = false;
  for (const no of nos) {
    const cert = registry.get(no);
    if (!cert) continue;
    for (const f of check.on) {
      const day = row.dates[f];
      if (typeof day !== 'number' || Number.isNaN(day)) continue;
      checkedAny = true;
      const problem = certificateProblemOn(cert, day);
      if (problem !== null) {
        problems.push(
          fill(rule.sentence, {
            certNo: cert.certificateNo,
            name: cert.name,
            dateLabel: SHORT_LABEL[f],
            date: isoFromDayNumber(day),
            problem,
          }),
        );
        break;
      }
    }
  }
  if (problems.length > 0) return { kind: 'flag', sentence: problems.join('；') };
  if (!checkedAny) {
    if (nos.every((n) => !registry.has(n))) return NOT_APPLICABLE; // the unregistered rule says it
    return cannot('立案、决定、结案日期均为空');
  }
  return OK;
}

/** One rule on one row. */
export function evaluateRule(rule: Rule, row: RuleRow, ctx: CheckContext = {}): RuleOutcome {
  if (!inScope(rule, row)) return NOT_APPLICABLE;
  // only 当场/简易 files are concerned: an ordinary-procedure file without an amount is not “cannot check”
  if (rule.check.kind === 'on-the-spot-amount') {
    const procedure = row.text.procedure;
    if (
      procedure !== undefined &&
      procedure.trim() !== '' &&
      !rule.check.procedureWords.some((w) => procedure.includes(w))
    )
      return NOT_APPLICABLE;
  }
  const missing = missingNeed(rule, row);
  if (missing !== null) return cannot(missing);
  const check = rule.check;
  switch (check.kind) {
    case 'period':
      return evaluatePeriod(rule, check, row);
    case 'waiting':
      return evaluateWaiting(rule, check, row);
    case 'order':
      return evaluateOrder(rule, check, row);
    case 'on-the-spot-amount':
      return evaluateOnTheSpot(rule, check, row);
    case 'min-officers':
      return evaluateOfficers(rule, check, row);
    case 'certificate':
      return evaluateCertificate(rule, check, row, ctx);
  }
}

/** Runs a pack over rows, keeping tallies per rule; `onFlag` receives every flag as it is found. */
export class RuleCensus {
  readonly tallies: RuleTally[];
  private readonly rules: Rule[];
  private readonly byCaseType = new Map<string, number[]>();

  constructor(
    pack: RulePack,
    private readonly ctx: CheckContext = {},
  ) {
    this.rules = pack.rules.filter((r) => r.enabled);
    this.tallies = this.rules.map((r) => ({
      ruleId: r.id,
      applicable: 0,
      flagged: 0,
      cannotCheck: 0,
      cannotCheckReasons: {},
      flaggedByDepartment: {},
    }));
  }

  /** The flags of one row (empty when none). */
  check(row: RuleRow): RuleFlag[] {
    const flags: RuleFlag[] = [];
    this.checkInto(row, flags);
    return flags;
  }

  /** The enabled rules that apply to a case type (the others are not applicable to its rows), by index. */
  private rulesFor(caseType: string): readonly number[] {
    let list = this.byCaseType.get(caseType);
    if (!list) {
      list = [];
      for (let i = 0; i < this.rules.length; i++) {
        const types = this.rules[i]!.caseTypes;
        if (types.length === 0 || types.includes(caseType)) list.push(i);
      }
      if (this.byCaseType.size < 1_000) this.byCaseType.set(caseType, list);
    }
    return list;
  }

  /** Appends the flags of one row to `flags` (the census's loop: no array per row). */
  checkInto(row: RuleRow, flags: RuleFlag[]): void {
    const indices = this.rulesFor(row.caseType);
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k]!;
      const rule = this.rules[i]!;
      const out = evaluateRule(rule, row, this.ctx);
      if (out.kind === 'not-applicable') continue;
      const t = this.tallies[i]!;
      t.applicable += 1;
      if (out.kind === 'cannot-check') {
        t.cannotCheck += 1;
        t.cannotCheckReasons[out.reason] = (t.cannotCheckReasons[out.reason] ?? 0) + 1;
      } else if (out.kind === 'flag') {
        t.flagged += 1;
        t.flaggedByDepartment[row.department] = (t.flaggedByDepartment[row.department] ?? 0) + 1;
        flags.push({
          ruleId: rule.id,
          itemId: row.itemId,
          caseNo: row.caseNo,
          department: row.department,
          caseType: row.caseType,
          sourceRow: row.sourceRow,
          sentence: out.sentence,
        });
      }
    }
  }
}
