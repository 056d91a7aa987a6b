// Page layout of an OfficialDocument on the GB/T 9704 grid: positions every line, rule, table cell and
// image in points (origin top-left of the page, y downwards). render-pdf.ts only draws what this returns,
// so page count and positions can be tested without a PDF.

import { breakLines, gridMeasure, isWide, type BrokenLine } from './line-break';
import { breakTitle } from './title-break';
import {
  CHAR_PITCH_PT,
  GEOMETRY,
  LINE_PITCH_PT,
  imprintLines,
  mmToPt,
  validateDocument,
  type DocBlock,
  type ImageBlock,
  type OfficialDocument,
  type TableBlock,
} from './layout-model';

/** Advance width of one character as a fraction of the font size (1 = a full CJK cell). */
export interface FontMetrics {
  advance(ch: string): number;
}

/**
 * body: 仿宋; bold: 黑体 (level-1 headings, table headers); kai: 楷体 (level-2 headings); title: 小标宋; song: 宋体
 * (the page numbers, GB/T 9704 7.5: 4号半角宋体阿拉伯数字, whatever the body face).
 */
export type FontRole = 'body' | 'bold' | 'title' | 'kai' | 'song';

export interface LayoutFonts {
  body: FontMetrics;
  bold: FontMetrics;
  title: FontMetrics;
  kai: FontMetrics;
  song: FontMetrics;
}

export type TextRole =
  | 'mark'
  | 'docNumber'
  | 'title'
  | 'addressee'
  | 'heading'
  | 'body'
  | 'tableHeader'
  | 'tableCell'
  | 'caption'
  | 'attachment'
  | 'signature'
  | 'date'
  | 'note'
  | 'annexLabel'
  | 'annexTitle'
  | 'footerNote'
  | 'pageNumber'
  | 'marginNote'
  | 'watermark';

export interface TextItem {
  kind: 'text';
  role: TextRole;
  text: string;
  /** Left edge of the first glyph. */
  x: number;
  /** Baseline, from the top of the page. */
  baseline: number;
  size: number;
  font: FontRole;
  color: 'black' | 'red' | 'gray';
  /** Extra space after every glyph (PDF Tc), in pt; puts body text on the 28-cell grid and justifies it. */
  charSpacing: number;
  /** Visible width from the first glyph's left edge to the last glyph's right edge. */
  width: number;
  /** Where the text comes from (lets the DOCX break pages where the PDF does). */
  source?: TextSource;
  /**
   * Latin letters, digits and other narrow characters advance exactly half the size (as in 仿宋_GB2312, whose
   * ASCII is half width), whatever the embedded font's own advance: Word sets the DOCX's digits that way, so the
   * PDF's lines break where the DOCX's do.
   */
  halfWidthLatin?: boolean;
}

/**
 * The part of the document a text line belongs to: `block` indexes doc.blocks (for tables, `line` is the row,
 * -1 for the header row), `attachment` indexes doc.attachments; `line` counts the part's lines from 0. Blocks of
 * doc.annexes continue the block numbering after doc.blocks (see annexBlockBase); `annex` and `annexTitle` index
 * doc.annexes (the '附件N' label and the annex's title).
 */
export interface TextSource {
  part: 'title' | 'addressee' | 'block' | 'attachment' | 'signature' | 'note' | 'annex' | 'annexTitle';
  index: number;
  line: number;
}

export interface RuleItem {
  kind: 'rule';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  thickness: number;
  color: 'black' | 'red';
}

export interface ImageItem {
  kind: 'image';
  /** Index into doc.blocks. */
  block: number;
  x: number;
  top: number;
  width: number;
  height: number;
}

export type LayoutItem = TextItem | RuleItem | ImageItem;

export interface LayoutPage {
  /** 1-based. */
  number: number;
  items: LayoutItem[];
}

export interface DocumentLayout {
  pages: LayoutPage[];
  /** Characters drawn with each font (to subset and to name the subset). */
  charsByFont: Record<FontRole, Set<string>>;
  /** The title's lines, broken between words and balanced (the DOCX uses the same breaks). */
  titleLines: string[];
  /** Where each block ends (doc.blocks, then the annexes' blocks): page and bottom of its last line or row (pt). */
  blockEnds: ({ page: number; bottom: number } | undefined)[];
  /** For table blocks: the number of text lines in each row, header row first (the DOCX sets the same heights). */
  tableRowLines: (number[] | undefined)[];
  /** For table blocks: each cell's lines as the layout broke them, header row first ([row][column][line]). */
  tableCellLines: (string[][][] | undefined)[];
  /** For table blocks: the page each body row starts on (the DOCX starts a new table where the PDF turns a page). */
  tableRowPages: (number[] | undefined)[];
  /**
   * The 版记 went over to an even page of its own (通用格式, double-sided): 'alone' when it follows the text's
   * last (odd) page, 'afterBlank' when a blank page stands between; null when it shares the text's last page.
   */
  imprintPage: 'alone' | 'afterBlank' | null;
}

/** Page frame in pt. */
export const FRAME = {
  width: GEOMETRY.pageWidthPt,
  height: GEOMETRY.pageHeightPt,
  blockLeft: mmToPt(GEOMETRY.marginLeftMm),
  blockTop: mmToPt(GEOMETRY.marginTopMm),
  blockWidth: mmToPt(GEOMETRY.blockWidthMm),
  blockHeight: mmToPt(GEOMETRY.blockHeightMm),
  get blockRight(): number {
    return this.blockLeft + this.blockWidth;
  },
  get blockBottom(): number {
    return this.blockTop + this.blockHeight;
  },
};

