// Pins on a score sheet's deductions (issue 27): a deduction carries the page regions where its
// problem was found, so the pins move with it (into packages, the lead's re-check, the final sheet).
import type { ProblemEntry, ScoreSheet, SheetDeduction } from '../review/scoring-engine';
import type { CasePin } from './pin-geometry';

export interface DeductionRef {
  itemId: string;
  optionId: string;
}

const isRef = (d: SheetDeduction, ref: DeductionRef) =>
  d.itemId === ref.itemId && d.optionId === ref.optionId;

/** The sheet with the pin added to the deduction; null when the sheet has no such deduction. */
export function addPin(sheet: ScoreSheet, ref: DeductionRef, pin: CasePin): ScoreSheet | null {
  if (!sheet.deductions.some((d) => isRef(d, ref))) return null;
  return {
    ...sheet,
    deductions: sheet.deductions.map((d) => (isRef(d, ref) ? { ...d, pins: [...(d.pins ?? []), pin] } : d)),
  };
}

/** The sheet without the deduction's pin number `index`. */
export function removePin(sheet: ScoreSheet, ref: DeductionRef, index: number): ScoreSheet {
  return {
    ...sheet,
    deductions: sheet.deductions.map((d) => {
      if (!isRef(d, ref) || !d.pins) return d;
      const pins = d.pins.filter((_, i) => i !== index);
      const { pins: _dropped, ...rest } = d;
      return pins.length ? { ...rest, pins } : rest;
    }),
  };
}

export interface PlacedPin {
  deduction: SheetDeduction;
  pin: CasePin;
}

/** The pins of a sheet that lie on one page of one file (for the viewer's overlay). */
export function pinsOnPage(sheet: ScoreSheet, fileSha256: string, page: number): PlacedPin[] {
  return sheet.deductions.flatMap((deduction) =>
    (deduction.pins ?? [])
      .filter((p) => p.fileSha256 === fileSha256 && p.page === page)
      .map((pin) => ({ deduction, pin })),
  );
}

/** Where a problem was found, as a person writes it: "德市监罚〔2024〕112号 第12页". */
export function pinCitation(caseNo: string, pin: CasePin): string {
  return `${caseNo} 第${pin.page + 1}页`;
}

/**
 * A stored score with the pins of its sheet's deductions on its problems (a score frozen before
 * problems carried pins, or one computed elsewhere, still cites its pages).
 */
export function withSheetPins<S extends { problems: ProblemEntry[] }>(score: S, sheet: ScoreSheet): S {
  const pins = new Map<string, CasePin[]>();
  for (const d of sheet.deductions)
    if (d.pins?.length)
      pins.set(`${d.itemId}|${d.optionId}`, [...(pins.get(`${d.itemId}|${d.optionId}`) ?? []), ...d.pins]);
  if (pins.size === 0) return score;
  return {
    ...score,
    problems: score.problems.map((p) => {
      const own = pins.get(`${p.itemId}|${p.optionId}`);
      return p.pins?.length || !own ? p : { ...p, pins: own };
    }),
  };
}
