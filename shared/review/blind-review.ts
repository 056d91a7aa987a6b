// Blind review (背靠背评查): a reviewer never reads the other reviewer's sheet of a file before both
// have submitted. On a shared office machine every page that shows sheets goes through these two
// functions, so there is one rule and no second path to the other sheet.

/** What the rule needs of a stored sheet. */
export interface SheetVisibility {
  itemId: string;
  reviewerId: string;
  status: 'draft' | 'submitted';
}

/** Every reviewer assigned to the file has a submitted sheet. */
export function allSubmitted(
  reviewerIds: readonly string[],
  sheets: readonly (SheetVisibility | undefined)[],
  itemId: string,
): boolean {
  return (
    reviewerIds.length > 0 &&
    reviewerIds.every((rid) =>
      sheets.some((s) => s?.itemId === itemId && s.reviewerId === rid && s.status === 'submitted'),
    )
  );
}

/**
 * The sheets `viewerId` may read: their own always; another reviewer's only once every reviewer of that
 * file has submitted. With viewerId null (the 复核 view, open to whoever is at the keyboard) only files whose
 * sheets are all submitted are readable.
 */
export function sheetsVisibleTo<S extends SheetVisibility>(
  viewerId: string | null,
  sheets: readonly S[],
  assignment: readonly { itemId: string; reviewerIds: readonly string[] }[],
): S[] {
  const reviewersOf = new Map(assignment.map((e) => [e.itemId, e.reviewerIds]));
  const byItem = new Map<string, S[]>();
  for (const s of sheets) byItem.set(s.itemId, [...(byItem.get(s.itemId) ?? []), s]);
  return sheets.filter(
    (s) =>
      (viewerId !== null && s.reviewerId === viewerId) ||
      allSubmitted(reviewersOf.get(s.itemId) ?? [], byItem.get(s.itemId) ?? [], s.itemId),
  );
}
