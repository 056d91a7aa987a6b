/** Chinese names of the ledger report's issue codes (defined in shared/, used by the CLI too). */
export { LEDGER_ISSUE_LABELS } from '@shared/ledger/format-report';
