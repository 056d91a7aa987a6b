import { CaseIndex, type PackedCaseIndex } from '@shared/cases/case-index';
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

/**
 * Imports committed by this page's import worker, their rows as the worker packed them, until the case
 * index takes them (once each): appending them costs a copy of typed arrays, where reading the chunks
 * back from the store would decode every row's strings on the page's thread. The store shows a new
 * import before its commit call returns (the census runs in between), so the index waits for the
 * commits under way before it reads an import's chunks.
 */
const handedOff = new Map<string, PackedCaseIndex>();
const MAX_HANDED_OFF = 64;
const committing = new Set<Promise<unknown>>();

/** Runs an import's commit, its packed rows (if any) offered to the case index when it returns. */
export async function committingImport<R extends { id: string }>(
  commit: Promise<R & { caseIndex?: PackedCaseIndex }>,
): Promise<R> {
  const settled = commit.then(
    () => undefined,
    () => undefined,
  );
  committing.add(settled);
  try {
    const { caseIndex, ...record } = await commit;
    if (caseIndex) {
      handedOff.set(record.id, caseIndex);
      // one never taken (its import deleted first) does not stay for ever
      if (handedOff.size > MAX_HANDED_OFF) handedOff.delete(handedOff.keys().next().value!);
    }
    return record as unknown as R;
  } finally {
    committing.delete(settled);
  }
}

/**
 * The rows of an import this page's worker committed, once the commits under way have returned; null
 * if it was not handed over (another window imported it; the index was built after) or already taken.
 */
export async function takeImportedCaseIndex(importId: string): Promise<CaseIndex | null> {
  while (!handedOff.has(importId) && committing.size > 0) await Promise.all([...committing]);
  const packed = handedOff.get(importId);
  if (!packed) return null;
  handedOff.delete(importId);
  return CaseIndex.fromPacked(packed);
}
