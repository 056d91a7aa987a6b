// The hypergeometric distribution, computed so that populations up to 1,000,000 files (and beyond) are exact
// to about 14 significant digits and fast.
//
// X ~ Hypergeometric(population N, M files with the attribute, n drawn without replacement).
// The probability of one value uses C. Loader's saddle-point expansion ("Fast and accurate computation of
// binomial probabilities", 2000), the algorithm of R's dhyper: log-factorials are never subtracted from each
// other (that would lose up to 7 digits at N = 1,000,000); instead the Stirling remainders (stirlerr) and the
// deviance term bd0 are computed directly, each to full double precision. A tail P(X <= x) is that probability
// times the sum of the ratios p(x-1)/p(x), p(x-2)/p(x), … (R's pdhyper), summed from the largest term down until
// the terms no longer change the sum; the tail on the far side of the mean is computed as 1 minus the near tail
// with expm1 so that the smaller tail is always the one summed.

/** stirlerr(n) = log(n!) - log(sqrt(2πn) (n/e)^n) for n = 0..15 (computed with mpmath at 40 digits). */
const STIRLERR_SMALL = [
  0.0, 0.08106146679532726, 0.0413406959554093, 0.02767792568499834, 0.020790672103765093,
  0.016644691189821193, 0.013876128823070748, 0.01189670994589177, 0.010411265261972096, 0.009255462182712733,
  0.00833056343336287, 0.007573675487951841, 0.00694284010720953, 0.006408994188004207, 0.0059513701127588475,
  0.005554733551962801,
];

const S0 = 1 / 12;
const S1 = 1 / 360;
const S2 = 1 / 1260;
const S3 = 1 / 1680;
const S4 = 1 / 1188;
const LN_2PI = Math.log(2 * Math.PI);

/** Stirling remainder for a non-negative integer n. */
export function stirlerr(n: number): number {
  if (n <= 15) return STIRLERR_SMALL[n]!;
  const nn = n * n;
  if (n > 500) return (S0 - S1 / nn) / n;
  if (n > 80) return (S0 - (S1 - S2 / nn) / nn) / n;
  if (n > 35) return (S0 - (S1 - (S2 - S3 / nn) / nn) / nn) / n;
  return (S0 - (S1 - (S2 - (S3 - S4 / nn) / nn) / nn) / nn) / n;
}

/** Deviance term bd0(x, np) = x log(x/np) + np - x, accurate when x ≈ np. */
export function bd0(x: number, np: number): number {
  if (Math.abs(x - np) < 0.1 * (x + np)) {
    let v = (x - np) / (x + np);
    let s = (x - np) * v;
    let ej = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      ej *= v;
      const s1 = s + ej / (2 * j + 1);
      if (s1 === s) return s1;
      s = s1;
    }
    return s;
  }
  return x * Math.log(x / np) + np - x;
}

/** log of the binomial probability C(n, x) p^x q^(n-x), with q = 1 - p given separately for precision. */
function logBinomRaw(x: number, n: number, p: number, q: number): number {
  if (p === 0) return x === 0 ? 0 : -Infinity;
  if (q === 0) return x === n ? 0 : -Infinity;
  if (x === 0) {
    if (n === 0) return 0;
    return p < 0.1 ? -bd0(n, n * q) - n * p : n * Math.log(q);
  }
  if (x === n) return q < 0.1 ? -bd0(n, n * p) - n * q : n * Math.log(p);
  if (x < 0 || x > n) return -Infinity;
  const lc = stirlerr(n) - stirlerr(x) - stirlerr(n - x) - bd0(x, n * p) - bd0(n - x, n * q);
  const lf = LN_2PI + Math.log(x) + Math.log1p(-x / n);
  return lc - 0.5 * lf;
}

/** log P(X = x) for X ~ Hypergeometric(N = r + b, r marked, n drawn). */
function logHyperPmfRaw(x: number, r: number, b: number, n: number): number {
  if (x < 0 || x > r || n - x > b || x > n) return -Infinity;
  if (n === 0) return x === 0 ? 0 : -Infinity;
  const total = r + b;
  const p = n / total;
  const q = (total - n) / total;
  return logBinomRaw(x, r, p, q) + logBinomRaw(n - x, b, p, q) - logBinomRaw(n, total, p, q);
}

export interface HyperParams {
  /** Population size N. */
  population: number;
  /** Files in the population with the attribute (M). */
  marked: number;
  /** Sample size n. */
  sample: number;
}

function checkParams({ population, marked, sample }: HyperParams): void {
  const ok =
    Number.isSafeInteger(population) &&
    Number.isSafeInteger(marked) &&
    Number.isSafeInteger(sample) &&
    population >= 0 &&
    marked >= 0 &&
    sample >= 0 &&
    marked <= population &&
    sample <= population;
  if (!ok)
    throw new RangeError(`bad hypergeometric parameters ${JSON.stringify({ population, marked, sample })}`);
}

/** P(X = x). */
export function hyperPmf(x: number, params: HyperParams): number {
  checkParams(params);
  return Math.exp(logHyperPmfRaw(x, params.marked, params.population - params.marked, params.sample));
}

/** log(1 + Σ_{i<x} p(i)/p(x)) (R's pdhyper), summing ratios downwards until they stop mattering. */
function logLowerRatioSum(x: number, r: number, b: number, n: number): number {
  let sum = 0;
  let term = 1;
  let i = x;
  while (i > 0 && term >= Number.EPSILON * sum) {
    term *= (i * (b - n + i)) / ((n + 1 - i) * (r + 1 - i));
    sum += term;
    i--;
  }
  return Math.log1p(sum);
}

/**
 * P(X <= x) (lower = true) or P(X > x) (lower = false), each with full relative precision when small.
 */
function hyperTail(xIn: number, r0: number, b0: number, n: number, lower0: boolean): number {
  let x = xIn;
  let r = r0;
  let b = b0;
  let lower = lower0;
  // Sum the tail below the mean: if x is above the mean, count the unmarked instead.
  if (x * (r + b) > n * r) {
    const t = r;
    r = b;
    b = t;
    x = n - x - 1;
    lower = !lower;
  }
  if (x < 0 || x < n - b) return lower ? 0 : 1;
  if (x >= r || x >= n) return lower ? 1 : 0;
  const logD = logHyperPmfRaw(x, r, b, n);
  const logP = logD + logLowerRatioSum(x, r, b, n);
  return lower ? Math.exp(logP) : -Math.expm1(logP);
}

/** P(X <= x). */
export function hyperCdf(x: number, params: HyperParams): number {
  checkParams(params);
  const { population, marked, sample } = params;
  return hyperTail(Math.floor(x), marked, population - marked, sample, true);
}

/** P(X >= x). */
export function hyperSf(x: number, params: HyperParams): number {
  checkParams(params);
  const { population, marked, sample } = params;
  return hyperTail(Math.ceil(x) - 1, marked, population - marked, sample, false);
}
