// Accuracy guard for the page finder (issue 28): one generated 案卷 (a page of every kind), rendered with
// the bundled fonts at 200 dpi and degraded as a scan, read by the shipped models through the same engine
// as the app's worker. The full set (≥ 50 案卷) and the throughput are measured in test/bench/ocr-pages.bench.ts.
import { describe, expect, it } from 'vitest';
import {
  degradeScan,
  makeOcrCorpus,
  rasterisePdf,
  renderCaseFilesPdf,
  seededRandom,
} from '../fixtures/ocr-corpus';
import { measurePageFinder } from '../fixtures/ocr-accuracy';
import { loadShippedOcrModels } from '../fixtures/ocr-models';

describe('page finder on a degraded synthetic 案卷', () => {
  it('reads every page kind, the 案号 and the printed dates', { timeout: 240_000 }, async () => {
    const [file] = makeOcrCorpus(1, 2028);
    const images = rasterisePdf(await renderCaseFilesPdf([file!]), 200);
    expect(images).toHaveLength(file!.pages.length);
    const rng = seededRandom(7);
    const pages = file!.pages.map((truth, i) => ({ truth, image: degradeScan(images[i]!, rng) }));
    const models = await loadShippedOcrModels();
    try {
      const figures = await measurePageFinder(pages, models);
      const wrong = figures.outcomes
        .filter((o) => !o.kindRight || !o.caseNoRight || o.dateRight === false)
        .map((o) => ({ truth: [o.truth.kind, o.truth.caseNo, o.truth.date], read: o.read }));
      expect(wrong).toEqual([]);
      expect(figures.datedPages).toBe(7);
    } finally {
      await models.release();
    }
  });
});
