// The documents worker's batch stops between documents on its call's AbortSignal: the call rejects as
// cancelled (WorkerError, kind 'cancelled', "已取消生成文书。") and no later document is rendered.
import { describe, expect, it } from 'vitest';
import { sampleLetter } from '../../shared/documents/sample';
import { createInProcessDocumentRenderer } from '../../renderer/workers/documents-client';
import { WorkerError } from '../../renderer/workers/rpc';
import { bundledFontsFromNodeModules } from '../fixtures/bundled-fonts';

describe('documents batch and its AbortSignal', () => {
  it('stops after the document in hand; the next batch renders in full', async () => {
    const renderer = createInProcessDocumentRenderer(async () => bundledFontsFromNodeModules());
    const docs = [1, 2, 3, 4].map((files) => sampleLetter({ style: 'document', files }));
    const stop = new AbortController();
    const done: number[] = [];
    const batch = renderer.renderMany(
      docs,
      'pdf',
      (p) => {
        done.push(p.done);
        if (p.done === 1) stop.abort();
      },
      undefined,
      stop.signal,
    );
    const e = await batch.catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WorkerError);
    expect(e).toMatchObject({ kind: 'cancelled', message: '已取消生成文书。' });
    expect(done).toEqual([1]);
    const again = await renderer.renderMany(docs.slice(0, 2), 'pdf');
    expect(again).toHaveLength(2);
    expect(new TextDecoder().decode(again[0]!.subarray(0, 5))).toBe('%PDF-');
  }, 120_000);
});
