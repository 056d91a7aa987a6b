import { describe, expect, it } from 'vitest';
import {
  caseTypeInText,
  caseTypeOfCaseNo,
  departmentInText,
  describeInferred,
  inferLedgerContext,
} from '../../shared/ledger/infer';
import { checkLedgerFile } from '../../shared/ledger/check-file';
import { guessHeader, suggestMapping } from '../../shared/ledger/header';
import { readWorkbook } from '../../shared/ledger/read-workbook';
import type { DepartmentEntry } from '../../shared/ledger/departments';
import {
  inspectionLedger,
  ledgerXlsx,
  licensingLedger,
  titleOnlyLedger,
  variantsLedger,
} from '../fixtures/department-ledgers';

const dir: DepartmentEntry[] = [
  { id: 'd1', name: '德阳市应急管理局', aliases: ['应急局'], caseNoPrefixes: ['德应急'], kind: 'municipal' },
  { id: 'd3', name: '德阳市交通运输局', aliases: ['交通局'], caseNoPrefixes: ['德交'], kind: 'municipal' },
];

describe('inference from title, names and case numbers', () => {
  it('department and type from a title row', () => {
    expect(departmentInText('德阳市交通运输局2024年度行政检查台账')).toBe('德阳市交通运输局');
    expect(departmentInText('附件2：德阳市卫生健康委员会2024年度行政处罚案件台账')).toBe(
      '德阳市卫生健康委员会',
    );
    expect(departmentInText('2024年度行政执法案件台账')).toBeNull();
    expect(caseTypeInText('德阳市交通运输局2024年度行政检查台账')).toBe('行政检查');
    expect(caseTypeInText('2024年度行政执法案件台账')).toBeNull();
  });

  it('the directory wins over the name pattern (交通局 -> 德阳市交通运输局)', () => {
    expect(departmentInText('交通局-检查台账.xlsx', dir)).toBe('德阳市交通运输局');
  });

  it('type from the case-number prefix: 德交检 -> 行政检查, 德应急罚 -> 行政处罚', () => {
    expect(caseTypeOfCaseNo('德交检〔2024〕3号')).toBe('行政检查');
    expect(caseTypeOfCaseNo('德应急罚[2024]3号')).toBe('行政处罚');
    expect(caseTypeOfCaseNo('德市监许(2024)3号')).toBe('行政许可');
    expect(caseTypeOfCaseNo('2024-001')).toBeNull();
  });

  it('order of sources: title, sheet name, file name, case-number prefix', () => {
    const r = inferLedgerContext({
      fileName: '台账.xlsx',
      sheetName: '德阳市交通运输局',
      titleRows: [['2024年度台账', '2024年度台账']],
      caseNos: ['德交检〔2024〕1号', '德交检〔2024〕2号', '德交检〔2024〕3号'],
    });
    expect(r.department).toEqual({
      value: '德阳市交通运输局',
      source: 'sheet-name',
      from: '德阳市交通运输局',
    });
    expect(r.caseType).toEqual({ value: '行政检查', source: 'case-no-prefix', from: '德交检' });
    expect(describeInferred(r.caseType!)).toBe('行政检查（取自案件编号前缀“德交检”）');
  });

  it('department from the case-number prefix needs the directory and a clear majority', () => {
    const input = {
      fileName: 'Sheet1.xlsx',
      sheetName: 'Sheet1',
      titleRows: [],
      caseNos: ['德应急罚〔2024〕1号', '德应急罚〔2024〕2号'],
    };
    expect(inferLedgerContext(input).department).toBeNull();
    expect(inferLedgerContext({ ...input, directory: dir }).department).toMatchObject({
      value: '德阳市应急管理局',
      source: 'case-no-prefix',
    });
    const mixed = { ...input, directory: dir, caseNos: ['德应急罚〔2024〕1号', '德交罚〔2024〕2号'] };
    expect(inferLedgerContext(mixed).department).toBeNull();
  });
});

