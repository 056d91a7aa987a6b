// One layout model for official documents (GB/T 9704-2012, 党政机关公文格式), rendered twice:
// render-pdf.ts (pdf-lib) and render-docx.ts (docx). Both read the geometry from GEOMETRY below.

export type Align = 'justify' | 'left' | 'center' | 'right';

export interface HeadingBlock {
  type: 'heading';
  /** 1: '一、…' (黑体); 2: '（一）…' (楷体); 3: '1．…' and 4: '（1）…' (仿宋, as the body). Text as given. */
  level: 1 | 2 | 3 | 4;
  text: string;
}

export interface ParagraphBlock {
  type: 'paragraph';
  text: string;
  /** First-line indent in characters; default 2 (0 when centred or right-aligned). */
  indent?: number;
  align?: Align;
}

export interface TableColumn {
  title: string;
  /** Relative width; the columns share the 156 mm text block in proportion. */
  width: number;
  align?: 'left' | 'center' | 'right';
}

export interface TableBlock {
  type: 'table';
  columns: TableColumn[];
  rows: string[][];
  /** Font size in pt for the cells; default 12 (小四). */
  fontSize?: number;
}

export interface ImageBlock {
  type: 'image';
  /** PNG file bytes. */
  png: Uint8Array;
  widthMm: number;
  heightMm: number;
  caption?: string;
}

export interface PageBreakBlock {
  type: 'pageBreak';
}

export type DocBlock = HeadingBlock | ParagraphBlock | TableBlock | ImageBlock | PageBreakBlock;

export interface Annex {
  title: string;
  blocks: DocBlock[];
}

export interface Imprint {
  /** 抄送机关, separated by '，' (without '抄送：' and the final '。'); empty: no 抄送 line. */
  copyTo?: string;
  /** 印发机关, e.g. '德阳市司法局办公室'. */
  printer: string;
  /** 印发日期, e.g. '2026年11月26日' ('印发' is added). */
  printDate: string;
}

/** The 版记 lines: the 抄送 line (if any) and the 印发 line (left and right parts). */
export function imprintLines(imp: Imprint): { copyTo: string | null; printer: string; printDate: string } {
  const copy = (imp.copyTo ?? '').trim().replace(/[。；;，,\s]+$/u, '');
  return {
    copyTo: copy === '' ? null : `抄送：${copy}。`,
    printer: imp.printer.trim(),
    printDate: `${imp.printDate.trim()}印发`,
  };
}

export interface Signature {
  /** 发文机关署名 */
  issuer: string;
  /** 成文日期, e.g. '2026年11月26日' (see chineseDate). */
  date: string;
  /** Leave room above the signature for the red seal (加盖印章). */
  sealPlace?: boolean;
}

export interface OfficialDocument {
  /** 'letter' = 信函格式 (red double line, no page number on page 1); 'document' = 通用格式 (红头). */
  style: 'letter' | 'document';
  /** 发文机关标志 in red, e.g. '德阳市司法局'. */
  issuerMark?: string;
  /** 发文字号, e.g. '德法函〔2026〕12号' (see formatDocNumber). */
  docNumber?: string;
  title: string;
  /**
   * Organs and departments the title names (发文机关, the department addressed, from the directory and 设置):
   * the title breaks only between words and never inside these (title-break.ts).
   */
  titleNames?: string[];
  /** 主送机关, e.g. '市市场监督管理局：'. */
  addressee?: string;
  blocks: DocBlock[];
  signature?: Signature;
  /** 附件说明: names only, numbered automatically when there are several. */
  attachments?: string[];
  /**
   * 附注, e.g. '联系人：张三，电话：0838-1234567': printed in parentheses, indented two characters, on the
   * line under the 成文日期 (GB/T 9704 7.3.6).
   */
  note?: string;
  /**
   * 附件 (GB/T 9704 8): each starts a new page after the signature and 附注, '附件' (with its number when there
   * are several) in 黑体 on the first line, its title centred on the third, then its blocks.
   */
  annexes?: Annex[];
  /** 版记 of 通用格式 (抄送, 印发机关 and 印发日期 between rules at the foot of the last page); none in 信函格式. */
  imprint?: Imprint;
  /** Free-text 版记 (legacy): lines separated by '\n', printed between rules at the end. */
  footerNote?: string;
  /**
   * A note outside the 正文, in small type in the footer margin of every page (the 留痕校验码 by default; see
   * log-code-line.ts): not part of the text the recipient reads.
   */
  marginNote?: string;
  /** Printed large and light across every page, e.g. '草稿' for a notice that is not final. */
  watermark?: string;
}

