// Issue 24: the 留痕校验码 is printed outside the 正文 — in small type in the footer margin of every page (PDF and
// DOCX footer) — never as the last paragraph above the seal.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { GEOMETRY, mmToPt } from '../../shared/documents/layout-model';
import { logCodeText, withLogCode } from '../../shared/documents/log-code-line';
import { renderDocx } from '../../shared/documents/render-docx';
import { renderPdf } from '../../shared/documents/render-pdf';
import { bundledFontsFromNodeModules } from '../fixtures/bundled-fonts';
import { letterDoc } from '../fixtures/official-documents';

const HAS_PDFTOTEXT = !spawnSync('pdftotext', ['-v']).error;
if (!HAS_PDFTOTEXT)
  console.log('[documents-margin-note] 跳过 PDF 位置检查：未安装 pdftotext（poppler-utils）。');

const line = { code: 'DEB8-1A2B-3C4D-5E6F', fingerprint: 'AB12CD34' };
const doc = withLogCode(letterDoc(), line);
const text = logCodeText(line);

describe('留痕校验码 outside the 正文', () => {
  it('is no paragraph of the text', () => {
    expect(doc.blocks).toEqual(letterDoc().blocks);
    expect(doc.marginNote).toBe(text);
  });

  it('sits in the DOCX footers in small type', async () => {
    const files = unzipSync(await renderDocx(doc, bundledFontsFromNodeModules()));
    const body = strFromU8(files['word/document.xml'] as Uint8Array);
    expect(body).not.toContain('留痕校验码');
    const footers = Object.keys(files)
      .filter((f) => /^word\/footer\d+\.xml$/.test(f))
      .map((f) => strFromU8(files[f] as Uint8Array));
    const withCode = footers.filter((f) => f.includes(text));
    expect(withCode.length).toBe(3);
    for (const f of withCode) expect(f).toContain(`<w:sz w:val="${GEOMETRY.marginNoteSizePt * 2}"/>`);
  });

  it.skipIf(!HAS_PDFTOTEXT)('is printed below the 版心 on every page of the PDF', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pingcha-margin-note-'));
    try {
      const pdf = join(dir, 'letter.pdf');
      writeFileSync(pdf, await renderPdf(doc, bundledFontsFromNodeModules()));
      const xml = spawnSync('pdftotext', ['-bbox-layout', pdf, '-'], { encoding: 'utf8' }).stdout;
      const pages = xml.split('<page ').slice(1);
      expect(pages.length).toBeGreaterThan(1);
      const bottom = mmToPt(GEOMETRY.marginTopMm + GEOMETRY.blockHeightMm);
      for (const page of pages) {
        const lines = [...page.matchAll(/<line xMin="[\d.]+" yMin="([\d.]+)"[^>]*>([\s\S]*?)<\/line>/g)].map(
          (m) => ({
            y: Number(m[1]),
            text: [...(m[2] ?? '').matchAll(/<word[^>]*>([^<]*)<\/word>/g)].map((w) => w[1]).join(''),
          }),
        );
        const code = lines.filter((l) => l.text.includes(line.code));
        expect(code.length).toBe(1);
        expect(code[0]!.y).toBeGreaterThan(bottom + mmToPt(GEOMETRY.pageNumberGapMm));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