const LINES = GEOMETRY.linesPerPage;
const CELLS = GEOMETRY.charsPerLine;
const BODY = GEOMETRY.bodySizePt;
/** Baseline of a glyph whose ideographic em box (ascent 0.88, descent 0.12) starts at `top`. */
const ASCENT = 0.88;
const EPS = 1e-6;

const defaultMetrics: FontMetrics = { advance: gridMeasure };
/**
 * Table rows stop 2 pt short of the block's foot: word processors add the rules' widths to the rows, and a row
 * that fits the PDF page to the last point must fit the DOCX page too.
 */
const TABLE_SLACK = 2;
/** Size of the watermark (草稿). */
export const WATERMARK_SIZE_PT = 120;

/** Glyph spacing that makes a full-width glyph of `size` advance exactly one body cell. */
const gridSpacing = (size: number): number => CHAR_PITCH_PT - size;

export function layoutDocument(doc: OfficialDocument, fonts?: Partial<LayoutFonts>): DocumentLayout {
  const errors = validateDocument(doc);
  if (errors.length > 0) throw new Error(`公文无法排版：${errors.join('')}`);
  const metrics: LayoutFonts = {
    body: fonts?.body ?? defaultMetrics,
    bold: fonts?.bold ?? fonts?.body ?? defaultMetrics,
    title: fonts?.title ?? fonts?.bold ?? fonts?.body ?? defaultMetrics,
    kai: fonts?.kai ?? fonts?.body ?? defaultMetrics,
    song: fonts?.song ?? fonts?.body ?? defaultMetrics,
  };
  const first = new Composer(doc, metrics).run();
  if (!closingWithoutText(first)) return first;
  // The 署名 and 成文日期 never stand on a page without 正文 (GB/T 9704 7.3.5.5), whatever opened that page (the
  // 附件说明 included): lay out again with the last body lines carried over before the closing part.
  const again = new Composer(doc, metrics, { carryBodyToClosing: true }).run();
  return closingWithoutText(again) ? first : again;
}

const TEXT_ROLES = new Set<TextRole>(['body', 'heading', 'addressee']);

/** Whether the page holding the 署名 or 成文日期 (after page 1) holds no 正文 line. */
export function closingWithoutText(layout: DocumentLayout): boolean {
  const page = layout.pages.find((p) =>
    p.items.some((i) => i.kind === 'text' && (i.role === 'signature' || i.role === 'date')),
  );
  if (!page || page.number === 1) return false;
  return !page.items.some((i) => i.kind === 'text' && TEXT_ROLES.has(i.role));
}

class Composer {
  private readonly pages: LayoutPage[] = [];
  private page!: LayoutPage;
  /** Top of the next free space on the page, pt from the page top. */
  private cursor = FRAME.blockTop;
  /** Source of the grid lines being drawn (set by each part before it draws). */
  private source: { part: TextSource['part']; index: number } | null = null;
  /** The title as broken into lines (the DOCX writes the same breaks). */
  titleLines: string[] = [];
  /** Pages without a page number: a blank page before the 版记 and the 版记 page after it. */
  private readonly unnumbered = new Set<number>();
  private imprintPage: DocumentLayout['imprintPage'] = null;
  private readonly blockEnds: ({ page: number; bottom: number } | undefined)[] = [];
  private readonly tableRowLines: (number[] | undefined)[] = [];
  private readonly tableCellLines: (string[][][] | undefined)[] = [];
  private readonly tableRowPages: (number[] | undefined)[] = [];
  private readonly chars: Record<FontRole, Set<string>> = {
    body: new Set(),
    bold: new Set(),
    title: new Set(),
    kai: new Set(),
    song: new Set(),
  };

  constructor(
    private readonly doc: OfficialDocument,
    private readonly fonts: LayoutFonts,
    private readonly options: { carryBodyToClosing?: boolean } = {},
  ) {}

  run(): DocumentLayout {
    this.newPage();
    this.header();
    this.title();
    if (this.doc.addressee && this.doc.addressee.trim() !== '') {
      this.blankLines(1);
      this.source = { part: 'addressee', index: 0 };
      this.textLines(this.doc.addressee, { role: 'addressee', font: 'body', indent: 0, align: 'justify' });
    } else {
      this.blankLines(1);
    }
    this.doc.blocks.forEach((b, i) => {
      this.block(b, i);
      this.blockEnds[i] = { page: this.page.number, bottom: this.cursor };
    });
    if (this.options.carryBodyToClosing) this.carryBodyToClosing();
    this.attachments();
    this.signature();
    this.note();
    this.annexes();
    this.footerNote();
    this.imprint();
    this.pageNumbers();
    this.marginNotes();
    this.watermark();
    return {
      pages: this.pages,
      charsByFont: this.chars,
      titleLines: this.titleLines,
      blockEnds: this.blockEnds,
      tableRowLines: this.tableRowLines,
      tableCellLines: this.tableCellLines,
      tableRowPages: this.tableRowPages,
      imprintPage: this.imprintPage,
    };
  }

  // ---- primitives -------------------------------------------------------------------------------

  private newPage(): void {
    this.page = { number: this.pages.length + 1, items: [] };
    this.pages.push(this.page);
    this.cursor = FRAME.blockTop;
  }

  private pageHasContent(): boolean {
    return this.page.items.length > 0;
  }

  /** Index of the first grid line at or below the cursor (may be >= LINES: no room left). */
  private gridLine(): number {
    return Math.max(0, Math.ceil((this.cursor - FRAME.blockTop) / LINE_PITCH_PT - EPS));
  }

