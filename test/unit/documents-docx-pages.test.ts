// The DOCX is the editable one (issue 24): one paragraph per paragraph, no line-locking breaks, the word
// processor paginates (keep-with-next, keep-lines, widow control, rows not split, repeated header rows). Unedited
// and with metric-compatible fonts, LibreOffice gives the PDF's page count and the same pages for the 署名 and the
// 版记; after a clerk's edit no line is wider than the measure or letter-spaced, the seal block keeps body text
// with it and the 版记 stays at the foot of the last page; with only fonts-noto-cjk no body line holds a single
// character except a paragraph's last. Both render the 正文 in FandolFang, the 仿宋 the app ships: the PDF embeds
// it and LibreOffice runs with a fontconfig that maps 仿宋_GB2312/仿宋 to it (test/fixtures/libreoffice-fonts.ts);
// each LibreOffice check skips, saying why, when LibreOffice or poppler is not installed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCX_GEOMETRY, DOCX_STYLES, chineseCounting, renderDocx } from '../../shared/documents/render-docx';
import { stylesXml } from '../../shared/documents/docx/styles';
import { layoutWithFonts, renderPdf } from '../../shared/documents/render-pdf';
import { sampleLetter } from '../../shared/documents/sample';
import { GEOMETRY, mmToPt, type OfficialDocument } from '../../shared/documents/layout-model';
import { defaultLetterSettings } from '../../shared/letters/letter-settings';
import {
  basisFromStandards,
  buildRectificationLetter,
  letterFactsFor,
} from '../../shared/letters/rectification-letter';
import { sampleReviewedFiles } from '../../shared/letters/sample-results';
import { buildCampaignResults } from '../../shared/review/results';
import { defaultStandards } from '../../shared/standards/default-standards';
import { appBundledFonts } from '../fixtures/bundled-fonts';
import { libreOfficeWithAppFonts } from '../fixtures/libreoffice-fonts';
import { drawRecordDoc, letterDoc, reportDoc, reviewNoticeDoc } from '../fixtures/official-documents';

const ARTIFACTS = join(process.cwd(), 'test', 'artifacts');
// The faces the app embeds when the office has none installed: 仿宋 → FandolFang (the shipped open 仿宋), with
// Noto Serif SC for the page numbers and as the per-glyph fallback; 小标宋, 黑体, 楷体 stand-ins.
const fonts = appBundledFonts();
const has = (tool: string, arg = '-v'): boolean => !spawnSync(tool, [arg], { encoding: 'utf8' }).error;
const HAS_TOOLS = has('pdftotext') && has('pdftoppm') && has('libreoffice', '--version');
if (!HAS_TOOLS)
  console.log('[documents-docx-pages] 跳过 DOCX/PDF 对照检查：未安装 libreoffice 或 poppler-utils。');

const HAN = '评查台行政执法案卷质量监督检查通知整改意见书面报告德阳市司法局市场管理';
const han = (n: number): string =>
  Array.from({ length: n }, (_, i) => HAN[i % HAN.length] as string).join('');

/** Body that ends on the last lines of page 1: the signature must take the last body lines with it. */
const endsOnLastLines: OfficialDocument = {
  style: 'letter',
  issuerMark: '德阳市司法局',
  docNumber: '德法函〔2026〕3号',
  title: '德阳市司法局关于全市行政执法案卷评查情况的函',
  addressee: '市市场监督管理局：',
  blocks: [{ type: 'paragraph', text: han(28 * 14 - 2) }],
  signature: { issuer: '德阳市司法局', date: '2026年11月26日', sealPlace: true },
};

const longTable: OfficialDocument = {
  style: 'document',
  issuerMark: '德阳市司法局文件',
  docNumber: '德法〔2026〕7号',
  title: '德阳市司法局关于2026年度全市行政执法案卷评查情况的通报',
  blocks: [
    { type: 'paragraph', text: han(80) },
    { type: 'heading', level: 1, text: '一、评查结果' },
    {
      type: 'table',
      columns: [
        { title: '序号', width: 1, align: 'center' },
        { title: '单位', width: 4 },
        { title: '平均分', width: 1.5, align: 'center' },
      ],
      rows: Array.from({ length: 60 }, (_, i) => [String(i + 1), `${han(6)}局`, '85.5']),
    },
    { type: 'paragraph', text: han(60) },
  ],
  signature: { issuer: '德阳市司法局', date: '2026年11月26日' },
  note: '联系人：张三，电话：0838-1234567',
  imprint: { copyTo: '市人民政府办公室', printer: '德阳市司法局办公室', printDate: '2026年11月26日' },
};

