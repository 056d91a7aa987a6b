import { useLiveQuery } from 'dexie-react-hooks';
import { getDatabase } from '../database';
import {
  createCampaign,
  drawIdsOfCampaign,
  drawnCampaignIds,
  getCampaign,
  itemIdsReviewedBefore,
  listCampaigns,
  setCampaignScopeRules,
} from '../campaign-repository';
import type { CampaignRecord } from '../workflow-records';
import { onStore } from './on-store';

/** Campaigns and their draws: the named reads pages use, and the writes bound to the app's store. */
export const campaignStore = onStore({ createCampaign, setCampaignScopeRules });

/** Every campaign, newest first (undefined while loading). */
export function useCampaigns(): CampaignRecord[] | undefined {
  return useLiveQuery(() => listCampaigns(getDatabase()), []);
}

/** One campaign; null when there is no such campaign (undefined while loading). */
export function useCampaign(campaignId: string): CampaignRecord | null | undefined {
  return useLiveQuery(async () => (await getCampaign(getDatabase(), campaignId)) ?? null, [campaignId]);
}

/** The draw ids of a campaign. */
export function useDrawIdsOfCampaign(campaignId: string): string[] | undefined {
  return useLiveQuery(() => drawIdsOfCampaign(getDatabase(), campaignId), [campaignId]);
}

/** The ids of the campaigns that have a draw. */
export function useDrawnCampaignIds(): Set<string> | undefined {
  return useLiveQuery(() => drawnCampaignIds(getDatabase()), []);
}

/** Files reviewed in the draws of every other campaign, and those campaigns' names. */
export function useReviewedBefore(campaignId: string): { ids: Set<string>; campaigns: string[] } | undefined {
  return useLiveQuery(async () => {
    const r = await itemIdsReviewedBefore(getDatabase(), campaignId);
    return { ids: new Set(r.ids), campaigns: r.campaigns };
  }, [campaignId]);
}