  private lineTop(k: number): number {
    return FRAME.blockTop + k * LINE_PITCH_PT;
  }

  /** Reserves the next grid line (breaking the page when full) and returns its index. */
  private takeLine(): number {
    let k = this.gridLine();
    if (k >= LINES) {
      this.newPage();
      k = 0;
    }
    this.cursor = this.lineTop(k + 1);
    return k;
  }

  /** Blank lines; none are carried to the top of a new page. */
  private blankLines(n: number): void {
    const k = this.gridLine();
    this.cursor = this.lineTop(Math.min(k + n, LINES));
  }

  private measure(font: FontRole, size: number, ch: string): number {
    return this.fonts[font].advance(ch) * size;
  }

  /**
   * Advance on the body grid: the font's for wide characters; half the size for the rest, or the glyph's own
   * advance where it is wider ('%', 'W', 'D'), so no glyph runs into its neighbour (render-pdf.ts draws the same
   * cells).
   */
  private gridAdvance(font: FontRole, size: number, ch: string): number {
    return isWide(ch) ? this.measure(font, size, ch) : Math.max(size / 2, this.measure(font, size, ch));
  }

  private text(item: Omit<TextItem, 'kind' | 'width'>): TextItem {
    const glyphs = Array.from(item.text);
    const natural = glyphs.reduce(
      (s, ch) =>
        s +
        (item.halfWidthLatin
          ? this.gridAdvance(item.font, item.size, ch)
          : this.measure(item.font, item.size, ch)),
      0,
    );
    const width = natural + Math.max(0, glyphs.length - 1) * item.charSpacing;
    for (const ch of glyphs) this.chars[item.font].add(ch);
    const t: TextItem = { kind: 'text', ...item, width };
    this.page.items.push(t);
    return t;
  }

  private rule(
    x1: number,
    y1: number,
    x2: number,
    y2: number,
    thickness: number,
    color: 'black' | 'red',
  ): void {
    this.page.items.push({ kind: 'rule', x1, y1, x2, y2, thickness, color });
  }

  /** Breaks grid text (16 pt, 28 cells) into lines; widths are in cells. */
  private gridLines(text: string, font: FontRole, size: number, indent: number, rest = 0): BrokenLine[] {
    const spacing = gridSpacing(size);
    return breakLines(text, {
      maxWidth: CELLS,
      firstIndent: indent,
      restIndent: rest,
      measure: (ch) => (this.gridAdvance(font, size, ch) + spacing) / CHAR_PITCH_PT,
    });
  }

  /** Draws broken grid lines, one grid line each, justified or aligned. */
  private drawGridLines(
    lines: BrokenLine[],
    opts: { role: TextRole; font: FontRole; size?: number; align: 'justify' | 'left' | 'center' | 'right' },
    firstLine = 0,
  ): void {
    const size = opts.size ?? BODY;
    const base = gridSpacing(size);
    for (const [li, line] of lines.entries()) {
      const k = this.takeLine();
      const glyphs = Array.from(line.text);
      const naturalPt = glyphs.reduce((s, ch) => s + this.gridAdvance(opts.font, size, ch), 0);
      const availPt = (CELLS - line.indent) * CHAR_PITCH_PT;
      let spacing = base;
      const slackCells = CELLS - line.indent - line.width;
      const stretch =
        glyphs.length > 1 &&
        (line.overflow || (opts.align === 'justify' && !line.last && slackCells > EPS && slackCells <= 6));
      // Visible width = natural + (n-1)*spacing. A full line of 28 characters ends one glyph (16 pt) after the
      // 27th cell, i.e. 0.2 pt past the 156 mm block (28 x 16 pt > 156 mm): stretched lines end there too.
      if (stretch) spacing = (availPt - base - naturalPt) / (glyphs.length - 1);
      const visible = naturalPt + Math.max(0, glyphs.length - 1) * spacing;
      let x = FRAME.blockLeft + line.indent * CHAR_PITCH_PT;
      if (opts.align === 'center') x = FRAME.blockLeft + (FRAME.blockWidth - visible) / 2;
      if (opts.align === 'right') x = FRAME.blockRight - visible;
      this.text({
        role: opts.role,
        text: line.text,
        x,
        baseline: this.lineTop(k) + (LINE_PITCH_PT - size) / 2 + ASCENT * size,
        size,
        font: opts.font,
        color: 'black',
        charSpacing: spacing,
        halfWidthLatin: true,
        ...(this.source ? { source: { ...this.source, line: firstLine + li } } : {}),
      });
    }
  }

  private textLines(
    text: string,
    opts: { role: TextRole; font: FontRole; indent: number; align: 'justify' | 'left' | 'center' | 'right' },
  ): void {
    this.drawGridLines(this.gridLines(text, opts.font, BODY, opts.indent), opts);
  }

  // ---- parts of the document --------------------------------------------------------------------

  private markSize(text: string, preferred: number, maxWidthPt: number): number {
    const w = Array.from(text).reduce((s, ch) => s + this.fonts.title.advance(ch), 0);
    return w > 0 ? Math.min(preferred, maxWidthPt / w) : preferred;
  }

  private centred(
    text: string,
    font: FontRole,
    size: number,
    top: number,
    role: TextRole,
    color: 'black' | 'red',
  ): void {
    const w = Array.from(text).reduce((s, ch) => s + this.measure(font, size, ch), 0);
    this.text({
      role,
      text,
      x: FRAME.blockLeft + (FRAME.blockWidth - w) / 2,
      baseline: top + ASCENT * size,
      size,
      font,
      color,
      charSpacing: 0,
    });
  }

