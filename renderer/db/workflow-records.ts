// Record shapes of the campaign workflow (issues: draw, review, letters, panel packages), typed onto
// PingchaDatabase by module augmentation. Shared by several areas, so they are defined in one place:
// change a shape only together with every repository that writes it (and a migration if stored data
// would no longer fit).
import type { Table } from 'dexie';
import type { DrawRecord } from '@shared/draw/draw-record';
import type { ReviewStandard } from '@shared/standards/standard-model';
import type { AssignmentRecord, Reviewer } from '@shared/assignment/assign-reviewers';
import type { CaseFileScore, ScoreSheet } from '@shared/review/scoring-engine';

/** 评查活动. Scope decides the population; standards are frozen into it when scoring starts. */
export interface CampaignRecord {
  id: string;
  name: string;
  year: number;
  /** Closing-date period of the case files in scope (inclusive ISO dates), or null for no limit. */
  periodFrom: string | null;
  periodTo: string | null;
  /** Empty = every department / case type. */
  departments: string[];
  caseTypes: string[];
  createdAt: string;
  createdBy: string;
  isDemo: boolean;
  /** Case type -> the standard version used; fixed once the first sheet is saved. */
  standards: { caseType: string; standardId: string; version: number }[];
  standardsFrozenAt: string | null;
  /** Case type -> the date its period is judged by (absent or closedDate: 结案/办结日期). */
  dateByType?: Record<string, 'closedDate' | 'filedDate'>;
  /** Leave out of the population the files reviewed in other campaigns' draws (absent: false). */
  excludeReviewedBefore?: boolean;
  /** 校准案卷: 3-5 assigned files every panel member scores (absent or empty: none). */
  calibrationItemIds?: string[];
}

/**
 * An immutable draw: the machine-readable record. As stored (schema v3+), `record.population.ids`
 * is empty and `populationSeparate` is true: the ids live in drawPopulations. getDraw() returns the
 * whole record again; getDrawSummary() the small row for pages.
 */
export interface DrawRow {
  id: string;
  campaignId: string;
  createdAt: string;
  record: DrawRecord;
  /**
   * Stratum of each population id, as an index into record.strata, in record.population.ids order.
   * Lets the draw be rebuilt (replacements, draw-more) from the draw alone, even if ledgers change.
   */
  populationStrata?: Uint16Array | Uint32Array;
  populationSeparate?: boolean;
}

/** The population of a draw, exactly as hashed (code-point order), with each id's stratum. */
export interface DrawPopulationRow {
  drawId: string;
  ids: string[];
  populationStrata?: Uint16Array | Uint32Array;
}

/** Replacements and "draw more" after the draw, appended in order (the draw itself never changes). */
export interface DrawEventRow {
  id: string;
  drawId: string;
  seq: number;
  at: string;
  by: string;
  kind: 'replace' | 'more';
  /** The event as the draw record stores it (replacement or extra). */
  payload: unknown;
}

export type StandardRow = ReviewStandard;

export interface ReviewerRow extends Reviewer {
  campaignId: string;
}

export interface AssignmentRow {
  campaignId: string;
  record: AssignmentRecord;
}

export type SheetStatus = 'draft' | 'submitted';

/** One reviewer's score sheet for one case file. `revision` grows with every save (merge conflicts). */
export interface ScoreSheetRow {
  /** `${campaignId}|${itemId}|${reviewerId}` */
  id: string;
  campaignId: string;
  itemId: string;
  reviewerId: string;
  standardId: string;
  standardVersion: number;
  sheet: ScoreSheet;
  status: SheetStatus;
  revision: number;
  updatedAt: string;
  updatedBy: string;
  submittedAt: string | null;
  /** Where the last change came from: this machine, or a panel package (its id). */
  origin: string;
}

/** The lead's final result for a file (逐卷逐项复核 done): locked once written. */
export interface FinalResultRow {
  campaignId: string;
  itemId: string;
  department: string;
  caseNo: string;
  caseType: string;
  standardId: string;
  standardVersion: number;
  sheet: ScoreSheet;
  score: CaseFileScore;
  /** The lead's item-by-item decisions and reasons (shared/review reconcile record). */
  reconciliation: unknown;
  finalisedAt: string;
  finalisedBy: string;
}

declare module './database' {
  interface PingchaDatabase {
    campaigns: Table<CampaignRecord, string>;
    draws: Table<DrawRow, string>;
    drawPopulations: Table<DrawPopulationRow, string>;
    drawEvents: Table<DrawEventRow, string>;
    standards: Table<StandardRow, [string, number]>;
    reviewers: Table<ReviewerRow, string>;
    assignments: Table<AssignmentRow, string>;
    scoreSheets: Table<ScoreSheetRow, string>;
    finalResults: Table<FinalResultRow, [string, string]>;
  }
}
