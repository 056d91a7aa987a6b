// Issue 24: 仿宋 that is 仿宋. Without an office 仿宋 the PDF body is set in FandolFang (the Fandol fonts' 仿宋, GPL
// with the font exception), bundled as TrueType outlines (build/scripts/convert-fandol-fang.mjs): its CFF original
// subsets to boxes with fontkit. Checked on real bytes: the bundled file's outlines and advances, the embedded
// subset's glyphs (each with an outline), pdffonts and pdftotext on every demo document, the per-glyph fallback to
// Noto Serif SC for the characters FandolFang lacks (堃, 喆: names), and no glyph wider than the cell it is set in.
// First and last pages go to dist/doc-snapshots/fandol-*.png to be looked at. Poppler checks skip, saying why.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fontkitModule from '@pdf-lib/fontkit';
import { PDFDocument, PDFName, PDFRawStream, decodePDFRawStream } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { fontFileKind } from '../../shared/documents/font-file';
import { isWide } from '../../shared/documents/line-break';
import type { OfficialDocument } from '../../shared/documents/layout-model';
import type { TextItem } from '../../shared/documents/layout';
import { withLogCode } from '../../shared/documents/log-code-line';
import { drawingFont, layoutWithFonts, metricsOf, parseFont } from '../../shared/documents/measure';
import { renderPdf } from '../../shared/documents/render-pdf';
import { appBundledFonts } from '../fixtures/bundled-fonts';
import { drawRecordDoc, letterDoc, reportDoc, reviewNoticeDoc } from '../fixtures/official-documents';

type Kit = ReturnType<typeof fontkitModule.create>;
const fontkit = ((fontkitModule as unknown as { default?: typeof fontkitModule }).default ??
  fontkitModule) as typeof fontkitModule;

const fonts = appBundledFonts();
const fang = parseFont(fonts.body);
const noto = parseFont(fonts.fallback);
const HAS_POPPLER = ['pdffonts', 'pdftotext', 'pdftoppm'].every((t) => !spawnSync(t, ['-v']).error);
if (!HAS_POPPLER) console.log('[documents-fandol-fang] 跳过 PDF 检查：未安装 poppler-utils。');

const dir = mkdtempSync(join(tmpdir(), 'pingcha-fandol-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const run = (cmd: string, args: string[]): string => {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  return r.stdout;
};

/** A letter whose addressee and body hold characters FandolFang has no glyph for. */
function letterWithNames(): OfficialDocument {
  const doc = letterDoc();
  return {
    ...doc,
    blocks: [
      ...doc.blocks.slice(0, 1),
      {
        type: 'paragraph',
        text: '执法人员王堃、李喆的执法证件（证号51060012）已核实，承办人张珺、赵璟签名齐全。',
      },
      ...doc.blocks.slice(1),
    ],
  };
}

const DEMO: Record<string, OfficialDocument> = {
  letter: withLogCode(letterDoc(), { code: 'DEB8-1A2B-3C4D-5E6F', fingerprint: 'AB12CD34' }),
  names: letterWithNames(),
  supervision: letterDoc(6, 'supervision'),
  report: reportDoc(),
  drawRecord: drawRecordDoc(),
  reviewNotice: reviewNoticeDoc(),
};

/** Whether a glyph draws anything: its outline's control box has an area. */
function hasOutline(glyph: ReturnType<Kit['getGlyph']>): boolean {
  const box = glyph.path.cbox;
  return box.maxX - box.minX > 0 && box.maxY - box.minY > 0;
}

/** The embedded TrueType subsets of a PDF, by base font name (without the 'ABCDEF+' tag). */
async function embeddedFonts(pdf: Uint8Array): Promise<Map<string, Kit>> {
  const doc = await PDFDocument.load(pdf);
  const out = new Map<string, Kit>();
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    const dict = (obj as { dict?: { get(n: PDFName): unknown } }).dict;
    if (!dict || dict.get(PDFName.of('Type'))?.toString() !== '/FontDescriptor') continue;
    const name = String(dict.get(PDFName.of('FontName'))).replace(/^\/[A-Z]{6}\+/, '');
    const ref = dict.get(PDFName.of('FontFile2'));
    const stream = ref ? doc.context.lookup(ref as never) : undefined;
    if (stream instanceof PDFRawStream) out.set(name, fontkit.create(decodePDFRawStream(stream).decode()));
  }
  return out;
}

describe('the bundled FandolFang', () => {
  it('is TrueType outlines with the original advances: full width CJK, half-width digits', () => {
    expect(fontFileKind(fonts.body)).toBe('truetype');
    // A font object of its own: glyphs fetched by id are cached without their code points, and the renderers'
    // shared one must keep them for the PDF's ToUnicode map.
    const fang = fontkit.create(fonts.body);
    expect(fang.postscriptName).toBe('FandolFang-Regular');
    expect(fang.unitsPerEm).toBe(1000);
    // The converter misread 1,844 advances (65,254 units for '0'): every advance is taken from the original.
    for (let gid = 0; gid < fang.numGlyphs; gid += 1) {
      const w = fang.getGlyph(gid).advanceWidth;
      expect(w >= 0 && w <= 2000, `glyph ${gid}: ${w}`).toBe(true);
    }
    for (const ch of '德阳市司法局行政执法监督整改通知书，。：；（）〔〕《》、')
      expect(fang.glyphForCodePoint(ch.codePointAt(0)!).advanceWidth, ch).toBe(1000);
    for (const ch of '0123456789') expect(fang.glyphForCodePoint(ch.codePointAt(0)!).advanceWidth).toBe(500);
    // A 仿宋 glyph has outlines (the CFF subset drew none).
    expect(hasOutline(fang.glyphForCodePoint('德'.codePointAt(0)!))).toBe(true);
    expect(hasOutline(fang.glyphForCodePoint(' '.codePointAt(0)!))).toBe(false);
  });

  it('lacks some name characters, which the fallback measures and draws (Noto Serif SC)', () => {
    for (const ch of '堃喆珺璟') {
      expect(fang.hasGlyphForCodePoint(ch.codePointAt(0)!), ch).toBe(false);
      expect(drawingFont(fang, noto, ch)).toBe(noto);
      expect(metricsOf(fang, noto).advance(ch)).toBe(1);
    }
    expect(drawingFont(fang, noto, '德')).toBe(fang);
    expect(drawingFont(fang, undefined, '堃')).toBe(fang);
  });
});

