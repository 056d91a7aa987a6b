import { describe, expect, it } from 'vitest';
import type { Cell } from '../../shared/ledger/types';
import {
  eligibleForCertificate,
  examOutcome,
  examPassed,
  importExamResults,
  parseSittingLabel,
  passRateByDepartment,
  passRateBySitting,
  sittingLabel,
  type ExamCandidate,
  type ExamSitting,
  parseSittingInput,
} from '../../shared/officers/exams';
import { idCheckChar } from '../../shared/officers/id-card';
import { parseOfficer } from '../../shared/officers/officer-model';

const id = (first17: string): string => first17 + idCheckChar(first17);
const sittings: ExamSitting[] = [
  { id: 's16', number: 16, date: '2024-10-26' },
  { id: 's17', number: 17, date: '2025-10-25' },
];
let seq = 0;
function cand(over: Partial<ExamCandidate>): ExamCandidate {
  seq++;
  return {
    id: `c${seq}`,
    sittingId: 's17',
    name: `考生${seq}`,
    idNumber: id(`5106031990010${String(seq).padStart(4, '0')}`),
    department: '市交通运输局',
    publicLawScore: 70,
    specialisedScore: 70,
    absent: false,
    ...over,
  };
}

describe('exam pass logic', () => {
  it('passes only when BOTH papers reach the pass mark', () => {
    expect(examPassed(cand({ publicLawScore: 60, specialisedScore: 60 }))).toBe(true);
    expect(examOutcome(cand({ publicLawScore: 59.5, specialisedScore: 90 })).reason).toBe('public-law-below');
    expect(examOutcome(cand({ publicLawScore: 90, specialisedScore: 59 })).message).toBe(
      '专业法律知识成绩 59 分，低于60分',
    );
    expect(examOutcome(cand({ publicLawScore: 10, specialisedScore: 20 })).reason).toBe('both-below');
    expect(examPassed(cand({ publicLawScore: 65, specialisedScore: 65 }), 70)).toBe(false);
  });
  it('treats absence and missing scores as not passed', () => {
    expect(examOutcome(cand({ absent: true, publicLawScore: null, specialisedScore: null })).reason).toBe(
      'absent',
    );
    expect(examOutcome(cand({ specialisedScore: null })).message).toContain('专业法律知识成绩缺失');
  });
  it('labels sittings', () => {
    expect(sittingLabel(17)).toBe('第17次');
    expect(parseSittingLabel('第17次')).toBe(17);
    expect(parseSittingLabel('第十七次')).toBe(17);
    expect(parseSittingLabel('第二十次')).toBe(20);
    expect(parseSittingLabel('１７')).toBe(17);
    expect(parseSittingLabel('第X次')).toBeNull();
    expect(parseSittingLabel('第0次')).toBeNull();
  });
});

describe('pass rates', () => {
  const list = [
    cand({}),
    cand({ publicLawScore: 50 }),
    cand({ absent: true, publicLawScore: null, specialisedScore: null }),
    cand({ department: '市生态环境局' }),
    cand({ sittingId: 's16', department: '市生态环境局', specialisedScore: 40 }),
  ];
  it('per sitting: pass rate over those who sat', () => {
    const stats = passRateBySitting(sittings, list);
    expect(stats.map((s) => [s.label, s.registered, s.sat, s.absent, s.passed])).toEqual([
      ['第16次', 1, 1, 0, 0],
      ['第17次', 4, 3, 1, 2],
    ]);
    expect(stats[1]!.passRate).toBeCloseTo(2 / 3);
  });
  it('per department, optionally for one sitting, using a sitting-specific pass mark', () => {
    const all = passRateByDepartment(list, sittings);
    expect(all.find((d) => d.department === '市生态环境局')).toMatchObject({
      registered: 2,
      passed: 1,
      passRate: 0.5,
    });
    expect(
      passRateByDepartment(list, sittings, undefined, 's17').find((d) => d.department === '市生态环境局')!
        .passRate,
    ).toBe(1);
    const strict = passRateByDepartment(list, [{ ...sittings[1]!, passMark: 75 }, sittings[0]!]);
    expect(strict.reduce((s, d) => s + d.passed, 0)).toBe(0);
  });
});

