import type { PingchaDatabase } from '../db/database';
import { DrawService } from './draw-service';
import { withPageRole } from './app-worker';
import { connect, local, type Remote } from './rpc';

/**
 * What the UI talks to: DrawService in the draw worker in the app (rpc.ts), the same service
 * in-process in tests. A new operation is a new public method of DrawService.
 */
export type DrawRunner = Remote<DrawService>;

/** The app's draw runner: the population is loaded, drawn and stored in the draw Web Worker. */
export function createWorkerDrawRunner(): DrawRunner {
  return connect<DrawService>(
    () =>
      withPageRole(
        new Worker(new URL('./draw.worker.ts', import.meta.url), { type: 'module', name: 'draw' }),
      ),
    { crashed: (detail) => `抽取程序出错：${detail || '未知错误'}` },
  );
}

/** The same service on the calling thread (UI tests; environments without module workers). */
export function createInProcessDrawRunner(db: PingchaDatabase, now?: () => Date): DrawRunner {
  return local(new DrawService(db, now), { serial: true });
}
