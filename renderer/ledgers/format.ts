// Counts and amounts on the ledger pages: the shared formatter (thousands separators).
export { formatCount, formatFenAmount as formatFen } from '@shared/util/number-format';
