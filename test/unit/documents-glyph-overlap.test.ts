// Issue 24: no glyph collides with its neighbour. Latin and digits sit in half-width cells in the 仿宋 manner, but a
// glyph wider than the half cell ('%', 'W', 'D' in the open faces) keeps its own advance: every laid-out line of
// every demo document reserves at least each glyph's real advance (the PDF draws the same cells, render-pdf.ts).
import * as fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import { isWide } from '../../shared/documents/line-break';
import { withLogCode } from '../../shared/documents/log-code-line';
import { layoutWithFonts } from '../../shared/documents/render-pdf';
import type { TextItem } from '../../shared/documents/layout';
import { bundledFontsFromNodeModules } from '../fixtures/bundled-fonts';
import { drawRecordDoc, letterDoc, reportDoc, reviewNoticeDoc } from '../fixtures/official-documents';

const fonts = bundledFontsFromNodeModules();
const faces = {
  body: fontkit.create(fonts.body),
  bold: fontkit.create(fonts.bold),
  title: fontkit.create(fonts.title),
  kai: fontkit.create(fonts.kai),
  song: fontkit.create(fonts.body),
};
const advance = (role: keyof typeof faces, ch: string): number => {
  const f = faces[role];
  return f.glyphForCodePoint(ch.codePointAt(0) ?? 0).advanceWidth / f.unitsPerEm;
};

const DEMO = {
  letter: withLogCode(letterDoc(), { code: 'DEB8-1A2B-3C4D-5E6F', fingerprint: 'AB12CD34' }),
  supervision: letterDoc(6, 'supervision'),
  report: reportDoc(),
  drawRecord: drawRecordDoc(),
  reviewNotice: reviewNoticeDoc(),
};

describe('glyphs set with their own advances where wider than the half cell', () => {
  it('no laid-out line is narrower than its glyphs, in any demo document', () => {
    let wideNarrow = 0;
    for (const [name, doc] of Object.entries(DEMO)) {
      const items = layoutWithFonts(doc, fonts)
        .pages.flatMap((p) => p.items)
        .filter((i): i is TextItem => i.kind === 'text' && !!i.halfWidthLatin);
      for (const item of items) {
        const glyphs = Array.from(item.text);
        let own = 0;
        for (const ch of glyphs) {
          const a = advance(item.font, ch) * item.size;
          own += a;
          if (!isWide(ch) && a > item.size / 2 + 0.01) wideNarrow += 1;
        }
        own += Math.max(0, glyphs.length - 1) * item.charSpacing;
        expect(own, `${name}: ${item.text}`).toBeLessThanOrEqual(item.width + 0.01);
      }
    }
    // The documents do hold such glyphs ('%' in the 通报, Latin in the draw record and the 留痕校验码).
    expect(wideNarrow).toBeGreaterThan(10);
  });
});