describe('eligibleForCertificate', () => {
  it('lists passed candidates once, excluding holders and non-formal staff', () => {
    const a = cand({ name: '甲' });
    const b = cand({ name: '乙', publicLawScore: 30 });
    const c = cand({ name: '丙' });
    const d = cand({ name: '丁' });
    const aEarlier = { ...a, id: 'a16', sittingId: 's16' };
    const officers = [
      parseOfficer({
        id: 'oc',
        name: '丙',
        idNumber: c.idNumber,
        department: 'x',
        employmentType: '正式在编',
        certificateNo: '123',
      }),
      parseOfficer({ id: 'od', name: '丁', idNumber: d.idNumber, department: 'x', employmentType: '临时工' }),
    ];
    const r = eligibleForCertificate([aEarlier, a, b, c, d], sittings, officers);
    expect(r.eligible.map((e) => [e.candidate.name, e.sittingLabel])).toEqual([['甲', '第17次']]);
    expect(r.excluded.map((e) => e.candidate.name).sort()).toEqual(['丁', '丙']);
    expect(r.excluded.find((e) => e.candidate.name === '丁')!.reason).toContain('临时工');
  });
});

describe('importExamResults', () => {
  it('reads scores, absences and reports bad rows', () => {
    const good = id('51060319900101001');
    const rows: Cell[][] = [
      ['第17次行政执法资格考试成绩'],
      ['序号', '姓名', '身份证号', '工作单位', '公共法律知识成绩', '专业法律知识成绩', '备注'],
      ['1', '张三', good, '市交通运输局', 78, '８１.５', ''],
      ['2', '李四', id('51060319900101002'), '市交通运输局', '缺考', '缺考', ''],
      ['3', '王五', id('51060319900101003'), '市交通运输局', '', '', '缺考'],
      ['4', '赵六', id('51060319900101004'), '市交通运输局', 120, 60, ''],
      ['5', '钱七', id('51060319900101005'), '市交通运输局', 'abc', 60, ''],
      ['6', '孙八', good, '市交通运输局', 60, 60, ''],
      ['7', '周九', id('51060319900101007'), '市交通运输局', 66, '', ''],
    ];
    let n = 0;
    const r = importExamResults(rows, {
      fileName: '成绩.xlsx',
      sheetName: '成绩',
      headerRow: 1,
      sittingId: 's17',
      newId: () => `x${++n}`,
    });
    expect(r.candidates.map((c) => [c.name, c.publicLawScore, c.specialisedScore, c.absent])).toEqual([
      ['张三', 78, 81.5, false],
      ['李四', null, null, true],
      ['王五', null, null, true],
      ['周九', 66, null, false],
    ]);
    const errs = r.issues.filter((i) => i.severity === 'error');
    expect(errs.map((e) => [e.row, e.code, e.column])).toEqual([
      [6, 'bad-score', '公共法律知识成绩'],
      [7, 'bad-score', '公共法律知识成绩'],
      [8, 'duplicate-in-file', '身份证号'],
    ]);
    expect(errs[0]!.message).toContain('“120”不是0到100之间的分数');
    expect(r.issues.find((i) => i.code === 'missing-score')!.row).toBe(9);
  });
  it('names the missing columns', () => {
    const r = importExamResults([['姓名', '身份证号', '总分']], {
      fileName: 'f',
      sheetName: 's',
      headerRow: 0,
      sittingId: 's',
    });
    expect(r.counts.errors).toBe(1);
    expect(r.issues[0]!.message).toContain('“公共法律知识成绩”、“专业法律知识成绩”');
  });
});

describe('a sitting typed by a person', () => {
  it('takes 17, 第17次 and 第十七次, and refuses a yearly 期 instead of reading its digits', () => {
    expect(parseSittingInput('17')).toEqual({ ok: true, number: 17 });
    expect(parseSittingInput('第17次')).toEqual({ ok: true, number: 17 });
    expect(parseSittingInput('第十七次')).toEqual({ ok: true, number: 17 });
    const yearly = parseSittingInput('2025年第1期');
    expect(yearly.ok).toBe(false);
    expect(!yearly.ok && yearly.message).toMatch(/^“2025年第1期”是按年度编的期次/);
    expect(parseSittingInput('下周')).toEqual({
      ok: false,
      message: '期次“下周”无法识别：请填写序号，如 17 或 第17次',
    });
  });
});
