// The DOCX page plan: what sits at fixed places on the page rather than in the text flow. The head (发文机关标志,
// 发文字号, red rules) in frames of the first-page header at the PDF's positions; the 草稿 watermark; the 版记 as
// frames at their grid lines at the foot of the 版心, anchored at the end of the document so they follow the last
// page; the footers (page numbers in 宋体, the 留痕校验码 in the footer margin); and the sections (page size, margins,
// the 22-line grid, an evenPage section for a 版记 that goes to the next even page).

import {
  AlignmentType,
  BorderStyle,
  DocumentGridType,
  Footer,
  FrameAnchorType,
  FrameWrap,
  Header,
  HeightRule,
  PageNumber,
  Paragraph,
  SectionType,
  Tab,
  TabStopType,
  Table,
  TextRun,
  type Document,
  type IParagraphOptions,
} from 'docx';
import { GEOMETRY, LINE_PITCH_PT, type OfficialDocument } from '../layout-model';
import { FRAME, type DocumentLayout, type TextItem } from '../layout';
import {
  DOCX_FONTS,
  DOCX_GEOMETRY,
  DOCX_STYLES,
  exact,
  font,
  gwParagraph,
  half,
  ptTwips,
  runs,
  twips,
} from './styles';

const G = DOCX_GEOMETRY;

// ---- the head (版头), placed absolutely --------------------------------------------------------------

/** A paragraph in a frame at an absolute page position (twips from the page's top-left corner). */
function framed(
  x: number,
  y: number,
  width: number,
  height: number,
  options: Omit<IParagraphOptions, 'frame'>,
): Paragraph {
  return gwParagraph({
    ...options,
    style: DOCX_STYLES.head.id,
    frame: {
      type: 'absolute',
      position: { x, y },
      width,
      height,
      rule: HeightRule.EXACT,
      anchor: { horizontal: FrameAnchorType.PAGE, vertical: FrameAnchorType.PAGE },
      wrap: FrameWrap.NONE,
    },
  });
}

/** The layout's head items (mark, 发文字号, red rules) as framed paragraphs for the first-page header. */
function headParagraphs(layout: DocumentLayout): Paragraph[] {
  const page = layout.pages[0];
  if (!page) return [];
  const out: Paragraph[] = [];
  const red = GEOMETRY.redHex;
  for (const item of page.items) {
    if (item.kind === 'text' && (item.role === 'mark' || item.role === 'docNumber')) {
      // The frame is one em tall and starts at the em box's top (baseline - 0.88 em).
      const top = item.baseline - 0.88 * item.size;
      const width = item.role === 'mark' ? G.pageWidth : G.textWidth;
      const x = item.role === 'mark' ? 0 : G.left;
      // 发文字号: centred under the mark in 通用格式, flush right in 信函格式, as the layout placed it.
      const centred = Math.abs(item.x + item.width / 2 - (FRAME.blockLeft + FRAME.blockWidth / 2)) < 2;
      out.push(
        framed(x, ptTwips(top), width, ptTwips(item.size), {
          alignment: item.role === 'mark' || centred ? AlignmentType.CENTER : AlignmentType.RIGHT,
          spacing: exact(ptTwips(item.size)),
          children: runs(item.text, {
            font: font(item.role === 'mark' ? DOCX_FONTS.title : DOCX_FONTS.body),
            size: half(item.size),
            color: item.color === 'red' ? red : undefined,
            // The mark is fitted to the line by its size; the 发文字号 sits on the body's character pitch.
            characterSpacing: item.role === 'mark' ? 0 : ptTwips(item.charSpacing),
          }),
        }),
      );
    }
  }
  // Rules: a double line is two rules 3 pt apart; each becomes a frame whose top border is the rule.
  const rules = page.items.filter((i) => i.kind === 'rule' && i.y1 === i.y2 && i.color === 'red');
  for (const r of rules) {
    if (r.kind !== 'rule') continue;
    const x = Math.min(r.x1, r.x2);
    const w = Math.abs(r.x2 - r.x1);
    // w:sz is in eighths of a point; the border is drawn downwards from the frame's top edge.
    out.push(
      framed(ptTwips(x), ptTwips(r.y1 - r.thickness / 2), ptTwips(w), ptTwips(r.thickness + 1), {
        spacing: exact(ptTwips(r.thickness + 1)),
        border: {
          top: { style: BorderStyle.SINGLE, size: Math.round(r.thickness * 8), color: red, space: 0 },
        },
        children: [],
      }),
    );
  }
  return out;
}

