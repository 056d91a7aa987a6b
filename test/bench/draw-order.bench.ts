// The draw's population order at a province's size (issue 31): 2,000,000 ids in 40 imports.
// Before: after a reload the draw worker sorted every id by code point (and mapped each back to its
// file). Now: each import stores its own order when it is written (codePointOrder, paid once per file
// by the import), and the draw merges the 40 stored orders (mergeCodePointOrders) after checking them.
// Figures are CPU seconds of this process. Run: npm run bench -- draw-order [--files N]
import { loadavg } from 'node:os';
import {
  codePointOrder,
  isCodePointOrder,
  mergeCodePointOrders,
  sortByCodePoint,
} from '../../shared/draw/code-point';
import { report } from './bench-report';

const args = process.argv.slice(2);
const at = args.indexOf('--files');
const FILES = at >= 0 ? Number(args[at + 1]) : 2_000_000;
const IMPORTS = 40;

function cpuSeconds<T>(f: () => T): { result: T; seconds: number } {
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.cpuUsage();
  const result = f();
  const used = process.cpuUsage(before);
  return { result, seconds: (used.user + used.system) / 1e6 };
}

// Department ledgers: most ids of a file share its department, a few are other departments' files.
const imports: string[][] = Array.from({ length: IMPORTS }, () => []);
for (let i = 0; i < FILES; i++) {
  const file = i % IMPORTS;
  const dept = i % 17 === 0 ? `第${(i >> 5) % IMPORTS}区综合行政执法局` : `第${file}区市场监督管理局`;
  imports[file]!.push(`${dept}|市监罚〔${2020 + (i % 5)}〕${(i * 7919) % FILES}-${i}号`);
}
console.log(
  `draw order: ${FILES.toLocaleString('en')} ids in ${IMPORTS} imports; load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);

const perImport = cpuSeconds(() => imports.map((ids) => codePointOrder(ids)));
report(`import: codePointOrder, all ${IMPORTS} files together`, perImport.seconds, 's');
const orders = perImport.result;
const checked = cpuSeconds(() => imports.every((ids, k) => isCodePointOrder(ids, orders[k]!)));
if (!checked.result) throw new Error('a stored order did not check');
report('draw: check the stored orders', checked.seconds, 's');
const merged = cpuSeconds(() => mergeCodePointOrders(imports.map((ids, k) => ({ ids, order: orders[k]! }))));
report('draw: merge the stored orders', merged.seconds, 's');
report('draw: check + merge (after a reload)', checked.seconds + merged.seconds, 's', 1);

const before = cpuSeconds(() => {
  const all = imports.flat();
  const sorted = sortByCodePoint(all);
  const pos = new Map<string, number>();
  all.forEach((id, i) => pos.set(id, i));
  return sorted.map((id) => pos.get(id)!);
});
report('before: sort every id and map it back', before.seconds, 's');
// The merged order is the sorted order.
const { list, row } = merged.result;
for (let k = 0; k < before.result.length; k += 9973) {
  if (imports[list[k]!]![row[k]!] !== imports.flat()[before.result[k]!])
    throw new Error(`order differs at ${k}`);
}
