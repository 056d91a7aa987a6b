import { useLiveQuery } from 'dexie-react-hooks';
import { getDatabase } from '../database';
import {
  exportAssignmentPackage,
  exportResultsPackage,
  importResultsPackage,
  listPanelPackages,
  openWorkspacePackage,
  previewResultsPackage,
  readWorkspace,
  reviewerPackageSummaries,
  type PackageWorkspace,
  type PanelPackageRow,
} from '../package-repository';
import { casesForPackage } from '../package-cases';
import { onStore } from './on-store';

/** Panel packages (评查包) and a reviewer's workspace: writes and one-off reads bound to the app's store. */
export const packageStore = onStore({
  casesForPackage,
  exportAssignmentPackage,
  exportResultsPackage,
  importResultsPackage,
  openWorkspacePackage,
  previewResultsPackage,
});

/** The workspace marker: undefined while loading, null in an ordinary store. */
export function useWorkspace(): PackageWorkspace | null | undefined {
  return useLiveQuery(() => readWorkspace(getDatabase()), []);
}

/** Every package exported or opened on this machine, newest first. */
export function usePanelPackages(): PanelPackageRow[] | undefined {
  return useLiveQuery(() => listPanelPackages(getDatabase()), []);
}

/** Each reviewer of the campaign with their files and sheet count; null when no campaign is chosen. */
export function useReviewerPackageSummaries(
  campaignId: string | null,
): Awaited<ReturnType<typeof reviewerPackageSummaries>> | null | undefined {
  return useLiveQuery(
    async () => (campaignId ? reviewerPackageSummaries(getDatabase(), campaignId) : null),
    [campaignId],
  );
}
