import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  applyDecision,
  applyDecisionToOfficer,
  batchConfirmClean,
  decisionConsequence,
  decisionWithdrawalProblem,
  DEFAULT_REVIEW_RULES,
  examPassIndex,
  reviewCertificate,
  reviewRulesSchema,
  reviewStatistics,
  runAnnualReview,
  withdrawDecisionFromOfficer,
  type ReviewContext,
  type ReviewDecision,
} from '../../shared/officers/annual-review';
import { idCheckChar } from '../../shared/officers/id-card';
import { generateOfficerDataset, reviewContextFor } from '../../shared/officers/officer-generator';
import { parseOfficer, type OfficerInput } from '../../shared/officers/officer-model';
import { reviewResultsTable, reviewResultsXlsx } from '../../shared/officers/review-export';

const ID = '51060319800101123' + idCheckChar('51060319800101123');
let n = 0;
function officer(over: Partial<OfficerInput> = {}) {
  n++;
  return parseOfficer({
    id: `o${n}`,
    name: `人员${n}`,
    idNumber: ID,
    department: '市市场监督管理局',
    employmentType: '正式在编',
    certificateNo: `5106010000${String(n).padStart(2, '0')}`,
    issueDate: '2021-05-01',
    expiryDate: '2026-04-30',
    lastEnforcementActDate: '2025-06-01',
    ...over,
  });
}
const ctx: ReviewContext = { year: 2025, reviewDate: '2026-01-15' };
const codes = (o: ReturnType<typeof officer>, c: ReviewContext = ctx, rules = DEFAULT_REVIEW_RULES) =>
  reviewCertificate(o, c, rules).reasons.map((r) => r.code);