describe('department ledgers as sent (XLSX fixtures)', () => {
  it('title-only ledger: department and type inferred, footer lines excluded, 万元 amounts', async () => {
    const l = titleOnlyLedger();
    const bytes = await ledgerXlsx(l);
    const wb = readWorkbook(bytes, l.fileName);
    const sheet = wb.sheets[0]!;
    const header = guessHeader(sheet.rows)!;
    expect(header.headerRow).toBe(1);
    const inf = inferLedgerContext({
      fileName: l.fileName,
      sheetName: sheet.name,
      titleRows: sheet.rows.slice(0, header.headerRow),
      caseNos: [],
    });
    expect(inf.department).toMatchObject({ value: '德阳市交通运输局', source: 'title' });
    expect(inf.caseType).toMatchObject({ value: '行政处罚', source: 'title' });
    const { report } = checkLedgerFile(bytes, l.fileName, {
      defaultDepartment: inf.department!.value,
      defaultCaseType: inf.caseType!.value,
    });
    expect(report.counts).toEqual({ valid: 24, errors: 0, warnings: 0, excluded: 3 });
    expect(report.issues.filter((i) => i.code === 'footer-row').map((i) => i.message)).toEqual([
      '第 28 行是表尾的“填报人”签署行，已排除，不作为案件导入。',
      '第 29 行是表尾的“填报日期”签署行，已排除，不作为案件导入。',
    ]);
    expect(report.valid[1]!.amountFen).toBe(1_500_00); // 0.15 万元
  });

  it('inspection ledger: every inspection header maps without help', async () => {
    const l = inspectionLedger();
    const wb = readWorkbook(await ledgerXlsx(l), l.fileName);
    const header = guessHeader(wb.sheets[0]!.rows)!;
    const m = suggestMapping(header.headers);
    const name = (c: number | null) => (c === null ? null : header.headers[c]);
    expect(name(m.caseNo)).toBe('检查编号');
    expect(name(m.party)).toBe('检查对象');
    expect(name(m.filedDate)).toBe('检查日期');
    expect(name(m.cause)).toBe('检查事项');
    expect(name(m.officer)).toBe('检查人员');
    expect(m.closedDate).toBeNull();
  });

  it('办案单位 and 实施主体 are the department column', async () => {
    for (const l of [variantsLedger(), licensingLedger()]) {
      const wb = readWorkbook(await ledgerXlsx(l), l.fileName);
      const header = guessHeader(wb.sheets[0]!.rows)!;
      const m = suggestMapping(header.headers);
      expect(['办案单位', '实施主体']).toContain(header.headers[m.department!]);
    }
  });

  it('variants: bracket forms compared as one number, same number under two departments warned, names mapped', async () => {
    const l = variantsLedger();
    const bytes = await ledgerXlsx(l);
    const plain = checkLedgerFile(bytes, l.fileName).report;
    const dup = plain.issues.filter((i) => i.code === 'duplicate-in-file');
    expect(dup.map((i) => i.row)).toEqual([19]);
    expect(dup[0]!.message).toContain('与第 5 行重复');
    const other = plain.issues.filter((i) => i.code === 'same-case-no-other-department');
    expect(other).toHaveLength(1);
    expect(other[0]!.message).toBe(
      '第 20 行（德阳市交通运输局）与第 7 行（德阳市应急管理局）的案件编号同为“德应急罚〔2024〕5号”，但执法部门不同，请核对是否填错部门。',
    );
    expect(new Set(plain.valid.map((r) => r.department))).toEqual(
      new Set(['市应急管理局', '德阳市应急管理局', '德阳市交通运输局']),
    );
    // the original case number is kept as written
    expect(plain.valid.find((r) => r.sourceRow === 4)!.caseNo).toBe('德应急罚[2024]2号');
    expect(plain.issues.filter((i) => i.code === 'footer-row')).toHaveLength(3);

    const mapped = checkLedgerFile(bytes, l.fileName, {
      departmentMap: { 市应急管理局: '德阳市应急管理局' },
    }).report;
    expect(new Set(mapped.valid.map((r) => r.department))).toEqual(
      new Set(['德阳市应急管理局', '德阳市交通运输局']),
    );
    expect(mapped.valid.filter((r) => r.department === '德阳市应急管理局')).toHaveLength(16);
    expect(mapped.valid.every((r) => r.itemId.startsWith(r.department + '|'))).toBe(true);
  });

  it('resolveDepartments counts the variants as the import stores them, and says which were joined', async () => {
    const l = variantsLedger();
    const r = checkLedgerFile(await ledgerXlsx(l), l.fileName, { resolveDepartments: true });
    expect(new Set(r.report.valid.map((x) => x.department))).toEqual(
      new Set(['德阳市应急管理局', '德阳市交通运输局']),
    );
    expect(r.report.valid.filter((x) => x.department === '德阳市应急管理局')).toHaveLength(16);
    const joined = r.departments.find((d) => d.input === '市应急管理局')!;
    expect(joined).toMatchObject({ department: '德阳市应急管理局', rule: 'city-prefix' });
    expect(joined.rows).toBeGreaterThan(0);
    expect(checkLedgerFile(await ledgerXlsx(l), l.fileName).departments).toEqual([]);
  });
});
