// Calendar helpers on ISO `YYYY-MM-DD` strings. Dates are civil dates (no time zone), so arithmetic
// goes through UTC day numbers.

import type { Cell } from '../ledger/types';
import { parseLedgerDate } from '../ledger/normalize';

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(s: string): boolean {
  const m = ISO.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** Days since 1970-01-01 for an ISO date. */
export function dayNumber(iso: string): number {
  const m = ISO.exec(iso);
  if (!m) throw new Error(`not an ISO date: ${iso}`);
  return Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000);
}

export function fromDayNumber(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  return fromDayNumber(dayNumber(iso) + days);
}

/** Same month/day `years` later; 29 Feb falls back to 28 Feb. */
export function addYears(iso: string, years: number): string {
  const y = Number(iso.slice(0, 4)) + years;
  const md = iso.slice(5);
  const candidate = `${String(y).padStart(4, '0')}-${md}`;
  return isIsoDate(candidate) ? candidate : `${String(y).padStart(4, '0')}-02-28`;
}

export function daysBetween(fromIso: string, toIso: string): number {
  return dayNumber(toIso) - dayNumber(fromIso);
}

export type DateParse = { ok: true; date: string } | { ok: false; message: string };

/**
 * Date cell of an officer or exam sheet, via the ledger's normaliser (ISO, 2023/1/5, 2023.1.5,
 * 2023年1月5日, 20230105, full-width digits, Excel serials for 1950..2099), with Chinese messages.
 */
export function parseSheetDate(cell: Cell | undefined): DateParse {
  const d = parseLedgerDate(cell);
  if (d === null) return { ok: false, message: '日期为空' };
  if (d === false)
    return { ok: false, message: `无法识别日期“${String(cell)}”，请使用 2024-01-31 这样的格式` };
  return { ok: true, date: d };
}
