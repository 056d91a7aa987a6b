import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  calendarYearsText,
  isWorkingDay,
  workingDaysBetweenNumbers,
  isoDayNumber,
} from '../../shared/rules/working-days';
import { NOTICE_TITLES } from '../../shared/rules/holiday-calendar';

// Each year's State Council notice (国务院办公厅关于YYYY年部分节假日安排的通知): its 调休上班 weekend days and
// the first and last day of its longest blocks, written out here from the notices independently of the data file.
const NOTICES: { year: number; worked: string[]; off: string[] }[] = [
  {
    year: 2015,
    worked: ['2015-01-04', '2015-02-15', '2015-02-28', '2015-09-06', '2015-10-10'],
    off: ['2015-01-02', '2015-02-18', '2015-02-24', '2015-09-03', '2015-09-04', '2015-10-07'],
  },
  {
    year: 2016,
    worked: ['2016-02-06', '2016-02-14', '2016-06-12', '2016-09-18', '2016-10-08', '2016-10-09'],
    off: ['2016-02-08', '2016-02-12', '2016-06-09', '2016-06-10', '2016-09-15', '2016-09-16', '2016-10-07'],
  },
  {
    year: 2017,
    worked: ['2017-01-22', '2017-02-04', '2017-04-01', '2017-05-27', '2017-09-30'],
    off: [
      '2017-01-02',
      '2017-01-27',
      '2017-02-02',
      '2017-04-03',
      '2017-04-04',
      '2017-05-29',
      '2017-05-30',
      '2017-10-04',
      '2017-10-06',
    ],
  },
  {
    year: 2018,
    worked: [
      '2018-02-11',
      '2018-02-24',
      '2018-04-08',
      '2018-04-28',
      '2018-09-29',
      '2018-09-30',
      '2018-12-29',
    ],
    off: [
      '2018-02-15',
      '2018-02-21',
      '2018-04-05',
      '2018-04-06',
      '2018-04-30',
      '2018-05-01',
      '2018-06-18',
      '2018-09-24',
      '2018-10-05',
      '2018-12-31',
    ],
  },
  {
    year: 2019,
    worked: ['2019-02-02', '2019-02-03', '2019-04-28', '2019-05-05', '2019-09-29', '2019-10-12'],
    off: [
      '2019-01-01',
      '2019-02-04',
      '2019-02-08',
      '2019-04-05',
      '2019-05-02',
      '2019-05-03',
      '2019-06-07',
      '2019-09-13',
      '2019-10-07',
    ],
  },
  {
    year: 2020,
    worked: ['2020-01-19', '2020-04-26', '2020-05-09', '2020-06-28', '2020-09-27', '2020-10-10'],
    off: ['2020-01-24', '2020-01-31', '2020-05-04', '2020-05-05', '2020-06-25', '2020-06-26', '2020-10-08'],
  },
  {
    year: 2021,
    worked: [
      '2021-02-07',
      '2021-02-20',
      '2021-04-25',
      '2021-05-08',
      '2021-09-18',
      '2021-09-26',
      '2021-10-09',
    ],
    off: [
      '2021-02-11',
      '2021-02-17',
      '2021-04-05',
      '2021-05-04',
      '2021-05-05',
      '2021-06-14',
      '2021-09-20',
      '2021-09-21',
      '2021-10-07',
    ],
  },
  {
    year: 2022,
    worked: [
      '2022-01-29',
      '2022-01-30',
      '2022-04-02',
      '2022-04-24',
      '2022-05-07',
      '2022-10-08',
      '2022-10-09',
    ],
    off: [
      '2022-01-03',
      '2022-01-31',
      '2022-02-04',
      '2022-04-04',
      '2022-04-05',
      '2022-05-04',
      '2022-06-03',
      '2022-09-12',
      '2022-10-07',
    ],
  },
  {
    year: 2023,
    worked: [
      '2023-01-28',
      '2023-01-29',
      '2023-04-23',
      '2023-05-06',
      '2023-06-25',
      '2023-10-07',
      '2023-10-08',
    ],
    off: [
      '2023-01-02',
      '2023-01-23',
      '2023-01-27',
      '2023-04-05',
      '2023-05-02',
      '2023-05-03',
      '2023-06-22',
      '2023-06-23',
      '2023-09-29',
      '2023-10-06',
    ],
  },
  {
    year: 2024,
    worked: [
      '2024-02-04',
      '2024-02-18',
      '2024-04-07',
      '2024-04-28',
      '2024-05-11',
      '2024-09-14',
      '2024-09-29',
      '2024-10-12',
    ],
    off: [
      '2024-01-01',
      '2024-02-12',
      '2024-02-16',
      '2024-04-04',
      '2024-04-05',
      '2024-05-02',
      '2024-05-03',
      '2024-06-10',
      '2024-09-16',
      '2024-09-17',
      '2024-10-01',
      '2024-10-07',
    ],
  },
  {
    year: 2025,
    worked: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
    off: [
      '2025-01-01',
      '2025-01-28',
      '2025-02-04',
      '2025-04-04',
      '2025-05-05',
      '2025-06-02',
      '2025-10-06',
      '2025-10-08',
    ],
  },
  {
    year: 2026,
    worked: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
    off: [
      '2026-01-02',
      '2026-02-16',
      '2026-02-23',
      '2026-04-06',
      '2026-05-04',
      '2026-05-05',
      '2026-06-19',
      '2026-09-25',
      '2026-10-07',
    ],
  },
];

