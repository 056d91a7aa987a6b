import type {
  AnalyseRequest,
  CommitRequest,
  EncodingChoice,
  ImportReportSummary,
  LedgerImporter,
  OpenedFile,
  Progress,
  WorkerRequest,
  WorkerResponse,
} from './ledger-import-protocol';
import type { ImportRecord } from '../db/schema';
import type { PingchaDatabase } from '../db/database';
import { LedgerImportService } from './ledger-import-service';
import { describeEngineError } from '@shared/ledger/engine-error';
import { appGate } from '../db/database';
import { shareRoleWithWorker } from '../db/writer-lock';

/** Error from the importer; `cancelled` tells a user's cancel from a failure. */
export class ImporterError extends Error {
  constructor(
    message: string,
    public readonly cancelled = false,
  ) {
    super(message);
    this.name = 'ImporterError';
  }
}

type RequestBody = WorkerRequest extends infer T ? (T extends unknown ? Omit<T, 'id'> : never) : never;

type Pending = {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  onProgress?: (p: Progress) => void;
};

/** What the importer needs of a Worker (a Web Worker in the app; tests may hand in another real worker). */
export interface WorkerLike {
  onmessage: ((event: { data: WorkerResponse }) => void) | null;
  onerror: ((event: { message?: string; preventDefault?: () => void }) => void) | null;
  postMessage(message: WorkerRequest, transfer?: Transferable[]): void;
  terminate(): void;
}

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

function spawnModuleWorker(): WorkerLike {
  const worker = new Worker(new URL('./ledger-import.worker.ts', import.meta.url), {
    type: 'module',
    name: 'ledger-import',
  });
  // The worker writes through a gated connection: it learns this page's role (writer or read-only)
  // now and whenever it changes; the subscription ends with the worker.
  const stop = shareRoleWithWorker(worker, appGate);
  const terminate = worker.terminate.bind(worker);
  worker.terminate = () => {
    stop();
    terminate();
  };
  return worker as unknown as WorkerLike;
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
  const spawn = options.spawn ?? spawnModuleWorker;
  let worker: WorkerLike | null = null;
  const pending = new Map<number, Pending>();
  let next = 1;
  let timer: ReturnType<typeof setTimeout> | null = null;

  function kill(message: string): void {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    const w = worker;
    worker = null;
    w?.terminate();
    for (const p of pending.values()) p.reject(new ImporterError(message));
    pending.clear();
  }

  /** (Re)arm the stall timer while a call is waiting; disarm when none is. */
  function arm(): void {
    if (timer !== null) clearTimeout(timer);
    timer = pending.size > 0 ? setTimeout(() => kill(stalledMessage(stallMs)), stallMs) : null;
  }

  function current(): WorkerLike {
    if (worker) return worker;
    const w = spawn();
    w.onmessage = (event) => {
      if (w !== worker) return;
      const m = event.data;
      const p = pending.get(m.id);
      if (!p) return;
      if ('progress' in m) {
        if (m.progress.heapBytes !== undefined && m.progress.heapBytes > maxHeap) {
          kill(heapMessage(m.progress.heapBytes));
          return;
        }
        arm();
        p.onProgress?.(m.progress);
        return;
      }
      pending.delete(m.id);
      arm();
      if (m.ok) p.resolve(m.result);
      else p.reject(new ImporterError(m.error, m.cancelled ?? false));
    };
    w.onerror = (e) => {
      e.preventDefault?.();
      if (w === worker) kill(diedMessage(e.message));
    };
    worker = w;
    return w;
  }

  function call<T>(
    body: RequestBody,
    onProgress?: (p: Progress) => void,
    transfer: Transferable[] = [],
  ): Promise<T> {
    const id = next++;
    return new Promise<T>((resolve, reject) => {
      const w = current();
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onProgress });
      arm();
      w.postMessage({ ...body, id } as WorkerRequest, transfer);
    });
  }
  return {
    open: (file, encoding, onProgress) =>
      call<OpenedFile>(
        {
          op: 'open',
          name: file.name,
          bytes: file.bytes,
          encoding,
        } /* copied, not transferred: the wizard re-opens with another encoding */,
        onProgress,
      ),
    selectSheet: (fileKey, sheetIndex) => call<OpenedFile>({ op: 'selectSheet', fileKey, sheetIndex }),
    analyse: (request: AnalyseRequest, onProgress) =>
      call<ImportReportSummary>({ op: 'analyse', request }, onProgress),
    commit: (request: CommitRequest, onProgress) => call<ImportRecord>({ op: 'commit', request }, onProgress),
    loadDemo: (onProgress) => call<number>({ op: 'loadDemo' }, onProgress),
    cancel: () => worker?.postMessage({ id: 0, op: 'cancel' } satisfies WorkerRequest),
    discard: (fileKey) => {
      if (worker) void call({ op: 'discard', fileKey }).catch(() => undefined);
    },
    dispose: () => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      worker?.terminate();
      worker = null;
    },
  };
}

/** Same service on the calling thread (UI tests; environments without module workers). */
export function createInProcessImporter(db: PingchaDatabase): LedgerImporter {
  const service = new LedgerImportService(db);
  const wrap = async <T>(f: () => Promise<T>): Promise<T> => {
    try {
      return await f();
    } catch (e) {
      throw new ImporterError(
        e instanceof Error ? e.message : String(e),
        (e as Error)?.name === 'CancelledError',
      );
    }
  };
  return {
    open: (file, encoding: EncodingChoice, p) => wrap(() => service.open(file, encoding, p)),
    selectSheet: (k, i) => wrap(() => service.selectSheet(k, i)),
    analyse: (r, p) => wrap(() => service.analyse(r, p)),
    commit: (r, p) => wrap(() => service.commit(r, p)),
    loadDemo: (p) => wrap(() => service.loadDemo(p)),
    cancel: () => service.cancel(),
    discard: (k) => service.discard(k),
    dispose: () => undefined,
  };
}
