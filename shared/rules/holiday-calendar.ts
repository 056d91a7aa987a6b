// The official holiday and 调休 calendar (法定节假日与调休上班日), 2015-2026, kept in the repo with its sources.
//
// Sources, one State Council notice a year (国务院办公厅关于YYYY年部分节假日安排的通知), plus for 2015 the
// 国务院关于中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日调休放假的通知 and for 2020 the
// 国务院办公厅关于延长2020年春节假期的通知 (春节 to 02-02; Saturday 02-01 no longer worked). The dates were checked against
// the `chinese-days` package (MIT, v1.5.7), which transcribes the same notices. A notice for year N often
// starts its 元旦 block in December of N-1 (2019: 2018-12-30..2019-01-01, Saturday 2018-12-29 worked); the
// list below is by calendar date, so such days stand under the year they fall in.
//
// `rest`: days off under the notice (weekend days inside a block included), MM-DD or MM-DD..MM-DD;
// `work`: Saturdays/Sundays that are working days (调休上班).
//
// Updating: when the notice for a new year is published (usually in November), add its year here with the
// notice's title in NOTICE_TITLES and the test's examples in test/unit/rules-working-days.test.ts. Until
// then the app refuses to count working days in that year (see working-days.ts).

export interface HolidayYear {
  year: number;
  rest: readonly string[];
  work: readonly string[];
}

export const HOLIDAY_YEARS: readonly HolidayYear[] = [
  {
    year: 2015,
    rest: [
      '01-01..01-03',
      '02-18..02-24',
      '04-05..04-06',
      '05-01',
      '06-20',
      '06-22',
      '09-03..09-04',
      '09-27',
      '10-01..10-07',
    ],
    work: ['01-04', '02-15', '02-28', '09-06', '10-10'],
  },
  {
    year: 2016,
    rest: ['01-01', '02-07..02-13', '04-04', '05-01..05-02', '06-09..06-11', '09-15..09-17', '10-01..10-07'],
    work: ['02-06', '02-14', '06-12', '09-18', '10-08', '10-09'],
  },
  {
    year: 2017,
    rest: ['01-01..01-02', '01-27..02-02', '04-02..04-04', '05-01', '05-28..05-30', '10-01..10-08'],
    work: ['01-22', '02-04', '04-01', '05-27', '09-30'],
  },
  {
    year: 2018,
    rest: [
      '01-01',
      '02-15..02-21',
      '04-05..04-07',
      '04-29..05-01',
      '06-18',
      '09-24',
      '10-01..10-07',
      '12-30..12-31',
    ],
    work: ['02-11', '02-24', '04-08', '04-28', '09-29', '09-30', '12-29'],
  },
  {
    year: 2019,
    rest: [
      '01-01',
      '02-04..02-10',
      '04-05..04-07',
      '05-01..05-04',
      '06-07..06-09',
      '09-13..09-15',
      '10-01..10-07',
    ],
    work: ['02-02', '02-03', '04-28', '05-05', '09-29', '10-12'],
  },
  {
    year: 2020,
    rest: ['01-01', '01-24..02-02', '04-04..04-06', '05-01..05-05', '06-25..06-27', '10-01..10-08'],
    work: ['01-19', '04-26', '05-09', '06-28', '09-27', '10-10'],
  },
  {
    year: 2021,
    rest: [
      '01-01..01-03',
      '02-11..02-17',
      '04-03..04-05',
      '05-01..05-05',
      '06-12..06-14',
      '09-19..09-21',
      '10-01..10-07',
    ],
    work: ['02-07', '02-20', '04-25', '05-08', '09-18', '09-26', '10-09'],
  },
  {
    year: 2022,
    rest: [
      '01-01..01-03',
      '01-31..02-06',
      '04-03..04-05',
      '04-30..05-04',
      '06-03..06-05',
      '09-10..09-12',
      '10-01..10-07',
      '12-31',
    ],
    work: ['01-29', '01-30', '04-02', '04-24', '05-07', '10-08', '10-09'],
  },
  {
    year: 2023,
    rest: ['01-01..01-02', '01-21..01-27', '04-05', '04-29..05-03', '06-22..06-24', '09-29..10-06'],
    work: ['01-28', '01-29', '04-23', '05-06', '06-25', '10-07', '10-08'],
  },
  {
    year: 2024,
    rest: ['01-01', '02-10..02-17', '04-04..04-06', '05-01..05-05', '06-10', '09-15..09-17', '10-01..10-07'],
    work: ['02-04', '02-18', '04-07', '04-28', '05-11', '09-14', '09-29', '10-12'],
  },
  {
    year: 2025,
    rest: ['01-01', '01-28..02-04', '04-04..04-06', '05-01..05-05', '05-31..06-02', '10-01..10-08'],
    work: ['01-26', '02-08', '04-27', '09-28', '10-11'],
  },
  {
    year: 2026,
    rest: [
      '01-01..01-03',
      '02-15..02-23',
      '04-04..04-06',
      '05-01..05-05',
      '06-19..06-21',
      '09-25..09-27',
      '10-01..10-07',
    ],
    work: ['01-04', '02-14', '02-28', '05-09', '09-20', '10-10'],
  },
];

/** The notices the calendar transcribes, by year. */
export const NOTICE_TITLES: Readonly<Record<number, string>> = Object.fromEntries(
  HOLIDAY_YEARS.map((y) => [
    y.year,
    y.year === 2015
      ? '国务院办公厅关于2015年部分节假日安排的通知；国务院关于中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日调休放假的通知'
      : y.year === 2020
        ? '国务院办公厅关于2020年部分节假日安排的通知；国务院办公厅关于延长2020年春节假期的通知'
        : `国务院办公厅关于${y.year}年部分节假日安排的通知`,
  ]),
);
