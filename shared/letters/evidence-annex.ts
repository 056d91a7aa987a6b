// The 整改函's optional 附件 of evidence crops (issue 27): for each problem pinned to a page of the
// 电子案卷, the first pinned region as a small picture under its citation, at most one per problem.
// Which regions, their captions and sizes are decided here; the pictures themselves are drawn from
// the PDF by the renderer (renderer/case-files/evidence-crops.ts), downscaled before they get here.
import type { Annex, DocBlock, OfficialDocument } from '../documents/layout-model';
import type { CasePin } from '../case-files/pin-geometry';
import type { FileResult } from '../review/results';
import { citePin, type PageLabelLookup } from './evidence-citations';
import type { LetterFacts } from './rectification-letter';

export const EVIDENCE_ANNEX_TITLE = '问题所在页面截图';

/** One crop the letter wants: the problem, its first pin and how it is captioned. */
export interface EvidenceCropRequest {
  key: string;
  pin: CasePin;
  caption: string;
}

/** A drawn crop: PNG bytes and its pixel size (already downscaled). */
export interface EvidenceCrop {
  png: Uint8Array;
  width: number;
  height: number;
}

const caseNoOf = (f: FileResult) => (f.caseNo && f.caseNo.trim() !== '' ? f.caseNo : f.itemId);

/** The crops of a letter's problems: one per pinned problem (its pin on the lowest page), in file order. */
export function evidenceCropRequests(facts: LetterFacts, pageLabel?: PageLabelLookup): EvidenceCropRequest[] {
  const labels = pageLabel ?? facts.pageLabel;
  const out: EvidenceCropRequest[] = [];
  for (const f of facts.files)
    f.problems.forEach((p, i) => {
      const pin = [...(p.pins ?? [])].sort((a, b) => a.page - b.page)[0];
      if (!pin) return;
      const what = (p.optionLabel || p.problem).trim().replace(/[。；，\s]+$/u, '');
      out.push({ key: `${f.itemId}#${i}`, pin, caption: `${what}（${citePin(caseNoOf(f), pin, labels)}）` });
    });
  return out;
}

/** The largest picture on the page: the text block's width, a third of its height (mm). */
const MAX_WIDTH_MM = 150;
const MAX_HEIGHT_MM = 80;

/** A crop's printed size: its aspect kept, within the box above, never enlarged past 96 dpi. */
export function cropSizeMm(crop: { width: number; height: number }): { widthMm: number; heightMm: number } {
  const natural = { w: (crop.width * 25.4) / 96, h: (crop.height * 25.4) / 96 };
  const k = Math.min(1, MAX_WIDTH_MM / natural.w, MAX_HEIGHT_MM / natural.h);
  return { widthMm: Math.round(natural.w * k * 10) / 10, heightMm: Math.round(natural.h * k * 10) / 10 };
}

/** The annex: each crop with its numbered caption; null when no problem has a drawn crop. */
export function evidenceAnnex(
  requests: readonly EvidenceCropRequest[],
  crops: ReadonlyMap<string, EvidenceCrop>,
): Annex | null {
  const blocks: DocBlock[] = [];
  let n = 0;
  for (const r of requests) {
    const crop = crops.get(r.key);
    if (!crop) continue;
    n += 1;
    blocks.push({ type: 'image', png: crop.png, ...cropSizeMm(crop), caption: `图${n}\u3000${r.caption}` });
  }
  return blocks.length ? { title: EVIDENCE_ANNEX_TITLE, blocks } : null;
}

/** The letter with the evidence annex after its own (附件 list and annexes). */
export function withEvidenceAnnex(doc: OfficialDocument, annex: Annex | null): OfficialDocument {
  if (!annex) return doc;
  return {
    ...doc,
    attachments: [...(doc.attachments ?? []), annex.title],
    annexes: [...(doc.annexes ?? []), annex],
  };
}
