import { useLiveQuery } from 'dexie-react-hooks';
import { getDatabase } from '../database';
import {
  attachCaseFile,
  caseFileSpace,
  listCaseFiles,
  readCaseFileBytes,
  readPageLabels,
  removeCaseFile,
  setPageLabel,
  type CaseFileRow,
} from '../case-file-repository';
import { onStore } from './on-store';

/** 电子案卷: writes and one-off reads bound to the app's store. */
export const caseFileStore = onStore({ attachCaseFile, readCaseFileBytes, removeCaseFile, setPageLabel });

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