/** The watermark (草稿) as a framed paragraph in the middle of the page, for every header. */
function watermarkParagraphs(layout: DocumentLayout): Paragraph[] {
  const item = layout.pages[0]?.items.find((i): i is TextItem => i.kind === 'text' && i.role === 'watermark');
  if (!item) return [];
  const top = item.baseline - 0.88 * item.size;
  return [
    framed(0, ptTwips(top), G.pageWidth, ptTwips(item.size * 1.2), {
      alignment: AlignmentType.CENTER,
      spacing: exact(ptTwips(item.size * 1.2)),
      children: runs(item.text, {
        font: font(DOCX_FONTS.title),
        size: half(item.size),
        color: 'D9D9D9',
        characterSpacing: 0,
      }),
    }),
  ];
}

/**
 * The 版记's place, by a construction that survives edits: each of its lines is a frame at its grid line of the
 * text block (positioned from the page's top edge, GB/T 9704 7.5: the last rule on the foot of the 版心), anchored in
 * the paragraphs that end the document. The frames follow the last page wherever edits move it, and body text
 * flows above them (not beside); no computed space holds them down. (One frame per line: LibreOffice does not
 * bottom-align a frame of several paragraphs, nor a floating table.)
 *
 * The 版记's framed lines, each after a 1 pt paragraph of its own: LibreOffice drops the frame of a framed
 * paragraph that is followed directly by another one with a different position.
 */
function separated(lines: Paragraph[]): Paragraph[] {
  return lines.flatMap((p) => [
    gwParagraph({ style: DOCX_STYLES.footerNote.id, spacing: exact(20), children: [] }),
    p,
  ]);
}

function atFootLine(k: number): NonNullable<IParagraphOptions['frame']> {
  return {
    type: 'absolute',
    // From the page's top edge: a section of its own (the 版记 on an even page) may have a margin box that
    // LibreOffice sets lower than the first section's.
    position: { x: 0, y: G.top + k * G.linePitch },
    anchor: { horizontal: FrameAnchorType.MARGIN, vertical: FrameAnchorType.PAGE },
    width: G.textWidth,
    height: G.linePitch,
    rule: HeightRule.EXACT,
    wrap: FrameWrap.NOT_BESIDE,
  };
}

/**
 * 版记 of 通用格式 from the layout: the 抄送 lines, then 印发机关 left and 印发日期 right (a right tab stop one
 * character in from the right edge); the paragraphs' borders are the layout's rules (0.35 mm first and last,
 * 0.25 mm between).
 */
