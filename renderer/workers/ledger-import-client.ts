import type { LedgerImporter, Progress } from './ledger-import-protocol';
import type { PingchaDatabase } from '../db/database';
import { LedgerImportService, type CommittedImport } from './ledger-import-service';
import { committingImport } from './case-index-client';
import { describeEngineError } from '@shared/ledger/engine-error';
import { withPageRole } from './app-worker';
import { connect, local, WorkerError, type WorkerLike } from './rpc';

export type { WorkerLike } from './rpc';

export interface WorkerImporterOptions {
  /** A busy worker that sends nothing (no progress, no result) for this long is stopped. Default 120 s. */
  stallMs?: number;
  /** A worker whose reported JS heap exceeds this is stopped. Default 3 GB. */
  maxHeapBytes?: number;
  /** Starts a worker (default: the ledger-import module worker). */
  spawn?: () => WorkerLike;
}

export const DEFAULT_STALL_MS = 120_000;
export const DEFAULT_MAX_HEAP_BYTES = 3 * 1024 * 1024 * 1024;

export function stalledMessage(ms: number): string {
  return `后台读取程序超过 ${Math.round(ms / 1000)} 秒没有响应，已停止。文件可能过大或内容异常，请检查文件，或拆分成较小的文件后再试。`;
}

export function heapMessage(bytes: number): string {
  return `后台读取程序占用内存过多（约 ${(bytes / 1024 / 1024 / 1024).toFixed(1)} GB），已停止。请按部门或年度拆分成多个较小的文件后再导入。`;
}

export function diedMessage(detail: string | undefined): string {
  return `后台读取程序意外停止（${describeEngineError(detail ?? '')}）。请检查文件，或拆分成较小的文件后重试。`;
}

/**
 * The app's importer: every step runs in the ledger-import Web Worker, under a watchdog. A worker that stops
 * answering, reports too much memory, or dies is terminated; every waiting call is rejected with a Chinese
 * message, and the next call starts a fresh worker (the page and the store are untouched: writes are only
 * visible once an import commits).
 */
export function createWorkerImporter(options: WorkerImporterOptions = {}): LedgerImporter {
  const stallMs = options.stallMs ?? DEFAULT_STALL_MS;
  const maxHeap = options.maxHeapBytes ?? DEFAULT_MAX_HEAP_BYTES;
  const spawn =
    options.spawn ??
    (() =>
      withPageRole(
        new Worker(new URL('./ledger-import.worker.ts', import.meta.url), {
          type: 'module',
          name: 'ledger-import',
        }),
      ));
  // A chosen file's bytes are copied, not transferred: the wizard re-opens with another encoding.
  const remote = connect<LedgerImportService>(spawn, {
    crashed: diedMessage,
    stall: { ms: stallMs, message: () => stalledMessage(stallMs) },
    onProgress: (p) => {
      const heap = (p as Progress).heapBytes;
      if (heap !== undefined && heap > maxHeap) return new WorkerError('memory', heapMessage(heap));
    },
  });
  return handingOffCaseIndex(remote);
}

/** The importer whose commit hands the import's packed rows to the case index and returns the record. */
function handingOffCaseIndex(importer: LedgerImporter): LedgerImporter {
  const commit: LedgerImporter['commit'] = (...args) =>
    committingImport(importer.commit(...args) as Promise<CommittedImport>);
  return new Proxy(importer, {
    get: (target, key) => (key === 'commit' ? commit : (Reflect.get(target, key, target) as unknown)),
  });
}

/** Same service on the calling thread (UI tests; environments without module workers). */
export function createInProcessImporter(db: PingchaDatabase): LedgerImporter {
  return handingOffCaseIndex(local(new LedgerImportService(db)));
}
