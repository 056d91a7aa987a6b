// DOCX styles and fonts: the official font names and their fallbacks (the font table), the section geometry in
// twips, the named paragraph styles (公文标题, 一级标题 … 四级标题, 公文正文, 表格文字, 版记, 版头), the heading list
// (一、 （一） 1． （1）), and the small run and paragraph helpers every other part of the DOCX writer uses.

import {
  AlignmentType,
  BuilderElement,
  LevelFormat,
  LevelSuffix,
  LineRuleType,
  Paragraph,
  TextRun,
  type Document,
  type IParagraphOptions,
  type IRunOptions,
} from 'docx';
import { isWide } from '../line-break';
import { GEOMETRY } from '../layout-model';

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
export const twips = (mm: number): number => Math.round(mm * TWIPS_PER_MM);
export const ptTwips = (pt: number): number => Math.round(pt * 20);

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
export const half = (pt: number): number => Math.round(pt * 2);
// hint eastAsia: quotes, dashes and other ambiguous-width characters take the Chinese face (full width, as in
// the PDF), not the Latin one.
export const font = (name: string): IRunOptions['font'] => ({
  eastAsia: name,
  ascii: name,
  hAnsi: name,
  cs: name,
  hint: 'eastAsia',
});
export const ZH = { value: 'en-US', eastAsia: 'zh-CN' } as const;
export const exact = (twipsLine: number): IParagraphOptions['spacing'] => ({
  line: twipsLine,
  lineRule: LineRuleType.EXACT,
  before: 0,
  after: 0,
});
export const bodySpacing = exact(G.linePitch);
/** Width in body cells (full width 1, Latin 0.5) to place the signature. */
export const cells = (s: string): number => Array.from(s).reduce((n, ch) => n + (isWide(ch) ? 1 : 0.5), 0);

export const alignOf = {
  justify: AlignmentType.BOTH,
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
} as const;

export function runs(text: string, opts: Omit<IRunOptions, 'text' | 'break'> = {}): TextRun[] {
  // '\n' inside a text is a line break within the paragraph.
  const withHint = { ...opts, font: opts.font ?? { hint: 'eastAsia' } };
  return text
    .split('\n')
    .map((part, i) => new TextRun({ ...withHint, text: part, break: i > 0 ? 1 : undefined }));
}

export function blank(before = 0, keepNext = false): Paragraph {
  return gwParagraph({
    style: DOCX_STYLES.body.id,
    ...(keepNext ? { keepNext: true } : {}),
    spacing: { ...bodySpacing, before },
    children: [],
  });
}

/** A paragraph's own text as one run: the word processor breaks its lines (no line breaks, no condensing). */
export function textRuns(text: string): TextRun[] {
  return [new TextRun({ font: { hint: 'eastAsia' }, text })];
}

// ---- heading numbering (一、 （一） 1． （1）) ------------------------------------------------------------

