// Page numbers in 宋体 (GB/T 9704 7.5: 4号半角宋体阿拉伯数字) whatever the body face, on real PDF bytes: with an
// office 仿宋 standing in as the body (LXGW WenKai here), pdffonts lists the Noto Serif SC subset and pdftohtml
// puts every "— n —" in it (the title in Noto Sans SC, so the only Noto Serif SC text is the page numbers). Skips, saying why, without poppler.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderPdf } from '../../shared/documents/render-pdf';
import { sampleLetter } from '../../shared/documents/sample';
import { DocumentService } from '../../renderer/workers/document-service';
import { bundledFontsFromNodeModules } from '../fixtures/bundled-fonts';

const bundled = bundledFontsFromNodeModules();
const HAS_POPPLER = ['pdffonts', 'pdftohtml'].every((t) => !spawnSync(t, ['-v']).error);
if (!HAS_POPPLER) console.log('[documents-page-number-face] 跳过 PDF 字体检查：未安装 poppler-utils。');

const run = (cmd: string, args: string[]): string => {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  return r.stdout;
};
const dir = mkdtempSync(join(tmpdir(), 'pingcha-page-number-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Each page number's text with the face pdftohtml names for it. */
function pageNumberFaces(pdf: Uint8Array, name: string): { text: string; face: string }[] {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  const xml = run('pdftohtml', ['-xml', '-i', '-stdout', file]);
  const family = new Map(
    [...xml.matchAll(/<fontspec id="(\d+)"[^>]*family="([^"]+)"/g)].map((m) => [
      m[1]!,
      m[2]!.replace(/^[A-Z]{6}\+/, ''),
    ]),
  );
  return [...xml.matchAll(/<text [^>]*font="(\d+)">([^<]*)<\/text>/g)]
    .filter((m) => /^—\s*\d+\s*—$/.test(m[2]!.trim()))
    .map((m) => ({ text: m[2]!.trim(), face: family.get(m[1]!) ?? '' }));
}

const doc = sampleLetter({ style: 'document', files: 12, withTable: true });

describe.skipIf(!HAS_POPPLER)('page numbers in 宋体', () => {
  it('sets every "— n —" in the Song face given, not in the body face', async () => {
    const pdf = await renderPdf(doc, { body: bundled.kai, title: bundled.bold, song: bundled.body });
    const numbers = pageNumberFaces(pdf, 'song');
    expect(numbers.length).toBeGreaterThan(1);
    for (const n of numbers) expect(n).toEqual({ text: n.text, face: 'NotoSerifSC' });
    const fonts = run('pdffonts', [join(dir, 'song.pdf')]);
    expect(fonts).toMatch(/[A-Z]{6}\+NotoSerifSC-Regular/);
    expect(fonts).toMatch(/[A-Z]{6}\+LXGWWenKai/);
  });

  it('uses the bundled Noto Serif SC for page numbers when the office’s 仿宋 is the body (document service)', async () => {
    const service = new DocumentService(async () => bundled);
    const [pdf] = await service.renderMany([doc], 'pdf', undefined, {
      body: bundled.kai,
      title: bundled.bold,
    });
    const numbers = pageNumberFaces(pdf!, 'service');
    expect(numbers.length).toBeGreaterThan(1);
    for (const n of numbers) expect(n.face).toBe('NotoSerifSC');
  });
});
