// Rivest's consistent sampler ("Consistent Sampling with Replacement", arXiv:1808.10016), exactly as
// defined in the handbook (sampler.md). Tickets are decimal strings compared as strings, never floats.
//
//   H(s)  = SHA-256 of the UTF-8 bytes of s, 64 lowercase hex characters
//   U(s)  = "0." + the decimal digits of the integer H(s), left-padded to 64 digits, reversed
//   first ticket of id = U(H(seed) + id)
//   p(x)  = index of the first character at position >= 2 of x + "0" that is not '9'
//   next ticket after x (with replacement): x0 = x + "0"; i = 0; y = "0.";
//           while y <= x0: i += 1; y = x0[0 : p(x)] + U(x + ":" + i)[2:]
//   trim(x, d) = x[0 : p(x) + d]
//   order: (ticket, then id by code point, then generation), smallest first
//
// Speed: ordering a large population needs only each id's first 12 ticket digits (see ticket-key.ts);
// full tickets are computed with the injected SHA-256 for the items actually output and for ties.

import { sha256Hex, type Sha256Hex } from '../crypto/sha256';
import { compareCodePoints } from './code-point';
import type { IdLines } from './id-lines';
import { firstTicketKeys, firstTicketKeysOfRanges, keyFromDigestHex } from './ticket-key';

export const SAMPLER_ALGORITHM_NAME = 'Rivest consistent sampler (arXiv:1808.10016)';
/** The algorithm's name as shown to users (screens and documents). */
export const SAMPLER_ALGORITHM_LABEL = '一致性抽样算法（Rivest）';
/** The paper, cited only in the printed draw record. */
export const SAMPLER_REFERENCE = 'R. L. Rivest, Consistent Sampling with Replacement, arXiv:1808.10016';
/** Version of this implementation of the handbook's definitions; bump if any definition changes. */
export const SAMPLER_VERSION = '1.0.0';
export const DEFAULT_TICKET_DIGITS = 9;

export type SamplerErrorCode = 'duplicate-id' | 'bad-option' | 'internal';

/** Thrown for unusable input; `message` is Chinese and can be shown to the user as is. */
export class SamplerError extends Error {
  constructor(
    public readonly code: SamplerErrorCode,
    message: string,
    /** For 'duplicate-id': the duplicated id. */
    public readonly id?: string,
  ) {
    super(message);
    this.name = 'SamplerError';
  }
}

/** U(s): the SHA-256 of s read as a decimal fraction with its low-order digits first. */
export function ticketNumber(s: string, sha: Sha256Hex = sha256Hex): string {
  return digestToTicket(sha(s));
}

/** "0." + the decimal digits of the integer whose hex is `hex`, padded to 64 digits, reversed. */
export function digestToTicket(hex: string): string {
  const decimal = BigInt('0x' + hex)
    .toString(10)
    .padStart(64, '0');
  let reversed = '';
  for (let i = decimal.length - 1; i >= 0; i--) reversed += decimal[i];
  return '0.' + reversed;
}

/** The generation-1 ticket of `id`: U(H(seed) + id). */
export function firstTicket(id: string, seed: string, sha: Sha256Hex = sha256Hex): string {
  return ticketNumber(sha(seed) + id, sha);
}

/** p(x): index of the first character at position >= 2 of x + "0" that is not '9'. */
export function firstNonNine(x: string): number {
  const x0 = x + '0';
  let i = 2;
  while (i < x0.length && x0[i] === '9') i++;
  return i;
}

/** The next (larger) ticket after the full-precision ticket `x`. Chain on full tickets only. */
export function nextTicket(x: string, sha: Sha256Hex = sha256Hex): string {
  const x0 = x + '0';
  const prefix = x0.slice(0, firstNonNine(x));
  let i = 0;
  let y = '0.';
  while (y <= x0) {
    i += 1;
    y = prefix + ticketNumber(x + ':' + i, sha).slice(2);
  }
  return y;
}

/** trim(x, d) = x[0 : p(x) + d]: keeps d digits after any leading 9s (truncating, never rounding). */
export function trimTicket(x: string, digits: number): string {
  return x.slice(0, firstNonNine(x) + digits);
}

