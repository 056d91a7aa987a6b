import { describe, expect, it } from 'vitest';
import { describeExclusions, scopeExclusions, type ScopeColumns } from '../../shared/draw/scope-exclusions';

function cols(rows: [string, string, string | null, string | null][]): ScopeColumns {
  return {
    itemId: rows.map((r, i) => `${r[0]}|${i}`),
    department: rows.map((r) => r[0]),
    caseType: rows.map((r) => r[1]),
    filedDate: rows.map((r) => r[2]),
    closedDate: rows.map((r) => r[3]),
  };
}

const data = cols([
  ['交通局', '行政处罚', '2024-01-02', '2024-02-01'],
  ['交通局', '行政处罚', '2023-01-02', '2023-02-01'], // outside the period
  ['交通局', '行政检查', '2024-03-01', null], // inspection: no 结案日期
  ['交通局', '行政检查', '2024-03-02', null],
  ['交通局', '行政检查', null, null], // no date at all
  ['应急局', '行政处罚', '2024-05-01', '2024-06-01'], // other department
  ['交通局', '行政许可', '2024-05-01', '2024-05-03'], // other type
]);

describe('scope exclusions (nothing dropped unseen)', () => {
  const base = {
    departments: ['交通局'],
    caseTypes: ['行政处罚', '行政检查'],
    from: '2024-01-01',
    to: '2024-12-31',
  };

  it('every file counted once, under the first rule that leaves it out', () => {
    const x = scopeExclusions(data, base);
    expect(x).toEqual({
      total: 7,
      included: 1,
      otherDepartment: 1,
      otherType: 1,
      noDate: 3,
      noDateByType: { 行政检查: 3 },
      outsidePeriod: 1,
      reviewedBefore: 0,
    });
    expect(x.included + x.otherDepartment + x.otherType + x.noDate + x.outsidePeriod + x.reviewedBefore).toBe(
      x.total,
    );
    expect(describeExclusions(x, '结案日期')).toEqual([
      '不在范围内的部门：1 件',
      '不在范围内的案件类型：1 件',
      '没有结案日期、无法判断是否在期间内：3 件（行政检查 3 件）',
      '不在评查期间内：1 件',
    ]);
  });

  it('inspection judged by 检查日期 brings the inspections in; one without any date stays out', () => {
    const x = scopeExclusions(data, { ...base, dateByType: { 行政检查: 'filedDate' } });
    expect(x.included).toBe(3);
    expect(x.noDateByType).toEqual({ 行政检查: 1 });
  });

  it('files reviewed in earlier campaigns are left out and counted', () => {
    const x = scopeExclusions(data, { ...base, reviewedBefore: new Set(['交通局|0']) });
    expect(x.included).toBe(0);
    expect(x.reviewedBefore).toBe(1);
    expect(describeExclusions(x, '结案日期')).toContain('以往评查活动已抽取评查：1 件');
  });

  it('no period: no date rule applies', () => {
    const x = scopeExclusions(data, { departments: null, caseTypes: null, from: null, to: null });
    expect(x.included).toBe(7);
    expect(describeExclusions(x, '结案日期')).toEqual([]);
  });
});
