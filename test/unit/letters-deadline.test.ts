import { describe, expect, it } from 'vitest';
import { computeDeadline, daysBetween, deadlinePeriodText } from '../../shared/letters/deadline';

describe('reply deadline', () => {
  it('counts calendar days from the day after issue', () => {
    // 2026-11-26 is a Thursday; +15 = Friday 2026-12-11.
    expect(computeDeadline('2026-11-26', { days: 15, mode: 'calendar' })).toBe('2026-12-11');
    expect(daysBetween('2026-11-26', '2026-12-11')).toBe(15);
  });

  it('moves a calendar deadline that ends on a weekend or holiday to the next working day', () => {
    // 2026-11-26 + 16 = Saturday 2026-12-12 -> Monday 2026-12-14.
    expect(computeDeadline('2026-11-26', { days: 16, mode: 'calendar' })).toBe('2026-12-14');
    expect(computeDeadline('2026-11-26', { days: 15, mode: 'calendar' }, { holidays: ['2026-12-11'] })).toBe(
      '2026-12-14',
    );
  });

  it('counts working days, skipping weekends and given holidays, honouring make-up workdays', () => {
    // Thu 26 Nov + 15 working days = Thu 17 Dec.
    expect(computeDeadline('2026-11-26', { days: 15, mode: 'working' })).toBe('2026-12-17');
    expect(computeDeadline('2026-11-26', { days: 15, mode: 'working' }, { holidays: ['2026-12-01'] })).toBe(
      '2026-12-18',
    );
    expect(computeDeadline('2026-11-26', { days: 15, mode: 'working' }, { workdays: ['2026-11-28'] })).toBe(
      '2026-12-16',
    );
    // Over a new year: Fri 2026-12-25 + 5 working days = Fri 2027-01-01.
    expect(computeDeadline('2026-12-25', { days: 5, mode: 'working' })).toBe('2027-01-01');
  });

  it('writes the period the way the letter states it', () => {
    expect(deadlinePeriodText({ days: 15, mode: 'calendar' })).toBe('15日');
    expect(deadlinePeriodText({ days: 30, mode: 'working' })).toBe('30个工作日');
  });

  it('rejects bad rules and dates in Chinese', () => {
    expect(() => computeDeadline('2026-11-26', { days: 0, mode: 'calendar' })).toThrow('整改期限');
    expect(() => computeDeadline('2026-11-26', { days: 2.5, mode: 'working' })).toThrow('整数');
    expect(() => computeDeadline('2026/11/26', { days: 5, mode: 'working' })).toThrow('无法识别');
    expect(() => computeDeadline('2026-02-30', { days: 5, mode: 'working' })).toThrow('不存在');
  });
});