export interface TicketOrderOptions {
  /** SHA-256 used for H(seed) and every full ticket. Default: the portable @noble/hashes one. */
  sha?: Sha256Hex;
  /**
   * How the ordering keys of all ids are hashed. 'midstate' (default): a built-in SHA-256 resumed after
   * the one-block prefix H(seed), cross-checked against `sha` for every item whose ticket is read.
   * 'injected': call `sha` for every id (slower; for anyone who wants only their own hash used).
   */
  keyHash?: 'midstate' | 'injected';
}

/** The without-replacement order of a population: every id by increasing first ticket. */
export interface TicketOrder {
  readonly ids: readonly string[];
  readonly seed: string;
  /** H(seed). */
  readonly seedHash: string;
  readonly size: number;
  /** A fresh walk over indices into `ids`, smallest ticket first. Lazy: sorts only what is visited. */
  indices(): IterableIterator<number>;
  /** The first `k` indices of the order. */
  first(k: number): number[];
  /** The full-precision first ticket of `ids[index]` (computed once, verified against the fast key). */
  ticketOf(index: number): string;
}

/** Throws a Chinese SamplerError naming the first duplicated id and both positions (1-based). */
export function assertDistinctIds(ids: readonly string[], describe?: (index: number) => string): void {
  const seen = new Map<string, number>();
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    const before = seen.get(id);
    if (before !== undefined) {
      const where = describe ? `${describe(before)}和${describe(i)}` : `第 ${before + 1} 个和第 ${i + 1} 个`;
      throw new SamplerError(
        'duplicate-id',
        `案卷编号重复：“${id}”出现了不止一次（${where}）。抽样要求每个编号唯一，请先去除重复。`,
        id,
      );
    }
    seen.set(id, i);
  }
}

// Equal ids have equal keys, hence share a bucket: checking within buckets finds every duplicate
// without a set of all ids (which costs more time and memory than the rest of the order).
function assertDistinctInBuckets(
  ids: IdAccess,
  keys: Float64Array,
  order: Uint32Array,
  starts: Uint32Array,
): void {
  let first: [number, number] | null = null;
  for (let b = 0; b + 1 < starts.length; b++) {
    const s = starts[b]!;
    const e = starts[b + 1]!;
    for (let x = s; x < e; x++) {
      for (let y = x + 1; y < e; y++) {
        const i = order[x]!;
        const j = order[y]!;
        if (keys[i] === keys[j] && ids.same(i, j)) {
          const pair: [number, number] = i < j ? [i, j] : [j, i];
          if (first === null || pair[1] < first[1] || (pair[1] === first[1] && pair[0] < first[0]))
            first = pair;
        }
      }
    }
  }
  if (first !== null) {
    // Re-run the plain check on the prefix so the message names the first repeat in input order.
    const prefix: string[] = [];
    for (let i = 0; i <= first[1]; i++) prefix.push(ids.id(i));
    assertDistinctIds(prefix);
  }
}

export interface LinesOrderOptions extends TicketOrderOptions {
  /** The ids' first-ticket keys, firstTicketKeysOfRanges(H(seed), bytes, starts, ends), if already made. */
  firstKeys?: Float64Array;
}

/** How the order reads the population: by index, strings made on demand. */
interface IdAccess {
  readonly length: number;
  id(i: number): string;
  same(i: number, j: number): boolean;
}

/** Builds the ticket order of `ids` under `seed`. Ids must be distinct. Memory: about 20 bytes per id. */
export function ticketOrder(
  ids: readonly string[],
  seed: string,
  options: TicketOrderOptions = {},
): TicketOrder {
  const sha = options.sha ?? sha256Hex;
  const seedHash = sha(seed);
  let keys: Float64Array;
  if (options.keyHash === 'injected') {
    keys = new Float64Array(ids.length);
    for (let i = 0; i < ids.length; i++) keys[i] = keyFromDigestHex(sha(seedHash + ids[i]!));
  } else {
    keys = firstTicketKeys(seedHash, ids);
  }
  const access: IdAccess = { length: ids.length, id: (i) => ids[i]!, same: (i, j) => ids[i] === ids[j] };
  return { ids, seed, ...orderFromKeys(access, keys, seedHash, sha) };
}

