// The page finder on the generated test set (issue 28), in Node through onnxruntime-web's WASM backend
// (the same runtime and engine code as the app's OCR worker): OCR_CASES synthetic 案卷 (default 50, one
// page of each of the 9 kinds each), rendered with the bundled fonts, rasterised at 200 dpi, degraded as
// scans (±2°, blur, noise, JPEG), read one page at a time. Prints page-kind recall (target ≥ 95 %),
// 案号 exact match (≥ 90 %), date exact match (≥ 90 %), throughput (≥ 1 page/s, wall and CPU) and the
// process's peak RSS (≤ 1 GB). Wall figures on a shared machine are loaded figures; CPU time is what OCR costs.
// Run: node --import tsx test/bench/ocr-pages.bench.ts   (OCR_CASES=6 for a quick look)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  degradeScan,
  makeOcrCorpus,
  rasterisePdfFile,
  renderCaseFilesPdf,
  seededRandom,
} from '../fixtures/ocr-corpus';
import { measurePageFinder, type PageOutcome } from '../fixtures/ocr-accuracy';
import { loadShippedOcrModels } from '../fixtures/ocr-models';
import { report } from './bench-report';

const CASES = Number(process.env.OCR_CASES ?? 50);
const files = makeOcrCorpus(CASES, 28);
const dir = mkdtempSync(join(tmpdir(), 'ocr-bench-'));
let peakRss = process.memoryUsage().rss;
const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const rssTimer = setInterval(sampleRss, 100);
try {
  const pdfPath = join(dir, 'corpus.pdf');
  writeFileSync(pdfPath, await renderCaseFilesPdf(files));
  const models = await loadShippedOcrModels();
  const rng = seededRandom(2028);
  const outcomes: PageOutcome[] = [];
  let ocrSeconds = 0;
  let cpuSeconds = 0;
  let first = 1;
  for (const file of files) {
    const images = rasterisePdfFile(pdfPath, 200, first, first + file.pages.length - 1);
    first += file.pages.length;
    const pages = file.pages.map((truth, i) => ({ truth, image: degradeScan(images[i]!, rng) }));
    const cpu0 = process.cpuUsage();
    const figures = await measurePageFinder(pages, models);
    const cpu = process.cpuUsage(cpu0);
    cpuSeconds += (cpu.user + cpu.system) / 1e6;
    ocrSeconds += figures.ocrSeconds;
    outcomes.push(...figures.outcomes);
    sampleRss();
  }
  await models.release();
  const dated = outcomes.filter((o) => o.dateRight !== null);
  const pct = (n: number, d: number) => (100 * n) / Math.max(1, d);
  console.log(
    `${CASES} 案卷, ${outcomes.length} pages (${dated.length} with a printed date), 200 dpi, degraded`,
  );
  const kindRecall = pct(outcomes.filter((o) => o.kindRight).length, outcomes.length);
  const caseNoExact = pct(outcomes.filter((o) => o.caseNoRight).length, outcomes.length);
  const dateExact = pct(dated.filter((o) => o.dateRight).length, dated.length);
  // Targets are floors here: print the shortfall against 100 so the OK/OVER column reads right.
  console.log(
    `page-kind recall                             ${kindRecall.toFixed(1)} %  (target >= 95 %)  ${kindRecall >= 95 ? 'OK' : 'UNDER'}`,
  );
  console.log(
    `案号 exact match                              ${caseNoExact.toFixed(1)} %  (target >= 90 %)  ${caseNoExact >= 90 ? 'OK' : 'UNDER'}`,
  );
  console.log(
    `date exact match                             ${dateExact.toFixed(1)} %  (target >= 90 %)  ${dateExact >= 90 ? 'OK' : 'UNDER'}`,
  );
  const wallRate = outcomes.length / ocrSeconds;
  const cpuRate = outcomes.length / cpuSeconds;
  console.log(
    `OCR throughput, wall (loaded machine)        ${wallRate.toFixed(2)} pages/s  (target >= 1)  ${wallRate >= 1 ? 'OK' : 'UNDER'}`,
  );
  console.log(`OCR throughput, per CPU second               ${cpuRate.toFixed(2)} pages/s`);
  report('peak RSS of the process', peakRss / 2 ** 20, 'MB', 1024);
  for (const kind of [...new Set(outcomes.map((o) => o.truth.kind))]) {
    const of = outcomes.filter((o) => o.truth.kind === kind);
    console.log(
      `  ${kind.padEnd(8, '　')} recall ${pct(of.filter((o) => o.kindRight).length, of.length).toFixed(0)} %`,
    );
  }
  for (const o of outcomes
    .filter((x) => !x.kindRight || !x.caseNoRight || x.dateRight === false)
    .slice(0, 15)) {
    console.log(
      `  miss: ${o.truth.kind} ${o.truth.caseNo} ${o.truth.date ?? '-'} → ${o.read.kind} ${o.read.caseNo ?? '-'} ${o.read.date ?? '-'} | ${o.read.firstLines.join(' / ')}`,
    );
  }
} finally {
  clearInterval(rssTimer);
  rmSync(dir, { recursive: true, force: true });
}
