// The four faces of an official document on real bytes: pdffonts lists one embedded subset per face,
// pdftotext -bbox puts each heading in its face, the DOCX styles name the official fonts with fallbacks.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { fontFileKind, readFontNames, sfntFromWoff } from '../../shared/documents/font-file';
import { DOCX_FONTS, DOCX_STYLES, renderDocx } from '../../shared/documents/render-docx';
import { layoutWithFonts, renderPdf } from '../../shared/documents/render-pdf';
import { sampleLetter } from '../../shared/documents/sample';
import { BUNDLED_FONT_FILES, bundledFontsFromNodeModules } from '../fixtures/bundled-fonts';

const fonts = bundledFontsFromNodeModules();
const HAS_POPPLER = ['pdffonts', 'pdftotext', 'pdftohtml'].every((t) => !spawnSync(t, ['-v']).error);
if (!HAS_POPPLER) console.log('[documents-faces] 跳过 PDF 字体检查：未安装 poppler-utils。');

const run = (cmd: string, args: string[]): string => {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  return r.stdout;
};

const letter = sampleLetter({ files: 2, withTable: true });
const dir = mkdtempSync(join(tmpdir(), 'pingcha-faces-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bundled open fonts', () => {
  it('unwraps LXGW WenKai from WOFF into a TrueType file fontkit can subset', () => {
    const woff = new Uint8Array(readFileSync(BUNDLED_FONT_FILES.kai));
    expect(fontFileKind(woff)).toBe('woff');
    expect(fontFileKind(fonts.kai)).toBe('truetype');
    expect(readFontNames(fonts.kai)?.families).toEqual(expect.arrayContaining(['LXGW WenKai', '霞鹜文楷']));
    expect(() => sfntFromWoff(fonts.body)).toThrow('不是 WOFF');
  });

  it('names each bundled file as the face it stands for', () => {
    expect(readFontNames(fonts.bold)?.postscript).toBe('NotoSansSC-Medium');
    expect(readFontNames(fonts.body)?.postscript).toBe('NotoSerifSC-Regular');
    expect(readFontNames(fonts.title)?.postscript).toBe('NotoSerifSC-Bold');
  });

  it('lays out headings in their face: level 1 黑体 (bold), level 2 楷体 (kai), body 仿宋', () => {
    const layout = layoutWithFonts(letter, fonts);
    const items = layout.pages.flatMap((p) => p.items).filter((i) => i.kind === 'text');
    const h1 = items.find((i) => i.text.startsWith('一、'));
    const h2 = items.find((i) => i.text.startsWith('（一）'));
    const body = items.find((i) => i.role === 'body');
    expect([h1?.font, h2?.font, body?.font]).toEqual(['bold', 'kai', 'body']);
    expect(items.find((i) => i.role === 'title')?.font).toBe('title');
  });
});

describe.skipIf(!HAS_POPPLER)('PDF faces (poppler)', () => {
  const pdfPath = join(dir, 'letter.pdf');
  it('embeds one TrueType subset per face (pdffonts)', async () => {
    writeFileSync(
      pdfPath,
      await renderPdf(letter, fonts, { creationDate: new Date('2026-11-26T00:00:00Z') }),
    );
    const rows = run('pdffonts', [pdfPath])
      .split('\n')
      .slice(2)
      .filter((l) => l.trim() !== '');
    const names = rows.map((r) => r.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, '')).sort();
    expect(names).toEqual([
      'LXGWWenKai-Regular',
      'NotoSansSC-Medium',
      'NotoSerifSC-Bold',
      'NotoSerifSC-Regular',
    ]);
    for (const r of rows) {
      expect(r).toMatch(/CID TrueType/);
      expect(r).toMatch(/\s+yes\s+yes\s+yes\s+/); // embedded, subset, unicode
    }
  });

  it('sets each heading in its face (pdftotext -bbox for the line, pdftohtml -xml for its font)', () => {
    const bbox = run('pdftotext', ['-bbox', '-f', '1', '-l', '1', pdfPath, '-']);
    const words = [
      ...bbox.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)<\/word>/g),
    ].map((m) => ({ x: Number(m[1]), y: Number(m[2]), text: m[3]! }));
    // pdftohtml -xml names the font of every text run (family = subset name) at 1.5 px per pt.
    const xml = run('pdftohtml', ['-xml', '-i', '-stdout', '-f', '1', '-l', '1', pdfPath]);
    const family = new Map(
      [...xml.matchAll(/<fontspec id="(\d+)"[^>]*family="([^"]+)"/g)].map((m) => [
        m[1]!,
        m[2]!.replace(/^[A-Z]{6}\+/, ''),
      ]),
    );
    const runs = [...xml.matchAll(/<text top="(\d+)" left="(\d+)"[^>]*font="(\d+)">(?:<b>)?([^<]*)/g)].map(
      (m) => ({
        top: Number(m[1]),
        left: Number(m[2]),
        face: family.get(m[3]!),
        text: m[4]!,
      }),
    );
    const faceAt = (prefix: string) => {
      const w = words.find((x) => x.text.startsWith(prefix));
      expect(w, `${prefix} in pdftotext -bbox`).toBeDefined();
      const r = runs.find((x) => x.text.startsWith(prefix));
      expect(r, `${prefix} in pdftohtml -xml`).toBeDefined();
      // The same line: pdftohtml's left edge is pdftotext's xMin at 1.5 px per pt.
      expect(Math.abs(r!.left - w!.x * 1.5)).toBeLessThan(3);
      return r!.face;
    };
    expect(faceAt('一、')).toMatch(/^NotoSansSC/); // 黑体 stand-in
    expect(faceAt('（一）')).toMatch(/^LXGWWenKai/); // 楷体 stand-in
    expect(faceAt('根据')).toMatch(/^NotoSerifSC$|^NotoSerifSC-Regular$/); // 仿宋 stand-in
    expect(faceAt('德阳市司法局关于')).toMatch(/^NotoSerifSC/); // title: 小标宋 stand-in (bold)
  });
});

