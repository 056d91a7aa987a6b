import { useLiveQuery } from 'dexie-react-hooks';
import { getDatabase } from '../database';
import {
  addReviewer,
  createAssignment,
  listReviewers,
  readCampaignDraw,
  reassignReviewer,
  removeReviewer,
  setCalibrationFiles,
  setCampaignStandards,
  type CampaignDraw,
} from '../panel-repository';
import {
  finaliseFile,
  listFinalResults,
  listSheets,
  readCampaignResultRecords,
  readSheetWithStandard,
  submitNoProblemsFound,
  submitSheet,
  saveSheet,
  unlockSheet,
} from '../score-repository';
import {
  decideFlag,
  listFileFlagDecisions,
  listFlagDecisions,
  type FlagDecisionRecord,
} from '../flag-decision-repository';
import type {
  AssignmentRow,
  CampaignRecord,
  FinalResultRow,
  ReviewerRow,
  ScoreSheetRow,
} from '../workflow-records';
import { onStore } from './on-store';

/** The panel (评查组): standards chosen, reviewers, assignment, calibration. */
export const panelStore = onStore({
  addReviewer,
  createAssignment,
  reassignReviewer,
  removeReviewer,
  setCalibrationFiles,
  setCampaignStandards,
});

/** Score sheets, the lead's re-check and the decisions on ledger flags. */
export const scoreStore = onStore({
  decideFlag,
  finaliseFile,
  readSheetWithStandard,
  saveSheet,
  submitNoProblemsFound,
  submitSheet,
  unlockSheet,
});

/** A campaign with its assignment and reviewers; null when there is no such campaign (or none is chosen). */
export function useCampaignPanel(
  campaignId: string | null,
):
  | { campaign: CampaignRecord; assignment: AssignmentRow | null; reviewers: ReviewerRow[] }
  | null
  | undefined {
  return useLiveQuery(async () => {
    if (!campaignId) return null;
    const db = getDatabase();
    const [campaign, assignment, reviewers] = await Promise.all([
      db.campaigns.get(campaignId),
      db.assignments.get(campaignId),
      listReviewers(db, campaignId),
    ]);
    return campaign ? { campaign, assignment: assignment ?? null, reviewers } : null;
  }, [campaignId]);
}

// Separate live queries: a sheet save re-runs only the sheets query, never the draw's (a draw row
// carries every population id and can be large).

/** The campaign's draw as it stands (events folded in). */
export function useCampaignDraw(campaignId: string | null): CampaignDraw | undefined {
  return useLiveQuery(
    () => (campaignId ? readCampaignDraw(getDatabase(), campaignId) : undefined),
    [campaignId],
  );
}

/** Every score sheet of a campaign. */
export function useScoreSheets(campaignId: string | null): ScoreSheetRow[] | undefined {
  return useLiveQuery(() => (campaignId ? listSheets(getDatabase(), campaignId) : undefined), [campaignId]);
}

/** The lead's final results of a campaign. */
export function useFinalResults(campaignId: string | null): FinalResultRow[] | undefined {
  return useLiveQuery(
    () => (campaignId ? listFinalResults(getDatabase(), campaignId) : undefined),
    [campaignId],
  );
}

/** The decisions on the ledger flags of one file. */
export function useFileFlagDecisions(campaignId: string, itemId: string): FlagDecisionRecord[] | undefined {
  return useLiveQuery(() => listFileFlagDecisions(getDatabase(), campaignId, itemId), [campaignId, itemId]);
}

/** What the results and letters pages compute from (see readCampaignResultRecords); null with no campaign. */
export function useCampaignResultRecords(
  campaignId: string | null,
): Awaited<ReturnType<typeof readCampaignResultRecords>> | undefined {
  return useLiveQuery(
    async () => (campaignId ? readCampaignResultRecords(getDatabase(), campaignId) : null),
    [campaignId],
  );
}

/** The campaign's drawn ids as they stand and the decisions on their ledger flags. */
export function useDrawFlagDecisions(
  campaignId: string,
): { itemIds: string[]; decisions: FlagDecisionRecord[] } | undefined {
  return useLiveQuery(async () => {
    const db = getDatabase();
    const [draw, decisions] = await Promise.all([
      readCampaignDraw(db, campaignId),
      listFlagDecisions(db, campaignId),
    ]);
    return { itemIds: draw.itemIds, decisions };
  }, [campaignId]);
}
