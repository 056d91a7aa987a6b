// Matching case files (scanned 案卷) to drawn files by the 案号 in the file's name. File names come
// from scanners and colleagues: full-width digits, any of 〔〕[]()（）【】 around the year, the
// department's 代字 (德市监罚) or only a part of it (市监罚) or none at all ("〔2024〕112号.pdf").

/** A 案号 reduced to what identifies it: 代字 (may be empty), year and serial (no leading zeros). */
export interface CaseNumberKey {
  prefix: string;
  year: string;
  serial: string;
}

const OPEN = '〔[(【（［';
const CLOSE = '〕])】）］';

/** Full-width digits/letters to half-width, brackets to one kind, spaces removed. */
export function normaliseCaseText(text: string): string {
  let out = text.normalize('NFKC');
  for (const c of OPEN) out = out.split(c).join('〔');
  for (const c of CLOSE) out = out.split(c).join('〕');
  return out.replace(/\s+/g, '');
}

// 代字 (CJK or Latin letters), then the year (bracketed, or followed by 年/-/_), then the serial.
const CASE_NO =
  /([\u4e00-\u9fffA-Za-z]*)(?:〔((?:19|20)\d{2})〕(?:年)?[-_]?|((?:19|20)\d{2})(?:年|[-_]))第?(\d{1,6})(?!\d)/g;

/** Every 案号 a text (file name or ledger cell) contains, normalised. */
export function caseNumberKeys(text: string): CaseNumberKey[] {
  const norm = normaliseCaseText(text);
  const keys: CaseNumberKey[] = [];
  for (const m of norm.matchAll(CASE_NO)) {
    const year = m[2] ?? m[3] ?? '';
    keys.push({ prefix: m[1] ?? '', year, serial: String(Number(m[4])) });
  }
  return keys;
}

/** Whether a key read from a file name denotes the drawn file's 案号 (its 代字 may be partial or absent). */
export function keyMatches(fromName: CaseNumberKey, ofCase: CaseNumberKey): boolean {
  if (fromName.year !== ofCase.year || fromName.serial !== ofCase.serial) return false;
  if (fromName.prefix === '') return true;
  // A name's prefix may carry more words before the 代字 ("评查德市监罚") or leave the city out ("市监罚").
  return ofCase.prefix.endsWith(fromName.prefix) || fromName.prefix.endsWith(ofCase.prefix);
}

export interface DrawnCase {
  itemId: string;
  caseNo: string;
  department: string;
}

export type CaseFileMatch =
  | { status: 'matched'; itemId: string }
  | { status: 'ambiguous'; itemIds: string[] }
  | { status: 'unmatched' };

/** The drawn file a file name names: one, several (ambiguous) or none. */
export function matchFileName(fileName: string, drawn: readonly DrawnCase[]): CaseFileMatch {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[A-Za-z0-9]{1,5}$/, '');
  const fromName = caseNumberKeys(base);
  if (fromName.length === 0) return { status: 'unmatched' };
  const hits: string[] = [];
  for (const d of drawn) {
    const own = caseNumberKeys(d.caseNo);
    if (own.some((k) => fromName.some((f) => keyMatches(f, k)))) hits.push(d.itemId);
  }
  if (hits.length === 0) return { status: 'unmatched' };
  if (hits.length === 1) return { status: 'matched', itemId: hits[0]! };
  // A full 代字 in the name settles between departments sharing year and serial.
  const exact = hits.filter((id) => {
    const d = drawn.find((x) => x.itemId === id)!;
    return caseNumberKeys(d.caseNo).some((k) =>
      fromName.some((f) => f.prefix !== '' && f.prefix === k.prefix),
    );
  });
  if (exact.length === 1) return { status: 'matched', itemId: exact[0]! };
  return { status: 'ambiguous', itemIds: hits };
}
