import { runAnnualReview } from '../../shared/officers/annual-review';
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../shared/ledger/types';
import { idCheckChar } from '../../shared/officers/id-card';
import {
  guessOfficerHeaderRow,
  guessOfficerMapping,
  importOfficers,
  parseEmploymentType,
  splitAreas,
  type OfficerImportOptions,
} from '../../shared/officers/officer-import';
import { parseOfficer } from '../../shared/officers/officer-model';

const id = (first17: string): string => first17 + idCheckChar(first17);
const ID1 = id('51060319800101123');
const ID2 = id('51060319850612234');
const ID3 = id('51060319900315345');

const HEADER = [
  '序号',
  '姓名',
  '性别',
  '公民身份号码',
  '单位',
  '职务',
  '用工性质',
  '证件编号',
  '执法种类',
  '发证日期',
  '有效期限',
  '状态',
];

function opts(over: Partial<OfficerImportOptions> = {}): OfficerImportOptions {
  let n = 0;
  return {
    fileName: '执法人员名册.xlsx',
    sheetName: 'Sheet1',
    headerRow: 1,
    importedAt: '2026-01-10T09:00:00+08:00',
    importedBy: '王科员',
    newId: () => `new${++n}`,
    today: '2026-01-10',
    ...over,
  };
}

describe('officer header mapping', () => {
  it('maps every synonym and never takes 身份证号 for 证号', () => {
    const m = guessOfficerMapping([
      '姓名',
      '身份证号',
      '执法部门',
      '岗位',
      '人员性质',
      '执法证号',
      '执法区域',
      '发证日期',
      '有效期至',
      '状态',
      '性别',
    ]);
    expect(m).toEqual({
      name: 0,
      idNumber: 1,
      department: 2,
      post: 3,
      employmentType: 4,
      certificateNo: 5,
      areas: 6,
      issueDate: 7,
      expiryDate: 8,
      status: 9,
      gender: 10,
    });
    const m2 = guessOfficerMapping([
      '身份证号',
      '证号',
      '编制类型',
      '执法类别',
      '有效期至（年月日）'.replace(/（.*）/, ''),
    ]);
    expect(m2.idNumber).toBe(0);
    expect(m2.certificateNo).toBe(1);
    expect(m2.employmentType).toBe(2);
    expect(m2.areas).toBe(3);
  });
  it('finds the header below a title row', () => {
    const rows: Cell[][] = [['某市行政执法人员名册'], HEADER, ['1', '张三']];
    expect(guessOfficerHeaderRow(rows)).toBe(1);
  });
  it('normalises employment wording and areas', () => {
    expect(parseEmploymentType('参公')).toBe('正式在编');
    expect(parseEmploymentType('行政编制')).toBe('正式在编');
    expect(parseEmploymentType('劳动合同')).toBe('合同工');
    expect(parseEmploymentType('临聘人员')).toBe('临时工');
    expect(parseEmploymentType('公益性岗位')).toBe('公益性岗位');
    expect(parseEmploymentType('工勤编')).toBe('工勤人员');
    expect(parseEmploymentType('志愿者')).toBeNull();
    // 劳务派遣 and 聘用 are kept as such, not folded into 合同工.
    expect(parseEmploymentType('劳务派遣')).toBe('劳务派遣');
    expect(parseEmploymentType('派遣人员')).toBe('劳务派遣');
    expect(parseEmploymentType('聘用')).toBe('聘用人员');
    expect(parseEmploymentType('聘用制')).toBe('聘用人员');
    expect(splitAreas('市场监管、食品安全；特种设备')).toEqual(['市场监管', '食品安全', '特种设备']);
  });
});