  private header(): void {
    const { doc } = this;
    const mark = doc.issuerMark?.trim() ?? '';
    const number = doc.docNumber?.trim() ?? '';
    const red = 'red' as const;
    if (doc.style === 'letter') {
      const ruleLen = mmToPt(GEOMETRY.letterRuleLengthMm);
      const ruleX1 = FRAME.blockLeft + (FRAME.blockWidth - ruleLen) / 2;
      if (mark !== '') {
        const size = this.markSize(mark, 30, FRAME.blockWidth);
        const top = mmToPt(GEOMETRY.letterMarkTopMm);
        this.centred(mark, 'title', size, top, 'mark', red);
        // 红色双线, 上粗下细, 4 mm below the mark.
        const y = top + size + mmToPt(4);
        this.rule(ruleX1, y, ruleX1 + ruleLen, y, 2, red);
        this.rule(ruleX1, y + 3, ruleX1 + ruleLen, y + 3, 0.75, red);
        this.cursor = y + 3;
        // Bottom double line of page 1, 上细下粗, 20 mm above the page's bottom edge.
        const yb = FRAME.height - mmToPt(GEOMETRY.letterBottomRuleMm);
        this.rule(ruleX1, yb - 3, ruleX1 + ruleLen, yb - 3, 0.75, red);
        this.rule(ruleX1, yb, ruleX1 + ruleLen, yb, 2, red);
      }
      if (number !== '') {
        // 发文字号 flush right under the double line, 7/8 of a 3号 character below it.
        const top = mark !== '' ? this.cursor + (7 / 8) * BODY : FRAME.blockTop + (LINE_PITCH_PT - BODY) / 2;
        const w = Array.from(number).reduce((s, ch) => s + this.gridAdvance('body', BODY, ch), 0);
        const spacing = gridSpacing(BODY);
        const visible = w + (Array.from(number).length - 1) * spacing;
        this.text({
          role: 'docNumber',
          text: number,
          x: FRAME.blockRight - visible,
          baseline: top + ASCENT * BODY,
          size: BODY,
          font: 'body',
          color: 'black',
          charSpacing: spacing,
          halfWidthLatin: true,
        });
        this.cursor = top + BODY;
      }
      if (mark !== '' || number !== '') this.blankLines(2);
      return;
    }
    // Document style (通用格式).
    if (mark !== '') {
      const size = this.markSize(mark, 40, FRAME.blockWidth);
      const top = FRAME.blockTop + mmToPt(GEOMETRY.documentMarkOffsetMm);
      this.centred(mark, 'title', size, top, 'mark', red);
      this.cursor = top + size;
      this.blankLines(2);
    }
    if (number !== '') {
      const k = this.takeLine();
      const top = this.lineTop(k) + (LINE_PITCH_PT - BODY) / 2;
      this.centred(number, 'body', BODY, top, 'docNumber', 'black');
      this.cursor = top + BODY;
    }
    if (mark !== '' || number !== '') {
      const y = this.cursor + mmToPt(4);
      this.rule(FRAME.blockLeft, y, FRAME.blockRight, y, 1, red);
      this.cursor = y;
      this.blankLines(2);
    }
  }

  private title(): void {
    const size = GEOMETRY.titleSizePt;
    // 标题 breaks only between words, balanced as a 梯形 or 菱形 (title-break.ts).
    this.titleLines = breakTitle(
      this.doc.title,
      FRAME.blockWidth,
      (ch) => this.measure('title', size, ch),
      this.doc.titleNames,
    );
    for (const [li, line] of this.titleLines.entries()) {
      const k = this.takeLine();
      const top = this.lineTop(k) + (LINE_PITCH_PT - size) / 2;
      this.centred(line, 'title', size, top, 'title', 'black');
      const item = this.page.items.at(-1);
      if (item?.kind === 'text') item.source = { part: 'title', index: 0, line: li };
    }
  }

  private block(b: DocBlock, index: number, following?: DocBlock): void {
    this.source = { part: 'block', index };
    switch (b.type) {
      case 'heading': {
        const font: FontRole = b.level === 1 ? 'bold' : b.level === 2 ? 'kai' : 'body';
        const lines = this.gridLines(b.text, font, BODY, 2);
        // Keep with next: never leave a heading as the last line of a page, nor with a single line of the
        // paragraph after it (which widow control would move on).
        const next = following ?? this.doc.blocks[index + 1];
        const nextLines =
          next?.type === 'paragraph' ? this.gridLines(next.text, 'body', BODY, next.indent ?? 2).length : 1;
        const needed = lines.length + (nextLines >= 2 ? 2 : 1);
        if (next && next.type !== 'pageBreak' && this.gridLine() + needed > LINES) this.newPage();
        this.drawGridLines(lines, { role: 'heading', font, align: 'justify' });
        return;
      }
      case 'paragraph': {
        const align = b.align ?? 'justify';
        const indent = b.indent ?? (align === 'center' || align === 'right' ? 0 : 2);
        const lines = this.gridLines(b.text, 'body', BODY, indent);
        const opts = { role: 'body' as const, font: 'body' as const, align };
        // Widow and orphan control, as word processors apply it to the DOCX: no single line of a paragraph at
        // the foot of a page or at the top of the next; a paragraph that cannot be split so goes over whole.
        const free = LINES - this.gridLine();
        const n = lines.length;
        if (n >= 2 && free > 0 && free < n) {
          if (free === 1 || (n - free === 1 && free - 1 < 2)) this.newPage();
          else if (n - free === 1) {
            this.drawGridLines(lines.slice(0, free - 1), opts);
            this.newPage();
            this.drawGridLines(lines.slice(free - 1), opts, free - 1);
            return;
          }
        }
        this.drawGridLines(lines, opts);
        return;
      }
      case 'table':
        this.table(b);
        return;
      case 'image':
        this.image(b, index);
        return;
      case 'pageBreak':
        if (this.pageHasContent()) this.newPage();
        return;
    }
  }