describe('DOCX faces', () => {
  it('styles 一级标题/二级标题/正文/公文标题 name 黑体/楷体_GB2312/仿宋_GB2312/方正小标宋简体 and the font table their fallbacks', async () => {
    const files = unzipSync(await renderDocx(letter, fonts));
    const styles = strFromU8(files['word/styles.xml']!);
    const fontOf = (id: string): string | undefined => {
      const m = new RegExp(`<w:style\\b[^>]*w:styleId="${id}"[\\s\\S]*?</w:style>`).exec(styles);
      return m ? /<w:rFonts [^>]*w:eastAsia="([^"]+)"/.exec(m[0])?.[1] : undefined;
    };
    expect(fontOf(DOCX_STYLES.heading1.id)).toBe('黑体');
    expect(fontOf(DOCX_STYLES.heading2.id)).toBe('楷体_GB2312');
    expect(fontOf(DOCX_STYLES.title.id)).toBe('方正小标宋简体');
    expect(fontOf('Normal')).toBe('仿宋_GB2312');
    expect(DOCX_FONTS.body).toBe('仿宋_GB2312');
    const table = strFromU8(files['word/fontTable.xml']!);
    const alt = (name: string) =>
      new RegExp(`<w:font w:name="${name}"><w:altName w:val="([^"]+)"/>`).exec(table)?.[1];
    // 仿宋_GB2312 → 仿宋 → FangSong, 黑体 → SimHei, 楷体_GB2312 → 楷体 → KaiTi, 方正小标宋简体 → 小标宋 → 宋体
    expect([alt('仿宋_GB2312'), alt('仿宋')]).toEqual(['仿宋', 'FangSong']);
    expect(alt('黑体')).toBe('SimHei');
    expect([alt('楷体_GB2312'), alt('楷体')]).toEqual(['楷体', 'KaiTi']);
    expect(alt('方正小标宋简体')).toBe('小标宋');
  });
});

describe('narrow characters in the PDF', () => {
  it('sit centred in half-width cells, or keep their own advance where wider (no glyph overlaps the next)', async () => {
    const { PDFDocument, PDFRawStream, decodePDFRawStream } = await import('pdf-lib');
    const doc = {
      style: 'document' as const,
      title: '测试',
      blocks: [{ type: 'paragraph' as const, text: 'Wi宽度', indent: 0 }],
    };
    const pdf = await PDFDocument.load(await renderPdf(doc, fonts));
    const contents = pdf.getPage(0).node.Contents();
    const streams = contents && 'asArray' in contents ? contents.asArray() : [contents];
    const ops = streams
      .map((s) => pdf.context.lookup(s as never))
      .filter((s) => s instanceof PDFRawStream)
      .map((s) => new TextDecoder('latin1').decode(decodePDFRawStream(s as never).decode()))
      .join('\n');
    const line = [...ops.matchAll(/\[([^\]]*)\]\s*TJ/g)]
      .map((m) => m[1]!)
      .find((a) => /^\s*<[0-9A-Fa-f]+>\s*-[\d.]/.test(a));
    expect(line, 'the TJ array of the line that starts with W').toBeDefined();
    const tokens = [...line!.matchAll(/<[0-9A-Fa-f]+>|-?[\d.]+/g)].map((m) => m[0]);
    // [<W>, i, <i>, i, <宽度>]: W (wider than half an em) keeps its own advance, no shift; i (narrower) moves right
    // (negative) by half the difference before and after, filling its half-width cell.
    const [W, i1, I, i2, rest] = tokens;
    expect([W, I, rest].every((t) => t?.startsWith('<'))).toBe(true);
    expect(Number(i1)).toBeLessThan(0);
    expect(Number(i2)).toBeCloseTo(Number(i1), 2);
  });
});
