// The one order for names people look up in a list (departments, reviewers, officers): 汉语拼音
// order, as a printed directory would have it (德阳市公安局 before 德阳市交通运输局 before
// 德阳市应急管理局). Verifiable orders (draw strata, records) keep code-point order on purpose and do
// not use this.

type Compare = (a: string, b: string) => number;

/** Code-point order: the fallback when this runtime has no Chinese collation, and the tie-breaker. */
export function codePointOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A pinyin comparator from `makeCollator` (Intl.Collator by default), or code-point order when the
 * runtime has no Chinese collation (a build without full ICU resolves 'zh' to another locale).
 */
export function createPinyinCompare(
  makeCollator: (locale: string) => Intl.Collator = (locale) => new Intl.Collator(locale),
): Compare {
  let collator: Intl.Collator | null = null;
  try {
    const c = makeCollator('zh-CN-u-co-pinyin');
    if (c.resolvedOptions().locale.toLowerCase().startsWith('zh')) collator = c;
  } catch {
    collator = null;
  }
  if (!collator) return codePointOrder;
  const compare = collator.compare.bind(collator);
  // Names the collator calls equal (full-width vs half-width forms) still get one fixed order.
  return (a, b) => compare(a, b) || codePointOrder(a, b);
}

/** Pinyin order of two names. */
export const comparePinyin: Compare = createPinyinCompare();

/** A copy of `names` in pinyin order. */
export function sortPinyin(names: Iterable<string>): string[] {
  return [...names].sort(comparePinyin);
}

/** A copy of `rows` in pinyin order of `key(row)`. */
export function sortByPinyin<T>(rows: Iterable<T>, key: (row: T) => string): T[] {
  return [...rows].sort((a, b) => comparePinyin(key(a), key(b)));
}
