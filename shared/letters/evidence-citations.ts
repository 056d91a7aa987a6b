// Where a problem was found (issue 27): a deduction pinned to pages of the 电子案卷 is cited in the
// 整改函 as a person writes it, "德市监罚〔2024〕112号 第12页 送达回证" (the page's label, when the
// reviewer or the office gave one), so the department can find the page the finding rests on.
import type { CasePin } from '../case-files/pin-geometry';

/** The label of a page of a case file (by the file's SHA-256), if it has one. */
export type PageLabelLookup = (fileSha256: string, page: number) => string | undefined;

/** One pin as cited: case number, page (1-based), the page's label. */
export function citePin(caseNo: string, pin: CasePin, labelOf?: PageLabelLookup): string {
  const label = labelOf?.(pin.fileSha256, pin.page);
  return `${caseNo} 第${pin.page + 1}页${label ? ` ${label}` : ''}`;
}

/** The distinct citations of a problem's pins, in page order. */
export function citePins(
  caseNo: string,
  pins: readonly CasePin[] | undefined,
  labelOf?: PageLabelLookup,
): string[] {
  const sorted = [...(pins ?? [])].sort((a, b) => a.page - b.page);
  return [...new Set(sorted.map((p) => citePin(caseNo, p, labelOf)))];
}

/** "（见德市监罚〔2024〕112号 第12页 送达回证）", or nothing for a problem without pins. */
export function citationNote(citations: readonly string[]): string {
  return citations.length ? `（见${citations.join('、')}）` : '';
}

/** The lookup of page labels kept by file hash (caseFilePages rows). */
export function pageLabelLookup(
  byFile: ReadonlyMap<string, Readonly<Record<number, string>>>,
): PageLabelLookup {
  return (sha, page) => byFile.get(sha)?.[page];
}
