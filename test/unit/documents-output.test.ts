// Checks the real PDF and DOCX output with poppler-utils and LibreOffice. Each check skips, saying why,
// when its tool is not installed (npm test must pass on a machine with nothing but npm install).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCX_FONTS, DOCX_GEOMETRY, renderDocx } from '../../shared/documents/render-docx';
import { renderPdf } from '../../shared/documents/render-pdf';
import { documentText, sampleLetter } from '../../shared/documents/sample';
import { mmToPt } from '../../shared/documents/layout-model';

const ARTIFACTS = join(process.cwd(), 'test', 'artifacts');
const FONT_DIR = join(process.cwd(), 'node_modules', '@expo-google-fonts', 'noto-serif-sc');
const fonts = {
  body: new Uint8Array(readFileSync(join(FONT_DIR, '400Regular', 'NotoSerifSC_400Regular.ttf'))),
  bold: new Uint8Array(readFileSync(join(FONT_DIR, '700Bold', 'NotoSerifSC_700Bold.ttf'))),
};
const WHEN = new Date('2026-11-26T09:00:00+08:00');

function has(tool: string, arg = '-v'): boolean {
  const r = spawnSync(tool, [arg], { encoding: 'utf8' });
  return !r.error;
}
const HAS_POPPLER = has('pdftotext') && has('pdffonts') && has('pdfinfo') && has('pdftoppm');
const HAS_LIBREOFFICE = has('libreoffice', '--version');
if (!HAS_POPPLER)
  console.log(
    '[documents-output] 跳过 PDF 输出检查：未安装 poppler-utils（pdftotext/pdffonts/pdfinfo/pdftoppm）。',
  );
if (!HAS_LIBREOFFICE) console.log('[documents-output] 跳过 DOCX 转换检查：未安装 libreoffice。');

function run(cmd: string, args: string[], env?: NodeJS.ProcessEnv): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}
const squash = (s: string): string => s.replace(/\s+/g, '');
const withoutPageNumbers = (s: string): string => s.replace(/[—–-]\d+[—–-]/g, '');

/** Fraction of non-white pixels in a binary PGM (P5) from pdftoppm -gray. */
function inkRatio(pgm: Uint8Array): number {
  const header = strFromU8(pgm.subarray(0, 64));
  const m = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(header);
  if (!m) throw new Error('not a PGM');
  const w = Number(m[1]);
  const h = Number(m[2]);
  const pixels = pgm.subarray(pgm.length - w * h);
  let dark = 0;
  for (const p of pixels) if (p < 128) dark += 1;
  return dark / (w * h);
}

const letter = sampleLetter({ files: 3, withTable: true });
const plainLetter = sampleLetter({ files: 3 });

