// DOCX rendering of an OfficialDocument with `docx` v9: same content and GB/T 9704 geometry as the PDF,
// but Word/WPS does the line breaking on a 22-line document grid with 28 characters a line, and the runs
// name the official fonts (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312) in the east-Asian slots.

import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  ImageRun,
  LineRuleType,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IParagraphOptions,
  type IRunOptions,
} from 'docx';
import { isWide } from './line-break';
import { GEOMETRY, validateDocument, type DocBlock, type OfficialDocument } from './layout-model';

/** Font names written into the DOCX (east-Asian, ASCII and high-ANSI slots). */
export const DOCX_FONTS = {
  body: '仿宋_GB2312',
  title: '方正小标宋简体',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  pageNumber: '宋体',
} as const;

const TWIPS_PER_MM = 1440 / 25.4;
const twips = (mm: number): number => Math.round(mm * TWIPS_PER_MM);

/** Section geometry in twips (A4 11906 x 16838), as the official templates have it. */
export const DOCX_GEOMETRY = (() => {
  const pageWidth = 11906;
  const pageHeight = 16838;
  const left = twips(GEOMETRY.marginLeftMm);
  const right = twips(GEOMETRY.marginRightMm);
  const top = twips(GEOMETRY.marginTopMm);
  const bottom = twips(GEOMETRY.marginBottomMm);
  const textWidth = pageWidth - left - right;
  // 225 mm / 22 lines = 28.95 pt: the exact line spacing and the grid's line pitch (579 twips).
  const linePitch = Math.floor((pageHeight - top - bottom) / GEOMETRY.linesPerPage);
  const charPitchPt = textWidth / 20 / GEOMETRY.charsPerLine;
  // w:charSpace is the difference between the grid's character pitch and the 16 pt font, in 1/4096 pt.
  const charSpace = Math.round((charPitchPt - GEOMETRY.bodySizePt) * 4096);
  return {
    pageWidth,
    pageHeight,
    left,
    right,
    top,
    bottom,
    textWidth,
    linePitch,
    charTwips: textWidth / GEOMETRY.charsPerLine,
    charSpace,
    /** Footer distance: the page number's dashes sit about 7 mm below the text block. */
    footer: twips(GEOMETRY.marginBottomMm - GEOMETRY.pageNumberGapMm - 3),
    header: twips(15),
  };
})();

const G = DOCX_GEOMETRY;
/**
 * Text set larger or smaller than the 16 pt body (title, mark, tables, 版记, page numbers) must not snap to
 * the 28-cell character grid: a 22 pt character would take two cells.
 */
const OFF_GRID = { snapToGrid: false } as const;
/** Body characters condensed by 0.25 pt (in 1/20 pt): 28 x 15.75 pt fits the 156 mm line. */
export const DOCX_CONDENSE = -5;
const CONDENSE = DOCX_CONDENSE;
const half = (pt: number): number => Math.round(pt * 2);
const font = (name: string): IRunOptions['font'] => ({ eastAsia: name, ascii: name, hAnsi: name, cs: name });
const exact = (twipsLine: number): IParagraphOptions['spacing'] => ({
  line: twipsLine,
  lineRule: LineRuleType.EXACT,
  before: 0,
  after: 0,
});
const bodySpacing = exact(G.linePitch);
/** Width in body cells (full width 1, Latin 0.5) to place the signature. */
const cells = (s: string): number => Array.from(s).reduce((n, ch) => n + (isWide(ch) ? 1 : 0.5), 0);

const alignOf = {
  justify: AlignmentType.BOTH,
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
} as const;

function runs(text: string, opts: Omit<IRunOptions, 'text' | 'break'>): TextRun[] {
  // '\n' inside a text is a line break within the paragraph.
  return text
    .split('\n')
    .map((part, i) => new TextRun({ ...opts, text: part, break: i > 0 ? 1 : undefined }));
}

function blank(): Paragraph {
  return new Paragraph({ spacing: bodySpacing, children: [] });
}

