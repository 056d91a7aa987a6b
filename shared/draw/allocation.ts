// Allocation of a draw's sample size over strata (handbook: "Strata and allocation").
//
// Rule, in order:
//  1. If the sample size is at least the population, every stratum is taken whole.
//  2. Each non-empty stratum gets at least min(minimum, its size). If the sample size is smaller than
//     the sum of these minimums, the plan is refused (no silent rule can be fair here).
//  3. The rest is proportional to stratum size: a stratum whose proportional share falls below its
//     minimum is fixed at the minimum and the others are re-shared, until no share falls below.
//  4. Integer quotas by largest remainder: each takes the integer part of its share; the seats left go
//     one each to the largest fractional parts; ties go to the larger stratum, then to the stratum key
//     in Unicode code-point order. Quotas never exceed stratum size.
// All comparisons use exact integer arithmetic (shares are fractions with a common denominator).

import { compareCodePoints } from './code-point';

export const ALLOCATION_RULE_TEXT =
  '按比例分配并设每层最低数：样本量不小于总体时全部抽取；否则每个非空层先保证最低数（层内案卷少于最低数时全部抽取），' +
  '其余按各层案卷数占比分配，按比例应得数低于最低数的层取最低数后其余层重新按比例分配；' +
  '整数名额按最大余数法确定：各层先取应得数的整数部分，剩余名额依小数部分从大到小逐一分给各层，' +
  '小数部分相同时给案卷数较多的层，再相同时按层名称的 Unicode 码位顺序；每层名额不超过该层案卷数。';

export interface StratumSize {
  key: string;
  size: number;
}

export interface StratumQuota {
  key: string;
  size: number;
  /** size / population size (0 when the population is empty). */
  share: number;
  quota: number;
  /** Why this stratum got this quota, in Chinese, for the plan screen and the draw record. */
  reason: string;
}

export interface AllocationOptions {
  /** Least quota of every non-empty stratum (capped at its size). Default 1. */
  minimum?: number;
}

/** Thrown for an impossible or malformed plan; `message` is Chinese. */
export class AllocationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AllocationError';
  }
}

function checkInt(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new AllocationError(`${what}必须是不小于 0 的整数，收到的是 ${String(value)}。`);
  }
}

const fmt = (num: number, den: number): string => (den === 0 ? '0' : (num / den).toFixed(2));

