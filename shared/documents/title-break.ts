// Line breaking for document titles (公文标题, GB/T 9704 7.3.1): a title of several lines breaks only between
// words ("词意完整，排列对称"), and the lines are balanced into a 梯形 (each line at most as long as the one
// above) or a 菱形 (longest line in the middle). The layout computes the lines once; the PDF draws them and the
// DOCX writes them with explicit line breaks, so both break the title at the same places.

import { NO_LINE_END, NO_LINE_START } from './line-break';

/**
 * Terms of the domain that a word segmenter may split (评|查, 整|改, 年|审) or that must stay whole even though
 * they are two words (行政|执法): no break inside any of them.
 */
export const TITLE_TERMS: readonly string[] = [
  '行政执法',
  '执法案卷',
  '案卷评查',
  '评查',
  '整改',
  '年审',
  '审验',
  '通报',
  '通知书',
  '监督管理局',
  '市场监督',
  '司法局',
  '执法证件',
  '全市',
  '全省',
  '全县',
  '全区',
  '情况',
  '问题',
];

const segmenter: Intl.Segmenter | null =
  typeof Intl !== 'undefined' && 'Segmenter' in Intl
    ? new Intl.Segmenter('zh-CN', { granularity: 'word' })
    : null;

/**
 * Offsets (in code points, 0 < offset < length) where a title may break: word boundaries from the ICU word
 * segmenter, minus those inside TITLE_TERMS, inside a number or Latin word, or against 禁则 punctuation.
 */
export function titleBreakOpportunities(title: string): number[] {
  const chars = Array.from(title);
  const n = chars.length;
  const allowed = new Array<boolean>(n + 1).fill(false);
  if (segmenter) {
    let at = 0;
    for (const s of segmenter.segment(title)) {
      at += Array.from(s.segment).length;
      if (at > 0 && at < n) allowed[at] = true;
    }
  } else {
    for (let i = 1; i < n; i += 1) allowed[i] = true;
  }
  // Keep the domain terms whole.
  for (const term of TITLE_TERMS) {
    const t = Array.from(term);
    for (let i = 0; i + t.length <= n; i += 1) {
      if (t.every((c, k) => chars[i + k] === c)) for (let k = 1; k < t.length; k += 1) allowed[i + k] = false;
    }
  }
  const isWordChar = (c: string | undefined): boolean =>
    c !== undefined && /[A-Za-z0-9〇零一二三四五六七八九十百]/.test(c);
  for (let i = 1; i < n; i += 1) {
    const prev = chars[i - 1] as string;
    const next = chars[i] as string;
    if (NO_LINE_START.has(next) || NO_LINE_END.has(prev)) allowed[i] = false;
    if (isWordChar(prev) && isWordChar(next)) allowed[i] = false;
    // 〔2026〕12号 and 年/月/日 stay with their numbers.
    if (isWordChar(prev) && /[年月日号个件]/.test(next)) allowed[i] = false;
  }
  const out: number[] = [];
  for (let i = 1; i < n; i += 1) if (allowed[i]) out.push(i);
  return out;
}

/**
 * True when the widths form a 梯形 (steadily longer or steadily shorter lines) or a 菱形 (rise, then fall); false
 * for an hourglass (a short line between longer ones) and other zigzags.
 */
export function isBalancedShape(widths: readonly number[], tolerance: number): boolean {
  const w = (i: number): number => widths[i] as number;
  let i = 1;
  while (i < widths.length && w(i) >= w(i - 1) - tolerance) i += 1;
  while (i < widths.length && w(i) <= w(i - 1) + tolerance) i += 1;
  return i === widths.length;
}

/**
 * Breaks a title into balanced lines no wider than maxWidth (same units as measure). Uses the fewest lines that
 * fit at word boundaries; among those (up to three lines), the break with the shortest longest line, preferring
 * a 梯形/菱形 shape when it costs at most one character of width; longer titles get the narrowest greedy fill.
 * Falls back to character breaks only when a single word is wider than the line.
 */
export function breakTitle(title: string, maxWidth: number, measure: (ch: string) => number): string[] {
  const text = title.trim();
  const chars = Array.from(text);
  const prefix = [0];
  for (const c of chars) prefix.push((prefix.at(-1) as number) + measure(c));
  const total = prefix.at(-1) as number;
  if (total <= maxWidth + 1e-6 || chars.length < 2) return [text];
  const width = (a: number, b: number): number => (prefix[b] as number) - (prefix[a] as number);
  const unit = Math.max(...chars.map(measure));

  const lineTexts = (cuts: number[]): string[] => {
    const all = [0, ...cuts, chars.length];
    return all.slice(1).map((end, k) => chars.slice(all[k] as number, end).join(''));
  };
  /** Greedy fill at the allowed cuts within `limit`; null when some piece is wider than the limit. */
  const greedy = (cuts: number[], limit: number): number[] | null => {
    const chosen: number[] = [];
    let start = 0;
    let last = -1;
    for (const c of [...cuts, chars.length]) {
      if (width(start, c) <= limit + 1e-6) {
        last = c;
        continue;
      }
      if (last <= start) return null;
      chosen.push(last);
      start = last;
      if (width(start, c) > limit + 1e-6) return null;
      last = c;
    }
    return chosen;
  };

  const solve = (cuts: number[]): string[] | null => {
    const fewest = greedy(cuts, maxWidth);
    if (fewest === null) return null;
    const lines = fewest.length + 1;
    if (lines <= 3) {
      // Try every way to cut into `lines` pieces (at most n^2 for three lines).
      let best: { max: number; shape: boolean; cuts: number[] } | null = null;
      const consider = (chosen: number[]): void => {
        const all = [0, ...chosen, chars.length];
        const widths = all.slice(1).map((end, k) => width(all[k] as number, end));
        const max = Math.max(...widths);
        if (max > maxWidth + 1e-6) return;
        const shape = isBalancedShape(widths, unit * 0.5);
        const better =
          best === null ||
          (shape && !best.shape && max <= best.max + unit + 1e-6) ||
          (shape === best.shape && max < best.max - 1e-6) ||
          (!shape && best.shape && max < best.max - unit - 1e-6);
        if (better) best = { max, shape, cuts: chosen };
      };
      for (const a of cuts) {
        if (lines === 2) consider([a]);
        else for (const b of cuts) if (b > a) consider([a, b]);
      }
      if (best !== null) return lineTexts((best as { cuts: number[] }).cuts);
    }
    // Four lines or more: the narrowest limit that still fills the same number of lines.
    let lo = 0;
    let hi = maxWidth;
    let found = fewest;
    for (let it = 0; it < 30; it += 1) {
      const mid = (lo + hi) / 2;
      const trial = greedy(cuts, mid);
      if (trial !== null && trial.length <= fewest.length) {
        hi = mid;
        found = trial;
      } else lo = mid;
    }
    return lineTexts(found);
  };

  const words = solve(titleBreakOpportunities(text));
  if (words) return words;
  // A word wider than the line: break between any characters.
  return solve(Array.from({ length: chars.length - 1 }, (_, i) => i + 1)) ?? [text];
}
