// 校准案卷 (calibration files): before the campaign the office may mark 3-5 drawn files that every panel
// member scores, besides the two reviewers assigned to each. Once the lead has settled such a file, each
// reviewer's sheet is compared with the lead's settled sheet, so that a reviewer who reads the standard far
// off the lead is briefed before the real files.

import type { ReviewStandard } from '../standards/standard-model';
import { ineligibility, type Reviewer } from '../assignment/assign-reviewers';
import { reviewerAgreement, type ReviewerAgreement, type StoredSheet } from './reviewer-agreement';
import type { ScoreSheet } from './scoring-engine';

export const CALIBRATION_MIN = 3;
export const CALIBRATION_MAX = 5;

/**
 * Checks a choice of calibration files; an empty choice clears them. Returns Chinese messages (empty = valid).
 * `assigned`: the files of the assignment; `scoredByOthers`: files on which a reviewer who is not assigned to
 * them already has a sheet (they cannot stop being calibration files); `settledNew`: see below.
 */
export function checkCalibrationChoice(
  itemIds: readonly string[],
  assigned: readonly string[],
  scoredByOthers: readonly string[],
  label: (itemId: string) => string = (id) => id,
  /** Files already settled by the lead that are not calibration files yet: nobody else can score them now. */
  settledNew: readonly string[] = [],
): string[] {
  const errors: string[] = [];
  const unique = new Set(itemIds);
  if (unique.size !== itemIds.length) errors.push('校准案卷不能重复选择');
  if (itemIds.length > 0 && (unique.size < CALIBRATION_MIN || unique.size > CALIBRATION_MAX))
    errors.push(
      `校准案卷须选 ${CALIBRATION_MIN}-${CALIBRATION_MAX} 件（现选 ${unique.size} 件）；不用校准案卷时请全部清除`,
    );
  const known = new Set(assigned);
  for (const id of unique)
    if (!known.has(id)) errors.push(`${label(id)}不在本活动的分配中，不能作为校准案卷`);
  for (const id of settledNew)
    if (unique.has(id)) errors.push(`${label(id)}已复核定稿，其他评查人员不能再评分，不能作为校准案卷`);
  for (const id of scoredByOthers)
    if (!unique.has(id)) errors.push(`${label(id)}已有非原分配评查人员的校准评分，不能再取消其校准案卷身份`);
  return errors;
}

export interface ReviewerCalibration {
  reviewerId: string;
  /** Calibration files this reviewer submitted a sheet for and the lead has settled. */
  fileCount: number;
  /** Agreement of the reviewer's sheets (A) with the lead's settled sheets (B). */
  agreement: ReviewerAgreement;
}

/** Each reviewer's agreement with the lead's settled sheets on the calibration files. */
export function calibrationAgreement(
  reviewerIds: readonly string[],
  calibrationItemIds: readonly string[],
  sheets: readonly StoredSheet[],
  finals: readonly { itemId: string; standardId: string; standardVersion: number; sheet: ScoreSheet }[],
  standardOf: (id: string, version: number) => ReviewStandard | undefined,
): ReviewerCalibration[] {
  const calibration = new Set(calibrationItemIds);
  const settled = new Map(finals.filter((f) => calibration.has(f.itemId)).map((f) => [f.itemId, f]));
  return reviewerIds.map((reviewerId) => {
    const pairs = [];
    for (const s of sheets) {
      const f = settled.get(s.itemId);
      if (!f || s.reviewerId !== reviewerId || s.status !== 'submitted') continue;
      if (s.standardId !== f.standardId || s.standardVersion !== f.standardVersion) continue;
      const standard = standardOf(f.standardId, f.standardVersion);
      if (standard) pairs.push({ itemId: s.itemId, standard, a: s.sheet, b: f.sheet });
    }
    return { reviewerId, fileCount: pairs.length, agreement: reviewerAgreement(pairs) };
  });
}

/** What scorersOf needs of the assignment record. */
export interface ScorersInput {
  result: readonly { itemId: string; reviewerIds: readonly string[] }[];
  reviewers: readonly Reviewer[];
  files: readonly { itemId: string; department: string }[];
}

/**
 * Who scores each file: its assigned reviewers, and on a calibration file every other panel member too,
 * except those who must stay out of that department (own unit, declared conflict: 回避). Blind review
 * (sheetsVisibleTo), saving a sheet and the panel packages all read this one list.
 */
export function scorersOf(
  record: ScorersInput,
  calibrationItemIds: readonly string[] | undefined,
): { itemId: string; reviewerIds: readonly string[] }[] {
  const calibration = new Set(calibrationItemIds ?? []);
  const departmentOf = new Map(record.files.map((f) => [f.itemId, f.department]));
  return record.result.map((e) => {
    if (!calibration.has(e.itemId)) return { itemId: e.itemId, reviewerIds: e.reviewerIds };
    const department = departmentOf.get(e.itemId) ?? '';
    const others = record.reviewers
      .filter((r) => !e.reviewerIds.includes(r.id) && ineligibility(r, department) === null)
      .map((r) => r.id);
    return { itemId: e.itemId, reviewerIds: [...e.reviewerIds, ...others] };
  });
}
