// An in-memory, column-oriented index of every stored case file: browsing, filtering, counts
// and the draw population all read it. Built once from the store's chunks, extended per import.
import type { CaseColumns } from './case-columns';
import { CASE_COLUMN_NAMES, emptyColumns } from './case-columns';
import { CASE_TYPES } from '../ledger/normalize';
import { comparePinyin } from '../util/pinyin-sort';

export interface CaseRow {
  index: number;
  importId: string;
  itemId: string;
  caseNo: string;
  department: string;
  caseType: string;
  cause: string;
  party: string;
  filedDate: string | null;
  closedDate: string | null;
  amountFen: number | null;
  officer: string;
  certNo: string;
  sourceRow: number;
}

export interface CaseFilter {
  departments?: readonly string[];
  caseTypes?: readonly string[];
  /** Inclusive ISO dates applied to the closing date (结案日期); rows without one are excluded when set. */
  closedFrom?: string | null;
  closedTo?: string | null;
  /** Substring of the case number or the party (after NFKC, case-insensitive for Latin). */
  search?: string;
}

export interface CountMatrix {
  departments: string[];
  caseTypes: string[];
  /** counts[d][t] for departments[d] x caseTypes[t] */
  counts: number[][];
  rowTotals: number[];
  columnTotals: number[];
  total: number;
}

export class CaseIndex {
  private readonly cols: CaseColumns = emptyColumns();
  /** importId per row, stored as an index into importIds to keep memory small. */
  private importOf: number[] = [];
  private importIds: string[] = [];
  private itemIds: Set<string> | null = null;

  get size(): number {
    return this.cols.itemId.length;
  }

  get imports(): readonly string[] {
    return this.importIds;
  }

  append(importId: string, chunk: CaseColumns): void {
    let importNo = this.importIds.indexOf(importId);
    if (importNo < 0) {
      importNo = this.importIds.length;
      this.importIds.push(importId);
    }
    const n = chunk.itemId.length;
    for (const name of CASE_COLUMN_NAMES) {
      const target = this.cols[name] as unknown[];
      const source = chunk[name] as unknown[];
      for (let i = 0; i < n; i++) target.push(source[i]);
    }
    for (let i = 0; i < n; i++) this.importOf.push(importNo);
    if (this.itemIds) for (let i = 0; i < n; i++) this.itemIds.add(chunk.itemId[i]!);
  }

  /** A copy without the rows of the given imports (used when an import is deleted). */
  without(importIds: ReadonlySet<string>): CaseIndex {
    const next = new CaseIndex();
    const keep = this.importIds.map((id) => !importIds.has(id));
    const n = this.size;
    let i = 0;
    while (i < n) {
      const imp = this.importOf[i]!;
      let j = i;
      while (j < n && this.importOf[j] === imp) j++;
      if (keep[imp]) {
        const part = emptyColumns();
        for (const name of CASE_COLUMN_NAMES) {
          (part[name] as unknown[]) = (this.cols[name] as unknown[]).slice(i, j);
        }
        next.append(this.importIds[imp]!, part);
      }
      i = j;
    }
    return next;
  }

  row(index: number): CaseRow {
    const c = this.cols;
    return {
      index,
      importId: this.importIds[this.importOf[index]!]!,
      itemId: c.itemId[index]!,
      caseNo: c.caseNo[index]!,
      department: c.department[index]!,
      caseType: c.caseType[index]!,
      cause: c.cause[index]!,
      party: c.party[index]!,
      filedDate: c.filedDate[index] ?? null,
      closedDate: c.closedDate[index] ?? null,
      amountFen: c.amountFen[index] ?? null,
      officer: c.officer[index]!,
      certNo: c.certNo[index]!,
      sourceRow: c.sourceRow[index]!,
    };
  }

  /** Position of a row within its import (for reading its raw cells chunk). */
  positionInImport(index: number): { importId: string; offset: number } {
    const imp = this.importOf[index]!;
    let start = index;
    while (start > 0 && this.importOf[start - 1] === imp) start--;
    return { importId: this.importIds[imp]!, offset: index - start };
  }