describe.skipIf(!HAS_POPPLER)('PDF bodies in FandolFang', () => {
  it('embeds a TrueType subset whose every glyph has an outline, and the text comes out whole', async () => {
    const snapshots = join(process.cwd(), 'dist', 'doc-snapshots');
    mkdirSync(snapshots, { recursive: true });
    for (const [name, doc] of Object.entries(DEMO)) {
      const pdf = await renderPdf(doc, fonts, { creationDate: new Date(Date.UTC(2026, 11, 8)) });
      const file = join(dir, `${name}.pdf`);
      writeFileSync(file, pdf);
      expect(run('pdffonts', [file]), name).toMatch(
        /[A-Z]{6}\+FandolFang-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes/,
      );
      const subset = (await embeddedFonts(pdf)).get('FandolFang-Regular');
      expect(subset, name).toBeDefined();
      let outlined = 0;
      for (let gid = 1; gid < subset!.numGlyphs; gid += 1) {
        const glyph = subset!.getGlyph(gid);
        if (hasOutline(glyph)) outlined += 1;
      }
      // Every glyph but the spaces (ASCII and ideographic) has an outline: .notdef is glyph 0.
      expect(outlined, name).toBeGreaterThanOrEqual(subset!.numGlyphs - 3);
      expect(outlined, name).toBeGreaterThan(50);
      const text = run('pdftotext', ['-layout', file, '-']).replace(/\s+/g, '');
      const firstParagraph = doc.blocks.find((b) => b.type === 'paragraph');
      if (firstParagraph?.type === 'paragraph')
        expect(text, name).toContain(firstParagraph.text.replace(/\s+/g, '').slice(0, 20));
      const pages = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [file]))?.[1] ?? '1');
      for (const page of new Set([1, pages]))
        run('pdftoppm', [
          '-r',
          '60',
          '-f',
          String(page),
          '-l',
          String(page),
          '-png',
          '-singlefile',
          file,
          join(snapshots, `fandol-${name}-${page}`),
        ]);
    }
  });

  it('draws the characters FandolFang lacks in Noto Serif SC', async () => {
    const pdf = await renderPdf(DEMO.names!, fonts);
    const file = join(dir, 'names-bbox.pdf');
    writeFileSync(file, pdf);
    expect(run('pdffonts', [file])).toMatch(/[A-Z]{6}\+NotoSerifSC-Regular/);
    // Four more glyphs in the Noto Serif SC subset than the same letter without the names needs: 堃喆珺璟.
    const plain = await renderPdf(letterDoc(), fonts);
    const glyphs = async (bytes: Uint8Array): Promise<number> =>
      (await embeddedFonts(bytes)).get('NotoSerifSC-Regular')?.numGlyphs ?? 0;
    expect((await glyphs(pdf)) - (await glyphs(plain))).toBe(4);
    const text = run('pdftotext', [file, '-']).replace(/\s+/g, '');
    expect(text).toContain('执法人员王堃、李喆的执法证件');
    expect(text).toContain('承办人张珺、赵璟签名齐全');
  });
});

describe('no glyph wider than its cell with FandolFang and the fallback', () => {
  it('every laid-out line reserves each glyph’s own advance, in every demo document', () => {
    const faces = {
      body: fang,
      bold: parseFont(fonts.bold),
      title: parseFont(fonts.title),
      kai: parseFont(fonts.kai),
      song: noto,
    };
    let lines = 0;
    for (const [name, doc] of Object.entries(DEMO)) {
      const items = layoutWithFonts(doc, fonts)
        .pages.flatMap((p) => p.items)
        .filter((i): i is TextItem => i.kind === 'text' && i.text !== '');
      for (const item of items) {
        const glyphs = Array.from(item.text);
        let own = 0;
        for (const ch of glyphs) {
          const f = drawingFont(faces[item.font], noto, ch);
          const a = (f.glyphForCodePoint(ch.codePointAt(0)!).advanceWidth / f.unitsPerEm) * item.size;
          // Wide characters sit in full cells and narrow ones in at least half a cell (layout.ts gridAdvance).
          own += item.halfWidthLatin && !isWide(ch) ? Math.max(a, item.size / 2) : a;
        }
        own += Math.max(0, glyphs.length - 1) * item.charSpacing;
        if (item.halfWidthLatin) {
          expect(own, `${name}: ${item.text}`).toBeLessThanOrEqual(item.width + 0.01);
          lines += 1;
        }
      }
    }
    expect(lines).toBeGreaterThan(100);
  });
});
