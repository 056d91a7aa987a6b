// Fast ordering keys for first tickets.
//
// A first ticket is U(H(seed) + id): "0." then the decimal digits of the SHA-256 integer, low-order
// digit first. So its first 12 digits are the integer mod 10^15, zero-padded to 15 digits and reversed.
// Reading those 15 digits as a number gives a key (< 10^15 < 2^53, exact as a double) whose numeric
// order equals the string order of the tickets' first 12 digits; only equal keys need full tickets.
//
// H(seed) is 64 hex characters: exactly one SHA-256 block. We compress it once and hash every id from
// that mid-state, which is one compression per short id and much faster than a fresh hash per id
// (node:crypto costs ~2 us a call here). The sampler cross-checks every key it relies on against the
// full ticket computed with the injected SHA-256, so a fault here cannot go unnoticed.

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

const IV = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

const W = new Int32Array(64);

/** One SHA-256 compression of `block[off .. off+64)` into `state` (8 words, updated in place). */
// Rounds unrolled by 8 so the working variables rotate by renaming instead of moving.
function compress(state: Int32Array, block: Uint8Array, off: number): void {
  for (let i = 0; i < 16; i++) {
    const j = off + i * 4;
    W[i] = (block[j]! << 24) | (block[j + 1]! << 16) | (block[j + 2]! << 8) | block[j + 3]!;
  }
  for (let i = 16; i < 64; i++) {
    const w15 = W[i - 15]!;
    const w2 = W[i - 2]!;
    W[i] =
      (W[i - 16]! +
        (((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3)) +
        W[i - 7]! +
        (((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10))) |
      0;
  }
  let a = state[0]!;
  let b = state[1]!;
  let c = state[2]!;
  let d = state[3]!;
  let e = state[4]!;
  let f = state[5]!;
  let g = state[6]!;
  let h = state[7]!;
  let t1: number;
  let t2: number;
  for (let i = 0; i < 64; i += 8) {
    t1 =
      (h +
        (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) +
        (g ^ (e & (f ^ g))) +
        K[i]! +
        W[i]!) |
      0;
    t2 =
      ((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) +
        ((a & b) | (c & (a | b)))) |
      0;
    d = (d + t1) | 0;
    h = (t1 + t2) | 0;
    t1 =
      (g +
        (((d >>> 6) | (d << 26)) ^ ((d >>> 11) | (d << 21)) ^ ((d >>> 25) | (d << 7))) +
        (f ^ (d & (e ^ f))) +
        K[i + 1]! +
        W[i + 1]!) |
      0;
    t2 =
      ((((h >>> 2) | (h << 30)) ^ ((h >>> 13) | (h << 19)) ^ ((h >>> 22) | (h << 10))) +
        ((h & a) | (b & (h | a)))) |
      0;
    c = (c + t1) | 0;
    g = (t1 + t2) | 0;
    t1 =
      (f +
        (((c >>> 6) | (c << 26)) ^ ((c >>> 11) | (c << 21)) ^ ((c >>> 25) | (c << 7))) +
        (e ^ (c & (d ^ e))) +
        K[i + 2]! +
        W[i + 2]!) |
      0;
    t2 =
      ((((g >>> 2) | (g << 30)) ^ ((g >>> 13) | (g << 19)) ^ ((g >>> 22) | (g << 10))) +
        ((g & h) | (a & (g | h)))) |
      0;
    b = (b + t1) | 0;
    f = (t1 + t2) | 0;
    t1 =
      (e +
        (((b >>> 6) | (b << 26)) ^ ((b >>> 11) | (b << 21)) ^ ((b >>> 25) | (b << 7))) +
        (d ^ (b & (c ^ d))) +
        K[i + 3]! +
        W[i + 3]!) |
      0;
    t2 =
      ((((f >>> 2) | (f << 30)) ^ ((f >>> 13) | (f << 19)) ^ ((f >>> 22) | (f << 10))) +
        ((f & g) | (h & (f | g)))) |
      0;
    a = (a + t1) | 0;
    e = (t1 + t2) | 0;
    t1 =
      (d +
        (((a >>> 6) | (a << 26)) ^ ((a >>> 11) | (a << 21)) ^ ((a >>> 25) | (a << 7))) +
        (c ^ (a & (b ^ c))) +
        K[i + 4]! +
        W[i + 4]!) |
      0;
    t2 =
      ((((e >>> 2) | (e << 30)) ^ ((e >>> 13) | (e << 19)) ^ ((e >>> 22) | (e << 10))) +
        ((e & f) | (g & (e | f)))) |
      0;
    h = (h + t1) | 0;
    d = (t1 + t2) | 0;
    t1 =
      (c +
        (((h >>> 6) | (h << 26)) ^ ((h >>> 11) | (h << 21)) ^ ((h >>> 25) | (h << 7))) +
        (b ^ (h & (a ^ b))) +
        K[i + 5]! +
        W[i + 5]!) |
      0;
    t2 =
      ((((d >>> 2) | (d << 30)) ^ ((d >>> 13) | (d << 19)) ^ ((d >>> 22) | (d << 10))) +
        ((d & e) | (f & (d | e)))) |
      0;
    g = (g + t1) | 0;
    c = (t1 + t2) | 0;
    t1 =
      (b +
        (((g >>> 6) | (g << 26)) ^ ((g >>> 11) | (g << 21)) ^ ((g >>> 25) | (g << 7))) +
        (a ^ (g & (h ^ a))) +
        K[i + 6]! +
        W[i + 6]!) |
      0;
    t2 =
      ((((c >>> 2) | (c << 30)) ^ ((c >>> 13) | (c << 19)) ^ ((c >>> 22) | (c << 10))) +
        ((c & d) | (e & (c | d)))) |
      0;
    f = (f + t1) | 0;
    b = (t1 + t2) | 0;
    t1 =
      (a +
        (((f >>> 6) | (f << 26)) ^ ((f >>> 11) | (f << 21)) ^ ((f >>> 25) | (f << 7))) +
        (h ^ (f & (g ^ h))) +
        K[i + 7]! +
        W[i + 7]!) |
      0;
    t2 =
      ((((b >>> 2) | (b << 30)) ^ ((b >>> 13) | (b << 19)) ^ ((b >>> 22) | (b << 10))) +
        ((b & c) | (d & (b | c)))) |
      0;
    e = (e + t1) | 0;
    a = (t1 + t2) | 0;
  }
  state[0] = (state[0]! + a) | 0;
  state[1] = (state[1]! + b) | 0;
  state[2] = (state[2]! + c) | 0;
  state[3] = (state[3]! + d) | 0;
  state[4] = (state[4]! + e) | 0;
  state[5] = (state[5]! + f) | 0;
  state[6] = (state[6]! + g) | 0;
  state[7] = (state[7]! + h) | 0;
}

/** Writes the UTF-8 bytes of `s` into `buf` from `off`; returns the end offset (buf must be large enough). */
function utf8Into(s: string, buf: Uint8Array, off: number): number {
  let p = off;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      buf[p++] = c;
    } else if (c < 0x800) {
      buf[p++] = 0xc0 | (c >> 6);
      buf[p++] = 0x80 | (c & 63);
    } else {
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
        const d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
          buf[p++] = 0xf0 | (c >> 18);
          buf[p++] = 0x80 | ((c >> 12) & 63);
          buf[p++] = 0x80 | ((c >> 6) & 63);
          buf[p++] = 0x80 | (c & 63);
          continue;
        }
      }
      // A lone surrogate encodes as U+FFFD, as TextEncoder (and the injected hashes) do.
      if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
      buf[p++] = 0xe0 | (c >> 12);
      buf[p++] = 0x80 | ((c >> 6) & 63);
      buf[p++] = 0x80 | (c & 63);
    }
  }
  return p;
}

