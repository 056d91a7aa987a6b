// Which standards may score which files. A standard lists the case types it applies to (行政处罚);
// a file's case type matches when it starts with one of them (行政处罚（一般程序） -> 行政处罚), the
// rule the default choice uses. A 行政强制 standard can never be chosen for 行政许可 files.
import type { ReviewStandard } from './standard-model';

type Fitting = Pick<ReviewStandard, 'caseTypes'>;

export function standardFitsCaseType(standard: Fitting, caseType: string): boolean {
  const t = caseType.trim();
  return standard.caseTypes.some((x) => x.trim() !== '' && t.startsWith(x.trim()));
}

/** Chinese reason a standard does not fit a case type, or null when it fits. */
export function caseTypeMismatch(
  standard: Fitting & Pick<ReviewStandard, 'name' | 'version'>,
  caseType: string,
): string | null {
  if (standardFitsCaseType(standard, caseType)) return null;
  return `标准“${standard.name}”第 ${standard.version} 版适用于${standard.caseTypes.join('、')}案卷，不能用于“${caseType}”案卷。请选择适用于${caseType}的标准。`;
}
