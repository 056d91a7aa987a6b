// Line breaking for Chinese text on a fixed grid, with 禁则 (kinsoku): no line starts with closing
// punctuation and none ends with opening punctuation. Latin words and numbers stay whole when they can.
// Units are the caller's: the body grid uses 1 = one character cell, so 28 fits a line.

/** Characters that must not begin a line (closing and pause punctuation, CJK and ASCII). */
export const NO_LINE_START: ReadonlySet<string> = new Set(
  Array.from('，。、；：！？）》」』】”’〕〉］｝〗〙…—·％‰,.;:!?)]}%'),
);

/** Characters that must not end a line (opening punctuation). */
export const NO_LINE_END: ReadonlySet<string> = new Set(Array.from('（《「『【“‘〔〈［｛〖〘([{'));

/** True for characters set in a full character cell (CJK ideographs, kana, full-width forms and punctuation). */
export function isWide(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd) ||
    // Curly quotes, em dash and ellipsis are full width in Chinese fonts.
    cp === 0x2014 ||
    cp === 0x2026 ||
    (cp >= 0x2018 && cp <= 0x201d) ||
    cp === 0x00b7
  );
}

/** Default measure: one cell for wide characters, half a cell for the rest. */
export const gridMeasure = (ch: string): number => (isWide(ch) ? 1 : 0.5);

export interface BreakOptions {
  /** Line width in the measure's units (28 for the body grid). */
  maxWidth: number;
  /** Width of one character (a code point) in the same units. */
  measure?: (ch: string) => number;
  /** Space taken by the first-line indent (e.g. 2 cells). */
  firstIndent?: number;
  /** Space taken on the other lines (hanging indents). */
  restIndent?: number;
  /** How many units a line may give up to obey the rules before punctuation is pulled up instead; default 3. */
  maxPush?: number;
}

export interface BrokenLine {
  text: string;
  /** Sum of the measured widths (trailing spaces excluded). */
  width: number;
  /** The indent this line is set at (firstIndent or restIndent). */
  indent: number;
  /** Last line of the text or of a hard line ('\n'): not stretched when justifying. */
  last: boolean;
  /** Punctuation was pulled onto this line: it is wider than the space available and must be compressed. */
  overflow: boolean;
}

interface Unit {
  text: string;
  width: number;
  kind: 'wide' | 'word' | 'space' | 'newline' | 'other';
}