describe('reviewCertificate: each ground', () => {
  it('passes a clean certificate', () => {
    const p = reviewCertificate(officer(), ctx);
    expect(p.outcome).toBe('pass');
    expect(p.reasons).toEqual([]);
  });
  it('fails when no longer in an enforcement post', () => {
    const p = reviewCertificate(officer({ inEnforcementPost: false }), ctx);
    expect(p.outcome).toBe('fail');
    expect(p.reasons[0]).toMatchObject({ code: 'not-in-post', effect: 'fail', label: '已不在执法岗位' });
  });
  it('fails on a disciplinary sanction in the year or a criminal one, suspends while under investigation', () => {
    expect(codes(officer({ sanctions: [{ kind: '纪律处分', date: '2025-03-01', note: '警告' }] }))).toEqual([
      'sanction-disciplinary',
    ]);
    expect(codes(officer({ sanctions: [{ kind: '纪律处分', date: '2023-03-01', note: '' }] }))).toEqual([]);
    expect(codes(officer({ sanctions: [{ kind: '刑事处罚', date: '2019-03-01', note: '' }] }))).toEqual([
      'sanction-criminal',
    ]);
    const inv = reviewCertificate(
      officer({ sanctions: [{ kind: '立案调查', date: '2025-11-01', note: '' }] }),
      ctx,
    );
    expect(inv.outcome).toBe('suspend');
    expect(inv.reasons[0]!.message).toContain('自2025-11-01起被立案调查');
    expect(
      codes(
        officer({ sanctions: [{ kind: '立案调查', date: '2025-11-01', note: '', endDate: '2025-12-20' }] }),
      ),
    ).toEqual([]);
  });
  it('fails an expired certificate and notes one about to expire', () => {
    expect(codes(officer({ expiryDate: '2026-01-14' }))).toEqual(['expired']);
    const soon = reviewCertificate(officer({ expiryDate: '2026-03-01' }), ctx);
    expect(soon.outcome).toBe('pass');
    expect(soon.notes.map((r) => r.code)).toEqual(['expiring']);
    // No expiry recorded: derived from issue date + validity years.
    const rules = reviewRulesSchema.parse({ validityYears: 3 });
    expect(codes(officer({ expiryDate: null, issueDate: '2022-06-01' }), ctx, rules)).toEqual(['expired']);
  });
  it('fails when the exam was not passed (only when exam data is given)', () => {
    const o = officer();
    expect(
      codes(o, { ...ctx, examPassed: examPassIndex([{ idNumber: ID.toLowerCase(), passed: false }]) }),
    ).toEqual(['exam-not-passed']);
    expect(
      codes(o, {
        ...ctx,
        examPassed: examPassIndex([
          { idNumber: ID, passed: false },
          { idNumber: ID, passed: true },
        ]),
      }),
    ).toEqual([]);
    expect(codes(o, { ...ctx, examPassed: new Map() })).toEqual([]);
  });
  it('fails when training hours are short of the setting', () => {
    const o = officer();
    const c = { ...ctx, trainingHours: new Map([[o.id, 39.5]]) };
    const p = reviewCertificate(o, c);
    expect(p.reasons.map((r) => r.code)).toEqual(['training-short']);
    expect(p.reasons[0]!.message).toBe('2025年参加法律知识培训39.5学时，少于规定的40学时');
    expect(codes(o, c, reviewRulesSchema.parse({ requiredTrainingHours: 24 }))).toEqual([]);
    expect(codes(o, { ...ctx, trainingHours: new Map() })).toEqual(['training-short']);
  });
  it('fails non-formal staff', () => {
    for (const t of ['合同工', '临时工', '公益性岗位', '工勤人员', '其他'] as const) {
      expect(codes(officer({ employmentType: t }))).toEqual(['non-formal-staff']);
    }
  });
  it('fails handling officers of a case file rated 不合格, matched by certificate number or name + department', () => {
    const a = officer({ name: '张三' });
    const b = officer({ name: '李四' });
    const c = officer({ name: '李四', department: '市交通运输局' });
    const grades = [
      {
        certNo: `${a.certificateNo}、999`,
        officerName: '张三、某某',
        department: a.department,
        grade: '不合格',
        caseNo: '市监罚〔2025〕12号',
      },
      {
        officerName: '王五，李四',
        department: '市市场监督管理局',
        grade: '不合格',
        caseNo: '市监罚〔2025〕30号',
      },
      {
        certNo: a.certificateNo,
        officerName: '张三',
        department: a.department,
        grade: '合格',
        caseNo: '市监罚〔2025〕31号',
      },
    ];
    const run = runAnnualReview([a, b, c], { ...ctx, caseFileGrades: grades });
    const byName = new Map(run.proposals.map((p) => [p.officerId, p]));
    expect(byName.get(a.id)!.reasons.map((r) => r.code)).toEqual(['failed-case-file']);
    expect(byName.get(a.id)!.reasons[0]!.message).toContain('市监罚〔2025〕12号');
    expect(byName.get(a.id)!.reasons[0]!.message).not.toContain('31号');
    expect(byName.get(b.id)!.outcome).toBe('fail');
    expect(byName.get(c.id)!.outcome).toBe('pass'); // same name, other department
  });
  it('asks for an explanation after two years without an enforcement act, except for new certificates', () => {
    const idle = officer({ lastEnforcementActDate: '2023-12-31' });
    const p = reviewCertificate(idle, ctx);
    expect(p.outcome).toBe('explain');
    expect(p.reasons[0]!.message).toContain('2024-01-01至2025-12-31');
    expect(codes(officer({ lastEnforcementActDate: '2024-01-01' }))).toEqual([]);
    expect(codes(officer({ lastEnforcementActDate: null, issueDate: '2024-06-01' }))).toEqual([]);
    // Acts found in ledgers count too.
    const acts = { ...ctx, enforcementActs: [{ certNo: idle.certificateNo, date: '2025-02-02' }] };
    expect(runAnnualReview([idle], acts).proposals[0]!.outcome).toBe('pass');
    const byName = {
      ...ctx,
      enforcementActs: [{ officerName: idle.name, department: idle.department, date: '2025-02-02' }],
    };
    expect(runAnnualReview([idle], byName).proposals[0]!.outcome).toBe('pass');
    // Unknown (undefined) with no ledger data: not evaluated rather than flagged.
    expect(codes(officer({ lastEnforcementActDate: undefined }))).toEqual([]);
  });
  it('stays silent on 连续两年无执法行为 with one year of ledgers, and says why', () => {
    const unknown = officer({ lastEnforcementActDate: undefined });
    const oneYear = {
      ...ctx,
      enforcementActs: [{ officerName: '另一人', department: '市交通运输局', date: '2025-03-01' }],
    };
    const run = runAnnualReview([unknown], oneYear);
    expect(run.proposals[0]!.outcome).toBe('pass');
    expect(run.notEvaluated.filter((n) => n.code === 'no-enforcement-act')).toEqual([
      {
        code: 'no-enforcement-act',
        message: expect.stringMatching(
          /需要 2024-01-01 至 2025-12-31 的执法台账；现有台账只从 2025-03-01 起，不足2年/,
        ) as unknown as string,
      },
    ]);
    // Two years of ledgers (or a stated start): the same officer is asked for an explanation.
    const twoYears = { ...oneYear, enforcementActsFrom: '2024-01-01' };
    const covered = runAnnualReview([unknown], twoYears);
    expect(covered.proposals[0]!.reasons.map((r) => r.code)).toEqual(['no-enforcement-act']);
    expect(covered.notEvaluated.map((n) => n.code)).not.toContain('no-enforcement-act');
  });
  it('fails a lent or altered certificate', () => {
    const o = officer({
      certificateIssues: [
        { kind: '出借', date: '2025-04-01', note: '借给协管员使用' },
        { kind: '涂改', date: '2025-05-01', note: '' },
      ],
    });
    expect(codes(o)).toEqual(['certificate-lent', 'certificate-altered']);
  });
});

