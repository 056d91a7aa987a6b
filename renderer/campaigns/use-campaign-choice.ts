// The campaign chosen on a page (from useCampaigns): shared by the review, results and letters pages.
import { useState } from 'react';
import type { CampaignRecord } from '../db/workflow-records';

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
