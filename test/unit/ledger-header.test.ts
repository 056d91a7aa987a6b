import { describe, expect, it } from 'vitest';
import {
  guessHeader,
  mappingFromHeaderNames,
  mappingToHeaderNames,
  missingRequiredFields,
  suggestMapping,
} from '../../shared/ledger/header';
import type { Cell } from '../../shared/ledger/types';

describe('guessHeader', () => {
  it('finds the header under merged title rows', () => {
    const title = '德阳市市场监督管理局2024年度行政执法案件台账';
    const rows: Cell[][] = [
      [title, title, title, title, title],
      ['填报单位：德阳市市场监督管理局', null, null, '填报日期：2025年1月5日'],
      [],
      ['序号', '案 号', '执法类别', '当事人', '立案日期'],
      [1, 'A-1', '处罚', '张三', '2024-01-02'],
    ];
    const g = guessHeader(rows);
    expect(g).toEqual({ headerRow: 3, headers: ['序号', '案号', '执法类别', '当事人', '立案日期'] });
  });
  it('returns null when no row names two ledger fields', () => {
    expect(
      guessHeader([
        ['姓名', '年龄'],
        ['张三', 30],
      ]),
    ).toBeNull();
    expect(guessHeader([])).toBeNull();
    expect(guessHeader([['案件编号'], ['A-1']])).toBeNull();
  });
  it('only looks at the first 30 rows', () => {
    const rows: Cell[][] = Array.from({ length: 31 }, () => ['说明']);
    rows.push(['案件编号', '执法部门']);
    expect(guessHeader(rows)).toBeNull();
  });
  it('widens headers to the data width', () => {
    const g = guessHeader([
      ['案件编号', '执法部门'],
      ['A', 'B', '多出来的列'],
    ]);
    expect(g?.headers).toEqual(['案件编号', '执法部门', '']);
  });
});

describe('suggestMapping', () => {
  it('maps the common synonyms', () => {
    const m = suggestMapping([
      '序号',
      '行政处罚决定书文号',
      '实施机关',
      '执法行为类别',
      '违法行为',
      '行政相对人',
      '受理日期',
      '办结日期',
      '罚没款（万元）',
      '执法人员',
      '执法证件号',
      '备注',
    ]);
    expect(m).toEqual({
      caseNo: 1,
      department: 2,
      caseType: 3,
      cause: 4,
      party: 5,
      filedDate: 6,
      closedDate: 7,
      amount: 8,
      officer: 9,
      certNo: 10,
    });
  });
  it.each([
    ['案件编号', 'caseNo'],
    ['案号', 'caseNo'],
    ['文号', 'caseNo'],
    ['决定书文号', 'caseNo'],
    ['编号', 'caseNo'],
    ['执法部门', 'department'],
    ['执法机关', 'department'],
    ['部门', 'department'],
    ['案件类型', 'caseType'],
    ['类型', 'caseType'],
    ['案由', 'cause'],
    ['案件名称', 'cause'],
    ['当事人', 'party'],
    ['相对人', 'party'],
    ['立案时间', 'filedDate'],
    ['决定日期', 'closedDate'],
    ['结案时间', 'closedDate'],
    ['处罚金额(元)', 'amount'],
    ['罚款金额', 'amount'],
    ['罚没金额', 'amount'],
    ['承办人', 'officer'],
    ['办案人员', 'officer'],
    ['执法证号', 'certNo'],
  ] as const)('%s -> %s', (header, field) => {
    const m = suggestMapping(['无关列', header]);
    expect(m[field]).toBe(1);
  });
  it('uses each column once and prefers exact names', () => {
    const m = suggestMapping(['编号', '案件编号', '执法部门', '部门']);
    expect(m.caseNo).toBe(1);
    expect(m.department).toBe(2);
  });
  it('a 承办人（执法证号） column serves both officer and certificate', () => {
    const m = suggestMapping(['案件编号', '承办人（执法证号）']);
    expect(m.officer).toBe(1);
    expect(m.certNo).toBe(1);
  });
});

describe('mapping by header names', () => {
  it('round-trips through header texts even when columns move', () => {
    const headers = ['案件编号', '执法部门', '我的类型列'];
    const m = suggestMapping(headers);
    m.caseType = 2;
    const names = mappingToHeaderNames(m, headers);
    expect(names.caseType).toBe('我的类型列');
    const moved = ['我的类型列', '备注', '执法部门', '案件编号'];
    const again = mappingFromHeaderNames(names, moved);
    expect(again.caseType).toBe(0);
    expect(again.department).toBe(2);
    expect(again.caseNo).toBe(3);
    expect(again.party).toBeNull();
  });
  it('lists required fields without column or default', () => {
    const m = suggestMapping(['案件编号']);
    expect(missingRequiredFields(m)).toEqual(['department', 'caseType']);
    expect(missingRequiredFields(m, { defaultDepartment: '某局', defaultCaseType: '行政处罚' })).toEqual([]);
  });
});
