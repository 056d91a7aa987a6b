// Wording of estimates for the UI, the CLI and the 通报 (Chinese, plain percentages).

/** 0.0912 → "9%" (digits 0), "9.1%" (digits 1); never "-0%". */
export function formatPercent(share: number, digits = 0): string {
  const f = 10 ** digits;
  const v = Math.round(share * 100 * f + 1e-9) / f;
  return `${(v === 0 ? 0 : v).toFixed(digits)}%`;
}

/** 0.95 → "95%", 0.995 → "99.5%". */
export function formatConfidence(confidence: number): string {
  const v = Math.round(confidence * 1000) / 10;
  return `${Number.isInteger(v) ? v.toFixed(0) : v.toFixed(1)}%`;
}

/**
 * The one wording of an interval, on the 评查结果 page and in the 通报: whole percents rounded to the nearest
 * ("1%至9%", GB/T 15834 range with 至). Rounding to the nearest moves no limit by more than half a point, so the
 * text never claims an interval wider or narrower than the figures by a whole point, and both places agree.
 */
export function shareRangeText(lowerShare: number, upperShare: number): string {
  return `${formatPercent(lowerShare)}至${formatPercent(upperShare)}`;
}

export interface FigureForText {
  phrase: string;
  degenerate?: boolean;
  point: number;
  pointShare: number;
  lowerShare: number;
  upperShare: number;
}

/**
 * One figure in plain words, with its gloss (a full sentence):
 * "按抽样结果推算，全市约有4%的案卷评查等次为不合格，实际比例在1%至9%之间的可能性为95%。"
 * Never "约 100%" or "约 0%": a share that rounds to 100% reads "绝大多数", one that rounds to 0% "不足1%".
 * A figure without an interval (every sampled file alike) states the sample's fact instead of an estimate.
 */
export function figureGloss(where: string, f: FigureForText, confidence: number, reviewed: number): string {
  if (f.degenerate) {
    return f.pointShare === 0
      ? `在已完成评查的${reviewed}件样本案卷中，未发现${f.phrase}的案卷。`
      : `已完成评查的${reviewed}件样本案卷均${f.phrase}。`;
  }
  const pct = Math.round(f.pointShare * 100 + 1e-9);
  const estimate =
    pct >= 100
      ? `${where}绝大多数案卷${f.phrase}`
      : pct <= 0
        ? `${where}${f.phrase}的案卷不足1%`
        : `${where}约有${pct}%的案卷${f.phrase}`;
  return (
    `按抽样结果推算，${estimate}，实际比例在${shareRangeText(f.lowerShare, f.upperShare)}之间的可能性为` +
    `${formatConfidence(confidence)}。`
  );
}
