// Search in a case file's text layer (issue 27): where the PDF has text (not a bare scan), the viewer
// finds a phrase on every page and highlights it. Pure: the viewer hands in each page's text items with
// their rectangles (normalised to the page as pins are); matching ignores case, full-/half-width and
// spaces, and a match may run across items (a line split into runs).
import type { NormRect } from './pin-geometry';

export interface TextItem {
  str: string;
  rect: NormRect;
}

export interface PageText {
  page: number;
  items: TextItem[];
}

export interface SearchHit {
  page: number;
  /** The rectangles of the text items the match covers (at least one). */
  rects: NormRect[];
}

/** One character as compared: full-width forms as half-width, letters in lower case. */
function fold(ch: string): string {
  const c = ch.charCodeAt(0);
  const half = c >= 0xff01 && c <= 0xff5e ? String.fromCharCode(c - 0xfee0) : ch === '\u3000' ? ' ' : ch;
  return half.toLowerCase();
}

const isSpace = (ch: string) => /\s/.test(ch);

/** The query as compared (no spaces). */
export function searchKey(query: string): string {
  return Array.from(query, fold)
    .filter((c) => !isSpace(c))
    .join('');
}

/** Every match of `query` on the pages, in page order then reading order of the items. */
export function findInText(pages: readonly PageText[], query: string): SearchHit[] {
  const key = searchKey(query);
  if (!key) return [];
  const hits: SearchHit[] = [];
  for (const p of pages) {
    // The page's text without spaces, each character remembering its item.
    let text = '';
    const owner: number[] = [];
    p.items.forEach((item, i) => {
      for (const ch of Array.from(item.str, fold)) {
        if (isSpace(ch)) continue;
        text += ch;
        // One owner per UTF-16 unit (indexOf counts those).
        for (let k = 0; k < ch.length; k++) owner.push(i);
      }
    });
    for (let at = text.indexOf(key); at !== -1; at = text.indexOf(key, at + key.length)) {
      const items = [...new Set(owner.slice(at, at + key.length))];
      hits.push({ page: p.page, rects: items.map((i) => p.items[i]!.rect) });
    }
  }
  return hits;
}
