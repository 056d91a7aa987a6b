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
  const wanted = new Set(itemIds);
  const out: PackageCase[] = [];
  const all = index.allItemIds();
  for (let i = 0; i < all.length && out.length < wanted.size; i++) {
    if (!wanted.has(all[i]!)) continue;
    const { index: _i, importId: _imp, ...row } = index.row(i);
    const pos = index.positionInImport(i);
    out.push({ ...row, raw: (await loadRawRow(db, pos.importId, pos.offset)) ?? [] });
  }
  return out;
}
