import { useLiveQuery } from 'dexie-react-hooks';
import { getDatabase } from '../database';
import {
  attachCaseFile,
  countCampaignCaseFiles,
  caseFileSpace,
  listCaseFiles,
  purgeCampaignCaseFileContent,
  readCaseFileBytes,
  readPageLabels,
  removeCampaignCaseFiles,
  removeCaseFile,
  setPageLabel,
  type CaseFileRow,
} from '../case-file-repository';
import {
  confirmMachineLabel,
  readCaseFileReadings,
  saveMachineReading,
  type CaseFileReadingsRow,
} from '../case-file-reading-repository';
import { onStore } from './on-store';

/** 电子案卷: writes and one-off reads bound to the app's store. */
export const caseFileStore = onStore({
  attachCaseFile,
  countCampaignCaseFiles,
  purgeCampaignCaseFileContent,
  readCaseFileBytes,
  removeCampaignCaseFiles,
  removeCaseFile,
  setPageLabel,
});

/** The electronic case files of a campaign. */
export function useCaseFiles(campaignId: string): CaseFileRow[] | undefined {
  return useLiveQuery(() => listCaseFiles(getDatabase(), campaignId), [campaignId]);
}

/** The page labels of one stored PDF ({} when none is chosen). */
export function usePageLabels(sha256: string | null): Awaited<ReturnType<typeof readPageLabels>> | undefined {
  return useLiveQuery(async () => (sha256 ? readPageLabels(getDatabase(), sha256) : {}), [sha256]);
}

/** How many electronic case files are stored and their bytes. */
export function useCaseFileSpace(): { files: number; bytes: number } | undefined {
  return useLiveQuery(() => caseFileSpace(getDatabase()), []);
}

/** The electronic case files attached to one drawn file. */
export function useCaseFilesOfItem(campaignId: string, itemId: string): CaseFileRow[] | undefined {
  return useLiveQuery(
    async () => (await listCaseFiles(getDatabase(), campaignId)).filter((f) => f.itemId === itemId),
    [campaignId, itemId],
  );
}

/** 页面识别: the machine's readings of the pages, written by the page finder and confirmed by a reviewer. */
export const caseFileReadingStore = onStore({ confirmMachineLabel, saveMachineReading });

/** The machine readings of one stored PDF, wrapped so "not loaded yet" (undefined) differs from "no row yet". */
export function useCaseFileReadings(sha256: string): { row: CaseFileReadingsRow | undefined } | undefined {
  return useLiveQuery(async () => ({ row: await readCaseFileReadings(getDatabase(), sha256) }), [sha256]);
}
