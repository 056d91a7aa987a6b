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

/** Words that end an organ's name (机关名称): 局, 委员会, 办公室, 支队 … */
const ORGAN_SUFFIX = /委员会|办公室|总队|支队|大队|中心|局|厅|署|委/u;
/** Words a title puts before or after a name (关于…, …的): an organ's name never spans them. */
const NAME_DELIMITERS: readonly string[] = ['关于', '的', '对', '致', '向'];
const delimiterAt = (chars: readonly string[], i: number): string | undefined =>
  NAME_DELIMITERS.find((d) => Array.from(d).every((c, k) => chars[i + k] === c));
const ORGAN_MAX_CHARS = 16;

/**
 * Spans [start, end) (code points) of the organ names a title contains, as a reader sees them: a run of Chinese
 * after 关于 / the title's start up to an organ suffix ("德阳市医疗保障局", "德阳市卫生健康委员会",
 * "德阳市城市管理综合行政执法局"). The general fallback when the document names no organs itself.
 */
export function organNameSpans(title: string): [number, number][] {
  const chars = Array.from(title);
  const spans: [number, number][] = [];
  let start = 0;
  while (start < chars.length) {
    // The segment up to the next delimiter.
    let end = start;
    while (end < chars.length && delimiterAt(chars, end) === undefined) end += 1;
    let at = start;
    while (at < end) {
      const seg = chars.slice(at, end).join('');
      const m = ORGAN_SUFFIX.exec(seg);
      if (!m) break;
      let stop = at + Array.from(seg.slice(0, m.index)).length + Array.from(m[0]).length;
      if (m[0] === '委' && chars[stop] === '员' && chars[stop + 1] === '会') stop += 2;
      const name = chars.slice(at, stop).join('');
      if (stop - at >= 3 && stop - at <= ORGAN_MAX_CHARS && /^[\u4e00-\u9fff]+$/u.test(name))
        spans.push([at, stop]);
      at = stop;
    }
    // Step over the delimiter.
    start = end + Array.from(delimiterAt(chars, end) ?? ' ').length;
  }
  return spans;
}

/** Spans of `names` (organs and departments the document names: 发文机关, 主送单位) in the title. */
function namedSpans(chars: readonly string[], names: readonly string[]): [number, number][] {
  const spans: [number, number][] = [];
  for (const name of names) {
    const t = Array.from(name.trim());
    if (t.length < 2) continue;
    for (let i = 0; i + t.length <= chars.length; i += 1)
      if (t.every((c, k) => chars[i + k] === c)) spans.push([i, i + t.length]);
  }
  return spans;
}

/**
 * Offsets (in code points, 0 < offset < length) where a title may break: word boundaries from the ICU word
 * segmenter, minus those inside TITLE_TERMS, inside an organ or department name (`names` first, then the
 * organ names a reader sees, `organNameSpans`), inside a number or Latin word, or against 禁则 punctuation.
 * `keepNames: false` drops the name rule (the fallback for a name wider than the line).
 */
export function titleBreakOpportunities(
  title: string,
  names: readonly string[] = [],
  keepNames = true,
): number[] {
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
  // Keep the names whole: the document's own, then organ names found in the title.
  if (keepNames)
    for (const [a, b] of [...namedSpans(chars, names), ...organNameSpans(title)])
      for (let k = a + 1; k < b; k += 1) allowed[k] = false;
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
 * `names`: organs and departments the document names, kept whole. Falls back to breaks inside a name only when
 * it is wider than the line, and to character breaks only when a single word is.
 */
export function breakTitle(
  title: string,
  maxWidth: number,
  measure: (ch: string) => number,
  names: readonly string[] = [],
): string[] {
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

  const words = solve(titleBreakOpportunities(text, names));
  if (words) return words;
  // A name wider than the line: between its words.
  const inNames = solve(titleBreakOpportunities(text, names, false));
  if (inNames) return inNames;
  // A word wider than the line: break between any characters.
  return solve(Array.from({ length: chars.length - 1 }, (_, i) => i + 1)) ?? [text];
}