describe('reviewCertificate: outcome and rules', () => {
  it('lists ALL reasons and takes the most severe outcome', () => {
    const o = officer({
      employmentType: '合同工',
      inEnforcementPost: false,
      lastEnforcementActDate: '2022-01-01',
      sanctions: [{ kind: '立案调查', date: '2025-12-01', note: '' }],
    });
    const p = reviewCertificate(o, ctx);
    expect(p.outcome).toBe('fail');
    expect(p.reasons.map((r) => r.code).sort()).toEqual([
      'no-enforcement-act',
      'non-formal-staff',
      'not-in-post',
      'under-investigation',
    ]);
    const suspendOnly = reviewCertificate(
      officer({
        lastEnforcementActDate: '2022-01-01',
        sanctions: [{ kind: '立案调查', date: '2025-12-01', note: '' }],
      }),
      ctx,
    );
    expect(suspendOnly.outcome).toBe('suspend');
    expect(suspendOnly.reasons).toHaveLength(2);
  });
  it('follows the configured effect of each reason', () => {
    const o = officer({ employmentType: '临时工' });
    const warn = reviewRulesSchema.parse({ effects: { 'non-formal-staff': 'warn' } });
    const p = reviewCertificate(o, ctx, warn);
    expect(p.outcome).toBe('pass');
    expect(p.notes.map((r) => r.code)).toEqual(['non-formal-staff']);
    expect(warn.effects['not-in-post']).toBe('fail'); // other defaults kept
    const off = reviewRulesSchema.parse({ effects: { 'non-formal-staff': 'off' } });
    expect(reviewCertificate(o, ctx, off).notes).toEqual([]);
    const suspend = reviewRulesSchema.parse({ effects: { 'non-formal-staff': 'suspend' } });
    expect(reviewCertificate(o, ctx, suspend).outcome).toBe('suspend');
    expect(() => reviewRulesSchema.parse({ requiredTrainingHours: -1 })).toThrow();
  });
});