function bodyParagraph(
  text: string,
  opts: { indent?: number; align?: keyof typeof alignOf; font?: string; bold?: boolean },
): Paragraph {
  const align = opts.align ?? 'justify';
  const indent = opts.indent ?? (align === 'center' || align === 'right' ? 0 : 2);
  return new Paragraph({
    alignment: alignOf[align],
    spacing: bodySpacing,
    indent:
      indent > 0 ? { firstLine: Math.round(indent * G.charTwips), firstLineChars: indent * 100 } : undefined,
    children: runs(text, {
      font: font(opts.font ?? DOCX_FONTS.body),
      size: half(GEOMETRY.bodySizePt),
      bold: opts.bold,
    }),
  });
}

function header(doc: OfficialDocument): Paragraph[] {
  const out: Paragraph[] = [];
  const mark = doc.issuerMark?.trim() ?? '';
  const number = doc.docNumber?.trim() ?? '';
  const red = GEOMETRY.redHex;
  const markRun = (size: number): TextRun[] =>
    runs(mark, { font: font(DOCX_FONTS.title), size: half(size), color: red, ...OFF_GRID });
  if (doc.style === 'letter') {
    if (mark !== '') {
      const size = Math.min(30, G.textWidth / 20 / Math.max(1, cells(mark)));
      const overhang = twips((GEOMETRY.letterRuleLengthMm - GEOMETRY.blockWidthMm) / 2);
      out.push(
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: exact(Math.round(size * 20 * 1.3)),
          // 红色双线 (上粗下细), 170 mm: the paragraph reaches 7 mm into each margin.
          indent: { left: -overhang, right: -overhang },
          border: { bottom: { style: BorderStyle.THICK_THIN_SMALL_GAP, size: 18, color: red, space: 11 } },
          children: markRun(size),
        }),
      );
    }
    if (number !== '') {
      out.push(
        new Paragraph({
          alignment: AlignmentType.RIGHT,
          spacing: { ...bodySpacing, before: mark !== '' ? 280 : 0 },
          children: runs(number, { font: font(DOCX_FONTS.body), size: half(GEOMETRY.bodySizePt) }),
        }),
      );
    }
    if (mark !== '' || number !== '') out.push(blank(), blank());
    return out;
  }
  if (mark !== '') {
    const size = Math.min(40, G.textWidth / 20 / Math.max(1, cells(mark)));
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        // The mark's top edge lies 35 mm below the top of the text block.
        spacing: { ...exact(Math.round(size * 20 * 1.2)), before: twips(GEOMETRY.documentMarkOffsetMm) },
        children: markRun(size),
      }),
      blank(),
      blank(),
    );
  }
  if (number !== '' || mark !== '') {
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: bodySpacing,
        // 红色分隔线 4 mm below the 发文字号, as wide as the text block.
        border: { bottom: { style: BorderStyle.SINGLE, size: 8, color: red, space: 11 } },
        children: runs(number, { font: font(DOCX_FONTS.body), size: half(GEOMETRY.bodySizePt) }),
      }),
      blank(),
      blank(),
    );
  }
  return out;
}

