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
  let surrogate = false;
  let high = false;
  for (const s of out) {
    surrogate ||= /[\ud800-\udfff]/.test(s);
    high ||= /[\ue000-\uffff]/.test(s);
    if (surrogate && high) break;
  }
  return surrogate && high ? out.sort(compareCodePoints) : out.sort();
}