export const GW_NUMBERING = 'gw-headings';
/** Headings start two characters in, like the body, whether the list numbers them or not. */
export const HEADING_INDENT = { left: 0, firstLine: Math.round(2 * G.charTwips), firstLineChars: 200 };
/** The four 公文 heading levels as a DOCX list: 一、 （一） 1． （1）, no tab after the number. */
export const NUMBERING_LEVELS = [
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

const xmlEscape = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function fontTableXml(): string {
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

type DocumentOptions = ConstructorParameters<typeof Document>[0];

/** The heading list: 一、 （一） 1． （1） at levels 1–4, no tab after the number, two characters in. */
export const HEADING_NUMBERING: NonNullable<DocumentOptions['numbering']> = {
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
};

// ---- the styles part, written whole --------------------------------------------------------------------------

/** The children of a paragraph's properties (CT_PPrBase), in the order the schema fixes. */
const PPR_ORDER = [
  'pStyle',
  'keepNext',
  'keepLines',
  'pageBreakBefore',
  'framePr',
  'widowControl',
  'numPr',
  'suppressLineNumbers',
  'pBdr',
  'shd',
  'tabs',
  'suppressAutoHyphens',
  'kinsoku',
  'wordWrap',
  'overflowPunct',
  'topLinePunct',
  'autoSpaceDE',
  'autoSpaceDN',
  'bidi',
  'adjustRightInd',
  'snapToGrid',
  'spacing',
  'ind',
  'contextualSpacing',
  'mirrorIndents',
  'suppressOverlap',
  'jc',
  'textDirection',
  'textAlignment',
  'textboxTightWrap',
  'outlineLvl',
  'divId',
  'cnfStyle',
  'rPr',
  'sectPr',
  'pPrChange',
] as const;

/** What a named style sets on its paragraphs. */
interface StyleParagraph {
  keepNext?: true;
  keepLines?: true;
  /** Off in Normal (the layout decides), on in 公文正文 (word processors paginate the body). */
  widowControl?: boolean;
  /**
   * Hanging punctuation and CJK–Latin auto-spacing off: either would widen or narrow lines holding digits or a
   * line-final stop and break the 28-character line.
   */
  noAutoSpacing?: true;
  /** Set off the 28-cell character grid (titles, tables, 版记, 版头). */
  offGrid?: true;
  /** Exact line height in twips (before and after 0). */
  line?: number;
  firstLine?: { twips: number; chars: number };
  jc?: 'both' | 'center';
  outlineLevel?: number;
}
/** What a named style sets on its runs. */
interface StyleRun {
  face?: string;
  /** Character spacing in 1/20 pt. */
  condense?: number;
  sizePt?: number;
  zh?: true;
}
interface NamedStyle {
  id: string;
  name: string;
  basedOn?: string;
  next?: string;
  quickFormat?: true;
  paragraph: StyleParagraph;
  run?: StyleRun;
}

const onOff = (name: string, on: boolean): string => `<w:${name} w:val="${on ? 1 : 0}"/>`;
const spacingXml = (line: number): string =>
  `<w:spacing w:after="0" w:before="0" w:line="${line}" w:lineRule="exact"/>`;

function styleParagraphXml(p: StyleParagraph): string {
  const children: Partial<Record<(typeof PPR_ORDER)[number], string>> = {
    ...(p.keepNext ? { keepNext: '<w:keepNext/>' } : {}),
    ...(p.keepLines ? { keepLines: '<w:keepLines/>' } : {}),
    ...(p.widowControl !== undefined ? { widowControl: onOff('widowControl', p.widowControl) } : {}),
    ...(p.noAutoSpacing
      ? {
          overflowPunct: onOff('overflowPunct', false),
          autoSpaceDE: onOff('autoSpaceDE', false),
          autoSpaceDN: onOff('autoSpaceDN', false),
        }
      : {}),
    ...(p.offGrid ? { snapToGrid: onOff('snapToGrid', false) } : {}),
    ...(p.line !== undefined ? { spacing: spacingXml(p.line) } : {}),
    ...(p.firstLine
      ? { ind: `<w:ind w:firstLine="${p.firstLine.twips}" w:firstLineChars="${p.firstLine.chars}"/>` }
      : {}),
    ...(p.jc ? { jc: `<w:jc w:val="${p.jc}"/>` } : {}),
    ...(p.outlineLevel !== undefined ? { outlineLvl: `<w:outlineLvl w:val="${p.outlineLevel}"/>` } : {}),
  };
  const inner = PPR_ORDER.map((k) => children[k] ?? '').join('');
  return inner === '' ? '' : `<w:pPr>${inner}</w:pPr>`;
}

function styleRunXml(r: StyleRun): string {
  const face = r.face ? xmlEscape(r.face) : null;
  const inner =
    (face
      ? `<w:rFonts w:ascii="${face}" w:cs="${face}" w:eastAsia="${face}" w:hAnsi="${face}" w:hint="eastAsia"/>`
      : '') +
    (r.condense ? `<w:spacing w:val="${r.condense}"/>` : '') +
    (r.sizePt !== undefined ? `<w:sz w:val="${half(r.sizePt)}"/><w:szCs w:val="${half(r.sizePt)}"/>` : '') +
    (r.zh ? `<w:lang w:val="${ZH.value}" w:eastAsia="${ZH.eastAsia}"/>` : '');
  return inner === '' ? '' : `<w:rPr>${inner}</w:rPr>`;
}

const bodyRun: StyleRun = {
  face: DOCX_FONTS.body,
  condense: DOCX_CONDENSE,
  sizePt: GEOMETRY.bodySizePt,
  zh: true,
};

/** A heading style: its face, keep-with-next and keep-lines, and its outline level. */
const heading = (s: { id: string; name: string }, level: number, face: string): NamedStyle => ({
  ...s,
  basedOn: DOCX_STYLES.body.id,
  next: DOCX_STYLES.body.id,
  quickFormat: true,
  run: { face },
  paragraph: { keepNext: true, keepLines: true, outlineLevel: level },
});

/**
 * The named paragraph styles every document carries. The grid's character pitch is computed from Normal's size
 * (LibreOffice reads it from the style, not from docDefaults), so Normal states 16 pt explicitly.
 */
export const NAMED_STYLES: readonly NamedStyle[] = [
  {
    id: 'Normal',
    name: 'Normal',
    paragraph: { widowControl: false, noAutoSpacing: true, line: G.linePitch },
    run: bodyRun,
  },
  {
    ...DOCX_STYLES.body,
    basedOn: 'Normal',
    next: DOCX_STYLES.body.id,
    quickFormat: true,
    paragraph: {
      widowControl: true,
      line: G.linePitch,
      firstLine: { twips: Math.round(2 * G.charTwips), chars: 200 },
      jc: 'both',
    },
  },
  {
    ...DOCX_STYLES.title,
    basedOn: 'Normal',
    next: DOCX_STYLES.body.id,
    quickFormat: true,
    paragraph: { keepNext: true, offGrid: true, line: G.linePitch, jc: 'center' },
    run: { face: DOCX_FONTS.title, sizePt: GEOMETRY.titleSizePt },
  },
  heading(DOCX_STYLES.heading1, 0, DOCX_FONTS.heading1),
  heading(DOCX_STYLES.heading2, 1, DOCX_FONTS.heading2),
  heading(DOCX_STYLES.heading3, 2, DOCX_FONTS.body),
  heading(DOCX_STYLES.heading4, 3, DOCX_FONTS.body),
  {
    ...DOCX_STYLES.table,
    basedOn: 'Normal',
    paragraph: { offGrid: true, line: ptTwips(GEOMETRY.tableSizePt * 1.45) },
    run: { sizePt: GEOMETRY.tableSizePt },
  },
  {
    ...DOCX_STYLES.footerNote,
    basedOn: 'Normal',
    paragraph: { offGrid: true, line: G.linePitch },
    run: { sizePt: GEOMETRY.footerNoteSizePt },
  },
  { ...DOCX_STYLES.head, basedOn: 'Normal', paragraph: { offGrid: true, line: G.linePitch } },
];

function namedStyleXml(s: NamedStyle): string {
  return (
    `<w:style w:type="paragraph" w:styleId="${s.id}"${s.id === 'Normal' ? ' w:default="1"' : ''}>` +
    `<w:name w:val="${xmlEscape(s.name)}"/>` +
    (s.basedOn ? `<w:basedOn w:val="${s.basedOn}"/>` : '') +
    (s.next ? `<w:next w:val="${s.next}"/>` : '') +
    (s.quickFormat ? '<w:qFormat/>' : '') +
    styleParagraphXml(s.paragraph) +
    (s.run ? styleRunXml(s.run) : '') +
    '</w:style>'
  );
}

/**
 * The styles part, written whole (as the font table is): the document defaults, the default table style, and the
 * named 公文 styles with their paragraph properties in schema order, and the two note-reference styles the
 * library's note parts name. None of the English built-in styles a word processor's blank document has (Title,
 * Heading 1 …): an office template has none of them.
 */
export function stylesXml(): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:styles xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ' +
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    `<w:docDefaults><w:rPrDefault>${styleRunXml(bodyRun)}</w:rPrDefault>` +
    `<w:pPrDefault>${styleParagraphXml({ line: G.linePitch })}</w:pPrDefault></w:docDefaults>` +
    '<w:style w:type="table" w:styleId="TableNormal" w:default="1"><w:name w:val="Normal Table"/>' +
    '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>' +
    '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>' +
    '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>' +
    NAMED_STYLES.map(namedStyleXml).join('') +
    // The library's footnote and endnote parts (separators only) refer to these two.
    ['FootnoteReference', 'EndnoteReference']
      .map(
        (id) =>
          `<w:style w:type="character" w:styleId="${id}"><w:name w:val="${id.replace(/(?<=.)([A-Z])/, ' $1').toLowerCase()}"/>` +
          '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>',
      )
      .join('') +
    '</w:styles>'
  );
}

