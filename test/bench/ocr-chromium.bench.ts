// The page finder in Chromium (issue 28): the production build's OCR worker (onnxruntime-web WASM and
// the PaddleOCR models served from the app's own files) reads OCR_PAGES degraded 200-dpi pages of the
// generated test set, one at a time as the app does. Prints pages per second (target ≥ 1), the worker's
// own OCR time per page, the longest main-thread task meanwhile (target < 200 ms) and kind/案号/date
// hits. Wall figures on a shared machine are loaded figures.
// Run: node --import tsx test/bench/ocr-chromium.bench.ts   (BENCH_PORT / BENCH_OUT / BENCH_SKIP_BUILD)
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  degradeScan,
  makeOcrCorpus,
  rasterisePdf,
  renderCaseFilesPdf,
  seededRandom,
} from '../fixtures/ocr-corpus';
import { caseNumberText } from '../../shared/ocr/document-fields';
import type { PageReading } from '../../shared/ocr/page-reading';
import { readLongTasks, startBrowserBench, watchLongTasks } from './browser-harness';
import { report } from './bench-report';

const OUT = process.env.BENCH_OUT ?? join(tmpdir(), 'pingcha-ocr-bench-build');
const PAGES = Number(process.env.OCR_PAGES ?? 18);
const files = makeOcrCorpus(Math.ceil(PAGES / 9), 77);
const truths = files.flatMap((f) => f.pages).slice(0, PAGES);
const rng = seededRandom(77);
const images = rasterisePdf(await renderCaseFilesPdf(files), 200)
  .slice(0, PAGES)
  .map((img) => degradeScan(img, rng));

const bench = await startBrowserBench({ port: 5238, outDir: OUT });
if (bench) {
  try {
    const { page, url } = bench;
    const worker = readdirSync(join(OUT, 'assets')).find((f) => /^ocr\.worker-.*\.js$/.test(f));
    if (!worker) throw new Error('no OCR worker in the build');
    await page.route('**/bench-page/*', (route) => {
      const i = Number(route.request().url().split('/').pop());
      void route.fulfill({ body: Buffer.from(images[i]!.data), contentType: 'application/octet-stream' });
    });
    await page.goto(url);
    await watchLongTasks(page);
    const sizes = images.map((img) => [img.width, img.height]);
    // The in-page script as text: tsx would otherwise wrap its functions in a helper the page lacks.
    const script = `(async ({ worker, sizes }) => {
      const w = new Worker('/assets/' + worker, { type: 'module' });
      let next = 1;
      const call = (method, args, transfer) =>
        new Promise((resolve, reject) => {
          const id = next++;
          const listener = (e) => {
            const m = e.data;
            if (m.id !== id || m.ok === undefined) return;
            w.removeEventListener('message', listener);
            if (m.ok) resolve(m.result);
            else reject(new Error(m.error && m.error.message));
          };
          w.addEventListener('message', listener);
          w.postMessage({ id, method, args, progressAt: -1 }, transfer);
        });
      const readings = [];
      const t0 = performance.now();
      let firstMs = 0;
      for (let i = 0; i < sizes.length; i++) {
        const [width, height] = sizes[i];
        const data = new Uint8Array(await (await fetch('/bench-page/' + i)).arrayBuffer());
        readings.push(await call('readPage', [{ width, height, data }, i], [data.buffer]));
        if (i === 0) firstMs = performance.now() - t0;
      }
      const totalMs = performance.now() - t0;
      w.terminate();
      return { readings, firstMs, totalMs };
    })(${JSON.stringify({ worker, sizes })})`;
    const result = (await page.evaluate(script)) as { readings: unknown[]; firstMs: number; totalMs: number };
    const readings = result.readings as (PageReading & { ms: number })[];
    const rest = readings.slice(1);
    const restSeconds = (result.totalMs - result.firstMs) / 1000;
    const rate = rest.length / restSeconds;
    console.log(`${readings.length} pages, 200 dpi, degraded; the first page also loads the models`);
    report('first page incl. model load', result.firstMs / 1000, 's');
    console.log(
      `OCR throughput in Chromium, wall (loaded)    ${rate.toFixed(2)} pages/s  (target >= 1)  ${rate >= 1 ? 'OK' : 'UNDER'}`,
    );
    report('worker OCR time per page (median)', median(rest.map((r) => r.ms)) / 1000, 's');
    const longTasks = await readLongTasks(page);
    report('longest main-thread task meanwhile', Math.max(0, ...longTasks), 'ms', 200);
    const kind = readings.filter((r, i) => r.kind === truths[i]!.kind).length;
    const caseNo = readings.filter((r, i) => r.caseNo === caseNumberText(truths[i]!.caseKey)).length;
    const datedIdx = truths.flatMap((t, i) => (t.date ? [i] : []));
    const dates = datedIdx.filter((i) => readings[i]!.date === truths[i]!.date).length;
    console.log(
      `kind ${kind}/${readings.length}, 案号 ${caseNo}/${readings.length}, dates ${dates}/${datedIdx.length}`,
    );
  } finally {
    await bench.close();
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : 0;
}
