// Where reviewer agreement shows outside the page: the 评查一致性 sheet of the results XLSX and the one
// sentence of the 通报.
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { agreementSheet, resultsWorkbook } from '../../renderer/results/results-export';
import { buildCampaignResults } from '../../shared/review/results';
import { sampleReviewedFiles } from '../../shared/letters/sample-results';
import { buildCampaignReport, reportSections } from '../../shared/letters/campaign-report';
import { defaultLetterSettings } from '../../shared/letters/letter-settings';
import { documentText } from '../../shared/documents/sample';
import { reviewerAgreement, type SheetPair } from '../../shared/review/reviewer-agreement';
import { defaultPenaltyStandard } from '../../shared/standards/default-standards';

const standard = defaultPenaltyStandard();
const deduct = (itemId: string, optionId: string) => ({ itemId, optionId, count: 1, problem: '问题' });
// 8 files: both find pen-arch-1 on files 0-3; only A finds pen-doc-2 on files 0-1, only B on files 2-3.
const pairs: SheetPair[] = Array.from({ length: 8 }, (_, i) => ({
  itemId: `f${i}`,
  standard,
  a: {
    deductions: [
      ...(i < 4 ? [deduct('pen-arch-1', 'pen-arch-1-d1')] : []),
      ...(i < 2 ? [deduct('pen-doc-2', 'pen-doc-2-d1')] : []),
    ],
    vetoes: [],
  },
  b: {
    deductions: [
      ...(i < 4 ? [deduct('pen-arch-1', 'pen-arch-1-d1')] : []),
      ...(i === 2 || i === 3 ? [deduct('pen-doc-2', 'pen-doc-2-d1')] : []),
    ],
    vetoes: [],
  },
}));
const agreement = reviewerAgreement(pairs);

describe('results XLSX: the 评查一致性 sheet', () => {
  it('one pooled row and one row per 评查要点, figures as numbers, undefined figures empty with the reason', async () => {
    const sheet = agreementSheet(agreement);
    expect(sheet.name).toBe('评查一致性');
    expect(sheet.rows).toHaveLength(1 + 23 + 13);

    const results = buildCampaignResults(
      sampleReviewedFiles({ departments: 2, filesPerDepartment: 2, seed: 3 }),
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(resultsWorkbook(results, { agreement })) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('评查一致性')!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    const col = (name: string) => header.indexOf(name) + 1;
    const rowOf = (wording: string) => {
      for (let r = 2; r <= ws.rowCount; r++)
        if (ws.getRow(r).getCell(col('评查要点')).value === wording) return ws.getRow(r);
      throw new Error(wording);
    };

    const doc = rowOf('文书内容填写完整、准确');
    expect(doc.getCell(col('理解不一')).value).toBe('是');
    expect(doc.getCell(col('仅A认定')).value).toBe(2);
    expect(doc.getCell(col('仅B认定')).value).toBe(2);
    expect(doc.getCell(col('一致率')).value).toBe(0.5);
    expect(doc.getCell(col('Cohen κ')).value).toBe(
      Math.round(agreement.items.find((i) => i.id === 'pen-doc-2')!.kappa.value! * 1e4) / 1e4,
    );
    expect(typeof doc.getCell(col('Gwet AC1上限')).value).toBe('number');

    const quiet = rowOf('执法主体合法，在法定职权和管辖范围内');
    expect(quiet.getCell(col('Cohen κ')).value).toBeNull();
    expect(String(quiet.getCell(col('说明')).value)).toContain('κ 无定义');
    expect(quiet.getCell(col('Gwet AC1')).value).toBe(1);

    const pooled = ws.getRow(2);
    expect(pooled.getCell(1).value).toBe('合计（全部评查要点）');
    expect(pooled.getCell(col('案卷数')).value).toBe(8);
  });

  it('without agreement figures the workbook has no such sheet', async () => {
    const results = buildCampaignResults(
      sampleReviewedFiles({ departments: 1, filesPerDepartment: 1, seed: 1 }),
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(resultsWorkbook(results)) as unknown as ArrayBuffer);
    expect(wb.getWorksheet('评查一致性')).toBeUndefined();
  });
});

describe('通报: one plain sentence on reviewer agreement', () => {
  const results = buildCampaignResults(
    sampleReviewedFiles({ departments: 2, filesPerDepartment: 3, seed: 7 }),
  );
  const input = {
    campaign: { id: 'c1', name: '2026年度行政执法案卷评查', year: 2026, periodFrom: null, periodTo: null },
    results,
    draw: null,
    settings: { ...defaultLetterSettings(), issuer: '德阳市司法局' },
    issueDate: '2026-12-01',
  };

  it('is said in 评查方法 after the review method, naming the items read differently', () => {
    const sections = reportSections({ ...input, agreement });
    const keys = sections.map((s) => s.key);
    expect(keys.indexOf('method-agreement')).toBe(keys.indexOf('method-review') + 1);
    const text = documentText(buildCampaignReport({ ...input, agreement }));
    expect(text).toContain('两名评查人员对8件案卷共288项评查要点的判断一致率为98.6%');
    expect(text).toContain('“文书内容填写完整、准确”');
  });

  it('is left out without two submitted sheets of any file', () => {
    expect(reportSections({ ...input, agreement: reviewerAgreement([]) }).map((s) => s.key)).not.toContain(
      'method-agreement',
    );
    expect(reportSections(input).map((s) => s.key)).not.toContain('method-agreement');
  });
});
