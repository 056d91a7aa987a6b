import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { resultsWorkbook } from '../../renderer/results/results-export';
import { estimateCampaign } from '../../shared/stats/campaign-estimates';
import { buildCampaignResults, type ReviewedFileInput } from '../../shared/review/results';
import { defaultPenaltyStandard } from '../../shared/standards/default-standards';

// The exported workbook opened by a real spreadsheet library: figures are numbers a clerk can sort
// and sum, and the grades agree with the page (a capped file never lifts a department to 优秀).
describe('results XLSX export', () => {
  const std = defaultPenaltyStandard();
  const item = std.categories[0]!.items[0]!;
  const cap = std.vetoes.find((v) => v.kind === 'cap')!;
  const files: ReviewedFileInput[] = [
    {
      itemId: 'a',
      department: '甲局',
      caseNo: '甲罚〔2026〕1号',
      standard: std,
      sheet: {
        deductions: [{ itemId: item.id, optionId: item.deductions[0]!.id, count: 1, problem: '缺页' }],
        vetoes: [{ vetoId: cap.id, reason: '未经法制审核' }],
      },
    },
    {
      itemId: 'b',
      department: '乙局',
      caseNo: '乙罚〔2026〕1号',
      standard: std,
      sheet: { deductions: [], vetoes: [] },
    },
  ];

  it('writes means and 三项制度 rates as numbers, and the capped department is not 优秀', async () => {
    const r = buildCampaignResults(files);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(resultsWorkbook(r)) as unknown as ArrayBuffer);
    const ranking = wb.getWorksheet('部门排名')!;
    const rows = [2, 3].map((n) => ranking.getRow(n).values as unknown[]);
    const jia = rows.find((v) => v[2] === '甲局')!;
    expect(typeof jia[4]).toBe('number');
    expect(jia[5]).toBe('合格');
    const three = wb.getWorksheet('三项制度')!;
    expect(three.getRow(1).getCell(4).value).toBe('落实率（%）');
    const rates = [2, 3, 4]
      .map((n) => three.getRow(n).getCell(4).value)
      .filter((v) => v !== null && v !== '');
    expect(rates.length).toBeGreaterThan(0);
    for (const v of rates) expect(typeof v).toBe('number');
  });

  it('adds a 总体推算 sheet: per population and attribute, the sample count, estimate and interval', async () => {
    const r = buildCampaignResults(files);
    const est = estimateCampaign(
      {
        stratification: { by: 'department' },
        strata: [
          { key: '甲局', size: 100 },
          { key: '乙局', size: 50 },
        ],
        drawn: [
          { itemId: 'a', stratum: '甲局', department: '甲局' },
          { itemId: 'b', stratum: '乙局', department: '乙局' },
        ],
        replacements: [],
        extras: [],
      },
      r.files,
      0.95,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(resultsWorkbook(r, { estimates: est })) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('总体推算')!;
    expect(sheet.getRow(1).getCell(8).value).toBe('下限（95%）');
    const rows: unknown[][] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) rows.push((row.values as unknown[]).slice(1));
    });
    // 全市 then each department, one row per attribute.
    expect(rows).toHaveLength(3 * est.city.figures.length);
    const city = rows.find((x) => x[0] === '全市' && x[4] === est.city.figures[0]!.label)!;
    expect(city.slice(1, 4)).toEqual([150, 150, 2]);
    expect(typeof city[6]).toBe('number');
    expect(city[6]).toBe(Math.round(est.city.figures[0]!.point * 10) / 10);
    // Without estimates (no draw record) the workbook has no such sheet.
    const plain = new ExcelJS.Workbook();
    await plain.xlsx.load(Buffer.from(resultsWorkbook(r)) as unknown as ArrayBuffer);
    expect(plain.getWorksheet('总体推算')).toBeUndefined();
  });
});
