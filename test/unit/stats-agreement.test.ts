import { describe, expect, it } from 'vitest';
import {
  cohenKappa,
  gwetAc1,
  meanAbsoluteDifference,
  percentAgreement,
  studentTCdf,
  studentTQuantile,
  type AgreementEstimate,
} from '../../shared/stats/agreement';

/** |actual − expected| < 5e-7: equal to 6 decimals. */
const six = (actual: number | null | undefined, expected: number) => {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThan(5e-7);
};
/** irrCAC prints interval bounds rounded to 3 decimals. */
const ci3 = (e: AgreementEstimate, lower: number, upper: number) => {
  expect(e.interval).not.toBeNull();
  expect(Math.round(e.interval![0] * 1000) / 1000).toBe(lower);
  expect(Math.round(e.interval![1] * 1000) / 1000).toBe(upper);
};
const noNaN = (e: AgreementEstimate) =>
  [e.value, e.standardError, ...(e.interval ?? [])].forEach((x) => expect(Number.isNaN(x)).toBe(false));

describe('agreement coefficients against irrCAC (Gwet) on its published cont3x3abstractors example', () => {
  // The dataset and the printed output are in the irrCAC README / overview vignette (kgwet/irrCAC, README.md;
  // also the "Example output" of rdrr.io/cran/irrCAC/man/kappa2.table.html):
  //   kappa2.table     Cohen's Kappa      0.7964094 0.05891072 (0.68,0.913)
  //   gwet.ac1.table   Gwet's AC1         0.8493305 0.04321747 (0.764,0.935)
  //   pa2.table        Percent Agreement  0.89      0.03128898 (0.828,0.952)
  const cont3x3abstractors = [
    [13, 0, 0],
    [0, 20, 7],
    [0, 4, 56],
  ];

  it("Cohen's κ, its standard error and interval", () => {
    const k = cohenKappa(cont3x3abstractors);
    six(k.value, 0.7964094);
    six(k.standardError, 0.05891072);
    ci3(k, 0.68, 0.913);
    expect(k.note).toBeNull();
  });

  it("Gwet's AC1, its standard error (Gwet 2008 variance) and interval", () => {
    const a = gwetAc1(cont3x3abstractors);
    six(a.value, 0.8493305);
    six(a.standardError, 0.04321747);
    ci3(a, 0.764, 0.935);
  });

  it('percent agreement, its standard error and interval', () => {
    const p = percentAgreement(cont3x3abstractors);
    six(p.value, 0.89);
    six(p.standardError, 0.03128898);
    ci3(p, 0.828, 0.952);
  });

  it('a 90 % interval is narrower and uses t(0.95, n − 1)', () => {
    const k95 = cohenKappa(cont3x3abstractors);
    const k90 = cohenKappa(cont3x3abstractors, 0.9);
    const t = studentTQuantile(0.95, 99);
    six(k90.interval![0], k95.value! - t * k95.standardError!);
    expect(k90.interval![1] - k90.interval![0]).toBeLessThan(k95.interval![1] - k95.interval![0]);
  });
});

describe('a hand-worked 2 × 2 example', () => {
  // Rater A deducts on 25 of 50 files, rater B on 30; both deduct on 20, neither on 15.
  //             B: 扣分  B: 不扣分
  //  A: 扣分       20        5
  //  A: 不扣分     10       15
  // pa = 35/50 = 0.7. Margins: A (0.5, 0.5), B (0.6, 0.4).
  // κ: pe = 0.5·0.6 + 0.5·0.4 = 0.5; κ = (0.7 − 0.5)/(1 − 0.5) = 0.4.
  //   Σ p_kl (w_kl − (1 − κ)(p_+k + p_l+))², 1 − κ = 0.6:
  //     0.4·(1 − 0.6·1.1)² + 0.1·(0 − 0.6·1.1)² + 0.2·(0 − 0.6·0.9)² + 0.3·(1 − 0.6·0.9)²
  //     = 0.04624 + 0.04356 + 0.05832 + 0.06348 = 0.2116
  //   (pa − 2(1 − κ)pe)² = (0.7 − 0.6)² = 0.01; var = (0.2116 − 0.01)/(50·0.25) = 0.016128.
  // AC1: π = (0.55, 0.45); pe = 2·0.55·0.45/(2 − 1) = 0.495; AC1 = 0.205/0.505 = 41/101.
  //   weights 2(1 − AC1)(1 − (π_k + π_l)/2) with 1 − AC1 = 60/101:
  //     (k,l) = (1,1): 2·60/101·0.45 = 54/101;  (2,2): 2·60/101·0.55 = 66/101;  off-diagonal: 60/101
  //   Σ = 0.4·(47/101)² + 0.1·(60/101)² + 0.2·(60/101)² + 0.3·(35/101)² = (883.6 + 360 + 720 + 367.5)/10201
  //     = 2331.1/10201; (pa − 2(1 − AC1)pe)² = (0.7 − 59.4/101)² = (11.3/101)² = 127.69/10201
  //   var = (2203.41/10201)/(50·0.505²) = 2203.41/(10201·12.75125)
  // pa: var = (0.7 − 0.49)/50 = 0.0042.
  const table = [
    [20, 5],
    [10, 15],
  ];

  it('κ, AC1 and percent agreement with their standard errors', () => {
    six(cohenKappa(table).value, 0.4);
    six(cohenKappa(table).standardError, Math.sqrt(0.016128));
    six(gwetAc1(table).value, 41 / 101);
    six(gwetAc1(table).standardError, Math.sqrt(2203.41 / (10201 * 12.75125)));
    six(percentAgreement(table).value, 0.7);
    six(percentAgreement(table).standardError, Math.sqrt(0.0042));
  });

  it('intervals are value ± t(0.975, 49)·se', () => {
    const t = 2.009575237; // scipy.stats.t.ppf(0.975, 49)
    const k = cohenKappa(table);
    six(k.interval![0], 0.4 - t * Math.sqrt(0.016128));
    six(k.interval![1], 0.4 + t * Math.sqrt(0.016128));
  });
});

