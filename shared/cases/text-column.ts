// A column of strings held as UTF-16 code units in one buffer with Int32 offsets (issue 31): 2,000,000
// case numbers are two typed arrays instead of 2,000,000 heap strings, so the case index crosses from
// its worker by transfer (no structured clone of strings on the page's thread), costs the garbage
// collector nothing to walk, and a row's text is made into a string only when it is shown.
// UTF-16 rather than UTF-8: the ledgers are mostly Chinese (2 bytes a character, not 3), a string is
// made back without a TextDecoder, and search and comparison keep exactly the JS string semantics.

/** A text column as it crosses postMessage: its three buffers are transferred. */
export interface PackedTextColumn {
  size: number;
  units: Uint16Array;
  /** size + 1 offsets into `units`: row i is units[offsets[i] .. offsets[i + 1]). */
  offsets: Int32Array;
  /** 1 where the row is null (dates); empty when the column has no nulls. */
  nulls: Uint8Array;
}

function grown<T extends Uint16Array | Int32Array | Uint8Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const next = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2, 1024));
  next.set(a);
  return next;
}

/**
 * The first `length` items of a typed array that owns its buffer: a copy, or with `release` that
 * buffer itself cut to length (ArrayBuffer.prototype.transfer where the engine has it; the old
 * buffer is detached, its memory given back at once).
 */
export function exactLength<T extends Uint8Array | Uint16Array | Int32Array | Float64Array>(
  a: T,
  length: number,
  release: boolean,
): T {
  const make = a.constructor as new (b: ArrayBuffer) => T;
  const buffer = a.buffer as ArrayBuffer & { transfer?: (bytes: number) => ArrayBuffer };
  if (release && typeof buffer.transfer === 'function')
    return new make(buffer.transfer(length * a.BYTES_PER_ELEMENT));
  return a.slice(0, length) as T;
}

/** Code unit -> its lower case where that is one code unit; filled as units are met (0 = not yet). */
const lowerTable = new Uint16Array(65536);
function lowerUnit(u: number): number {
  const known = lowerTable[u]!;
  if (known !== 0 || u === 0) return known;
  const l = u >= 0xd800 && u < 0xe000 ? '' : String.fromCharCode(u).toLowerCase();
  return (lowerTable[u] = l.length === 1 ? l.charCodeAt(0) : u);
}

/** A search needle prepared once for `TextColumn.includesLower`. */
export function lowerNeedle(needle: string): Uint16Array {
  const out = new Uint16Array(needle.length);
  for (let i = 0; i < needle.length; i++) out[i] = lowerUnit(needle.charCodeAt(i));
  return out;
}

export class TextColumn {
  private n = 0;
  private used = 0;
  private units: Uint16Array = new Uint16Array(0);
  private offsets: Int32Array = new Int32Array(1);
  private nulls: Uint8Array = new Uint8Array(0);
  private anyNull = false;

  get size(): number {
    return this.n;
  }

  push(s: string | null | undefined): void {
    const at = this.n;
    this.offsets = grown(this.offsets, at + 2);
    if (s === null || s === undefined) {
      this.nulls = grown(this.nulls, at + 1);
      this.nulls[at] = 1;
      this.anyNull = true;
      s = '';
    }
    const len = s.length;
    this.units = grown(this.units, this.used + len);
    const units = this.units;
    let k = this.used;
    for (let i = 0; i < len; i++) units[k++] = s.charCodeAt(i);
    this.used = k;
    this.n = at + 1;
    this.offsets[this.n] = k;
  }

  /** Appends rows (a chunk's column): the buffers grown once, then the code units copied. */
  pushAll(values: readonly (string | null | undefined)[], from = 0, to = values.length): void {
    let total = 0;
    for (let i = from; i < to; i++) total += values[i]?.length ?? 0;
    const at = this.n;
    const count = to - from;
    this.offsets = grown(this.offsets, at + count + 1);
    this.units = grown(this.units, this.used + total);
    const units = this.units;
    const offsets = this.offsets;
    let k = this.used;
    for (let r = 0; r < count; r++) {
      const s = values[from + r];
      if (s === null || s === undefined) {
        this.nulls = grown(this.nulls, at + count);
        this.nulls[at + r] = 1;
        this.anyNull = true;
      } else {
        for (let i = 0, len = s.length; i < len; i++) units[k++] = s.charCodeAt(i);
      }
      offsets[at + r + 1] = k;
    }
    this.used = k;
    this.n = at + count;
  }

