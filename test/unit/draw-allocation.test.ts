import { describe, expect, it } from 'vitest';
import { AllocationError, allocateQuotas, allocationExplanation } from '../../shared/draw/allocation';

const quotas = (r: ReturnType<typeof allocateQuotas>): Record<string, number> =>
  Object.fromEntries(r.map((x) => [x.key, x.quota]));
const sum = (r: ReturnType<typeof allocateQuotas>): number => r.reduce((a, x) => a + x.quota, 0);

describe('allocateQuotas', () => {
  it('proportional when every share is above the minimum', () => {
    const r = allocateQuotas(
      [
        { key: 'A', size: 500 },
        { key: 'B', size: 300 },
        { key: 'C', size: 200 },
      ],
      10,
    );
    expect(quotas(r)).toEqual({ A: 5, B: 3, C: 2 });
    expect(r.map((x) => x.share)).toEqual([0.5, 0.3, 0.2]);
    expect(r[0]!.reason).toContain('按比例应得 5.00 件');
  });

  it('largest remainder hands out the leftover seats', () => {
    const r = allocateQuotas(
      [
        { key: 'A', size: 45 },
        { key: 'B', size: 37 },
        { key: 'C', size: 18 },
      ],
      10,
    );
    // exact shares 4.5, 3.7, 1.8 -> floors 4, 3, 1 (8); remainders .5 .7 .8 -> C then B
    expect(quotas(r)).toEqual({ A: 4, B: 4, C: 2 });
    expect(sum(r)).toBe(10);
    expect(r[2]!.reason).toContain('按最大余数法加 1 件');
    expect(r[0]!.reason).not.toContain('加 1 件');
  });

  it('minimum per stratum, the others re-shared', () => {
    const r = allocateQuotas(
      [
        { key: '大局', size: 9000 },
        { key: '中局', size: 900 },
        { key: '小局', size: 100 },
      ],
      20,
    );
    // 小局 proportional 0.2 < 1 -> 1; rest 19 over 9900: 17.27 / 1.73 -> 17 + 2
    expect(quotas(r)).toEqual({ 大局: 17, 中局: 2, 小局: 1 });
    expect(r[2]!.reason).toContain('最低数');
  });

  it('re-sharing can push another stratum under the minimum (iterates)', () => {
    const r = allocateQuotas(
      [
        { key: 'A', size: 1000 },
        { key: 'B', size: 60 },
        { key: 'C', size: 40 },
      ],
      12,
      { minimum: 2 },
    );
    // B: 12*60/1100 = 0.65 < 2, C: 0.44 < 2 -> both fixed at 2, A gets 8
    expect(quotas(r)).toEqual({ A: 8, B: 2, C: 2 });
  });

  it('a stratum smaller than the minimum is taken whole (capped)', () => {
    const r = allocateQuotas(
      [
        { key: 'A', size: 1000 },
        { key: 'B', size: 2 },
      ],
      10,
      { minimum: 3 },
    );
    expect(quotas(r)).toEqual({ A: 8, B: 2 });
    expect(r[1]!.reason).toContain('全部抽取');
  });

  it('ties: larger stratum first, then key in code-point order (not locale order)', () => {
    // Equal remainders everywhere: 3 seats over 4 equal strata of 10 -> 0.75 each, floors 0.
    const r = allocateQuotas(
      [
        { key: 'b', size: 10 },
        { key: 'a', size: 10 },
        { key: 'Z', size: 10 },
        { key: 'é', size: 10 },
      ],
      3,
      { minimum: 0 },
    );
    // code points: 'Z' (0x5a) < 'a' < 'b' < 'é' (0xe9); localeCompare would put 'a' first.
    expect(quotas(r)).toEqual({ Z: 1, a: 1, b: 1, é: 0 });
    const byRemainder = allocateQuotas(
      [
        { key: 'a', size: 3 },
        { key: 'b', size: 6 },
      ],
      1,
      { minimum: 0 },
    );
    // remainders 1*3 mod 9 = 3 vs 1*6 mod 9 = 6: b wins on remainder alone
    expect(quotas(byRemainder)).toEqual({ a: 0, b: 1 });
    const sameRemainder = allocateQuotas(
      [
        { key: 'a', size: 2 },
        { key: 'b', size: 4 },
        { key: 'c', size: 4 },
      ],
      5,
      { minimum: 0 },
    );
    // shares 1, 2, 2 exactly -> no leftover
    expect(quotas(sameRemainder)).toEqual({ a: 1, b: 2, c: 2 });
  });

  it('tie on remainder goes to the larger stratum even when its key sorts later', () => {
    // sizes [5, 5, 10], total 2 -> shares 0.5, 0.5, 1.0: one seat left, a/b tie on remainder and size
    const r = allocateQuotas(
      [
        { key: 'b', size: 5 },
        { key: 'a', size: 5 },
        { key: 'c', size: 10 },
      ],
      2,
      { minimum: 0 },
    );
    expect(quotas(r)).toEqual({ a: 1, b: 0, c: 1 });
    const larger = allocateQuotas(
      [
        { key: 'a', size: 3 },
        { key: 'z', size: 6 },
        { key: 'm', size: 9 },
      ],
      // shares 0.5, 1.0, 1.5 -> floors 0, 1, 1 -> one seat; a and m tie on .5, m is larger
      3,
      { minimum: 0 },
    );
    expect(quotas(larger)).toEqual({ a: 0, z: 1, m: 2 });
  });

  it('total at least the population takes everything', () => {
    const r = allocateQuotas(
      [
        { key: 'A', size: 3 },
        { key: 'B', size: 0 },
        { key: 'C', size: 4 },
      ],
      7,
    );
    expect(quotas(r)).toEqual({ A: 3, B: 0, C: 4 });
    expect(r[0]!.reason).toContain('全部抽取');
    expect(r[1]!.reason).toBe('该层没有案卷');
    expect(sum(allocateQuotas([{ key: 'A', size: 3 }], 100))).toBe(3);
  });

  it('zero-size strata get nothing and need no minimum', () => {
    const r = allocateQuotas(
      [
        { key: 'A', size: 10 },
        { key: 'B', size: 0 },
      ],
      1,
    );
    expect(quotas(r)).toEqual({ A: 1, B: 0 });
    expect(r[1]!.share).toBe(0);
  });

  it('refuses a total below the sum of minimums, in Chinese, with the numbers', () => {
    const strata = ['甲', '乙', '丙', '丁'].map((key) => ({ key, size: 50 }));
    expect(() => allocateQuotas(strata, 3)).toThrow(AllocationError);
    expect(() => allocateQuotas(strata, 3)).toThrow(/样本量 3 小于各层最低抽取数之和 4/);
    expect(sum(allocateQuotas(strata, 3, { minimum: 0 }))).toBe(3);
  });

  it('refuses malformed input', () => {
    expect(() => allocateQuotas([{ key: 'A', size: -1 }], 1)).toThrow(/层“A”的案卷数/);
    expect(() => allocateQuotas([{ key: 'A', size: 1 }], 1.5)).toThrow(/样本量/);
    expect(() =>
      allocateQuotas(
        [
          { key: 'A', size: 1 },
          { key: 'A', size: 2 },
        ],
        1,
      ),
    ).toThrow(/出现了两次/);
    expect(() => allocateQuotas([{ key: 'A', size: 1 }], 1, { minimum: -1 })).toThrow(/每层最低抽取数/);
  });

  it('random plans: quotas sum to the total, respect minimums and caps, and are near proportional', () => {
    let s = 42;
    const r = (): number => ((s = (s * 1103515245 + 12345) % 2147483648), s / 2147483648);
    for (let round = 0; round < 300; round++) {
      const k = 1 + Math.floor(r() * 12);
      const strata = Array.from({ length: k }, (_, i) => ({
        key: `s${i}`,
        size: r() < 0.1 ? 0 : Math.floor(r() * r() * 2000),
      }));
      const population = strata.reduce((a, x) => a + x.size, 0);
      const minimum = Math.floor(r() * 3);
      const total = Math.floor(r() * (population + 5));
      const minSum = strata.reduce((a, x) => a + Math.min(minimum, x.size), 0);
      if (total < minSum && total < population) {
        expect(() => allocateQuotas(strata, total, { minimum })).toThrow(AllocationError);
        continue;
      }
      const out = allocateQuotas(strata, total, { minimum });
      expect(sum(out)).toBe(Math.min(total, population));
      for (const x of out) {
        expect(x.quota).toBeLessThanOrEqual(x.size);
        expect(x.quota).toBeGreaterThanOrEqual(Math.min(minimum, x.size));
      }
      if (minimum === 0 && total < population) {
        // pure Hamilton: each quota within 1 of the exact share
        for (const x of out) expect(Math.abs(x.quota - (total * x.size) / population)).toBeLessThan(1);
      }
    }
  });
});