const PT_PER_MM = 72 / 25.4;
export const mmToPt = (mm: number): number => mm * PT_PER_MM;
export const ptToMm = (pt: number): number => pt / PT_PER_MM;

/** GB/T 9704-2012 page geometry. Lengths in mm unless the name says Pt. */
export const GEOMETRY = {
  pageWidthMm: 210,
  pageHeightMm: 297,
  pageWidthPt: 595.28,
  pageHeightPt: 841.89,
  marginTopMm: 37,
  marginLeftMm: 28,
  marginRightMm: 26,
  marginBottomMm: 35,
  blockWidthMm: 156,
  blockHeightMm: 225,
  linesPerPage: 22,
  charsPerLine: 28,
  /** 3号 */
  bodySizePt: 16,
  /** 2号 */
  titleSizePt: 22,
  /** 4号 */
  pageNumberSizePt: 14,
  /** 小四, default for table cells */
  tableSizePt: 12,
  /** 版记 uses 4号 */
  footerNoteSizePt: 14,
  /** The margin note (留痕校验码): 小五, 6 mm under the page number's line. */
  marginNoteSizePt: 9,
  marginNoteGapMm: 6,
  /** 版记 rules: first and last 0.35 mm, the ones between 0.25 mm (GB/T 9704 7.5.1). */
  imprintThickMm: 0.35,
  imprintThinMm: 0.25,
  /** Red of the 红头 (发文机关标志 and rules). */
  red: { r: 0xe6 / 255, g: 0x00 / 255, b: 0x12 / 255 },
  redHex: 'E60012',
  /** Document style: the mark's top edge lies 35 mm below the top of the text block. */
  documentMarkOffsetMm: 35,
  /** Letter style: the mark's top edge lies 30 mm below the top of the page. */
  letterMarkTopMm: 30,
  /** Letter style red double lines are 170 mm long. */
  letterRuleLengthMm: 170,
  /** Letter style: second red double line 20 mm above the bottom edge of page 1. */
  letterBottomRuleMm: 20,
  /** Page number: the dashes sit 7 mm below the text block. */
  pageNumberGapMm: 7,
} as const;

/** Body line pitch: 225 mm / 22 lines ≈ 28.99 pt. */
export const LINE_PITCH_PT = mmToPt(GEOMETRY.blockHeightMm) / GEOMETRY.linesPerPage;
/** Body character pitch: 156 mm / 28 ≈ 15.79 pt (slightly under the 16 pt em, as in official templates). */
export const CHAR_PITCH_PT = mmToPt(GEOMETRY.blockWidthMm) / GEOMETRY.charsPerLine;

const PREFIX_FORBIDDEN = /[〔〕[\]［］()（）{}【】<>《》\s0-9０-９]/;

/**
 * 发文字号: '德法函' + 2026 + 12 -> '德法函〔2026〕12号'. Full year in 六角括号, no 第, no leading zeros.
 * Throws an Error with a Chinese message on bad input.
 */
export function formatDocNumber(prefix: string, year: number, seq: number): string {
  const p = prefix.trim();
  if (p === '') throw new Error('发文字号的机关代字不能为空（例如“德法函”）。');
  if (PREFIX_FORBIDDEN.test(p)) {
    throw new Error(`发文字号的机关代字“${prefix}”不能包含括号、空格或数字；年份和序号会自动加上。`);
  }
  if (p.endsWith('第'))
    throw new Error(`发文字号的机关代字“${prefix}”不应以“第”结尾：按 GB/T 9704 序号前不加“第”。`);
  if (!Number.isInteger(year) || year < 1949 || year > 9999) {
    throw new Error(`发文字号的年份“${String(year)}”无效：应为四位完整年份，例如 2026。`);
  }
  if (!Number.isInteger(seq) || seq < 1 || seq > 999_999) {
    throw new Error(`发文字号的序号“${String(seq)}”无效：应为从 1 开始的整数，不编虚位（不写成 01）。`);
  }
  return `${p}〔${year}〕${seq}号`;
}