/** The ticket order of ids given as lines of UTF-8 bytes (see id-lines.ts): each id hashed once, in place. */
export function ticketOrderOfLines(
  lines: IdLines,
  seed: string,
  options: LinesOrderOptions = {},
): Omit<TicketOrder, 'ids'> {
  const sha = options.sha ?? sha256Hex;
  const seedHash = sha(seed);
  let keys: Float64Array;
  if (options.firstKeys) {
    // Computed elsewhere (e.g. on several threads) with firstTicketKeysOfRanges; every key the sampler
    // relies on is still checked against the full ticket computed with `sha`.
    if (options.firstKeys.length !== lines.length) throw new RangeError('firstKeys: one key per id');
    keys = options.firstKeys;
  } else if (options.keyHash === 'injected') {
    keys = new Float64Array(lines.length);
    for (let i = 0; i < lines.length; i++) keys[i] = keyFromDigestHex(sha(seedHash + lines.id(i)));
  } else {
    keys = firstTicketKeysOfRanges(seedHash, lines.bytes, lines.starts, lines.ends);
  }
  return { seed, ...orderFromKeys(lines, keys, seedHash, sha) };
}

function orderFromKeys(
  ids: IdAccess,
  keys: Float64Array,
  seedHash: string,
  sha: Sha256Hex,
): Omit<TicketOrder, 'ids' | 'seed'> {
  const n = ids.length;
  // Counting sort into ~n/2 buckets of the key range. Keys are uniform (SHA-256), so buckets hold a
  // couple of items each and are sorted only when a walk reaches them. floor(key * scale) is monotone
  // in key (correctly rounded IEEE operations), so bucket order agrees with key order.
  const bucketCount = Math.max(1, Math.ceil(n / 2));
  const scale = bucketCount / 1e12;
  const starts = new Uint32Array(bucketCount + 1);
  const bucketOf = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const b = Math.min(bucketCount - 1, Math.floor(keys[i]! * scale));
    bucketOf[i] = b;
    starts[b + 1]!++;
  }
  for (let b = 0; b < bucketCount; b++) starts[b + 1]! += starts[b]!;
  const order = new Uint32Array(n);
  const fill = starts.slice(0, bucketCount);
  for (let i = 0; i < n; i++) order[fill[bucketOf[i]!]!++] = i;
  const sorted = new Uint8Array(bucketCount);
  assertDistinctInBuckets(ids, keys, order, starts);

  const tickets = new Map<number, string>();
  const ticketOf = (index: number): string => {
    let t = tickets.get(index);
    if (t === undefined) {
      if (!(index >= 0 && index < n)) throw new RangeError(`index ${index} out of range`);
      const id = ids.id(index);
      t = ticketNumber(seedHash + id, sha);
      // The fast key must be the ticket's first 12 digits; anything else is a hashing fault.
      if (Number(t.slice(2, 14)) !== keys[index]) {
        throw new SamplerError(
          'internal',
          `内部错误：案卷“${id}”的快速排序键与完整签号不一致，抽样已停止。请报告此问题。`,
        );
      }
      tickets.set(index, t);
    }
    return t;
  };
  const compare = (i: number, j: number): number => {
    const d = keys[i]! - keys[j]!;
    if (d !== 0) return d;
    const ti = ticketOf(i);
    const tj = ticketOf(j);
    if (ti !== tj) return ti < tj ? -1 : 1;
    return compareCodePoints(ids.id(i), ids.id(j));
  };

  function* indices(): IterableIterator<number> {
    for (let b = 0; b < bucketCount; b++) {
      const s = starts[b]!;
      const e = starts[b + 1]!;
      if (e - s > 1 && sorted[b] === 0) {
        order.subarray(s, e).sort(compare);
        sorted[b] = 1;
      }
      for (let k = s; k < e; k++) yield order[k]!;
    }
  }

  return {
    seedHash,
    size: n,
    indices,
    first(k: number): number[] {
      const out: number[] = [];
      if (k <= 0) return out;
      for (const i of indices()) {
        out.push(i);
        if (out.length >= k) break;
      }
      return out;
    },
    ticketOf,
  };
}

export interface SampleOptions extends TicketOrderOptions {
  withReplacement?: boolean;
  /** How many items to output after the dropped ones. Default: the population size. */
  take?: number;
  /** How many items of the sampling sequence to skip first. Default 0. */
  drop?: number;
  /** Digits kept after any leading 9s when trimming tickets for output. Default 9. */
  digits?: number;
}

