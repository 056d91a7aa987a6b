// DOCX block writers: the body as the word processor should flow it. One paragraph per paragraph (headings with
// their list numbers, body text, table cells), tables one row per row with the header row repeated and no row split,
// images, the 附件说明, the 署名 and 成文日期 (kept with the last body paragraph so the seal block never stands
// alone), the 附注 and the 附件 pages. Text comes from the document; the layout gives only what the word processor
// cannot know (a table's row heights, the title's and the 附件 titles' balanced breaks, the gap after a table).

import {
  AlignmentType,
  BorderStyle,
  ImageRun,
  LevelFormat,
  LineRuleType,
  PageBreak,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  HeightRule,
} from 'docx';
import { GEOMETRY, LINE_PITCH_PT, mmToPt, type DocBlock, type OfficialDocument } from '../layout-model';
import { FRAME, annexBlockBase, type DocumentLayout, type TextItem } from '../layout';
import {
  DOCX_FONTS,
  DOCX_GEOMETRY,
  DOCX_STYLES,
  GW_NUMBERING,
  HEADING_INDENT,
  gwParagraph,
  NUMBERING_LEVELS,
  alignOf,
  blank,
  bodySpacing,
  cells,
  chineseCounting,
  exact,
  font,
  half,
  ptTwips,
  runs,
  textRuns,
  twips,
} from './styles';

const G = DOCX_GEOMETRY;

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
        gwParagraph({
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
          gwParagraph({
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
          gwParagraph({
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
            gwParagraph({
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
          gwParagraph({
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
            gwParagraph({
              style: DOCX_STYLES.body.id,
              alignment: AlignmentType.CENTER,
              indent: { firstLine: 0 },
              children: runs(b.caption),
            }),
          );
        break;
      }
      case 'pageBreak':
        out.push(gwParagraph({ style: DOCX_STYLES.body.id, children: [new PageBreak()] }));
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
      gwParagraph({
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
    gwParagraph({
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
    gwParagraph({
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
      gwParagraph({
        style: DOCX_STYLES.body.id,
        pageBreakBefore: true,
        alignment: AlignmentType.LEFT,
        indent: { firstLine: 0, firstLineChars: 0 },
        children: runs(label, { font: font(DOCX_FONTS.heading1) }),
      }),
      blank(),
      gwParagraph({
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
 * The document's text flow: the title (its balanced breaks, on the PDF's line under the head), the 主送, the body
 * blocks, the 附件说明, the 署名 and 成文日期, the 附注 and the 附件 pages.
 */
export function documentBody(doc: OfficialDocument, layout: DocumentLayout): (Paragraph | Table)[] {
  const titleRuns: TextRun[] = layout.titleLines.map(
    (text, i) => new TextRun({ text, font: { hint: 'eastAsia' }, break: i > 0 ? 1 : undefined }),
  );
  const out: (Paragraph | Table)[] = [
    gwParagraph({
      style: DOCX_STYLES.title.id,
      // The head above the title is drawn absolutely (first-page header); the title starts on the PDF's line.
      spacing: { ...bodySpacing, before: titleLineOf(layout) * G.linePitch },
      children: titleRuns,
    }),
    blank(),
  ];
  if (doc.addressee && doc.addressee.trim() !== '')
    out.push(
      gwParagraph({
        style: DOCX_STYLES.body.id,
        indent: { firstLine: 0 },
        children: textRuns(doc.addressee.trim()),
      }),
    );
  // The 附件说明 and the 署名 keep with the last body paragraph: the seal block never stands alone.
  const sealFollows = !!doc.signature;
  out.push(
    ...blocks(doc.blocks, 0, layout, new HeadingNumbers(0), sealFollows),
    ...attachments(doc, layout),
    ...signature(doc),
    ...note(layout),
    ...annexes(doc, layout),
  );
  return out;
}