  private table(t: TableBlock): void {
    const size = t.fontSize ?? GEOMETRY.tableSizePt;
    const lineH = size * 1.45;
    const padX = mmToPt(1.5);
    const padY = mmToPt(1);
    const total = t.columns.reduce((s, c) => s + c.width, 0);
    const widths = t.columns.map((c) => (FRAME.blockWidth * c.width) / total);
    const xs: number[] = [FRAME.blockLeft];
    for (const w of widths) xs.push((xs.at(-1) as number) + w);
    const wrap = (text: string, col: number, font: FontRole): string[] =>
      breakLines(text, {
        maxWidth: (widths[col] as number) - 2 * padX,
        measure: (ch) => this.measure(font, size, ch),
      }).map((l) => l.text);
    const header = t.columns.map((c, i) => wrap(c.title, i, 'bold'));
    const headerLines = Math.max(1, ...header.map((c) => c.length));
    const headerH = headerLines * lineH + 2 * padY;
    const rowLines = [headerLines];
    const cellLines: string[][][] = [header];
    const rowPages: number[] = [];
    if (this.source) {
      this.tableRowLines[this.source.index] = rowLines;
      this.tableCellLines[this.source.index] = cellLines;
      this.tableRowPages[this.source.index] = rowPages;
    }

    // Start on a grid line, like the text around it.
    let k = this.gridLine();
    if (k >= LINES) {
      this.newPage();
      k = 0;
    }
    this.cursor = this.lineTop(k);

    const tableSource = this.source;
    let rowIndex = -1;
    const drawRow = (
      cells: string[][],
      from: number,
      count: number,
      font: FontRole,
      isHeader: boolean,
    ): void => {
      const top = this.cursor;
      const h = count * lineH + 2 * padY;
      if (!isHeader && rowPages[rowIndex] === undefined) rowPages[rowIndex] = this.page.number;
      cells.forEach((lines, col) => {
        const align = isHeader ? 'center' : (t.columns[col]?.align ?? 'left');
        lines.slice(from, from + count).forEach((text, li) => {
          const w = Array.from(text).reduce((s, ch) => s + this.measure(font, size, ch), 0);
          const left = (xs[col] as number) + padX;
          const inner = (widths[col] as number) - 2 * padX;
          const x = align === 'center' ? left + (inner - w) / 2 : align === 'right' ? left + inner - w : left;
          this.text({
            role: isHeader ? 'tableHeader' : 'tableCell',
            text,
            x,
            baseline: top + padY + li * lineH + (lineH - size) / 2 + ASCENT * size,
            size,
            font,
            color: 'black',
            charSpacing: 0,
            ...(tableSource ? { source: { ...tableSource, line: isHeader ? -1 : rowIndex } } : {}),
          });
        });
      });
      this.rule(FRAME.blockLeft, top, FRAME.blockRight, top, 0.75, 'black');
      this.rule(FRAME.blockLeft, top + h, FRAME.blockRight, top + h, 0.75, 'black');
      for (const x of xs) this.rule(x, top, x, top + h, 0.75, 'black');
      this.cursor = top + h;
    };
    const drawHeader = (): void => drawRow(header, 0, headerLines, 'bold', true);

    // The header must fit with at least one body row line; otherwise start on a new page.
    if (
      this.cursor + headerH + lineH + 2 * padY > FRAME.blockBottom - TABLE_SLACK + EPS &&
      this.pageHasContent()
    )
      this.newPage();
    drawHeader();
    for (const [ri, row] of t.rows.entries()) {
      rowIndex = ri;
      const cells = row.map((text, col) => wrap(text, col, 'body'));
      const n = Math.max(1, ...cells.map((c) => c.length));
      rowLines.push(n);
      cellLines.push(cells);
      let done = 0;
      while (done < n) {
        const room = Math.floor((FRAME.blockBottom - TABLE_SLACK - this.cursor - 2 * padY + EPS) / lineH);
        const rest = n - done;
        if (rest <= room) {
          drawRow(cells, done, rest, 'body', false);
          done = n;
        } else if (done > 0 || n * lineH + 2 * padY > FRAME.blockHeight - headerH) {
          // A row taller than a page is split across pages.
          if (room > 0) {
            drawRow(cells, done, room, 'body', false);
            done += room;
          }
          this.newPage();
          drawHeader();
        } else {
          this.newPage();
          drawHeader();
        }
      }
    }
  }

  private image(b: ImageBlock, index: number): void {
    let w = mmToPt(b.widthMm);
    let h = mmToPt(b.heightMm);
    const captionRoom = b.caption ? LINE_PITCH_PT : 0;
    const scale = Math.min(1, FRAME.blockWidth / w, (FRAME.blockHeight - captionRoom) / h);
    w *= scale;
    h *= scale;
    let k = this.gridLine();
    if (k >= LINES || this.lineTop(k) + h + captionRoom > FRAME.blockBottom + EPS) {
      this.newPage();
      k = 0;
    }
    const top = this.lineTop(k);
    this.page.items.push({
      kind: 'image',
      block: index,
      x: FRAME.blockLeft + (FRAME.blockWidth - w) / 2,
      top,
      width: w,
      height: h,
    });
    this.cursor = top + h;
    if (b.caption) {
      this.drawGridLines(this.gridLines(b.caption, 'body', BODY, 0), {
        role: 'caption',
        font: 'body',
        align: 'center',
      });
    }
  }

