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

/** Share as a whole percent rounded outward: lower limits down, upper limits up (never overstates precision). */
export function formatPercentOutward(share: number, side: 'lower' | 'upper'): string {
  const v = share * 100;
  const r = side === 'lower' ? Math.floor(v + 1e-9) : Math.ceil(v - 1e-9);
  return `${r}%`;
}

export interface FigureForText {
  phrase: string;
  degenerate?: boolean;
  point: number;
  pointShare: number;
  lowerShare: number;
  upperShare: number;
}

/** "全市约 9%（约 494 件，95% 置信区间 3%–14%）的案卷存在程序问题" (no final stop). */
export function figureClause(where: string, f: FigureForText, confidence: number): string {
  if (f.degenerate) {
    const none = f.pointShare === 0;
    return (
      `${where}约 ${formatPercent(f.pointShare)}的案卷${f.phrase}（各层样本中${none ? '均未发现' : '全部为'}此类案卷，` +
      `正态近似不能给出置信区间）`
    );
  }
  return (
    `${where}约 ${formatPercent(f.pointShare)}（约 ${Math.round(f.point)} 件，${formatConfidence(confidence)} 置信区间 ` +
    `${formatPercentOutward(f.lowerShare, 'lower')}–${formatPercentOutward(f.upperShare, 'upper')}）的案卷${f.phrase}`
  );
}
