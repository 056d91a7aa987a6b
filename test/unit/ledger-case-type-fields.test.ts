// Fields each case type should have (检查日期 for inspections, 申请人 for licences, 当事人 for penalties):
// reported as warnings naming the row, labelled as that type calls them.
import { describe, expect, it } from 'vitest';
import { buildLedgerReport } from '../../shared/ledger/build-report';
import { guessHeader, suggestMapping } from '../../shared/ledger/header';
import { fieldLabelFor, requiredFieldsFor } from '../../shared/ledger/case-type-fields';
import type { Cell } from '../../shared/ledger/types';

function report(header: Cell[], rows: Cell[][]) {
  const sheet = { name: '台账', rows: [header, ...rows] };
  const g = guessHeader(sheet.rows)!;
  return buildLedgerReport(sheet, {
    fileName: 'a.xlsx',
    sheetName: '台账',
    headerRow: g.headerRow,
    mapping: suggestMapping(g.headers),
  });
}

describe('fields per case type', () => {
  it('an inspection without 检查日期 and a licence without 申请人 are imported with a warning naming the row', () => {
    const r = report(
      ['检查编号', '执法部门', '案件类型', '检查对象', '检查日期'],
      [
        ['检-1', '交通运输局', '行政检查', '某公司', '2025-03-01'],
        ['检-2', '交通运输局', '行政检查', '某物流公司', ''],
        ['许-1', '交通运输局', '行政许可', '', '2025-03-02'],
        ['罚-1', '交通运输局', '行政处罚', '张某', '2025-03-03'],
      ],
    );
    expect(r.counts).toMatchObject({ valid: 4, errors: 0, warnings: 2 });
    const warnings = r.issues.filter((i) => i.code === 'missing-for-case-type');
    expect(warnings.map((w) => [w.row, w.column])).toEqual([
      [3, '检查日期'],
      [4, '检查对象'],
    ]);
    expect(warnings[0]!.message).toBe(
      '第 3 行（行政检查）的检查日期为空：评查期间按此日期判断，空缺的案卷不会纳入按期间确定的评查范围。',
    );
    expect(warnings[1]!.message).toMatch(/^第 4 行（行政许可）的申请人为空：评查和整改函须写明申请人/);
  });

  it('labels follow the case type', () => {
    expect(fieldLabelFor('filedDate', '行政检查')).toBe('检查日期');
    expect(fieldLabelFor('filedDate', '行政许可')).toBe('受理日期');
    expect(fieldLabelFor('filedDate', '行政处罚')).toBe('立案日期');
    expect(fieldLabelFor('party', '行政许可')).toBe('申请人');
    expect(fieldLabelFor('party', null)).toBe('当事人');
    expect(requiredFieldsFor('其他')).toEqual([]);
  });
});
