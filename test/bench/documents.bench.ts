// 33 two-page department letters as DOCX and PDF: target <= 10 s in total (Chromium; this prints the Node
// figure) and <= 400 KB per PDF. Fonts are parsed once and shared, as the app's Worker does.
// Run: npx tsx test/bench/documents.bench.ts
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderDocx } from '../../shared/documents/render-docx';
import { renderPdf } from '../../shared/documents/render-pdf';
import { sampleLetter } from '../../shared/documents/sample';
import { layoutDocument } from '../../shared/documents/layout';
import { report, timed } from './bench-report';

const FONT_DIR = join(process.cwd(), 'node_modules', '@expo-google-fonts', 'noto-serif-sc');
const fonts = {
  body: new Uint8Array(readFileSync(join(FONT_DIR, '400Regular', 'NotoSerifSC_400Regular.ttf'))),
  bold: new Uint8Array(readFileSync(join(FONT_DIR, '700Bold', 'NotoSerifSC_700Bold.ttf'))),
};
const N = 33;
const letters = Array.from({ length: N }, (_, i) =>
  sampleLetter({ department: `执法部门${i + 1}`, seq: i + 1, files: 2 }),
);
const pages = letters.map((l) => layoutDocument(l).pages.length);

const { result, seconds } = await timed(async () => {
  let maxPdf = 0;
  let totalPdf = 0;
  let totalDocx = 0;
  for (const doc of letters) {
    const pdf = await renderPdf(doc, fonts, { creationDate: new Date('2026-11-26T00:00:00Z') });
    const docx = await renderDocx(doc, fonts);
    maxPdf = Math.max(maxPdf, pdf.length);
    totalPdf += pdf.length;
    totalDocx += docx.length;
  }
  return { maxPdf, totalPdf, totalDocx };
});
const first = await timed(() => renderPdf(letters[0]!, fonts));

console.log(`letters: ${N}, pages per letter: ${Math.min(...pages)}-${Math.max(...pages)}`);
report('documents: 33 letters DOCX + PDF (Node)', seconds, 's', 10);
report('documents: max PDF size', result.maxPdf / 1024, 'KB', 400);
report('documents: mean PDF size', result.totalPdf / N / 1024, 'KB');
report('documents: mean DOCX size', result.totalDocx / N / 1024, 'KB');
report('documents: one more PDF (fonts parsed)', first.seconds * 1000, 'ms');
