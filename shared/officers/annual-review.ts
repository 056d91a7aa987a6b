// Yearly certificate review (证件年审), held in Q1 for the previous year. For every live certificate the
// rules propose pass / fail (收回注销) / suspend (暂扣) / needs explanation, with ALL applicable reasons;
// staff confirm or override each proposal with a reason. domain.md §3.
import { comparePinyin } from '../util/pinyin-sort';
import { z } from 'zod';
import { addDays, addYears, daysBetween } from './dates';
import { normaliseIdNumber } from './id-card';
import { normaliseCertificateNo } from './officer-checks';
import {
  changeStatus,
  effectiveExpiry,
  isFormalStaff,
  type Officer,
  type OfficerStatus,
  type StatusChange,
} from './officer-model';

export const REVIEW_REASON_CODES = [
  'not-in-post',
  'sanction-disciplinary',
  'sanction-criminal',
  'under-investigation',
  'expired',
  'exam-not-passed',
  'training-short',
  'non-formal-staff',
  'failed-case-file',
  'no-enforcement-act',
  'certificate-lent',
  'certificate-altered',
] as const;
export type ReviewReasonCode = (typeof REVIEW_REASON_CODES)[number];

export const REVIEW_REASON_LABELS: Record<ReviewReasonCode | 'expiring', string> = {
  'not-in-post': '已不在执法岗位',
  'sanction-disciplinary': '受到纪律处分',
  'sanction-criminal': '受到刑事处罚',
  'under-investigation': '正在被立案调查',
  expired: '证件已过有效期',
  'exam-not-passed': '考试未通过',
  'training-short': '法律知识培训学时不足',
  'non-formal-staff': '非正式在编人员持证',
  'failed-case-file': '承办案卷评查不合格',
  'no-enforcement-act': '连续两年无执法行为',
  'certificate-lent': '出借执法证件',
  'certificate-altered': '涂改执法证件',
  expiring: '证件即将到期',
};