describe('allocation explanation', () => {
  it('names each stratum that gets more than its proportional share, and why one takes most', () => {
    const strata = [
      { key: '市场监管局', size: 5000 },
      ...Array.from({ length: 10 }, (_, i) => ({ key: `小局${i + 1}`, size: 50 })),
    ];
    const q = allocateQuotas(strata, 154, { minimum: 5 });
    expect(q.find((x) => x.key === '市场监管局')!.quota).toBe(104);
    const text = allocationExplanation(q, 5);
    expect(text).toHaveLength(2);
    expect(text[0]).toMatch(/^10 个层得到的名额多于按占比应得之数（共多 36\.0 件），因为每层至少抽取 5 件/);
    expect(text[0]).toContain('“小局1”50 件，按占比应得 1.40 件，得 5 件');
    expect(text[1]).toMatch(/^“市场监管局”有 5000 件，占总体 90\.9%，得 104 件（样本的 67\.5%）/);
  });

  it('says nothing of a proportional plan or a full census', () => {
    const strata = [
      { key: '甲', size: 100 },
      { key: '乙', size: 100 },
    ];
    expect(allocationExplanation(allocateQuotas(strata, 20, { minimum: 1 }), 1)).toEqual([]);
    expect(allocationExplanation(allocateQuotas(strata, 500, { minimum: 1 }), 1)).toEqual([]);
  });
});
