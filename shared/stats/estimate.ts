// What a random sample says about all files (attribute appraisal, as in RAT-STATS).
//
// Definitions (issue 17). Population of N files, a simple random sample of n without replacement, k sample
// files with the attribute, confidence C two-sided (α = 1 − C, α/2 in each tail), X hypergeometric(N, M, n):
//  - point estimate N·k/n files;
//  - lower limit L = the smallest M with P(X ≥ k | M) > α/2 (L = 0 when k = 0);
//  - upper limit U = the largest M with P(X ≤ k | M) > α/2 (U = N when k = n).
// P(X ≥ k | M) increases with M and P(X ≤ k | M) decreases with M, so both limits are found by binary search
// on M over the values the sample allows (k ≤ M ≤ N − (n − k)).
//
// Stratified draw: the estimate Σ N_h·k_h/n_h, its variance Σ N_h²·(1 − n_h/N_h)·p_h(1 − p_h)/(n_h − 1) and a
// normal-approximation interval, clamped to what the sample already proves (at least Σ k_h files have the
// attribute, at least Σ (n_h − k_h) do not).
//
// Sample size for a planned precision e: the smallest n such that, for k = round(n·p) at the anticipated
// rate p, (U − L)/(2N) ≤ e.

import { hyperCdf, hyperSf } from './hypergeometric';

/** Thrown for parameters that make no sense; `message` is Chinese, for the user. */
export class EstimateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EstimateError';
  }
}

export const DEFAULT_CONFIDENCE = 0.95;

function checkCount(value: number, what: string, min = 0): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new EstimateError(`${what}必须是不小于 ${min} 的整数，收到的是 ${String(value)}。`);
  }
}

export function checkConfidence(confidence: number): void {
  if (!Number.isFinite(confidence) || confidence <= 0 || confidence >= 1) {
    throw new EstimateError(`置信水平必须大于 0 且小于 1（例如 0.95），收到的是 ${String(confidence)}。`);
  }
}

export interface AttributeSample {
  /** Population size N. */
  population: number;
  /** Sample size n (drawn at random without replacement). */
  sample: number;
  /** Sample files with the attribute, k. */
  found: number;
}

export interface ExactLimits extends AttributeSample {
  confidence: number;
  /** N·k/n files (not rounded). */
  point: number;
  /** Lower limit L, files. */
  lower: number;
  /** Upper limit U, files. */
  upper: number;
}

function checkSample({ population, sample, found }: AttributeSample): void {
  checkCount(population, '总体案卷数', 1);
  checkCount(sample, '样本量', 1);
  checkCount(found, '样本中具有该特征的案卷数');
  if (sample > population) throw new EstimateError(`样本量 ${sample} 不能大于总体案卷数 ${population}。`);
  if (found > sample) throw new EstimateError(`样本中具有该特征的案卷数 ${found} 不能大于样本量 ${sample}。`);
}

/** Smallest M in [lo, hi] with pred(M) true, given pred is monotone false…true and pred(hi) is true. */
function firstTrue(lo: number, hi: number, pred: (m: number) => boolean): number {
  let a = lo;
  let b = hi;
  while (a < b) {
    const mid = a + Math.floor((b - a) / 2);
    if (pred(mid)) b = mid;
    else a = mid + 1;
  }
  return a;
}

/** Exact hypergeometric limits and the point estimate (see the definitions at the top of this file). */
export function exactLimits(input: AttributeSample, confidence = DEFAULT_CONFIDENCE): ExactLimits {
  checkSample(input);
  checkConfidence(confidence);
  const { population: N, sample: n, found: k } = input;
  const half = (1 - confidence) / 2;
  const lo = k;
  const hi = N - (n - k);
  const lower =
    k === 0 ? 0 : firstTrue(lo, hi, (M) => hyperSf(k, { population: N, marked: M, sample: n }) > half);
  let upper: number;
  if (k === n) upper = N;
  else {
    // Largest M with P(X ≤ k | M) > α/2 = (first M failing) − 1; P(X ≤ k | k) = 1 always holds.
    const bad = (M: number): boolean => !(hyperCdf(k, { population: N, marked: M, sample: n }) > half);
    upper = bad(hi) ? firstTrue(lo, hi, bad) - 1 : hi;
  }
  return { population: N, sample: n, found: k, confidence, point: (N * k) / n, lower, upper };
}

// -------------------------------------------------------------------------------------------------
// Stratified estimate

export interface StratumSample {
  key: string;
  /** N_h. */
  population: number;
  /** n_h, the stratum's sample files that were reviewed. */
  sample: number;
  /** k_h. */
  found: number;
}

export interface StratifiedEstimate {
  confidence: number;
  population: number;
  sample: number;
  found: number;
  /** Σ N_h·k_h/n_h. */
  point: number;
  /** Σ N_h²·(1 − n_h/N_h)·p_h(1 − p_h)/(n_h − 1). */
  variance: number;
  /** Two-sided normal quantile used. */
  z: number;
  /** point − z·√variance, rounded down, clamped to [Σ k_h, N − Σ (n_h − k_h)]. */
  lower: number;
  /** point + z·√variance, rounded up, clamped likewise. */
  upper: number;
  /** Strata with one reviewed file out of several: their variance used p(1 − p) = 1/4 and n_h − 1 = 1. */
  singleFileStrata: string[];
  /** True when the limits were moved to what the sample proves. */
  clamped: boolean;
}

