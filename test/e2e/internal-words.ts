// Words of the code, never of the screen. Shared by the e2e that walks the demo's pages and the UI
// tests that render single screens.
import { STORE_TABLE_LABELS } from '../../shared/backup/table-labels';

// Table names that are camelCase (single words like "letters" or "officers" are ordinary English).
const CAMEL_TABLES = Object.keys(STORE_TABLE_LABELS).filter((t) => /[a-z][A-Z]/.test(t));

export const INTERNAL_WORD_PATTERNS: readonly RegExp[] = [
  /\b(drw|cmp|imp|pkg|off|trn|att|dep)_[0-9a-z]{4,}/,
  /\b(pen|lic|coe|ins|veto)-[a-z]+(-[a-z0-9]+)*\b/,
  /item id/i,
  /crypto\./,
  /getRandomValues/,
  /arXiv/i,
  /pingcha\.[a-z-]+/,
  /\bformat 应为/,
  /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/,
  new RegExp(`\\b(${CAMEL_TABLES.join('|')})\\b`),
];

/** The internal words found in a screen's text (each with a little context), none when clean. */
export function internalWordsIn(text: string): string[] {
  const found: string[] = [];
  for (const p of INTERNAL_WORD_PATTERNS) {
    const m = p.exec(text);
    if (m) found.push(text.slice(Math.max(0, m.index - 20), m.index + m[0].length + 20));
  }
  return found;
}
