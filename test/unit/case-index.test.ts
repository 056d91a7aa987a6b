import { describe, expect, it } from 'vitest';
import { CaseIndex, caseTypeCompare, codePointCompare } from '../../shared/cases/case-index';
import { toColumnChunks } from '../../shared/cases/case-columns';
import type { CaseFileRecord } from '../../shared/ledger/types';

function rec(
  i: number,
  department: string,
  caseType: string,
  closedDate: string | null,
  party = '当事人' + i,
): CaseFileRecord {
  return {
    itemId: `${department}|N${i}`,
    caseNo: `N${i}`,
    department,
    caseType,
    cause: '',
    party,
    filedDate: null,
    closedDate,
    amountFen: null,
    officer: '',
    certNo: '',
    sourceRow: i + 2,
    raw: [String(i)],
  };
}

function build(): CaseIndex {
  const index = new CaseIndex();
  const a = [
    rec(1, '交通运输局', '行政处罚', '2025-01-10'),
    rec(2, '交通运输局', '行政许可', '2025-03-01'),
    rec(3, '生态环境局', '行政处罚', null, '某某化工有限公司'),
  ];
  const b = [rec(4, '生态环境局', '行政检查', '2025-12-31'), rec(5, '市场监督管理局', '其他', '2024-12-31')];
  for (const c of toColumnChunks(a, 2)) index.append('imp-a', c.columns);
  for (const c of toColumnChunks(b, 2)) index.append('imp-b', c.columns);
  return index;
}

describe('case index', () => {
  it('filters by department, type, closing-date range and search', () => {
    const index = build();
    expect(index.size).toBe(5);
    expect([...index.filter({ departments: ['交通运输局'] })]).toEqual([0, 1]);
    expect([...index.filter({ caseTypes: ['行政处罚'] })]).toEqual([0, 2]);
    // A date range excludes rows without a closing date.
    expect([...index.filter({ closedFrom: '2025-01-01', closedTo: '2025-12-31' })]).toEqual([0, 1, 3]);
    expect([...index.filter({ search: '化工' })]).toEqual([2]);
    expect([...index.filter({ search: 'ｎ4' })]).toEqual([3]); // full-width input is NFKC-folded
    expect([...index.filter({})]).toHaveLength(5);
  });

  it('counts department x type with totals, types in statutory order', () => {
    const m = build().countMatrix();
    expect(m.total).toBe(5);
    expect(m.caseTypes).toEqual(['行政许可', '行政处罚', '行政检查', '其他']);
    const d = m.departments.indexOf('生态环境局');
    expect(m.counts[d]).toEqual([0, 1, 1, 0]);
    expect(m.rowTotals[d]).toBe(2);
    expect(m.columnTotals).toEqual([1, 2, 1, 1]);
  });

  it('drops an import and locates a row inside its import', () => {
    const index = build();
    expect(index.positionInImport(4)).toEqual({ importId: 'imp-b', offset: 1 });
    const rest = index.without(new Set(['imp-a']));
    expect(rest.size).toBe(2);
    expect(rest.row(0).itemId).toBe('生态环境局|N4');
    expect(rest.hasItemId('交通运输局|N1')).toBe(false);
    expect(index.hasItemId('交通运输局|N1')).toBe(true);
  });

  it('orders deterministically', () => {
    expect(['b', 'B', 'a'].sort(codePointCompare)).toEqual(['B', 'a', 'b']);
    expect(caseTypeCompare('其他', '行政许可')).toBeGreaterThan(0);
  });
});