function imprint(layout: DocumentLayout): Paragraph[] {
  const last = layout.pages.at(-1);
  if (!last) return [];
  const notes = last.items.filter((i): i is TextItem => i.kind === 'text' && i.role === 'footerNote');
  if (notes.length === 0) return [];
  const size = GEOMETRY.footerNoteSizePt;
  const lineOf = (t: TextItem): number =>
    Math.round((t.baseline - 0.88 * t.size - (LINE_PITCH_PT - t.size) / 2 - FRAME.blockTop) / LINE_PITCH_PT);
  // One paragraph per grid line; two items on a line are the 印发机关 and the 印发日期.
  const byLine = new Map<number, TextItem[]>();
  for (const n of notes) byLine.set(lineOf(n), [...(byLine.get(lineOf(n)) ?? []), n]);
  const lines = [...byLine.entries()].sort((a, b) => a[0] - b[0]);
  const rules = last.items.filter((i) => i.kind === 'rule' && i.color === 'black' && i.y1 === i.y2);
  const ruleAt = (y: number): number | undefined => {
    const r = rules.find((i) => i.kind === 'rule' && Math.abs(i.y1 - y) < 0.5);
    return r?.kind === 'rule' ? r.thickness : undefined;
  };
  const border = (thicknessPt: number) => ({
    style: BorderStyle.SINGLE,
    size: Math.max(2, Math.round(thicknessPt * 8)),
    color: '000000',
    space: 0,
  });
  const lineTop = (k: number): number => FRAME.blockTop + k * LINE_PITCH_PT;
  const tabAt = G.textWidth - size * 20;
  return separated(
    lines.map(([k, items], i) => {
      const top = i === 0 ? ruleAt(lineTop(k)) : undefined;
      const bottom = ruleAt(lineTop(k + 1));
      const sorted = [...items].sort((a, b) => a.x - b.x);
      const left = sorted[0] as TextItem;
      // Text starts one character in (4号); a wrapped 抄送 line starts under the first name.
      const indentLeft = ptTwips(left.x - FRAME.blockLeft);
      const runOpts = { font: font(DOCX_FONTS.body), size: half(size), characterSpacing: 0 };
      const children = [new TextRun({ ...runOpts, text: left.text })];
      if (sorted.length > 1)
        children.push(new TextRun({ ...runOpts, children: [new Tab(), (sorted.at(-1) as TextItem).text] }));
      // The rules are drawn inside the line so that each line stays one grid line tall.
      const lost = (top !== undefined ? ptTwips(top) : 0) + (bottom !== undefined ? ptTwips(bottom) : 0);
      return gwParagraph({
        style: DOCX_STYLES.footerNote.id,
        frame: atFootLine(k),
        spacing: exact(G.linePitch - lost),
        // The borders span the paragraph's indents: the block's full width, the text set in by a first-line indent.
        indent: { left: 0, right: 0, firstLine: indentLeft },
        tabStops: sorted.length > 1 ? [{ type: TabStopType.RIGHT, position: tabAt }] : undefined,
        border: {
          ...(top !== undefined ? { top: border(top) } : {}),
          ...(bottom !== undefined ? { bottom: border(bottom) } : {}),
        },
        children,
      });
    }),
  );
}

function footerNote(layout: DocumentLayout): Paragraph[] {
  const last = layout.pages.at(-1);
  if (!last) return [];
  const notes = last.items.filter((i): i is TextItem => i.kind === 'text' && i.role === 'footerNote');
  if (notes.length === 0) return [];
  const size = GEOMETRY.footerNoteSizePt;
  const lineOf = (t: TextItem): number =>
    Math.round((t.baseline - 0.88 * t.size - (LINE_PITCH_PT - t.size) / 2 - FRAME.blockTop) / LINE_PITCH_PT);
  const thick = { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 0 };
  const thin = { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 0 };
  // 版记 at the foot of the last page: 4号, one character in from each side, between rules.
  return separated(
    notes.map((n, i) =>
      gwParagraph({
        style: DOCX_STYLES.footerNote.id,
        frame: atFootLine(lineOf(n)),
        // The rules are drawn inside the line so that each line stays one grid line tall.
        spacing: exact(G.linePitch - (i === 0 ? 20 : 0) - (i === notes.length - 1 ? 20 : 15)),
        indent: { left: size * 20, right: size * 20 },
        border: {
          ...(i === 0 ? { top: thick } : {}),
          bottom: i === notes.length - 1 ? thick : thin,
        },
        children: runs(n.text, { font: font(DOCX_FONTS.body), size: half(size) }),
      }),
    ),
  );
}

/** The margin note (留痕校验码) under the page number, 小五, at the left of the footer margin (layout.ts). */
function marginNoteParagraphs(doc: OfficialDocument): Paragraph[] {
  const note = doc.marginNote?.trim() ?? '';
  if (note === '') return [];
  const size = GEOMETRY.marginNoteSizePt;
  return [
    gwParagraph({
      alignment: AlignmentType.LEFT,
      spacing: { before: twips(GEOMETRY.marginNoteGapMm) - ptTwips(size), after: 0, line: 240 },
      indent: { firstLine: 0, left: 0 },
      children: [
        new TextRun({
          text: note,
          font: font(DOCX_FONTS.body),
          size: half(size),
          characterSpacing: 0,
          snapToGrid: false,
        }),
      ],
    }),
  ];
}