// ---- paragraphs ------------------------------------------------------------------------------------------------

/**
 * The flags every paragraph states beside its style's (LibreOffice reads hanging punctuation and auto-spacing
 * from the paragraph, not from its style; WPS writes them on every paragraph when it saves).
 */
const PARAGRAPH_FLAGS = ['overflowPunct', 'autoSpaceDE', 'autoSpaceDN'] as const;

/** A paragraph's properties as the library holds them: its children, each named by its element. */
interface PropertiesTree {
  root: unknown[];
}
const elementName = (child: unknown): string | undefined =>
  (child as { rootKey?: unknown }).rootKey?.toString().replace(/^w:/, '');
/**
 * A paragraph of the 公文: the docx library's paragraph with the flags above written into its properties at their
 * place in the schema (the library has no option for w:autoSpaceDE, writes w:overflowPunct only when on, and puts
 * w:autoSpaceDN after w:outlineLvl).
 */
export function gwParagraph(options: IParagraphOptions): Paragraph {
  const paragraph = new Paragraph(options);
  const properties = (paragraph as unknown as { properties?: PropertiesTree }).properties;
  if (!properties || !Array.isArray(properties.root))
    throw new Error('docx: paragraph properties are not where this writer expects them');
  const after = PPR_ORDER.indexOf('autoSpaceDN');
  const at = properties.root.findIndex(
    (child) => PPR_ORDER.indexOf(elementName(child) as (typeof PPR_ORDER)[number]) > after,
  );
  const flags = PARAGRAPH_FLAGS.map(
    (name) => new BuilderElement({ name: `w:${name}`, attributes: { val: { key: 'w:val', value: 0 } } }),
  );
  properties.root.splice(at === -1 ? properties.root.length : at, 0, ...flags);
  return paragraph;
}
