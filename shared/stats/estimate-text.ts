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
