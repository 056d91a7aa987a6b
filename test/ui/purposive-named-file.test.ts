// 定向抽取: a typed case number (or 执法部门|案件编号) finds its file in scope, compared in the case
// index's buffers (issue 31: no whole column of strings made); two departments' same number asks for both.
import { describe, expect, it } from 'vitest';
import { CaseIndex } from '../../shared/cases/case-index';
import { toColumnChunks } from '../../shared/cases/case-columns';
import type { CaseFileRecord } from '../../shared/ledger/types';
import { findNamedFile, scopeLeads } from '../../renderer/campaigns/purposive-planner';

const record = (department: string, caseNo: string, i: number): CaseFileRecord => ({
  itemId: `${department}|${caseNo}`,
  caseNo,
  department,
  caseType: '行政处罚',
  cause: '',
  party: '',
  filedDate: null,
  closedDate: '2025-03-01',
  amountFen: null,
  officer: '',
  certNo: '',
  sourceRow: i + 2,
  raw: [],
});

describe('findNamedFile', () => {
  const records = [
    record('交通运输局', '交罚-1', 0),
    record('交通运输局', '同号-9', 1),
    record('应急管理局', '同号-9', 2),
    record('应急管理局', '应急罚-3', 3),
  ];
  const index = new CaseIndex();
  index.append('a', toColumnChunks(records, 10)[0]!.columns);
  const all = Int32Array.from([0, 1, 2, 3]);

  it('finds by case number or by item id, within the rows in scope only', () => {
    expect(findNamedFile(index, all, ' 交罚-1 ')).toEqual({
      itemId: '交通运输局|交罚-1',
      caseNo: '交罚-1',
      department: '交通运输局',
    });
    expect(findNamedFile(index, all, '应急管理局|同号-9')).toMatchObject({ department: '应急管理局' });
    expect(findNamedFile(index, Int32Array.from([0, 1, 2]), '应急罚-3')).toBe(
      '本活动范围内没有案件编号为“应急罚-3”的案卷。',
    );
    expect(findNamedFile(index, all, '同号-9')).toContain('有 2 件案件编号为“同号-9”的案卷');
    expect(findNamedFile(index, all, '  ')).toBe('请输入案件编号。');
  });

  it('counts flagged files per department and rule', () => {
    const flags = new Map([
      ['交通运输局|同号-9', [{ ruleId: 'r1' }, { ruleId: 'r1' }, { ruleId: 'r2' }]],
      ['应急管理局|应急罚-3', [{ ruleId: 'r1' }]],
    ]);
    const leads = scopeLeads(index, all, flags);
    expect(leads.byDepartment.get('交通运输局')).toEqual(
      new Map([
        ['r1', 1],
        ['r2', 1],
      ]),
    );
    expect(leads.files.get('r1')).toEqual(new Set(['交通运输局|同号-9', '应急管理局|应急罚-3']));
  });
});
