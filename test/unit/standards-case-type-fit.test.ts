import { describe, expect, it } from 'vitest';
import { caseTypeMismatch, standardFitsCaseType } from '../../shared/standards/case-type-fit';
import { defaultStandards } from '../../shared/standards/default-standards';

const byType = (t: string) => defaultStandards().find((s) => s.caseTypes.includes(t))!;

describe('standard fits case type', () => {
  it('matches a case type and its sub-kinds, never another type', () => {
    const coercion = byType('行政强制');
    const licence = byType('行政许可');
    expect(standardFitsCaseType(licence, '行政许可')).toBe(true);
    expect(standardFitsCaseType(byType('行政处罚'), '行政处罚（一般程序）')).toBe(true);
    expect(standardFitsCaseType(coercion, '行政许可')).toBe(false);
    expect(standardFitsCaseType({ caseTypes: [' '] }, '行政许可')).toBe(false);
  });

  it('explains a mismatch in Chinese, naming the standard and both types', () => {
    const coercion = byType('行政强制');
    expect(caseTypeMismatch(coercion, '行政许可')).toBe(
      `标准“${coercion.name}”第 ${coercion.version} 版适用于行政强制案卷，不能用于“行政许可”案卷。请选择适用于行政许可的标准。`,
    );
    expect(caseTypeMismatch(coercion, '行政强制')).toBeNull();
  });
});
