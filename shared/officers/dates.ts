// Calendar helpers on ISO `YYYY-MM-DD` strings. Dates are civil dates (no time zone), so arithmetic
// goes through UTC day numbers.

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

// Excel's day 0 is 1899-12-30 once its 1900 leap-year bug is accounted for.
const EXCEL_EPOCH_DAY = dayNumber('1899-12-30');

export type DateParse = { ok: true; date: string } | { ok: false; message: string };

/**
 * Minimal date normalisation for officer and exam sheets: ISO, 2023/1/5, 2023.1.5, 2023年1月5日,
 * 20230105, full-width digits, and Excel serial numbers (numeric cells or digit-only text 1..2958465).
 * The ledger module has its own richer parser; this one only needs the shapes seen in registries.
 */
export function parseSheetDate(cell: string | number | null | undefined): DateParse {
  if (cell === null || cell === undefined) return { ok: false, message: '日期为空' };
  if (typeof cell === 'number') return fromSerial(cell);
  const text = cell.normalize('NFKC').trim().replace(/\s+/g, '');
  if (text === '') return { ok: false, message: '日期为空' };
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
  if (!m) m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (m) {
    const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
    return isIsoDate(iso) ? { ok: true, date: iso } : { ok: false, message: `“${cell}”不是有效日期` };
  }
  if (/^\d{1,7}(\.\d+)?$/.test(text)) return fromSerial(Number(text));
  return { ok: false, message: `无法识别日期“${cell}”，请使用 2024-01-31 这样的格式` };
}

function fromSerial(n: number): DateParse {
  if (!Number.isFinite(n) || n < 1 || n > 2_958_465) return { ok: false, message: `“${n}”不是有效日期` };
  return { ok: true, date: fromDayNumber(EXCEL_EPOCH_DAY + Math.floor(n)) };
}
