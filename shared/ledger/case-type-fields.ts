// What each case type calls its fields and which of them a usable record must have. An inspection has
// a 检查日期 and a 检查对象, not a 立案日期 and a 当事人; a licence has an 申请人 and a 受理日期. A record
// without them still imports (the number, department and type identify it), but the report says which
// rows lack them: an empty 检查日期 would otherwise surface only later, as a file outside the period.
import { FIELD_LABELS } from './header';
import type { LedgerField } from './types';

interface TypeFields {
  labels: Partial<Record<LedgerField, string>>;
  /** Fields a record of this type should have, with what is lost without them. */
  required: readonly { field: LedgerField; why: string }[];
}

const PERIOD_WHY = '评查期间按此日期判断，空缺的案卷不会纳入按期间确定的评查范围';

const CASE_TYPE_FIELDS: Readonly<Record<string, TypeFields>> = {
  行政检查: {
    labels: {
      filedDate: '检查日期',
      party: '检查对象',
      cause: '检查事项',
      caseNo: '检查编号',
      officer: '检查人员',
    },
    required: [
      { field: 'filedDate', why: PERIOD_WHY },
      { field: 'party', why: '评查和整改函须写明检查对象' },
    ],
  },
  行政许可: {
    labels: { filedDate: '受理日期', closedDate: '决定日期', party: '申请人', cause: '许可事项' },
    required: [
      { field: 'party', why: '评查和整改函须写明申请人' },
      { field: 'filedDate', why: '评查时核对办理时限须有受理日期' },
    ],
  },
  行政处罚: {
    labels: {},
    required: [
      { field: 'party', why: '评查和整改函须写明当事人' },
      { field: 'filedDate', why: '评查时核对办案时限须有立案日期' },
    ],
  },
};

/** The field's label in a ledger of this case type (检查日期 for an inspection's filedDate). */
export function fieldLabelFor(field: LedgerField, caseType: string | null | undefined): string {
  return (caseType ? CASE_TYPE_FIELDS[caseType]?.labels[field] : undefined) ?? FIELD_LABELS[field];
}

/** The fields a record of this type should have (none for types without rules). */
export function requiredFieldsFor(caseType: string): readonly { field: LedgerField; why: string }[] {
  return CASE_TYPE_FIELDS[caseType]?.required ?? [];
}
