import { useLiveQuery } from 'dexie-react-hooks';
import { getDatabase } from '../database';
import {
  addTrainingSession,
  annualReviewInputs,
  campaignGradesForYear,
  changeOfficerStatus,
  createSitting,
  getAnnualReview,
  listCandidates,
  listOfficers,
  listReviewDecisions,
  listSittings,
  listTrainingAttendance,
  listTrainingSessions,
  recordAttendance,
  recordReviewDecisions,
  saveOfficer,
  saveReviewRun,
  withdrawReviewDecision,
  type AnnualReviewRecord,
  type ExamCandidateRecord,
  type ExamSittingRecord,
  type OfficerRecord,
  type ReviewDecisionRecord,
  type TrainingAttendanceRecord,
  type TrainingSessionRecord,
} from '../officers-repository';
import { onStore } from './on-store';

/** Officers, certificates, exams, training and the yearly review: writes and one-off reads. */
export const officerStore = onStore({
  addTrainingSession,
  annualReviewInputs,
  campaignGradesForYear,
  changeOfficerStatus,
  createSitting,
  recordAttendance,
  recordReviewDecisions,
  saveOfficer,
  saveReviewRun,
  withdrawReviewDecision,
});

/** All officers, 单位 resolved through the department directory (undefined while loading). */
export function useOfficers(): OfficerRecord[] | undefined {
  return useLiveQuery(() => listOfficers(getDatabase()), []);
}

/** Every exam sitting, by number. */
export function useExamSittings(): ExamSittingRecord[] | undefined {
  return useLiveQuery(() => listSittings(getDatabase()), []);
}

/** Every exam candidate. */
export function useExamCandidates(): ExamCandidateRecord[] | undefined {
  return useLiveQuery(() => listCandidates(getDatabase()), []);
}

/** Every training session. */
export function useTrainingSessions(): TrainingSessionRecord[] | undefined {
  return useLiveQuery(() => listTrainingSessions(getDatabase()), []);
}

/** Every attendance record. */
export function useTrainingAttendance(): TrainingAttendanceRecord[] | undefined {
  return useLiveQuery(() => listTrainingAttendance(getDatabase()), []);
}

/** The stored run of a year's review (undefined while loading or before the first run). */
export function useAnnualReview(reviewId: string): AnnualReviewRecord | undefined {
  return useLiveQuery(() => getAnnualReview(getDatabase(), reviewId), [reviewId]);
}

/** The decisions taken on a year's review. */
export function useReviewDecisions(reviewId: string): ReviewDecisionRecord[] | undefined {
  return useLiveQuery(() => listReviewDecisions(getDatabase(), reviewId), [reviewId]);
}