export const REVIEW_OUTCOMES = ['pass', 'fail', 'suspend', 'explain'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

export const REVIEW_OUTCOME_LABELS: Record<ReviewOutcome, string> = {
  pass: '通过',
  fail: '不通过（收回注销）',
  suspend: '暂扣',
  explain: '需书面说明',
};

/**
 * What confirming an outcome does to the certificate, said before it is confirmed (the confirmation
 * names the consequence and how it can be undone).
 */
export function decisionConsequence(outcome: ReviewOutcome): { text: string; changesStatus: boolean } {
  const undo = '年审通知定稿印发前可以撤回（须写明理由），印发后不能撤回。';
  switch (outcome) {
    case 'fail':
      return {
        text: `证件状态将改为“注销”（收回执法证），持证人不能再从事执法活动；${undo}`,
        changesStatus: true,
      };
    case 'suspend':
      return { text: `证件状态将改为“暂扣”，暂扣期间不能从事执法活动；${undo}`, changesStatus: true };
    case 'explain':
      return { text: `证件状态不变，持证人须作书面说明；${undo}`, changesStatus: false };
    case 'pass':
      return { text: `证件状态不变，计入年审通过名单；${undo}`, changesStatus: false };
  }
}

/** What a reason does: decide the outcome, only be noted ('warn'), or be ignored ('off'). */
export const reasonEffectSchema = z.enum(['fail', 'suspend', 'explain', 'warn', 'off']);
export type ReasonEffect = z.infer<typeof reasonEffectSchema>;

const effect = (d: ReasonEffect) => reasonEffectSchema.default(d);

/** Review rules and thresholds: a setting edited by the office; defaults follow the published grounds. */
export const reviewRulesSchema = z.object({
  effects: z
    .object({
      'not-in-post': effect('fail'),
      'sanction-disciplinary': effect('fail'),
      'sanction-criminal': effect('fail'),
      // Suspended while the investigation is open; decided when it closes.
      'under-investigation': effect('suspend'),
      expired: effect('fail'),
      'exam-not-passed': effect('fail'),
      'training-short': effect('fail'),
      'non-formal-staff': effect('fail'),
      // One province fails the review on this; others only note it: set to 'warn' there.
      'failed-case-file': effect('fail'),
      'no-enforcement-act': effect('explain'),
      'certificate-lent': effect('fail'),
      'certificate-altered': effect('fail'),
    })
    .prefault({}),
  /** Yearly legal-training hours required (local practice; 40 is a common figure). */
  requiredTrainingHours: z.number().min(0).max(1000).default(40),
  /** Certificates expiring within this many days of the review date get a note. */
  expiryWarningDays: z.number().int().min(0).max(3650).default(90),
  /** Validity used when a certificate has an issue date but no expiry date. */
  validityYears: z.number().int().min(1).max(20).default(5),
  /** "No enforcement act for N years" window. */
  inactivityYears: z.number().int().min(1).max(10).default(2),
  /** Grade of a case file that counts against its handling officers. */
  failingCaseGrade: z.string().min(1).default('不合格'),
});
export type ReviewRules = z.infer<typeof reviewRulesSchema>;
export type ReviewRulesInput = z.input<typeof reviewRulesSchema>;
export const DEFAULT_REVIEW_RULES: ReviewRules = reviewRulesSchema.parse({});

/** A case file's grade with its handling officers (承办人), from a review campaign. */
export interface CaseFileGradeRef {
  /** Certificate number(s) of the handling officer(s); several may be joined by 、 , ; / */
  certNo?: string;
  /** Handling officer name(s), joined the same way. */
  officerName: string;
  department: string;
  grade: string;
  caseNo?: string;
  campaign?: string;
}

/** An enforcement act found in a ledger (e.g. a closed case) attributed to an officer. */
export interface EnforcementActRef {
  certNo?: string;
  officerName?: string;
  department?: string;
  /** ISO date of the act. */
  date: string;
}

export interface ReviewContext {
  /** The review year (the year under review, not the year the review is held). */
  year: number;
  /** ISO date the review is held; expiry and open investigations are judged on it. Default: 1 Jan of year+1. */
  reviewDate?: string;
  /** Training hours in the review year per officer id (yearlyTrainingHours). Absent: rule not evaluated. */
  trainingHours?: ReadonlyMap<string, number>;
  /** Exam result per normalised ID number (true = passed). Absent: rule not evaluated. */
  examPassed?: ReadonlyMap<string, boolean>;
  /** Case-file grades of the review year's campaign(s). Absent: rule not evaluated. */
  caseFileGrades?: readonly CaseFileGradeRef[];
  /** Enforcement acts from ledgers, added to each officer's lastEnforcementActDate. */
  enforcementActs?: readonly EnforcementActRef[];
  /**
   * The first day the ledgers cover (default: the earliest act). Ledgers that do not cover the whole
   * inactivity window cannot show that someone had no act in it: the rule then ignores them.
   */
  enforcementActsFrom?: string;
}

export interface ReviewReason {
  code: ReviewReasonCode | 'expiring';
  effect: ReasonEffect;
  label: string;
  /** Specific Chinese sentence: dates, hours, case numbers. */
  message: string;
}

export interface ReviewProposal {
  officerId: string;
  name: string;
  department: string;
  certificateNo: string;
  year: number;
  outcome: ReviewOutcome;
  /** Reasons that decide the outcome (effect fail / suspend / explain), all of them. */
  reasons: ReviewReason[];
  /** Noted but not deciding (effect 'warn', expiring soon). */
  notes: ReviewReason[];
}

export interface NotEvaluated {
  code: ReviewReasonCode;
  message: string;
}

const SPLIT_NAMES = /[、,，;；/\s]+/;

function key(name: string, department: string): string {
  return `${name.normalize('NFKC').replace(/\s+/g, '')}\u0000${department.normalize('NFKC').replace(/\s+/g, '')}`;
}

function splitList(text: string | undefined): string[] {
  return (text ?? '')
    .split(SPLIT_NAMES)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function push<K, V>(map: Map<K, V[]>, k: K, v: V): void {
  const list = map.get(k);
  if (list) list.push(v);
  else map.set(k, [v]);
}

/** Indexes built once per run so each officer is checked in O(own data). */
export interface ReviewIndex {
  failedByCert: Map<string, CaseFileGradeRef[]>;
  failedByName: Map<string, CaseFileGradeRef[]>;
  lastActByCert: Map<string, string>;
  lastActByName: Map<string, string>;
  /** The first day the ledger acts cover (null: no acts). */
  actsFrom: string | null;
}

/** The first day of the inactivity window of a review year (连续 N 年 up to 31 December). */
export function inactivityWindowStart(year: number, rules: ReviewRules = DEFAULT_REVIEW_RULES): string {
  return addDays(addYears(`${year}-12-31`, -rules.inactivityYears), 1);
}

/** Ledger acts prove inactivity only when they cover the whole window. */
function actsCoverWindow(index: ReviewIndex, context: ReviewContext, rules: ReviewRules): boolean {
  const from = context.enforcementActsFrom ?? index.actsFrom;
  return from !== null && from <= inactivityWindowStart(context.year, rules);
}

export function buildReviewIndex(
  officers: readonly Officer[],
  context: ReviewContext,
  rules: ReviewRules,
): ReviewIndex {
  const knownCerts = new Set<string>();
  for (const o of officers) if (o.certificateNo) knownCerts.add(normaliseCertificateNo(o.certificateNo));
  const failedByCert = new Map<string, CaseFileGradeRef[]>();
  const failedByName = new Map<string, CaseFileGradeRef[]>();
  for (const g of context.caseFileGrades ?? []) {
    if (g.grade.trim() !== rules.failingCaseGrade) continue;
    // A certificate number we know is the reliable link; names are the fallback for ledgers without one.
    const certs = splitList(g.certNo)
      .map(normaliseCertificateNo)
      .filter((c) => knownCerts.has(c));
    if (certs.length > 0) for (const c of new Set(certs)) push(failedByCert, c, g);
    else for (const n of new Set(splitList(g.officerName))) push(failedByName, key(n, g.department), g);
  }
  const lastActByCert = new Map<string, string>();
  const lastActByName = new Map<string, string>();
  const later = (m: Map<string, string>, k: string, d: string): void => {
    const cur = m.get(k);
    if (cur === undefined || d > cur) m.set(k, d);
  };
  let actsFrom: string | null = null;
  for (const a of context.enforcementActs ?? []) {
    if (actsFrom === null || a.date < actsFrom) actsFrom = a.date;
    const certs = splitList(a.certNo)
      .map(normaliseCertificateNo)
      .filter((c) => knownCerts.has(c));
    if (certs.length > 0) for (const c of certs) later(lastActByCert, c, a.date);
    else if (a.department)
      for (const n of splitList(a.officerName)) later(lastActByName, key(n, a.department), a.date);
  }
  return { failedByCert, failedByName, lastActByCert, lastActByName, actsFrom };
}

function defaultReviewDate(year: number): string {
  return `${year + 1}-01-01`;
}

/** Propose the outcome for one officer's certificate. Pass an index when reviewing many officers. */
export function reviewCertificate(
  officer: Officer,
  context: ReviewContext,
  rules: ReviewRules = DEFAULT_REVIEW_RULES,
  index: ReviewIndex = buildReviewIndex([officer], context, rules),
): ReviewProposal {
  const year = context.year;
  const yearStart = `${year}-01-01`;
  const yearEnd = `${year}-12-31`;
  const reviewDate = context.reviewDate ?? defaultReviewDate(year);
  const found: ReviewReason[] = [];
  const add = (code: ReviewReasonCode | 'expiring', message: string): void => {
    const e: ReasonEffect = code === 'expiring' ? 'warn' : rules.effects[code];
    if (e !== 'off') found.push({ code, effect: e, label: REVIEW_REASON_LABELS[code], message });
  };
  const cert = normaliseCertificateNo(officer.certificateNo);
  const nameKey = key(officer.name, officer.department);

  if (!officer.inEnforcementPost) add('not-in-post', `${officer.name}已调离执法岗位，不再从事行政执法工作`);
  for (const s of officer.sanctions) {
    if (s.kind === '刑事处罚' && s.date <= reviewDate) {
      add('sanction-criminal', `${s.date}受到刑事处罚${s.note ? `（${s.note}）` : ''}`);
    } else if (s.kind === '纪律处分' && s.date >= yearStart && s.date <= reviewDate) {
      add('sanction-disciplinary', `${s.date}受到纪律处分${s.note ? `（${s.note}）` : ''}`);
    } else if (s.kind === '立案调查' && s.date <= reviewDate && (!s.endDate || s.endDate > reviewDate)) {
      add('under-investigation', `自${s.date}起被立案调查，尚未结案${s.note ? `（${s.note}）` : ''}`);
    }
  }
  const expiry = effectiveExpiry(officer, {
    validityYears: rules.validityYears,
    expiryWarningDays: rules.expiryWarningDays,
  });
  if (expiry !== null) {
    if (expiry < reviewDate) add('expired', `证件有效期至 ${expiry}，年审时（${reviewDate}）已过期`);
    else {
      const left = daysBetween(reviewDate, expiry);
      if (left <= rules.expiryWarningDays)
        add('expiring', `证件将于 ${expiry} 到期（年审日后${left}天），请安排换证`);
    }
  }
  if (context.examPassed) {
    const passed = context.examPassed.get(normaliseIdNumber(officer.idNumber));
    if (passed === false) add('exam-not-passed', `${year}年度考试未通过`);
  }
  if (context.trainingHours) {
    const hours = Math.round((context.trainingHours.get(officer.id) ?? 0) * 100) / 100;
    if (hours < rules.requiredTrainingHours) {
      add(
        'training-short',
        `${year}年参加法律知识培训${hours}学时，少于规定的${rules.requiredTrainingHours}学时`,
      );
    }
  }
  if (!isFormalStaff(officer.employmentType)) {
    add('non-formal-staff', `人员性质为“${officer.employmentType}”，只有正式在编人员可以持有执法证`);
  }
  if (context.caseFileGrades) {
    const hits = new Set<CaseFileGradeRef>([
      ...(cert ? (index.failedByCert.get(cert) ?? []) : []),
      ...(index.failedByName.get(nameKey) ?? []),
    ]);
    if (hits.size > 0) {
      const list = [...hits]
        .map((g) => `${g.campaign ? `${g.campaign} ` : ''}${g.caseNo ?? '（无案号）'}`)
        .join('、');
      add(
        'failed-case-file',
        `作为承办人办理的${hits.size}件案卷在${year}年度评查中被评为${rules.failingCaseGrade}：${list}`,
      );
    }
  }
  // No enforcement act in the window: only when we know anything about acts, and only for certificates
  // held for the whole window (a new officer cannot have two years of acts).
  // Ledgers shorter than the window (one year of ledgers for 连续两年) say nothing of inactivity.
  const ledgerActs = context.enforcementActs !== undefined && actsCoverWindow(index, context, rules);
  const knowsActs = ledgerActs || officer.lastEnforcementActDate !== undefined;
  const windowStart = inactivityWindowStart(year, rules);
  if (knowsActs && (officer.issueDate === null || officer.issueDate <= windowStart)) {
    let last = officer.lastEnforcementActDate ?? null;
    // An act found in the ledgers always counts (it can only clear someone).
    for (const d of [cert ? index.lastActByCert.get(cert) : undefined, index.lastActByName.get(nameKey)]) {
      if (d !== undefined && (last === null || d > last)) last = d;
    }
    if (last === null || last < windowStart) {
      add(
        'no-enforcement-act',
        last === null
          ? `${windowStart}至${yearEnd}无执法记录，需所在部门书面说明`
          : `最近一次执法行为在 ${last}，${windowStart}至${yearEnd}连续${rules.inactivityYears}年无执法记录，需所在部门书面说明`,
      );
    }
  }
  for (const issue of officer.certificateIssues) {
    if (issue.date < yearStart || issue.date > reviewDate) continue;
    add(
      issue.kind === '出借' ? 'certificate-lent' : 'certificate-altered',
      `${issue.date}发现${issue.kind}执法证件${issue.note ? `（${issue.note}）` : ''}`,
    );
  }

  const reasons = found.filter(
    (r) => r.effect === 'fail' || r.effect === 'suspend' || r.effect === 'explain',
  );
  const notes = found.filter((r) => r.effect === 'warn');
  const outcome: ReviewOutcome = reasons.some((r) => r.effect === 'fail')
    ? 'fail'
    : reasons.some((r) => r.effect === 'suspend')
      ? 'suspend'
      : reasons.length > 0
        ? 'explain'
        : 'pass';
  return {
    officerId: officer.id,
    name: officer.name,
    department: officer.department,
    certificateNo: officer.certificateNo,
    year,
    outcome,
    reasons,
    notes,
  };
}

export interface DepartmentReviewStats {
  department: string;
  reviewed: number;
  passed: number;
  failed: number;
  suspended: number;
  needsExplanation: number;
}

export interface ReviewStatistics extends Omit<DepartmentReviewStats, 'department'> {
  /** Proposals whose final decision differs from the rules' proposal. */
  overridden: number;
  /** Proposals without a decision yet (when decisions are given). */
  undecided: number;
  byDepartment: DepartmentReviewStats[];
  /** How many certificates each reason applies to. */
  byReason: Record<ReviewReasonCode, number>;
}

export interface AnnualReviewResult {
  year: number;
  reviewDate: string;
  proposals: ReviewProposal[];
  /** Officers not reviewed, with the Chinese reason (revoked, no certificate, issued after the year). */
  skipped: { officerId: string; name: string; reason: string }[];
  /** Rules that could not be applied for lack of data, so nobody should read "no problem" into them. */
  notEvaluated: NotEvaluated[];
  stats: ReviewStatistics;
}

/** Review every live certificate. Linear in officers + context size. */
export function runAnnualReview(
  officers: readonly Officer[],
  context: ReviewContext,
  rulesInput: ReviewRulesInput | ReviewRules = DEFAULT_REVIEW_RULES,
): AnnualReviewResult {
  const rules = reviewRulesSchema.parse(rulesInput);
  const index = buildReviewIndex(officers, context, rules);
  const yearEnd = `${context.year}-12-31`;
  const proposals: ReviewProposal[] = [];
  const skipped: AnnualReviewResult['skipped'] = [];
  for (const o of officers) {
    if (o.certificateNo.trim() === '')
      skipped.push({ officerId: o.id, name: o.name, reason: '未持有执法证' });
    else if (o.status === '注销') skipped.push({ officerId: o.id, name: o.name, reason: '证件已注销' });
    else if (o.issueDate !== null && o.issueDate > yearEnd) {
      skipped.push({
        officerId: o.id,
        name: o.name,
        reason: `证件于 ${o.issueDate} 发放，不参加${context.year}年度年审`,
      });
    } else proposals.push(reviewCertificate(o, context, rules, index));
  }
  const notEvaluated: NotEvaluated[] = [];
  const skip = (code: ReviewReasonCode, message: string): void => {
    if (rules.effects[code] !== 'off') notEvaluated.push({ code, message });
  };
  if (!context.trainingHours) skip('training-short', '未提供培训学时数据，未核查培训学时');
  if (!context.examPassed) skip('exam-not-passed', '未提供考试成绩数据，未核查考试情况');
  if (!context.caseFileGrades) skip('failed-case-file', '未关联案卷评查结果，未核查承办案卷是否不合格');
  const anyRegistryDate = officers.some((o) => o.lastEnforcementActDate !== undefined);
  if (!context.enforcementActs && !anyRegistryDate) {
    skip('no-enforcement-act', '未提供执法台账或最近执法日期，未核查连续两年无执法行为');
  } else if (context.enforcementActs && !actsCoverWindow(index, context, rules)) {
    const from = context.enforcementActsFrom ?? index.actsFrom;
    skip(
      'no-enforcement-act',
      `连续${rules.inactivityYears}年无执法行为需要 ${inactivityWindowStart(context.year, rules)} 至 ${context.year}-12-31 的执法台账；现有台账${from ? `只从 ${from} 起` : '没有执法记录'}，不足${rules.inactivityYears}年，未据台账核查（名册中填有最近执法日期的人员仍按该日期核查）`,
    );
  }
  return {
    year: context.year,
    reviewDate: context.reviewDate ?? defaultReviewDate(context.year),
    proposals,
    skipped,
    notEvaluated,
    stats: reviewStatistics(proposals),
  };
}

export interface ReviewDecision {
  officerId: string;
  year: number;
  proposed: ReviewOutcome;
  decided: ReviewOutcome;
  /** Reason codes of the proposal, kept with the decision for the record. */
  reasonCodes: (ReviewReasonCode | 'expiring')[];
  /** Staff's reason; required when the decision differs from the proposal. */
  reason: string;
  by: string;
  at: string;
  overridden: boolean;
}

/** Record staff's decision on a proposal. Overriding the rules needs a written reason (Chinese errors). */
export function applyDecision(
  proposal: ReviewProposal,
  decision: ReviewOutcome,
  reason: string,
  by: string,
  at: string = new Date().toISOString(),
): ReviewDecision {
  if (!REVIEW_OUTCOMES.includes(decision)) throw new Error(`未知的年审结论“${String(decision)}”`);
  if (by.trim() === '') throw new Error('年审结论必须填写审核人');
  const overridden = decision !== proposal.outcome;
  if (overridden && reason.trim() === '') {
    throw new Error(
      `${proposal.name}的年审建议为“${REVIEW_OUTCOME_LABELS[proposal.outcome]}”，改为“${REVIEW_OUTCOME_LABELS[decision]}”必须填写理由`,
    );
  }
  return {
    officerId: proposal.officerId,
    year: proposal.year,
    proposed: proposal.outcome,
    decided: decision,
    reasonCodes: [...proposal.reasons, ...proposal.notes].map((r) => r.code),
    reason: reason.trim(),
    by: by.trim(),
    at,
    overridden,
  };
}

/** Confirm every proposal that passes with no reasons and no notes; the rest need a person to look. */
export function batchConfirmClean(
  proposals: readonly ReviewProposal[],
  by: string,
  at: string = new Date().toISOString(),
): { decisions: ReviewDecision[]; needsAttention: ReviewProposal[] } {
  const decisions: ReviewDecision[] = [];
  const needsAttention: ReviewProposal[] = [];
  for (const p of proposals) {
    if (p.outcome === 'pass' && p.reasons.length === 0 && p.notes.length === 0) {
      decisions.push(applyDecision(p, 'pass', '无异常，批量确认通过', by, at));
    } else needsAttention.push(p);
  }
  return { decisions, needsAttention };
}

/** Counts by final outcome (decision when given, else the proposal), in total and by department. */
export function reviewStatistics(
  proposals: readonly ReviewProposal[],
  decisions?: ReadonlyMap<string, ReviewDecision>,
): ReviewStatistics {
  const blank = (): Omit<DepartmentReviewStats, 'department'> => ({
    reviewed: 0,
    passed: 0,
    failed: 0,
    suspended: 0,
    needsExplanation: 0,
  });
  const total = blank();
  const byDept = new Map<string, Omit<DepartmentReviewStats, 'department'>>();
  const byReason = Object.fromEntries(REVIEW_REASON_CODES.map((c) => [c, 0])) as Record<
    ReviewReasonCode,
    number
  >;
  let overridden = 0;
  let undecided = 0;
  for (const p of proposals) {
    const d = decisions?.get(p.officerId);
    if (decisions && !d) undecided++;
    if (d?.overridden) overridden++;
    const outcome = d?.decided ?? p.outcome;
    let dept = byDept.get(p.department);
    if (!dept) byDept.set(p.department, (dept = blank()));
    for (const s of [total, dept]) {
      s.reviewed++;
      if (outcome === 'pass') s.passed++;
      else if (outcome === 'fail') s.failed++;
      else if (outcome === 'suspend') s.suspended++;
      else s.needsExplanation++;
    }
    for (const r of p.reasons) if (r.code !== 'expiring') byReason[r.code]++;
  }
  return {
    ...total,
    overridden,
    undecided,
    byDepartment: [...byDept.entries()]
      .map(([department, s]) => ({ department, ...s }))
      .sort((a, b) => comparePinyin(a.department, b.department)),
    byReason,
  };
}

/** The certificate status a confirmed decision leads to (null: unchanged). */
export function statusAfterDecision(decided: ReviewOutcome): OfficerStatus | null {
  return decided === 'fail' ? '注销' : decided === 'suspend' ? '暂扣' : null;
}

/** Apply a confirmed decision to the officer's certificate status, with the history entry. */
export function applyDecisionToOfficer(officer: Officer, decision: ReviewDecision): Officer {
  const to = statusAfterDecision(decision.decided);
  if (to === null || officer.status === to || officer.status === '注销') return officer;
  const why =
    `${decision.year}年度年审${REVIEW_OUTCOME_LABELS[decision.decided]}` +
    (decision.reasonCodes.length > 0
      ? `：${decision.reasonCodes.map((c) => REVIEW_REASON_LABELS[c]).join('、')}`
      : '') +
    (decision.reason ? `（${decision.reason}）` : '');
  return changeStatus(officer, to, why, decision.by, decision.at);
}

/**
 * Why a confirmed decision cannot be withdrawn (撤回年审结论), or null: a reason and the person are
 * required, and the year's 年审通知 must not have been issued (numbered) yet.
 */
export function decisionWithdrawalProblem(input: {
  name: string;
  year: number;
  reason: string;
  by: string;
  noticeNumber: string | null;
}): string | null {
  if (input.reason.trim() === '') return `撤回${input.name}的${input.year}年度年审结论必须填写理由`;
  if (input.by.trim() === '') return '撤回年审结论必须填写经办人';
  if (input.noticeNumber)
    return `${input.year}年度年审通知已定稿印发（${input.noticeNumber}），年审结论不能再撤回；如确需更正，请先作废该通知的文号`;
  return null;
}

/**
 * The certificate after a decision is withdrawn: back to the status the decision changed it from,
 * with a history entry naming the reason. A status changed since by anything else is left alone
 * (restored: false).
 */
export function withdrawDecisionFromOfficer(
  officer: Officer,
  decision: ReviewDecision,
  withdrawal: { reason: string; by: string; at: string },
): { officer: Officer; restored: boolean } {
  const to = statusAfterDecision(decision.decided);
  const last = officer.statusHistory.at(-1);
  // Only the change this decision made is undone, and only while it is still the latest one.
  if (to === null || !last || last.to !== to || last.at !== decision.at || officer.status !== to)
    return { officer, restored: false };
  const before = last.from;
  if (before === null) return { officer, restored: false };
  const entry: StatusChange = {
    at: withdrawal.at,
    from: officer.status,
    to: before,
    reason: `撤回${decision.year}年度年审结论“${REVIEW_OUTCOME_LABELS[decision.decided]}”：${withdrawal.reason.trim()}`,
    by: withdrawal.by.trim(),
  };
  return {
    officer: { ...officer, status: before, statusHistory: [...officer.statusHistory, entry] },
    restored: true,
  };
}

/** Exam results as the review needs them: any passing sitting counts for that person. */
export function examPassIndex(
  results: readonly { idNumber: string; passed: boolean }[],
): Map<string, boolean> {
  const m = new Map<string, boolean>();
  for (const r of results) {
    const k = normaliseIdNumber(r.idNumber);
    if (k) m.set(k, (m.get(k) ?? false) || r.passed);
  }
  return m;
}
