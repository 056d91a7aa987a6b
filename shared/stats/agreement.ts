// Agreement between two raters on a categorical judgement (评查一致性): percent agreement, Cohen's κ and
// Gwet's AC1 from a q × q contingency table, each with its standard error and a two-sided interval.
//
// The formulas are those of the R package irrCAC (K. L. Gwet) for two raters and a contingency table
// (`pa2.table`, `kappa2.table`, `gwet.ac1.table`, unweighted, N = ∞):
// - percent agreement pa = Σ p_kk; var = (Σ p_kk − pa²) / n;
// - Cohen's κ = (pa − pe) / (1 − pe), pe = Σ p_k+ · p_+k; var = (Σ_kl p_kl (w_kl − (1 − κ)(p_+k + p_l+))²
//   − (pa − 2(1 − κ) pe)²) / (n (1 − pe)²) (Gwet 2014, the two-rater case of his linearisation; for two raters
//   it coincides with Fleiss, Cohen & Everitt's 1969 large-sample variance);
// - Gwet's AC1 = (pa − pe) / (1 − pe), pe = Σ π_k (1 − π_k) / (q − 1), π_k = (p_k+ + p_+k) / 2;
//   var = (Σ_kl p_kl (w_kl − 2(1 − AC1)(1 − (π_k + π_l)/2) / (q − 1))² − (pa − 2(1 − AC1) pe)²) / (n (1 − pe)²)
//   (Gwet 2008, Br. J. Math. Stat. Psychol. 61, eq. 29; Gwet 2014 §5).
// The interval is the estimate ± t(1 − α/2, n − 1) · se with the upper bound capped at 1, as irrCAC prints it;
// the lower bound is also capped (at −1, or 0 for percent agreement), which irrCAC does not do.
//
// Nothing here returns NaN: a coefficient that is undefined (κ when both raters used one and the same category
// only, any figure with no subjects) is null with a Chinese note saying why.

export type ContingencyTable = readonly (readonly number[])[];

export interface AgreementEstimate {
  /** The coefficient, or null when it is undefined for these data (note says why). */
  value: number | null;
  standardError: number | null;
  /** Two-sided interval at the requested confidence, or null (fewer than 2 subjects, undefined value). */
  interval: readonly [number, number] | null;
  /** Chinese explanation when value or interval is missing or degenerate; null otherwise. */
  note: string | null;
}

export const DEFAULT_AGREEMENT_CONFIDENCE = 0.95;

const NO_SUBJECTS = '没有可比较的案卷';
const ONE_SUBJECT = '只有 1 件案卷，无法计算区间';
// irrCAC floors a zero variance at 1e-100; a zero standard error is what that means.
const VARIANCE_FLOOR = 0;

function checkTable(table: ContingencyTable): number {
  const q = table.length;
  if (q < 1) throw new RangeError('列联表至少要有一个类别');
  for (const row of table) {
    if (row.length !== q) throw new RangeError('列联表的行数和列数必须相同');
    for (const c of row)
      if (!Number.isFinite(c) || c < 0 || !Number.isInteger(c))
        throw new RangeError('列联表的频数须为非负整数');
  }
  return q;
}

interface Margins {
  n: number;
  q: number;
  p: number[][];
  rows: number[];
  cols: number[];
  pa: number;
}

function margins(table: ContingencyTable): Margins {
  const q = checkTable(table);
  const n = table.reduce((s, r) => s + r.reduce((t, c) => t + c, 0), 0);
  const p = table.map((r) => r.map((c) => (n > 0 ? c / n : 0)));
  const rows = p.map((r) => r.reduce((s, c) => s + c, 0));
  const cols = p[0]!.map((_, l) => p.reduce((s, r) => s + r[l]!, 0));
  const pa = p.reduce((s, r, k) => s + r[k]!, 0);
  return { n, q, p, rows, cols, pa };
}

function interval(
  value: number,
  variance: number,
  n: number,
  confidence: number,
  lowest: number,
): Pick<AgreementEstimate, 'standardError' | 'interval' | 'note'> {
  const se = Math.sqrt(Math.max(variance, VARIANCE_FLOOR));
  if (n < 2) return { standardError: se, interval: null, note: ONE_SUBJECT };
  const t = studentTQuantile(1 - (1 - confidence) / 2, n - 1);
  return {
    standardError: se,
    interval: [Math.max(lowest, value - t * se), Math.min(1, value + t * se)],
    note: null,
  };
}

function checkConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`置信水平须在 0 和 1 之间：${confidence}`);
}

const empty = (): AgreementEstimate => ({
  value: null,
  standardError: null,
  interval: null,
  note: NO_SUBJECTS,
});

/** Share of subjects both raters put in the same category (irrCAC `pa2.table`). */
export function percentAgreement(
  table: ContingencyTable,
  confidence = DEFAULT_AGREEMENT_CONFIDENCE,
): AgreementEstimate {
  checkConfidence(confidence);
  const m = margins(table);
  if (m.n === 0) return empty();
  const variance = (m.pa - m.pa * m.pa) / m.n;
  return { value: m.pa, ...interval(m.pa, variance, m.n, confidence, 0) };
}

