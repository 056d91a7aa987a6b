// The officers area's settings (area 'officers'): one record feeding the shared rule modules, so the
// registry flags, the exam pass mark, the training requirement and the yearly review never disagree.
import { z } from 'zod';
import { officerSettingsSchema, type OfficerSettings } from '@shared/officers/officer-model';
import { examSettingsSchema, type ExamSettings } from '@shared/officers/exams';
import { trainingSettingsSchema, type TrainingSettings } from '@shared/officers/training';
import { reviewRulesSchema, type ReviewRules } from '@shared/officers/annual-review';

export const OFFICERS_SETTINGS_AREA = 'officers';

export const officersAreaSettingsSchema = z.object({
  expiryWarningDays: officerSettingsSchema.shape.expiryWarningDays,
  validityYears: officerSettingsSchema.shape.validityYears,
  passMark: examSettingsSchema.shape.passMark,
  requiredTrainingHours: trainingSettingsSchema.shape.requiredHoursPerYear,
  inactivityYears: reviewRulesSchema.shape.inactivityYears,
  failingCaseGrade: reviewRulesSchema.shape.failingCaseGrade,
  effects: reviewRulesSchema.shape.effects,
});
export type OfficersAreaSettings = z.infer<typeof officersAreaSettingsSchema>;
export const DEFAULT_OFFICERS_AREA_SETTINGS: OfficersAreaSettings = officersAreaSettingsSchema.parse({});

export function toOfficerSettings(s: OfficersAreaSettings): OfficerSettings {
  return { expiryWarningDays: s.expiryWarningDays, validityYears: s.validityYears };
}

export function toExamSettings(s: OfficersAreaSettings): ExamSettings {
  return { ...examSettingsSchema.parse({}), passMark: s.passMark };
}

export function toTrainingSettings(s: OfficersAreaSettings): TrainingSettings {
  return { requiredHoursPerYear: s.requiredTrainingHours };
}

export function toReviewRules(s: OfficersAreaSettings): ReviewRules {
  return reviewRulesSchema.parse({
    effects: s.effects,
    requiredTrainingHours: s.requiredTrainingHours,
    expiryWarningDays: s.expiryWarningDays,
    validityYears: s.validityYears,
    inactivityYears: s.inactivityYears,
    failingCaseGrade: s.failingCaseGrade,
  });
}

/** Today as a local civil date (ISO), the reference for expiry flags. */
export function todayIso(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}
