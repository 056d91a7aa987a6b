import { describe, expect, it } from 'vitest';
import { compareCodePoints, sortByCodePoint } from '../../shared/draw/code-point';

describe('code-point order', () => {
  it('orders astral characters after U+E000..U+FFFF, unlike UTF-16 order', () => {
    const ids = ['😀', '\uff21', 'a', '中'];
    expect(sortByCodePoint(ids)).toEqual(['a', '中', '\uff21', '😀']);
    expect([...ids].sort()).not.toEqual(sortByCodePoint(ids)); // the native sort would differ here
  });

  it('returns a sorted copy for sorted, reversed and shuffled input, never touching the input', () => {
    const base = Array.from(
      { length: 500 },
      (_, i) =>
        `部门${i % 7}|${(i * 7919) % 1000}号${i % 13 === 0 ? '😀' : ''}${i % 11 === 0 ? '\ue001' : ''}`,
    );
    const expected = [...new Set(base)].sort(compareCodePoints);
    const shuffled = [...expected];
    let r = 12345;
    for (let i = shuffled.length - 1; i > 0; i--) {
      r = (r * 1103515245 + 12345) % 2147483648;
      const j = r % (i + 1);
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    for (const input of [expected, [...expected].reverse(), shuffled]) {
      const copy = [...input];
      expect(sortByCodePoint(input)).toEqual(expected);
      expect(input).toEqual(copy);
    }
  });
});