describe('runAnnualReview', () => {
  it('skips revoked, unissued and later certificates, and says which rules had no data', () => {
    const r = runAnnualReview(
      [
        officer(),
        officer({ status: '注销' }),
        officer({ certificateNo: '' }),
        officer({ issueDate: '2026-01-05', expiryDate: '2031-01-04' }),
      ],
      { year: 2025 },
    );
    expect(r.proposals).toHaveLength(1);
    expect(r.skipped.map((s) => s.reason)).toEqual([
      '证件已注销',
      '未持有执法证',
      '证件于 2026-01-05 发放，不参加2025年度年审',
    ]);
    expect(r.notEvaluated.map((x) => x.code).sort()).toEqual([
      'exam-not-passed',
      'failed-case-file',
      'training-short',
    ]);
    expect(r.reviewDate).toBe('2026-01-01');
  });
  it('produces the reference-like figures on the generated city', () => {
    const data = generateOfficerDataset({ seed: 'test' });
    const r = runAnnualReview(data.officers, reviewContextFor(data));
    expect(r.stats.reviewed).toBe(975);
    expect(r.stats.failed).toBeGreaterThanOrEqual(60);
    expect(r.stats.failed).toBeLessThanOrEqual(75);
    expect(r.stats.passed + r.stats.failed + r.stats.suspended + r.stats.needsExplanation).toBe(975);
    expect(r.stats.byDepartment).toHaveLength(33);
    expect(r.stats.byDepartment.reduce((s, d) => s + d.failed, 0)).toBe(r.stats.failed);
    expect(r.notEvaluated).toEqual([]);
  });
});

