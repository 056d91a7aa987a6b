import { useMemo } from 'react';
import { allocateNumber, demoNumberPrefix } from '@shared/letters/numbering';
import { backdatedIssueWarnings } from '@shared/letters/backdate';
import { letterDeadline } from '@shared/letters/rectification-letter';
import { letterPrefix, type LetterSettings } from '@shared/letters/letter-settings';
import { errorText } from '@shared/util/error-text';
import type { LetterRecord } from '../db/letters-repository';
import { useIssueBackdateBasis, useLetterNumbers } from '../db/hooks/letters';

/** The number and deadline an issue on `iso` would give, or why it cannot; both null when not issuing. */
export type IssuePreview = { number: string; deadline: string } | { error: string } | null;

/**
 * Before 印发: the next number and the deadline for the chosen date, and the warnings of a backdated date
 * (before the draw, or before letters holding earlier numbers of the same register).
 */
export function useIssuePreview(
  issuing: boolean,
  letter: LetterRecord | null,
  settings: LetterSettings,
  iso: string,
): { preview: IssuePreview; backdated: string[] } {
  const numbers = useLetterNumbers();
  // What a backdated issue date is checked against: the campaign's draw and the letters that hold
  // earlier numbers of the register this letter takes.
  const backdateBasis = useIssueBackdateBasis(issuing && letter ? letter.campaignId : null);
  const backdated = useMemo(() => {
    if (!backdateBasis || !iso) return [];
    const own = letterPrefix(settings);
    const prefix = backdateBasis.isDemo ? demoNumberPrefix(own) : own.trim();
    const register = `${prefix}|${iso.slice(0, 4)}|`;
    return backdatedIssueWarnings({
      issueDate: iso,
      drawnAt: backdateBasis.drawnAt,
      issued: backdateBasis.letters.flatMap((l) =>
        l.numberId?.startsWith(register) && l.docNumber && l.issueDate
          ? [{ docNumber: l.docNumber, issueDate: l.issueDate }]
          : [],
      ),
    });
  }, [backdateBasis, iso, settings]);
  const preview = useMemo(() => {
    if (!issuing || !iso || !numbers) return null;
    try {
      return {
        number: allocateNumber(numbers, letterPrefix(settings), Number(iso.slice(0, 4))).docNumber,
        deadline: letterDeadline(settings, iso),
      };
    } catch (e) {
      return { error: errorText(e) };
    }
  }, [issuing, iso, numbers, settings]);

  return { preview, backdated };
}
