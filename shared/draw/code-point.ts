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

/** A copy of `items` sorted by code point. Uses the engine's native (UTF-16) sort when that is the same order. */
export function sortByCodePoint(items: readonly string[]): string[] {
  const out = [...items];
  // UTF-16 order differs from code-point order only between surrogates and U+E000..U+FFFF.
  const needsCare = out.some((s) => /[\ud800-\udfff]/.test(s)) && out.some((s) => /[\ue000-\uffff]/.test(s));
  return needsCare ? out.sort(compareCodePoints) : out.sort();
}