  hasItemId(itemId: string): boolean {
    if (!this.itemIds) this.itemIds = new Set(this.cols.itemId);
    return this.itemIds.has(itemId);
  }

  allItemIds(): readonly string[] {
    return this.cols.itemId;
  }

  column<K extends keyof CaseColumns>(name: K): Readonly<CaseColumns[K]> {
    return this.cols[name];
  }

  /** Row indexes matching the filter, in stored order. */
  filter(f: CaseFilter): Int32Array {
    const c = this.cols;
    const n = this.size;
    const depts = f.departments && f.departments.length ? new Set(f.departments) : null;
    const types = f.caseTypes && f.caseTypes.length ? new Set(f.caseTypes) : null;
    const from = f.closedFrom || null;
    const to = f.closedTo || null;
    const needle = f.search ? f.search.normalize('NFKC').trim().toLowerCase() : '';
    const out = new Int32Array(n);
    let k = 0;
    for (let i = 0; i < n; i++) {
      if (depts && !depts.has(c.department[i]!)) continue;
      if (types && !types.has(c.caseType[i]!)) continue;
      if (from || to) {
        const d = c.closedDate[i];
        if (!d) continue;
        if (from && d < from) continue;
        if (to && d > to) continue;
      }
      if (needle) {
        const no = c.caseNo[i]!.toLowerCase();
        if (!no.includes(needle) && !c.party[i]!.toLowerCase().includes(needle)) continue;
      }
      out[k++] = i;
    }
    return out.slice(0, k);
  }

  distinct(name: 'department' | 'caseType'): string[] {
    return [...new Set(this.cols[name])].sort(name === 'caseType' ? caseTypeCompare : displayCompare);
  }

  /** Department x case-type counts over the given rows (all rows when omitted). */
  countMatrix(rows?: Int32Array): CountMatrix {
    const c = this.cols;
    const dIndex = new Map<string, number>();
    const tIndex = new Map<string, number>();
    const pairs = new Map<number, number>();
    const visit = (i: number) => {
      const d = c.department[i]!;
      const t = c.caseType[i]!;
      let di = dIndex.get(d);
      if (di === undefined) dIndex.set(d, (di = dIndex.size));
      let ti = tIndex.get(t);
      if (ti === undefined) tIndex.set(t, (ti = tIndex.size));
      const key = di * 65536 + ti;
      pairs.set(key, (pairs.get(key) ?? 0) + 1);
    };
    if (rows) for (const i of rows) visit(i);
    else for (let i = 0; i < this.size; i++) visit(i);
    const departments = [...dIndex.keys()].sort(displayCompare);
    const caseTypes = [...tIndex.keys()].sort(caseTypeCompare);
    const dPos = new Map(departments.map((d, i) => [dIndex.get(d)!, i]));
    const tPos = new Map(caseTypes.map((t, i) => [tIndex.get(t)!, i]));
    const counts = departments.map(() => caseTypes.map(() => 0));
    for (const [key, count] of pairs) {
      counts[dPos.get(Math.floor(key / 65536))!]![tPos.get(key % 65536)!] = count;
    }
    const rowTotals = counts.map((r) => r.reduce((a, b) => a + b, 0));
    const columnTotals = caseTypes.map((_, t) => counts.reduce((a, r) => a + r[t]!, 0));
    return {
      departments,
      caseTypes,
      counts,
      rowTotals,
      columnTotals,
      total: rowTotals.reduce((a, b) => a + b, 0),
    };
  }
}

/** Display order for people (pinyin); never used where a result must be reproducible. */
export function displayCompare(a: string, b: string): number {
  return comparePinyin(a, b);
}

const TYPE_RANK = new Map<string, number>(CASE_TYPES.map((t, i) => [t, i]));
/** Case types in the statutory order (许可, 处罚, 强制, 检查 …), unknown ones after, by name. */
export function caseTypeCompare(a: string, b: string): number {
  const ra = TYPE_RANK.get(a) ?? 999;
  const rb = TYPE_RANK.get(b) ?? 999;
  return ra - rb || displayCompare(a, b);
}

/** Code-point order: the same in every locale and every tool (the draw depends on it). */
export function codePointCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