const M5 = 244140625; // 5^12
const M2 = 4096; // 2^12
// (5^12)^-1 mod 2^12, for the Chinese-remainder step.
const INV_M5_MOD_M2 = (() => {
  const m = M5 % M2;
  for (let x = 1; x < M2; x++) if ((m * x) % M2 === 1) return x;
  throw new Error('unreachable');
})();
// 2^(16k) mod 5^12 for k = 0..15 (k counts 16-bit halves from the low end).
const POW16_MOD_M5 = (() => {
  const out = new Float64Array(16);
  let v = 1;
  for (let k = 0; k < 16; k++) {
    out[k] = v;
    v = (v * 65536) % M5;
  }
  return out;
})();

/** The 256-bit integer of an 8-word big-endian digest, mod 10^12, exactly. */
export function digestMod1e12(state: Int32Array): number {
  // mod 5^12 as sum of half_k * (2^(16k) mod 5^12): each term < 2^44, the sum of 16 < 2^48, exact.
  let r = 0;
  for (let w = 0; w < 8; w++) {
    const word = state[7 - w]! >>> 0;
    r += (word & 0xffff) * POW16_MOD_M5[2 * w]! + (word >>> 16) * POW16_MOD_M5[2 * w + 1]!;
  }
  r %= M5;
  // Chinese remainder with mod 2^12 (the low 12 bits of the digest).
  const a = state[7]! & 0xfff;
  const t = Math.imul((a - (r & 0xfff)) & 0xfff, INV_M5_MOD_M2) & 0xfff;
  return r + M5 * t;
}

