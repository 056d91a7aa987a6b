import { CaseIndex } from '@shared/cases/case-index';
import type { ImportRecord } from '../db/schema';
import type { CaseIndexService } from './case-index-service';
import { withPageRole } from './app-worker';
import { connect, type Remote, type WorkerLike } from './rpc';

/** Builds the index of the given imports somewhere off this thread and adopts what comes back. */
export type CaseIndexBuilder = (
  imports: readonly Pick<ImportRecord, 'id' | 'chunkCount'>[],
) => Promise<CaseIndex>;

/** The case-index service in a worker (a fresh one per build, stopped after it, so its memory goes with it). */
export function connectCaseIndexWorker(spawn: () => WorkerLike | Worker): Remote<CaseIndexService> {
  return connect<CaseIndexService>(spawn, {
    crashed: (detail) => `案卷索引程序意外停止：${detail || '未知错误'}`,
  });
}

export function workerCaseIndexBuilder(spawn?: () => WorkerLike | Worker): CaseIndexBuilder {
  return async (imports) => {
    const remote = connectCaseIndexWorker(
      spawn ??
        (() =>
          withPageRole(
            new Worker(new URL('./case-index.worker.ts', import.meta.url), {
              type: 'module',
              name: 'case-index',
            }),
          )),
    );
    try {
      return CaseIndex.fromPacked(await remote.build(imports));
    } finally {
      remote.dispose();
    }
  };
}

/** Where module workers exist (the app), the index is built in one; elsewhere (jsdom tests) null. */
export function defaultCaseIndexBuilder(): CaseIndexBuilder | null {
  return typeof Worker === 'function' ? workerCaseIndexBuilder() : null;
}
