// The department names of a ledger resolved against the directory and among themselves (shared by the import
// and `pingcha ledger check`), and the sentences that report every merged variant.
import { describe, expect, it } from 'vitest';
import { emptyMapping } from '../../shared/ledger/header';
import { mergedVariantLines, resolveSheetDepartments } from '../../shared/ledger/department-resolution';

describe('resolving a ledger’s department names on import', () => {
  const rows = [
    ['案件编号', '办案单位'],
    ['德应急罚〔2024〕1号', '市应急管理局'],
    ['德应急罚〔2024〕2号', '德阳市应急管理局'],
    ['德应急罚〔2024〕3号', '德阳市应急管理局'],
    ['德交罚〔2024〕4号', '德阳市交通运输局'],
    ['X-5', '安监科'],
  ];
  const request = {
    headerRow: 0,
    mapping: { ...emptyMapping(), caseNo: 0, department: 1 },
    defaultDepartment: null,
  };

  it('variants in one ledger become one department even with an empty directory', () => {
    const r = resolveSheetDepartments(rows, request, []);
    expect(r.map).toEqual({ 市应急管理局: '德阳市应急管理局' });
    expect(r.rows.map((x) => [x.input, x.department, x.rule, x.rows])).toEqual([
      ['德阳市应急管理局', '德阳市应急管理局', 'unknown', 2],
      ['市应急管理局', '德阳市应急管理局', 'city-prefix', 1],
      ['德阳市交通运输局', '德阳市交通运输局', 'unknown', 1],
      ['安监科', '安监科', 'unknown', 1],
    ]);
  });

  it('the directory and the user’s answers come first', () => {
    const dir = [
      {
        id: 'd1',
        name: '德阳市交通运输局',
        aliases: [],
        caseNoPrefixes: ['德交'],
        kind: 'municipal' as const,
      },
    ];
    const r = resolveSheetDepartments(
      rows,
      { ...request, departmentChoices: { 安监科: '德阳市应急管理局' } },
      dir,
    );
    expect(r.map).toEqual({
      市应急管理局: '德阳市应急管理局',
      德阳市交通运输局: '德阳市交通运输局',
      安监科: '德阳市应急管理局',
    });
    expect(r.rows.find((x) => x.input === '安监科')!.rule).toBe('choice-alias');
  });

  it('sign-off lines and 合计 rows under the table (merged across every column) name no department', () => {
    const footer = (t: string) => [t, t];
    const r = resolveSheetDepartments(
      [
        ...rows,
        ['合计', '5 件'],
        [],
        footer('填报人：何某'),
        footer('审核人：罗某'),
        footer('填报日期：2025-01-08'),
      ],
      request,
      [],
    );
    expect(r.rows.map((x) => x.input)).toEqual([
      '德阳市应急管理局',
      '市应急管理局',
      '德阳市交通运输局',
      '安监科',
    ]);
  });
});

describe('reporting merged department variants', () => {
  const request = {
    headerRow: 0,
    mapping: { ...emptyMapping(), caseNo: 0, department: 1 },
    defaultDepartment: null,
  };

  it('names each variant, the department it is counted under and its rows', () => {
    const rows = [
      ['案件编号', '办案单位'],
      ...Array.from({ length: 12 }, (_, i) => [`德应急罚〔2024〕${i + 1}号`, '市应急管理局']),
      ...Array.from({ length: 3 }, (_, i) => [`德应急罚〔2024〕${i + 20}号`, '德阳市应急管理局']),
      ['德交罚〔2024〕4号', '德阳市交通运输局'],
      ['德交罚〔2024〕5号', '交通局'],
    ];
    const dir = [
      {
        id: 'd1',
        name: '德阳市交通运输局',
        aliases: ['交通局'],
        caseNoPrefixes: ['德交'],
        kind: 'municipal' as const,
      },
    ];
    const r = resolveSheetDepartments(rows, request, dir);
    expect(mergedVariantLines(r.rows)).toEqual([
      '市应急管理局 → 按 德阳市应急管理局 计，共 12 行',
      '交通局 → 按 德阳市交通运输局 计，共 1 行',
    ]);
  });

  it('says nothing when every name is stored as written', () => {
    const rows = [
      ['案件编号', '办案单位'],
      ['X-1', '德阳市应急管理局'],
      ['X-2', '德阳市交通运输局'],
    ];
    expect(mergedVariantLines(resolveSheetDepartments(rows, request, []).rows)).toEqual([]);
  });

  it('reports the user’s alias choice as a merge too', () => {
    const rows = [
      ['案件编号', '办案单位'],
      ['X-1', '德阳市应急管理局'],
      ['X-2', '安监科'],
      ['X-3', '安监科'],
    ];
    const r = resolveSheetDepartments(
      rows,
      { ...request, departmentChoices: { 安监科: '德阳市应急管理局' } },
      [],
    );
    expect(mergedVariantLines(r.rows)).toEqual(['安监科 → 按 德阳市应急管理局 计，共 2 行']);
  });
});
