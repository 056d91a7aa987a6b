/// <reference lib="webworker" />
// Thin message adapter around BackupJobsService: the worker opens its own connection to the same
// IndexedDB database (shared per origin) and does the whole export / verify / restore here.
import { DB_NAME, SCHEMA_VERSIONS } from '../db/schema';
import { PingchaDatabase } from '../db/database';
import { workerGate } from '../db/writer-lock';
import { BackupJobsService } from './backup-jobs-service';
import type { BackupWorkerRequest, BackupWorkerResponse } from './backup-protocol';
import type { BackupProgress, BackupResult } from '../db/backup-repository';
import { BackupFileError } from '@shared/backup/backup-format';

const service = new BackupJobsService(new PingchaDatabase(DB_NAME, SCHEMA_VERSIONS.length, workerGate(self)));
const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (m: BackupWorkerResponse, transfer: Transferable[] = []) => scope.postMessage(m, transfer);

/** The export's bytes own their whole buffer (concatBytes): transfer it instead of copying. */
function transferable(bytes: Uint8Array): Transferable[] {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? [bytes.buffer as ArrayBuffer]
    : [];
}

scope.onmessage = async (event: MessageEvent<BackupWorkerRequest>) => {
  const msg = event.data;
  if (msg.op === 'cancel') {
    service.cancel();
    return;
  }
  if (msg.op === 'discard') {
    service.discard(msg.fileKey);
    return;
  }
  const progress = (p: BackupProgress) => post({ id: msg.id, progress: p });
  try {
    switch (msg.op) {
      case 'export': {
        const result: BackupResult = await service.exportDatabase(msg.request, progress);
        post({ id: msg.id, ok: true, result }, transferable(result.bytes));
        break;
      }
      case 'inspect':
        post({
          id: msg.id,
          ok: true,
          result: await service.inspect({ bytes: msg.bytes, appVersion: msg.appVersion }, progress),
        });
        break;
      case 'restore':
        post({ id: msg.id, ok: true, result: await service.restore(msg.request, progress) });
        break;
    }
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e));
    post({
      id: msg.id,
      ok: false,
      error: {
        name: error.name,
        message: error.message,
        ...(e instanceof BackupFileError ? { code: e.code } : {}),
      },
    });
  }
};
