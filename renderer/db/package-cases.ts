import type { CaseIndex } from '@shared/cases/case-index';
import type { PackageCase } from '@shared/packages/panel-package';
import type { PingchaDatabase } from './database';
import { loadRawRow } from './ledger-repository';

/** The files' rows from the case index, with their original cells, for a panel package. */
export async function casesForPackage(
  db: PingchaDatabase,
  index: CaseIndex,
  itemIds: readonly string[],
): Promise<PackageCase[]> {
  // in stored order, as a walk over the rows would find them
  const rows = [...new Set(itemIds)]
    .map((id) => index.indexOfItemId(id))
    .filter((i) => i >= 0)
    .sort((a, b) => a - b);
  const out: PackageCase[] = [];
  for (const i of rows) {
    const { index: _i, importId: _imp, ...row } = index.row(i);
    const pos = index.positionInImport(i);
    out.push({ ...row, raw: (await loadRawRow(db, pos.importId, pos.offset)) ?? [] });
  }
  return out;
}