describe("Student's t quantile (what irrCAC's qt gives)", () => {
  it('matches scipy.stats.t.ppf to 6 decimals', () => {
    // python3 -c "from scipy.stats import t; print(t.ppf(0.975,[1,2,9,37,99]), t.ppf(0.95, 4), t.ppf(0.995, 20))"
    six(studentTQuantile(0.975, 1), 12.70620474);
    six(studentTQuantile(0.975, 2), 4.30265273);
    six(studentTQuantile(0.975, 9), 2.26215716);
    six(studentTQuantile(0.975, 37), 2.02619246);
    six(studentTQuantile(0.975, 99), 1.98421695);
    six(studentTQuantile(0.95, 4), 2.131846786);
    six(studentTQuantile(0.995, 20), 2.84533971);
    six(studentTQuantile(0.025, 9), -2.26215716);
    six(studentTCdf(2.26215716, 9), 0.975);
  });
});

describe('edge cases: defined results and a message, never NaN', () => {
  it('all agree, both using both categories: κ = AC1 = pa = 1 with a zero-width interval', () => {
    const t = [
      [4, 0],
      [0, 16],
    ];
    for (const e of [cohenKappa(t), gwetAc1(t), percentAgreement(t)]) {
      noNaN(e);
      six(e.value, 1);
      expect(e.interval).toEqual([1, 1]);
    }
  });

  it('no deductions at all (one category only): κ undefined with its reason, AC1 = 1, pa = 1', () => {
    const t = [
      [0, 0],
      [0, 38],
    ];
    const k = cohenKappa(t);
    expect(k.value).toBeNull();
    expect(k.interval).toBeNull();
    expect(k.note).toContain('κ 无定义');
    const a = gwetAc1(t);
    noNaN(a);
    expect(a.value).toBe(1);
    expect(percentAgreement(t).value).toBe(1);
  });

  it('a 1 × 1 table (one category only) gives κ undefined; AC1 needs two categories and says so', () => {
    expect(cohenKappa([[7]]).value).toBeNull();
    expect(() => gwetAc1([[7]])).toThrow('AC1 至少需要两个类别');
  });

  it('no subjects: every figure null with “没有可比较的案卷”', () => {
    const t = [
      [0, 0],
      [0, 0],
    ];
    for (const e of [cohenKappa(t), gwetAc1(t), percentAgreement(t), meanAbsoluteDifference([])]) {
      expect(e).toEqual({ value: null, standardError: null, interval: null, note: '没有可比较的案卷' });
    }
  });

  it('one subject: a value but no interval, and the reason', () => {
    const t = [
      [1, 0],
      [0, 0],
    ];
    const p = percentAgreement(t);
    expect(p.value).toBe(1);
    expect(p.interval).toBeNull();
    expect(p.note).toBe('只有 1 件案卷，无法计算区间');
  });

  it('total disagreement keeps κ and AC1 within [−1, 1] and the lower bound capped', () => {
    const t = [
      [0, 5],
      [5, 0],
    ];
    for (const e of [cohenKappa(t), gwetAc1(t)]) {
      noNaN(e);
      six(e.value, -1);
      expect(e.interval![0]).toBeGreaterThanOrEqual(-1);
    }
  });

  it('bad tables are refused in Chinese', () => {
    expect(() => cohenKappa([[1, 2]])).toThrow('行数和列数必须相同');
    expect(() => cohenKappa([[1.5]])).toThrow('非负整数');
    expect(() => cohenKappa([[1]], 1)).toThrow('置信水平');
  });
});

