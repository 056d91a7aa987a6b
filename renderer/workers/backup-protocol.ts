// What crosses between the UI and the backup worker (rpc.ts). A backup file's bytes cross once each way, by
// transfer (not copied): the export's result to the UI (which hands it to the platform to save),
// a chosen file to the worker, which keeps it under a key until it is restored or discarded.
import type { BackupReason } from '@shared/backup/backup-format';
import type { BackupInspection, BackupProgress, BackupResult, RestoreResult } from '../db/backup-repository';

export interface ExportRequest {
  appVersion: string;
  reason: BackupReason;
  /** ISO time the backup is stamped with (the UI's clock, so file name and manifest agree). */
  createdAt: string;
  /** False: without the 电子案卷's content (their records, hashes and pins stay). Default true. */
  caseFiles?: boolean;
}

/** What an export reports: its progress, or (a streamed export) the file's next piece. */
export type ExportEvent = BackupProgress | BackupPiece;

/** The next piece of a streamed backup file, in order. */
export interface BackupPiece {
  data: Uint8Array;
}

export function isBackupPiece(e: ExportEvent): e is BackupPiece {
  return 'data' in e;
}

export interface InspectedFile {
  /** Names the bytes the worker keeps for restore(). */
  fileKey: string;
  inspection: BackupInspection;
}

export interface RestoreRequest {
  fileKey: string;
  appVersion: string;
  actor: string;
  /** The user confirmed restoring a backup whose log chain breaks at this entry. */
  acceptBrokenLogAt?: number;
  /** The user confirmed restoring despite these trust problems (the lines the preview named). */
  acceptTrustProblems?: string[];
}

/**
 * What the UI talks to: a Worker in the app, the same service in-process in tests. Each job takes the
 * caller's AbortSignal: aborted, it rejects with a WorkerError of kind 'cancelled' and nothing written.
 */
export interface BackupRunner {
  /** The whole store as one backup file; nothing is written anywhere. */
  exportDatabase(
    request: ExportRequest,
    onProgress?: (p: BackupProgress) => void,
    signal?: AbortSignal,
  ): Promise<BackupResult>;
  /**
   * The same export, streamed: the file's pieces go to `onEvent` as they are made (from the worker, each
   * transferred), between its progress; the answer's `bytes` is empty (nobody holds the whole file).
   */
  exportPieces(
    request: ExportRequest,
    onEvent?: (e: ExportEvent) => void,
    signal?: AbortSignal,
  ): Promise<BackupResult>;
  /**
   * Reads and verifies a backup. The bytes move to the runner (the caller's array is detached in
   * the app), which keeps them for restore() under the returned key.
   */
  inspect(
    file: { bytes: Uint8Array; appVersion: string },
    onProgress?: (p: BackupProgress) => void,
    signal?: AbortSignal,
  ): Promise<InspectedFile>;
  /**
   * Replaces the store with an inspected file. The signal is honoured only until progress reports
   * phase 'write' (the replacing transaction): from then on it completes or rolls back as a whole.
   */
  restore(
    request: RestoreRequest,
    onProgress?: (p: BackupProgress) => void,
    signal?: AbortSignal,
  ): Promise<RestoreResult>;
  /** Forgets an inspected file (the user closed the preview). */
  discard(fileKey: string): void;
  dispose(): void;
}
