import { describe, expect, it } from 'vitest';
import {
  addAlias,
  caseNoPrefix,
  cityShortForm,
  departmentMapOf,
  directoryProblems,
  guessDepartmentKind,
  mergeDepartmentEntries,
  newDepartmentEntry,
  renameDepartmentEntry,
  resolveDepartment,
  resolveDepartments,
  sameDepartment,
  type DepartmentEntry,
} from '../../shared/ledger/departments';
import { caseNoKey } from '../../shared/ledger/normalize';

const dir: DepartmentEntry[] = [
  {
    id: 'd1',
    name: '德阳市应急管理局',
    aliases: ['应急局'],
    caseNoPrefixes: ['德应急罚'],
    kind: 'municipal',
  },
  {
    id: 'd2',
    name: '德阳市市场监督管理局',
    aliases: ['市市场监管局'],
    caseNoPrefixes: ['德市监罚', '德市监许'],
    kind: 'municipal',
  },
  { id: 'd3', name: '德阳市交通运输局', aliases: [], caseNoPrefixes: ['德交'], kind: 'municipal' },
  { id: 'd4', name: '旌阳区市场监督管理局', aliases: [], caseNoPrefixes: [], kind: 'district' },
];

describe('department resolution (机构名录)', () => {
  it('exact full name, also with full-width spaces around it', () => {
    expect(resolveDepartment(dir, '　德阳市应急管理局 ')).toMatchObject({
      department: '德阳市应急管理局',
      rule: 'exact',
    });
  });

  it('alias', () => {
    expect(resolveDepartment(dir, '应急局')).toMatchObject({
      department: '德阳市应急管理局',
      rule: 'alias',
      via: '应急局',
    });
  });

  it('city prefix: 市应急管理局 ↔ 德阳市应急管理局, and the other way round', () => {
    expect(resolveDepartment(dir, '市应急管理局')).toMatchObject({
      department: '德阳市应急管理局',
      rule: 'city-prefix',
    });
    const short = [{ ...dir[0]!, name: '市应急管理局', aliases: [] }];
    expect(resolveDepartment(short, '德阳市应急管理局')).toMatchObject({
      department: '市应急管理局',
      rule: 'city-prefix',
    });
    expect(resolveDepartment(dir, '市交通运输局').department).toBe('德阳市交通运输局');
  });

  it('city prefix never strips a district: 旌阳区市场监督管理局 is not 市场监督管理局 of the city', () => {
    expect(cityShortForm('旌阳区市场监督管理局')).toBe('旌阳区市场监督管理局');
    expect(cityShortForm('德阳市市场监督管理局')).toBe('市市场监督管理局');
    expect(resolveDepartment(dir, '市场监督管理局').rule).toBe('unknown');
  });

  it('case-number prefix decides when the name is unknown or empty', () => {
    expect(resolveDepartment(dir, '', '德应急罚〔2024〕12号')).toMatchObject({
      department: '德阳市应急管理局',
      rule: 'case-no-prefix',
      via: '德应急罚',
    });
    expect(resolveDepartment(dir, '安监科', '德市监罚[2024]3号').department).toBe('德阳市市场监督管理局');
    expect(resolveDepartment(dir, '安监科', 'X-2024-3')).toMatchObject({ department: null, rule: 'unknown' });
  });

  it('resolves each distinct name once and builds the map for the import', () => {
    const res = resolveDepartments(dir, [
      { name: '市应急管理局' },
      { name: '德阳市应急管理局' },
      { name: '市应急管理局' },
      { name: '某某科' },
    ]);
    expect(res.map((r) => r.rule)).toEqual(['city-prefix', 'exact', 'unknown']);
    expect(departmentMapOf(res)).toEqual({
      市应急管理局: '德阳市应急管理局',
      德阳市应急管理局: '德阳市应急管理局',
    });
  });

  it('sameDepartment: a reviewer of 市应急管理局 is of the department of 德阳市应急管理局 files', () => {
    expect(sameDepartment(dir, '市应急管理局', '德阳市应急管理局')).toBe(true);
    expect(sameDepartment(dir, '应急局', '德阳市交通运输局')).toBe(false);
  });

  it('case-number prefix and comparison key', () => {
    expect(caseNoPrefix('德应急罚〔2024〕12号')).toBe('德应急罚');
    expect(caseNoPrefix('德交检[2024]003号')).toBe('德交检');
    const forms = [
      '德应急罚[2024]12号',
      '德应急罚(2024)12号',
      '德应急罚〔2024〕12号',
      '德应急罚（２０２４）１２号',
      '德应急罚 【2024】 12号',
    ];
    expect(new Set(forms.map(caseNoKey))).toEqual(new Set(['德应急罚〔2024〕12号']));
    expect(caseNoKey('德应急罚〔2024〕12号')).not.toBe(caseNoKey('德应急罚〔2023〕12号'));
  });

  it('directory problems: a name or prefix claimed by two departments', () => {
    expect(directoryProblems(dir)).toEqual([]);
    const bad = [dir[0]!, { ...dir[2]!, aliases: ['应急局'], caseNoPrefixes: ['德应急罚'] }];
    const p = directoryProblems(bad);
    expect(p.join('\n')).toContain('名称“应急局”同时属于“德阳市应急管理局”和“德阳市交通运输局”');
    expect(p.join('\n')).toContain('案件编号前缀“德应急罚”');
  });

  it('addAlias answers "alias of which one?" and refuses an alias another department owns', () => {
    const next = addAlias(dir, 'd3', '交通局');
    expect(resolveDepartment(next, '交通局').department).toBe('德阳市交通运输局');
    expect(() => addAlias(dir, 'd3', '应急局')).toThrow(/同时属于/);
    expect(() => addAlias(dir, 'nope', 'x')).toThrow(/没有这个机构/);
  });

  it('merge: the former name and aliases become aliases of the target', () => {
    const withVariant = [
      ...dir,
      newDepartmentEntry('d9', '市应急管理局', { aliases: ['应急管理局'], caseNoPrefixes: ['德应急强'] }),
    ];
    const { directory, renamed } = mergeDepartmentEntries(withVariant, 'd9', 'd1');
    expect(directory.map((d) => d.id)).toEqual(['d1', 'd2', 'd3', 'd4']);
    expect(directory[0]!.aliases).toEqual(['应急局', '市应急管理局', '应急管理局']);
    expect(directory[0]!.caseNoPrefixes).toEqual(['德应急罚', '德应急强']);
    expect(renamed).toEqual({ 市应急管理局: '德阳市应急管理局' });
    expect(() => mergeDepartmentEntries(dir, 'd1', 'd1')).toThrow(/自己/);
  });

  it('rename keeps the old name as an alias', () => {
    const { directory, renamed } = renameDepartmentEntry(dir, 'd3', '德阳市交通运输局（港航）');
    expect(renamed).toEqual({ 德阳市交通运输局: '德阳市交通运输局(港航)' });
    expect(resolveDepartment(directory, '德阳市交通运输局').department).toBe('德阳市交通运输局(港航)');
    expect(() => renameDepartmentEntry(dir, 'd3', '  ')).toThrow(/不能为空/);
    expect(() => renameDepartmentEntry(dir, 'd3', '应急局')).toThrow(/同时属于/);
  });

  it('kind guessed from the name', () => {
    expect(guessDepartmentKind('德阳市应急管理局')).toBe('municipal');
    expect(guessDepartmentKind('旌阳区市场监督管理局')).toBe('district');
    expect(guessDepartmentKind('德阳市旌阳区城市管理局')).toBe('district');
    expect(guessDepartmentKind('孝泉镇人民政府')).toBe('township');
    expect(guessDepartmentKind('旌阳街道办事处')).toBe('township');
  });
});