  /** Starts the closing part (附件说明, 署名, 成文日期) on a new page with the last two body lines. */
  private carryBodyToClosing(): void {
    const previous = this.page;
    this.newPage();
    this.cursor = this.lineTop(this.pullLastLines(previous, 2));
  }

  private attachments(): void {
    const list = (this.doc.attachments ?? []).map((a) => a.trim()).filter((a) => a !== '');
    if (list.length === 0) return;
    this.blankLines(1);
    const cell = (s: string): number =>
      Array.from(s).reduce(
        (sum, ch) => sum + (this.gridAdvance('body', BODY, ch) + gridSpacing(BODY)) / CHAR_PITCH_PT,
        0,
      );
    const labelW = cell('附件：');
    list.forEach((name, i) => {
      const num = list.length > 1 ? `${i + 1}．` : '';
      const prefix = (i === 0 ? '附件：' : '') + num;
      // Wrapped lines align with the first character of the name.
      const nameStart = 2 + labelW + cell(num);
      const lineStart = i === 0 ? 2 : 2 + labelW;
      this.source = { part: 'attachment', index: i };
      const lines = this.gridLines(name, 'body', BODY, nameStart, nameStart);
      const first = lines[0];
      if (first) {
        lines[0] = {
          ...first,
          text: prefix + first.text,
          indent: lineStart,
          width: first.width + cell(prefix),
        };
      }
      this.drawGridLines(lines, { role: 'attachment', font: 'body', align: 'justify' });
    });
  }

  private signature(): void {
    const sig = this.doc.signature;
    if (!sig) return;
    const blanks = sig.sealPlace ? 2 : 1;
    const spacing = gridSpacing(BODY);
    const widthPt = (s: string): number => {
      const g = Array.from(s);
      return (
        g.reduce((sum, ch) => sum + this.gridAdvance('body', BODY, ch), 0) +
        Math.max(0, g.length - 1) * spacing
      );
    };
    const lines = [sig.issuer.trim(), sig.date.trim()].filter((s) => s !== '');
    // The 附注 stays on the page of the 成文日期 above it.
    const note = this.doc.note?.trim().replace(/^[（(]|[）)]$/gu, '') ?? '';
    const noteLines = note === '' ? 0 : this.gridLines(`（${note}）`, 'body', BODY, 2).length;
    if (this.gridLine() + blanks + lines.length + noteLines > LINES) {
      // The 署名 and 成文日期 never stand alone on a page (GB/T 9704 7.3.5.5): the last two body lines go
      // over with them.
      const previous = this.page;
      this.newPage();
      const moved = this.pullLastLines(previous, 2);
      this.cursor = this.lineTop(moved);
      if (moved > 0) this.blankLines(blanks);
    } else {
      this.blankLines(blanks);
    }
    this.source = { part: 'signature', index: 0 };
    // 成文日期 右空四字; 署名 centred on the date.
    const dateRight = FRAME.blockRight - 4 * CHAR_PITCH_PT;
    const dateW = widthPt(sig.date.trim());
    const centre = dateRight - dateW / 2;
    for (const [i, s] of lines.entries()) {
      const k = this.takeLine();
      const w = widthPt(s);
      const x = Math.min(centre - w / 2, FRAME.blockRight - w);
      this.text({
        role: i === lines.length - 1 && sig.date.trim() !== '' ? 'date' : 'signature',
        text: s,
        x: Math.max(FRAME.blockLeft, x),
        baseline: this.lineTop(k) + (LINE_PITCH_PT - BODY) / 2 + ASCENT * BODY,
        size: BODY,
        font: 'body',
        color: 'black',
        charSpacing: spacing,
        halfWidthLatin: true,
        source: { part: 'signature', index: 0, line: i },
      });
    }
  }

  /** Grid line of a text item drawn by drawGridLines (16 pt text centred on its line). */
  private gridLineOf(t: TextItem): number {
    return Math.round(
      (t.baseline - ASCENT * t.size - (LINE_PITCH_PT - t.size) / 2 - FRAME.blockTop) / LINE_PITCH_PT,
    );
  }

  /**
   * Moves the text on the last `count` occupied grid lines of `from` to the top of the current (new, empty)
   * page, with a heading right above them, when those lines hold body text only (no table, image or rule).
   * Returns the number of grid lines moved (0 when nothing could move).
   */
  private pullLastLines(from: LayoutPage, count: number): number {
    const movable = new Set<TextRole>(['body', 'heading', 'attachment', 'addressee']);
    const texts = from.items.filter((i): i is TextItem => i.kind === 'text' && i.size === BODY);
    const occupied = [
      ...new Set(texts.filter((t) => movable.has(t.role)).map((t) => this.gridLineOf(t))),
    ].sort((a, b) => a - b);
    if (occupied.length <= count) return 0;
    let first = occupied.length - count;
    // A heading never stays at the foot of the page it leaves.
    while (first > 1) {
      const line = occupied[first - 1] as number;
      if (!texts.some((t) => this.gridLineOf(t) === line && t.role === 'heading')) break;
      first -= 1;
    }
    const lines = occupied.slice(first);
    const lastOccupied = occupied.at(-1) as number;
    // Nothing else (table rows, images, rules) may sit on or below the lines that move.
    const lowest = (lines[0] as number) - 0.5;
    const topOf = this.lineTop(lowest);
    const blocked = from.items.some((i) => {
      if (i.kind === 'text') return !(i.size === BODY && movable.has(i.role)) && i.baseline > topOf;
      // The letter's red double line at the foot of page 1 lies below the text block: not in the way.
      if (i.kind === 'rule') return Math.max(i.y1, i.y2) > topOf && Math.min(i.y1, i.y2) < FRAME.blockBottom;
      return i.top + i.height > topOf;
    });
    // The lines keep their places relative to each other (a blank line before the 附件说明 goes with them).
    const span = lastOccupied - (lines[0] as number) + 1;
    if (blocked || span > lines.length + 1) return 0;
    const moving = texts.filter((t) => lines.includes(this.gridLineOf(t)));
    from.items = from.items.filter((i) => !(i.kind === 'text' && moving.includes(i)));
    for (const t of moving) {
      const k = this.gridLineOf(t) - (lines[0] as number);
      t.baseline += this.lineTop(k) - this.lineTop(this.gridLineOf(t));
      this.page.items.push(t);
    }
    return span;
  }

