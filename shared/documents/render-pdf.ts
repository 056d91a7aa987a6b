// PDF rendering of an OfficialDocument with pdf-lib + fontkit. Font bytes come from the caller (the renderer
// fetches the bundled open fonts or the office's installed ones, tests read them from node_modules, see
// bundled-fonts.ts): shared/ stays free of I/O.
// Only TrueType-outline fonts subset correctly here; CFF (.otf) subsets render blank without a system copy.

import {
  PDFDocument,
  beginText,
  endText,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  setCharacterSpacing,
  setFillingColor,
  setFontAndSize,
  showText,
  moveText,
  PDFArray,
  PDFNumber,
  PDFOperator,
  PDFOperatorNames,
  type PDFFont,
  type PDFImage,
  type PDFName,
  type PDFPage,
} from 'pdf-lib';
import { GEOMETRY, type OfficialDocument } from './layout-model';
import { isWide } from './line-break';
import { blocksInLayoutOrder, layoutDocument, type FontMetrics, type FontRole } from './layout';
import {
  drawingFont,
  layoutFonts,
  metricsOf,
  parseFont as parseMeasuredFont,
  roleBytes,
  type DocumentFonts,
  type FontkitFont,
} from './measure';

export { layoutWithFonts, type DocumentFonts } from './measure';

/** A parsed font ready to subset: fontkit's TrueType subsetter with the even-glyph fix, applied once per font. */
const patched = new WeakSet<FontkitFont>();
function parseFont(bytes: Uint8Array): FontkitFont {
  const font = parseMeasuredFont(bytes);
  if (!patched.has(font)) {
    patchEvenGlyphs(font);
    patched.add(font);
  }
  return font;
}

export interface RenderPdfOptions {
  /** Creation and modification date; fix it for byte-identical output. Default: now. */
  creationDate?: Date;
  /** Producer string in the document information; default '评查台 (pdf-lib)'. */
  producer?: string;
}

interface GlyphBuffer extends Uint8Array {
  constructor: { alloc?: (n: number) => Uint8Array };
}
interface TtfSubsetInternals {
  glyf?: GlyphBuffer[];
  offset: number;
  _addGlyph?: (gid: number) => number;
}

// fontkit's TrueType subsetter writes a short 'loca' (offsets / 2) whenever the subset is small, but copies
// glyphs of odd length unpadded, so every glyph after the first odd one is read from the wrong offset and
// renders blank (Noto Serif SC has many odd-length glyphs). Pad each copied glyph to an even length.
function patchEvenGlyphs(font: FontkitFont): void {
  const createSubset = font.createSubset.bind(font);
  font.createSubset = () => {
    const subset = createSubset();
    const internals = subset as unknown as TtfSubsetInternals;
    const addGlyph = internals._addGlyph;
    if (typeof addGlyph !== 'function') return subset;
    internals._addGlyph = function (this: TtfSubsetInternals, gid: number): number {
      const index = addGlyph.call(this, gid);
      const buf = this.glyf?.[index];
      if (buf && buf.length % 2 === 1 && this.glyf) {
        // Keep fontkit's own Buffer class: its encoder rejects plain Uint8Arrays.
        const padded = buf.constructor.alloc
          ? buf.constructor.alloc(buf.length + 1)
          : new Uint8Array(buf.length + 1);
        padded.set(buf, 0);
        this.glyf[index] = padded as GlyphBuffer;
        this.offset += 1;
      }
      return index;
    };
    return subset;
  };
}

/** PDF subset tag: six capital letters derived from the characters used, so equal input gives equal bytes. */
export function subsetTag(seed: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i += 1) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  let tag = '';
  for (let i = 0; i < 6; i += 1) {
    tag += String.fromCharCode(65 + (h % 26));
    h = Math.floor(h / 26) ^ (Math.imul(h, 2654435761) >>> 7);
    h >>>= 0;
  }
  return tag;
}

// Shaping must not merge or reposition glyphs: the layout measured one glyph per character.
const NO_SHAPING = { liga: false, clig: false, calt: false, rlig: false, kern: false };

