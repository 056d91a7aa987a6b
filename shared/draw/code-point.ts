/**
 * Compares two strings by Unicode code point (what Python's `<` and most other languages do), not by
 * UTF-16 code unit (JavaScript's `<`) and not by locale. The two orders differ only when a surrogate
 * pair meets a character in U+E000..U+FFFF, but a published rule must not depend on the language.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return rank(x) - rank(y);
  }
  return a.length - b.length;
}

// Surrogates (U+D800..U+DFFF) encode code points above U+FFFF, so they rank after U+E000..U+FFFF.
function rank(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800;
  if (unit >= 0xd800) return unit + 0x2000;
  return unit;
}

/**
 * A copy of `items` sorted by code point. Input that is already in order (a population that was
 * sorted once) costs one linear check; otherwise the engine's native (UTF-16) sort is used when
 * that is the same order, which is whenever the ids do not mix astral characters with U+E000..U+FFFF.
 */
export function sortByCodePoint(items: readonly string[]): string[] {
  const out = [...items];
  let sorted = true;
  for (let i = 1; i < out.length; i++) {
    if (compareCodePoints(out[i - 1]!, out[i]!) > 0) {
      sorted = false;
      break;
    }
  }
  if (sorted) return out;
  return codePointComparator([out]) === compareCodePoints ? out.sort(compareCodePoints) : out.sort();
}

const nativeOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const SURROGATE_OR_HIGH = /[\ud800-\uffff]/;
const SURROGATE = /[\ud800-\udfff]/;
const HIGH = /[\ue000-\uffff]/;

/**
 * A comparator that orders these strings exactly as compareCodePoints does: the engine's native
 * (UTF-16) comparison, much faster, whenever they do not mix astral characters with U+E000..U+FFFF
 * (the only case where the two orders differ); compareCodePoints itself otherwise.
 */
export function codePointComparator(lists: readonly (readonly string[])[]): (a: string, b: string) => number {
  let surrogate = false;
  let high = false;
  for (const list of lists) {
    for (const s of list) {
      if (!SURROGATE_OR_HIGH.test(s)) continue;
      surrogate ||= SURROGATE.test(s);
      high ||= HIGH.test(s);
      if (surrogate && high) return compareCodePoints;
    }
  }
  return nativeOrder;
}

/**
 * The positions of `ids` in code-point order (equal ids keep their input order): `ids[order[0]]` is
 * the smallest. Lets a store keep one import's order once and a draw merge such orders instead of
 * sorting every id again.
 */
export function codePointOrder(ids: readonly string[]): Uint32Array {
  const compare = codePointComparator([ids]);
  const positions = Array.from({ length: ids.length }, (_, i) => i);
  positions.sort((a, b) => compare(ids[a]!, ids[b]!) || a - b);
  return Uint32Array.from(positions);
}

/** Is `order` exactly codePointOrder(ids) (a permutation, by code point, ties in input order)? */
export function isCodePointOrder(ids: readonly string[], order: ArrayLike<number>): boolean {
  if (order.length !== ids.length) return false;
  const compare = codePointComparator([ids]);
  const seen = new Uint8Array(ids.length);
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    if (!Number.isInteger(i) || i < 0 || i >= ids.length || seen[i]) return false;
    seen[i] = 1;
    if (k > 0) {
      const prev = order[k - 1]!;
      const c = compare(ids[prev]!, ids[i]!);
      if (c > 0 || (c === 0 && prev > i)) return false;
    }
  }
  return true;
}

/** One merged code-point order over several lists: entry k is row `row[k]` of list `list[k]`. */
export interface MergedOrder {
  list: Uint32Array;
  row: Uint32Array;
}

/**
 * Merges lists each in code-point order (given by codePointOrder) into one order over all their rows;
 * equal ids keep list order, then row order. Costs about log2(lists) comparisons per row.
 */
export function mergeCodePointOrders(
  lists: readonly { ids: readonly string[]; order: ArrayLike<number> }[],
): MergedOrder {
  const total = lists.reduce((a, l) => a + l.order.length, 0);
  const list = new Uint32Array(total);
  const row = new Uint32Array(total);
  const next = new Uint32Array(lists.length);
  // A binary min-heap of list numbers, keyed by each list's next id (ties: smaller list number).
  const heap: number[] = [];
  const compare = codePointComparator(lists.map((l) => l.ids));
  const head = (l: number) => lists[l]!.ids[lists[l]!.order[next[l]!]!]!;
  const less = (a: number, b: number) => {
    const c = compare(head(a), head(b));
    return c < 0 || (c === 0 && a < b);
  };
  const down = (from: number) => {
    let i = from;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && less(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && less(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  lists.forEach((l, i) => {
    if (l.order.length > 0) heap.push(i);
  });
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) down(i);
  for (let k = 0; k < total; k++) {
    const l = heap[0]!;
    list[k] = l;
    row[k] = lists[l]!.order[next[l]!]!;
    next[l]!++;
    if (next[l]! === lists[l]!.order.length) {
      heap[0] = heap[heap.length - 1]!;
      heap.pop();
    }
    if (heap.length > 0) down(0);
  }
  return { list, row };
}
