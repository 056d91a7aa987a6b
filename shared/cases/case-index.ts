// An in-memory, column-oriented index of every stored case file: browsing, filtering, counts
// and the draw population all read it. Built once from the store's chunks, extended per import.
import type { CaseColumns } from './case-columns';
import type { CaseFileRecord } from '../ledger/types';
import { emptyColumns } from './case-columns';
import { CASE_TYPES } from '../ledger/normalize';
import { comparePinyin } from '../util/pinyin-sort';
import {
  exactLength,
  lowerNeedle,
  TextColumn,
  TextColumnLookup,
  textBuffers,
  type PackedTextColumn,
} from './text-column';

/** One row of the index: a stored case file without its raw cells, with its place in the index and its import. */
export interface CaseRow extends Omit<CaseFileRecord, 'raw'> {
  index: number;
  importId: string;
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

/** The columns held as text (case numbers, names, dates as ISO text), each one TextColumn. */
const TEXT_COLUMNS = [
  'itemId',
  'caseNo',
  'cause',
  'party',
  'officer',
  'certNo',
  'filedDate',
  'closedDate',
] as const;
type TextColumnName = (typeof TEXT_COLUMNS)[number];
type TextColumns = Record<TextColumnName, TextColumn>;

/**
 * The index as it crosses from the worker that builds it to the page: typed columns and text columns
 * whose buffers are all transferred (not copied), and the two dictionaries with their row counts.
 */
export interface PackedCaseIndex {
  size: number;
  importIds: string[];
  importOf: Int32Array;
  /** Dictionary codes into `departments` / `caseTypes`. */
  department: Int32Array;
  caseType: Int32Array;
  departments: string[];
  caseTypes: string[];
  /** Rows per dictionary code (so the page adopts the index without a pass over its rows). */
  departmentCounts: number[];
  caseTypeCounts: number[];
  /** NaN where the amount is empty. */
  amountFen: Float64Array;
  sourceRow: Int32Array;
  text: Record<TextColumnName, PackedTextColumn>;
}

/** The buffers a packed index moves with (postMessage transfer list). */
export function packedBuffers(p: PackedCaseIndex): ArrayBuffer[] {
  return [
    ...[p.importOf, p.department, p.caseType, p.amountFen, p.sourceRow].map((a) => a.buffer as ArrayBuffer),
    ...TEXT_COLUMNS.flatMap((name) => textBuffers(p.text[name])),
  ];
}

/** A dictionary-encoded column's names, codes and how many rows hold each code. */
class Dictionary {
  readonly names: string[] = [];
  readonly counts: number[] = [];
  private readonly codes = new Map<string, number>();

  code(name: string): number {
    let c = this.codes.get(name);
    if (c === undefined) {
      c = this.names.length;
      this.codes.set(name, c);
      this.names.push(name);
      this.counts.push(0);
    }
    return c;
  }

  lookup(name: string): number | undefined {
    return this.codes.get(name);
  }

  /** The names some row holds (a dictionary never shrinks; `without` builds a new index). */
  present(): string[] {
    return this.names.filter((_, c) => this.counts[c]! > 0);
  }
}

function grow<T extends Int32Array | Float64Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const next = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2, 1024));
  next.set(a);
  return next;
}

export class CaseIndex {
  private n = 0;
  private text: TextColumns = newTextColumns();
  private department: Int32Array = new Int32Array(0);
  private caseType: Int32Array = new Int32Array(0);
  private amountFen: Float64Array = new Float64Array(0);
  private sourceRow: Int32Array = new Int32Array(0);
  /** importId per row, stored as an index into importIds to keep memory small. */
  private importOf: Int32Array = new Int32Array(0);
  private readonly departments = new Dictionary();
  private readonly caseTypes = new Dictionary();
  private importIds: string[] = [];
  /** Row by item id, made when first asked (a table of row numbers over the itemId column). */
  private itemIds: TextColumnLookup | null = null;
  /**
   * Columns handed out as arrays (made from the codes or the text when asked), dropped when rows are
   * added. Only callers that walk a whole column ask; a row's text is read with row()/itemIdAt().
   */
  private views: Partial<CaseColumns> = {};

