// 通用格式 on even pages (GB/T 9704 7.5, printed double-sided) and the signature-page rule (7.3.5.5), on the layout
// of documents of every length and on real PDF bytes (pdftotext per page). The poppler checks skip, saying why,
// without poppler.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FRAME,
  closingWithoutText,
  layoutDocument,
  type DocumentLayout,
} from '../../shared/documents/layout';
import type { OfficialDocument } from '../../shared/documents/layout-model';
import { renderDocx } from '../../shared/documents/render-docx';
import { renderPdf } from '../../shared/documents/render-pdf';
import { appBundledFonts } from '../fixtures/bundled-fonts';
import { libreOfficeWithAppFonts } from '../fixtures/libreoffice-fonts';

// The faces users get without office fonts (the 正文 in FandolFang), in the PDF and, through the same fixture's
// fontconfig, in LibreOffice.
const fonts = appBundledFonts();
const HAS_POPPLER = !spawnSync('pdftotext', ['-v'], { encoding: 'utf8' }).error;
if (!HAS_POPPLER) console.log('[documents-even-pages] 跳过 PDF 检查：未安装 poppler-utils。');
const HAS_LIBREOFFICE = HAS_POPPLER && !spawnSync('libreoffice', ['--version']).error;
if (!HAS_LIBREOFFICE) console.log('[documents-even-pages] 跳过 DOCX 检查：未安装 LibreOffice。');

/** One grid line of body text per paragraph (two cells of indent and 26 characters). */
const LINE = '德阳市司法局组织开展行政执法案卷评查工作情况说明如下';

function notice(paragraphs: number, attachments: string[] = []): OfficialDocument {
  return {
    style: 'document',
    issuerMark: '德阳市司法局',
    docNumber: '德司法〔2026〕3号',
    title: '德阳市司法局关于行政执法案卷评查发现问题的通知',
    addressee: '德阳市市场监督管理局：',
    blocks: Array.from({ length: paragraphs }, () => ({ type: 'paragraph' as const, text: LINE })),
    attachments,
    signature: { issuer: '德阳市司法局', date: '2026年12月1日', sealPlace: true },
    imprint: { copyTo: '市人民政府办公室', printer: '德阳市司法局办公室', printDate: '2026年12月1日' },
  };
}

const pageOf = (layout: DocumentLayout, role: string): number =>
  layout.pages.find((p) => p.items.some((i) => i.kind === 'text' && i.role === role))?.number ?? 0;
const numbered = (layout: DocumentLayout, n: number): boolean =>
  layout.pages[n - 1]!.items.some((i) => i.kind === 'text' && i.role === 'pageNumber');
const empty = (layout: DocumentLayout, n: number): boolean =>
  layout.pages[n - 1]!.items.every((i) => i.kind === 'text' && i.role === 'pageNumber');

describe('通用格式 on even pages', () => {
  const lengths = Array.from({ length: 90 }, (_, i) => i + 10);

  it('puts the 版记 on an even page (from page 2 on) for documents of every length, on the last page', () => {
    let moved = 0;
    for (const n of lengths) {
      const layout = layoutDocument(notice(n));
      const page = pageOf(layout, 'footerNote');
      expect({ n, page, last: layout.pages.length }).toEqual({ n, page, last: page });
      if (page > 1) expect({ n, even: page % 2 === 0 }).toEqual({ n, even: true });
      if (pageOf(layout, 'date') < page) moved += 1;
    }
    // Some lengths end their text on an odd page with room for the 版记: it went over to the next page.
    expect(moved).toBeGreaterThan(5);
  });

  it('leaves a blank page without a number before the 版记 where the text fills an even page', () => {
    let blanks = 0;
    for (const n of lengths) {
      const layout = layoutDocument(notice(n));
      const page = pageOf(layout, 'footerNote');
      const before = page - 1;
      if (before > 1 && empty(layout, before)) {
        blanks += 1;
        // GB/T 9704 7.5: the blank page and the 版记 page after it carry no page number.
        expect(numbered(layout, page)).toBe(false);
      } else if (page > 1) {
        expect({ n, numbered: numbered(layout, page) }).toEqual({ n, numbered: true });
      }
    }
    expect(blanks).toBeGreaterThan(0);
  });

  it('never leaves the 署名 and 成文日期 on a page without 正文, whatever opened it (附件说明 included)', () => {
    const names = ['德阳市市场监督管理局行政执法案卷评查问题清单', '德阳市市场监督管理局整改情况报告表'];
    for (const n of lengths) {
      const layout = layoutDocument(notice(n, names));
      expect({ n, alone: closingWithoutText(layout) }).toEqual({ n, alone: false });
      const sig = pageOf(layout, 'signature');
      expect(pageOf(layout, 'attachment')).toBeLessThanOrEqual(sig);
    }
  });
});

