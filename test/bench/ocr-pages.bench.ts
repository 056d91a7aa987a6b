// The page finder on the generated test set (issue 28), in Node through onnxruntime-web's WASM backend
// (the same runtime and engine code as the app's OCR worker): OCR_CASES synthetic 案卷 (default 50, one
// page of each of the 9 kinds each), rendered with the bundled fonts, rasterised at 200 dpi, degraded as
// scans (±2°, blur, noise, JPEG), read one page at a time. Prints page-kind recall (target ≥ 95 %),
// 案号 exact match (≥ 90 %), date exact match (≥ 90 %), throughput (≥ 1 page/s, wall and CPU) and the
// process's peak RSS (≤ 1 GB for one reader; OCR_THREADS readers share the process). Wall figures on a
// shared machine are loaded figures; CPU time is what OCR costs.
// The set is made once and kept under the system's tmp (test/fixtures/ocr-corpus.ts, corpusCacheDir, keyed
// by count, seed and the generator's text), and the pages are rasterised, degraded and read by
// OCR_THREADS worker threads (default 2, the machine's cores), each with its own models.
// Run: node --import tsx test/bench/ocr-pages.bench.ts   (OCR_CASES=6 for a quick look)
import { Worker } from 'node:worker_threads';
import { cpus } from 'node:os';
import { cachedCorpusPdf, corpusCacheDir, makeOcrCorpus } from '../fixtures/ocr-corpus';
import type { PageOutcome } from '../fixtures/ocr-accuracy';
import type { ShardTask } from './ocr-pages-shard';
import { report } from './bench-report';

const CASES = Number(process.env.OCR_CASES ?? 50);
const THREADS = Math.max(1, Number(process.env.OCR_THREADS ?? Math.min(2, cpus().length)));
const SEED = 2028;
const files = makeOcrCorpus(CASES, 28);
const truths = files.flatMap((f) => f.pages);
const cacheDir = corpusCacheDir(CASES, 28);
let peakRss = process.memoryUsage().rss;
const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
try {
  const t0 = performance.now();
  const pdfPath = await cachedCorpusPdf(files, cacheDir);
  console.log(`corpus PDF ready in ${((performance.now() - t0) / 1000).toFixed(1)} s (${cacheDir})`);
  const t1 = performance.now();
  let done = 0;
  const seen = { kind: 0, caseNo: 0, date: 0, dated: 0 };
  const shards = await Promise.all(
    Array.from({ length: THREADS }, (_, k) => {
      const task: ShardTask = {
        pdfPath,
        cacheDir,
        seed: SEED,
        pages: truths.flatMap((truth, index) => (index % THREADS === k ? [{ index, truth }] : [])),
      };
      return new Promise<{
        outcomes: PageOutcome[];
        ocrSeconds: number;
        cpuSeconds: number;
        peakRss: number;
      }>((resolve, reject) => {
        // tsx's loader is registered in the thread first: a worker thread does not inherit `--import tsx`.
        const shard = new URL('./ocr-pages-shard.ts', import.meta.url).href;
        const boot = `import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(shard)}); })`;
        const worker = new Worker(boot, { eval: true, workerData: task });
        worker.on('message', (m: { progress?: PageOutcome }) => {
          if (m.progress === undefined) return resolve(m as never);
          // Running figures, so a run stopped early still says what it saw.
          const o = m.progress;
          done++;
          seen.kind += o.kindRight ? 1 : 0;
          seen.caseNo += o.caseNoRight ? 1 : 0;
          seen.dated += o.dateRight === null ? 0 : 1;
          seen.date += o.dateRight ? 1 : 0;
          if (done % 45 === 0) {
            const s = ((performance.now() - t1) / 1000).toFixed(0);
            console.log(
              `  ${done} / ${truths.length} pages in ${s} s: kind ${seen.kind}, 案号 ${seen.caseNo}, dates ${seen.date}/${seen.dated}`,
            );
          }
        });
        worker.on('error', reject);
        worker.on('exit', (code) => code !== 0 && reject(new Error(`shard ${k} exited with ${code}`)));
      });
    }),
  );
  const wallSeconds = (performance.now() - t1) / 1000;
  const outcomes = shards.flatMap((s) => s.outcomes).sort((a, b) => a.read.page - b.read.page);
  const ocrSeconds = shards.reduce((sum, s) => sum + s.ocrSeconds, 0);
  const cpuSeconds = shards.reduce((sum, s) => sum + s.cpuSeconds, 0);
  peakRss = Math.max(peakRss, ...shards.map((s) => s.peakRss));
  const dated = outcomes.filter((o) => o.dateRight !== null);
  const pct = (n: number, d: number) => (100 * n) / Math.max(1, d);
  console.log(
    `${CASES} 案卷, ${outcomes.length} pages (${dated.length} with a printed date), 200 dpi, degraded; ${THREADS} reader thread(s)`,
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
  const readerRate = outcomes.length / ocrSeconds;
  const cpuRate = outcomes.length / cpuSeconds;
  console.log(
    `OCR throughput of one reader, wall (loaded)  ${readerRate.toFixed(2)} pages/s  (target >= 1)  ${readerRate >= 1 ? 'OK' : 'UNDER'}`,
  );
  console.log(`OCR throughput, per CPU second               ${cpuRate.toFixed(2)} pages/s`);
  console.log(
    `whole run incl. raster and degrade, wall     ${(outcomes.length / wallSeconds).toFixed(2)} pages/s (${wallSeconds.toFixed(0)} s, ${THREADS} threads)`,
  );
  report('peak RSS of the process', peakRss / 2 ** 20, 'MB', 1024 * THREADS);
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
}
