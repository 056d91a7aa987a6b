// Messages between the UI and the draw worker. The worker reads the ledgers and the draws from the
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

/** What the UI talks to: a Worker in the app, the same service in-process in tests. */
export interface DrawRunner {
  /** Loads the ledgers into the worker ahead of time; resolves with the number of case files. */
  prepare(): Promise<number>;
  /** Fixes and hashes a campaign's population ahead of the draw (the draw then only orders tickets). */
  preparePopulation(campaignId: string, stratifyBy: StratifyBy): Promise<PopulationSummary>;
  execute(request: ExecuteRequest, onProgress?: (p: DrawProgress) => void): Promise<DrawView>;
  view(drawId: string): Promise<DrawView>;
  replace(drawId: string, itemId: string, reason: string, by: string): Promise<DrawView>;
  more(drawId: string, stratum: string, count: number, reason: string, by: string): Promise<DrawView>;
  checkPopulation(drawId: string): Promise<PopulationCheck>;
  /** The draw record JSON (with every population id), as UTF-8 bytes. */
  exportRecord(drawId: string): Promise<Uint8Array>;
  verify(text: string, onProgress?: (p: DrawProgress) => void): Promise<VerifyResult>;
  /** Stops a running draw before it is saved. */
  cancel(): void;
  dispose(): void;
}

export type DrawWorkerRequest =
  | { id: number; op: 'prepare' }
  | { id: number; op: 'preparePopulation'; campaignId: string; stratifyBy: StratifyBy }
  | { id: number; op: 'execute'; request: ExecuteRequest }
  | { id: number; op: 'view'; drawId: string }
  | { id: number; op: 'replace'; drawId: string; itemId: string; reason: string; by: string }
  | { id: number; op: 'more'; drawId: string; stratum: string; count: number; reason: string; by: string }
  | { id: number; op: 'checkPopulation'; drawId: string }
  | { id: number; op: 'exportRecord'; drawId: string }
  | { id: number; op: 'verify'; text: string }
  | { id: number; op: 'cancel' };

export type DrawWorkerResponse =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: string; cancelled?: boolean }
  | { id: number; progress: DrawProgress };