/** Cohen's κ with the variance irrCAC's `kappa2.table` uses. */
export function cohenKappa(
  table: ContingencyTable,
  confidence = DEFAULT_AGREEMENT_CONFIDENCE,
): AgreementEstimate {
  checkConfidence(confidence);
  const m = margins(table);
  if (m.n === 0) return empty();
  const pe = m.rows.reduce((s, r, k) => s + r * m.cols[k]!, 0);
  // pe = 1 exactly when both raters used one and the same category for every subject: κ is 0/0.
  if (pe >= 1 - 1e-12)
    return {
      value: null,
      standardError: null,
      interval: null,
      note: '两人对全部案卷的判断相同且只用到一个类别，κ 无定义（一致率 100%）',
    };
  const kappa = (m.pa - pe) / (1 - pe);
  let sum = 0;
  for (let k = 0; k < m.q; k++)
    for (let l = 0; l < m.q; l++) {
      const w = k === l ? 1 : 0;
      sum += m.p[k]![l]! * (w - (1 - kappa) * (m.cols[k]! + m.rows[l]!)) ** 2;
    }
  const variance = (sum - (m.pa - 2 * (1 - kappa) * pe) ** 2) / (m.n * (1 - pe) ** 2);
  return { value: kappa, ...interval(kappa, variance, m.n, confidence, -1) };
}

/** Gwet's AC1 with Gwet's (2008) variance, as irrCAC's `gwet.ac1.table`. Needs q ≥ 2 categories. */
export function gwetAc1(
  table: ContingencyTable,
  confidence = DEFAULT_AGREEMENT_CONFIDENCE,
): AgreementEstimate {
  checkConfidence(confidence);
  const m = margins(table);
  if (m.q < 2) throw new RangeError('AC1 至少需要两个类别');
  if (m.n === 0) return empty();
  const pi = m.rows.map((r, k) => (r + m.cols[k]!) / 2);
  const pe = pi.reduce((s, x) => s + x * (1 - x), 0) / (m.q - 1);
  const ac1 = (m.pa - pe) / (1 - pe);
  let sum = 0;
  for (let k = 0; k < m.q; k++)
    for (let l = 0; l < m.q; l++) {
      const w = k === l ? 1 : 0;
      sum += m.p[k]![l]! * (w - (2 * (1 - ac1) * (1 - (pi[k]! + pi[l]!) / 2)) / (m.q - 1)) ** 2;
    }
  const variance = (sum - (m.pa - 2 * (1 - ac1) * pe) ** 2) / (m.n * (1 - pe) ** 2);
  return { value: ac1, ...interval(ac1, variance, m.n, confidence, -1) };
}

/**
 * Mean of non-negative differences (e.g. |points A − points B| per file) with a t interval, lower bound
 * capped at 0. Null value without differences.
 */
export function meanAbsoluteDifference(
  differences: readonly number[],
  confidence = DEFAULT_AGREEMENT_CONFIDENCE,
): AgreementEstimate {
  checkConfidence(confidence);
  const n = differences.length;
  if (n === 0) return empty();
  const abs = differences.map((d) => Math.abs(d));
  const mean = abs.reduce((s, d) => s + d, 0) / n;
  if (n < 2) return { value: mean, standardError: null, interval: null, note: ONE_SUBJECT };
  const sd2 = abs.reduce((s, d) => s + (d - mean) ** 2, 0) / (n - 1);
  const se = Math.sqrt(sd2 / n);
  const t = studentTQuantile(1 - (1 - confidence) / 2, n - 1);
  return {
    value: mean,
    standardError: se,
    interval: [Math.max(0, mean - t * se), mean + t * se],
    note: null,
  };
}

// ---------------------------------------------------------------------------------------------
// Student's t quantile (what R's qt gives), from the regularised incomplete beta function.

// Lanczos approximation (g = 7, n = 9), ~15 significant digits for x > 0.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

// Continued fraction for I_x(a, b) (modified Lentz), valid for x < (a + 1) / (a + b + 2).
function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 1000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return h;
}

/** Regularised incomplete beta function I_x(a, b). */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const lnFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x);
  const front = Math.exp(lnFront);
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

/** P(T ≤ t) for Student's t with df degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  const tail = 0.5 * regularizedBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

// Every item of a campaign asks for the same few quantiles (one n, one confidence): remember them.
const quantiles = new Map<string, number>();

/** The p-quantile of Student's t with df ≥ 1 degrees of freedom (R: qt(p, df)). */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`studentTQuantile(${p})`);
  if (!(df >= 1)) throw new RangeError(`自由度须至少为 1：${df}`);
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  const key = `${p}|${df}`;
  const known = quantiles.get(key);
  if (known !== undefined) return known;
  if (quantiles.size > 10_000) quantiles.clear();
  const t = upperQuantile(p, df);
  quantiles.set(key, t);
  return t;
}

function upperQuantile(p: number, df: number): number {
  // Upper tail: bracket, then bisect on the upper-tail probability (monotone, no derivative needed).
  const target = 1 - p;
  const upper = (t: number) => 0.5 * regularizedBeta(df / (df + t * t), df / 2, 0.5);
  let lo = 0;
  let hi = 1;
  while (upper(hi) > target) {
    lo = hi;
    hi *= 2;
  }
  for (let i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (upper(mid) > target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
