// Normalisation of ledger cells: text, dates, money and case types. Hot path for 100k-row files, so the
// common cases (plain ASCII / CJK text, ISO dates) avoid regexes and String.normalize.
import type { Cell } from './types';
import { excelSerialToIso } from '../xlsx/excel-date';

/** A number as a spreadsheet shows it in a general cell: integers without '.0', no exponent for ledgers. */
export function numberToText(n: number): string {
  return String(n); // same as Excel's General format for the integers and short decimals of ledgers
}

/** The cell as text, unchanged apart from number formatting ('' for empty). */
export function cellText(c: Cell | undefined): string {
  if (c === null || c === undefined) return '';
  return typeof c === 'number' ? numberToText(c) : c;
}

const WS_RE = /\s+/g;
const ZERO_WIDTH_RE = /[\u200b-\u200d\u2060\ufeff]/g;

/** True when NFKC + whitespace collapsing cannot change s: printable ASCII, CJK unified ideographs and
 * the CJK punctuation NFKC leaves alone (、。《》「」【】〔〕 “” ‘’ — ·). Checked in tests against normalize(). */
export function isAlreadyCanonical(s: string): boolean {
  const n = s.length;
  if (n === 0) return true;
  let prevSpace = true; // a leading space is not canonical
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 32) {
      if (prevSpace) return false;
      prevSpace = true;
      continue;
    }
    prevSpace = false;
    if (c > 32 && c < 127) continue;
    if (c >= 0x4e00 && c <= 0x9fff) continue;
    if (c >= 0x3001 && c <= 0x3017) continue;
    if (c === 0xb7 || c === 0x2014 || c === 0x2018 || c === 0x2019 || c === 0x201c || c === 0x201d) continue;
    return false;
  }
  return !prevSpace;
}

/**
 * Canonical text of a cell: Unicode NFKC (full-width digits, letters and punctuation become half-width,
 * the ideographic space becomes a space), zero-width characters removed, every whitespace run collapsed
 * to one space, then trimmed. This rule feeds the draw's item ids: never change it.
 */
export function canonicalText(value: Cell | undefined): string {
  if (value === null || value === undefined) return '';
  const s = typeof value === 'number' ? numberToText(value) : value;
  if (isAlreadyCanonical(s)) return s;
  const n = s.normalize('NFKC');
  if (isAlreadyCanonical(n)) return n; // full-width digits/letters only: no whitespace work needed
  return n.replace(ZERO_WIDTH_RE, '').replace(WS_RE, ' ').trim();
}

/** Header text for matching and display: canonical text with all spaces removed ("立 案 日 期" -> "立案日期"). */
export function headerText(value: Cell | undefined): string {
  const t = canonicalText(value);
  return t.indexOf(' ') < 0 ? t : t.replace(/ /g, '');
}

// ---------------------------------------------------------------------------------------------
// Dates

/** Serials accepted as dates when a cell holds a bare number: 1950-01-01 .. 2099-12-31. */
export const MIN_DATE_SERIAL = 18264;
export const MAX_DATE_SERIAL = 73050;
const MIN_YEAR = 1950;
const MAX_YEAR = 2099;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
// Ledgers repeat the same few thousand dates: one shared string per date means far less garbage
// on a 100,000-row import (bounded, so a pathological file cannot grow it without limit).
const ISO_CACHE = new Map<number, string>();
const ISO_CACHE_LIMIT = 200_000;