/** The 12 decimal digits of x (< 10^12, zero-padded) read in reverse, as a number. */
export function reverse12(x: number): number {
  let hi = Math.floor(x / 1e6); // top 6 digits
  let lo = x - hi * 1e6; // low 6 digits
  let rlo = 0;
  let rhi = 0;
  for (let i = 0; i < 6; i++) {
    const q = (lo / 10) | 0;
    rlo = rlo * 10 + (lo - q * 10);
    lo = q;
    const p = (hi / 10) | 0;
    rhi = rhi * 10 + (hi - p * 10);
    hi = p;
  }
  // Reversed: the low 6 digits come first.
  return rlo * 1e6 + rhi;
}

/** The SHA-256 state after the one block H(seed) (64 lowercase hex characters). */
function midstateOf(seedHashHex: string): Int32Array {
  if (!/^[0-9a-f]{64}$/.test(seedHashHex)) throw new Error('seedHashHex must be 64 lowercase hex characters');
  const mid = new Int32Array(IV);
  const first = new Uint8Array(64);
  for (let i = 0; i < 64; i++) first[i] = seedHashHex.charCodeAt(i);
  compress(mid, first, 0);
  return mid;
}

/**
 * Hashes the id whose UTF-8 bytes are src[start .. end) after the 64-byte prefix whose state is `mid`,
 * into `state`. Whole 64-byte blocks are compressed straight from `src`; the tail is padded in `tail`
 * (at least 128 bytes).
 */
function hashAfterMidstate(
  mid: Int32Array,
  state: Int32Array,
  src: Uint8Array,
  start: number,
  end: number,
  tail: Uint8Array,
): void {
  state.set(mid);
  const len = end - start;
  let off = start;
  while (end - off >= 64) {
    compress(state, src, off);
    off += 64;
  }
  const rest = end - off;
  for (let k = 0; k < rest; k++) tail[k] = src[off + k]!;
  const total = rest + 9 <= 64 ? 64 : 128;
  tail[rest] = 0x80;
  tail.fill(0, rest + 1, total);
  // Message length in bits: 64 prefix bytes + the id. Fits in 32 bits for ids below 512 MiB.
  const bits = (64 + len) * 8;
  tail[total - 4] = (bits >>> 24) & 255;
  tail[total - 3] = (bits >>> 16) & 255;
  tail[total - 2] = (bits >>> 8) & 255;
  tail[total - 1] = bits & 255;
  compress(state, tail, 0);
  if (total === 128) compress(state, tail, 64);
}

/**
 * Computes, for each id, the key of its first ticket under `seedHashHex` (= H(seed), 64 lowercase hex
 * characters): the ticket's first 12 digits as a number. Keys compare like the tickets' first 12 digits.
 */
export function firstTicketKeys(seedHashHex: string, ids: readonly string[]): Float64Array {
  const mid = midstateOf(seedHashHex);
  const keys = new Float64Array(ids.length);
  const state = new Int32Array(8);
  const tail = new Uint8Array(128);
  let buf = new Uint8Array(256);
  for (let n = 0; n < ids.length; n++) {
    const id = ids[n]!;
    // Worst case 3 bytes per UTF-16 unit.
    const need = id.length * 3;
    if (need > buf.length) buf = new Uint8Array(Math.max(need, buf.length * 2));
    const end = utf8Into(id, buf, 0);
    hashAfterMidstate(mid, state, buf, 0, end, tail);
    keys[n] = reverse12(digestMod1e12(state));
  }
  return keys;
}

/**
 * The same keys for ids given as UTF-8 byte ranges `bytes[starts[n] .. ends[n])` (valid UTF-8: the bytes
 * are exactly what encoding the decoded id gives back), without making a string of any id.
 */
export function firstTicketKeysOfRanges(
  seedHashHex: string,
  bytes: Uint8Array,
  starts: Uint32Array,
  ends: Uint32Array,
  /** Where keys go (default: a new array); only ids from .. to-1 are hashed, so threads can share the work. */
  keys: Float64Array = new Float64Array(starts.length),
  from = 0,
  to = starts.length,
): Float64Array {
  const mid = midstateOf(seedHashHex);
  const state = new Int32Array(8);
  const tail = new Uint8Array(128);
  for (let i = from; i < to; i++) {
    hashAfterMidstate(mid, state, bytes, starts[i]!, ends[i]!, tail);
    keys[i] = reverse12(digestMod1e12(state));
  }
  return keys;
}

/** The first-ticket key from a digest given as 64 hex characters (the path used with an injected hash). */
export function keyFromDigestHex(hex: string): number {
  const state = new Int32Array(8);
  for (let i = 0; i < 8; i++) state[i] = parseInt(hex.slice(i * 8, i * 8 + 8), 16) | 0;
  return reverse12(digestMod1e12(state));
}