/** Renders an official document to PDF bytes (A4, GB/T 9704 geometry, subset-embedded fonts). */
export async function renderPdf(
  doc: OfficialDocument,
  fonts: DocumentFonts,
  options: RenderPdfOptions = {},
): Promise<Uint8Array> {
  if (!(fonts.body instanceof Uint8Array) || fonts.body.length === 0) {
    throw new Error('未提供正文字体：无法生成 PDF。');
  }
  const bytesByRole = roleBytes(fonts);
  const kits = new Map<Uint8Array, FontkitFont>();
  for (const b of Object.values(bytesByRole)) if (!kits.has(b)) kits.set(b, parseFont(b));
  const fallbackBytes = fonts.fallback && fonts.fallback.length > 0 ? fonts.fallback : undefined;
  if (fallbackBytes && !kits.has(fallbackBytes)) kits.set(fallbackBytes, parseFont(fallbackBytes));
  const fallback = fallbackBytes ? kits.get(fallbackBytes) : undefined;
  const bytesOfKit = new Map<FontkitFont, Uint8Array>([...kits].map(([b, f]) => [f, b]));
  /** The font file that draws a character of a role: the role's own, or the per-glyph fallback. */
  const drawnBy = (role: FontRole, ch: string): Uint8Array =>
    bytesOfKit.get(drawingFont(kits.get(bytesByRole[role]) as FontkitFont, fallback, ch)) as Uint8Array;
  const metrics = new Map<Uint8Array, FontMetrics>();
  for (const b of new Set(Object.values(bytesByRole)))
    metrics.set(b, metricsOf(kits.get(b) as FontkitFont, fallback));
  const m = (role: FontRole): FontMetrics => metrics.get(bytesByRole[role]) as FontMetrics;

  const layout = layoutDocument(doc, layoutFonts(m));

  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.registerFontkit({ create: (b: Uint8Array) => parseFont(b) } as Parameters<
    PDFDocument['registerFontkit']
  >[0]);

  // One embedded subset per distinct font file, named 'ABCDEF+PostScriptName' like other PDF producers.
  const embedded = new Map<Uint8Array, PDFFont>();
  for (const [bytes, font] of kits) {
    const chars = new Set<string>();
    for (const role of ['body', 'bold', 'title', 'kai', 'song'] as const) {
      for (const ch of layout.charsByFont[role]) if (drawnBy(role, ch) === bytes) chars.add(ch);
    }
    if (chars.size === 0) continue;
    const ps = (font.postscriptName ?? 'CJKFont').replace(/[^A-Za-z0-9-]/g, '');
    const seed = ps + [...chars].sort().join('');
    const pdfFont = await pdf.embedFont(bytes, {
      subset: true,
      customName: `${subsetTag(seed)}+${ps}`,
      features: NO_SHAPING,
    });
    embedded.set(bytes, pdfFont);
  }

  // Layout indexes run through doc.blocks and then the annexes' blocks (annexBlockBase).
  const images = new Map<number, PDFImage>();
  for (const [i, b] of blocksInLayoutOrder(doc).entries()) {
    if (b.type !== 'image') continue;
    try {
      images.set(i, await pdf.embedPng(b.png));
    } catch (e) {
      throw new Error(
        `第 ${i + 1} 个内容块的图片无法嵌入（${e instanceof Error ? e.message : String(e)}）。`,
      );
    }
  }

  const H = GEOMETRY.pageHeightPt;
  const red = rgb(GEOMETRY.red.r, GEOMETRY.red.g, GEOMETRY.red.b);
  const black = rgb(0, 0, 0);
  const gray = rgb(0.85, 0.85, 0.85);
  for (const lp of layout.pages) {
    const page: PDFPage = pdf.addPage([GEOMETRY.pageWidthPt, GEOMETRY.pageHeightPt]);
    const keys = new Map<PDFFont, PDFName>();
    const keyOf = (font: PDFFont): PDFName => {
      let key = keys.get(font);
      if (!key) {
        key = page.node.newFontDictionary(font.name, font.ref);
        keys.set(font, key);
      }
      return key;
    };
    for (const item of lp.items) {
      if (item.kind === 'text') {
        if (item.text === '') continue;
        // Runs of characters drawn by one font (the role's, or the fallback for glyphs it lacks); the text position
        // runs on from one to the next, each glyph advancing by its own font's width, as the layout measured it.
        const segments: { font: PDFFont; text: string }[] = [];
        for (const ch of Array.from(item.text)) {
          const font = embedded.get(fallback ? drawnBy(item.font, ch) : bytesByRole[item.font]) as PDFFont;
          const last = segments.at(-1);
          if (last?.font === font) last.text += ch;
          else segments.push({ font, text: ch });
        }
        const show = (font: PDFFont, text: string): PDFOperator =>
          item.halfWidthLatin ? showHalfWidth(font, text) : showText(font.encodeText(text));
        const [first, ...rest] = segments as [(typeof segments)[number], ...typeof segments];
        page.pushOperators(
          pushGraphicsState(),
          beginText(),
          setFillingColor(item.color === 'red' ? red : item.color === 'gray' ? gray : black),
          setFontAndSize(keyOf(first.font), item.size),
          setCharacterSpacing(round(item.charSpacing)),
          moveText(round(item.x), round(H - item.baseline)),
          show(first.font, first.text),
          ...rest.flatMap((seg) => [setFontAndSize(keyOf(seg.font), item.size), show(seg.font, seg.text)]),
          endText(),
          popGraphicsState(),
        );
      } else if (item.kind === 'rule') {
        page.drawLine({
          start: { x: item.x1, y: H - item.y1 },
          end: { x: item.x2, y: H - item.y2 },
          thickness: item.thickness,
          color: item.color === 'red' ? red : black,
        });
      } else {
        const img = images.get(item.block);
        if (img)
          page.drawImage(img, {
            x: item.x,
            y: H - item.top - item.height,
            width: item.width,
            height: item.height,
          });
      }
    }
  }

  const when = options.creationDate ?? new Date();
  pdf.setTitle(doc.title, { showInWindowTitleBar: true });
  pdf.setAuthor(doc.signature?.issuer ?? doc.issuerMark ?? '');
  pdf.setSubject(doc.docNumber ?? '');
  pdf.setCreator('评查台');
  pdf.setProducer(options.producer ?? '评查台 (pdf-lib)');
  pdf.setLanguage('zh-CN');
  pdf.setCreationDate(when);
  pdf.setModificationDate(when);
  return pdf.save({ useObjectStreams: true });
}