  /** Appends every row of another column (its buffers copied as they are, no string made). */
  appendColumn(other: TextColumn): void {
    const at = this.n;
    const base = this.used;
    this.units = grown(this.units, base + other.used);
    this.units.set(other.units.subarray(0, other.used), base);
    this.offsets = grown(this.offsets, at + other.n + 1);
    for (let i = 1; i <= other.n; i++) this.offsets[at + i] = base + other.offsets[i]!;
    if (other.anyNull) {
      this.nulls = grown(this.nulls, at + other.n);
      this.nulls.set(other.nulls.subarray(0, other.n), at);
      this.anyNull = true;
    }
    this.used = base + other.used;
    this.n = at + other.n;
  }

  /** Takes the last row off (a text a set already held). */
  pop(): void {
    if (this.n === 0) return;
    this.n--;
    if (this.anyNull) this.nulls[this.n] = 0;
    this.used = this.offsets[this.n]!;
  }

  isNull(i: number): boolean {
    return this.anyNull && this.nulls[i] === 1;
  }

  /** Row i as a string (null where it is null). */
  at(i: number): string | null {
    if (this.isNull(i)) return null;
    const from = this.offsets[i]!;
    const to = this.offsets[i + 1]!;
    if (to === from) return '';
    if (to - from === 1) return String.fromCharCode(this.units[from]!);
    return String.fromCharCode.apply(null, this.units.subarray(from, to) as unknown as number[]);
  }

  /** Row i as a string, '' where it is null. */
  text(i: number): string {
    return this.at(i) ?? '';
  }

  /** Every row as strings (for the callers that walk a whole column as an array). */
  toArray(): (string | null)[] {
    const out = new Array<string | null>(this.n);
    for (let i = 0; i < this.n; i++) out[i] = this.at(i);
    return out;
  }

  /** Code-unit order of row i against s, as `<`/`>` on JS strings (-1, 0, 1); a null row sorts first. */
  compare(i: number, s: string): number {
    const from = this.offsets[i]!;
    const to = this.offsets[i + 1]!;
    const units = this.units;
    const len = Math.min(to - from, s.length);
    for (let k = 0; k < len; k++) {
      const d = units[from + k]! - s.charCodeAt(k);
      if (d) return d < 0 ? -1 : 1;
    }
    return Math.sign(to - from - s.length);
  }

  /** Code-unit order of row a against row b (-1, 0, 1). */
  compareRows(a: number, b: number): number {
    const fa = this.offsets[a]!;
    const fb = this.offsets[b]!;
    const la = this.offsets[a + 1]! - fa;
    const lb = this.offsets[b + 1]! - fb;
    const units = this.units;
    for (let k = 0, len = Math.min(la, lb); k < len; k++) {
      const d = units[fa + k]! - units[fb + k]!;
      if (d) return d < 0 ? -1 : 1;
    }
    return Math.sign(la - lb);
  }

  /** Whether row i equals s (a null row equals nothing). */
  equals(i: number, s: string): boolean {
    if (this.isNull(i)) return false;
    const from = this.offsets[i]!;
    if (this.offsets[i + 1]! - from !== s.length) return false;
    for (let k = 0; k < s.length; k++) if (this.units[from + k] !== s.charCodeAt(k)) return false;
    return true;
  }

  /** Whether rows a and b hold the same code units. */
  sameText(a: number, b: number): boolean {
    const fa = this.offsets[a]!;
    const fb = this.offsets[b]!;
    const len = this.offsets[a + 1]! - fa;
    if (this.offsets[b + 1]! - fb !== len) return false;
    for (let k = 0; k < len; k++) if (this.units[fa + k] !== this.units[fb + k]) return false;
    return true;
  }

  /** Whether row i, lower-cased, contains the needle (made by `lowerNeedle`). */
  includesLower(i: number, needle: Uint16Array): boolean {
    const m = needle.length;
    if (m === 0) return true;
    const from = this.offsets[i]!;
    const last = this.offsets[i + 1]! - m;
    const units = this.units;
    const first = needle[0]!;
    for (let at = from; at <= last; at++) {
      if (lowerUnit(units[at]!) !== first) continue;
      let k = 1;
      while (k < m && lowerUnit(units[at + k]!) === needle[k]) k++;
      if (k === m) return true;
    }
    return false;
  }