  get size(): number {
    return this.n;
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
    const count = chunk.itemId.length;
    const at = this.n;
    const end = at + count;
    this.department = grow(this.department, end);
    this.caseType = grow(this.caseType, end);
    this.amountFen = grow(this.amountFen, end);
    this.sourceRow = grow(this.sourceRow, end);
    this.importOf = grow(this.importOf, end);
    for (const name of TEXT_COLUMNS) this.text[name].pushAll(chunk[name], 0, count);
    for (let i = 0; i < count; i++) {
      const d = this.departments.code(chunk.department[i]!);
      const t = this.caseTypes.code(chunk.caseType[i]!);
      this.departments.counts[d]!++;
      this.caseTypes.counts[t]!++;
      this.department[at + i] = d;
      this.caseType[at + i] = t;
      const amount = chunk.amountFen[i];
      this.amountFen[at + i] = amount === null || amount === undefined ? NaN : amount;
      this.sourceRow[at + i] = chunk.sourceRow[i]!;
      this.importOf[at + i] = importNo;
    }
    this.n = end;
    this.views = {};
    if (this.itemIds) for (let i = at; i < end; i++) this.itemIds.add(i);
  }

  /**
   * Appends the rows of another index (an import's rows built where they were parsed): typed columns
   * and text buffers copied with the dictionary codes mapped, no string made.
   */
  appendIndex(part: CaseIndex): void {
    const at = this.n;
    const count = part.n;
    const end = at + count;
    this.department = grow(this.department, end);
    this.caseType = grow(this.caseType, end);
    this.amountFen = grow(this.amountFen, end);
    this.sourceRow = grow(this.sourceRow, end);
    this.importOf = grow(this.importOf, end);
    const importNo = part.importIds.map((id) => {
      const k = this.importIds.indexOf(id);
      return k >= 0 ? k : this.importIds.push(id) - 1;
    });
    const dept = part.departments.names.map((name) => this.departments.code(name));
    const type = part.caseTypes.names.map((name) => this.caseTypes.code(name));
    part.departments.counts.forEach((c, k) => (this.departments.counts[dept[k]!]! += c));
    part.caseTypes.counts.forEach((c, k) => (this.caseTypes.counts[type[k]!]! += c));
    for (let i = 0; i < count; i++) {
      this.department[at + i] = dept[part.department[i]!]!;
      this.caseType[at + i] = type[part.caseType[i]!]!;
      this.importOf[at + i] = importNo[part.importOf[i]!]!;
    }
    this.amountFen.set(part.amountFen.subarray(0, count), at);
    this.sourceRow.set(part.sourceRow.subarray(0, count), at);
    for (const name of TEXT_COLUMNS) this.text[name].appendColumn(part.text[name]);
    this.n = end;
    this.views = {};
    if (this.itemIds) for (let i = at; i < end; i++) this.itemIds.add(i);
  }

  /**
   * The index for postMessage: exact-length columns (their buffers to transfer, see packedBuffers);
   * with `release` the index's own buffers cut to length, for a worker that sends the index and drops it.
   */
  pack(release = false): PackedCaseIndex {
    const n = this.n;
    const cut = <T extends Int32Array | Float64Array>(a: T) => exactLength(a, n, release);
    return {
      size: n,
      importIds: [...this.importIds],
      importOf: cut(this.importOf),
      department: cut(this.department),
      caseType: cut(this.caseType),
      departments: [...this.departments.names],
      caseTypes: [...this.caseTypes.names],
      departmentCounts: [...this.departments.counts],
      caseTypeCounts: [...this.caseTypes.counts],
      amountFen: cut(this.amountFen),
      sourceRow: cut(this.sourceRow),
      text: mapTextColumns((name) => this.text[name].pack(release)),
    };
  }