describe.skipIf(!HAS_POPPLER)('PDF output (poppler)', () => {
  let dir: string;
  let pdfPath: string;
  let plainPath: string;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'pingcha-pdf-'));
    pdfPath = join(ARTIFACTS, 'documents-letter.pdf');
    plainPath = join(ARTIFACTS, 'documents-letter-plain.pdf');
    writeFileSync(pdfPath, await renderPdf(letter, fonts, { creationDate: WHEN }));
    writeFileSync(plainPath, await renderPdf(plainLetter, fonts, { creationDate: WHEN }));
    // Page 1 for a person to look at.
    run('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      pdfPath,
      join(ARTIFACTS, 'documents-letter-page'),
    ]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is A4 with the title and creator set', () => {
    const info = run('pdfinfo', [pdfPath]);
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts/);
    expect(info).toContain(`Title:           ${letter.title}`);
    expect(info).toMatch(/Creator:\s+评查台/);
    expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBeGreaterThanOrEqual(2);
  });

  it('embeds subset fonts named with a six-letter tag', () => {
    const rows = run('pdffonts', [pdfPath])
      .split('\n')
      .slice(2)
      .filter((l) => l.trim() !== '');
    expect(rows.length).toBe(2); // regular (body) and bold (title, headings)
    for (const row of rows) {
      const cols = row.trim().split(/\s+/);
      expect(cols[0]).toMatch(/^[A-Z]{6}\+NotoSerifSC-(Regular|Bold)$/);
      // name type... emb sub uni
      const [emb, sub, uni] = cols.slice(-5, -2);
      expect([emb, sub, uni]).toEqual(['yes', 'yes', 'yes']);
    }
  });

  it('contains exactly the source text (whitespace and page numbers aside)', () => {
    const text = run('pdftotext', ['-layout', plainPath, '-']);
    expect(withoutPageNumbers(squash(text))).toBe(squash(documentText(plainLetter)));
    expect(squash(text)).toContain('—2—');
  });

  it('keeps the table text and repeats no text out of order', () => {
    const text = squash(run('pdftotext', ['-layout', pdfPath, '-']));
    for (const b of letter.blocks) if (b.type === 'paragraph') expect(text).toContain(squash(b.text));
    expect(text).toContain('序号案卷编号评查等次主要问题');
    expect(text).toContain('德市监罚〔2026〕15号');
  });

  it('sets text inside the margins: left edge at 28 mm, first body line at 37 mm', () => {
    const html = run('pdftotext', ['-bbox', '-f', '2', '-l', '2', plainPath, '-']);
    const words = [
      ...html.matchAll(/xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</g),
    ].map((m) => ({
      x0: Number(m[1]),
      y0: Number(m[2]),
      x1: Number(m[3]),
      y1: Number(m[4]),
      text: m[5] as string,
    }));
    const body = words.filter((w) => !/^[—\d]+$/.test(w.text));
    expect(body.length).toBeGreaterThan(10);
    const left = Math.min(...body.map((w) => w.x0));
    const right = Math.max(...body.map((w) => w.x1));
    const top = Math.min(...body.map((w) => w.y0));
    const bottom = Math.max(...body.map((w) => w.y1));
    expect(Math.abs(left - mmToPt(28))).toBeLessThan(1.5);
    expect(right).toBeLessThan(mmToPt(28 + 156) + 1.5);
    expect(top).toBeGreaterThan(mmToPt(37) - 1);
    expect(top).toBeLessThan(mmToPt(37) + 10);
    expect(bottom).toBeLessThan(mmToPt(37 + 225) + 1);
  });

  it('is byte-identical for the same input and creation date', async () => {
    const again = await renderPdf(plainLetter, fonts, { creationDate: WHEN });
    expect(Buffer.compare(Buffer.from(again), readFileSync(plainPath))).toBe(0);
  });

  it('renders visibly with every system font hidden (fonts are really embedded)', () => {
    const conf = join(dir, 'fonts.conf');
    writeFileSync(
      conf,
      '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig></fontconfig>',
    );
    const env = { FONTCONFIG_FILE: conf, FONTCONFIG_PATH: dir, XDG_CACHE_HOME: dir };
    run('pdftoppm', ['-gray', '-r', '30', '-f', '1', '-l', '2', plainPath, join(dir, 'hidden')], env);
    run('pdftoppm', ['-gray', '-r', '30', '-f', '1', '-l', '2', plainPath, join(dir, 'shown')]);
    const ratios = (prefix: string): number[] =>
      readdirSync(dir)
        .filter((f) => f.startsWith(prefix) && f.endsWith('.pgm'))
        .sort()
        .map((f) => inkRatio(new Uint8Array(readFileSync(join(dir, f)))));
    const hidden = ratios('hidden');
    const shown = ratios('shown');
    expect(hidden).toHaveLength(2);
    hidden.forEach((r, i) => {
      // A page of 3号 text inks about 1-2 % of the page at 30 dpi; a page whose glyphs failed is near 0.
      expect(r).toBeGreaterThan(0.008);
      expect(Math.abs(r - (shown[i] as number))).toBeLessThan(0.001);
    });
  });

  it('refuses a CFF-outline (.otf) font with a Chinese message', async () => {
    const otf = spawnSync('fc-list', [':lang=zh', 'file'], { encoding: 'utf8' })
      .stdout?.split('\n')
      .map((l) => l.replace(/:\s*$/, '').trim())
      .find((f) => f.endsWith('.otf'));
    if (!otf) {
      console.log('[documents-output] 跳过 CFF 字体检查：系统中没有 .otf 中文字体。');
      return;
    }
    await expect(renderPdf(plainLetter, { body: new Uint8Array(readFileSync(otf)) })).rejects.toThrow(
      'CFF 轮廓',
    );
  });
});