function table(b: Extract<DocBlock, { type: 'table' }>): Table {
  const size = b.fontSize ?? GEOMETRY.tableSizePt;
  const total = b.columns.reduce((s, c) => s + c.width, 0);
  const widths = b.columns.map((c) => Math.floor((G.textWidth * c.width) / total));
  const spacing = exact(Math.round(size * 1.45 * 20));
  const cell = (text: string, col: number, isHeader: boolean): TableCell =>
    new TableCell({
      width: { size: widths[col] as number, type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      margins: { left: twips(1.5), right: twips(1.5), top: twips(1), bottom: twips(1) },
      children: [
        new Paragraph({
          alignment: isHeader ? AlignmentType.CENTER : alignOf[b.columns[col]?.align ?? 'left'],
          spacing,
          children: runs(text, {
            font: font(isHeader ? DOCX_FONTS.heading1 : DOCX_FONTS.body),
            size: half(size),
            bold: isHeader,
            ...OFF_GRID,
          }),
        }),
      ],
    });
  const border = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
  return new Table({
    width: { size: G.textWidth, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: {
      top: border,
      bottom: border,
      left: border,
      right: border,
      insideHorizontal: border,
      insideVertical: border,
    },
    rows: [
      // tableHeader: Word repeats this row at the top of every page the table runs onto.
      new TableRow({ tableHeader: true, children: b.columns.map((c, i) => cell(c.title, i, true)) }),
      ...b.rows.map((r) => new TableRow({ children: r.map((t, i) => cell(t, i, false)) })),
    ],
  });
}

function blocks(doc: OfficialDocument): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  for (const b of doc.blocks) {
    switch (b.type) {
      case 'heading':
        out.push(
          bodyParagraph(b.text, {
            font: b.level === 1 ? DOCX_FONTS.heading1 : DOCX_FONTS.heading2,
            indent: 2,
          }),
        );
        break;
      case 'paragraph':
        out.push(bodyParagraph(b.text, { indent: b.indent, align: b.align }));
        break;
      case 'table':
        out.push(table(b));
        break;
      case 'image': {
        // Images at 96 dpi; exact line spacing would clip them, so this paragraph uses single spacing.
        const px = (mm: number): number => Math.round((mm / 25.4) * 96);
        const scale = Math.min(
          1,
          GEOMETRY.blockWidthMm / b.widthMm,
          (GEOMETRY.blockHeightMm - 10) / b.heightMm,
        );
        out.push(
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
            children: [
              new ImageRun({
                type: 'png',
                data: b.png,
                transformation: { width: px(b.widthMm * scale), height: px(b.heightMm * scale) },
              }),
            ],
          }),
        );
        if (b.caption) out.push(bodyParagraph(b.caption, { align: 'center' }));
        break;
      }
      case 'pageBreak':
        out.push(new Paragraph({ spacing: bodySpacing, children: [new PageBreak()] }));
        break;
    }
  }
  return out;
}

function attachments(doc: OfficialDocument): Paragraph[] {
  const list = (doc.attachments ?? []).map((a) => a.trim()).filter((a) => a !== '');
  if (list.length === 0) return [];
  const out: Paragraph[] = [blank()];
  list.forEach((name, i) => {
    const num = list.length > 1 ? `${i + 1}．` : '';
    const label = i === 0 ? '附件：' : '';
    // Wrapped lines align with the first character of the name; the first line starts 2 cells in
    // (附件：) or under the first number.
    const nameAt = 2 + 3 + cells(num);
    const startAt = i === 0 ? 2 : 5;
    out.push(
      new Paragraph({
        alignment: AlignmentType.BOTH,
        spacing: bodySpacing,
        indent: {
          left: Math.round(nameAt * G.charTwips),
          hanging: Math.round((nameAt - startAt) * G.charTwips),
        },
        children: runs(label + num + name, { font: font(DOCX_FONTS.body), size: half(GEOMETRY.bodySizePt) }),
      }),
    );
  });
  return out;
}

function signature(doc: OfficialDocument): Paragraph[] {
  const sig = doc.signature;
  if (!sig) return [];
  const out: Paragraph[] = [blank()];
  if (sig.sealPlace) out.push(blank());
  const date = sig.date.trim();
  const issuer = sig.issuer.trim();
  // 成文日期右空四字; 署名 centred on the date.
  const dateRight = 4;
  const issuerRight = Math.max(0, dateRight + (cells(date) - cells(issuer)) / 2);
  const line = (text: string, right: number): Paragraph =>
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: bodySpacing,
      keepNext: true,
      indent: { right: Math.round(right * G.charTwips) },
      children: runs(text, { font: font(DOCX_FONTS.body), size: half(GEOMETRY.bodySizePt) }),
    });
  if (issuer !== '') out.push(line(issuer, issuerRight));
  if (date !== '') out.push(line(date, dateRight));
  return out;
}

