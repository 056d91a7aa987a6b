import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fileTimeStamp,
  formatChineseDate,
  formatDate,
  formatDateTime,
  formatDateTimeSeconds,
} from '@shared/util/time-format';

describe('time-format: stored UTC shown in local time', () => {
  const saved = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = 'Asia/Shanghai';
  });
  afterAll(() => {
    process.env.TZ = saved;
  });

  it('shows a UTC instant in the local zone (8 hours later in China, the next day before 08:00)', () => {
    expect(formatDateTime('2026-12-02T02:33:10.078Z')).toBe('2026-12-02 10:33');
    expect(formatDateTime('2026-12-01T23:30:00.000Z')).toBe('2026-12-02 07:30');
    expect(formatDateTimeSeconds('2026-12-01T23:30:05.000Z')).toBe('2026-12-02 07:30:05');
    expect(formatDate('2026-12-01T23:30:00.000Z')).toBe('2026-12-02');
    expect(formatChineseDate('2026-12-01T23:30:00.000Z')).toBe('2026年12月2日');
  });

  it('keeps a calendar date as it is, whatever the zone', () => {
    process.env.TZ = 'America/Los_Angeles';
    try {
      expect(formatDate('2026-03-01')).toBe('2026-03-01');
      expect(formatDateTime('2026-03-01')).toBe('2026-03-01');
      expect(formatChineseDate('2026-03-01')).toBe('2026年3月1日');
    } finally {
      process.env.TZ = 'Asia/Shanghai';
    }
  });

  it('accepts Dates, and leaves empty or unreadable values readable', () => {
    expect(formatDateTime(new Date(Date.UTC(2026, 0, 5, 16, 4)))).toBe('2026-01-06 00:04');
    expect(formatDateTime(null)).toBe('');
    expect(formatDateTime(undefined)).toBe('');
    expect(formatDateTime('不是日期')).toBe('不是日期');
    expect(fileTimeStamp(new Date(Date.UTC(2026, 11, 2, 2, 33)))).toBe('20261202-1033');
  });
});

// "Never format a date by hand": components must go through shared/util/time-format.ts.
describe('no component formats a date itself', () => {
  const FORBIDDEN: [RegExp, string][] = [
    [/\.replace\(\s*'T'\s*,/, "replace('T', …) on an ISO string"],
    [/toLocale(Date|Time)?String\(\s*'zh-CN'\s*,\s*\{[^}]*hour/, 'toLocaleString with hours'],
    [/toLocale(Date|Time)String\(/, 'toLocaleDateString/toLocaleTimeString'],
    [/(At|\bat|Date|date)\??\.slice\(\s*0\s*,\s*(10|16|19)\s*\)/, 'slicing an ISO time'],
    [/\.get(Hours|Minutes|Seconds)\(\)/, 'reading clock fields'],
    [/beijingTime\(/, 'fixed-zone formatting in the UI'],
  ];
  const root = join(__dirname, '..', '..', 'renderer');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|tsx)$/.test(name)) files.push(p);
    }
  };
  walk(root);

  it('scans the renderer', () => expect(files.length).toBeGreaterThan(50));

  it('finds no hand-made date formatting in renderer/', () => {
    const hits: string[] = [];
    for (const f of files) {
      readFileSync(f, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          for (const [re, what] of FORBIDDEN) {
            if (re.test(line)) hits.push(`${relative(root, f)}:${i + 1} ${what}: ${line.trim()}`);
          }
        });
    }
    expect(hits).toEqual([]);
  });
});