export interface SampledItem {
  /** 1-based position in the sampling sequence (drop + 1 for the first output item). */
  position: number;
  /** trim(full ticket, digits). */
  ticket: string;
  /** The full-precision ticket. */
  fullTicket: string;
  id: string;
  /** Index of the id in the input list. */
  index: number;
  /** 1 for an id's first ticket; +1 each time it is put back (with replacement). */
  generation: number;
}

function checkCount(name: string, label: string, value: number | undefined, min: number): void {
  if (value === undefined) return;
  if (!Number.isSafeInteger(value) || value < min) {
    throw new SamplerError(
      'bad-option',
      `${label}（${name}）必须是不小于 ${min} 的整数，收到的是 ${String(value)}。`,
    );
  }
}

/**
 * Draws items drop+1 .. drop+take of the sampling sequence of `ids` under `seed`.
 * Without replacement the sequence ends when every id is out; with replacement a drawn item goes back
 * with its next ticket and generation + 1.
 */
export function drawSample(ids: readonly string[], seed: string, options: SampleOptions = {}): SampledItem[] {
  checkOptions(options);
  return sampleFromOrder(ids.length, (i) => ids[i]!, ticketOrder(ids, seed, options), options);
}

/** drawSample on ids given as UTF-8 lines (id-lines.ts); the same output, bit for bit. */
export function drawSampleOfLines(
  lines: IdLines,
  seed: string,
  options: SampleOptions & LinesOrderOptions = {},
): SampledItem[] {
  checkOptions(options);
  return sampleFromOrder(lines.length, (i) => lines.id(i), ticketOrderOfLines(lines, seed, options), options);
}

function checkOptions(options: SampleOptions): void {
  checkCount('take', '抽取数量', options.take, 0);
  checkCount('drop', '跳过数量', options.drop, 0);
  checkCount('digits', '签号位数', options.digits, 1);
}

function sampleFromOrder(
  size: number,
  idAt: (i: number) => string,
  order: Omit<TicketOrder, 'ids'>,
  options: SampleOptions,
): SampledItem[] {
  const sha = options.sha ?? sha256Hex;
  const drop = options.drop ?? 0;
  const take = options.take ?? size;
  const digits = options.digits ?? DEFAULT_TICKET_DIGITS;
  const out: SampledItem[] = [];
  const end = drop + take;
  const item = (position: number, fullTicket: string, index: number, generation: number): SampledItem => ({
    position,
    ticket: trimTicket(fullTicket, digits),
    fullTicket,
    id: idAt(index),
    index,
    generation,
  });

  if (!options.withReplacement) {
    let position = 0;
    if (end === 0) return out;
    for (const index of order.indices()) {
      position++;
      if (position > drop) out.push(item(position, order.ticketOf(index), index, 1));
      if (position >= end) break;
    }
    return out;
  }

  // With replacement the first `end` draws come only from the ids holding the `end` smallest first
  // tickets: every other id's first ticket is larger than all of those, and later tickets only grow.
  if (size === 0) return out;
  const heap = new TicketHeap(idAt);
  for (const index of order.first(end)) heap.push({ ticket: order.ticketOf(index), index, generation: 1 });
  for (let position = 1; position <= end; position++) {
    const top = heap.pop();
    if (position > drop) out.push(item(position, top.ticket, top.index, top.generation));
    heap.push({ ticket: nextTicket(top.ticket, sha), index: top.index, generation: top.generation + 1 });
  }
  return out;
}

interface HeapEntry {
  ticket: string;
  index: number;
  generation: number;
}

/** Min-heap by (ticket string, id by code point, generation). */
class TicketHeap {
  private readonly a: HeapEntry[] = [];
  constructor(private readonly idAt: (i: number) => string) {}

  private less(x: HeapEntry, y: HeapEntry): boolean {
    if (x.ticket !== y.ticket) return x.ticket < y.ticket;
    const c = compareCodePoints(this.idAt(x.index), this.idAt(y.index));
    if (c !== 0) return c < 0;
    return x.generation < y.generation;
  }

  push(e: HeapEntry): void {
    const a = this.a;
    a.push(e);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(a[i]!, a[p]!)) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }

  pop(): HeapEntry {
    const a = this.a;
    const top = a[0];
    if (top === undefined) throw new Error('empty heap');
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l]!, a[m]!)) m = l;
        if (r < a.length && this.less(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}
