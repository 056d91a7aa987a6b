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

/** The app's importer: every step runs in the ledger-import Web Worker. */
export function createWorkerImporter(): LedgerImporter {
  const worker = new Worker(new URL('./ledger-import.worker.ts', import.meta.url), {
    type: 'module',
    name: 'ledger-import',
  });
  shareRoleWithWorker(worker, appGate);
  const pending = new Map<number, Pending>();
  let next = 1;
  worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
    const m = event.data;
    const p = pending.get(m.id);
    if (!p) return;
    if ('progress' in m) {
      p.onProgress?.(m.progress);
      return;
    }
    pending.delete(m.id);
    if (m.ok) p.resolve(m.result);
    else p.reject(new ImporterError(m.error, m.cancelled ?? false));
  };
  worker.onerror = (e) => {
    for (const p of pending.values())
      p.reject(new ImporterError(`后台处理程序出错：${e.message || '未知错误'}`));
    pending.clear();
  };
  function call<T>(
    body: RequestBody,
    onProgress?: (p: Progress) => void,
    transfer: Transferable[] = [],
  ): Promise<T> {
    const id = next++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onProgress });
      worker.postMessage({ ...body, id } as WorkerRequest, transfer);
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
    cancel: () => worker.postMessage({ id: 0, op: 'cancel' } satisfies WorkerRequest),
    discard: (fileKey) => void call({ op: 'discard', fileKey }),
    dispose: () => worker.terminate(),
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
