import { describe, expect, it } from 'vitest';
import {
  EstimateError,
  exactLimits,
  normalQuantile,
  precisionFor,
  sampleSizeFor,
  stratifiedEstimate,
} from '../../shared/stats/estimate';
import { hyperCdf, hyperPmf, hyperSf } from '../../shared/stats/hypergeometric';

// Reference values produced by test/fixtures/stats/hypergeometric-reference.py (python3 + scipy 1.17):
//  EXACT: exact rational tail probabilities (math.comb big integers, fractions.Fraction) and a linear scan
//         over every M — no floating point, no bisection;
//  SCIPY: scipy.stats.hypergeom (Boost) with bisection on M, for N = 1,000,000 and the 5,494-file city;
//  SIZES: literal "smallest n" by a linear scan over n = 1, 2, … with the scipy limits.
// [N, n, k, confidence, L, U]
const EXACT: [number, number, number, number, number, number][] = [
  [100, 10, 0, 0.95, 0, 29],
  [100, 10, 10, 0.95, 71, 100],
  [100, 10, 3, 0.95, 8, 63],
  [100, 100, 37, 0.95, 37, 37],
  [500, 40, 4, 0.9, 19, 104],
  [500, 40, 4, 0.95, 15, 115],
  [500, 40, 4, 0.99, 10, 137],
  [120, 30, 15, 0.95, 41, 79],
  [1000, 50, 1, 0.99, 1, 136],
  [1000, 50, 49, 0.9, 911, 998],
  [250, 1, 0, 0.95, 0, 243],
  [250, 1, 1, 0.95, 7, 250],
  [2000, 120, 9, 0.95, 72, 271],
  [5000, 120, 9, 0.95, 177, 684],
  [30, 29, 7, 0.95, 7, 8],
];
const SCIPY: [number, number, number, number, number, number][] = [
  [1_000_000, 120, 9, 0.95, 34870, 137597],
  [1_000_000, 120, 0, 0.95, 0, 30271],
  [1_000_000, 120, 120, 0.95, 969729, 1_000_000],
  [1_000_000, 1000, 50, 0.9, 39169, 62857],
  [1_000_000, 1000, 50, 0.99, 33935, 70494],
  [1_000_000, 5000, 2500, 0.95, 486080, 513920],
  [1_000_000, 400, 1, 0.99, 13, 18423],
  [5494, 120, 9, 0.95, 194, 752],
];
// [N, rate, precision, confidence, n]
const SIZES: [number, number, number, number, number][] = [
  [5494, 0.1, 0.05, 0.95, 152],
  [500, 0.1, 0.05, 0.95, 114],
  [1000, 0.2, 0.1, 0.9, 50],
  [200, 0.05, 0.05, 0.99, 82],
  [5494, 0.3, 0.1, 0.95, 87],
  [50, 0.5, 0.1, 0.95, 32],
];

describe('exact hypergeometric limits', () => {
  it.each(EXACT)('N=%i n=%i k=%i at %f: exact rational reference', (N, n, k, c, L, U) => {
    const r = exactLimits({ population: N, sample: n, found: k }, c);
    expect([r.lower, r.upper]).toEqual([L, U]);
    expect(r.point).toBeCloseTo((N * k) / n, 9);
  });

  it.each(SCIPY)('N=%i n=%i k=%i at %f: scipy reference', (N, n, k, c, L, U) => {
    const r = exactLimits({ population: N, sample: n, found: k }, c);
    expect([r.lower, r.upper]).toEqual([L, U]);
  });

  it('k = 0 gives L = 0, k = n gives U = N, a census gives L = U = k', () => {
    expect(exactLimits({ population: 300, sample: 20, found: 0 }).lower).toBe(0);
    expect(exactLimits({ population: 300, sample: 20, found: 20 }).upper).toBe(300);
    const census = exactLimits({ population: 300, sample: 300, found: 41 }, 0.99);
    expect([census.lower, census.upper, census.point]).toEqual([41, 41, 41]);
  });

  it('the limits sit exactly on the definition: L − 1 and U + 1 fail the tail condition', () => {
    const N = 1_000_000;
    const n = 120;
    const k = 9;
    const r = exactLimits({ population: N, sample: n, found: k }, 0.95);
    expect(hyperSf(k, { population: N, marked: r.lower, sample: n })).toBeGreaterThan(0.025);
    expect(hyperSf(k, { population: N, marked: r.lower - 1, sample: n })).toBeLessThanOrEqual(0.025);
    expect(hyperCdf(k, { population: N, marked: r.upper, sample: n })).toBeGreaterThan(0.025);
    expect(hyperCdf(k, { population: N, marked: r.upper + 1, sample: n })).toBeLessThanOrEqual(0.025);
  });

  it('probabilities: pmf sums to 1 and tails agree with exact values', () => {
    const p = { population: 60, marked: 17, sample: 12 };
    let sum = 0;
    for (let x = 0; x <= 12; x++) sum += hyperPmf(x, p);
    expect(sum).toBeCloseTo(1, 13);
    // P(X = 3) = C(17,3) C(43,9) / C(60,12) = 680 · 563921995 / 1399358844975
    expect(hyperPmf(3, p)).toBeCloseTo((680 * 563921995) / 1399358844975, 13);
    for (let x = 0; x <= 12; x++) {
      expect(hyperCdf(x, p) + hyperSf(x + 1, p)).toBeCloseTo(1, 13);
    }
  });

  it('refuses impossible samples with a Chinese message', () => {
    expect(() => exactLimits({ population: 10, sample: 11, found: 0 })).toThrow(EstimateError);
    expect(() => exactLimits({ population: 10, sample: 5, found: 6 })).toThrow(/不能大于样本量/);
    expect(() => exactLimits({ population: 10, sample: 5, found: 1 }, 1.2)).toThrow(/置信水平/);
    expect(() => exactLimits({ population: 10.5, sample: 5, found: 1 })).toThrow(/整数/);
  });
});

