// The one place where stored times become text. Times are stored as UTC ISO strings
// ('2026-12-02T02:33:10.078Z'); people read them in their local time zone. Calendar dates that
// carry no time ('2026-12-02': a closing date, a deadline) are shown as they are, never shifted.
// Components and document builders call these; test/unit/time-format.test.ts keeps it so.

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

const pad = (n: number): string => String(n).padStart(2, '0');

interface Parts {
  y: number;
  m: number;
  d: number;
  hh: number;
  mm: number;
  ss: number;
  dateOnly: boolean;
}

function parts(value: string | Date | null | undefined): Parts | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string') {
    const only = DATE_ONLY.exec(value.trim());
    if (only) return { y: +only[1]!, m: +only[2]!, d: +only[3]!, hh: 0, mm: 0, ss: 0, dateOnly: true };
  }
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return null;
  return {
    y: date.getFullYear(),
    m: date.getMonth() + 1,
    d: date.getDate(),
    hh: date.getHours(),
    mm: date.getMinutes(),
    ss: date.getSeconds(),
    dateOnly: false,
  };
}

const fallback = (value: string | Date | null | undefined): string =>
  typeof value === 'string' ? value : '';

/** Tables and messages: '2026-12-02 10:33' in local time ('2026-12-02' for a calendar date). */
export function formatDateTime(value: string | Date | null | undefined): string {
  const p = parts(value);
  if (!p) return fallback(value);
  const day = `${p.y}-${pad(p.m)}-${pad(p.d)}`;
  return p.dateOnly ? day : `${day} ${pad(p.hh)}:${pad(p.mm)}`;
}

/** As formatDateTime, with seconds: for the log and draw events, where order within a minute matters. */
export function formatDateTimeSeconds(value: string | Date | null | undefined): string {
  const p = parts(value);
  if (!p) return fallback(value);
  const day = `${p.y}-${pad(p.m)}-${pad(p.d)}`;
  return p.dateOnly ? day : `${day} ${pad(p.hh)}:${pad(p.mm)}:${pad(p.ss)}`;
}

/** Tables: the local calendar day, '2026-12-02'. */
export function formatDate(value: string | Date | null | undefined): string {
  const p = parts(value);
  if (!p) return fallback(value);
  return `${p.y}-${pad(p.m)}-${pad(p.d)}`;
}

/** Documents: '2026年12月2日' (the local calendar day of a time; a calendar date as it is). */
export function formatChineseDate(value: string | Date | null | undefined): string {
  const p = parts(value);
  if (!p) return fallback(value);
  return `${p.y}年${p.m}月${p.d}日`;
}

/** File names: '20261202-1033' in local time. */
export function fileTimeStamp(value: Date = new Date()): string {
  const p = parts(value)!;
  return `${p.y}${pad(p.m)}${pad(p.d)}-${pad(p.hh)}${pad(p.mm)}`;
}
