// The dates a ledger row gives for the documents the page finder dates (issue 28): 告知日期, 处罚决定日期 and
// 送达日期, found among the row's original cells by header, as the statutory-clock rules find them
// (shared/rules/rule-fields.ts). The page finder compares them with the dates printed on the pages.
import { parseLedgerDate } from '../ledger/normalize';
import { findRuleColumns, type RuleField } from '../rules/rule-fields';
import type { LedgerDatedDocument, LedgerFacts } from './page-reading';

const FIELD_OF: Record<LedgerDatedDocument, RuleField> = {
  告知书: 'noticeDate',
  处罚决定书: 'decisionDate',
  送达回证: 'deliveryDate',
};

/** Each document's date in the row (readable dates only), with the header of its column. */
export function ledgerDocumentDates(
  headers: readonly string[],
  cells: readonly string[],
): NonNullable<LedgerFacts['documentDates']> {
  const columns = findRuleColumns(headers).extra;
  const out: NonNullable<LedgerFacts['documentDates']> = {};
  for (const [kind, field] of Object.entries(FIELD_OF) as [LedgerDatedDocument, RuleField][]) {
    const at = columns[field];
    if (!at) continue;
    const date = parseLedgerDate(cells[at.index] ?? '');
    if (typeof date === 'string') out[kind] = { date, header: at.header };
  }
  return out;
}
