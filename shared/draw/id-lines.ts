// A list of ids given as UTF-8 text, one id per line, kept as byte ranges of the text: the sampler hashes
// the bytes in place and only the ids it prints (or compares on a tie) become strings. This is how
// `pingcha sample` reads a million ids without a million strings.
//
// Line rules (the same as `parseIdLines` in shared/cli/sample-command.ts): a newline is "\n" or "\r\n";
// the final newline is optional; a UTF-8 BOM at the start is dropped; an empty line is an error.
// UTF-8 byte order is code-point order, so comparing ranges byte by byte orders ids like
// compareCodePoints on the strings.

export interface IdLines {
  /** Number of ids. */
  readonly length: number;
  readonly bytes: Uint8Array;
  /** Byte range of id n: bytes[starts[n] .. ends[n]). */
  readonly starts: Uint32Array;
  readonly ends: Uint32Array;
  /** Id n as a string (decoded on demand). */
  id(n: number): string;
  /** True when ids a and b are the same. */
  same(a: number, b: number): boolean;
}

export type IdLinesResult =
  { lines: IdLines } | { error: 'not-utf8' } | { error: 'empty-line'; line: number };

/** Portable UTF-8 check (fatal TextDecoder); Node callers may pass Buffer.isUtf8, which is much faster. */
export function isUtf8Portable(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Splits UTF-8 text bytes into id lines; rejects invalid UTF-8 (checked first) and empty lines. */
export function splitIdLines(
  bytes: Uint8Array,
  isUtf8: (b: Uint8Array) => boolean = isUtf8Portable,
): IdLinesResult {
  if (!isUtf8(bytes)) return { error: 'not-utf8' };
  const pos = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const len = bytes.length;
  // One pass: ranges grow by doubling, then are cut to size.
  let starts = new Uint32Array(Math.max(16, len >>> 5));
  let ends = new Uint32Array(starts.length);
  let count = 0;
  let start = pos;
  // Stops at the end of the text: nothing follows a final newline.
  while (start < len) {
    let i = bytes.indexOf(10, start);
    if (i < 0) i = len;
    // "\r" belongs to the newline only when a "\n" follows it.
    const end = i < len && i > start && bytes[i - 1] === 13 ? i - 1 : i;
    if (end === start) return { error: 'empty-line', line: count + 1 };
    if (count === starts.length) {
      const s2 = new Uint32Array(count * 2);
      s2.set(starts);
      starts = s2;
      const e2 = new Uint32Array(count * 2);
      e2.set(ends);
      ends = e2;
    }
    starts[count] = start;
    ends[count] = end;
    count++;
    start = i + 1;
  }
  starts = starts.slice(0, count);
  ends = ends.slice(0, count);
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const lines: IdLines = {
    length: count,
    bytes,
    starts,
    ends,
    id: (n) => decoder.decode(bytes.subarray(starts[n]!, ends[n]!)),
    same(a, b) {
      const sa = starts[a]!;
      const sb = starts[b]!;
      const l = ends[a]! - sa;
      if (ends[b]! - sb !== l) return false;
      for (let k = 0; k < l; k++) if (bytes[sa + k] !== bytes[sb + k]) return false;
      return true;
    },
  };
  return { lines };
}
