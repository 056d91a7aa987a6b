// Backup export, inspection and restore behind the backup worker: the JSON encoding, compression,
// hashing and parsing of a whole-store backup run here, off the UI thread. Runs in the worker in
// the app and in-process in the tests (the same code either way).
import { cancelledError, isCancelled } from '@shared/util/cancel';
import {
  exportDatabase,
  inspectBackup,
  restoreBackup,
  type BackupProgress,
  type BackupResult,
  type RestoreResult,
} from '../db/backup-repository';
import type { PingchaDatabase } from '../db/database';
import type {
  BackupRunner,
  ExportEvent,
  ExportRequest,
  InspectedFile,
  RestoreRequest,
} from './backup-protocol';

/** The buffer to transfer when the view spans all of it; otherwise the bytes are copied once. */
export function wholeBuffer(bytes: Uint8Array): Transferable[] {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? [bytes.buffer as ArrayBuffer]
    : [];
}

export class BackupJobsService implements Omit<BackupRunner, 'dispose'> {
  private files = new Map<string, Uint8Array>();
  private counter = 0;
  constructor(private readonly db: PingchaDatabase) {}

  async exportDatabase(
    request: ExportRequest,
    onProgress?: (p: BackupProgress) => void,
    signal?: AbortSignal,
  ): Promise<BackupResult> {
    return this.runExport(request, onProgress, signal);
  }

  async exportPieces(
    request: ExportRequest,
    onEvent?: (e: ExportEvent) => void,
    signal?: AbortSignal,
  ): Promise<BackupResult> {
    // Each piece leaves as it is made (the worker transfers it): the answer carries no bytes.
    return this.runExport(request, onEvent, signal, (data) => onEvent?.({ data }));
  }

  private runExport(
    request: ExportRequest,
    onProgress: ((p: BackupProgress) => void) | undefined,
    signal: AbortSignal | undefined,
    onData?: (data: Uint8Array) => void,
  ): Promise<BackupResult> {
    return exportDatabase(this.db, {
      appVersion: request.appVersion,
      reason: request.reason,
      now: () => new Date(request.createdAt),
      signal,
      ...(request.caseFiles === false ? { caseFiles: false } : {}),
      ...(onProgress ? { onProgress } : {}),
      ...(onData ? { onData } : {}),
    });
  }

  async inspect(
    file: { bytes: Uint8Array; appVersion: string },
    onProgress?: (p: BackupProgress) => void,
    signal?: AbortSignal,
  ): Promise<InspectedFile> {
    const inspection = await inspectBackup(this.db, file.bytes, {
      appVersion: file.appVersion,
      signal,
      ...(onProgress ? { onProgress } : {}),
    });
    const fileKey = `backup-${++this.counter}`;
    this.files.set(fileKey, file.bytes);
    return { fileKey, inspection };
  }

  /** The signal is honoured until the replacing transaction starts (the repository's last check). */
  async restore(
    request: RestoreRequest,
    onProgress?: (p: BackupProgress) => void,
    signal?: AbortSignal,
  ): Promise<RestoreResult> {
    const bytes = this.files.get(request.fileKey);
    if (!bytes) throw new Error('要恢复的备份文件已不在内存中，请重新选择备份文件。');
    try {
      return await restoreBackup(this.db, bytes, {
        appVersion: request.appVersion,
        actor: request.actor,
        ...(request.acceptBrokenLogAt !== undefined ? { acceptBrokenLogAt: request.acceptBrokenLogAt } : {}),
        ...(request.acceptTrustProblems ? { acceptTrustProblems: request.acceptTrustProblems } : {}),
        signal,
        ...(onProgress ? { onProgress } : {}),
      });
    } catch (e) {
      if (isCancelled(e)) throw cancelledError('已取消恢复，数据库未作任何更改。');
      throw e;
    }
  }

  discard(fileKey: string): void {
    this.files.delete(fileKey);
  }
}
