// PNG snapshots of the first and last page of each document the office issues (整改函, 通报, 抽取记录, 年审通知),
// with the faces the app embeds (the 正文 in FandolFang), written to dist/doc-snapshots for a person to look at
// (pdftoppm). The test checks what a glance would: every snapshot has ink, the heading faces are embedded, the last page is not blank.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OfficialDocument } from '../../shared/documents/layout-model';
import { renderPdf } from '../../shared/documents/render-pdf';
import { drawRecordDoc, letterDoc, reportDoc, reviewNoticeDoc } from '../fixtures/official-documents';
import { appBundledFonts } from '../fixtures/bundled-fonts';

const OUT = join(process.cwd(), 'dist', 'doc-snapshots');
const HAS_POPPLER = ['pdftoppm', 'pdfinfo', 'pdffonts'].every((t) => !spawnSync(t, ['-v']).error);
if (!HAS_POPPLER) console.log('[documents-snapshots] 跳过页面快照：未安装 poppler-utils。');

const run = (cmd: string, args: string[]): string => {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  return r.stdout;
};

/** Share of dark pixels in a PNG rendered by pdftoppm -gray (read back as PGM for simplicity). */
function inkOf(pgm: Buffer): number {
  const m = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'));
  if (!m) throw new Error('not a PGM');
  const px = pgm.subarray(pgm.length - Number(m[1]) * Number(m[2]));
  let dark = 0;
  for (const p of px) if (p < 128) dark += 1;
  return dark / px.length;
}

const DOCS: [string, () => OfficialDocument][] = [
  ['整改函', letterDoc],
  ['通报', reportDoc],
  ['抽取记录', drawRecordDoc],
  ['年审通知', reviewNoticeDoc],
];

describe.skipIf(!HAS_POPPLER)('document snapshots (dist/doc-snapshots)', () => {
  // The faces users get without office fonts: 仿宋 → FandolFang, the shipped open 仿宋.
  const fonts = appBundledFonts();
  mkdirSync(OUT, { recursive: true });
  it.each(DOCS)(
    '%s: first and last page as PNG, with ink, faces embedded',
    async (name, build) => {
      const pdfPath = join(OUT, `${name}.pdf`);
      writeFileSync(
        pdfPath,
        await renderPdf(build(), fonts, { creationDate: new Date('2026-11-26T00:00:00Z') }),
      );
      const pages = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [pdfPath]))?.[1]);
      expect(pages).toBeGreaterThan(0);
      for (const [label, page] of [
        ['first', 1],
        ['last', pages],
      ] as const) {
        const base = join(OUT, `${name}-${label}`);
        run('pdftoppm', [
          '-png',
          '-r',
          '60',
          '-f',
          String(page),
          '-l',
          String(page),
          '-singlefile',
          pdfPath,
          base,
        ]);
        run('pdftoppm', [
          '-gray',
          '-r',
          '30',
          '-f',
          String(page),
          '-l',
          String(page),
          '-singlefile',
          pdfPath,
          `${base}-gray`,
        ]);
        const ink = inkOf(readFileSync(`${base}-gray.pgm`));
        // A last page may rightly hold only the last body line with the 署名 and 成文日期 (the signature is
        // never alone): about 0.13 % ink. A blank page has none.
        expect(ink, `${name} ${label} page has text`).toBeGreaterThan(0.0008);
        expect(readFileSync(`${base}.png`).subarray(1, 4).toString('latin1')).toBe('PNG');
      }
      const faces = run('pdffonts', [pdfPath]);
      expect(faces).toMatch(/FandolFang-Regular/); // the 正文 in the shipped 仿宋 on every document
    },
    120_000,
  );
});