  /** The index a worker packed, its columns used as they arrived (no copy, no pass over the rows). */
  static fromPacked(p: PackedCaseIndex): CaseIndex {
    const index = new CaseIndex();
    index.n = p.size;
    index.importIds = [...p.importIds];
    index.importOf = p.importOf;
    index.department = p.department;
    index.caseType = p.caseType;
    index.amountFen = p.amountFen;
    index.sourceRow = p.sourceRow;
    index.text = mapTextColumns((name) => TextColumn.fromPacked(p.text[name]));
    p.departments.forEach(
      (name, c) => (index.departments.counts[index.departments.code(name)] = p.departmentCounts[c]!),
    );
    p.caseTypes.forEach(
      (name, c) => (index.caseTypes.counts[index.caseTypes.code(name)] = p.caseTypeCounts[c]!),
    );
    return index;
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
      if (keep[imp]) next.append(this.importIds[imp]!, this.slice(i, j));
      i = j;
    }
    return next;
  }

  private slice(from: number, to: number): CaseColumns {
    const part = emptyColumns();
    for (let i = from; i < to; i++) {
      for (const name of TEXT_COLUMNS) (part[name] as (string | null)[]).push(this.text[name].at(i));
      part.department.push(this.departments.names[this.department[i]!]!);
      part.caseType.push(this.caseTypes.names[this.caseType[i]!]!);
      const a = this.amountFen[i]!;
      part.amountFen.push(Number.isNaN(a) ? null : a);
      part.sourceRow.push(this.sourceRow[i]!);
    }
    return part;
  }

  row(index: number): CaseRow {
    const c = this.text;
    const amount = this.amountFen[index]!;
    return {
      index,
      importId: this.importIds[this.importOf[index]!]!,
      itemId: c.itemId.text(index),
      caseNo: c.caseNo.text(index),
      department: this.departments.names[this.department[index]!]!,
      caseType: this.caseTypes.names[this.caseType[index]!]!,
      cause: c.cause.text(index),
      party: c.party.text(index),
      filedDate: c.filedDate.at(index),
      closedDate: c.closedDate.at(index),
      amountFen: Number.isNaN(amount) ? null : amount,
      officer: c.officer.text(index),
      certNo: c.certNo.text(index),
      sourceRow: this.sourceRow[index]!,
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
    return this.indexOfItemId(itemId) >= 0;
  }

  /** The row holding an item id (the first, should a ledger repeat one), or -1. */
  indexOfItemId(itemId: string): number {
    this.itemIds ??= new TextColumnLookup(this.text.itemId);
    return this.itemIds.find(itemId);
  }

  /** A text column itself, for a pass over rows that compares or reads only some of them (no string per row). */
  textColumn(name: TextColumnName): TextColumn {
    return this.text[name];
  }

  /** The largest non-empty value of a text column in code-unit order (the latest ISO date), or null. */
  latest(name: TextColumnName): string | null {
    const col = this.text[name];
    let best = -1;
    for (let i = 0; i < this.n; i++) {
      if (col.isNull(i) || col.compare(i, '') === 0) continue;
      if (best < 0 || col.compareRows(i, best) > 0) best = i;
    }
    return best < 0 ? null : col.at(best);
  }

  departmentAt(index: number): string {
    return this.departments.names[this.department[index]!]!;
  }

  itemIdAt(index: number): string {
    return this.text.itemId.text(index);
  }

  /** Every item id as an array of strings (made when first asked: walk rows with itemIdAt where you can). */
  allItemIds(): readonly string[] {
    return this.column('itemId');
  }

  column<K extends keyof CaseColumns>(name: K): Readonly<CaseColumns[K]> {
    if (name === 'department' || name === 'caseType' || name === 'amountFen' || name === 'sourceRow') {
      const v = this.views;
      const n = this.n;
      const made =
        name === 'department'
          ? (v.department ??= decode(this.department, this.departments.names, n))
          : name === 'caseType'
            ? (v.caseType ??= decode(this.caseType, this.caseTypes.names, n))
            : name === 'amountFen'
              ? (v.amountFen ??= Array.from(this.amountFen.subarray(0, n), (a) =>
                  Number.isNaN(a) ? null : a,
                ))
              : (v.sourceRow ??= Array.from(this.sourceRow.subarray(0, n)));
      return made as CaseColumns[K];
    }
    const v = this.views as Record<string, unknown>;
    v[name] ??= this.text[name as TextColumnName].toArray();
    return v[name] as CaseColumns[K];
  }

  /** Row indexes matching the filter, in stored order. */
  filter(f: CaseFilter): Int32Array {
    const c = this.text;
    const n = this.size;
    const depts = f.departments && f.departments.length ? codeMask(this.departments, f.departments) : null;
    const types = f.caseTypes && f.caseTypes.length ? codeMask(this.caseTypes, f.caseTypes) : null;
    const from = f.closedFrom || null;
    const to = f.closedTo || null;
    const needle = lowerNeedle(f.search ? f.search.normalize('NFKC').trim().toLowerCase() : '');
    const out = new Int32Array(n);
    let k = 0;
    for (let i = 0; i < n; i++) {
      if (depts && !depts[this.department[i]!]) continue;
      if (types && !types[this.caseType[i]!]) continue;
      if (from || to) {
        const d = c.closedDate;
        if (d.isNull(i) || d.compare(i, '') === 0) continue;
        if (from && d.compare(i, from) < 0) continue;
        if (to && d.compare(i, to) > 0) continue;
      }
      if (needle.length && !c.caseNo.includesLower(i, needle) && !c.party.includesLower(i, needle)) continue;
      out[k++] = i;
    }
    return out.slice(0, k);
  }

  /** Answered from the dictionary (the names some row holds), not from a pass over the rows. */
  distinct(name: 'department' | 'caseType'): string[] {
    const dict = name === 'department' ? this.departments : this.caseTypes;
    return dict.present().sort(name === 'caseType' ? caseTypeCompare : displayCompare);
  }

  /** Department x case-type counts over the given rows (all rows when omitted). */
  countMatrix(rows?: Int32Array): CountMatrix {
    const dn = this.departments.names.length;
    const tn = this.caseTypes.names.length;
    const cells = new Float64Array(dn * tn);
    if (rows) for (const i of rows) cells[this.department[i]! * tn + this.caseType[i]!]!++;
    else for (let i = 0; i < this.n; i++) cells[this.department[i]! * tn + this.caseType[i]!]!++;
    const dTotal = new Float64Array(dn);
    const tTotal = new Float64Array(tn);
    for (let d = 0; d < dn; d++)
      for (let t = 0; t < tn; t++) {
        dTotal[d]! += cells[d * tn + t]!;
        tTotal[t]! += cells[d * tn + t]!;
      }
    const dCodes = [...dTotal.keys()].filter((d) => dTotal[d]! > 0);
    const tCodes = [...tTotal.keys()].filter((t) => tTotal[t]! > 0);
    dCodes.sort((a, b) => displayCompare(this.departments.names[a]!, this.departments.names[b]!));
    tCodes.sort((a, b) => caseTypeCompare(this.caseTypes.names[a]!, this.caseTypes.names[b]!));
    const counts = dCodes.map((d) => tCodes.map((t) => cells[d * tn + t]!));
    const rowTotals = counts.map((r) => r.reduce((a, b) => a + b, 0));
    const columnTotals = tCodes.map((_, t) => counts.reduce((a, r) => a + r[t]!, 0));
    return {
      departments: dCodes.map((d) => this.departments.names[d]!),
      caseTypes: tCodes.map((t) => this.caseTypes.names[t]!),
      counts,
      rowTotals,
      columnTotals,
      total: rowTotals.reduce((a, b) => a + b, 0),
    };
  }
}

function newTextColumns(): TextColumns {
  return mapTextColumns(() => new TextColumn());
}

function mapTextColumns<T>(make: (name: TextColumnName) => T): Record<TextColumnName, T> {
  const out = {} as Record<TextColumnName, T>;
  for (const name of TEXT_COLUMNS) out[name] = make(name);
  return out;
}

function decode(codes: Int32Array, names: readonly string[], n: number): string[] {
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) out[i] = names[codes[i]!]!;
  return out;
}

function codeMask(dict: Dictionary, names: readonly string[]): Uint8Array {
  const mask = new Uint8Array(dict.names.length);
  for (const name of names) {
    const c = dict.lookup(name);
    if (c !== undefined) mask[c] = 1;
  }
  return mask;
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
