// Character spacing that keeps one laid-out line on one line in a word processor. The DOCX ends every line
// where the PDF does (a line break after each), so a line must never be wider there than the layout made it:
// - the layout may pull punctuation up (禁则) and compress the line;
// - LibreOffice ignores w:autoSpaceDE/w:autoSpaceDN on import (writerfilter's DomainMapper leaves them
//   unmapped) and adds a fifth of the font size wherever Chinese and Latin text meet ("2026年", "共10件").
// Word and WPS honour the flags and justify the condensed line back to the full measure; LibreOffice gets a
// line that fits. The DOCX advances are the official faces': full-width Chinese, half-width Latin.
import { isWide } from './line-break';

/** LibreOffice's space between Chinese and Latin text, as a share of the font size (measured: 3.2 pt at 16 pt). */
export const AUTOSPACE_EM = 0.2;

type Script = 'asian' | 'latin' | 'weak';

/** The script LibreOffice gives a character: Basic Latin and Latin-1 are Latin, general punctuation is weak. */
export function scriptOf(ch: string): Script {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x2000) return 'latin';
  if (cp <= 0x206f) return 'weak';
  return isWide(ch) ? 'asian' : 'latin';
}

/**
 * Places where Chinese and Latin text meet in `text`. A weak character (quotes, dashes) takes the script before
 * it, and also counts as a meeting with Latin text after it: counting one too many only condenses the line a
 * little more, one too few would wrap it.
 */
export function scriptBoundaries(text: string): number {
  let prev: Script | null = null;
  let weakAfterAsian = false;
  let n = 0;
  for (const ch of text) {
    const s = scriptOf(ch);
    if (s === 'weak') {
      if (prev === 'asian') weakAfterAsian = true;
      continue;
    }
    if (prev !== null && prev !== s) n += 1;
    else if (s === 'latin' && weakAfterAsian) n += 1;
    prev = s;
    weakAfterAsian = false;
  }
  return n;
}

/**
 * Character spacing (1/20 pt, as w:spacing) for a line of `text` at `size` pt in `availPt`, when the style's
 * `base` spacing would not fit it once LibreOffice's Chinese–Latin spaces are added; undefined when it fits.
 * LibreOffice sets each run of one script as a portion and leaves the spacing off a portion's last character
 * (measured: the gap at a meeting is a fifth of the size minus the spacing), so only the other characters
 * can be condensed.
 */
export function fitSpacing(text: string, size: number, base: number, availPt: number): number | undefined {
  const chars = Array.from(text);
  if (chars.length === 0) return undefined;
  const natural = chars.reduce((s, ch) => s + (isWide(ch) ? size : size / 2), 0);
  const meetings = scriptBoundaries(text);
  const room = availPt - 0.3 - natural - meetings * AUTOSPACE_EM * size;
  const spaced = Math.max(1, chars.length - meetings - 1);
  if (room >= spaced * (base / 20)) return undefined;
  return Math.min(base, Math.floor((room / spaced) * 20));
}