describe.skipIf(!HAS_POPPLER)('通用格式 on even pages, in the PDF bytes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'even-pages-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const pagesOf = async (doc: OfficialDocument, name: string): Promise<string[]> => {
    const file = join(dir, `${name}.pdf`);
    writeFileSync(file, await renderPdf(doc, fonts, { creationDate: new Date('2026-12-01T00:00:00Z') }));
    const r = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    return r.stdout
      .split('\f')
      .slice(0, -1)
      .map((p) => p.replace(/\s+/g, ''));
  };
  const find = (predicate: (l: DocumentLayout) => boolean): number => {
    const n = Array.from({ length: 90 }, (_, i) => i + 10).find((k) => predicate(layoutDocument(notice(k))));
    if (n === undefined) throw new Error('no such length');
    return n;
  };

  it('prints the 版记 on page 4 alone (numbered) when the text ends on page 3 with room', async () => {
    // The shortest notice whose 成文日期 falls on page 3: its 版记 had room there.
    const n = find((l) => pageOf(l, 'date') === 3);
    const pages = await pagesOf(notice(n), 'odd-end');
    expect(pages).toHaveLength(4);
    expect(pages[2]).toContain('2026年12月1日');
    expect(pages[2]).not.toContain('印发');
    expect(pages[3]).toBe('抄送：市人民政府办公室。德阳市司法局办公室2026年12月1日印发—4—');
  });

  it('prints a blank page 3 and the 版记 on page 4, neither numbered, when the text fills page 2', async () => {
    const n = find((l) => l.pages.length === 4 && empty(l, 3));
    const pages = await pagesOf(notice(n), 'blank');
    expect(pages).toHaveLength(4);
    expect(pages[1]).toContain('—2—');
    expect(pages[2]).toBe('');
    expect(pages[3]).toBe('抄送：市人民政府办公室。德阳市司法局办公室2026年12月1日印发');
  });

  it('carries body text onto the page of the 署名 when the 附件说明 would open it', async () => {
    const names = ['德阳市市场监督管理局行政执法案卷评查问题清单', '德阳市市场监督管理局整改情况报告表'];
    // A length where, laid out without the rule, the 附件说明 opened the 署名's page.
    const n = Array.from({ length: 90 }, (_, i) => i + 10).find((k) => {
      const l = layoutDocument(notice(k, names));
      const sig = pageOf(l, 'signature');
      return l.pages[sig - 1]!.items.filter((i) => i.kind === 'text' && i.role === 'body').length === 2;
    });
    expect(n).toBeDefined();
    const pages = await pagesOf(notice(n!, names), 'attachments');
    const sig = pages.findIndex((p) => p.includes('2026年12月1日') && !p.includes('印发'));
    expect(pages[sig]!.startsWith(LINE + LINE + '附件：1．')).toBe(true);
  });
});

const LENGTHS = Array.from({ length: 90 }, (_, i) => i + 10);
const lengthWhere = (predicate: (l: DocumentLayout) => boolean): number => {
  const n = LENGTHS.find((k) => predicate(layoutDocument(notice(k))));
  if (n === undefined) throw new Error('no such length');
  return n;
};
const documentXml = async (doc: OfficialDocument): Promise<string> =>
  strFromU8(unzipSync(await renderDocx(doc))['word/document.xml']!);

