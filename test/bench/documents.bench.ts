// 33 two-page department letters as DOCX and PDF: target <= 10 s in total and <= 400 KB per PDF and per DOCX,
// with all four faces embedded (仿宋, 小标宋, 黑体, 楷体 stand-ins, see test/fixtures/bundled-fonts.ts). Fonts are
// loaded once and shared, as the app's Worker does. Prints wall time and CPU time (wall time is noisy on a
// shared machine; CPU time is what the renders cost).
// Run: npx tsx test/bench/documents.bench.ts
import { renderDocx } from '../../shared/documents/render-docx';
import { renderPdf } from '../../shared/documents/render-pdf';
import { sampleLetter } from '../../shared/documents/sample';
import { layoutDocument } from '../../shared/documents/layout';
import { appBundledFonts, bundledFontsFromNodeModules } from '../fixtures/bundled-fonts';
import { report, timed } from './bench-report';

const cpu0 = process.cpuUsage();
const load = await timed(() => bundledFontsFromNodeModules());
const fonts = load.result;
const loadCpu = process.cpuUsage(cpu0);
const N = 33;
const letters = Array.from({ length: N }, (_, i) =>
  sampleLetter({ department: `执法部门${i + 1}`, seq: i + 1, files: 2 }),
);
const pages = letters.map((l) => layoutDocument(l).pages.length);

const cpu1 = process.cpuUsage();
const { result, seconds } = await timed(async () => {
  let maxPdf = 0;
  let maxDocx = 0;
  let totalPdf = 0;
  let totalDocx = 0;
  for (const doc of letters) {
    const pdf = await renderPdf(doc, fonts, { creationDate: new Date('2026-11-26T00:00:00Z') });
    const docx = await renderDocx(doc, fonts);
    maxPdf = Math.max(maxPdf, pdf.length);
    maxDocx = Math.max(maxDocx, docx.length);
    totalPdf += pdf.length;
    totalDocx += docx.length;
  }
  return { maxPdf, maxDocx, totalPdf, totalDocx };
});
const cpu = process.cpuUsage(cpu1);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const first = await timed(() => renderPdf(letters[0]!, fonts));

console.log(`letters: ${N}, pages per letter: ${Math.min(...pages)}-${Math.max(...pages)}, faces: 4`);
report('documents: load 4 bundled fonts (wall)', load.seconds, 's');
report('documents: load 4 bundled fonts (CPU)', (loadCpu.user + loadCpu.system) / 1e6, 's');
report('documents: 33 letters DOCX + PDF (wall)', seconds, 's', 10);
report('documents: 33 letters DOCX + PDF (CPU)', cpuSeconds, 's', 10);
report('documents: max PDF size', result.maxPdf / 1024, 'KB', 400);
report('documents: max DOCX size', result.maxDocx / 1024, 'KB', 400);
report('documents: mean PDF size', result.totalPdf / N / 1024, 'KB');
report('documents: mean DOCX size', result.totalDocx / N / 1024, 'KB');
report('documents: one more PDF (fonts parsed)', first.seconds * 1000, 'ms');

// The app's own fonts without an office 仿宋: FandolFang (4.5 MB WOFF, unwrapped and parsed once) with Noto Serif SC
// as the per-glyph fallback.
const appLoad = await timed(() => appBundledFonts());
const app = appLoad.result;
const appRun = await timed(async () => {
  let maxPdf = 0;
  for (const doc of letters)
    maxPdf = Math.max(
      maxPdf,
      (await renderPdf(doc, app, { creationDate: new Date('2026-11-26T00:00:00Z') })).length,
    );
  return maxPdf;
});
report('documents: load FandolFang WOFF (wall)', appLoad.seconds, 's');
report('documents: 33 letters PDF in FandolFang + fallback (wall)', appRun.seconds, 's', 10);
report('documents: max PDF size in FandolFang', appRun.result / 1024, 'KB', 400);