  /** A hash of row i's code units, equal to `hashText` of its string. */
  hash(i: number): number {
    let h = 0x811c9dc5;
    const units = this.units;
    for (let k = this.offsets[i]!, end = this.offsets[i + 1]!; k < end; k++)
      h = Math.imul(h ^ units[k]!, 0x01000193);
    return h >>> 0;
  }

  /**
   * Exact-length buffers for postMessage (to transfer, see textBuffers): copies, or with `release` the
   * column's own buffers cut to length (no second copy held at once; the column is not used after).
   */
  pack(release = false): PackedTextColumn {
    return {
      size: this.n,
      units: exactLength(this.units, this.used, release),
      offsets: exactLength(this.offsets, this.n + 1, release),
      nulls: this.anyNull ? exactLength(this.nulls, this.n, release) : new Uint8Array(0),
    };
  }

  /** A column over the buffers that arrived (used as they are, no copy). */
  static fromPacked(p: PackedTextColumn): TextColumn {
    const c = new TextColumn();
    c.n = p.size;
    c.units = p.units;
    c.offsets = p.offsets;
    c.used = p.offsets[p.size]!;
    c.nulls = p.nulls;
    c.anyNull = p.nulls.length > 0;
    return c;
  }
}

export function textBuffers(p: PackedTextColumn): ArrayBuffer[] {
  return [p.units, p.offsets, p.nulls].map((a) => a.buffer as ArrayBuffer);
}

/** FNV-1a over a string's code units (the same as `TextColumn.hash` of a row holding it). */
export function hashText(s: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < s.length; k++) h = Math.imul(h ^ s.charCodeAt(k), 0x01000193);
  return h >>> 0;
}

/**
 * The rows of a text column found by their text: an open-addressing table of row numbers (4 bytes a
 * slot, at most half full) instead of a Set of strings. The first row holding a text is the one found.
 */
export class TextColumnLookup {
  private slots: Int32Array;
  private count = 0;

  constructor(
    private readonly column: TextColumn,
    expected = column.size,
  ) {
    this.slots = new Int32Array(capacityFor(expected)).fill(-1);
    for (let i = 0; i < column.size; i++) this.add(i);
  }

  get size(): number {
    return this.count;
  }

  /** Adds row i (a text already present keeps its first row); true if the text was new. */
  add(i: number): boolean {
    if ((this.count + 1) * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    const mask = this.slots.length - 1;
    const col = this.column;
    for (let s = col.hash(i) & mask; ; s = (s + 1) & mask) {
      const row = this.slots[s]!;
      if (row < 0) {
        this.slots[s] = i;
        this.count++;
        return true;
      }
      if (col.sameText(row, i)) return false;
    }
  }

  /** The first row holding s, or -1. */
  find(s: string): number {
    const mask = this.slots.length - 1;
    const col = this.column;
    for (let slot = hashText(s) & mask; ; slot = (slot + 1) & mask) {
      const row = this.slots[slot]!;
      if (row < 0) return -1;
      if (col.equals(row, s)) return row;
    }
  }

  private rehash(capacity: number): void {
    const old = this.slots;
    this.slots = new Int32Array(capacity).fill(-1);
    const mask = capacity - 1;
    for (const row of old) {
      if (row < 0) continue;
      let s = this.column.hash(row) & mask;
      while (this.slots[s]! >= 0) s = (s + 1) & mask;
      this.slots[s] = row;
    }
  }
}

function capacityFor(n: number): number {
  let c = 1024;
  while (c < n * 2) c *= 2;
  return c;
}

/**
 * A set of strings kept as one text column and its lookup table: 2,000,000 item ids as three typed
 * arrays instead of a Set of 2,000,000 heap strings (none of them an object for the garbage collector).
 */
export class TextSet {
  private readonly column = new TextColumn();
  private readonly lookup = new TextColumnLookup(this.column);

  get size(): number {
    return this.column.size;
  }

  add(s: string): void {
    this.column.push(s);
    if (!this.lookup.add(this.column.size - 1)) this.column.pop();
  }

  has(s: string): boolean {
    return this.lookup.find(s) >= 0;
  }
}