describe('mean absolute difference of point deductions', () => {
  it('mean of |differences| with a t interval capped at 0', () => {
    const m = meanAbsoluteDifference([0, -1, 2, 0, 0.5]);
    six(m.value, 0.7);
    // sd of (0,1,2,0,0.5) = sqrt(((0.49+0.09+1.69+0.49+0.04))/4) = sqrt(0.7)
    six(m.standardError, Math.sqrt(0.7 / 5));
    expect(m.interval![0]).toBe(0);
    six(m.interval![1], 0.7 + 2.776445105 * Math.sqrt(0.7 / 5)); // t.ppf(0.975, 4)
  });

  it('all zero: 0 with a zero-width interval', () => {
    expect(meanAbsoluteDifference([0, 0, 0]).interval).toEqual([0, 0]);
  });
});

describe("standard errors against the papers' own formulas: Fleiss, Cohen & Everitt (1969) for κ, Gwet (2008) for AC1", () => {
  // Written out from the paper's formula, independently of irrCAC's linearised form used by cohenKappa:
  // var = [Σ_i p_ii (1 − (p_i+ + p_+i)(1 − κ))² + (1 − κ)² Σ_{i≠j} p_ij (p_+i + p_j+)² − (κ − pe(1 − κ))²] / (n (1 − pe)²)
  function fleissCohenEverittSe(t: number[][]): number {
    const q = t.length;
    const n = t.flat().reduce((s, x) => s + x, 0);
    const p = t.map((r) => r.map((x) => x / n));
    const row = p.map((r) => r.reduce((s, x) => s + x, 0));
    const col = p[0]!.map((_, j) => p.reduce((s, r) => s + r[j]!, 0));
    const pa = p.reduce((s, r, i) => s + r[i]!, 0);
    const pe = row.reduce((s, r, i) => s + r * col[i]!, 0);
    const k = (pa - pe) / (1 - pe);
    let a = 0;
    let b = 0;
    for (let i = 0; i < q; i++)
      for (let j = 0; j < q; j++)
        if (i === j) a += p[i]![i]! * (1 - (row[i]! + col[i]!) * (1 - k)) ** 2;
        else b += p[i]![j]! * (col[i]! + row[j]!) ** 2;
    return Math.sqrt((a + (1 - k) ** 2 * b - (k - pe * (1 - k)) ** 2) / (n * (1 - pe) ** 2));
  }

  it('on the published, the hand-worked and seeded random tables', () => {
    let seed = 29;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed / 2 ** 31);
    const tables = [
      [
        [13, 0, 0],
        [0, 20, 7],
        [0, 4, 56],
      ],
      [
        [20, 5],
        [10, 15],
      ],
      ...Array.from({ length: 20 }, (_, k) => {
        const q = 2 + (k % 4);
        return Array.from({ length: q }, (_, i) =>
          Array.from({ length: q }, (_, j) => Math.floor(rnd() * (i === j ? 40 : 8))),
        );
      }),
    ];
    for (const t of tables) {
      const k = cohenKappa(t);
      if (k.value === null) continue;
      expect(Math.abs(k.standardError! - fleissCohenEverittSe(t))).toBeLessThan(1e-12);
      expect(Math.abs(gwetAc1(t).standardError! - gwet2008Se(t))).toBeLessThan(1e-12);
    }
  });
});

// Gwet (2008), Br. J. Math. Stat. Psychol. 61, the two-rater variance of AC1 in its expanded form:
// var = [pa(1 − pa) − 4(1 − γ)(Σ_k p_kk(1 − π_k)/(q − 1) − pa·pe) + 4(1 − γ)²(Σ_kl p_kl(1 − (π_k + π_l)/2)²/(q − 1)² − pe²)]
//       / (n (1 − pe)²)
function gwet2008Se(t: number[][]): number {
  const q = t.length;
  const n = t.flat().reduce((s, x) => s + x, 0);
  const p = t.map((r) => r.map((x) => x / n));
  const pi = p.map((r, k) => (r.reduce((s, x) => s + x, 0) + p.reduce((s, rr) => s + rr[k]!, 0)) / 2);
  const pa = p.reduce((s, r, k) => s + r[k]!, 0);
  const pe = pi.reduce((s, x) => s + x * (1 - x), 0) / (q - 1);
  const g = (pa - pe) / (1 - pe);
  let s1 = 0;
  let s2 = 0;
  for (let k = 0; k < q; k++) {
    s1 += (p[k]![k]! * (1 - pi[k]!)) / (q - 1);
    for (let l = 0; l < q; l++) s2 += (p[k]![l]! * (1 - (pi[k]! + pi[l]!) / 2) ** 2) / (q - 1) ** 2;
  }
  const v =
    (pa * (1 - pa) - 4 * (1 - g) * (s1 - pa * pe) + 4 * (1 - g) ** 2 * (s2 - pe * pe)) / (n * (1 - pe) ** 2);
  return Math.sqrt(Math.max(0, v));
}
