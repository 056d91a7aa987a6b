import type { PingchaDatabase } from '../db/database';
import { DrawService } from './draw-service';
import { withPageRole } from './app-worker';
import { connect, local, type ConnectOptions, type Remote } from './rpc';

/**
 * What the UI talks to: DrawService in the draw worker in the app (rpc.ts), the same service
 * in-process in tests. A new operation is a new public method of DrawService.
 */
export type DrawRunner = Remote<DrawService>;

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

const errors: ConnectOptions<DrawService>['errors'] = {
  DrawCancelledError: (w) => new DrawRunnerError(w.message, true),
  default: (w) => new DrawRunnerError(w.message),
};

/** The app's draw runner: the population is loaded, drawn and stored in the draw Web Worker. */
export function createWorkerDrawRunner(): DrawRunner {
  return connect<DrawService>(
    () =>
      withPageRole(
        new Worker(new URL('./draw.worker.ts', import.meta.url), { type: 'module', name: 'draw' }),
      ),
    { errors, crashed: (detail) => new DrawRunnerError(`抽取程序出错：${detail || '未知错误'}`) },
  );
}

/** The same service on the calling thread (UI tests; environments without module workers). */
export function createInProcessDrawRunner(db: PingchaDatabase, now?: () => Date): DrawRunner {
  return local(new DrawService(db, now), { errors, serial: true });
}