describe('working days (行政处罚法第八十五条: 工作日，不含法定节假日)', () => {
  it('the worked example: 告知 Friday 2024-09-27 + 5 working days from the next day = Thursday 2024-10-10', () => {
    expect(addWorkingDays('2024-09-27', 5)).toEqual({ ok: true, date: '2024-10-10' });
    // not 2024-10-04 (weekends only) — the 国庆 block is off and Sunday 09-29 was worked
    expect(isWorkingDay('2024-09-29')).toBe(true);
    expect(isWorkingDay('2024-10-04')).toBe(false);
  });

  for (const n of NOTICES) {
    it(`${n.year}: ${NOTICE_TITLES[n.year] ?? '(no notice)'}`, () => {
      for (const d of n.worked) expect([d, isWorkingDay(d)]).toEqual([d, true]);
      for (const d of n.off) expect([d, isWorkingDay(d)]).toEqual([d, false]);
    });
  }

  it('counts across 春节 and 国庆 with their 调休 days', () => {
    // 2025 春节: 01-28..02-04 off, Sunday 01-26 worked. Friday 01-24 + 5 = 01-26, 01-27, 02-05, 02-06, 02-07.
    expect(addWorkingDays('2025-01-24', 5)).toEqual({ ok: true, date: '2025-02-07' });
    // 2023 中秋+国庆: 09-29..10-06 off, Saturday 10-07 and Sunday 10-08 worked.
    expect(addWorkingDays('2023-09-28', 5)).toEqual({ ok: true, date: '2023-10-11' });
    // an ordinary week: Monday 2024-03-04 + 5 = Monday 2024-03-11
    expect(addWorkingDays('2024-03-04', 5)).toEqual({ ok: true, date: '2024-03-11' });
    expect(workingDaysBetweenNumbers(isoDayNumber('2024-09-27')!, isoDayNumber('2024-10-10')!)).toBe(5);
    expect(workingDaysBetweenNumbers(isoDayNumber('2024-09-27')!, isoDayNumber('2024-10-09')!)).toBe(4);
  });

  it('says which years it knows and refuses to count in a year it does not', () => {
    expect(calendarYearsText()).toBe('2015—2026年');
    expect(isWorkingDay('2027-01-04')).toBeNull();
    expect(isWorkingDay('2014-12-31')).toBeNull();
    const r = addWorkingDays('2026-12-28', 5);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.message).toBe('2027年的法定节假日安排未收录（已收录2015—2026年），无法按工作日计算。');
    expect(workingDaysBetweenNumbers(isoDayNumber('2026-12-30')!, isoDayNumber('2027-01-05')!)).toBeNull();
  });
});
