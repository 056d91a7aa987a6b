// Fields read from a page's OCR text (issue 28): the 案号 and the dates printed on it. Dates come in two
// forms: 2024年3月2日 and, in 落款, 二〇二四年三月二日 (OCR reads 〇 as O, o, 0 or 零 at times).

import { caseNumberKeys, normaliseCaseText, type CaseNumberKey } from '../case-files/case-number-match';

/** The 案号 written in one canonical form: 代字〔年〕号. */
export function caseNumberText(key: CaseNumberKey): string {
  return `${key.prefix}〔${key.year}〕${key.serial}号`;
}

// A 案号 as OCR gives it back once brackets are unified and spaces dropped: the 代字, the year in brackets
// that may be doubled or missing on either side (〔〔2021〕, 2021〕, 〔2021 948), 第, the serial, 号.
const OCR_CASE_NO = /([\u4e00-\u9fffA-Za-z]+)〔*((?:19|20)\d{2})〕*(?:年)?第?(\d{1,6})号/g;

/** The 案号 a page prints (the first line's with a 代字, else the first one), or null. Lines are read one by one. */
export function readCaseNumber(text: string): CaseNumberKey | null {
  const keys: CaseNumberKey[] = [];
  for (const line of text.split('\n')) {
    // OCR reads the brackets around the year as any bracket-like character.
    const cleaned = normaliseCaseText(line)
      .replace(/[<〈《「『]/g, '〔')
      .replace(/[>〉》」』]/g, '〕');
    if (!cleaned.includes('号')) continue;
    const lenient = [...cleaned.matchAll(OCR_CASE_NO)].map((m) => ({
      prefix: m[1]!,
      year: m[2]!,
      serial: String(Number(m[3])),
    }));
    keys.push(...(lenient.length > 0 ? lenient : caseNumberKeys(cleaned)));
  }
  return keys.find((k) => k.prefix !== '') ?? keys[0] ?? null;
}

/** Same 案号: year and serial equal, and the 代字 equal where both have one. */
export function sameCaseNumber(a: CaseNumberKey, b: CaseNumberKey): boolean {
  return (
    a.year === b.year &&
    a.serial === b.serial &&
    (a.prefix === '' || b.prefix === '' || a.prefix === b.prefix)
  );
}

const CN_DIGIT: Record<string, number> = {
  〇: 0,
  零: 0,
  O: 0,
  o: 0,
  Ｏ: 0,
  '0': 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 三 → 3, 十二 → 12, 二十一 → 21, 三十 → 30; null when not a number of that form. */
function chineseNumber(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  const m = /^([一二三四五六七八九]?)(十?)([一二三四五六七八九]?)$/.exec(text);
  if (!m || text === '') return null;
  if (m[2] === '') return m[1] ? CN_DIGIT[m[1]]! : null;
  const tens = m[1] ? CN_DIGIT[m[1]]! : 1;
  const ones = m[3] ? CN_DIGIT[m[3]]! : 0;
  return tens * 10 + ones;
}

function isoDate(y: number, m: number, d: number): string | null {
  if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const YEAR_CN = '[〇零Oo0Ｏ一二三四五六七八九]';
const DATE_PATTERN = new RegExp(
  `(\\d{4}|${YEAR_CN}{4})\\s*年\\s*(\\d{1,2}|[一二三四五六七八九十]{1,2})\\s*月\\s*(\\d{1,2}|[一二三四五六七八九十]{1,3})\\s*日`,
  'g',
);

/** Every date a text prints, as YYYY-MM-DD, in the order printed. */
export function readDates(text: string): string[] {
  const norm = text.normalize('NFKC');
  const out: string[] = [];
  for (const m of norm.matchAll(DATE_PATTERN)) {
    const yText = m[1]!;
    const y = /^\d{4}$/.test(yText)
      ? Number(yText)
      : Number([...yText].map((c) => CN_DIGIT[c] ?? 0).join(''));
    const mo = chineseNumber(m[2]!);
    const d = chineseNumber(m[3]!);
    if (mo === null || d === null) continue;
    const iso = isoDate(y, mo, d);
    if (iso) out.push(iso);
  }
  return out;
}

/** The document's own date: the last date printed on the page (the 落款 comes last). */
export function documentDate(text: string): string | null {
  return readDates(text).at(-1) ?? null;
}