describe('importOfficers', () => {
  const title: Cell[] = ['某市行政执法人员名册（2026年1月）'];
  it('skips the 填表人/审核人 line under the table (merged across it) instead of calling it an error row', () => {
    const sign = '填表人：刘某某    审核人：陈某某';
    const rows: Cell[][] = [
      title,
      HEADER,
      ['1', '张三', '男', ID1, '市市场监督管理局', '科员', '劳务派遣', '', '', '', '', '有效'],
      [],
      HEADER.map(() => sign),
    ];
    const r = importOfficers(rows, opts());
    expect(r.counts.errors).toBe(0);
    expect(r.officers.map((o) => [o.name, o.employmentType])).toEqual([['张三', '劳务派遣']]);
    expect(r.issues.find((i) => i.row === 5)).toMatchObject({
      severity: 'info',
      message: '第5行是表尾签署行（填表人……），不是人员，已跳过',
    });
  });
  it('builds records with dates, areas, status history and a report', () => {
    const rows: Cell[][] = [
      title,
      HEADER,
      [
        '1',
        '张三',
        '男',
        ID1,
        '市市场监督管理局',
        '科员',
        '行政编制',
        '５１０６０１０００００１',
        '市场监管、食品安全',
        44562,
        '2022-01-01至2026-12-31',
        '有效',
      ],
      [
        '2',
        '李 四',
        '',
        ID2.toLowerCase(),
        '市交通运输局',
        '',
        '合同制',
        '510602000001',
        '道路运政',
        '2023年3月5日',
        '2028/3/4',
        '正常',
      ],
      [],
      [
        '3',
        '王五',
        '男',
        ID3,
        '市交通运输局',
        '',
        '正式在编',
        '510602000002',
        '路政',
        '2024.06.01',
        '',
        '暂扣',
      ],
    ];
    const r = importOfficers(rows, opts());
    expect(r.counts).toEqual({ valid: 3, errors: 0, warnings: 1, excluded: 1 });
    const [a, b, c] = r.officers;
    expect(a).toMatchObject({
      id: 'new1',
      name: '张三',
      gender: '男',
      certificateNo: '510601000001',
      areas: ['市场监管', '食品安全'],
      issueDate: '2022-01-01',
      expiryDate: '2026-12-31',
      employmentType: '正式在编',
    });
    // A spreadsheet says nothing about enforcement acts: unknown, so the yearly review cannot
    // mistake an imported officer for one with "no act in two years".
    expect(a!.lastEnforcementActDate).toBeUndefined();
    const review = runAnnualReview([a!], { year: 2025 });
    expect(review.proposals[0]!.reasons.map((x) => x.code)).not.toContain('no-enforcement-act');
    expect(a!.statusHistory).toEqual([
      {
        at: '2026-01-10T09:00:00+08:00',
        from: null,
        to: '有效',
        reason: '从“执法人员名册.xlsx”第3行导入',
        by: '王科员',
      },
    ]);
    expect(b).toMatchObject({
      name: '李四',
      gender: '女',
      idNumber: ID2.toUpperCase(),
      employmentType: '合同工',
      issueDate: '2023-03-05',
      expiryDate: '2028-03-04',
    });
    // Non-formal staff holding a certificate: imported, with a warning naming the row.
    const warn = r.issues.find((i) => i.code === 'non-formal-staff')!;
    expect(warn).toMatchObject({ severity: 'warning', row: 4, column: '用工性质' });
    expect(warn.message).toContain('李四');
    // Expiry derived from the validity setting when only the issue date is given.
    expect(c).toMatchObject({ status: '暂扣', issueDate: '2024-06-01', expiryDate: '2029-05-31' });
    for (const o of r.officers) expect(() => parseOfficer(o)).not.toThrow();
  });

  it('rejects bad rows with row, column and a Chinese reason, never printing the full ID number', () => {
    const badId = ID1.slice(0, 17) + (ID1[17] === '0' ? '1' : '0');
    const rows: Cell[][] = [
      title,
      HEADER,
      [
        '1',
        '张三',
        '男',
        badId,
        '市市场监督管理局',
        '',
        '在编',
        '510601000001',
        '',
        '2022-01-01',
        '2021-01-01',
        '',
      ],
      ['2', '', '', ID2, '市市场监督管理局', '', '在编', '510601000002', '', '', '', ''],
      ['3', '王五', '男', ID3, '', '', '在编', '510601000003', '', '', '', ''],
      ['4', '赵六', '男', '', '市市场监督管理局', '', '在编', '510601000004', '', '2022-13-01', '', '吊扣'],
      ['5', '孙七', '男', '', '市市场监督管理局', '', '在编', '510601000005', '', '', '', ''],
      ['6', '周八', '男', '', '市市场监督管理局', '', '在编', '510601000005', '', '', '', ''],
      ['7', '吴九', '女', ID2, '市市场监督管理局', '', '在编', '510601000007', '', '', '', ''],
      ['8', '郑十', '女', ID2, '市市场监督管理局', '', '在编', '510601000008', '', '', '', ''],
    ];
    const r = importOfficers(rows, opts());
    const errs = r.issues.filter((i) => i.severity === 'error');
    const at = (row: number) =>
      errs
        .filter((e) => e.row === row)
        .map((e) => e.code)
        .sort();
    expect(at(3)).toEqual(['bad-id-number', 'expiry-before-issue']);
    expect(at(4)).toEqual(['missing-field']);
    expect(at(5)).toEqual(['missing-field']);
    expect(at(6)).toEqual(['bad-date', 'unknown-status']);
    expect(at(8)).toEqual(['duplicate-certificate-in-file']);
    expect(at(10)).toEqual(['duplicate-person-in-file']);
    expect(r.officers.map((o) => o.name)).toEqual(['孙七', '吴九']);
    const idErr = errs.find((e) => e.code === 'bad-id-number')!;
    expect(idErr.column).toBe('公民身份号码');
    expect(idErr.message).toContain('校验位');
    expect(idErr.message).not.toContain(badId);
    expect(errs.find((e) => e.row === 8)!.message).toContain('与第7行重复');
    expect(errs.find((e) => e.code === 'unknown-status')!.message).toContain('“吊扣”');
  });

  it('refuses a sheet without a name column, and warns when the employment column is missing', () => {
    const none = importOfficers(
      [
        ['单位', '证号'],
        ['市司法局', '1'],
      ],
      opts({ headerRow: 0 }),
    );
    expect(none.officers).toEqual([]);
    expect(none.issues[0]!.message).toContain('找不到“姓名”列');
    const noType = importOfficers(
      [
        ['姓名', '执法证号'],
        ['张三', '510601000001'],
      ],
      opts({ headerRow: 0, defaultDepartment: '市司法局' }),
    );
    expect(noType.officers[0]).toMatchObject({ department: '市司法局', employmentType: '正式在编' });
    expect(noType.issues.some((i) => i.code === 'missing-column' && i.message.includes('人员性质'))).toBe(
      true,
    );
  });

  it('updates a stored officer with the same ID number and keeps its history', () => {
    const stored = parseOfficer({
      id: 'keep-me',
      name: '张三',
      idNumber: ID1,
      department: '市市场监督管理局',
      employmentType: '正式在编',
      certificateNo: '510601000001',
      statusHistory: [{ at: '2020-01-01', from: null, to: '有效', reason: '发证', by: '市司法局' }],
      sanctions: [{ kind: '纪律处分', date: '2024-01-01', note: '' }],
    });
    const rows: Cell[][] = [
      HEADER,
      ['1', '张三', '男', ID1, '市市场监督管理局', '', '在编', '510601000001', '', '', '', '暂扣'],
    ];
    const r = importOfficers(rows, opts({ headerRow: 0, existing: [stored] }));
    expect(r.updatedIds).toEqual(['keep-me']);
    expect(r.officers[0]!.id).toBe('keep-me');
    expect(r.officers[0]!.sanctions).toHaveLength(1);
    expect(r.officers[0]!.statusHistory.map((h) => [h.from, h.to])).toEqual([
      [null, '有效'],
      ['有效', '暂扣'],
    ]);
  });

  it('imports 5,000 rows quickly', () => {
    const rows: Cell[][] = [HEADER];
    for (let k = 0; k < 5000; k++) {
      const first17 = `510603198${k % 10}0101${String(k % 1000).padStart(3, '0')}`;
      rows.push([
        String(k + 1),
        `人员${k}`,
        '',
        id(first17.slice(0, 17)),
        '市市场监督管理局',
        '',
        '在编',
        `C${k}`,
        '市场监管',
        '2023-01-01',
        '2027-12-31',
        '有效',
      ]);
    }
    const t0 = performance.now();
    const r = importOfficers(rows, opts({ headerRow: 0 }));
    const ms = performance.now() - t0;
    console.log(`importOfficers 5000 rows: ${ms.toFixed(0)} ms`);
    expect(r.counts.valid + r.counts.errors).toBe(5000);
    expect(ms).toBeLessThan(3000);
  });
});