/** Parses '德法函〔2026〕12号' back; null when it is not in the standard form (e.g. '〔2026〕012号' or '(2026)'). */
export function parseDocNumber(value: string): { prefix: string; year: number; seq: number } | null {
  const m = /^(.+?)〔(\d{4})〕([1-9]\d*)号$/.exec(value.trim());
  if (!m || m[1] === undefined || m[2] === undefined || m[3] === undefined) return null;
  if (m[1].endsWith('第') || PREFIX_FORBIDDEN.test(m[1])) return null;
  return { prefix: m[1], year: Number(m[2]), seq: Number(m[3]) };
}

/**
 * 成文日期: '2026-11-26' or a Date -> '2026年11月26日' (no 虚位: 1月5日, not 01月05日).
 * A Date is read in local time; an ISO date string is read as written (no time-zone shift).
 */
export function chineseDate(date: Date | string): string {
  let y: number;
  let m: number;
  let d: number;
  if (typeof date === 'string') {
    const match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|T)/.exec(date.trim());
    if (!match) throw new Error(`日期“${date}”无法识别：请使用“2026-11-26”这样的格式。`);
    y = Number(match[1]);
    m = Number(match[2]);
    d = Number(match[3]);
    const check = new Date(Date.UTC(y, m - 1, d));
    if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) {
      throw new Error(`日期“${date}”不存在（例如 2 月没有 30 日）。`);
    }
  } else {
    if (Number.isNaN(date.getTime())) throw new Error('日期无效：请重新选择成文日期。');
    y = date.getFullYear();
    m = date.getMonth() + 1;
    d = date.getDate();
  }
  return `${y}年${m}月${d}日`;
}

/** Chinese error messages for a document that cannot be laid out; empty when it is fine. */
export function validateDocument(doc: OfficialDocument): string[] {
  const errors: string[] = [];
  if (doc.title.trim() === '') errors.push('公文标题不能为空。');
  if (doc.imprint && (doc.imprint.printer.trim() === '' || doc.imprint.printDate.trim() === ''))
    errors.push('版记的印发机关和印发日期不能为空。');
  (doc.annexes ?? []).forEach((a, i) => {
    if (a.title.trim() === '') errors.push(`附件${i + 1}的标题不能为空。`);
  });
  const all = [...doc.blocks, ...(doc.annexes ?? []).flatMap((a) => a.blocks)];
  all.forEach((b, i) => {
    const where = `第 ${i + 1} 个内容块`;
    if (b.type === 'table') {
      if (b.columns.length === 0) errors.push(`${where}（表格）没有列。`);
      if (b.columns.some((c) => !(c.width > 0))) errors.push(`${where}（表格）的列宽必须为正数。`);
      b.rows.forEach((r, ri) => {
        if (r.length !== b.columns.length) {
          errors.push(
            `${where}（表格）第 ${ri + 1} 行有 ${r.length} 个单元格，应为 ${b.columns.length} 个。`,
          );
        }
      });
    } else if (b.type === 'image') {
      if (!(b.widthMm > 0 && b.heightMm > 0)) errors.push(`${where}（图片）的宽度和高度必须为正数（毫米）。`);
      const sig = [0x89, 0x50, 0x4e, 0x47];
      if (b.png.length < 8 || sig.some((v, k) => b.png[k] !== v)) {
        errors.push(`${where}（图片）不是 PNG 文件。`);
      }
    } else if (b.type === 'paragraph' && b.indent !== undefined && !(b.indent >= 0 && b.indent < 28)) {
      errors.push(`${where}（段落）的首行缩进应在 0 到 27 个字之间。`);
    }
  });
  return errors;
}
