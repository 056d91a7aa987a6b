// DOCX rendering of an OfficialDocument with `docx` v9: the editable copy a clerk opens in WPS or Word (the PDF is
// the archival one). One paragraph per paragraph — headings, body, table cells — with its named style (公文标题,
// 一级标题 … 四级标题, 公文正文, 表格文字) and outline level; the styles and the line grid give 22 lines of 28
// characters, and the word processor breaks lines and pages itself: headings keep with the next paragraph and
// keep their lines together, body paragraphs have widow control (as the PDF layout does), table rows never split
// and header rows repeat, the last body paragraph keeps with the 附件说明 and the 署名 so the seal block never
// stands alone. Only the title keeps the layout's balanced explicit breaks. The head (发文机关标志, 发文字号, red
// rules) is placed absolutely in the first-page header at the PDF's positions; the 版记 lines are frames at their
// grid lines at the foot of the 版心, anchored at the end of the document, so they follow the last page. The font
// table names fallbacks (仿宋_GB2312 → 仿宋 → FangSong …); runs are tagged zh-CN.

import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  FrameAnchorType,
  FrameWrap,
  Header,
  HeightRule,
  ImageRun,
  LevelFormat,
  LevelSuffix,
  LineRuleType,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  SectionType,
  Tab,
  TabStopType,
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
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { isWide } from '../line-break';
import {
  GEOMETRY,
  LINE_PITCH_PT,
  mmToPt,
  validateDocument,
  type DocBlock,
  type OfficialDocument,
} from '../layout-model';
import { FRAME, annexBlockBase, layoutDocument, type DocumentLayout, type TextItem } from '../layout';
import { layoutWithFonts, type DocumentFonts } from '../render-pdf';

/** Font names written into the DOCX (east-Asian, ASCII and high-ANSI slots). */
export const DOCX_FONTS = {
  body: '仿宋_GB2312',
  title: '方正小标宋简体',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  pageNumber: '宋体',
} as const;

/**
 * The font table: each official face with the name Word/WPS try next when it is not installed (w:altName), and
 * the GB2312 character set, so a machine without 仿宋_GB2312 uses 仿宋, then FangSong.
 */
export const DOCX_FONT_FALLBACKS: readonly {
  name: string;
  alt: string;
  family: 'roman' | 'modern' | 'script';
}[] = [
  { name: '仿宋_GB2312', alt: '仿宋', family: 'modern' },
  { name: '仿宋', alt: 'FangSong', family: 'modern' },
  { name: '方正小标宋简体', alt: '小标宋', family: 'roman' },
  { name: '小标宋', alt: '宋体', family: 'roman' },
  { name: '黑体', alt: 'SimHei', family: 'modern' },
  { name: '楷体_GB2312', alt: '楷体', family: 'script' },
  { name: '楷体', alt: 'KaiTi', family: 'script' },
  { name: '宋体', alt: 'SimSun', family: 'roman' },
];

/** Paragraph style ids and their Chinese names (what Word/WPS show in the style list). */
export const DOCX_STYLES = {
  title: { id: 'GwTitle', name: '公文标题' },
  heading1: { id: 'GwHeading1', name: '一级标题' },
  heading2: { id: 'GwHeading2', name: '二级标题' },
  heading3: { id: 'GwHeading3', name: '三级标题' },
  heading4: { id: 'GwHeading4', name: '四级标题' },
  body: { id: 'GwBody', name: '公文正文' },
  table: { id: 'GwTable', name: '表格文字' },
  footerNote: { id: 'GwFooterNote', name: '版记' },
  head: { id: 'GwHead', name: '版头' },
} as const;

const TWIPS_PER_MM = 1440 / 25.4;
const twips = (mm: number): number => Math.round(mm * TWIPS_PER_MM);
const ptTwips = (pt: number): number => Math.round(pt * 20);

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
    header: twips(10),
  };
})();

const G = DOCX_GEOMETRY;
/** Body characters condensed by 0.25 pt (in 1/20 pt): 28 x 15.75 pt fits the 156 mm line. */
export const DOCX_CONDENSE = -5;
const CONDENSE = DOCX_CONDENSE;
const half = (pt: number): number => Math.round(pt * 2);
// hint eastAsia: quotes, dashes and other ambiguous-width characters take the Chinese face (full width, as in
// the PDF), not the Latin one.
const font = (name: string): IRunOptions['font'] => ({
  eastAsia: name,
  ascii: name,
  hAnsi: name,
  cs: name,
  hint: 'eastAsia',
});
const ZH = { value: 'en-US', eastAsia: 'zh-CN' } as const;
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

function runs(text: string, opts: Omit<IRunOptions, 'text' | 'break'> = {}): TextRun[] {
  // '\n' inside a text is a line break within the paragraph.
  const withHint = { ...opts, font: opts.font ?? { hint: 'eastAsia' } };
  return text
    .split('\n')
    .map((part, i) => new TextRun({ ...withHint, text: part, break: i > 0 ? 1 : undefined }));
}

