import { describe, expect, it } from 'vitest';
import {
  codePointOrder,
  compareCodePoints,
  isCodePointOrder,
  mergeCodePointOrders,
  sortByCodePoint,
} from '../../shared/draw/code-point';

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

  it('gives the positions in code-point order, equal ids in input order, and checks a stored order', () => {
    const ids = ['b', '😀', 'a', '\uff21', 'b', 'a'];
    const order = codePointOrder(ids);
    expect([...order]).toEqual([2, 5, 0, 4, 3, 1]);
    expect(isCodePointOrder(ids, order)).toBe(true);
    expect(isCodePointOrder(ids, [5, 2, 0, 4, 3, 1])).toBe(false); // equal ids out of input order
    expect(isCodePointOrder(ids, [2, 5, 0, 4, 1, 3])).toBe(false); // astral before U+FF21
    expect(isCodePointOrder(ids, [2, 2, 0, 4, 3, 1])).toBe(false); // not a permutation
    expect(isCodePointOrder(ids, [2, 5, 0, 4, 3])).toBe(false); // too short
    expect(isCodePointOrder([...ids.slice(0, 5), 'c'], order)).toBe(false); // the ids changed since
  });

  it('merges per-list orders into the one order a sort of all ids gives, ties by list then row', () => {
    let r = 7;
    const rnd = (n: number) => (r = (r * 1103515245 + 12345) % 2147483648) % n;
    const lists = Array.from({ length: 5 }, (_, l) =>
      Array.from(
        { length: l === 3 ? 0 : 40 + rnd(60) },
        () => `部门${rnd(4)}|${rnd(300)}号${rnd(9) === 0 ? '😀' : ''}`,
      ),
    );
    const merged = mergeCodePointOrders(lists.map((ids) => ({ ids, order: codePointOrder(ids) })));
    const all = lists.flatMap((ids, l) => ids.map((id, row) => ({ id, l, row })));
    all.sort((a, b) => compareCodePoints(a.id, b.id) || a.l - b.l || a.row - b.row);
    expect(merged.list.length).toBe(all.length);
    expect([...merged.list]).toEqual(all.map((x) => x.l));
    expect([...merged.row]).toEqual(all.map((x) => x.row));
  });
});
