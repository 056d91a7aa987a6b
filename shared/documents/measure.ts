// Measuring text with the documents' fonts: each font file parsed once (fontkit), each character's advance read once
// per font, and the layout measured with them. Both renderers use it: the PDF is drawn from this layout and the DOCX
// is written from the same one, so both have the same pages. Only TrueType outlines are accepted (a CFF .otf
// subsets to blank glyphs, a .ttc cannot be embedded): the reason is said in Chinese.

import * as fontkitModule from '@pdf-lib/fontkit';
import { layoutDocument, type DocumentLayout, type FontMetrics, type FontRole } from './layout';
import type { OfficialDocument } from './layout-model';

export interface DocumentFonts {
  /** Body font (仿宋), TrueType outlines. Required. */
  body: Uint8Array;
  /** Title and issuer mark (小标宋); falls back to bold, then body. */
  title?: Uint8Array;
  /** Level-1 headings and table headers (黑体); falls back to body. */
  bold?: Uint8Array;
  /** Level-2 headings (楷体); falls back to body. */
  kai?: Uint8Array;
  /** 宋体 for the page numbers (the bundled Noto Serif SC); falls back to body. */
  song?: Uint8Array;
  /**
   * Per-glyph fallback (the bundled Noto Serif SC): a character a face has no glyph for is measured and drawn in
   * this font instead (FandolFang, the open 仿宋, covers GB 2312 and some more, not every name's character).
   */
  fallback?: Uint8Array;
}

export type FontkitFont = ReturnType<typeof fontkitModule.create>;
interface FontkitLike {
  create(bytes: Uint8Array): FontkitFont;
}
const fontkit: FontkitLike =
  (fontkitModule as unknown as { default?: FontkitLike }).default ??
  (fontkitModule as unknown as FontkitLike);

// Parsing a 14 MB CJK font is the slow part of a render: parse each font once and share it between
// documents (fontkit reads synchronously, so concurrent renders cannot interleave inside one call).
const parsed = new WeakMap<Uint8Array, FontkitFont>();
export function parseFont(bytes: Uint8Array): FontkitFont {
  let font = parsed.get(bytes);
  if (!font) {
    try {
      font = fontkit.create(bytes);
    } catch (e) {
      throw new Error(
        `字体文件无法读取（${e instanceof Error ? e.message : String(e)}）：请选择 TrueType 格式（.ttf）的字体文件。`,
      );
    }
    if (!('glyphForCodePoint' in font)) {
      throw new Error('字体文件是字体集合（.ttc），无法嵌入 PDF：请选择单个 TrueType 字体文件（.ttf）。');
    }
    const tables =
      (font as unknown as { directory?: { tables?: Record<string, unknown> } }).directory?.tables ?? {};
    if (!('glyf' in tables)) {
      throw new Error(
        '字体文件是 CFF 轮廓（多为 .otf），嵌入后在未安装该字体的电脑上会显示空白：请选择 TrueType 轮廓的 .ttf 字体文件。',
      );
    }
    parsed.set(bytes, font);
  }
  return font;
}

/** Whether a font has its own glyph for the character (not .notdef). */
export function covers(font: FontkitFont, ch: string): boolean {
  return font.hasGlyphForCodePoint(ch.codePointAt(0) ?? 0);
}

/**
 * The font that draws a character: the face itself where it has the glyph, else the fallback where that has it,
 * else the face (its .notdef box, as any font shows a character it lacks).
 */
export function drawingFont(font: FontkitFont, fallback: FontkitFont | undefined, ch: string): FontkitFont {
  return !fallback || fallback === font || covers(font, ch) || !covers(fallback, ch) ? font : fallback;
}

const metricsByFont = new WeakMap<FontkitFont, Map<FontkitFont | undefined, FontMetrics>>();
/** Advances (in ems) of the characters as drawn: each from the font that draws it (drawingFont). */
export function metricsOf(font: FontkitFont, fallback?: FontkitFont): FontMetrics {
  let byFallback = metricsByFont.get(font);
  if (!byFallback) metricsByFont.set(font, (byFallback = new Map()));
  const known = byFallback.get(fallback);
  if (known) return known;
  const cache = new Map<string, number>();
  const metrics: FontMetrics = {
    advance(ch: string): number {
      let w = cache.get(ch);
      if (w === undefined) {
        const f = drawingFont(font, fallback, ch);
        w = f.glyphForCodePoint(ch.codePointAt(0) ?? 0).advanceWidth / f.unitsPerEm;
        cache.set(ch, w);
      }
      return w;
    },
  };
  byFallback.set(fallback, metrics);
  return metrics;
}

export function roleBytes(fonts: DocumentFonts): Record<FontRole, Uint8Array> {
  return {
    body: fonts.body,
    bold: fonts.bold ?? fonts.body,
    title: fonts.title ?? fonts.bold ?? fonts.body,
    kai: fonts.kai ?? fonts.body,
    song: fonts.song ?? fonts.body,
  };
}

export function layoutFonts(m: (role: FontRole) => FontMetrics) {
  return { body: m('body'), bold: m('bold'), title: m('title'), kai: m('kai'), song: m('song') };
}

/**
 * The layout the PDF is drawn from, measured with the real fonts; the DOCX is written from the same layout so
 * that both have the same pages.
 */
export function layoutWithFonts(doc: OfficialDocument, fonts: DocumentFonts): DocumentLayout {
  const bytes = roleBytes(fonts);
  const fallback = fonts.fallback ? parseFont(fonts.fallback) : undefined;
  const m = (role: FontRole): FontMetrics => metricsOf(parseFont(bytes[role]), fallback);
  return layoutDocument(doc, layoutFonts(m));
}