export function allocateQuotas(
  strata: readonly StratumSize[],
  total: number,
  options: AllocationOptions = {},
): StratumQuota[] {
  const minimum = options.minimum ?? 1;
  checkInt(total, '样本量');
  checkInt(minimum, '每层最低抽取数');
  const seen = new Set<string>();
  for (const s of strata) {
    checkInt(s.size, `层“${s.key}”的案卷数`);
    if (seen.has(s.key)) throw new AllocationError(`层“${s.key}”出现了两次，每个层只能列一次。`);
    seen.add(s.key);
  }
  const population = strata.reduce((a, s) => a + s.size, 0);
  const share = (size: number): number => (population === 0 ? 0 : size / population);

  if (total >= population) {
    return strata.map((s) => ({
      key: s.key,
      size: s.size,
      share: share(s.size),
      quota: s.size,
      reason:
        s.size === 0
          ? '该层没有案卷'
          : `样本量 ${total} 不小于总体 ${population} 件，全部抽取（${s.size} 件）`,
    }));
  }

  const floorOf = (s: StratumSize): number => Math.min(minimum, s.size);
  const minSum = strata.reduce((a, s) => a + floorOf(s), 0);
  if (minSum > total) {
    const nonEmpty = strata.filter((s) => s.size > 0).length;
    throw new AllocationError(
      `样本量 ${total} 小于各层最低抽取数之和 ${minSum}（${nonEmpty} 个有案卷的层，每层至少 ${minimum} 件，` +
        `不足 ${minimum} 件的层全部抽取）。请把样本量调到至少 ${minSum}，或降低每层最低抽取数，或合并、减少层。`,
    );
  }

  // Step 3: fix strata whose proportional share is below their minimum, re-share the rest.
  const fixed = new Set<number>();
  for (;;) {
    let rest = total;
    let restSize = 0;
    strata.forEach((s, i) => {
      if (fixed.has(i)) rest -= floorOf(s);
      else restSize += s.size;
    });
    let changed = false;
    strata.forEach((s, i) => {
      // share_i = rest * size_i / restSize < floor_i  <=>  rest * size_i < floor_i * restSize
      if (!fixed.has(i) && s.size > 0 && rest * s.size < floorOf(s) * restSize) {
        fixed.add(i);
        changed = true;
      }
    });
    if (!changed) break;
  }

  let rest = total;
  let restSize = 0;
  strata.forEach((s, i) => {
    if (fixed.has(i)) rest -= floorOf(s);
    else restSize += s.size;
  });

  interface Work {
    i: number;
    base: number;
    remainder: number; // numerator over restSize
    num: number; // rest * size, for the explanation
  }
  const work: Work[] = [];
  let seated = 0;
  strata.forEach((s, i) => {
    if (fixed.has(i) || s.size === 0) return;
    const num = rest * s.size;
    const base = Math.floor(num / restSize);
    work.push({ i, base, remainder: num - base * restSize, num });
    seated += base;
  });
  const order = [...work].sort(
    (a, b) =>
      b.remainder - a.remainder ||
      strata[b.i]!.size - strata[a.i]!.size ||
      compareCodePoints(strata[a.i]!.key, strata[b.i]!.key),
  );
  const bonus = new Set<number>();
  for (let k = 0; k < rest - seated; k++) bonus.add(order[k]!.i);

  const byIndex = new Map(work.map((w) => [w.i, w]));
  return strata.map((s, i) => {
    const base = { key: s.key, size: s.size, share: share(s.size) };
    if (s.size === 0) return { ...base, quota: 0, reason: '该层没有案卷' };
    if (fixed.has(i)) {
      const q = floorOf(s);
      return {
        ...base,
        quota: q,
        reason:
          s.size <= minimum
            ? `层内仅 ${s.size} 件，不多于每层最低数 ${minimum} 件，全部抽取`
            : `按比例应得不足每层最低数 ${minimum} 件，取最低数`,
      };
    }
    const w = byIndex.get(i)!;
    const extra = bonus.has(i) ? 1 : 0;
    const quota = Math.min(s.size, w.base + extra);
    const what = `按比例应得 ${fmt(w.num, restSize)} 件（${rest} × ${s.size} / ${restSize}）`;
    return {
      ...base,
      quota,
      reason: extra ? `${what}，取整 ${w.base} 件，按最大余数法加 1 件` : `${what}，取整 ${w.base} 件`,
    };
  });
}

/**
 * Why the plan is not simply proportional, in Chinese sentences for the plan screen: each stratum that
 * gets more than its proportional share (total × size / population) and why, and, when one stratum
 * takes most of the sample, that its quota follows its files. Display only (the draw record keeps
 * each quota's own reason).
 */
export function allocationExplanation(quotas: readonly StratumQuota[], minimum: number): string[] {
  const total = quotas.reduce((a, q) => a + q.quota, 0);
  const population = quotas.reduce((a, q) => a + q.size, 0);
  if (total === 0 || population === 0 || total >= population) return [];
  const proportional = (q: StratumQuota): number => (total * q.size) / population;
  const more = quotas.filter((q) => q.quota - proportional(q) >= 1);
  const out: string[] = [];
  if (more.length > 0) {
    const gained = more.reduce((a, q) => a + q.quota - proportional(q), 0);
    const list = more
      .slice(0, 5)
      .map((q) => `“${q.key}”${q.size} 件，按占比应得 ${proportional(q).toFixed(2)} 件，得 ${q.quota} 件`)
      .join('；');
    out.push(
      `${more.length} 个层得到的名额多于按占比应得之数（共多 ${gained.toFixed(1)} 件），因为每层至少抽取 ${minimum} 件（层内不足时全部抽取）：${list}${more.length > 5 ? ` 等` : ''}。这些名额从其余层按比例扣除。`,
    );
  }
  const largest = [...quotas].sort((a, b) => b.quota - a.quota)[0]!;
  if (largest.quota * 2 > total) {
    out.push(
      `“${largest.key}”有 ${largest.size} 件，占总体 ${((100 * largest.size) / population).toFixed(1)}%，得 ${largest.quota} 件（样本的 ${((100 * largest.quota) / total).toFixed(1)}%）：名额按案卷数比例分配，案卷多的层抽得多。如需各部门更均衡，可提高每层最低抽取数或改为按部门 × 案件类型分层。`,
    );
  }
  return out;
}