/** A 12-file department: grouped problems, 附件说明, 附注 and a 附件 with two tables. */
const longLetter: OfficialDocument = (() => {
  const results = buildCampaignResults(
    sampleReviewedFiles({ departments: 1, filesPerDepartment: 12, seed: 4 }),
  );
  const basis = basisFromStandards(defaultStandards());
  const facts = letterFactsFor(
    { id: 'c1', name: '2026年度行政执法案卷评查', year: 2026 },
    results,
    basis,
    null,
  )[0]!;
  const settings = {
    ...defaultLetterSettings(),
    issuer: '德阳市司法局',
    prefix: '德法函',
    contact: '联系人：张三，电话：0838-1234567',
  };
  return buildRectificationLetter(facts, settings, {
    docNumber: '德法函〔2026〕9号',
    issueDate: '2026-11-26',
  });
})();

const DOCS: Record<string, OfficialDocument> = {
  letter: sampleLetter({ files: 3, withTable: true }),
  annex: longLetter,
  notice: sampleLetter({ files: 8, withTable: true, style: 'document' }),
  lastLines: endsOnLastLines,
  table: longTable,
  // The documents the office issues, as the app builds them.
  rectification: letterDoc(),
  supervision: letterDoc(6, 'supervision'),
  rectification60: letterDoc(60),
  report: reportDoc(),
  report30: reportDoc(30),
  reportCharts: reportDoc(8, true),
  drawRecord: drawRecordDoc(),
  reviewNotice: reviewNoticeDoc(),
};

function run(cmd: string, args: string[], env?: NodeJS.ProcessEnv): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 180_000 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}
/**
 * PDF export as printing does it: with the blank pages the word processor inserts itself (an evenPage section
 * before the 版记), which LibreOffice's export leaves out by default.
 */
const TO_PDF = 'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}';

const pageLines = (pdf: string): string[][] =>
  run('pdftotext', ['-layout', pdf, '-'])
    .split('\f')
    .filter((p) => p.trim() !== '')
    .map((p) =>
      p
        .split('\n')
        .map((l) => l.replace(/\s+/g, ''))
        .filter((l) => l !== '' && !/^—\d+—$/.test(l)),
    );

/** A line of text as pdftotext -bbox-layout reports it, with its page (1-based); text without spaces. */
interface BoxLine {
  page: number;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
  text: string;
}
const unescape = (t: string): string => t.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
function boxLines(pdf: string): BoxLine[] {
  const out: BoxLine[] = [];
  run('pdftotext', ['-bbox-layout', pdf, '-'])
    .split('<page ')
    .slice(1)
    .forEach((page, i) => {
      for (const m of page.matchAll(
        /<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)<\/line>/g,
      )) {
        const text = [...(m[5] ?? '').matchAll(/<word[^>]*>([^<]*)<\/word>/g)]
          .map((w) => unescape(w[1] ?? ''))
          .join('');
        out.push({ page: i + 1, xMin: +m[1]!, yMin: +m[2]!, xMax: +m[3]!, yMax: +m[4]!, text });
      }
    });
  return out;
}
const BLOCK_LEFT = mmToPt(GEOMETRY.marginLeftMm);
const BLOCK_RIGHT = mmToPt(GEOMETRY.marginLeftMm + GEOMETRY.blockWidthMm);
const BLOCK_BOTTOM = mmToPt(GEOMETRY.marginTopMm + GEOMETRY.blockHeightMm);
const isPageNumber = (l: BoxLine): boolean => /^—\d+—$/.test(l.text);
/** Page of the 成文日期 line (the first line that is exactly the date). */
const datePage = (lines: BoxLine[], date: string): number | undefined =>
  lines.find((l) => l.text === date)?.page;
/** Page of the 版记's 印发 line. */
const imprintPage = (lines: BoxLine[]): number | undefined =>
  lines.find((l) => l.text.endsWith('印发'))?.page;

const EDIT_INSERT = '经复核补充说明有关情况并请一并整改落实'; // 20 characters
const EDIT_PARAGRAPH = han(60);
/**
 * A clerk's edit in a word processor, made on the DOCX's XML: 20 characters into one body paragraph, 10 taken out
 * of another, and a new 60-character paragraph after a third.
 */