const round = (v: number): number => Math.round(v * 1000) / 1000;

// pdf-lib shapes the text with fontkit on every widthOfTextAtSize call: measure each narrow character once per
// embedded font. (Text is still encoded a line at a time: encodeText also adds the glyphs to the subset.)
const glyphWidth = new WeakMap<PDFFont, Map<string, number>>();

/** Advance of one character at 1000 units per em. */
function widthOf(font: PDFFont, ch: string): number {
  let cache = glyphWidth.get(font);
  if (!cache) glyphWidth.set(font, (cache = new Map()));
  let w = cache.get(ch);
  if (w === undefined) {
    w = font.widthOfTextAtSize(ch, 1000);
    cache.set(ch, w);
  }
  return w;
}

/**
 * TJ: the text with each narrow character (Latin, digits) set in a cell half the size wide and centred in it, as
 * a fixed-pitch 仿宋_GB2312 draws its ASCII (an 'i' leaves no gap), or in its own advance where the glyph is
 * wider ('%', 'W', 'D'), as the layout measured it (layout.ts gridAdvance): no glyph runs into the next.
 */
function showHalfWidth(font: PDFFont, text: string): PDFOperator {
  const parts: (string | number)[] = [];
  const push = (p: string | number): void => {
    const last = parts.at(-1);
    if (typeof p === 'number' && typeof last === 'number') parts[parts.length - 1] = last + p;
    else if (typeof p === 'string' && typeof last === 'string') parts[parts.length - 1] = last + p;
    else parts.push(p);
  };
  for (const ch of Array.from(text)) {
    if (isWide(ch)) {
      push(ch);
      continue;
    }
    // Half the difference before the glyph and half after: positive TJ numbers move the pen left. A glyph wider
    // than the half cell keeps its own advance.
    const shift = round((Math.min(widthOf(font, ch), 500) - 500) / 2);
    if (Math.abs(shift) > 1e-3) push(shift);
    push(ch);
    if (Math.abs(shift) > 1e-3) push(shift);
  }
  const array = PDFArray.withContext(font.doc.context);
  for (const p of parts) {
    if (typeof p === 'string') array.push(font.encodeText(p));
    else if (Math.abs(p) > 1e-3) array.push(PDFNumber.of(round(p)));
  }
  return PDFOperator.of(PDFOperatorNames.ShowTextAdjusted, [array]);
}