describe('stratified estimate', () => {
  it('matches a hand-worked example', () => {
    // Stratum A: N=1000, n=50, k=5 → p=0.1, N·p = 100,
    //   var = 1000² · (1 − 50/1000) · 0.1 · 0.9 / 49 = 1e6 · 0.95 · 0.09 / 49 = 85500/49 = 1744.8979…
    // Stratum B: N=200, n=20, k=10 → p=0.5, N·p = 100,
    //   var = 200² · (1 − 20/200) · 0.25 / 19 = 40000 · 0.9 · 0.25 / 19 = 9000/19 = 473.6842…
    // Stratum C: census N=n=30, k=3 → 3, var 0.
    // Total 203, variance 2218.5821…, sd 47.1018…, 95 %: 203 ± 1.959964 · 47.1018 = 110.68 … 295.32
    // → [110, 296] (outward rounding); proven: at least 18, at most 1230 − 82 = 1148.
    const r = stratifiedEstimate([
      { key: 'A', population: 1000, sample: 50, found: 5 },
      { key: 'B', population: 200, sample: 20, found: 10 },
      { key: 'C', population: 30, sample: 30, found: 3 },
    ]);
    expect(r.point).toBeCloseTo(203, 10);
    expect(r.variance).toBeCloseTo(85500 / 49 + 9000 / 19, 8);
    expect(r.z).toBeCloseTo(1.959963985, 8);
    expect([r.lower, r.upper]).toEqual([110, 296]);
    expect(r.clamped).toBe(false);
    expect([r.population, r.sample, r.found]).toEqual([1230, 100, 18]);
  });

  it('clamps the normal interval to what the sample proves', () => {
    // N=100, n=10, k=1: 10 ± 1.96·sqrt(100²·0.9·0.09/9) = 10 ± 18.6 → lower clamped to k = 1.
    const low = stratifiedEstimate([{ key: 'X', population: 100, sample: 10, found: 1 }]);
    expect(low.lower).toBe(1);
    expect(low.upper).toBe(29);
    expect(low.clamped).toBe(true);
    // k = n: p(1−p) = 0 → variance 0 → [100, 100]? No: the sample proves only 10; the normal interval is a
    // point, so lower = upper = 100 (the method's known weakness, stated in the UI).
    const all = stratifiedEstimate([{ key: 'X', population: 100, sample: 10, found: 10 }]);
    expect([all.lower, all.upper]).toEqual([100, 100]);
  });

  it('a stratum with one reviewed file of several uses the most cautious variance and says so', () => {
    const r = stratifiedEstimate([
      { key: 'one', population: 9, sample: 1, found: 1 },
      { key: 'two', population: 9, sample: 9, found: 0 },
    ]);
    expect(r.variance).toBeCloseTo(81 * (8 / 9) * 0.25, 10);
    expect(r.singleFileStrata).toEqual(['one']);
    expect(r.upper).toBe(9); // proven high: 18 − 9 = 9
  });

  it('normal quantiles for 90 / 95 / 99 %', () => {
    expect(normalQuantile(0.95)).toBeCloseTo(1.6448536269514722, 8);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 8);
    expect(normalQuantile(0.995)).toBeCloseTo(2.5758293035489004, 8);
  });
});

describe('sample size for a planned precision', () => {
  it.each(SIZES)('N=%i p=%f e=%f at %f: smallest n by linear scan in Python', (N, p, e, c, n) => {
    expect(sampleSizeFor({ population: N, rate: p, precision: e, confidence: c })).toBe(n);
  });

  it('the size found meets the precision and the size before it does not', () => {
    const n = sampleSizeFor({ population: 5494, rate: 0.1, precision: 0.05 });
    expect(precisionFor(5494, n, 0.1)).toBeLessThanOrEqual(0.05);
    expect(precisionFor(5494, n - 1, 0.1)).toBeGreaterThan(0.05);
  });

  it('refuses a bad rate or precision in Chinese', () => {
    expect(() => sampleSizeFor({ population: 100, rate: 1.5, precision: 0.05 })).toThrow(/预计比例/);
    expect(() => sampleSizeFor({ population: 100, rate: 0.1, precision: 0 })).toThrow(/精度/);
  });
});