function editDocx(bytes: Uint8Array): Uint8Array {
  const files = unzipSync(bytes);
  let xml = strFromU8(files['word/document.xml'] as Uint8Array);
  const body = [
    ...xml.matchAll(/<w:p><w:pPr>(?:(?!<\/w:p>)[\s\S])*?<w:pStyle w:val="GwBody"\/>[\s\S]*?<\/w:p>/g),
  ]
    .map((m) => m[0])
    .filter((p) => {
      const t = /<w:t xml:space="preserve">([^<]*)<\/w:t>/.exec(p)?.[1] ?? '';
      return Array.from(t).length >= 40 && !p.includes('w:jc w:val="right"');
    });
  expect(body.length).toBeGreaterThanOrEqual(1);
  // Three different paragraphs where the document has them (a short one: fewer, each edit still made).
  const a = body[0]!;
  const b = body[1] ?? a;
  const c = body[2] ?? body.at(-1)!;
  const editText = (p: string, f: (t: string) => string): string =>
    p.replace(
      /(<w:t xml:space="preserve">)([^<]*)(<\/w:t>)/,
      (_, o: string, t: string, e: string) => o + f(t) + e,
    );
  const splice = (t: string, del: number, add: string): string => {
    const cs = Array.from(t);
    cs.splice(Math.floor(cs.length / 2), del, ...Array.from(add));
    return cs.join('');
  };
  const edited = new Map<string, string>();
  const edit = (p: string, f: (x: string) => string): void => void edited.set(p, f(edited.get(p) ?? p));
  edit(a, (p) => editText(p, (t) => splice(t, 0, EDIT_INSERT)));
  edit(b, (p) => editText(p, (t) => splice(t, 10, '')));
  edit(c, (p) => p + editText(c, () => EDIT_PARAGRAPH));
  for (const [from, to] of edited) xml = xml.replace(from, to);
  files['word/document.xml'] = strToU8(xml);
  return zipSync(files);
}

