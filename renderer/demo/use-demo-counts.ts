import type { DemoDataCounts } from './demo-data';

export function hasDemo(c: DemoDataCounts | undefined): boolean {
  return !!c && c.ledgers + c.campaigns + c.officers > 0;
}