describe('通用格式 on even pages, in the DOCX', () => {
  it('starts the 版记 in a section of type evenPage only where the PDF gives it a page of its own', async () => {
    const shares = lengthWhere((l) => l.imprintPage === null && l.pages.length === 2);
    const alone = lengthWhere((l) => l.imprintPage === 'alone');
    const blank = lengthWhere((l) => l.imprintPage === 'afterBlank');
    expect(await documentXml(notice(shares))).not.toContain('w:val="evenPage"');
    for (const n of [alone, blank]) {
      const xml = await documentXml(notice(n));
      expect(xml.match(/<w:type w:val="evenPage"\/>/g)).toHaveLength(1);
      // The text ends the first section; the 版记 lines are in the second, the one that starts on an even page.
      const firstSection = xml.indexOf('<w:sectPr');
      expect(xml.lastIndexOf(LINE)).toBeLessThan(firstSection);
      expect(xml.indexOf('抄送')).toBeGreaterThan(firstSection);
      expect(xml.indexOf('w:val="evenPage"')).toBeGreaterThan(xml.indexOf('抄送'));
    }
  });
});

describe.skipIf(!HAS_LIBREOFFICE)('通用格式 on even pages, the DOCX in LibreOffice', () => {
  const dir = mkdtempSync(join(tmpdir(), 'even-pages-docx-'));
  const pages: Record<string, string[]> = {};
  const foot: Record<string, number> = {};
  const cases = {
    alone: () => lengthWhere((l) => l.imprintPage === 'alone'),
    afterBlank: () => lengthWhere((l) => l.imprintPage === 'afterBlank'),
  };
  beforeAll(async () => {
    for (const [name, n] of Object.entries(cases)) {
      writeFileSync(join(dir, `${name}.docx`), await renderDocx(notice(n()), fonts));
    }
    // Exported as printed: with the blank pages the word processor inserts for an evenPage section.
    const r = spawnSync(
      'libreoffice',
      [
        '--headless',
        '--convert-to',
        'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}',
        '--outdir',
        dir,
        ...Object.keys(cases).map((c) => join(dir, `${c}.docx`)),
      ],
      { encoding: 'utf8', env: { ...process.env, ...libreOfficeWithAppFonts(dir) }, timeout: 180_000 },
    );
    if (r.status !== 0) throw new Error(`libreoffice failed: ${r.stderr}`);
    for (const name of Object.keys(cases)) {
      const pdf = join(dir, `${name}.pdf`);
      pages[name] = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })
        .stdout.split('\f')
        .slice(0, -1)
        .map((p) => p.replace(/\s+/g, ''));
      const box = spawnSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' }).stdout;
      foot[name] = Number(/yMax="([\d.]+)">[^<]*印发<\/word>/.exec(box)?.[1]);
    }
  }, 240_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('puts the 版记 on the next even page, at the foot of the text block, as the PDF does', () => {
    for (const name of Object.keys(cases)) {
      const p = pages[name]!;
      expect({ name, pages: p.length % 2 }).toEqual({ name, pages: 0 });
      expect(p.at(-1)).toMatch(/^抄送：市人民政府办公室。德阳市司法局办公室2026年12月1日印发/);
      expect(p.at(-2)).not.toContain('印发');
      // The 印发 line's box ends within a few points of the foot of the 版心.
      expect(Math.abs(foot[name]! - FRAME.blockBottom)).toBeLessThan(8);
    }
  });

  it('numbers the 版记 page after the text, but neither the blank page nor the 版记 page after it', () => {
    expect(pages.alone!.at(-1)).toMatch(/—\d+—$/);
    expect(pages.afterBlank!.at(-2)).toBe('');
    expect(pages.afterBlank!.at(-1)).not.toMatch(/—\d+—$/);
  });
});
