// The campaign list and the campaign chosen on a page: shared by the review, results and letters pages.
import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { getDatabase } from '../db/database';
import { listCampaigns } from '../db/campaign-repository';
import type { CampaignRecord } from '../db/workflow-records';

/** Every campaign, newest first (live). */
export function useCampaignList(): CampaignRecord[] | undefined {
  return useLiveQuery(() => listCampaigns(getDatabase()), []);
}

/**
 * The campaign chosen on a page, remembered on this machine under `storageKey`; the newest campaign when
 * none is remembered or the remembered one is gone.
 */
export function useRememberedCampaign(
  storageKey: string,
  campaigns: CampaignRecord[] | undefined,
): [string | null, (id: string) => void] {
  const [id, setId] = useState<string | null>(() => localStorage.getItem(storageKey));
  const valid = campaigns?.some((c) => c.id === id) ? id : (campaigns?.[0]?.id ?? null);
  return [
    valid,
    (next) => {
      localStorage.setItem(storageKey, next);
      setId(next);
    },
  ];
}
