// Issue 24, on the PDF's own bytes: no glyph of any demo document is drawn over the one before it. poppler's
// pdftotext -bbox gives word boxes only ("2%" is one word), so the content streams are read directly: every
// Tj/TJ is replayed with the embedded font's own advances (/W of the CID font), and each glyph must start at or
// after the end of the previous glyph's advance on its line.
import { describe, expect, it } from 'vitest';
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  decodePDFRawStream,
  type PDFObject,
} from 'pdf-lib';
import { withLogCode } from '../../shared/documents/log-code-line';
import { renderPdf } from '../../shared/documents/render-pdf';
import { appBundledFonts, bundledFontsFromNodeModules } from '../fixtures/bundled-fonts';
import { drawRecordDoc, letterDoc, reportDoc, reviewNoticeDoc } from '../fixtures/official-documents';

const fonts = bundledFontsFromNodeModules();
const DEMO = {
  letter: withLogCode(letterDoc(), { code: 'DEB8-1A2B-3C4D-5E6F', fingerprint: 'AB12CD34' }),
  supervision: letterDoc(6, 'supervision'),
  report: reportDoc(),
  drawRecord: drawRecordDoc(),
  reviewNotice: reviewNoticeDoc(),
};

/** CID → advance (1/1000 em) from a Type0 font's descendant /W array. */
function widthsOf(doc: PDFDocument, font: PDFDict): Map<number, number> {
  const look = <T extends PDFObject>(o: PDFObject | undefined): T =>
    (o instanceof PDFRef ? doc.context.lookup(o) : o) as T;
  const descendant = look<PDFDict>(look<PDFArray>(font.get(PDFName.of('DescendantFonts'))).get(0));
  const w = descendant.get(PDFName.of('W')) ? look<PDFArray>(descendant.get(PDFName.of('W'))) : undefined;
  const out = new Map<number, number>();
  if (!w) return out;
  for (let i = 0; i < w.size();) {
    const first = (look<PDFNumber>(w.get(i)) as PDFNumber).asNumber();
    const next = look<PDFObject>(w.get(i + 1));
    if (next instanceof PDFArray) {
      for (let j = 0; j < next.size(); j += 1) out.set(first + j, look<PDFNumber>(next.get(j)).asNumber());
      i += 2;
    } else {
      const last = (next as PDFNumber).asNumber();
      const width = look<PDFNumber>(w.get(i + 2)).asNumber();
      for (let c = first; c <= last; c += 1) out.set(c, width);
      i += 3;
    }
  }
  return out;
}

interface Collision {
  page: number;
  at: number;
  overlapPt: number;
}

/** Replays every text object of every page; returns glyphs drawn over their predecessor (> 0.05 pt). */
async function collisions(bytes: Uint8Array): Promise<{ glyphs: number; found: Collision[] }> {
  const doc = await PDFDocument.load(bytes);
  const found: Collision[] = [];
  let glyphs = 0;
  doc.getPages().forEach((page, p) => {
    const fontRes = page.node.Resources()?.lookupMaybe(PDFName.of('Font'), PDFDict);
    const widths = new Map<string, Map<number, number>>();
    for (const [name, ref] of fontRes?.entries() ?? [])
      widths.set(name.decodeText(), widthsOf(doc, doc.context.lookup(ref) as PDFDict));
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
    const text = streams
      .map((s) => {
        const raw = (s instanceof PDFRef ? doc.context.lookup(s) : s) as PDFRawStream;
        return Buffer.from(decodePDFRawStream(raw).decode()).toString('latin1');
      })
      .join('\n');
    let font = '';
    let size = 0;
    let tc = 0;
    let x = 0;
    // Operands then operator; our content streams set Tf, Tc and Td inside each BT … ET.
    const ops = text.matchAll(
      /\/(\S+)\s+([\d.]+)\s+Tf|(-?[\d.]+)\s+Tc|(-?[\d.]+)\s+(-?[\d.]+)\s+Td|\[([^\]]*)\]\s*TJ|<([0-9A-Fa-f]*)>\s*Tj|\bBT\b/g,
    );
    for (const m of ops) {
      if (m[0] === 'BT') x = 0;
      else if (m[1] !== undefined) [font, size] = [`/${m[1]}`, Number(m[2])];
      else if (m[3] !== undefined) tc = Number(m[3]);
      else if (m[4] !== undefined) x += Number(m[4]);
      else {
        const parts = m[6] !== undefined ? [...m[6].matchAll(/<([0-9A-Fa-f]*)>|(-?[\d.]+)/g)] : null;
        const seq: (string | number)[] = parts
          ? parts.map((q) => (q[1] !== undefined ? q[1] : Number(q[2])))
          : [m[7] ?? ''];
        const w = widths.get(font.slice(1)) ?? widths.get(font) ?? new Map<number, number>();
        let end = -Infinity;
        for (const item of seq) {
          if (typeof item === 'number') {
            x -= (item / 1000) * size;
            continue;
          }
          for (let i = 0; i + 4 <= item.length; i += 4) {
            const cid = parseInt(item.slice(i, i + 4), 16);
            const adv = ((w.get(cid) ?? 1000) / 1000) * size;
            glyphs += 1;
            // The 28-per-line grid condenses every glyph by the same small Tc (−0.21 pt at 16 pt, inside the
            // glyphs' side bearings): that much is allowed, nothing more.
            if (x < end - Math.max(0, -tc) - 0.05) found.push({ page: p + 1, at: x, overlapPt: end - x });
            end = x + adv;
            x += adv + tc;
          }
        }
      }
    }
  });
  return { glyphs, found };
}

describe('no glyph drawn over the previous one, in the PDF bytes of every demo document', () => {
  it('replays each line with the embedded fonts’ advances: no overlap', async () => {
    let total = 0;
    for (const [name, doc] of Object.entries(DEMO)) {
      const { glyphs, found } = await collisions(await renderPdf(doc, fonts));
      total += glyphs;
      expect({ name, found: found.slice(0, 3) }).toEqual({ name, found: [] });
    }
    expect(total).toBeGreaterThan(5000);
  });

  it('holds with the app’s own fonts: FandolFang, and Noto Serif SC for the characters it lacks (font switched inside a line)', async () => {
    const app = appBundledFonts();
    const base = letterDoc();
    const names = {
      ...base,
      blocks: [
        ...base.blocks.slice(0, 1),
        {
          type: 'paragraph' as const,
          text: '执法人员王堃、李喆（证号51060012）已核实，承办人张珺、赵璟签名齐全，罚款2%。',
        },
        ...base.blocks.slice(1),
      ],
    };
    let total = 0;
    for (const [name, doc] of Object.entries({ ...DEMO, names })) {
      const { glyphs, found } = await collisions(await renderPdf(doc, app));
      total += glyphs;
      expect({ name, found: found.slice(0, 3) }).toEqual({ name, found: [] });
    }
    expect(total).toBeGreaterThan(5000);
  });
});
