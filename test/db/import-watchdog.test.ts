// The ledger importer's watchdog, with real workers (node:worker_threads behind the same WorkerLike surface
// a Web Worker has): a worker that stops answering, reports too much memory, or dies of a real out-of-memory
// is stopped, every waiting call gets a Chinese message, the next call gets a fresh worker, and the store
// is as it was.
import { describe, expect, it } from 'vitest';
import { Worker } from 'node:worker_threads';
import { createWorkerImporter, type WorkerLike } from '../../renderer/workers/ledger-import-client';
import { freshDb, snapshot } from './helpers';

/** A real thread running `body` as its message handler (`msg` in scope, `reply(obj)` posts back). */
function threadWorker(body: string, resourceLimits?: { maxOldGenerationSizeMb: number }): WorkerLike {
  const w = new Worker(
    `const { parentPort } = require('node:worker_threads');
     const reply = (m) => parentPort.postMessage(m);
     parentPort.on('message', (msg) => { ${body} });`,
    { eval: true, resourceLimits },
  );
  const like: WorkerLike = {
    onmessage: null,
    onerror: null,
    postMessage: (m) => w.postMessage(m),
    terminate: () => void w.terminate(),
  };
  w.on('message', (data: unknown) => like.onmessage?.({ data }));
  w.on('error', (e: Error) => like.onerror?.({ message: e.message }));
  return like;
}

// Calls arrive as rpc.ts sends them: { id, method, args }.
const ANSWERS = `if (msg.method === 'open') reply({ id: msg.id, ok: true, result: { fileKey: 'f1', name: msg.args[0].name } });`;
const CHINESE = /[\u4e00-\u9fff]/;
const file = { name: '台账.xlsx', bytes: new Uint8Array([1, 2, 3]) };

async function rejection(p: Promise<unknown>): Promise<Error> {
  return p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: Error) => e,
  );
}

describe('ledger importer watchdog (real worker threads)', () => {
  it('a worker that stops answering is stopped; the next call gets a fresh worker', async () => {
    const db = freshDb();
    const before = await snapshot(db);
    const spawned: string[] = [];
    // stallMs leaves a fresh thread time to start on a busy machine; the looping one is stopped after it
    const importer = createWorkerImporter({
      stallMs: 4000,
      spawn: () => {
        spawned.push('w');
        return spawned.length === 1 ? threadWorker('for (;;) {}') : threadWorker(ANSWERS);
      },
    });
    const t = performance.now();
    const e = await rejection(importer.open(file, 'auto'));
    expect(performance.now() - t).toBeLessThan(20_000);
    expect(e.message).toMatch(CHINESE);
    expect(e.message).toContain('没有响应');
    const ok = await importer.open(file, 'auto');
    expect(ok).toMatchObject({ fileKey: 'f1', name: '台账.xlsx' });
    expect(spawned).toHaveLength(2);
    expect(await snapshot(db)).toEqual(before);
    importer.dispose();
  }, 60_000);

  it('progress keeps a slow but live worker alive', async () => {
    // 8 steps 1 s apart: 8 s in all, longer than the 3 s stall limit, but never 3 s without a message
    const importer = createWorkerImporter({
      stallMs: 3000,
      spawn: () =>
        threadWorker(`let n = 0;
          const tick = () => { if (++n < 8) { reply({ id: msg.id, progress: { phase: 'read', done: n, total: 8 } }); setTimeout(tick, 1000); }
                               else reply({ id: msg.id, ok: true, result: 'done' }); };
          tick();`),
    });
    const seen: number[] = [];
    expect(await importer.open(file, 'auto', (p) => seen.push(p.done))).toBe('done');
    expect(seen.length).toBe(7);
    importer.dispose();
  }, 60_000);

  it('a worker reporting a heap over the limit is stopped', async () => {
    const importer = createWorkerImporter({
      maxHeapBytes: 1024 ** 3,
      spawn: () =>
        threadWorker(
          `reply({ id: msg.id, progress: { phase: 'read', done: 1, total: 2, heapBytes: process.memoryUsage().heapUsed + 2 * 1024 ** 3 } });`,
        ),
    });
    const e = await rejection(importer.open(file, 'auto'));
    expect(e.message).toContain('占用内存过多');
    importer.dispose();
  });

  it('a worker that dies of a real out-of-memory is reported in Chinese, and the page goes on', async () => {
    const db = freshDb();
    const before = await snapshot(db);
    let n = 0;
    const importer = createWorkerImporter({
      spawn: () =>
        ++n === 1
          ? threadWorker('const keep = []; for (;;) keep.push(new Array(1e5).fill({ x: keep.length }));', {
              maxOldGenerationSizeMb: 48,
            })
          : threadWorker(ANSWERS),
    });
    const e = await rejection(importer.open(file, 'auto'));
    expect(e.message).toMatch(/^后台读取程序意外停止（内存不足）/);
    expect(e.message).not.toMatch(/heap|memory|ERR_/i);
    expect(await importer.open(file, 'auto')).toMatchObject({ fileKey: 'f1' });
    expect(await snapshot(db)).toEqual(before);
    importer.dispose();
  }, 60_000);
});
