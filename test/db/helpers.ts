import { PingchaDatabase } from '../../renderer/db/database';
import type { CaseFileRecord } from '../../shared/ledger/types';

let counter = 0;
export function freshDb(upTo?: number): PingchaDatabase {
  counter += 1;
  return new PingchaDatabase(`test-${Date.now()}-${counter}`, upTo);
}

export function makeRecords(n: number, department = '市场监督管理局', prefix = 'A'): CaseFileRecord[] {
  return Array.from({ length: n }, (_, i) => ({
    itemId: `${department}|${prefix}-${i + 1}`,
    caseNo: `${prefix}-${i + 1}`,
    department,
    caseType: i % 3 === 0 ? '行政许可' : '行政处罚',
    cause: '案由' + i,
    party: '当事人' + i,
    filedDate: '2025-01-02',
    closedDate: '2025-02-03',
    amountFen: i * 100,
    officer: '张三',
    certNo: '51000000' + i,
    sourceRow: i + 2,
    raw: [`${prefix}-${i + 1}`, department, 'x' + i],
  }));
}

/** Everything in the store, for "nothing changed" assertions. */
export async function snapshot(db: PingchaDatabase): Promise<unknown> {
  const out: Record<string, unknown[]> = {};
  for (const table of db.tables) out[table.name] = await table.toArray();
  return out;
}