function footerNote(doc: OfficialDocument): Paragraph[] {
  const note = doc.footerNote?.trim() ?? '';
  if (note === '') return [];
  const size = GEOMETRY.footerNoteSizePt;
  const rule = { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 1 };
  // 版记 between two rules, one character in from each side.
  return [
    blank(),
    blank(),
    new Paragraph({
      spacing: bodySpacing,
      indent: { left: size * 20, right: size * 20 },
      border: { top: rule, bottom: rule },
      children: runs(note, { font: font(DOCX_FONTS.body), size: half(size), ...OFF_GRID }),
    }),
  ];
}

function pageNumberFooter(side: 'left' | 'right'): Footer {
  const size = GEOMETRY.pageNumberSizePt;
  const indentTwips = size * 20;
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        // 单页码居右空一字，双页码居左空一字.
        indent: side === 'right' ? { right: indentTwips } : { left: indentTwips },
        children: [
          new TextRun({
            font: font(DOCX_FONTS.pageNumber),
            size: half(size),
            ...OFF_GRID,
            children: ['— ', PageNumber.CURRENT, ' —'],
          }),
        ],
      }),
    ],
  });
}

/** Renders an official document to DOCX bytes; works in Node, browsers and Workers. */
export async function renderDocx(doc: OfficialDocument): Promise<Uint8Array> {
  const errors = validateDocument(doc);
  if (errors.length > 0) throw new Error(`公文无法生成：${errors.join('')}`);
  const letter = doc.style === 'letter';
  const titleSize = GEOMETRY.titleSizePt;
  const children: (Paragraph | Table)[] = [
    ...header(doc),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: bodySpacing,
      children: runs(doc.title, { font: font(DOCX_FONTS.title), size: half(titleSize), ...OFF_GRID }),
    }),
    blank(),
  ];
  if (doc.addressee && doc.addressee.trim() !== '')
    children.push(bodyParagraph(doc.addressee.trim(), { indent: 0 }));
  children.push(...blocks(doc), ...attachments(doc), ...signature(doc), ...footerNote(doc));

  const document = new Document({
    creator: '评查台',
    lastModifiedBy: '评查台',
    title: doc.title,
    subject: doc.docNumber ?? '',
    description: doc.docNumber ? `发文字号：${doc.docNumber}` : '',
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: font(DOCX_FONTS.body), size: half(GEOMETRY.bodySizePt), characterSpacing: CONDENSE },
          paragraph: { spacing: bodySpacing },
        },
      },
      // The grid's character pitch is computed from Normal's size (LibreOffice reads it from the style,
      // not from docDefaults), so Normal states 16 pt explicitly.
      paragraphStyles: [
        {
          id: 'Normal',
          name: 'Normal',
          run: { font: font(DOCX_FONTS.body), size: half(GEOMETRY.bodySizePt), characterSpacing: CONDENSE },
          paragraph: { spacing: bodySpacing },
        },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: G.pageWidth, height: G.pageHeight },
            margin: {
              top: G.top,
              bottom: G.bottom,
              left: G.left,
              right: G.right,
              header: G.header,
              footer: G.footer,
            },
          },
          // A line grid of 22 lines with body text condensed 0.25 pt gives 28 characters a line in Word, WPS and
          // LibreOffice alike. (A linesAndChars grid with charSpace -841, as in the templates, works in Word but
          // LibreOffice gives each 16 pt character two 15.79 pt cells: 14 characters a line.)
          grid: { type: DocumentGridType.LINES, linePitch: G.linePitch, charSpace: G.charSpace },
          // Letter style (信函格式): no page number on page 1.
          titlePage: letter,
        },
        footers: {
          default: pageNumberFooter('right'),
          even: pageNumberFooter('left'),
          ...(letter ? { first: new Footer({ children: [new Paragraph({ children: [] })] }) } : {}),
        },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(document));
}
