import { useLiveQuery } from 'dexie-react-hooks';
import type { DocType } from '@shared/letters/letter-settings';
import { getDatabase } from '../database';
import * as letters from '../letters-repository';
import type { LetterNumberRecord, LetterRecord } from '../letters-repository';
import { onStore } from './on-store';

/** Letters, the 通报 and the number register: writes and one-off reads bound to the app's store. */
export const letterStore = onStore({
  allocateDocumentNumber: letters.allocateDocumentNumber,
  closeLetter: letters.closeLetter,
  ensureLetterDraft: letters.ensureLetterDraft,
  ensureLetterDrafts: letters.ensureLetterDrafts,
  getAttachment: letters.getAttachment,
  issueLetter: letters.issueLetter,
  listLetters: letters.listLetters,
  readFontOverrides: letters.readFontOverrides,
  recordReply: letters.recordReply,
  recordReportIssue: letters.recordReportIssue,
  returnLetter: letters.returnLetter,
  saveFontFile: letters.saveFontFile,
  saveLetterEdits: letters.saveLetterEdits,
  saveReportEdits: letters.saveReportEdits,
  voidDocumentNumber: letters.voidDocumentNumber,
  voidLetterNumber: letters.voidLetterNumber,
});

/** The letters of one campaign, or of every campaign (undefined); none for null (no campaign chosen). */
export function useLetters(campaignId?: string | null): LetterRecord[] | undefined {
  return useLiveQuery(
    () => (campaignId === null ? Promise.resolve([]) : letters.listLetters(getDatabase(), campaignId)),
    [campaignId],
  );
}

/** The number register, in order. */
export function useLetterNumbers(): LetterNumberRecord[] | undefined {
  return useLiveQuery(() => letters.listLetterNumbers(getDatabase()), []);
}

/** The number a 通报 or 年审通知 already has (null before it is issued). */
export function useDocumentNumber(
  docType: Exclude<DocType, 'letter'>,
  objectId: string,
): string | null | undefined {
  return useLiveQuery(() => letters.documentNumberOf(getDatabase(), docType, objectId), [docType, objectId]);
}

/** The 通报's paragraph edits of a campaign. */
export function useReportEdits(campaignId: string): Record<string, string> | undefined {
  return useLiveQuery(() => letters.readReportEdits(getDatabase(), campaignId), [campaignId]);
}

/** What a backdated issue date of a campaign's letter is checked against; null while not asked. */
export function useIssueBackdateBasis(
  campaignId: string | null,
): Awaited<ReturnType<typeof letters.issueBackdateBasis>> | null | undefined {
  return useLiveQuery(
    async () => (campaignId === null ? null : letters.issueBackdateBasis(getDatabase(), campaignId)),
    [campaignId],
  );
}

/** Names and sizes of the stored fonts the letter settings name. */
export function useFontFileNames(
  ids: readonly (string | null | undefined)[],
): Map<string, string> | undefined {
  const key = ids.filter((x): x is string => !!x).join('|');
  return useLiveQuery(() => letters.fontFileNames(getDatabase(), key ? key.split('|') : []), [key]);
}