function blank(before = 0, keepNext = false): Paragraph {
  return new Paragraph({
    style: DOCX_STYLES.body.id,
    ...(keepNext ? { keepNext: true } : {}),
    spacing: { ...bodySpacing, before },
    children: [],
  });
}

/** A paragraph's own text as one run: the word processor breaks its lines (no line breaks, no condensing). */
function textRuns(text: string): TextRun[] {
  return [new TextRun({ font: { hint: 'eastAsia' }, text })];
}

// ---- reading the layout -------------------------------------------------------------------------------

/** Where the title starts on page 1: the number of grid lines above it. */
function titleLineOf(layout: DocumentLayout): number {
  const title = layout.pages[0]?.items.find((i): i is TextItem => i.kind === 'text' && i.role === 'title');
  return title
    ? Math.max(0, Math.round((title.baseline - 0.88 * title.size - FRAME.blockTop) / LINE_PITCH_PT - 0.1))
    : 0;
}

/** One line of a source part as the layout set it: its text, font size and left edge (pt from the block). */
interface LaidLine {
  text: string;
  size: number;
  indentPt: number;
}

/** Every source part's lines, indexed once per layout ('block:3' -> its lines in order). */
const linesByPart = new WeakMap<DocumentLayout, Map<string, LaidLine[]>>();

/** The lines of one source part, in order. */
function laidLines(layout: DocumentLayout, part: string, index: number): LaidLine[] {
  let byPart = linesByPart.get(layout);
  if (!byPart) {
    const numbered = new Map<string, (LaidLine & { line: number })[]>();
    for (const page of layout.pages) {
      for (const item of page.items) {
        if (item.kind !== 'text' || !item.source) continue;
        const key = `${item.source.part}:${item.source.index}`;
        const list = numbered.get(key) ?? [];
        const indentPt = Math.max(0, item.x - FRAME.blockLeft);
        list.push({ line: item.source.line, text: item.text, size: item.size, indentPt });
        numbered.set(key, list);
      }
    }
    byPart = new Map(
      [...numbered].map(([key, list]) => [
        key,
        list.sort((a, b) => a.line - b.line).map(({ text, size, indentPt }) => ({ text, size, indentPt })),
      ]),
    );
    linesByPart.set(layout, byPart);
  }
  return byPart.get(`${part}:${index}`) ?? [];
}

/** The texts of one source part's lines, in order. */
const linesOf = (layout: DocumentLayout, part: string, index: number): string[] =>
  laidLines(layout, part, index).map((l) => l.text);

// ---- the head (版头), placed absolutely --------------------------------------------------------------