  /** 附注: '（…）' indented two characters on the line under the 成文日期 (GB/T 9704 7.3.6). */
  private note(): void {
    const note = this.doc.note?.trim().replace(/^[（(]|[）)]$/gu, '') ?? '';
    if (note === '') return;
    this.source = { part: 'note', index: 0 };
    this.textLines(`（${note}）`, { role: 'note', font: 'body', indent: 2, align: 'justify' });
  }

  /** 附件 (GB/T 9704 8): each on a new page, '附件N' in 黑体 on line 1, its title centred on line 3. */
  private annexes(): void {
    const list = this.doc.annexes ?? [];
    let base = this.doc.blocks.length;
    list.forEach((a, ai) => {
      this.newPage();
      this.source = { part: 'annex', index: ai };
      this.drawGridLines(
        [
          {
            text: list.length > 1 ? `附件${ai + 1}` : '附件',
            indent: 0,
            width: 0,
            last: true,
            overflow: false,
          },
        ],
        { role: 'annexLabel', font: 'bold', align: 'left' },
      );
      this.blankLines(1);
      const size = GEOMETRY.titleSizePt;
      const lines = breakTitle(
        a.title,
        FRAME.blockWidth,
        (ch) => this.measure('title', size, ch),
        this.doc.titleNames,
      );
      for (const [li, line] of lines.entries()) {
        const k = this.takeLine();
        this.centred(
          line,
          'title',
          size,
          this.lineTop(k) + (LINE_PITCH_PT - size) / 2,
          'annexTitle',
          'black',
        );
        const item = this.page.items.at(-1);
        if (item?.kind === 'text') item.source = { part: 'annexTitle', index: ai, line: li };
      }
      this.blankLines(1);
      a.blocks.forEach((b, j) => {
        // block() reads the next block for keep-with-next from doc.blocks: give it the annex's own list.
        this.block(b, base + j, a.blocks[j + 1]);
        this.blockEnds[base + j] = { page: this.page.number, bottom: this.cursor };
      });
      base += a.blocks.length;
    });
  }

  /**
   * 版记 of 通用格式 (GB/T 9704 7.5): 4号, the 抄送 line one character in from each side, 印发机关 one character
   * in from the left and 印发日期 one character in from the right; the first rule above the first line and the
   * last on the foot of the text block are 0.35 mm, the rule between the 抄送 and 印发 lines 0.25 mm.
   */
  private imprint(): void {
    const imp = this.doc.imprint;
    if (!imp) return;
    const parts = imprintLines(imp);
    const size = GEOMETRY.footerNoteSizePt;
    const copyLines = parts.copyTo
      ? breakLines(parts.copyTo, {
          maxWidth: FRAME.blockWidth - 2 * size,
          firstIndent: 0,
          // 回行时与冒号后的首字对齐.
          restIndent: 3 * size,
          measure: (ch) => this.measure('body', size, ch),
        })
      : [];
    const n = copyLines.length + 1;
    if (this.gridLine() + n > LINES) this.newPage();
    this.evenImprintPage();
    const start = LINES - n;
    const thick = mmToPt(GEOMETRY.imprintThickMm);
    const thin = mmToPt(GEOMETRY.imprintThinMm);
    const baseline = (line: number): number =>
      this.lineTop(line) + (LINE_PITCH_PT - size) / 2 + ASCENT * size;
    const put = (text: string, x: number, line: number): TextItem =>
      this.text({
        role: 'footerNote',
        text,
        x,
        baseline: baseline(line),
        size,
        font: 'body',
        color: 'black',
        charSpacing: 0,
      });
    const yTop = this.lineTop(start);
    this.rule(FRAME.blockLeft, yTop, FRAME.blockRight, yTop, thick, 'black');
    copyLines.forEach((l, i) => put(l.text, FRAME.blockLeft + size + l.indent, start + i));
    if (copyLines.length > 0) {
      const y = this.lineTop(start + copyLines.length);
      this.rule(FRAME.blockLeft, y, FRAME.blockRight, y, thin, 'black');
    }
    const last = start + copyLines.length;
    put(parts.printer, FRAME.blockLeft + size, last);
    const dateW = Array.from(parts.printDate).reduce((sum, ch) => sum + this.measure('body', size, ch), 0);
    put(parts.printDate, FRAME.blockRight - size - dateW, last);
    this.rule(FRAME.blockLeft, FRAME.blockBottom, FRAME.blockRight, FRAME.blockBottom, thick, 'black');
    this.cursor = FRAME.blockBottom;
  }