/** A footer without page number (the margin note only). */
function unnumberedFooter(doc: OfficialDocument): Footer {
  return new Footer({ children: [gwParagraph({ children: [] }), ...marginNoteParagraphs(doc)] });
}

function pageNumberFooter(side: 'left' | 'right', doc: OfficialDocument): Footer {
  const size = GEOMETRY.pageNumberSizePt;
  const indentTwips = size * 20;
  return new Footer({
    children: [
      gwParagraph({
        alignment: side === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        // 单页码居右空一字，双页码居左空一字.
        indent: side === 'right' ? { right: indentTwips } : { left: indentTwips },
        children: [
          new TextRun({
            font: font(DOCX_FONTS.pageNumber),
            size: half(size),
            snapToGrid: false,
            children: ['— ', PageNumber.CURRENT, ' —'],
          }),
        ],
      }),
      ...marginNoteParagraphs(doc),
    ],
  });
}

const pageProperties = {
  size: { width: G.pageWidth, height: G.pageHeight },
  margin: {
    top: G.top,
    bottom: G.bottom,
    left: G.left,
    right: G.right,
    header: G.header,
    footer: G.footer,
  },
};
// A line grid of 22 lines with body text condensed 0.25 pt gives 28 characters a line in Word, WPS and
// LibreOffice alike. (A linesAndChars grid with charSpace -841, as in the templates, works in Word but
// LibreOffice gives each 16 pt character two 15.79 pt cells: 14 characters a line.)
const documentGrid = { type: DocumentGridType.LINES, linePitch: G.linePitch, charSpace: G.charSpace };

type SectionOptions = ConstructorParameters<typeof Document>[0]['sections'][number];

/**
 * The document's sections around its body. 通用格式 is printed double-sided: where the PDF gives the 版记 an even
 * page of its own, the 版记 starts a section of type evenPage, so Word, WPS and LibreOffice put it on the next even
 * page and insert the blank page themselves. (Where the 版记 shares the text's last page it ends the body.)
 */
export function sections(
  doc: OfficialDocument,
  layout: DocumentLayout,
  body: (Paragraph | Table)[],
): SectionOptions[] {
  const imprintParagraphs = doc.imprint ? imprint(layout) : footerNote(layout);
  const evenImprint = layout.imprintPage !== null && imprintParagraphs.length > 0;
  const plainHeader = (): Header =>
    new Header({ children: [...watermarkParagraphs(layout), gwParagraph({ children: [] })] });
  const first: SectionOptions = {
    properties: {
      page: pageProperties,
      grid: documentGrid,
      // Page 1 has its own header (the head, placed absolutely) and, in letter style, no page number.
      titlePage: true,
    },
    headers: {
      first: new Header({
        children: [...headParagraphs(layout), ...watermarkParagraphs(layout), gwParagraph({ children: [] })],
      }),
      default: plainHeader(),
      even: plainHeader(),
    },
    footers: {
      default: pageNumberFooter('right', doc),
      even: pageNumberFooter('left', doc),
      first:
        doc.style === 'letter'
          ? new Footer({ children: [gwParagraph({ children: [] }), ...marginNoteParagraphs(doc)] })
          : pageNumberFooter('right', doc),
    },
    children: evenImprint ? body : [...body, ...imprintParagraphs],
  };
  if (!evenImprint) return [first];
  return [
    first,
    {
      properties: { type: SectionType.EVEN_PAGE, page: pageProperties, grid: documentGrid },
      headers: { default: plainHeader(), even: plainHeader() },
      // GB/T 9704 7.5: after a blank page, neither it nor the 版记 page carries a page number. (Both footers are
      // the section's own: an even one inherited from the text would number the page.)
      footers:
        layout.imprintPage === 'afterBlank'
          ? { default: unnumberedFooter(doc), even: unnumberedFooter(doc) }
          : { default: pageNumberFooter('right', doc), even: pageNumberFooter('left', doc) },
      children: imprintParagraphs,
    },
  ];
}
