// The merge-conflict dialog says in words what differs between two versions of a sheet.
import { describe, expect, it } from 'vitest';
import { describeSheetVersionDiff, type SheetVersionInput } from '../../shared/packages/sheet-version-diff';
import { defaultPenaltyStandard } from '../../shared/standards/default-standards';
import { formatHalfPoints, standardItems } from '../../shared/standards/standard-model';
import { scoreCaseFile, type ScoreSheet } from '../../shared/review/scoring-engine';

const standard = defaultPenaltyStandard();
const entries = standardItems(standard);
// An item with a per-occurrence option, and a fail veto and a cap veto.
const { item, category } = entries.find((e) => e.item.deductions.some((o) => o.mode === 'per-occurrence'))!;
const option = item.deductions.find((o) => o.mode === 'per-occurrence')!;
const fail = standard.vetoes.find((v) => v.kind === 'fail')!;

function version(sheet: Partial<ScoreSheet>, over: Partial<SheetVersionInput> = {}): SheetVersionInput {
  return {
    sheet: {
      standardId: standard.id,
      standardVersion: standard.version,
      deductions: [],
      vetoes: [],
      ...sheet,
    },
    status: 'submitted',
    standardId: standard.id,
    standardVersion: standard.version,
    standard,
    ...over,
  };
}

const deduct = (count: number, problem = '送达回证缺日期') => ({
  itemId: item.id,
  optionId: option.id,
  count,
  problem,
});

describe('describeSheetVersionDiff', () => {
  it('names the item, the points each version deducted, the totals and the grade', () => {
    const a = version({ deductions: [deduct(2)] });
    const b = version({ deductions: [] });
    const lines = describeSheetVersionDiff(a, b, { a: 'A 版', b: 'B 版' });
    const points = formatHalfPoints(option.amountHalfPoints * 2);
    expect(lines[0]).toBe(
      `扣分项不同：「${category.name}·${item.title}」A 版扣 ${points} 分（${option.label} ×2：送达回证缺日期），B 版未扣`,
    );
    const ta = scoreCaseFile(standard, a.sheet).totalHalfPoints;
    const tb = scoreCaseFile(standard, b.sheet).totalHalfPoints;
    expect(lines).toContain(`总分 ${formatHalfPoints(ta)} / ${formatHalfPoints(tb)}（A 版 / B 版）`);
    // No internal id anywhere.
    expect(lines.join('\n')).not.toContain(item.id);
  });

  it('reports a veto one version applied and the different conclusion', () => {
    const a = version({ vetoes: [{ vetoId: fail.id, reason: '无执法证' }] });
    const b = version({});
    const lines = describeSheetVersionDiff(a, b);
    expect(lines).toContain(`否决项不同：本机版本认定「${fail.text}」，结果包版本未认定`);
    expect(lines.some((l) => l.startsWith('结论不同：本机版本为不合格，结果包版本为'))).toBe(true);
    expect(lines.join('\n')).not.toContain(fail.id);
  });

  it('says when only the submission state or the wording differs, and nothing when equal', () => {
    const a = version({ deductions: [deduct(1, '甲')] });
    expect(describeSheetVersionDiff(a, version({ deductions: [deduct(1, '甲')] }))).toEqual([]);
    expect(
      describeSheetVersionDiff(a, version({ deductions: [deduct(1, '乙')] }, { status: 'draft' })),
    ).toEqual([
      '提交状态不同：本机版本已提交，结果包版本尚未提交（草稿）',
      '另有 1 个扣分项扣分相同，只是问题描述的文字不同',
    ]);
  });

  it('names a different standard version and still lists deductions when a standard is missing', () => {
    const a = version({ deductions: [deduct(1)] });
    const b = version({ deductions: [] }, { standardVersion: 9, standard: null });
    const lines = describeSheetVersionDiff(a, b);
    expect(lines[0]).toBe(
      `评查标准不同：本机版本用“${standard.name}”第 ${standard.version} 版，结果包版本用第 9 版标准`,
    );
    expect(lines[1]).toContain('结果包版本未扣');
    // Totals cannot be computed for the version without its standard: no made-up figure.
    expect(lines.some((l) => l.startsWith('总分'))).toBe(false);
  });
});