describe.skipIf(!HAS_LIBREOFFICE || !HAS_POPPLER)('DOCX output (LibreOffice)', () => {
  let dir: string;
  let docx: Uint8Array;
  let converted: string;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'pingcha-docx-'));
    docx = await renderDocx(plainLetter);
    const path = join(ARTIFACTS, 'documents-letter.docx');
    writeFileSync(path, docx);
    const profile = `file://${join(dir, `lo-profile-${Math.random().toString(36).slice(2)}`)}`;
    run('libreoffice', [
      `-env:UserInstallation=${profile}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      dir,
      path,
    ]);
    converted = join(dir, 'documents-letter.pdf');
    run('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      converted,
      join(ARTIFACTS, 'documents-letter-docx-page'),
    ]);
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('converts to A4 with the same text', () => {
    expect(run('pdfinfo', [converted])).toMatch(/Page size:\s+595\.3\d* x 841\.89 pts/);
    const text = withoutPageNumbers(squash(run('pdftotext', ['-layout', converted, '-'])));
    // LibreOffice hangs a pause mark (、，) past the right margin at a line end and it is then missing from the
    // extracted text: compare the words exactly and allow a few missing marks.
    const noPunct = (s: string): string => s.replace(/\p{P}/gu, '');
    const expected = squash(documentText(plainLetter));
    expect(noPunct(text)).toBe(noPunct(expected));
    expect(expected.length - text.length).toBeGreaterThanOrEqual(0);
    expect(expected.length - text.length).toBeLessThanOrEqual(8);
  });

  it('sets 28 body characters on a full line', () => {
    const lines = run('pdftotext', ['-layout', converted, '-'])
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => /^[\u4e00-\u9fff，。、；：（）《》“”]+$/.test(l));
    const counts = lines.map((l) => Array.from(l).length);
    expect(Math.max(...counts)).toBe(28);
  });
});

describe('DOCX package', () => {
  it('names the official fonts in the east-Asian slots and sets the GB/T 9704 page', async () => {
    const files = unzipSync(await renderDocx(plainLetter));
    const xml = strFromU8(files['word/document.xml'] as Uint8Array);
    const styles = strFromU8(files['word/styles.xml'] as Uint8Array);
    expect(styles).toContain(`w:eastAsia="${DOCX_FONTS.body}"`);
    expect(styles).toContain(`w:eastAsia="${DOCX_FONTS.title}"`);
    expect(styles).toContain(`w:eastAsia="${DOCX_FONTS.heading1}"`);
    expect(styles).toContain(`w:eastAsia="${DOCX_FONTS.heading2}"`);
    const headers = Object.keys(files)
      .filter((f) => /^word\/header\d+\.xml$/.test(f))
      .map((f) => strFromU8(files[f] as Uint8Array))
      .join('');
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    expect(xml).toMatch(/<w:docGrid w:type="lines" w:linePitch="579"/);
    expect(xml).toContain('<w:titlePg/>');
    expect(xml).toMatch(/<w:spacing w:after="0" w:before="0" w:line="579" w:lineRule="exact"\/>/);
    expect(headers).toContain('w:color="E60012"');
    const settings = strFromU8(files['word/settings.xml'] as Uint8Array);
    expect(settings).toContain('<w:evenAndOddHeaders/>');
    const footers = Object.keys(files).filter((f) => /^word\/footer\d+\.xml$/.test(f));
    expect(footers).toHaveLength(3);
    const footerXml = footers.map((f) => strFromU8(files[f] as Uint8Array)).join('');
    expect(footerXml).toContain('PAGE');
    expect(footerXml).toContain('w:val="right"');
    expect(footerXml).toContain('w:val="left"');
    expect(DOCX_GEOMETRY.linePitch * 22).toBeLessThanOrEqual(16838 - 2098 - 1984);
  });

  it('keeps the page number on page 1 in document style (the first-page footer has one)', async () => {
    const files = unzipSync(await renderDocx(sampleLetter({ style: 'document' })));
    const rels = strFromU8(files['word/document.xml'] as Uint8Array);
    const first = /<w:footerReference w:type="first" r:id="(rId\d+)"/.exec(rels)?.[1];
    const map = strFromU8(files['word/_rels/document.xml.rels'] as Uint8Array);
    const target = new RegExp(`Id="${first}"[^>]*Target="([^"]+)"`).exec(map)?.[1] ?? '';
    expect(strFromU8(files[`word/${target}`] as Uint8Array)).toContain('PAGE');
    const letterFiles = unzipSync(await renderDocx(sampleLetter({ style: 'letter' })));
    const lrels = strFromU8(letterFiles['word/document.xml'] as Uint8Array);
    const lfirst = /<w:footerReference w:type="first" r:id="(rId\d+)"/.exec(lrels)?.[1];
    const lmap = strFromU8(letterFiles['word/_rels/document.xml.rels'] as Uint8Array);
    const ltarget = new RegExp(`Id="${lfirst}"[^>]*Target="([^"]+)"`).exec(lmap)?.[1] ?? '';
    expect(strFromU8(letterFiles[`word/${ltarget}`] as Uint8Array)).not.toContain('PAGE');
  });
});
