import { describe, expect, it } from 'vitest';
import { officerFlags, shownStatus, validateRegistry } from '../../shared/officers/officer-checks';
import {
  changeStatus,
  effectiveExpiry,
  OfficerRuleError,
  parseOfficer,
  type OfficerInput,
} from '../../shared/officers/officer-model';
import { idCheckChar } from '../../shared/officers/id-card';

const id = (first17: string): string => first17 + idCheckChar(first17);
const ID_A = id('51060319800101123');
const ID_B = id('51060319850612234');

function officer(over: Partial<OfficerInput> = {}) {
  return parseOfficer({
    id: 'o1',
    name: '张伟',
    gender: '男',
    idNumber: ID_A,
    department: '市市场监督管理局',
    employmentType: '正式在编',
    certificateNo: '510601000001',
    areas: ['市场监管'],
    issueDate: '2022-03-01',
    expiryDate: '2027-02-28',
    ...over,
  });
}

describe('officer schema', () => {
  it('fills defaults and rejects bad input with Chinese messages', () => {
    const o = officer();
    expect(o.status).toBe('有效');
    expect(o.statusHistory).toEqual([]);
    expect(o.inEnforcementPost).toBe(true);
    const bad = () => parseOfficer({ id: 'x', name: ' ', department: 'd', employmentType: '正式在编' });
    expect(bad).toThrow(/姓名不能为空/);
    expect(() => officer({ issueDate: '2022-02-30' })).toThrow(/YYYY-MM-DD/);
  });
});

describe('changeStatus', () => {
  it('appends a dated history entry and does not modify the input', () => {
    const o = officer();
    const s = changeStatus(o, '暂扣', '涉嫌违纪被立案调查', '李科长', '2025-05-01');
    expect(s.status).toBe('暂扣');
    expect(s.statusHistory).toEqual([
      { at: '2025-05-01', from: '有效', to: '暂扣', reason: '涉嫌违纪被立案调查', by: '李科长' },
    ]);
    expect(o.status).toBe('有效');
    const back = changeStatus(s, '有效', '调查结束，未予处分', '李科长', '2025-08-01T09:30:00+08:00');
    expect(back.statusHistory.map((h) => h.to)).toEqual(['暂扣', '有效']);
  });
  it('requires a reason, a person, a valid time and a real change', () => {
    const o = officer();
    expect(() => changeStatus(o, '暂扣', '  ', '李', '2025-05-01')).toThrow(OfficerRuleError);
    expect(() => changeStatus(o, '暂扣', '  ', '李', '2025-05-01')).toThrow('变更张伟的证件状态必须填写原因');
    expect(() => changeStatus(o, '暂扣', '原因', '', '2025-05-01')).toThrow('经办人');
    expect(() => changeStatus(o, '暂扣', '原因', '李', '5/1/2025')).toThrow('格式不正确');
    expect(() => changeStatus(o, '有效', '原因', '李', '2025-05-01')).toThrow('无需变更');
  });
  it('never brings a revoked certificate back', () => {
    const r = changeStatus(officer(), '注销', '年审不通过', '李', '2025-05-01');
    expect(() => changeStatus(r, '有效', '误操作', '李', '2025-05-02')).toThrow('已注销');
  });
});

describe('effectiveExpiry', () => {
  it('uses the recorded expiry or derives it from the validity setting', () => {
    expect(effectiveExpiry(officer())).toBe('2027-02-28');
    const noExpiry = officer({ expiryDate: null, issueDate: '2024-03-01' });
    expect(effectiveExpiry(noExpiry, { validityYears: 3, expiryWarningDays: 30 })).toBe('2027-02-28');
    expect(effectiveExpiry(officer({ expiryDate: null, issueDate: null }))).toBeNull();
  });
});

describe('validateRegistry', () => {
  it('finds duplicate certificates, duplicate persons, expiry before issue, bad ID numbers', () => {
    const list = [
      officer({ id: 'a' }),
      officer({ id: 'b', name: '王芳', gender: '女', idNumber: ID_B, certificateNo: '510601000001' }),
      officer({ id: 'c', name: '张伟', certificateNo: '510601000009', department: '市交通运输局' }),
      officer({ id: 'd', name: '赵强', idNumber: '510603198001011230', certificateNo: '510601000010' }),
      officer({
        id: 'e',
        name: '钱多',
        idNumber: '',
        certificateNo: '510601000011',
        issueDate: '2024-01-01',
        expiryDate: '2023-01-01',
      }),
    ];
    const issues = validateRegistry(list);
    const codes = (oid: string) =>
      issues
        .filter((i) => i.officerId === oid)
        .map((i) => i.code)
        .sort();
    expect(codes('a')).toEqual(['duplicate-certificate', 'duplicate-person']);
    expect(codes('b')).toEqual(['duplicate-certificate']);
    expect(codes('c')).toEqual(['duplicate-person']);
    expect(codes('d')).toEqual(['bad-id-number']);
    expect(codes('e')).toEqual(['expiry-before-issue', 'missing-id-number']);
    // Private numbers appear only masked in messages.
    for (const i of issues) expect(i.message).not.toContain(ID_A);
    expect(issues.find((i) => i.code === 'duplicate-person')!.message).toContain('510603********');
  });
  it('ignores revoked certificates for number uniqueness and reports gender mismatches', () => {
    const list = [
      officer({ id: 'a', status: '注销' }),
      officer({ id: 'b', idNumber: ID_B, gender: '男' }), // ID_B is female (17th digit 4)
    ];
    const codes = validateRegistry(list).map((i) => i.code);
    expect(codes).not.toContain('duplicate-certificate');
    expect(codes).toContain('gender-mismatch');
  });
});

describe('officerFlags', () => {
  const settings = { expiryWarningDays: 60, validityYears: 5 };
  it('flags non-formal staff holding a certificate', () => {
    const flags = officerFlags(officer({ employmentType: '合同工' }), '2025-06-01', settings);
    expect(flags.map((f) => f.code)).toEqual(['non-formal-staff']);
    expect(flags[0]!.message).toContain('合同工');
    expect(
      officerFlags(officer({ employmentType: '临时工', certificateNo: '' }), '2025-06-01', settings),
    ).toEqual([]);
  });
  it('flags expired, expiring within N days, and suspended', () => {
    expect(officerFlags(officer(), '2027-03-01', settings).map((f) => f.code)).toEqual(['expired']);
    expect(officerFlags(officer(), '2027-02-28', settings).map((f) => f.code)).toEqual(['expiring']);
    expect(officerFlags(officer(), '2026-12-30', settings).map((f) => f.code)).toEqual(['expiring']);
    expect(officerFlags(officer(), '2026-12-29', settings)).toEqual([]);
    expect(officerFlags(officer({ status: '暂扣' }), '2025-01-01', settings).map((f) => f.code)).toEqual([
      'suspended',
    ]);
  });
  it('never shows 有效 beside 证件过期: an expired certificate registered 有效 is shown 已过期', () => {
    const o = officer();
    expect(shownStatus(o, officerFlags(o, '2027-03-01', settings))).toBe('已过期');
    expect(shownStatus(o, officerFlags(o, '2026-12-29', settings))).toBe('有效');
    const suspended = officer({ status: '暂扣' });
    expect(shownStatus(suspended, officerFlags(suspended, '2027-03-01', settings))).toBe('暂扣');
  });
});
