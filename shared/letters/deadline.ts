// Reply deadlines of rectification letters: N calendar days or N working days after the issue date.
// Working days skip Saturdays and Sundays; official holidays and make-up workdays (调休) change every
// year, so the caller passes them (ISO dates) instead of this module guessing.

export type DeadlineMode = 'calendar' | 'working';

export interface DeadlineRule {
  days: number;
  mode: DeadlineMode;
}

export interface WorkCalendar {
  /** Extra non-working days (法定节假日), ISO dates. */
  holidays?: readonly string[];
  /** Weekend days that are working days (调休上班), ISO dates. */
  workdays?: readonly string[];
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseIso(date: string): Date {
  const m = ISO.exec(date.trim());
  if (!m) throw new Error(`日期“${date}”无法识别：请使用“2026-11-26”这样的格式。`);
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (d.getUTCFullYear() !== Number(m[1]) || d.getUTCMonth() !== Number(m[2]) - 1) {
    throw new Error(`日期“${date}”不存在。`);
  }
  return d;
}

const toIso = (d: Date): string => d.toISOString().slice(0, 10);

export function checkDeadlineRule(rule: DeadlineRule): string | null {
  if (!Number.isInteger(rule.days) || rule.days < 1 || rule.days > 365) {
    return `整改期限“${String(rule.days)}”无效：应为 1 到 365 之间的整数天数。`;
  }
  if (rule.mode !== 'calendar' && rule.mode !== 'working')
    return '整改期限的计算方式应为“自然日”或“工作日”。';
  return null;
}

/**
 * The last day for the written reply. The issue day itself is not counted (期间开始的当日不计入):
 * 15 calendar days after 2026-11-26 is 2026-12-11; 15 working days counts only working days.
 * A calendar deadline that falls on a non-working day moves to the next working day (期间届满的最后一日
 * 是节假日的，以节假日后的第一日为期间届满的日期).
 */
export function computeDeadline(issueDate: string, rule: DeadlineRule, calendar: WorkCalendar = {}): string {
  const problem = checkDeadlineRule(rule);
  if (problem) throw new Error(problem);
  const holidays = new Set(calendar.holidays ?? []);
  const workdays = new Set(calendar.workdays ?? []);
  const isWorking = (d: Date): boolean => {
    const iso = toIso(d);
    if (workdays.has(iso)) return true;
    if (holidays.has(iso)) return false;
    const wd = d.getUTCDay();
    return wd !== 0 && wd !== 6;
  };
  const d = parseIso(issueDate);
  if (rule.mode === 'calendar') {
    d.setUTCDate(d.getUTCDate() + rule.days);
    while (!isWorking(d)) d.setUTCDate(d.getUTCDate() + 1);
    return toIso(d);
  }
  let left = rule.days;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (isWorking(d)) left -= 1;
  }
  return toIso(d);
}

/** '15日' / '15个工作日', for the letter text. */
export function deadlinePeriodText(rule: DeadlineRule): string {
  return rule.mode === 'working' ? `${rule.days}个工作日` : `${rule.days}日`;
}

/** Whole days from `from` to `to` (ISO dates); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((parseIso(to).getTime() - parseIso(from).getTime()) / 86_400_000);
}
