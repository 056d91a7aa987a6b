import { describe, expect, it } from 'vitest';
import { parseOfficer } from '../../shared/officers/officer-model';
import {
  DEFAULT_TRAINING_SETTINGS,
  trainingStandings,
  yearlyTrainingHours,
  type TrainingSession,
} from '../../shared/officers/training';

const sessions: TrainingSession[] = [
  { id: 't1', title: '行政处罚法专题', date: '2025-03-01', hours: 16, organiser: '' },
  { id: 't2', title: '行政许可法专题', date: '2025-06-01', hours: 12.5, organiser: '' },
  { id: 't3', title: '往年培训', date: '2024-12-31', hours: 40, organiser: '' },
];

describe('training hours', () => {
  it('sums hours per officer for the year, counting a session once and capping partial credit', () => {
    const hours = yearlyTrainingHours(
      sessions,
      [
        { sessionId: 't1', officerId: 'a' },
        { sessionId: 't1', officerId: 'a' }, // imported twice
        { sessionId: 't2', officerId: 'a', hours: 6 },
        { sessionId: 't3', officerId: 'a' }, // other year
        { sessionId: 't2', officerId: 'b', hours: 99 },
        { sessionId: 'unknown', officerId: 'b' },
      ],
      2025,
    );
    expect(hours.get('a')).toBe(22);
    expect(hours.get('b')).toBe(12.5);
  });
  it('compares with the required hours (default 40, a local-practice setting)', () => {
    expect(DEFAULT_TRAINING_SETTINGS.requiredHoursPerYear).toBe(40);
    const mk = (id: string, cert = 'C' + id) =>
      parseOfficer({ id, name: id, department: '市司法局', employmentType: '正式在编', certificateNo: cert });
    const rows = trainingStandings(
      [mk('a'), mk('b'), mk('c', '')],
      new Map([
        ['a', 41],
        ['b', 12.5],
      ]),
      { requiredHoursPerYear: 24 },
    );
    expect(rows.map((r) => [r.officerId, r.hours, r.shortBy, r.met])).toEqual([
      ['b', 12.5, 11.5, false],
      ['a', 41, 0, true],
    ]);
  });
});