/** A paragraph in a frame at an absolute page position (twips from the page's top-left corner). */
function framed(
  x: number,
  y: number,
  width: number,
  height: number,
  options: Omit<IParagraphOptions, 'frame'>,
): Paragraph {
  return new Paragraph({
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

// ---- body -----------------------------------------------------------------------------------------------

/**
 * A table as the layout set it: one DOCX table per page the PDF's table runs over, each after a page break and
 * starting with the header row, so every page ends on the row the PDF's page ends on (a word processor would
 * otherwise fit a row more or less at the page foot).
 */
function table(b: Extract<DocBlock, { type: 'table' }>, rowLines: number[] | undefined): Table {
  const size = b.fontSize ?? GEOMETRY.tableSizePt;
  const total = b.columns.reduce((s, c) => s + c.width, 0);
  const widths = b.columns.map((c) => Math.floor((G.textWidth * c.width) / total));
  const lineH = size * 1.45;
  const padY = 1;
  // Row heights are the PDF's as a minimum (lines x 1.45 em + 1 mm above and below, layout.ts table()), taken
  // as differences of the rounded running total: an edited cell grows its row, the word processor breaks pages.
  const spacing = exact(Math.floor(lineH * 20));
  const exactHeight = (row: number): number => ((rowLines?.[row] ?? 1) * lineH + 2 * mmToPt(padY)) * 20;
  const rowHeights: number[] = [];
  let running = 0;
  for (let row = 0; row <= b.rows.length; row += 1) {
    const next = running + exactHeight(row);
    rowHeights.push(Math.floor(next) - Math.floor(running));
    running = next;
  }
  // LibreOffice adds the table's top and bottom rules to its height: the header row gives them back.
  rowHeights[0] = (rowHeights[0] as number) - 2 * BORDER_TWIPS;
  const rowHeight = (row: number): number => rowHeights[row] ?? Math.floor(exactHeight(row));
  // One paragraph per cell, the cell's own text: the word processor wraps it in the cell.
  const cell = (text: string, col: number, isHeader: boolean): TableCell =>
    new TableCell({
      width: { size: widths[col] as number, type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      margins: { left: twips(1.5), right: twips(1.5), top: 0, bottom: 0 },
      children: [
        new Paragraph({
          style: DOCX_STYLES.table.id,
          alignment: isHeader ? AlignmentType.CENTER : alignOf[b.columns[col]?.align ?? 'left'],
          spacing,
          children: [
            new TextRun({
              text,
              font: font(isHeader ? DOCX_FONTS.heading1 : DOCX_FONTS.body),
              size: half(size),
            }),
          ],
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
      // tableHeader: repeated at the top of every page the table runs onto; no row is split across pages.
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        height: { value: rowHeight(0), rule: HeightRule.ATLEAST },
        children: b.columns.map((c, i) => cell(c.title, i, true)),
      }),
      ...b.rows.map(
        (r, ri) =>
          new TableRow({
            cantSplit: true,
            height: { value: rowHeight(ri + 1), rule: HeightRule.ATLEAST },
            children: r.map((t, i) => cell(t, i, false)),
          }),
      ),
    ],
  });
}

/** Table rules: 0.75 pt (w:sz 6 eighths), 15 twips. */
const BORDER_TWIPS = 15;

// ---- heading numbering (一、 （一） 1． （1）) ------------------------------------------------------------

const GW_NUMBERING = 'gw-headings';
/** Headings start two characters in, like the body, whether the list numbers them or not. */
const HEADING_INDENT = { left: 0, firstLine: Math.round(2 * G.charTwips), firstLineChars: 200 };
/** The four 公文 heading levels as a DOCX list: 一、 （一） 1． （1）, no tab after the number. */
const NUMBERING_LEVELS = [
  { format: LevelFormat.CHINESE_COUNTING, text: '%1、', label: /^([一二三四五六七八九十]+)、/u },
  { format: LevelFormat.CHINESE_COUNTING, text: '（%2）', label: /^（([一二三四五六七八九十]+)）/u },
  { format: LevelFormat.DECIMAL, text: '%3．', label: /^(\d+)．/u },
  { format: LevelFormat.DECIMAL, text: '（%4）', label: /^（(\d+)）/u },
] as const;

/** n in chineseCounting, as Word and LibreOffice write it (一 … 十, 十一, 二十, 二十一). */
export function chineseCounting(n: number): string {
  const d = '零一二三四五六七八九';
  if (n <= 0 || n >= 100) return String(n);
  if (n < 10) return d[n] as string;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : d[tens]}十${ones === 0 ? '' : d[ones]}`;
}

/**
 * The heading numbers of one part of the document (the body, or one 附件), as a word processor counts them:
 * a heading whose written number is the next one at its level is numbered by the list (its number taken out
 * of the text); any other keeps its number as text, so the DOCX shows what the PDF shows.
 */
class HeadingNumbers {
  private readonly counts = [0, 0, 0, 0];
  constructor(readonly instance: number) {}

  /** The label to take out of the heading's text when the list numbers it, or null. */
  take(level: 1 | 2 | 3 | 4, text: string): string | null {
    const spec = NUMBERING_LEVELS[level - 1] as (typeof NUMBERING_LEVELS)[number];
    const m = spec.label.exec(text);
    if (!m) return null;
    const next = (this.counts[level - 1] as number) + 1;
    const written = spec.format === LevelFormat.DECIMAL ? String(next) : chineseCounting(next);
    if (m[1] !== written) return null;
    this.counts[level - 1] = next;
    for (let l = level; l < 4; l += 1) this.counts[l] = 0;
    return m[0];
  }
}

const HEADING_STYLE = {
  1: DOCX_STYLES.heading1.id,
  2: DOCX_STYLES.heading2.id,
  3: DOCX_STYLES.heading3.id,
  4: DOCX_STYLES.heading4.id,
} as const;

/** Space (twips) between the end of a block and the next grid line: the PDF starts every block on the grid. */
function gapToGrid(end: { page: number; bottom: number } | undefined): number {
  if (!end) return 0;
  const k = Math.ceil((end.bottom - FRAME.blockTop) / LINE_PITCH_PT - 1e-6);
  const gap = FRAME.blockTop + k * LINE_PITCH_PT - end.bottom;
  return gap > 0.5 ? ptTwips(gap) : 0;
}

/** Blocks `list`, whose first block has layout index `base` (doc.blocks: 0; an annex: annexBlockBase). */
function blocks(
  list: readonly DocBlock[],
  base: number,
  layout: DocumentLayout,
  numbers: HeadingNumbers,
  keepLastWithNext = false,
): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  // Word processors paginate the DOCX themselves; the only page breaks written are the document's own.
  const pageBreakBefore = false;
  list.forEach((b, j) => {
    const index = base + j;
    const prev = list[j - 1];
    // After a table or an image the PDF moves down to the next grid line; so does the DOCX.
    const before =
      prev && (prev.type === 'table' || prev.type === 'image') && !pageBreakBefore
        ? gapToGrid(layout.blockEnds[index - 1])
        : 0;
    switch (b.type) {
      case 'heading': {
        const label = numbers.take(b.level, b.text);
        const text = b.text.trim();
        out.push(
          new Paragraph({
            style: HEADING_STYLE[b.level],
            spacing: { ...bodySpacing, before },
            // A numbered heading states its indent: LibreOffice would take the list level's (none).
            indent: label ? HEADING_INDENT : undefined,
            ...(label
              ? { numbering: { reference: GW_NUMBERING, level: b.level - 1, instance: numbers.instance } }
              : {}),
            children: textRuns(label && text.startsWith(label) ? text.slice(label.length) : text),
          }),
        );
        break;
      }
      case 'paragraph': {
        const align = b.align ?? 'justify';
        const indent = b.indent ?? (align === 'center' || align === 'right' ? 0 : 2);
        out.push(
          new Paragraph({
            style: DOCX_STYLES.body.id,
            alignment: alignOf[align],
            // The last paragraph before the 署名 keeps with it: the seal block never stands alone.
            ...(keepLastWithNext && j === list.length - 1 ? { keepNext: true } : {}),
            spacing: { ...bodySpacing, before },
            indent: { firstLine: Math.round(indent * G.charTwips), firstLineChars: indent * 100 },
            children: textRuns(b.text),
          }),
        );
        break;
      }
      case 'table':
        if (pageBreakBefore || before > 0)
          out.push(
            new Paragraph({
              style: DOCX_STYLES.table.id,
              pageBreakBefore,
              spacing: exact(Math.max(20, before)),
              children: [],
            }),
          );
        out.push(table(b, layout.tableRowLines[index]));
        break;
      case 'image': {
        // Images at 96 dpi; exact line spacing would clip them, so this paragraph's lines are at least the image's
        // height (the grid then gives it the PDF's whole grid lines, not one more for the line's descent).
        const px = (mm: number): number => Math.round((mm / 25.4) * 96);
        const scale = Math.min(
          1,
          GEOMETRY.blockWidthMm / b.widthMm,
          (GEOMETRY.blockHeightMm - 10) / b.heightMm,
        );
        out.push(
          new Paragraph({
            alignment: AlignmentType.CENTER,
            pageBreakBefore,
            spacing: {
              line: Math.ceil(ptTwips(mmToPt(b.heightMm * scale))),
              lineRule: LineRuleType.AT_LEAST,
              before,
              after: 0,
            },
            children: [
              new ImageRun({
                type: 'png',
                data: b.png,
                transformation: { width: px(b.widthMm * scale), height: px(b.heightMm * scale) },
              }),
            ],
          }),
        );
        if (b.caption)
          out.push(
            new Paragraph({
              style: DOCX_STYLES.body.id,
              alignment: AlignmentType.CENTER,
              indent: { firstLine: 0 },
              children: runs(b.caption),
            }),
          );
        break;
      }
      case 'pageBreak':
        out.push(new Paragraph({ style: DOCX_STYLES.body.id, children: [new PageBreak()] }));
        break;
    }
  });
  return out;
}

function attachments(doc: OfficialDocument, layout: DocumentLayout): Paragraph[] {
  const list = (doc.attachments ?? []).map((a) => a.trim()).filter((a) => a !== '');
  if (list.length === 0) return [];
  // The 附件说明 goes with the 署名 below it (keep with next), so the seal block never stands alone.
  const out: Paragraph[] = [blank(0, true)];
  list.forEach((name, i) => {
    const num = list.length > 1 ? `${i + 1}．` : '';
    // Wrapped lines align with the first character of the name; the first line starts 2 cells in (附件：) or
    // under the first number.
    const nameAt = 2 + 3 + cells(num);
    const startAt = i === 0 ? 2 : 5;
    out.push(
      new Paragraph({
        style: DOCX_STYLES.body.id,
        keepNext: true,
        keepLines: true,
        indent: {
          left: Math.round(nameAt * G.charTwips),
          hanging: Math.round((nameAt - startAt) * G.charTwips),
        },
        children: textRuns(
          laidLines(layout, 'attachment', i)
            .map((l) => l.text)
            .join(''),
        ),
      }),
    );
  });
  return out;
}

function signature(doc: OfficialDocument): Paragraph[] {
  const sig = doc.signature;
  if (!sig) return [];
  // The blank lines and the 署名 keep with the 成文日期, and the paragraph above keeps with them.
  const out: Paragraph[] = [blank(0, true)];
  if (sig.sealPlace) out.push(blank(0, true));
  const date = sig.date.trim();
  const issuer = sig.issuer.trim();
  // 成文日期右空四字; 署名 centred on the date.
  const dateRight = 4;
  const issuerRight = Math.max(0, dateRight + (cells(date) - cells(issuer)) / 2);
  const line = (text: string, right: number, keepNext: boolean): Paragraph =>
    new Paragraph({
      style: DOCX_STYLES.body.id,
      alignment: AlignmentType.RIGHT,
      keepNext,
      keepLines: true,
      indent: { firstLine: 0, right: Math.round(right * G.charTwips) },
      children: runs(text),
    });
  if (issuer !== '') out.push(line(issuer, issuerRight, true));
  // The 附注 stays on the page of the 成文日期.
  if (date !== '') out.push(line(date, dateRight, (doc.note ?? '').trim() !== ''));
  return out;
}

/** 附注 under the 成文日期: '（…）' indented two characters, one paragraph. */
function note(layout: DocumentLayout): Paragraph[] {
  const lines = laidLines(layout, 'note', 0);
  if (lines.length === 0) return [];
  return [
    new Paragraph({
      style: DOCX_STYLES.body.id,
      keepLines: true,
      indent: { firstLine: Math.round(2 * G.charTwips), firstLineChars: 200 },
      children: textRuns(lines.map((l) => l.text).join('')),
    }),
  ];
}

/** 附件: a new page each, '附件N' in 黑体 on line 1, the title (the layout's breaks) on line 3, then its blocks. */
function annexes(doc: OfficialDocument, layout: DocumentLayout): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  (doc.annexes ?? []).forEach((a, ai) => {
    const label = linesOf(layout, 'annex', ai)[0] ?? '附件';
    const titleLines = linesOf(layout, 'annexTitle', ai);
    out.push(
      new Paragraph({
        style: DOCX_STYLES.body.id,
        pageBreakBefore: true,
        alignment: AlignmentType.LEFT,
        indent: { firstLine: 0, firstLineChars: 0 },
        children: runs(label, { font: font(DOCX_FONTS.heading1) }),
      }),
      blank(),
      new Paragraph({
        style: DOCX_STYLES.title.id,
        children: titleLines.map(
          (text, i) => new TextRun({ text, font: { hint: 'eastAsia' }, break: i > 0 ? 1 : undefined }),
        ),
      }),
      blank(),
      ...blocks(a.blocks, annexBlockBase(doc, ai), layout, new HeadingNumbers(ai + 1)),
    );
  });
  return out;
}

/**
 * 版记 of 通用格式 from the layout: the 抄送 lines, then 印发机关 left and 印发日期 right (a right tab stop one
 * character in from the right edge); the paragraphs' borders are the layout's rules (0.35 mm first and last,
 * 0.25 mm between).
 */
/**
 * The 版记's place, by a construction that survives edits: each of its lines is a frame at its grid line of the
 * text block (positioned from the page's top edge, GB/T 9704 7.5: the last rule on the foot of the 版心), anchored in
 * the paragraphs that end the document. The frames follow the last page wherever edits move it, and body text
 * flows above them (not beside); no computed space holds them down. (One frame per line: LibreOffice does not
 * bottom-align a frame of several paragraphs, nor a floating table.)
 */
/**
 * The 版记's framed lines, each after a 1 pt paragraph of its own: LibreOffice drops the frame of a framed
 * paragraph that is followed directly by another one with a different position.
 */
function separated(lines: Paragraph[]): Paragraph[] {
  return lines.flatMap((p) => [
    new Paragraph({ style: DOCX_STYLES.footerNote.id, spacing: exact(20), children: [] }),
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
      return new Paragraph({
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
    notes.map(
      (n, i) =>
        new Paragraph({
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
    new Paragraph({
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
  return new Footer({ children: [new Paragraph({ children: [] }), ...marginNoteParagraphs(doc)] });
}

function pageNumberFooter(side: 'left' | 'right', doc: OfficialDocument): Footer {
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
            snapToGrid: false,
            children: ['— ', PageNumber.CURRENT, ' —'],
          }),
        ],
      }),
      ...marginNoteParagraphs(doc),
    ],
  });
}

// ---- package post-processing ------------------------------------------------------------------------

const xmlEscape = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function fontTableXml(): string {
  const fonts = DOCX_FONT_FALLBACKS.map(
    (f) =>
      `<w:font w:name="${xmlEscape(f.name)}"><w:altName w:val="${xmlEscape(f.alt)}"/>` +
      `<w:charset w:val="86"/><w:family w:val="${f.family}"/><w:pitch w:val="fixed"/></w:font>`,
  ).join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    fonts +
    '</w:fonts>'
  );
}

/** Built-in English styles the docx library always writes; an office template has none of them. */
const UNUSED_STYLES = /^(Title|Heading[1-6]|Strong|ListParagraph|Caption|Bibliography|TOC[1-9])$/;
/** Styles whose text is set off the 28-cell character grid (paragraph-level snapToGrid off). */
const OFF_GRID_STYLES = new Set<string>([
  DOCX_STYLES.title.id,
  DOCX_STYLES.table.id,
  DOCX_STYLES.footerNote.id,
  DOCX_STYLES.head.id,
]);

function patchStyles(xml: string): string {
  let out = xml.replace(/<w:style\b[^>]*w:styleId="([^"]+)"[^>]*>[\s\S]*?<\/w:style>/g, (all, id: string) =>
    UNUSED_STYLES.test(id) ? '' : all,
  );
  // Paragraph-level grid and CJK–Latin auto-spacing: off where the text is not on the grid; auto-spacing off
  // everywhere (it would widen every line holding digits and break the 28-character line).
  out = out.replace(
    /(<w:style\b[^>]*w:styleId="([^"]+)"[^>]*>(?:(?!<\/w:style>)[\s\S])*?)(<w:pPr>|<w:pPr\/>)/g,
    (all, head: string, id: string, ppr: string) => {
      if (ppr === '<w:pPr/>') return all;
      const extra =
        (id === 'Normal'
          ? '<w:widowControl w:val="0"/><w:overflowPunct w:val="0"/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'
          : '') +
        // Word processors paginate the body: no line of a paragraph alone at a page's top or foot.
        (id === DOCX_STYLES.body.id ? '<w:widowControl w:val="1"/>' : '') +
        (OFF_GRID_STYLES.has(id) ? '<w:snapToGrid w:val="0"/>' : '');
      return extra === '' ? all : `${head}${ppr}${extra}`;
    },
  );
  return out;
}

/**
 * Moves w:autoSpaceDE/DN and w:snapToGrid into schema order inside each style's pPr: they must come after
 * keepNext…widowControl…pBdr… and before spacing. Word rejects out-of-order children; placing them right after
 * the opening tag is valid only before w:pStyle-free elements, so they are moved in front of w:spacing/w:ind/w:jc.
 */
function orderPPr(xml: string): string {
  return xml.replace(/<w:pPr>([\s\S]*?)<\/w:pPr>/g, (all, inner: string) => {
    const moved: string[] = [];
    let rest = inner.replace(
      /<w:(widowControl|overflowPunct|autoSpaceDE|autoSpaceDN|snapToGrid) w:val="[01]"\/>/g,
      (m) => {
        moved.push(m);
        return '';
      },
    );
    if (moved.length === 0) return all;
    const order = ['widowControl', 'overflowPunct', 'autoSpaceDE', 'autoSpaceDN', 'snapToGrid'];
    moved.sort((a, b) => order.findIndex((o) => a.includes(o)) - order.findIndex((o) => b.includes(o)));
    // Elements that come after snapToGrid in CT_PPrBase.
    const later =
      /<w:(spacing|ind|contextualSpacing|mirrorIndents|suppressOverlap|jc|textDirection|textAlignment|textboxTightWrap|outlineLvl|divId|cnfStyle|rPr|sectPr|pPrChange)\b/.exec(
        rest,
      );
    const at = later ? later.index : rest.length;
    rest = rest.slice(0, at) + moved.join('') + rest.slice(at);
    return `<w:pPr>${rest}</w:pPr>`;
  });
}

const PARAGRAPH_FLAGS = '<w:overflowPunct w:val="0"/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>';

/** The office's fixes to one package part (font table, styles, paragraph flags); null: leave it as written. */
function patchPart(name: string, xml: () => string): string | null {
  if (name === 'word/fontTable.xml') return fontTableXml();
  if (name === 'word/styles.xml') return orderPPr(patchStyles(xml()));
  // LibreOffice reads auto-spacing and hanging punctuation from the paragraph, not from its style: every
  // paragraph states them (as WPS does when it saves).
  if (/^word\/(document|header\d+|footer\d+)\.xml$/.test(name)) {
    return orderPPr(
      xml()
        .replace(/<w:p>(?!<w:pPr)/g, '<w:p><w:pPr></w:pPr>')
        .replace(/<w:pPr>/g, `<w:pPr>${PARAGRAPH_FLAGS}`)
        .replace(/<w:pPr\/>/g, `<w:pPr>${PARAGRAPH_FLAGS}</w:pPr>`),
    );
  }
  return null;
}

type PackageParts = Map<string, string | Uint8Array | ArrayBuffer>;
interface DocxCompiler {
  compile(file: Document, prettify?: undefined, overrides?: readonly unknown[]): PackageParts;
}

/**
 * Writes the package once: the parts as the docx library produces them (its Packer's own compiler), patched,
 * then zipped a single time. (Packing first and patching after would inflate and deflate every part twice.)
 * Falls back to that slower route if a docx release hides its compiler.
 */
async function writePackage(document: Document): Promise<Uint8Array> {
  const compiler = (Packer as unknown as { compiler?: DocxCompiler }).compiler;
  const parts = typeof compiler?.compile === 'function' ? compiler.compile(document, undefined, []) : null;
  // [Content_Types].xml first, as Word writes it (some readers sniff the first entry).
  const files: Record<string, Uint8Array> = { '[Content_Types].xml': new Uint8Array(0) };
  if (parts instanceof Map) {
    for (const [name, data] of parts) {
      const text = (): string =>
        typeof data === 'string' ? data : strFromU8(data instanceof Uint8Array ? data : new Uint8Array(data));
      const patched = patchPart(name, text);
      files[name] =
        patched !== null
          ? strToU8(patched)
          : typeof data === 'string'
            ? strToU8(data)
            : data instanceof Uint8Array
              ? data
              : new Uint8Array(data);
    }
    if (!files['word/fontTable.xml']) files['word/fontTable.xml'] = strToU8(fontTableXml());
  } else {
    const unpacked = unzipSync(new Uint8Array(await Packer.toArrayBuffer(document)));
    for (const [name, data] of Object.entries(unpacked)) {
      const patched = patchPart(name, () => strFromU8(data));
      files[name] = patched !== null ? strToU8(patched) : data;
    }
  }
  return zipSync(files, { level: 6 });
}

/**
 * Renders an official document to DOCX bytes; works in Node, browsers and Workers. With the PDF's fonts the
 * layout is measured exactly as the PDF's (pass the same fonts to both for the same pages); without them,
 * CJK characters count one cell and others half a cell.
 */
export async function renderDocx(doc: OfficialDocument, fonts?: DocumentFonts): Promise<Uint8Array> {
  const errors = validateDocument(doc);
  if (errors.length > 0) throw new Error(`公文无法生成：${errors.join('')}`);
  const layout = fonts ? layoutWithFonts(doc, fonts) : layoutDocument(doc);
  const titleLine = titleLineOf(layout);
  const letter = doc.style === 'letter';
  const titleSize = GEOMETRY.titleSizePt;
  const titleRuns: TextRun[] = layout.titleLines.map(
    (text, i) => new TextRun({ text, font: { hint: 'eastAsia' }, break: i > 0 ? 1 : undefined }),
  );
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      style: DOCX_STYLES.title.id,
      // The head above the title is drawn absolutely (first-page header); the title starts on the PDF's line.
      spacing: { ...bodySpacing, before: titleLine * G.linePitch },
      children: titleRuns,
    }),
    blank(),
  ];
  if (doc.addressee && doc.addressee.trim() !== '')
    children.push(
      new Paragraph({
        style: DOCX_STYLES.body.id,
        indent: { firstLine: 0 },
        children: textRuns(doc.addressee.trim()),
      }),
    );
  // The 附件说明 and the 署名 keep with the last body paragraph: the seal block never stands alone.
  const sealFollows = !!doc.signature;
  children.push(
    ...blocks(doc.blocks, 0, layout, new HeadingNumbers(0), sealFollows),
    ...attachments(doc, layout),
    ...signature(doc),
    ...note(layout),
    ...annexes(doc, layout),
  );
  const imprintParagraphs = doc.imprint ? imprint(layout) : footerNote(layout);
  // 通用格式 is printed double-sided: where the PDF gives the 版记 an even page of its own, the DOCX starts it in
  // a section of type evenPage, so Word, WPS and LibreOffice put it on the next even page and insert the blank
  // page themselves. (Where the 版记 shares the text's last page it stays in the one section.)
  const evenImprint = layout.imprintPage !== null && imprintParagraphs.length > 0;
  if (!evenImprint) children.push(...imprintParagraphs);

  const bodyRun = {
    font: font(DOCX_FONTS.body),
    size: half(GEOMETRY.bodySizePt),
    characterSpacing: CONDENSE,
    language: ZH,
  };
  const heading = (
    s: { id: string; name: string },
    level: number,
    face: string,
  ): {
    id: string;
    name: string;
    basedOn: string;
    next: string;
    quickFormat: boolean;
    run: IRunOptions;
    paragraph: IParagraphOptions & { outlineLevel: number };
  } => ({
    id: s.id,
    name: s.name,
    basedOn: DOCX_STYLES.body.id,
    next: DOCX_STYLES.body.id,
    quickFormat: true,
    run: { font: font(face) },
    paragraph: { keepNext: true, keepLines: true, outlineLevel: level },
  });
  const document = new Document({
    creator: '评查台',
    lastModifiedBy: '评查台',
    title: doc.title,
    subject: doc.docNumber ?? '',
    description: doc.docNumber ? `发文字号：${doc.docNumber}` : '',
    evenAndOddHeaderAndFooters: true,
    numbering: {
      config: [
        {
          reference: GW_NUMBERING,
          levels: NUMBERING_LEVELS.map((l, level) => ({
            level,
            format: l.format,
            text: l.text,
            alignment: AlignmentType.LEFT,
            suffix: LevelSuffix.NOTHING,
            style: { paragraph: { indent: { left: 0, firstLine: HEADING_INDENT.firstLine } } },
          })),
        },
      ],
    },
    styles: {
      default: {
        document: {
          run: bodyRun,
          paragraph: { spacing: bodySpacing },
        },
      },
      // The grid's character pitch is computed from Normal's size (LibreOffice reads it from the style,
      // not from docDefaults), so Normal states 16 pt explicitly.
      paragraphStyles: [
        {
          id: 'Normal',
          name: 'Normal',
          run: bodyRun,
          paragraph: { spacing: bodySpacing },
        },
        {
          id: DOCX_STYLES.body.id,
          name: DOCX_STYLES.body.name,
          basedOn: 'Normal',
          next: DOCX_STYLES.body.id,
          quickFormat: true,
          paragraph: {
            alignment: AlignmentType.BOTH,
            indent: { firstLine: Math.round(2 * G.charTwips), firstLineChars: 200 },
            spacing: bodySpacing,
          },
        },
        {
          id: DOCX_STYLES.title.id,
          name: DOCX_STYLES.title.name,
          basedOn: 'Normal',
          next: DOCX_STYLES.body.id,
          quickFormat: true,
          run: { font: font(DOCX_FONTS.title), size: half(titleSize), characterSpacing: 0 },
          paragraph: { alignment: AlignmentType.CENTER, spacing: bodySpacing, keepNext: true },
        },
        heading(DOCX_STYLES.heading1, 0, DOCX_FONTS.heading1),
        heading(DOCX_STYLES.heading2, 1, DOCX_FONTS.heading2),
        heading(DOCX_STYLES.heading3, 2, DOCX_FONTS.body),
        heading(DOCX_STYLES.heading4, 3, DOCX_FONTS.body),
        {
          id: DOCX_STYLES.table.id,
          name: DOCX_STYLES.table.name,
          basedOn: 'Normal',
          run: { size: half(GEOMETRY.tableSizePt), characterSpacing: 0 },
          paragraph: { spacing: exact(ptTwips(GEOMETRY.tableSizePt * 1.45)) },
        },
        {
          id: DOCX_STYLES.footerNote.id,
          name: DOCX_STYLES.footerNote.name,
          basedOn: 'Normal',
          run: { size: half(GEOMETRY.footerNoteSizePt), characterSpacing: 0 },
          paragraph: { spacing: bodySpacing },
        },
        {
          id: DOCX_STYLES.head.id,
          name: DOCX_STYLES.head.name,
          basedOn: 'Normal',
          run: { characterSpacing: 0 },
          paragraph: { spacing: bodySpacing },
        },
      ],
    },
    sections: [
      {
        properties: {
          page: pageProperties,
          grid: documentGrid,
          // Page 1 has its own header (the head, placed absolutely) and, in letter style, no page number.
          titlePage: true,
        },
        headers: {
          first: new Header({
            children: [
              ...headParagraphs(layout),
              ...watermarkParagraphs(layout),
              new Paragraph({ children: [] }),
            ],
          }),
          default: new Header({
            children: [...watermarkParagraphs(layout), new Paragraph({ children: [] })],
          }),
          even: new Header({ children: [...watermarkParagraphs(layout), new Paragraph({ children: [] })] }),
        },
        footers: {
          default: pageNumberFooter('right', doc),
          even: pageNumberFooter('left', doc),
          first: letter
            ? new Footer({ children: [new Paragraph({ children: [] }), ...marginNoteParagraphs(doc)] })
            : pageNumberFooter('right', doc),
        },
        children,
      },
      ...(evenImprint
        ? [
            {
              properties: { type: SectionType.EVEN_PAGE, page: pageProperties, grid: documentGrid },
              headers: {
                default: new Header({
                  children: [...watermarkParagraphs(layout), new Paragraph({ children: [] })],
                }),
                even: new Header({
                  children: [...watermarkParagraphs(layout), new Paragraph({ children: [] })],
                }),
              },
              // GB/T 9704 7.5: after a blank page, neither it nor the 版记 page carries a page number. (Both
              // footers are the section's own: an even one inherited from the text would number the page.)
              footers:
                layout.imprintPage === 'afterBlank'
                  ? { default: unnumberedFooter(doc), even: unnumberedFooter(doc) }
                  : { default: pageNumberFooter('right', doc), even: pageNumberFooter('left', doc) },
              children: imprintParagraphs,
            },
          ]
        : []),
    ],
  });
  return writePackage(document);
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
