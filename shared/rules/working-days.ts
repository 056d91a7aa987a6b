// Working days as the law counts them. 行政处罚法 (2021) 第八十五条: “本法中‘二日’‘三日’‘五日’‘七日’的规定
// 是指工作日，不含法定节假日。” 行政许可法 第八十二条 and 行政强制法 第六十九条 say the same for their periods.
// A day is a working day when it is Monday-Friday and not a holiday of the year's notice, or a weekend day
// the notice makes a working day (调休上班). The calendar (holiday-calendar.ts) knows 2015-2026; counting into
// a year it does not know is refused with a Chinese reason, never guessed.

import { HOLIDAY_YEARS } from './holiday-calendar';

const DAY_MS = 86_400_000;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days since 1970-01-01 of a civil date (proleptic Gregorian; H. Hinnant's days_from_civil). */
function daysFromCivil(y0: number, m: number, d: number): number {
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const digit = (s: string, i: number): number => {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : Number.NaN;
};

/** Days since 1970-01-01 of an ISO date, or null when it is not a real date (no regex, no Date: hot path). */
export function isoDayNumber(iso: string): number | null {
  if (iso.length !== 10 || iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45) return null;
  const y = digit(iso, 0) * 1000 + digit(iso, 1) * 100 + digit(iso, 2) * 10 + digit(iso, 3);
  const m = digit(iso, 5) * 10 + digit(iso, 6);
  const d = digit(iso, 8) * 10 + digit(iso, 9);
  if (Number.isNaN(y + m + d) || m < 1 || m > 12 || d < 1) return null;
  const leap = m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (d > DAYS_IN_MONTH[m - 1]! + (leap ? 1 : 0)) return null;
  return daysFromCivil(y, m, d);
}

export function isoFromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export const CALENDAR_FIRST_YEAR = Math.min(...HOLIDAY_YEARS.map((y) => y.year));
export const CALENDAR_LAST_YEAR = Math.max(...HOLIDAY_YEARS.map((y) => y.year));
const FIRST_DAY = isoDayNumber(`${CALENDAR_FIRST_YEAR}-01-01`)!;
const LAST_DAY = isoDayNumber(`${CALENDAR_LAST_YEAR}-12-31`)!;

/** '2015—2026年' for messages and the README. */
export function calendarYearsText(): string {
  return `${CALENDAR_FIRST_YEAR}—${CALENDAR_LAST_YEAR}年`;
}

/** 1 = working day, 0 = not, one entry per day of the known years. */
const WORKING: Uint8Array = (() => {
  const out = new Uint8Array(LAST_DAY - FIRST_DAY + 1);
  for (let day = FIRST_DAY; day <= LAST_DAY; day++) {
    const weekday = (day + 4) % 7; // 1970-01-01 was a Thursday (4); 0 = Sunday
    out[day - FIRST_DAY] = weekday === 0 || weekday === 6 ? 0 : 1;
  }
  const mark = (year: number, spec: string, value: 0 | 1): void => {
    const [from, to] = spec.split('..');
    const a = isoDayNumber(`${year}-${from!}`);
    const b = to === undefined ? a : isoDayNumber(`${year}-${to}`);
    if (a === null || b === null || b < a) throw new Error(`holiday calendar: bad entry ${year} ${spec}`);
    for (let day = a; day <= b; day++) out[day - FIRST_DAY] = value;
  };
  for (const y of HOLIDAY_YEARS) {
    for (const spec of y.rest) mark(y.year, spec, 0);
    for (const spec of y.work) mark(y.year, spec, 1);
  }
  return out;
})();

/** The reason a count cannot be made: a date outside the years the calendar knows. */
export function unknownYearMessage(iso: string): string {
  return `${iso.slice(0, 4)}年的法定节假日安排未收录（已收录${calendarYearsText()}），无法按工作日计算。`;
}

export function knowsDay(day: number): boolean {
  return day >= FIRST_DAY && day <= LAST_DAY;
}

/** Whether a day (day number) is a working day; null outside the known years. */
export function isWorkingDayNumber(day: number): boolean | null {
  if (!knowsDay(day)) return null;
  return WORKING[day - FIRST_DAY] === 1;
}

export function isWorkingDay(iso: string): boolean | null {
  const day = isoDayNumber(iso);
  if (day === null) throw new Error(`日期“${iso}”无法识别：请使用“2024-09-27”这样的格式。`);
  return isWorkingDayNumber(day);
}

export type WorkingDayResult = { ok: true; day: number } | { ok: false; message: string };

/**
 * The day on which a period of `n` working days that starts the day after `startDay` ends (期间开始之日不计算
 * 在期间内): 告知 on Friday 2024-09-27 + 5 working days = Thursday 2024-10-10.
 */
export function addWorkingDaysNumber(startDay: number, n: number): WorkingDayResult {
  let day = startDay;
  let left = n;
  while (left > 0) {
    day += 1;
    if (!knowsDay(day)) return { ok: false, message: unknownYearMessage(isoFromDayNumber(day)) };
    if (WORKING[day - FIRST_DAY] === 1) left -= 1;
  }
  return { ok: true, day };
}

export function addWorkingDays(
  startIso: string,
  n: number,
): { ok: true; date: string } | { ok: false; message: string } {
  const start = isoDayNumber(startIso);
  if (start === null) return { ok: false, message: `日期“${startIso}”无法识别。` };
  const r = addWorkingDaysNumber(start, n);
  return r.ok ? { ok: true, date: isoFromDayNumber(r.day) } : r;
}

/** Working days after `fromDay` up to and including `toDay` (0 when toDay <= fromDay); null outside the calendar. */
export function workingDaysBetweenNumbers(fromDay: number, toDay: number): number | null {
  if (toDay <= fromDay) return 0;
  if (!knowsDay(fromDay + 1) || !knowsDay(toDay)) return null;
  let count = 0;
  for (let day = fromDay + 1; day <= toDay; day++) count += WORKING[day - FIRST_DAY]!;
  return count;
}