describe('DOCX package written from the layout', () => {
  it('has the 公文 styles with outline levels and none of the unused English heading styles', async () => {
    const files = unzipSync(await renderDocx(DOCS.letter!, fonts));
    const styles = strFromU8(files['word/styles.xml'] as Uint8Array);
    for (const s of Object.values(DOCX_STYLES)) expect(styles).toContain(`<w:name w:val="${s.name}"/>`);
    const outline = (id: string): string | undefined =>
      new RegExp(`w:styleId="${id}"(?:(?!</w:style>)[\\s\\S])*?<w:outlineLvl w:val="(\\d)"/>`).exec(
        styles,
      )?.[1];
    expect(outline(DOCX_STYLES.heading1.id)).toBe('0');
    expect(outline(DOCX_STYLES.heading2.id)).toBe('1');
    expect(outline(DOCX_STYLES.heading3.id)).toBe('2');
    expect(outline(DOCX_STYLES.heading4.id)).toBe('3');
    expect(styles).not.toMatch(/w:styleId="(Heading1|Title|ListParagraph)"/);
    // zh-CN, no CJK–Latin auto-spacing, no widow control (the layout decides the pages), title off the grid.
    expect(styles).toContain('w:eastAsia="zh-CN"');
    expect(styles).toMatch(
      /w:styleId="Normal"[\s\S]*?<w:autoSpaceDE w:val="0"\/><w:autoSpaceDN w:val="0"\/>/,
    );
    expect(styles).toMatch(/w:styleId="GwTitle"(?:(?!<\/w:style>)[\s\S])*?<w:snapToGrid w:val="0"\/>/);
    const doc = strFromU8(files['word/document.xml'] as Uint8Array);
    expect(doc).toContain(`<w:pStyle w:val="${DOCX_STYLES.heading1.id}"/>`);
    expect(doc).toContain(`<w:pStyle w:val="${DOCX_STYLES.heading2.id}"/>`);
    expect(doc).toContain('<w:cantSplit/>');
    expect(doc).toContain('<w:tblHeader/>');
  });

  it('numbers the headings with a list (一、 （一） 1． （1）) where their written numbers run in order', async () => {
    expect([1, 9, 10, 11, 20, 21, 99].map(chineseCounting)).toEqual([
      '一',
      '九',
      '十',
      '十一',
      '二十',
      '二十一',
      '九十九',
    ]);
    const doc: OfficialDocument = {
      style: 'document',
      title: '关于评查情况的通报',
      blocks: [
        { type: 'heading', level: 1, text: '一、评查范围' },
        { type: 'heading', level: 2, text: '（一）抽取' },
        { type: 'heading', level: 2, text: '（二）评分' },
        { type: 'heading', level: 1, text: '二、评查结果' },
        { type: 'heading', level: 2, text: '（一）总体' },
        // Out of order (an edit took 三 away): the number stays text, as in the PDF.
        { type: 'heading', level: 1, text: '四、工作要求' },
        { type: 'heading', level: 3, text: '1．统一标准' },
      ],
    };
    const files = unzipSync(await renderDocx(doc, fonts));
    const numbering = strFromU8(files['word/numbering.xml'] as Uint8Array);
    for (const [fmt, text] of [
      ['chineseCounting', '%1、'],
      ['chineseCounting', '（%2）'],
      ['decimal', '%3．'],
      ['decimal', '（%4）'],
    ])
      expect(numbering).toMatch(
        new RegExp(`<w:numFmt w:val="${fmt}"/><w:suff w:val="nothing"/><w:lvlText w:val="${text}"/>`),
      );
    const xml = strFromU8(files['word/document.xml'] as Uint8Array);
    const headings = [
      ...xml.matchAll(/<w:p><w:pPr><w:pStyle w:val="GwHeading(\d)"\/>([\s\S]*?)<\/w:p>/g),
    ].map((m) => ({
      level: Number(m[1]),
      ilvl: /<w:numPr><w:ilvl w:val="(\d)"\/>/.exec(m[2] ?? '')?.[1] ?? null,
      text: [...(m[2] ?? '').matchAll(/<w:t xml:space="preserve">([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
    }));
    expect(headings).toEqual([
      { level: 1, ilvl: '0', text: '评查范围' },
      { level: 2, ilvl: '1', text: '抽取' },
      { level: 2, ilvl: '1', text: '评分' },
      { level: 1, ilvl: '0', text: '评查结果' },
      { level: 2, ilvl: '1', text: '总体' },
      { level: 1, ilvl: null, text: '四、工作要求' },
      { level: 3, ilvl: '2', text: '统一标准' },
    ]);
  });

  it('writes the font table with the fallback chain 仿宋_GB2312 → 仿宋 → FangSong', async () => {
    const files = unzipSync(await renderDocx(DOCS.letter!));
    const table = strFromU8(files['word/fontTable.xml'] as Uint8Array);
    expect(table).toMatch(/<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"\/>/);
    expect(table).toMatch(/<w:font w:name="仿宋"><w:altName w:val="FangSong"\/>/);
    expect(table).toMatch(/<w:font w:name="黑体"><w:altName w:val="SimHei"\/>/);
    expect(table).toMatch(/<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"\/>/);
  });

  it('writes correct XML, not repaired after: styles whole, every paragraph’s flags in schema order', async () => {
    // CT_PPrBase's children in the order the schema fixes (ECMA-376 §17.3.1.26), then rPr, sectPr, pPrChange.
    const ORDER =
      'pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange'.split(
        ' ',
      );
    /** The direct children of a pPr, by name (nested elements such as numPr's ilvl skipped). */
    const children = (pPr: string): string[] => {
      const out: string[] = [];
      let depth = 0;
      for (const m of pPr.matchAll(/<(\/?)w:(\w+)[^>]*?(\/?)>/g)) {
        if (m[1]) depth -= 1;
        else {
          if (depth === 0) out.push(m[2]!);
          if (!m[3]) depth += 1;
        }
      }
      return out;
    };
    const inOrder = (names: string[]): boolean =>
      names.every(
        (n, i) => ORDER.indexOf(n) >= 0 && (i === 0 || ORDER.indexOf(n) > ORDER.indexOf(names[i - 1]!)),
      );
    for (const name of ['report', 'supervision', 'letter'] as const) {
      const files = unzipSync(await renderDocx(DOCS[name]!, fonts));
      expect(strFromU8(files['word/styles.xml'] as Uint8Array)).toBe(stylesXml());
      const parts = Object.keys(files).filter((f) => /^word\/(document|header\d+|footer\d+)\.xml$/.test(f));
      expect(parts.length).toBeGreaterThan(3);
      for (const part of parts) {
        const xml = strFromU8(files[part] as Uint8Array);
        // Every paragraph, empty ones included, states the flags; every pPr is in schema order.
        expect(xml, part).not.toMatch(/<w:p\/>/);
        for (const p of xml.match(/<w:p>[\s\S]*?<\/w:p>/g) ?? []) {
          const pPr = /^<w:p><w:pPr>([\s\S]*?)<\/w:pPr>/.exec(p)?.[1];
          expect(pPr, `${name} ${part}`).toBeDefined();
          const names = children(pPr!);
          expect(names, `${name} ${part}`).toEqual(
            expect.arrayContaining(['overflowPunct', 'autoSpaceDE', 'autoSpaceDN']),
          );
          expect(inOrder(names), `${name} ${part}: ${names.join(' ')}`).toBe(true);
        }
      }
    }
    const styles = stylesXml();
    const stylePPrs = [...styles.matchAll(/<w:pPr>([\s\S]*?)<\/w:pPr>/g)].map((m) => m[1]!);
    expect(stylePPrs.length).toBeGreaterThan(8);
    for (const pPr of stylePPrs) expect(inOrder(children(pPr)), pPr).toBe(true);
    // Only the 公文 styles, the default table style and the two note references the note parts name.
    expect([...styles.matchAll(/w:styleId="([^"]+)"/g)].map((m) => m[1]).sort()).toEqual(
      [
        'EndnoteReference',
        'FootnoteReference',
        'Normal',
        'TableNormal',
        ...Object.values(DOCX_STYLES).map((s) => s.id),
      ].sort(),
    );
  });

  it('breaks the title where the PDF does (explicit line breaks from the layout)', async () => {
    const layout = layoutWithFonts(DOCS.letter!, fonts);
    expect(layout.titleLines.length).toBe(2);
    const doc = strFromU8(
      unzipSync(await renderDocx(DOCS.letter!, fonts))['word/document.xml'] as Uint8Array,
    );
    const title = /<w:pStyle w:val="GwTitle"\/>[\s\S]*?<\/w:p>/.exec(doc)?.[0] ?? '';
    const texts = [...title.matchAll(/<w:t xml:space="preserve">([^<]*)<\/w:t>/g)].map((m) => m[1]);
    expect(texts).toEqual(layout.titleLines);
    expect(title.match(/<w:br\/>/g)?.length).toBe(layout.titleLines.length - 1);
  });

  it('writes one paragraph per paragraph: no line breaks but the title’s, whole texts, one per table cell', async () => {
    for (const name of ['report30', 'rectification60', 'supervision', 'table'] as const) {
      const doc = DOCS[name]!;
      const xml = strFromU8(unzipSync(await renderDocx(doc, fonts))['word/document.xml'] as Uint8Array);
      const paragraphs = [...xml.matchAll(/<w:p>[\s\S]*?<\/w:p>/g)].map((m) => m[0]);
      const text = (p: string): string =>
        [...p.matchAll(/<w:t xml:space="preserve">([^<]*)<\/w:t>/g)].map((t) => t[1]).join('');
      // Only the title keeps explicit (balanced) line breaks.
      for (const p of paragraphs)
        if (!p.includes('<w:pStyle w:val="GwTitle"/>')) expect(p, name).not.toContain('<w:br/>');
      const texts = new Set(paragraphs.map(text));
      for (const b of doc.blocks) {
        if (b.type === 'paragraph') expect(texts.has(b.text), `${name}: ${b.text.slice(0, 20)}`).toBe(true);
        if (b.type === 'table')
          for (const row of b.rows)
            for (const cell of row) expect(texts.has(cell), `${name}: ${cell}`).toBe(true);
      }
      // No character spacing on body text beyond the styles' own.
      expect(xml, name).not.toMatch(/<w:spacing w:val="-?\d+"\/>/);
    }
  });

  it('writes each table once, its header row repeated and no row split across pages', async () => {
    const doc = DOCS.table!;
    const xml = strFromU8(unzipSync(await renderDocx(doc, fonts))['word/document.xml'] as Uint8Array);
    const tables = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
    expect(tables.length).toBe(1);
    expect(tables[0]).toMatch(/^<w:tbl>(?:(?!<w:tr>)[\s\S])*<w:tr><w:trPr><w:cantSplit\/><w:tblHeader\/>/);
    expect(tables[0]!.match(/<w:tr>/g)?.length).toBe(61);
    expect(tables[0]!.match(/<w:cantSplit\/>/g)?.length).toBe(61);
    // Pages are the word processor's: no page break is written for the PDF's pages.
    expect(xml).not.toContain('<w:pageBreakBefore/>');
  });

  it('keeps the seal block with the last body paragraph and puts the 版记 in frames at the foot of the page', async () => {
    const xml = strFromU8(
      unzipSync(await renderDocx(DOCS.supervision!, fonts))['word/document.xml'] as Uint8Array,
    );
    const paragraphs = [...xml.matchAll(/<w:p>[\s\S]*?<\/w:p>/g)].map((m) => m[0]);
    const date = paragraphs.findIndex(
      (p) => p.includes('2026年11月26日') && p.includes('<w:jc w:val="right"/>'),
    );
    expect(date).toBeGreaterThan(0);
    // From the last body paragraph down to the 署名, every paragraph keeps with the next.
    const lastBody = paragraphs.findLastIndex(
      (p, i) =>
        i < date &&
        p.includes('GwBody') &&
        !p.includes('w:jc w:val="right"') &&
        /<w:t /.test(p) &&
        !/附件：/.test(p),
    );
    for (let i = lastBody; i < date; i += 1) expect(paragraphs[i], String(i)).toContain('<w:keepNext/>');
    // The 版记: each line a frame at its grid line of the 版心 (positioned from the page's top edge), no
    // computed space above it.
    const imprint = paragraphs.filter((p) => p.includes('GwFooterNote') && /<w:t /.test(p));
    expect(imprint.length).toBe(2);
    imprint.forEach((p, i) => {
      expect(p).toMatch(/<w:framePr[^>]*w:vAnchor="page"/);
      expect(p).toMatch(
        new RegExp(`<w:framePr[^>]*w:y="${DOCX_GEOMETRY.top + (20 + i) * DOCX_GEOMETRY.linePitch}"`),
      );
      expect(p).not.toMatch(/w:before="[1-9]/);
    });
  });

  it('places the 信函格式 mark 30 mm below the top edge of page 1 in a frame', async () => {
    const files = unzipSync(await renderDocx(DOCS.letter!, fonts));
    const header = Object.keys(files)
      .filter((f) => /^word\/header\d+\.xml$/.test(f))
      .map((f) => strFromU8(files[f] as Uint8Array))
      .find((x) => x.includes('德阳市司法局'));
    const y = Number(/<w:framePr[^>]*w:y="(\d+)"/.exec(header ?? '')?.[1]);
    expect(Math.abs(y / 20 - mmToPt(30))).toBeLessThan(1);
  });
});

describe.skipIf(!HAS_TOOLS)('DOCX in LibreOffice against the PDF', () => {
  let dir: string;
  const pdfPages: Record<string, string[][]> = {};
  const loPages: Record<string, string[][]> = {};
  const loPdf: Record<string, string> = {};
  /** The documents a clerk edits, and the edited copies as LibreOffice renders them. */
  const EDITED = ['rectification', 'supervision', 'report', 'table', 'reviewNotice', 'lastLines'] as const;
  const editedLines: Record<string, BoxLine[]> = {};
  /** With only fonts-noto-cjk (the system's fonts, no stand-ins): pdftotext -layout pages. */
  const NOTO_ONLY = ['rectification', 'report', 'supervision', 'reviewNotice'] as const;
  const notoPages: Record<string, string[][]> = {};
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pingcha-docx-pages-'));
    mkdirSync(ARTIFACTS, { recursive: true });
    // LibreOffice sets the 正文 in FandolFang, as the PDF does (test/fixtures/libreoffice-fonts.ts).
    const officeEnv = libreOfficeWithAppFonts(dir);
    const docxFiles: string[] = [];
    for (const [name, doc] of Object.entries(DOCS)) {
      const pdf = join(ARTIFACTS, `docx-pages-${name}.pdf`);
      writeFileSync(pdf, await renderPdf(doc, fonts, { creationDate: new Date('2026-11-26T09:00:00Z') }));
      const docx = join(dir, `${name}.docx`);
      const bytes = await renderDocx(doc, fonts);
      writeFileSync(docx, bytes);
      docxFiles.push(docx);
      if ((EDITED as readonly string[]).includes(name)) {
        const edited = join(dir, `${name}-edited.docx`);
        writeFileSync(edited, editDocx(bytes));
        docxFiles.push(edited);
      }
      pdfPages[name] = pageLines(pdf);
    }
    run('libreoffice', ['--headless', '--convert-to', TO_PDF, '--outdir', dir, ...docxFiles], officeEnv);
    for (const name of EDITED) {
      const edited = join(ARTIFACTS, `docx-pages-${name}-edited-libreoffice.pdf`);
      writeFileSync(edited, readFileSync(join(dir, `${name}-edited.pdf`)));
      editedLines[name] = boxLines(edited);
    }
    // Only the fonts installed (fonts-noto-cjk): no stand-ins for the official names.
    const notoDir = join(dir, 'noto');
    mkdirSync(notoDir);
    run(
      'libreoffice',
      [
        '--headless',
        '--convert-to',
        TO_PDF,
        '--outdir',
        notoDir,
        ...NOTO_ONLY.map((n) => join(dir, `${n}.docx`)),
      ],
      { HOME: dir },
    );
    for (const name of NOTO_ONLY) {
      const pdf = join(ARTIFACTS, `docx-pages-${name}-noto-libreoffice.pdf`);
      writeFileSync(pdf, readFileSync(join(notoDir, `${name}.pdf`)));
      notoPages[name] = pageLines(pdf);
    }
    for (const name of Object.keys(DOCS)) {
      loPdf[name] = join(ARTIFACTS, `docx-pages-${name}-libreoffice.pdf`);
      writeFileSync(loPdf[name], readFileSync(join(dir, `${name}.pdf`)));
      loPages[name] = pageLines(loPdf[name]);
      // First and last page of both, for a person to look at (test/artifacts/).
      const n = (pdfPages[name] ?? []).length;
      for (const [src, tag] of [
        [join(ARTIFACTS, `docx-pages-${name}.pdf`), 'pdf'],
        [loPdf[name], 'docx'],
      ] as const) {
        for (const p of new Set([1, n]))
          run('pdftoppm', [
            '-png',
            '-r',
            '50',
            '-f',
            String(p),
            '-l',
            String(p),
            '-singlefile',
            src,
            join(ARTIFACTS, `docx-pages-${name}-${tag}-p${p}`),
          ]);
      }
    }
  }, 300_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Every document's unedited DOCX, the 通报 with its charts included, LibreOffice sets page for page as the PDF. */
  const PAGE_FOR_PAGE = Object.keys(DOCS);

  it('has the same number of pages as the PDF', () => {
    expect(PAGE_FOR_PAGE).toContain('reportCharts');
    for (const name of PAGE_FOR_PAGE) {
      expect({ name, pages: loPages[name]!.length }).toEqual({ name, pages: pdfPages[name]!.length });
    }
    expect(pdfPages.notice!.length).toBeGreaterThan(3);
    expect(pdfPages.table!.length).toBeGreaterThan(2);
  });

  it('puts the 署名 and the 版记 on the same pages as the PDF, for every document', () => {
    const differ: string[] = [];
    let compared = 0;
    for (const name of PAGE_FOR_PAGE) {
      const doc = DOCS[name]!;
      const pdf = boxLines(join(ARTIFACTS, `docx-pages-${name}.pdf`));
      const lo = boxLines(loPdf[name]!);
      const date = doc.signature?.date.trim();
      if (date) {
        compared += 1;
        if (datePage(pdf, date) !== datePage(lo, date))
          differ.push(`${name} 署名: p${datePage(pdf, date)} | p${datePage(lo, date)}`);
      }
      if (doc.imprint) {
        compared += 1;
        if (imprintPage(pdf) !== imprintPage(lo))
          differ.push(`${name} 版记: p${imprintPage(pdf)} | p${imprintPage(lo)}`);
      }
    }
    expect(differ).toEqual([]);
    expect(compared).toBeGreaterThan(12);
    // The long cases are long: a 60-file letter with its 附件, a 30-department 通报.
    expect(pdfPages.rectification60!.length).toBeGreaterThan(10);
    expect(pdfPages.report30!.length).toBeGreaterThan(3);
  });

  describe('after a clerk’s edit (+20 characters, −10, one new 60-character paragraph)', () => {
    it('no line is wider than the measure (LibreOffice hangs a line-final full-width stop past it)', () => {
      for (const name of EDITED)
        for (const l of editedLines[name]!) {
          expect(l.xMin, `${name} p${l.page} ${l.text}`).toBeGreaterThan(BLOCK_LEFT - 3);
          // LibreOffice hangs one line-final ，。；：、 into the margin even with w:overflowPunct off (Word and
          // WPS honour it): that mark, and only it, may stand past the measure.
          const hanging = /[，。；：、！？）”’」』》]$/u.test(l.text) ? l.yMax - l.yMin : 0;
          expect(l.xMax, `${name} p${l.page} ${l.text}`).toBeLessThan(BLOCK_RIGHT + 3 + hanging);
        }
      // The edit is there.
      expect(editedLines.rectification!.map((l) => l.text).join('')).toContain(EDIT_PARAGRAPH.slice(0, 20));
    });

    it('no line is letter-spaced', () => {
      for (const name of EDITED)
        for (const l of editedLines[name]!) {
          const n = Array.from(l.text).length;
          // The 版记's 印发 line holds a tab; page numbers are dashes around a digit.
          if (n < 2 || l.text.endsWith('印发') || isPageNumber(l)) continue;
          // A normally set line advances about 0.76 of its box height a character; "统 一 部 署 ，" far more.
          expect((l.xMax - l.xMin) / n, `${name} p${l.page} ${l.text}`).toBeLessThan(l.yMax - l.yMin);
        }
    });

    it('the seal block keeps body text with it', () => {
      for (const name of EDITED) {
        const doc = DOCS[name]!;
        const lines = editedLines[name]!;
        const date = doc.signature!.date.trim();
        const at = lines.find((l) => l.text === date);
        expect(at, name).toBeDefined();
        const above = lines.filter(
          (l) =>
            l.page === at!.page &&
            l.yMax < at!.yMin &&
            l.text !== doc.signature!.issuer.trim() &&
            !l.text.startsWith('附件') &&
            l.xMax - l.xMin > 100,
        );
        expect(above.length, `${name}: nothing but the seal block on page ${at!.page}`).toBeGreaterThan(0);
      }
    });

    it('the 版记 stays at the foot of the last page', () => {
      for (const name of EDITED) {
        if (!DOCS[name]!.imprint) continue;
        const lines = editedLines[name]!;
        const last = Math.max(...lines.map((l) => l.page));
        const printed = lines.find((l) => l.text.endsWith('印发'));
        expect(printed?.page, name).toBe(last);
        expect(printed!.yMax, name).toBeGreaterThan(BLOCK_BOTTOM - 29);
        expect(printed!.yMax, name).toBeLessThan(BLOCK_BOTTOM + 3);
      }
    });
  });

  it('with only fonts-noto-cjk, no body line holds a single character except a paragraph’s last', () => {
    for (const name of NOTO_ONLY) {
      const doc = DOCS[name]!;
      const ends = new Set<string>();
      const add = (t: string): void => void ends.add(Array.from(t.trim()).at(-1) ?? '');
      for (const b of [...doc.blocks, ...(doc.annexes ?? []).flatMap((a) => a.blocks)]) {
        if (b.type === 'paragraph' || b.type === 'heading') add(b.text);
        if (b.type === 'table')
          for (const cell of [...b.columns.map((c) => c.title), ...b.rows.flat()]) add(cell);
      }
      for (const t of [doc.title, doc.addressee ?? '', doc.note ?? '', ...(doc.attachments ?? [])]) add(t);
      const single = notoPages[name]!.flat().filter((l) => Array.from(l).length === 1);
      for (const l of single) expect(ends.has(l), `${name}: a line of “${l}” alone`).toBe(true);
    }
  });

  it('indents the list-numbered headings two characters, as the PDF does', () => {
    const left = (pdf: string, word: RegExp): number[] =>
      [...run('pdftotext', ['-bbox', pdf, '-']).matchAll(/<word xMin="([\d.]+)"[^>]*>([^<]*)</g)]
        .filter((m) => word.test(m[2] ?? ''))
        .map((m) => Number(m[1]));
    for (const heading of [/^二、/, /^（一）/]) {
      const inPdf = left(join(ARTIFACTS, 'docx-pages-rectification.pdf'), heading);
      const inLo = left(loPdf.rectification!, heading);
      expect(inPdf.length).toBeGreaterThan(0);
      expect(inLo.length).toBe(inPdf.length);
      inPdf.forEach((x, i) => expect(Math.abs((inLo[i] as number) - x)).toBeLessThan(3));
    }
  });

  it('never leaves the 署名 and 成文日期 alone on the last page, in the PDF and in the DOCX', () => {
    for (const pages of [pdfPages.lastLines!, loPages.lastLines!]) {
      expect(pages.length).toBe(2);
      const last = pages.at(-1)!;
      expect(last.at(-1)).toBe('2026年11月26日');
      // Two body lines at least, then 署名 and 成文日期.
      expect(last.length).toBeGreaterThanOrEqual(4);
      expect(last.at(-2)).toBe('德阳市司法局');
    }
  });

  it('places the 通报’s charts on the same pages as the PDF, each with its caption under it', () => {
    const imagePages = (pdf: string): number[] =>
      run('pdfimages', ['-list', pdf])
        .split('\n')
        .slice(2)
        .map((l) => l.trim().split(/\s+/))
        .filter((c) => c[2] === 'image')
        .map((c) => Number(c[0]));
    const pdf = join(ARTIFACTS, 'docx-pages-reportCharts.pdf');
    const inPdf = imagePages(pdf);
    expect(inPdf).toHaveLength(2);
    expect(imagePages(loPdf.reportCharts!)).toEqual(inPdf);
    // Each caption (图1, 图2) on its chart's page, in both, and the chart above it: the caption sits at least the
    // chart's 75 mm below the page's top margin. Its height on the page may differ by one grid line in LibreOffice
    // (a figure-dense paragraph before it runs a line longer there, see the page-count test).
    const caption = (lines: BoxLine[], n: number): BoxLine | undefined =>
      lines.find((l) => l.text.startsWith(`图${n}`) && !l.text.includes('见图'));
    const pdfLines = boxLines(pdf);
    const loLines = boxLines(loPdf.reportCharts!);
    const pitch = mmToPt(GEOMETRY.blockHeightMm) / 22;
    for (const n of [1, 2]) {
      const a = caption(pdfLines, n);
      const b = caption(loLines, n);
      expect({ n, pdf: a?.page, docx: b?.page }).toEqual({ n, pdf: inPdf[n - 1], docx: inPdf[n - 1] });
      expect(a!.yMin).toBeGreaterThan(mmToPt(GEOMETRY.marginTopMm + 75));
      expect(Math.abs(b!.yMin - a!.yMin), `图${n}`).toBeLessThan(pitch + 3);
    }
  });

  it('ends the 版记 on the last page in both', () => {
    expect(pdfPages.table!.at(-1)!.at(-1)).toContain('印发');
    expect(loPages.table!.at(-1)!.at(-1)).toContain('印发');
  });

  it('sets the letter mark 30 mm below the top of page 1 in LibreOffice as in the PDF', () => {
    const top = (pdf: string): number => {
      const xml = run('pdftotext', ['-bbox', '-f', '1', '-l', '1', pdf, '-']);
      const m = /yMin="([\d.]+)"[^>]*>德阳市司法局</.exec(xml);
      return Number(m?.[1]);
    };
    const pdfTop = top(join(ARTIFACTS, 'docx-pages-letter.pdf'));
    const loTop = top(loPdf.letter!);
    expect(Math.abs(pdfTop - mmToPt(30))).toBeLessThan(mmToPt(3));
    expect(Math.abs(loTop - mmToPt(30))).toBeLessThan(mmToPt(3));
  });
});
