// Yearly legal-knowledge training (法律知识培训): sessions with hours and who attended.
import { comparePinyin } from '../util/pinyin-sort';
import { z } from 'zod';
import { isoDateSchema, type Officer } from './officer-model';

export const trainingSettingsSchema = z.object({
  /**
   * Required hours a year. No national figure exists: 40 is a common local rule (some places use
   * 24 or 60), so this default is local practice and must be set by the office.
   */
  requiredHoursPerYear: z.number().min(0).max(1000).default(40),
});
export type TrainingSettings = z.infer<typeof trainingSettingsSchema>;
export const DEFAULT_TRAINING_SETTINGS: TrainingSettings = trainingSettingsSchema.parse({});

export const trainingSessionSchema = z.object({
  id: z.string().min(1),
  title: z.string().trim().min(1, '培训名称不能为空'),
  date: isoDateSchema,
  hours: z.number().positive('培训学时必须大于0').max(1000),
  organiser: z.string().default(''),
});
export type TrainingSession = z.infer<typeof trainingSessionSchema>;

export const trainingAttendanceSchema = z.object({
  sessionId: z.string().min(1),
  officerId: z.string().min(1),
  /** Hours credited when the officer attended only part of the session; defaults to the session's hours. */
  hours: z.number().min(0).max(1000).optional(),
});
export type TrainingAttendance = z.infer<typeof trainingAttendanceSchema>;

/**
 * Hours per officer for a calendar year. Attendance of the same officer at the same session is counted once
 * (the larger credit), so a double import cannot inflate the total.
 */
export function yearlyTrainingHours(
  sessions: readonly TrainingSession[],
  attendance: readonly TrainingAttendance[],
  year: number,
): Map<string, number> {
  const prefix = `${year}-`;
  const inYear = new Map<string, TrainingSession>();
  for (const s of sessions) if (s.date.startsWith(prefix)) inYear.set(s.id, s);
  const credit = new Map<string, number>();
  for (const a of attendance) {
    const s = inYear.get(a.sessionId);
    if (!s) continue;
    const hours = Math.min(a.hours ?? s.hours, s.hours);
    const key = `${a.officerId}\u0000${a.sessionId}`;
    credit.set(key, Math.max(credit.get(key) ?? 0, hours));
  }
  const totals = new Map<string, number>();
  for (const [key, hours] of credit) {
    const officerId = key.slice(0, key.indexOf('\u0000'));
    totals.set(officerId, (totals.get(officerId) ?? 0) + hours);
  }
  return totals;
}

export interface TrainingStanding {
  officerId: string;
  name: string;
  department: string;
  hours: number;
  required: number;
  /** Hours missing (0 when enough). */
  shortBy: number;
  met: boolean;
}

/** Hours against the requirement for every officer holding a certificate, shortest first. */
export function trainingStandings(
  officers: readonly Officer[],
  hoursByOfficer: ReadonlyMap<string, number>,
  settings: TrainingSettings = DEFAULT_TRAINING_SETTINGS,
): TrainingStanding[] {
  const required = settings.requiredHoursPerYear;
  return officers
    .filter((o) => o.certificateNo !== '' && o.status !== '注销')
    .map((o) => {
      const hours = roundHours(hoursByOfficer.get(o.id) ?? 0);
      const shortBy = roundHours(Math.max(0, required - hours));
      return {
        officerId: o.id,
        name: o.name,
        department: o.department,
        hours,
        required,
        shortBy,
        met: shortBy === 0,
      };
    })
    .sort((a, b) => b.shortBy - a.shortBy || comparePinyin(a.department, b.department));
}

// Half-hours are common (0.5 学时); round away binary noise.
function roundHours(h: number): number {
  return Math.round(h * 100) / 100;
}
