// One shard of the page-finder bench (test/bench/ocr-pages.bench.ts), in a worker thread: its pages of
// the generated test set, each rasterised from the corpus PDF and degraded (or taken from the cache of
// degraded pages), then read one at a time by its own copy of the shipped models.
import { parentPort, workerData } from 'node:worker_threads';
import { cachedScannedPage } from '../fixtures/ocr-corpus';
import { measurePageFinder } from '../fixtures/ocr-accuracy';
import { loadShippedOcrModels } from '../fixtures/ocr-models';
import type { CorpusPage } from '../fixtures/ocr-corpus';

export interface ShardTask {
  pdfPath: string;
  cacheDir: string;
  seed: number;
  /** 0-based page indexes of the whole set, with their truth. */
  pages: { index: number; truth: CorpusPage }[];
}

const task = workerData as ShardTask;
const models = await loadShippedOcrModels();
let ocrSeconds = 0;
let cpuSeconds = 0;
let peakRss = 0;
const outcomes = [];
for (const { index, truth } of task.pages) {
  const image = cachedScannedPage(task.pdfPath, task.cacheDir, index, task.seed);
  const cpu0 = process.cpuUsage();
  const figures = await measurePageFinder([{ truth, image }], models);
  const cpu = process.cpuUsage(cpu0);
  cpuSeconds += (cpu.user + cpu.system) / 1e6;
  ocrSeconds += figures.ocrSeconds;
  const outcome = { ...figures.outcomes[0]!, read: { ...figures.outcomes[0]!.read, page: index } };
  outcomes.push(outcome);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  parentPort!.postMessage({ progress: outcome });
}
await models.release();
parentPort!.postMessage({ outcomes, ocrSeconds, cpuSeconds, peakRss });
