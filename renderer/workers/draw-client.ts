import type { PingchaDatabase } from '../db/database';
import type {
  DrawProgress,
  DrawRunner,
  DrawView,
  DrawWorkerRequest,
  DrawWorkerResponse,
  PopulationCheck,
  PopulationSummary,
  VerifyResult,
} from './draw-protocol';
import { DrawCancelledError, DrawService } from './draw-service';
import { appGate } from '../db/database';
import { shareRoleWithWorker } from '../db/writer-lock';

/** Error from the draw runner; `cancelled` tells a user's cancel from a failure. */
export class DrawRunnerError extends Error {
  constructor(
    message: string,
    public readonly cancelled = false,
  ) {
    super(message);
    this.name = 'DrawRunnerError';
  }
}

type RequestBody = DrawWorkerRequest extends infer T ? (T extends unknown ? Omit<T, 'id'> : never) : never;

/** The app's draw runner: the population is loaded, drawn and stored in the draw Web Worker. */
export function createWorkerDrawRunner(): DrawRunner {
  const worker = new Worker(new URL('./draw.worker.ts', import.meta.url), { type: 'module', name: 'draw' });
  shareRoleWithWorker(worker, appGate);
  const pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void; onProgress?: (p: DrawProgress) => void }
  >();
  let next = 1;
  worker.onmessage = (event: MessageEvent<DrawWorkerResponse>) => {
    const m = event.data;
    const p = pending.get(m.id);
    if (!p) return;
    if ('progress' in m) return p.onProgress?.(m.progress);
    pending.delete(m.id);
    if (m.ok) p.resolve(m.result);
    else p.reject(new DrawRunnerError(m.error, m.cancelled ?? false));
  };
  worker.onerror = (e) => {
    for (const p of pending.values())
      p.reject(new DrawRunnerError(`抽取程序出错：${e.message || '未知错误'}`));
    pending.clear();
  };
  function call<T>(body: RequestBody, onProgress?: (p: DrawProgress) => void): Promise<T> {
    const id = next++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onProgress });
      worker.postMessage({ ...body, id } as DrawWorkerRequest);
    });
  }
  return {
    prepare: () => call<number>({ op: 'prepare' }),
    preparePopulation: (campaignId, stratifyBy) =>
      call<PopulationSummary>({ op: 'preparePopulation', campaignId, stratifyBy }),
    execute: (request, onProgress) => call<DrawView>({ op: 'execute', request }, onProgress),
    view: (drawId) => call<DrawView>({ op: 'view', drawId }),
    replace: (drawId, itemId, reason, by) => call<DrawView>({ op: 'replace', drawId, itemId, reason, by }),
    more: (drawId, stratum, count, reason, by) =>
      call<DrawView>({ op: 'more', drawId, stratum, count, reason, by }),
    checkPopulation: (drawId) => call<PopulationCheck>({ op: 'checkPopulation', drawId }),
    exportRecord: (drawId) => call<Uint8Array>({ op: 'exportRecord', drawId }),
    verify: (text, onProgress) => call<VerifyResult>({ op: 'verify', text }, onProgress),
    cancel: () => worker.postMessage({ id: 0, op: 'cancel' } satisfies DrawWorkerRequest),
    dispose: () => worker.terminate(),
  };
}

/** The same service on the calling thread (UI tests; environments without module workers). */
export function createInProcessDrawRunner(db: PingchaDatabase, now?: () => Date): DrawRunner {
  const service = new DrawService(db, now);
  const wrap = async <T>(f: () => Promise<T>): Promise<T> => {
    try {
      return await f();
    } catch (e) {
      throw new DrawRunnerError(e instanceof Error ? e.message : String(e), e instanceof DrawCancelledError);
    }
  };
  return {
    prepare: () => wrap(() => service.prepare()),
    preparePopulation: (id, by) => wrap(() => service.preparePopulation(id, by)),
    execute: (r, p) => wrap(() => service.execute(r, p)),
    view: (id) => wrap(() => service.view(id)),
    replace: (id, itemId, reason, by) => wrap(() => service.replace(id, itemId, reason, by)),
    more: (id, stratum, count, reason, by) => wrap(() => service.more(id, stratum, count, reason, by)),
    checkPopulation: (id) => wrap(() => service.checkPopulation(id)),
    exportRecord: (id) => wrap(() => service.exportRecord(id)),
    verify: (text, p) => wrap(() => service.verify(text, p)),
    cancel: () => service.cancel(),
    dispose: () => undefined,
  };
}