function validIso(y: number, m: number, d: number): string | false {
  if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1 || d > 31) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (d > (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1]!)) return false;
  const key = y * 10000 + m * 100 + d;
  let iso = ISO_CACHE.get(key);
  if (iso === undefined) {
    iso = `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
    if (ISO_CACHE.size < ISO_CACHE_LIMIT) ISO_CACHE.set(key, iso);
  }
  return iso;
}

/** Integer value of the ASCII digits s[from, to), or -1 when any is not a digit. */
function digits(s: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

function isSep(c: number): boolean {
  return c === 45 || c === 47 || c === 46 || c === 0x5e74 || c === 0x6708; // - / . 年 月
}

/**
 * Hand-written parse of the common plain forms without regex or allocation: yyyy?m?d with one separator
 * of - / . 年 月 between parts and an optional 日/号. Returns null to fall back to the general path.
 */
function quickYmd(s: string): string | false | null {
  const n = s.length;
  if (n < 8 || n > 11) return null;
  const y = digits(s, 0, 4);
  if (y < 0 || !isSep(s.charCodeAt(4))) return null;
  let i = 5;
  let m = 0;
  const m0 = i;
  while (i < n && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) m = m * 10 + s.charCodeAt(i++) - 48;
  if (i === m0 || i - m0 > 2 || i >= n || !isSep(s.charCodeAt(i))) return null;
  i++;
  let d = 0;
  const d0 = i;
  while (i < n && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) d = d * 10 + s.charCodeAt(i++) - 48;
  if (i === d0 || i - d0 > 2) return null;
  if (i < n) {
    const c = s.charCodeAt(i);
    if ((c !== 0x65e5 && c !== 0x53f7) || i + 1 !== n) return null; // 日 号
  }
  return validIso(y, m, d);
}

const YMD_RE =
  /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?(?:[ T]\d{1,2}[:：]\d{1,2}(?:[:：]\d{1,2}(?:\.\d+)?)?)?$/;
const COMPACT_RE = /^(\d{4})(\d{2})(\d{2})$/;
const SERIAL_RE = /^\d{5}(?:\.\d+)?$/;

/**
 * Parse a ledger date cell. Returns the ISO date 'YYYY-MM-DD', null for an empty cell, or false when the
 * cell holds something that is not a readable date. Accepts 2017-3-5, 2017/03/05, 2017.3.5, 2017年3月5日,
 * 20170305 (text or number), Excel serials (numbers 18264..73050, i.e. 1950..2099), optional times.
 */
export function parseLedgerDate(cell: Cell | undefined): string | null | false {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === 'number') {
    if (Number.isInteger(cell) && cell >= 19500101 && cell <= 20991231) {
      return validIso(Math.floor(cell / 10000), Math.floor(cell / 100) % 100, cell % 100);
    }
    if (cell >= MIN_DATE_SERIAL && cell < MAX_DATE_SERIAL + 1) return excelSerialToIso(cell) ?? false;
    return false;
  }
  // fast path: the reader's ISO output, returned as is (no new string)
  if (cell.length === 10 && cell.charCodeAt(4) === 45 && cell.charCodeAt(7) === 45) {
    const y = digits(cell, 0, 4);
    const m = digits(cell, 5, 7);
    const d = digits(cell, 8, 10);
    if (y >= 0 && m >= 0 && d >= 0) {
      const iso = validIso(y, m, d);
      return iso === false ? false : cell;
    }
  }
  // 20170305 written as text
  if (cell.length === 8) {
    const v = digits(cell, 0, 8);
    if (v >= 0) return validIso(Math.floor(v / 10000), Math.floor(v / 100) % 100, v % 100);
  }
  const quick = quickYmd(cell);
  if (quick !== null) return quick;
  const t = canonicalText(cell);
  if (t === '') return null;
  let m = YMD_RE.exec(t);
  if (m) return validIso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = COMPACT_RE.exec(t);
  if (m) return validIso(Number(m[1]), Number(m[2]), Number(m[3]));
  if (SERIAL_RE.test(t)) {
    const n = Number(t);
    if (n >= MIN_DATE_SERIAL && n < MAX_DATE_SERIAL + 1) return excelSerialToIso(n) ?? false;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Money

const NO_AMOUNT = new Set([
  '',
  '无',
  '/',
  '-',
  '--',
  '—',
  '——',
  '－',
  '不涉及',
  '未罚款',
  '无罚款',
  '/元',
  '0元',
]);

/**
 * Integer 分 from a decimal string "123", "123.4", "123.456" (rounded half up at the 分), scaled by
 * 10^extraDigits (4 for 万元). Parsed digit by digit so that no binary float error can creep in.
 */
export function decimalToFen(text: string, extraDigits = 0): number | false {
  const dot = text.indexOf('.');
  const intPart = dot < 0 ? text : text.slice(0, dot);
  const frac = dot < 0 ? '' : text.slice(dot + 1);
  if (intPart === '' && frac === '') return false;
  for (let i = 0; i < intPart.length; i++) {
    const c = intPart.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  for (let i = 0; i < frac.length; i++) {
    const c = frac.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  const keep = 2 + extraDigits;
  const digits = (intPart === '' ? '0' : intPart) + frac.slice(0, keep).padEnd(keep, '0');
  let fen = Number(digits);
  if ((frac.charCodeAt(keep) || 0) >= 53) fen += 1; // next digit >= 5
  return Number.isSafeInteger(fen) ? fen : false;
}

/**
 * Parse a money cell to integer 分. Returns null for empty / "无" / "/" style cells, false when unreadable
 * or negative. Accepts "1,234.50", "1234.5元", "¥1,234", "1.5万元" / "1.5万" (x10000), full-width digits.
 * `unitWan`: the column header says the unit is 万元, so bare numbers are in 万元.
 */
export function parseAmountFen(cell: Cell | undefined, unitWan = false): number | null | false {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell) || cell < 0) return false;
    const s = cell.toFixed(unitWan ? 6 : 4); // the stored double's nearest short decimal, then by hand
    return decimalToFen(s, unitWan ? 4 : 0);
  }
  let t = canonicalText(cell);
  if (NO_AMOUNT.has(t)) return null;
  t = t
    .replace(/[\s,]/g, '')
    .replace(/^(?:人民币|RMB|CNY)/i, '')
    .replace(/^[¥$]/, '');
  let wan = unitWan;
  if (t.endsWith('万元')) {
    wan = true;
    t = t.slice(0, -2);
  } else if (t.endsWith('万')) {
    wan = true;
    t = t.slice(0, -1);
  } else if (t.endsWith('元')) {
    wan = false;
    t = t.slice(0, -1);
  }
  if (t === '') return false;
  return decimalToFen(t, wan ? 4 : 0);
}

// ---------------------------------------------------------------------------------------------
// Case types

export const CASE_TYPES = [
  '行政许可',
  '行政处罚',
  '行政强制',
  '行政检查',
  '行政征收',
  '行政确认',
  '行政给付',
  '行政裁决',
  '其他',
] as const;
export type CanonicalCaseType = (typeof CASE_TYPES)[number];

// Order matters: the first keyword found decides ("不予行政处罚" is a penalty case, "行政强制执行" a coercion).
const CASE_TYPE_KEYWORDS: [string, CanonicalCaseType][] = [
  ['许可', '行政许可'],
  ['处罚', '行政处罚'],
  ['简易程序', '行政处罚'],
  ['一般程序', '行政处罚'],
  ['普通程序', '行政处罚'],
  ['强制', '行政强制'],
  ['查封', '行政强制'],
  ['扣押', '行政强制'],
  ['检查', '行政检查'],
  ['征收', '行政征收'],
  ['征用', '行政征收'],
  ['确认', '行政确认'],
  ['给付', '行政给付'],
  ['裁决', '行政裁决'],
  ['其他', '其他'],
  ['其它', '其他'],
];

const caseTypeCache = new Map<string, { type: string; known: boolean }>();

/** Canonical case type by keyword ('处罚' -> 行政处罚); unknown texts are kept as written with known=false. */
export function canonicalCaseType(value: Cell | undefined): { type: string; known: boolean } {
  const t = canonicalText(value);
  const hit = caseTypeCache.get(t);
  if (hit) return hit;
  let result: { type: string; known: boolean } = { type: t, known: false };
  for (const [kw, type] of CASE_TYPE_KEYWORDS) {
    if (t.includes(kw)) {
      result = { type, known: true };
      break;
    }
  }
  if (caseTypeCache.size < 10_000) caseTypeCache.set(t, result);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Case numbers

const YEAR_BRACKET_RE = /[[(（［【〔〖{]\s*((?:19|20)\d{2})\s*[\])）］】〕〗}]/g;

/**
 * Comparison key of a case number: canonical text, the year in any bracket ([2024], (2024), （2024）,
 * 【2024】, 〔2024〕) written as 〔2024〕, spaces removed. Only for comparing: the original is what is stored.
 */
export function caseNoKey(caseNo: Cell | undefined): string {
  const t = canonicalText(caseNo);
  if (t === '') return '';
  return t.replace(YEAR_BRACKET_RE, '〔$1〕').replace(/ /g, '');
}
