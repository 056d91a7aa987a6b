// The DOCX is written from the PDF's layout: same pages, and the same first and last line on every page, in
// LibreOffice; the letter head at the PDF's positions, named styles with outline levels, a font table with
// fallbacks. LibreOffice runs with a
// fontconfig file that maps the official font names to a stand-in with half-width Latin (as 仿宋_GB2312 has);
// each LibreOffice check skips, saying why, when LibreOffice or poppler is not installed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCX_STYLES, chineseCounting, renderDocx } from '../../shared/documents/render-docx';
import { layoutWithFonts, renderPdf } from '../../shared/documents/render-pdf';
import { sampleLetter } from '../../shared/documents/sample';
import { mmToPt, type OfficialDocument } from '../../shared/documents/layout-model';
import { defaultLetterSettings } from '../../shared/letters/letter-settings';
import {
  basisFromStandards,
  buildRectificationLetter,
  letterFactsFor,
} from '../../shared/letters/rectification-letter';
import { sampleReviewedFiles } from '../../shared/letters/sample-results';
import { buildCampaignResults } from '../../shared/review/results';
import { defaultStandards } from '../../shared/standards/default-standards';
import { bundledFontsFromNodeModules } from '../fixtures/bundled-fonts';
import { drawRecordDoc, letterDoc, reportDoc, reviewNoticeDoc } from '../fixtures/official-documents';

const ARTIFACTS = join(process.cwd(), 'test', 'artifacts');
// All four faces, as the app embeds them (仿宋, 小标宋, 黑体, 楷体 stand-ins).
const fonts = bundledFontsFromNodeModules();
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

  it('ends every line of a paragraph where the PDF does, in one paragraph per block', async () => {
    const doc = DOCS.report30!;
    const layout = layoutWithFonts(doc, fonts);
    const xml = strFromU8(unzipSync(await renderDocx(doc, fonts))['word/document.xml'] as Uint8Array);
    const paragraphs = [...xml.matchAll(/<w:p>[\s\S]*?<\/w:p>/g)].map((m) => ({
      texts: [...m[0].matchAll(/<w:t xml:space="preserve">([^<]*)<\/w:t>/g)].map((t) => t[1]),
      breaks: m[0].match(/<w:br\/>/g)?.length ?? 0,
    }));
    let checked = 0;
    doc.blocks.forEach((b, index) => {
      if (b.type !== 'paragraph') return;
      const lines = layout.pages
        .flatMap((p) => p.items)
        .filter((i) => i.kind === 'text' && i.source?.part === 'block' && i.source.index === index)
        .map((i) => (i.kind === 'text' ? { line: i.source!.line, text: i.text } : null)!)
        .sort((a, c) => a.line - c.line)
        .map((l) => l.text);
      if (lines.length < 2) return;
      const found = paragraphs.find((p) => p.texts.join('') === lines.join(''));
      expect(found?.texts).toEqual(lines);
      expect(found?.breaks).toBe(lines.length - 1);
      checked += 1;
    });
    expect(checked).toBeGreaterThan(5);
  });

  it('starts a new table, with the header row, on each page the PDF table turns', async () => {
    const doc = DOCS.table!;
    const layout = layoutWithFonts(doc, fonts);
    const pages = new Set(layout.tableRowPages[2]);
    expect(pages.size).toBeGreaterThan(2);
    const xml = strFromU8(unzipSync(await renderDocx(doc, fonts))['word/document.xml'] as Uint8Array);
    const tables = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
    expect(tables.length).toBe(pages.size);
    for (const t of tables)
      expect(t).toMatch(/^<w:tbl>(?:(?!<w:tr>)[\s\S])*<w:tr><w:trPr><w:cantSplit\/><w:tblHeader\/>/);
    // The rows of each table are the rows the PDF sets on that page.
    const firstCells = tables.map(
      (t) => /<w:tr><w:trPr><w:cantSplit\/><w:trHeight[\s\S]*?<w:t xml:space="preserve">(\d+)</.exec(t)?.[1],
    );
    const rowPages = layout.tableRowPages[2]!;
    const starts = rowPages.flatMap((p, i) => (i === 0 || p !== rowPages[i - 1] ? [String(i + 1)] : []));
    expect(firstCells).toEqual(starts);
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
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pingcha-docx-pages-'));
    mkdirSync(ARTIFACTS, { recursive: true });
    const conf = join(dir, 'fonts.conf');
    // Stand-ins for the official faces: Noto Sans Mono CJK has half-width Latin like 仿宋_GB2312.
    const alias = (name: string): string =>
      `<alias binding="same"><family>${name}</family><prefer><family>Noto Sans Mono CJK SC</family></prefer></alias>`;
    writeFileSync(
      conf,
      `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include>${['仿宋_GB2312', '方正小标宋简体', '黑体', '楷体_GB2312', '宋体'].map(alias).join('')}</fontconfig>`,
    );
    const docxFiles: string[] = [];
    for (const [name, doc] of Object.entries(DOCS)) {
      const pdf = join(ARTIFACTS, `docx-pages-${name}.pdf`);
      writeFileSync(pdf, await renderPdf(doc, fonts, { creationDate: new Date('2026-11-26T09:00:00Z') }));
      const docx = join(dir, `${name}.docx`);
      writeFileSync(docx, await renderDocx(doc, fonts));
      docxFiles.push(docx);
      pdfPages[name] = pageLines(pdf);
    }
    run('libreoffice', ['--headless', '--convert-to', 'pdf', '--outdir', dir, ...docxFiles], {
      FONTCONFIG_FILE: conf,
      HOME: dir,
    });
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

  it('has the same number of pages as the PDF', () => {
    for (const name of Object.keys(DOCS)) {
      expect({ name, pages: loPages[name]!.length }).toEqual({ name, pages: pdfPages[name]!.length });
    }
    expect(pdfPages.notice!.length).toBeGreaterThan(3);
    expect(pdfPages.table!.length).toBeGreaterThan(2);
  });

  it('has the same first and last line on every page as the PDF, for every document', () => {
    const differ: string[] = [];
    let compared = 0;
    for (const name of Object.keys(DOCS)) {
      pdfPages[name]!.forEach((lines, i) => {
        const lo = loPages[name]![i] ?? [];
        compared += 1;
        if (lo[0] !== lines[0]) differ.push(`${name} p${i + 1} first: ${lines[0]} | ${lo[0]}`);
        if (lo.at(-1) !== lines.at(-1)) differ.push(`${name} p${i + 1} last: ${lines.at(-1)} | ${lo.at(-1)}`);
      });
    }
    expect(differ).toEqual([]);
    // The long cases are long: a 60-file letter with its 附件, a 30-department 通报.
    expect(pdfPages.rectification60!.length).toBeGreaterThan(10);
    expect(pdfPages.report30!.length).toBeGreaterThan(3);
    expect(compared).toBeGreaterThan(50);
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

  it('puts the same lines on the signature page in the DOCX as in the PDF', () => {
    expect(loPages.lastLines!.at(-1)).toEqual(pdfPages.lastLines!.at(-1));
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
