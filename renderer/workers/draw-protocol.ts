// What crosses between the UI and the draw worker. The worker reads the ledgers and the draws from the
// store itself, so the population (up to 500,000 ids) never crosses to the UI thread: only views do.
import type { DrawRecord, StratifyBy } from '@shared/draw/draw-record';

export interface DrawPlan {
  total: number;
  stratifyBy: StratifyBy;
  minimum: number;
  sparesPerStratum: number;
}

export interface ExecuteRequest {
  campaignId: string;
  plan: DrawPlan;
  seed: string;
  operator: string;
  witnesses: string[];
  /** 台账体检发现: files the chosen rules flagged, drawn apart from the random draw with their own quota. */
  purposive?: {
    ruleIds: string[];
    quota: number;
    /** 定向抽取: files named on purpose (item ids in scope), each with its reason. */
    named?: { itemId: string; reason: string }[];
  };
}

export type DrawItemStatus = 'drawn' | 'replacement' | 'extra' | 'replaced' | 'spare';

export interface DrawItemView {
  /** Rank in the whole population's ticket order. */
  order: number;
  ticket: string;
  itemId: string;
  stratum: string;
  caseNo: string;
  department: string;
  caseType: string;
  party: string;
  status: DrawItemStatus;
  /** For a replaced item: the spare that took its place and why. */
  replacedBy?: string;
  reason?: string;
}

export interface StratumView {
  key: string;
  size: number;
  share: number;
  quota: number;
  reason: string;
  sha256: string;
  /** Added by draw-more. */
  extra: number;
  /** Items drawn now (after replacements and draw-more). */
  drawnNow: number;
  sparesLeft: number;
  /** Items not yet drawn or used (what draw-more can still take). */
  remaining: number;
}

export interface DrawView {
  drawId: string;
  campaignId: string;
  createdAt: string;
  /** The current record (events folded in) WITHOUT the population ids (population.ids is empty). */
  record: DrawRecord;
  strata: StratumView[];
  /** Drawn now, in ticket order. */
  drawn: DrawItemView[];
  /** Spares available now, in ticket order. */
  spares: DrawItemView[];
  /** Items replaced (cannot be produced), in event order. */
  replaced: DrawItemView[];
}

/** A campaign's population before the draw: fixed and hashed before the seed is known. */
export interface PopulationSummary {
  size: number;
  sha256: string;
  strata: { key: string; size: number; sha256: string }[];
}

export interface PopulationCheck {
  matches: boolean;
  recordSize: number;
  recordSha256: string;
  currentSize: number;
  currentSha256: string;
  /** Chinese explanation when it does not match. */
  detail: string;
}

export type VerifyResult =
  | { ok: true; summary: string; campaign: string; drawnAt: string }
  | { ok: false; unreadable: boolean; message: string; campaign?: string; drawnAt?: string };

export interface DrawProgress {
  phase: 'load' | 'compute' | 'save';
  /** Chinese text for the progress line. */
  text: string;
  done: number;
  total: number;
}
