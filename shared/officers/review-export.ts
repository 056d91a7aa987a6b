// Yearly review results as a table (for XLSX export and printing). No ID numbers: the results are
// circulated to departments.
import { comparePinyin } from '../util/pinyin-sort';
import { neutraliseFormula } from '../roster/public-roster';
import { writeXlsx } from '../xlsx/write-xlsx';
import { REVIEW_OUTCOME_LABELS, type ReviewDecision, type ReviewProposal } from './annual-review';

export const REVIEW_RESULT_HEADERS = [
  '序号',
  '姓名',
  '执法部门',
  '执法证号',
  '审核建议',
  '建议理由',
  '提示',
  '审核结论',
  '改变建议的理由',
  '审核人',
  '审核时间',
] as const;

/** Header + one row per proposal (decision columns empty while undecided); cells neutralised. */
export function reviewResultsTable(
  proposals: readonly ReviewProposal[],
  decisions: ReadonlyMap<string, ReviewDecision> = new Map(),
): string[][] {
  const sorted = [...proposals].sort(
    (a, b) =>
      comparePinyin(a.department, b.department) || a.certificateNo.localeCompare(b.certificateNo, 'en'),
  );
  return [
    [...REVIEW_RESULT_HEADERS],
    ...sorted.map((p, i) => {
      const d = decisions.get(p.officerId);
      return [
        String(i + 1),
        p.name,
        p.department,
        p.certificateNo,
        REVIEW_OUTCOME_LABELS[p.outcome],
        p.reasons.map((r) => `${r.label}：${r.message}`).join('；'),
        p.notes.map((r) => `${r.label}：${r.message}`).join('；'),
        d ? REVIEW_OUTCOME_LABELS[d.decided] : '未审核',
        d?.overridden ? d.reason : '',
        d?.by ?? '',
        d?.at ?? '',
      ].map(neutraliseFormula);
    }),
  ];
}

/** XLSX of the review results: one sheet for all, with the year in its name. */
export function reviewResultsXlsx(
  year: number,
  proposals: readonly ReviewProposal[],
  decisions?: ReadonlyMap<string, ReviewDecision>,
): Uint8Array {
  const [header, ...rows] = reviewResultsTable(proposals, decisions);
  return writeXlsx([
    {
      name: `${year}年度证件年审结果`,
      header: header!,
      rows,
      columnWidths: [6, 10, 28, 16, 18, 60, 40, 18, 30, 10, 20],
    },
  ]);
}