const EPS = 1e-6;
const isWordChar = (ch: string): boolean => /[A-Za-z0-9\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF]/.test(ch);
const isConnector = (ch: string): boolean => /[.,:\-_/@'+#&]/.test(ch);

function tokenize(text: string, measure: (ch: string) => number): Unit[] {
  const chars = Array.from(text.replace(/\r\n?/g, '\n'));
  const units: Unit[] = [];
  let i = 0;
  while (i < chars.length) {
    const ch = chars[i] as string;
    if (ch === '\n') {
      units.push({ text: ch, width: 0, kind: 'newline' });
      i += 1;
    } else if (ch === ' ' || ch === '\t') {
      units.push({ text: ' ', width: measure(' '), kind: 'space' });
      i += 1;
    } else if (isWordChar(ch)) {
      // A word or number: letters/digits, inner connectors (12.5, 1,000, a-b) and a trailing %.
      let j = i + 1;
      while (j < chars.length) {
        const c = chars[j] as string;
        const next = chars[j + 1];
        if (isWordChar(c) || c === '%' || c === '％') j += 1;
        else if (isConnector(c) && next !== undefined && isWordChar(next)) j += 1;
        else break;
      }
      const word = chars.slice(i, j);
      units.push({ text: word.join(''), width: word.reduce((s, c) => s + measure(c), 0), kind: 'word' });
      i = j;
    } else if (ch === '…' || ch === '—') {
      // 省略号 and 破折号 take two cells and are never split.
      let j = i + 1;
      while (j < chars.length && chars[j] === ch) j += 1;
      const run = chars.slice(i, j);
      units.push({ text: run.join(''), width: run.reduce((s, c) => s + measure(c), 0), kind: 'other' });
      i = j;
    } else {
      units.push({ text: ch, width: measure(ch), kind: isWide(ch) ? 'wide' : 'other' });
      i += 1;
    }
  }
  return units;
}

const firstChar = (s: string): string => Array.from(s)[0] ?? '';
const lastChar = (s: string): string => Array.from(s).at(-1) ?? '';

/**
 * Breaks text into lines no wider than maxWidth. Rules, in order:
 * 1. fill greedily; a word wider than a whole line is split by characters;
 * 2. when the break would start a line with NO_LINE_START or end one with NO_LINE_END, move the break back
 *    (push the last unit(s) down) by up to maxPush units;
 * 3. failing that, pull the offending punctuation up (the line overflows and is compressed when drawn).
 */
export function breakLines(text: string, options: BreakOptions): BrokenLine[] {
  const measure = options.measure ?? gridMeasure;
  const firstIndent = options.firstIndent ?? 0;
  const restIndent = options.restIndent ?? 0;
  const maxPush = options.maxPush ?? 3;
  const units = tokenize(text, measure);
  const lines: BrokenLine[] = [];

  const emit = (from: number, to: number, indent: number, last: boolean, avail: number): void => {
    let end = to;
    while (end > from && units[end - 1]?.kind === 'space') end -= 1;
    const slice = units.slice(from, end);
    const width = slice.reduce((s, u) => s + u.width, 0);
    lines.push({
      text: slice.map((u) => u.text).join(''),
      width,
      indent,
      last,
      overflow: width > avail + EPS,
    });
  };

  // Can the line break between units[b-1] and units[b] (spaces at the seam ignored)?
  const canBreak = (b: number, lineStart: number): boolean => {
    let n = b;
    while (n < units.length && units[n]?.kind === 'space') n += 1;
    let p = b - 1;
    while (p >= lineStart && units[p]?.kind === 'space') p -= 1;
    const next = units[n];
    const prev = units[p];
    if (next && next.kind !== 'newline' && NO_LINE_START.has(firstChar(next.text))) return false;
    if (prev && p >= lineStart && NO_LINE_END.has(lastChar(prev.text))) return false;
    return true;
  };

  let i = 0;
  let first = true;
  while (i < units.length) {
    if (!first) while (i < units.length && units[i]?.kind === 'space') i += 1;
    if (i >= units.length) break;
    const indent = first ? firstIndent : restIndent;
    const avail = options.maxWidth - indent;
    let w = 0;
    let j = i;
    while (j < units.length) {
      const u = units[j] as Unit;
      if (u.kind === 'newline' || w + u.width > avail + EPS) break;
      w += u.width;
      j += 1;
    }
    const stop = units[j];
    if (stop === undefined || stop.kind === 'newline') {
      emit(i, j, indent, true, avail);
      i = stop === undefined ? j : j + 1;
      first = false;
      continue;
    }
    if (j === i || (j === i + 1 && units[i]?.kind === 'space')) {
      // Nothing fits: a word (or character) wider than the line. Split words by character; a single
      // character wider than the line goes on a line of its own.
      if (stop.kind === 'word' && Array.from(stop.text).length > 1) {
        const parts = Array.from(stop.text).map((c): Unit => ({ text: c, width: measure(c), kind: 'other' }));
        units.splice(j, 1, ...parts);
        continue;
      }
      emit(i, j + 1, indent, false, avail);
      i = j + 1;
      first = false;
      continue;
    }
    let b = j;
    if (!canBreak(b, i)) {
      // Push: give up units at the end of this line.
      let pushed = b;
      while (pushed > i + 1 && j - pushed < maxPush && !canBreak(pushed, i)) pushed -= 1;
      if (pushed > i && canBreak(pushed, i) && pushed < j) {
        b = pushed;
      } else {
        // Pull: take the offending punctuation (at most two units) onto this line.
        let pulled = j;
        while (pulled < units.length && pulled - j < 2 && !canBreak(pulled, i)) {
          if (units[pulled]?.kind === 'newline') break;
          pulled += 1;
        }
        if (canBreak(pulled, i) || pulled >= units.length || units[pulled]?.kind === 'newline') b = pulled;
        // else: nothing legal nearby (a line of punctuation only); break at the fill point.
      }
    }
    if (b >= units.length || units[b]?.kind === 'newline') {
      emit(i, b, indent, true, avail);
      i = b + 1;
    } else {
      emit(i, b, indent, false, avail);
      i = b;
    }
    first = false;
  }
  if (lines.length === 0)
    lines.push({ text: '', width: 0, indent: firstIndent, last: true, overflow: false });
  return lines;
}
