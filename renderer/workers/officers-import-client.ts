import type {
  CommitResult,
  OfficersImporter,
  OpenedSheet,
  SheetReportSummary,
  WorkerRequest,
  WorkerResponse,
} from './officers-import-protocol';
import type { PingchaDatabase } from '../db/database';
import { OfficersImportService } from './officers-import-service';
import { appGate } from '../db/database';
import { shareRoleWithWorker } from '../db/writer-lock';

/** Error from the officers importer (Chinese message, shown as is). */
export class OfficersImporterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OfficersImporterError';
  }
}

type RequestBody = WorkerRequest extends infer T ? (T extends unknown ? Omit<T, 'id'> : never) : never;

/** The app's importer: every step runs in the officers-import Web Worker. */
export function createWorkerOfficersImporter(): OfficersImporter {
  const worker = new Worker(new URL('./officers-import.worker.ts', import.meta.url), {
    type: 'module',
    name: 'officers-import',
  });
  shareRoleWithWorker(worker, appGate);
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let next = 1;
  worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
    const m = event.data;
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.ok) p.resolve(m.result);
    else p.reject(new OfficersImporterError(m.error));
  };
  worker.onerror = (e) => {
    for (const p of pending.values())
      p.reject(new OfficersImporterError(`后台处理程序出错：${e.message || '未知错误'}`));
    pending.clear();
  };
  function call<T>(body: RequestBody): Promise<T> {
    const id = next++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ ...body, id } as WorkerRequest);
    });
  }
  return {
    open: (file, encoding, target) =>
      call<OpenedSheet>({ op: 'open', name: file.name, bytes: file.bytes, encoding, target }),
    describe: (fileKey, sheetIndex, headerRow) =>
      call<OpenedSheet>({ op: 'describe', fileKey, sheetIndex, headerRow }),
    analyseOfficers: (request) => call<SheetReportSummary>({ op: 'analyseOfficers', request }),
    analyseExam: (request) => call<SheetReportSummary>({ op: 'analyseExam', request }),
    analyseTraining: (request) => call<SheetReportSummary>({ op: 'analyseTraining', request }),
    commit: (request) => call<CommitResult>({ op: 'commit', request }),
    discard: (fileKey) => void call({ op: 'discard', fileKey }),
    dispose: () => worker.terminate(),
  };
}

/** The same service on the calling thread (UI tests). */
export function createInProcessOfficersImporter(db: PingchaDatabase): OfficersImporter {
  const service = new OfficersImportService(db);
  const wrap = async <T>(f: () => Promise<T>): Promise<T> => {
    try {
      return await f();
    } catch (e) {
      throw new OfficersImporterError(e instanceof Error ? e.message : String(e));
    }
  };
  return {
    open: (file, encoding, target) => wrap(() => service.open(file, encoding, target)),
    describe: (k, i, h) => wrap(() => service.describe(k, i, h)),
    analyseOfficers: (r) => wrap(() => service.analyseOfficers(r)),
    analyseExam: (r) => wrap(() => service.analyseExam(r)),
    analyseTraining: (r) => wrap(() => service.analyseTraining(r)),
    commit: (r) => wrap(() => service.commit(r)),
    discard: (k) => service.discard(k),
    dispose: () => undefined,
  };
}
