// Converts FandolFang (the open 仿宋 of the Fandol fonts, GPL with the font exception, from Debian's
// texlive-lang-chinese: /usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/FandolFang-Regular.otf) from its
// CID-keyed CFF outlines to TrueType (glyf) outlines, wrapped as WOFF: build/fonts/FandolFang-Regular.woff.
// Why: @pdf-lib/fontkit's CFF subsets of this font are invalid (every glyph a box in poppler), and embedding it
// whole adds 5.4 MB to every PDF; a TrueType subset embeds like the other bundled fonts (a few KB a document).
// fonteditor-core converts the cubic outlines to quadratic ones but misreads 1,844 advance widths (the CFF's
// nominal widths): every advance is taken from the original's hmtx through fontkit instead.
//
// Run once when the source changes (the output is committed):
//   apt-get install texlive-lang-chinese   # or unpack its .deb
//   npm install --no-save fonteditor-core@2.6.3
//   node build/scripts/convert-fandol-fang.mjs [path/to/FandolFang-Regular.otf]
import { readFileSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import fontkit from '@pdf-lib/fontkit';
import fonteditor from 'fonteditor-core';

const source =
  process.argv[2] ?? '/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/FandolFang-Regular.otf';
const target = new URL('../fonts/FandolFang-Regular.woff', import.meta.url);

const otf = readFileSync(source);
const original = fontkit.create(new Uint8Array(otf));
const font = fonteditor.Font.create(otf, { type: 'otf', hinting: false });
const glyphs = font.get().glyf;
let fixed = 0;
glyphs.forEach((glyph, gid) => {
  const advance = original.getGlyph(gid).advanceWidth;
  if (glyph.advanceWidth !== advance) {
    glyph.advanceWidth = advance;
    fixed += 1;
  }
});
const woff = font.write({
  type: 'woff',
  hinting: false,
  deflate: (data) => Array.from(deflateSync(Buffer.from(data), { level: 9 })),
});
writeFileSync(target, Buffer.from(woff));
console.log(`${glyphs.length} glyphs, ${fixed} advances taken from hmtx, ${woff.byteLength} bytes -> ${target.pathname}`);