/** Inverse of the standard normal distribution (P. J. Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile(${p})`);
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const pLow = 0.02425;
  let x: number;
  if (p < pLow) {
    const q = Math.sqrt(-2 * Math.log(p));
    x =
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  } else if (p <= 1 - pLow) {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
      (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x =
      -(((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  return x;
}

/** Stratified estimate with a normal-approximation interval clamped to what the sample proves. */
export function stratifiedEstimate(
  strata: readonly StratumSample[],
  confidence = DEFAULT_CONFIDENCE,
): StratifiedEstimate {
  checkConfidence(confidence);
  if (strata.length === 0) throw new EstimateError('没有可用于推算的层。');
  let N = 0;
  let n = 0;
  let k = 0;
  let point = 0;
  let variance = 0;
  const singleFileStrata: string[] = [];
  for (const s of strata) {
    checkSample({ population: s.population, sample: s.sample, found: s.found });
    N += s.population;
    n += s.sample;
    k += s.found;
    const p = s.found / s.sample;
    point += s.population * p;
    if (s.sample === s.population) continue;
    if (s.sample === 1) {
      singleFileStrata.push(s.key);
      variance += s.population * s.population * (1 - 1 / s.population) * 0.25;
      continue;
    }
    variance += (s.population * s.population * (1 - s.sample / s.population) * p * (1 - p)) / (s.sample - 1);
  }
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const sd = Math.sqrt(variance);
  const provenLow = k;
  const provenHigh = N - (n - k);
  // A tiny tolerance keeps an exact integer (e.g. variance 0) from being pushed one file out by rounding.
  const rawLow = Math.floor(point - z * sd + 1e-9);
  const rawHigh = Math.ceil(point + z * sd - 1e-9);
  const lower = Math.min(Math.max(rawLow, provenLow), provenHigh);
  const upper = Math.max(Math.min(rawHigh, provenHigh), provenLow);
  return {
    confidence,
    population: N,
    sample: n,
    found: k,
    point,
    variance,
    z,
    lower,
    upper,
    singleFileStrata,
    clamped: lower !== rawLow || upper !== rawHigh,
  };
}

// -------------------------------------------------------------------------------------------------
// Sample size

export interface SampleSizeInput {
  population: number;
  /** Anticipated rate p in [0, 1]. */
  rate: number;
  /** Planned precision e: half-width of the interval as a share, in (0, 1). */
  precision: number;
  confidence?: number;
}

/** Half-width (U − L)/(2N) of the exact interval for a sample of n with k = round(n·p). */
export function plannedHalfWidth(population: number, n: number, rate: number, confidence: number): number {
  const k = Math.round(n * rate);
  const lim = exactLimits({ population, sample: n, found: k }, confidence);
  return (lim.upper - lim.lower) / (2 * population);
}

function checkRate(rate: number): void {
  if (!Number.isFinite(rate) || rate < 0 || rate > 1) {
    throw new EstimateError(`预计比例必须在 0 到 1 之间（例如 0.1 表示 10%），收到的是 ${String(rate)}。`);
  }
}

/**
 * The smallest n such that (U − L)/(2N) ≤ precision at k = round(n·p). The half-width shrinks with n except
 * for small wiggles where round(n·p) steps, so the search first bisects for the point where the condition
 * starts to hold and then walks down from there while it still holds, and on through any run of failures
 * shorter than a window (max(20, 5 % of n)), so a smaller n that holds just below a wiggle is still found.
 */
export function sampleSizeFor(input: SampleSizeInput): number {
  const confidence = input.confidence ?? DEFAULT_CONFIDENCE;
  checkConfidence(confidence);
  checkCount(input.population, '总体案卷数', 1);
  checkRate(input.rate);
  const e = input.precision;
  if (!Number.isFinite(e) || e <= 0 || e >= 1) {
    throw new EstimateError(
      `精度（区间半宽）必须大于 0 且小于 1（例如 0.05 表示 ±5%），收到的是 ${String(e)}。`,
    );
  }
  const N = input.population;
  const ok = (n: number): boolean => plannedHalfWidth(N, n, input.rate, confidence) <= e;
  // Census always holds (U = L = k).
  let best = firstTrue(1, N, ok);
  const window = Math.max(20, Math.ceil(best * 0.05));
  let misses = 0;
  for (let n = best - 1; n >= 1 && misses < window; n--) {
    if (ok(n)) {
      best = n;
      misses = 0;
    } else misses++;
  }
  return best;
}

/** The half-width a chosen sample size gives at the anticipated rate (for "what precision will n give"). */
export function precisionFor(
  population: number,
  n: number,
  rate: number,
  confidence = DEFAULT_CONFIDENCE,
): number {
  checkCount(population, '总体案卷数', 1);
  checkCount(n, '样本量', 1);
  checkRate(rate);
  checkConfidence(confidence);
  if (n > population) throw new EstimateError(`样本量 ${n} 不能大于总体案卷数 ${population}。`);
  return plannedHalfWidth(population, n, rate, confidence);
}
