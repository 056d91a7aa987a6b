import { describe, expect, it } from 'vitest';
import {
  describeDroppedDepartment,
  describeExclusions,
  droppedDepartments,
  scopeExclusions,
  type ScopeColumns,
} from '../../shared/draw/scope-exclusions';
import {
  applyScopeFilter,
  reviewedItemIds,
  type DrawCase,
  type DrawScopeFilter,
} from '../../shared/draw/draw-record';

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

describe('the draw applies the same rules (applyScopeFilter, shared by the app and draw verify)', () => {
  const cases: DrawCase[] = data.itemId.map((itemId, i) => ({
    itemId,
    caseNo: itemId,
    department: data.department[i]!,
    caseType: data.caseType[i]!,
    filedDate: data.filedDate[i],
    closedDate: data.closedDate[i],
  }));
  const filter: DrawScopeFilter = {
    departments: ['交通局'],
    caseTypes: ['行政处罚', '行政检查'],
    closedFrom: '2024-01-01',
    closedTo: '2024-12-31',
  };

  it('without the optional rules: judged by closed date, nothing excluded (the old behaviour)', () => {
    expect(applyScopeFilter(cases, filter).map((c) => c.itemId)).toEqual(['交通局|0']);
  });

  it('inspection judged by 检查日期: the two dated inspections come in, the undated one stays out', () => {
    const got = applyScopeFilter(cases, { ...filter, dateByType: { 行政检查: 'filedDate' } });
    expect(got.map((c) => c.itemId)).toEqual(['交通局|0', '交通局|2', '交通局|3']);
  });

  it('a punishment judged by its filed date leaves out one filed before the period', () => {
    const all = { ...filter, closedFrom: '2023-02-01', dateByType: { 行政处罚: 'filedDate' as const } };
    // 交通局|1 closed 2023-02-01 (in) but filed 2023-01-02 (out)
    expect(applyScopeFilter(cases, all).map((c) => c.itemId)).toEqual(['交通局|0']);
    expect(applyScopeFilter(cases, { ...all, dateByType: undefined }).map((c) => c.itemId)).toEqual([
      '交通局|0',
      '交通局|1',
    ]);
  });

  it('files in excludeItemIds are left out', () => {
    const got = applyScopeFilter(cases, {
      ...filter,
      dateByType: { 行政检查: 'filedDate' },
      excludeItemIds: ['交通局|2', '别处|9'],
    });
    expect(got.map((c) => c.itemId)).toEqual(['交通局|0', '交通局|3']);
  });

  it('the planner counts and the draw agree on every combination of rules', () => {
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const dates = [null, '2023-12-31', '2024-01-01', '2024-06-15', '2024-12-31', '2025-01-01'];
    const depts = ['甲局', '乙局', '丙局'];
    const types = ['行政处罚', '行政检查', '行政许可'];
    for (let round = 0; round < 60; round++) {
      const n = 1 + rnd(80);
      const rows: DrawCase[] = Array.from({ length: n }, (_, i) => ({
        itemId: `id${i}`,
        caseNo: `no${i}`,
        department: depts[rnd(3)]!,
        caseType: types[rnd(3)]!,
        filedDate: dates[rnd(dates.length)]!,
        closedDate: dates[rnd(dates.length)]!,
      }));
      const byType = Object.fromEntries(
        types.filter(() => rnd(2) === 0).map((t) => [t, rnd(2) ? 'filedDate' : 'closedDate']),
      ) as Record<string, 'filedDate' | 'closedDate'>;
      const excluded = rows.filter(() => rnd(5) === 0).map((r) => r.itemId);
      const f: DrawScopeFilter = {
        departments: rnd(2) ? null : depts.slice(0, 1 + rnd(3)),
        caseTypes: rnd(2) ? null : types.slice(0, 1 + rnd(3)),
        closedFrom: rnd(3) ? '2024-01-01' : null,
        closedTo: rnd(3) ? '2024-12-31' : null,
        dateByType: byType,
        excludeItemIds: excluded,
      };
      const counted = scopeExclusions(
        {
          itemId: rows.map((r) => r.itemId),
          department: rows.map((r) => r.department),
          caseType: rows.map((r) => r.caseType),
          filedDate: rows.map((r) => r.filedDate ?? null),
          closedDate: rows.map((r) => r.closedDate ?? null),
        },
        {
          departments: f.departments,
          caseTypes: f.caseTypes,
          from: f.closedFrom,
          to: f.closedTo,
          dateByType: byType,
          reviewedBefore: new Set(excluded),
        },
      );
      expect(applyScopeFilter(rows, f).length).toBe(counted.included);
    }
  });
});

describe('reviewedItemIds: what an earlier draw sent for review', () => {
  it('drawn, minus replaced, plus replacements and draw-more, in event order', () => {
    const pick = (itemId: string) => ({ order: 1, ticket: '1', fullTicket: '1', itemId, stratum: 's' });
    const ev = { stratum: 's', reason: 'r', at: 't', by: 'b' };
    const ids = reviewedItemIds({
      drawn: [
        { ...pick('a'), caseNo: 'a', department: 'd', caseType: 't' },
        { ...pick('b'), caseNo: 'b', department: 'd', caseType: 't' },
      ],
      replacements: [
        { seq: 1, itemId: 'a', replacedBy: 'c', ...ev },
        { seq: 3, itemId: 'c', replacedBy: 'e', ...ev },
      ],
      extras: [{ seq: 2, count: 1, itemIds: ['d'], ...ev }],
    });
    expect(ids.sort()).toEqual(['b', 'd', 'e']);
  });
});

describe('departments that drop out of scope', () => {
  it('names a department none of whose files is in the population, and why', () => {
    const cols = {
      itemId: ['a|1', 'a|2', 'b|1', 'b|2'],
      department: ['甲局', '甲局', '乙局', '乙局'],
      caseType: ['行政检查', '行政检查', '行政处罚', '行政处罚'],
      filedDate: ['2024-03-01', '2024-04-01', '2024-01-01', '2024-01-01'],
      closedDate: [null, null, '2024-02-01', '2023-12-01'],
    };
    const rules = { departments: null, caseTypes: null, from: '2024-01-01', to: '2024-12-31' };
    const dropped = droppedDepartments(cols, rules);
    expect(dropped).toEqual([
      { department: '甲局', files: 2, noDate: 2, outsidePeriod: 0, reviewedBefore: 0 },
    ]);
    expect(describeDroppedDepartment(dropped[0]!, '结案日期')).toBe('甲局 2 件（2 件没有结案日期）');
    // Judged by its 检查日期, it is in again.
    expect(droppedDepartments(cols, { ...rules, dateByType: { 行政检查: 'filedDate' } })).toEqual([]);
  });
});
