import { BackupFileError } from '@shared/backup/backup-format';
import {
  BackupCancelledError,
  RestoreError,
  type BackupProgress,
  type BackupResult,
  type RestoreResult,
} from '../db/backup-repository';
import type { PingchaDatabase } from '../db/database';
import { BackupJobsService } from './backup-jobs-service';
import type {
  BackupRunner,
  BackupWorkerRequest,
  BackupWorkerResponse,
  InspectedFile,
  WireError,
} from './backup-protocol';
import { appGate } from '../db/database';
import { shareRoleWithWorker } from '../db/writer-lock';

type RequestBody = BackupWorkerRequest extends infer T ? (T extends unknown ? Omit<T, 'id'> : never) : never;

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  onProgress?: (p: BackupProgress) => void;
}

/** Rebuilds the error class the UI tells apart (instanceof), with its Chinese message. */
function fromWire(e: WireError): Error {
  if (e.name === 'BackupFileError')
    return new BackupFileError(e.message, (e.code ?? 'unreadable') as BackupFileError['code']);
  if (e.name === 'BackupCancelledError') return new BackupCancelledError(e.message);
  if (e.name === 'RestoreError') return new RestoreError(e.message);
  const error = new Error(e.message);
  error.name = e.name;
  return error;
}

/** The buffer to transfer when the view spans all of it; otherwise the bytes are copied once. */
function transferList(bytes: Uint8Array): Transferable[] {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? [bytes.buffer as ArrayBuffer]
    : [];
}

/** The app's backup runner: export, verification and restore run in the backup Web Worker. */
export function createWorkerBackupRunner(): BackupRunner {
  const worker = new Worker(new URL('./backup.worker.ts', import.meta.url), {
    type: 'module',
    name: 'backup',
  });
  shareRoleWithWorker(worker, appGate);
  const pending = new Map<number, Pending>();
  let next = 1;
  worker.onmessage = (event: MessageEvent<BackupWorkerResponse>) => {
    const m = event.data;
    const p = pending.get(m.id);
    if (!p) return;
    if ('progress' in m) {
      p.onProgress?.(m.progress);
      return;
    }
    pending.delete(m.id);
    if (m.ok) p.resolve(m.result);
    else p.reject(fromWire(m.error));
  };
  worker.onerror = (e) => {
    for (const p of pending.values()) p.reject(new Error(`后台备份程序出错：${e.message || '未知错误'}`));
    pending.clear();
  };
  function call<T>(
    body: RequestBody,
    onProgress?: (p: BackupProgress) => void,
    transfer: Transferable[] = [],
  ): Promise<T> {
    const id = next++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onProgress });
      worker.postMessage({ ...body, id } as BackupWorkerRequest, transfer);
    });
  }
  return {
    exportDatabase: (request, onProgress) => call<BackupResult>({ op: 'export', request }, onProgress),
    inspect: (file, onProgress) =>
      call<InspectedFile>(
        { op: 'inspect', bytes: file.bytes, appVersion: file.appVersion },
        onProgress,
        transferList(file.bytes),
      ),
    restore: (request, onProgress) => call<RestoreResult>({ op: 'restore', request }, onProgress),
    cancel: () => worker.postMessage({ id: 0, op: 'cancel' } satisfies BackupWorkerRequest),
    discard: (fileKey) => worker.postMessage({ id: 0, op: 'discard', fileKey } satisfies BackupWorkerRequest),
    dispose: () => {
      worker.terminate();
      for (const p of pending.values()) p.reject(new BackupCancelledError());
      pending.clear();
    },
  };
}

/** The same service on the calling thread (tests; environments without module workers). */
export function createInProcessBackupRunner(db: PingchaDatabase): BackupRunner {
  const service = new BackupJobsService(db);
  return {
    exportDatabase: (r, p) => service.exportDatabase(r, p),
    inspect: (f, p) => service.inspect(f, p),
    restore: (r, p) => service.restore(r, p),
    cancel: () => service.cancel(),
    discard: (k) => service.discard(k),
    dispose: () => undefined,
  };
}

/** A Worker where the environment has one (the app), else in-process on `db`. */
export function createBackupRunner(db: () => PingchaDatabase): BackupRunner {
  return typeof Worker === 'undefined' ? createInProcessBackupRunner(db()) : createWorkerBackupRunner();
}
