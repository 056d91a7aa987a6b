export { formatFen } from '@shared/ledger/normalize';

export function formatCount(n: number): string {
  return n.toLocaleString('zh-CN');
}