describe('decisions', () => {
  const clean = reviewCertificate(officer(), ctx);
  const failing = reviewCertificate(officer({ inEnforcementPost: false }), ctx);
  it('confirms without a reason but requires one to override', () => {
    const d = applyDecision(failing, 'fail', '', '李科长', '2026-01-20');
    expect(d).toMatchObject({ decided: 'fail', overridden: false, reasonCodes: ['not-in-post'] });
    expect(() => applyDecision(failing, 'pass', ' ', '李科长')).toThrow(
      /建议为“不通过（收回注销）”，改为“通过”必须填写理由/,
    );
    const o = applyDecision(
      failing,
      'suspend',
      '已于2026年1月回到执法岗位，暂扣待核',
      '李科长',
      '2026-01-20',
    );
    expect(o.overridden).toBe(true);
    expect(() => applyDecision(clean, 'pass', '', '')).toThrow('审核人');
  });
  it('batch-confirms only proposals with nothing to look at', () => {
    const noted = reviewCertificate(officer({ expiryDate: '2026-02-01' }), ctx);
    const r = batchConfirmClean([clean, failing, noted], '王科员', '2026-01-20');
    expect(r.decisions.map((d) => d.officerId)).toEqual([clean.officerId]);
    expect(r.needsAttention.map((p) => p.officerId)).toEqual([failing.officerId, noted.officerId]);
  });
  it('counts final outcomes, overrides and undecided items', () => {
    const decisions = new Map<string, ReviewDecision>([
      [failing.officerId, applyDecision(failing, 'pass', '调岗手续未完成，仍在执法岗位', '李', '2026-01-20')],
    ]);
    const s = reviewStatistics([clean, failing], decisions);
    expect(s).toMatchObject({ reviewed: 2, passed: 2, failed: 0, overridden: 1, undecided: 1 });
    expect(s.byReason['not-in-post']).toBe(1);
  });
  it('turns a confirmed fail into a revoked certificate with the reason in its history', () => {
    const o = officer({ inEnforcementPost: false });
    const p = reviewCertificate(o, ctx);
    const after = applyDecisionToOfficer(o, applyDecision(p, 'fail', '', '李科长', '2026-01-20'));
    expect(after.status).toBe('注销');
    expect(after.statusHistory.at(-1)).toMatchObject({
      from: '有效',
      to: '注销',
      by: '李科长',
      at: '2026-01-20',
    });
    expect(after.statusHistory.at(-1)!.reason).toBe('2025年度年审不通过（收回注销）：已不在执法岗位');
    expect(applyDecisionToOfficer(o, applyDecision(p, 'pass', '核实仍在岗', '李', '2026-01-20'))).toBe(o);
  });

  it('withdraws a decision: the certificate goes back to the status the decision changed, with the reason', () => {
    const o = officer({ inEnforcementPost: false });
    const decision = applyDecision(reviewCertificate(o, ctx), 'fail', '', '李科长', '2026-01-20');
    const revoked = applyDecisionToOfficer(o, decision);
    const w = { reason: '误点', by: '王科员', at: '2026-01-21' };
    const back = withdrawDecisionFromOfficer(revoked, decision, w);
    expect(back.restored).toBe(true);
    expect(back.officer.status).toBe('有效');
    expect(back.officer.statusHistory).toHaveLength(revoked.statusHistory.length + 1);
    expect(back.officer.statusHistory.at(-1)).toEqual({
      at: '2026-01-21',
      from: '注销',
      to: '有效',
      by: '王科员',
      reason: '撤回2025年度年审结论“不通过（收回注销）”：误点',
    });
    // A pass changed nothing, and a status changed since by something else is left alone.
    const pass = applyDecision(reviewCertificate(o, ctx), 'pass', '核实仍在岗', '李', '2026-01-20');
    expect(withdrawDecisionFromOfficer(o, pass, w)).toEqual({ officer: o, restored: false });
    const later = {
      ...revoked,
      statusHistory: [...revoked.statusHistory, { ...revoked.statusHistory.at(-1)!, at: '2026-01-22' }],
    };
    expect(withdrawDecisionFromOfficer(later, decision, w).restored).toBe(false);
  });

  it('names what each outcome does to the certificate and how it is undone', () => {
    expect(decisionConsequence('fail')).toEqual({
      text: expect.stringMatching(/改为“注销”.*年审通知定稿印发前可以撤回/) as unknown as string,
      changesStatus: true,
    });
    expect(decisionConsequence('suspend').text).toMatch(/改为“暂扣”/);
    expect(decisionConsequence('pass')).toMatchObject({ changesStatus: false });
    expect(decisionConsequence('explain').text).toMatch(/书面说明/);
  });

  it('refuses a withdrawal without a reason or after the 年审通知 is issued', () => {
    const base = { name: '张三', year: 2025, reason: '误点', by: '王科员', noticeNumber: null };
    expect(decisionWithdrawalProblem(base)).toBeNull();
    expect(decisionWithdrawalProblem({ ...base, reason: '  ' })).toMatch(/必须填写理由/);
    expect(decisionWithdrawalProblem({ ...base, noticeNumber: '德司证〔2026〕1号' })).toMatch(
      /已定稿印发（德司证〔2026〕1号）.*不能再撤回/,
    );
  });
});

describe('review results export', () => {
  it('tabulates proposals and decisions without ID numbers, and writes XLSX', () => {
    const a = officer({ name: '=甲', inEnforcementPost: false });
    const b = officer({ name: '乙' });
    const r = runAnnualReview([a, b], ctx);
    const decisions = new Map([
      [a.id, applyDecision(r.proposals[0]!, 'suspend', '待核实岗位', '李', '2026-01-20')],
    ]);
    const table = reviewResultsTable(r.proposals, decisions);
    expect(table[0]![4]).toBe('审核建议');
    const rowA = table.find((row) => row[1] === "'=甲")!;
    expect(rowA.slice(4, 10)).toEqual([
      '不通过（收回注销）',
      '已不在执法岗位：=甲已调离执法岗位，不再从事行政执法工作',
      '',
      '暂扣',
      '待核实岗位',
      '李',
    ]);
    expect(table.find((row) => row[1] === '乙')![7]).toBe('未审核');
    expect(JSON.stringify(table)).not.toContain(ID);
    const sheet = strFromU8(
      unzipSync(reviewResultsXlsx(2025, r.proposals, decisions))['xl/worksheets/sheet1.xml']!,
    );
    expect(sheet).toContain('待核实岗位');
    expect(sheet).not.toContain(ID);
  });
});