  /**
   * 通用格式 is printed double-sided: the 版记 goes on the back of the last sheet, an even page. Where it would fall
   * on an odd page (from page 3 on; a single sheet keeps it on its face), it moves to the next even page; a page
   * left empty before it is a blank page, and the blank page and the 版记 page after it carry no page number
   * (GB/T 9704 7.5).
   */
  private evenImprintPage(): void {
    if (this.doc.style !== 'document' || this.page.number % 2 === 0 || this.page.number === 1) return;
    const blank = !this.pageHasContent();
    this.newPage();
    this.imprintPage = blank ? 'afterBlank' : 'alone';
    if (blank) {
      this.unnumbered.add(this.page.number - 1);
      this.unnumbered.add(this.page.number);
    }
  }

  private footerNote(): void {
    const note = this.doc.footerNote?.trim() ?? '';
    if (note === '') return;
    const size = GEOMETRY.footerNoteSizePt;
    const spacing = 0;
    // 版记: 4号, one character in from each side, between two rules at the foot of the last page.
    const lines = note.split('\n').flatMap((para) =>
      breakLines(para, {
        maxWidth: FRAME.blockWidth - 2 * size,
        measure: (ch) => this.measure('body', size, ch),
      }),
    );
    if (this.gridLine() + lines.length + 1 > LINES) this.newPage();
    this.evenImprintPage();
    const start = LINES - lines.length;
    const yTop = this.lineTop(start);
    this.rule(FRAME.blockLeft, yTop, FRAME.blockRight, yTop, 1, 'black');
    lines.forEach((l, i) => {
      this.text({
        role: 'footerNote',
        text: l.text,
        x: FRAME.blockLeft + size,
        baseline: this.lineTop(start + i) + (LINE_PITCH_PT - size) / 2 + ASCENT * size,
        size,
        font: 'body',
        color: 'black',
        charSpacing: spacing,
      });
      if (i < lines.length - 1) {
        const y = this.lineTop(start + i + 1);
        this.rule(FRAME.blockLeft, y, FRAME.blockRight, y, 0.7, 'black');
      }
    });
    this.rule(FRAME.blockLeft, FRAME.blockBottom, FRAME.blockRight, FRAME.blockBottom, 1, 'black');
    this.cursor = FRAME.blockBottom;
  }

  /** The watermark, centred on every page and drawn first (under the text). */
  private watermark(): void {
    const mark = this.doc.watermark?.trim() ?? '';
    if (mark === '') return;
    const size = WATERMARK_SIZE_PT;
    const w = Array.from(mark).reduce((s, ch) => s + this.measure('title', size, ch), 0);
    for (const page of this.pages) {
      const item: TextItem = {
        kind: 'text',
        role: 'watermark',
        text: mark,
        x: (FRAME.width - w) / 2,
        baseline: FRAME.height / 2 + 0.38 * size,
        size,
        font: 'title',
        color: 'gray',
        charSpacing: 0,
        width: w,
      };
      for (const ch of Array.from(mark)) this.chars.title.add(ch);
      page.items.unshift(item);
    }
  }

  /**
   * A note outside the 正文 (the 留痕校验码): 小五 at the left of the footer margin of every page, 6 mm under the
   * page number's line, so it is neither a GB/T 9704 element of the text nor mistaken for one.
   */
  private marginNotes(): void {
    const note = this.doc.marginNote?.trim() ?? '';
    if (note === '') return;
    const size = GEOMETRY.marginNoteSizePt;
    const baseline =
      FRAME.blockBottom + mmToPt(GEOMETRY.pageNumberGapMm + GEOMETRY.marginNoteGapMm) + 0.38 * size;
    for (const page of this.pages) {
      this.page = page;
      this.text({
        role: 'marginNote',
        text: note,
        x: FRAME.blockLeft,
        baseline,
        size,
        font: 'body',
        color: 'black',
        charSpacing: 0,
      });
    }
  }

  private pageNumbers(): void {
    const size = GEOMETRY.pageNumberSizePt;
    for (const page of this.pages) {
      if (this.doc.style === 'letter' && page.number === 1) continue;
      if (this.unnumbered.has(page.number)) continue;
      const text = pageNumberText(page.number);
      const w = Array.from(text).reduce((s, ch) => s + this.measure('song', size, ch), 0);
      // The dashes (at about 0.38 em above the baseline) lie 7 mm below the text block.
      const baseline = FRAME.blockBottom + mmToPt(GEOMETRY.pageNumberGapMm) + 0.38 * size;
      // 单页码居右空一字，双页码居左空一字.
      const x = page.number % 2 === 1 ? FRAME.blockRight - size - w : FRAME.blockLeft + size;
      this.page = page;
      this.text({
        role: 'pageNumber',
        text,
        x,
        baseline,
        size,
        font: 'song',
        color: 'black',
        charSpacing: 0,
      });
    }
  }
}

/** Every block in layout order (doc.blocks, then each annex's): indexed as the layout's `block`. */
export function blocksInLayoutOrder(doc: OfficialDocument): DocBlock[] {
  return [...doc.blocks, ...(doc.annexes ?? []).flatMap((a) => a.blocks)];
}

/** Layout index of the first block of annex `annex` (annex blocks continue the numbering of doc.blocks). */
export function annexBlockBase(doc: OfficialDocument, annex: number): number {
  let base = doc.blocks.length;
  for (let i = 0; i < annex; i++) base += doc.annexes?.[i]?.blocks.length ?? 0;
  return base;
}

/** '— 1 —' (一字线 on both sides). */
export const pageNumberText = (n: number): string => `— ${n} —`;
