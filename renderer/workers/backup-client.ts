import { BACKUP_CANCELLED_MESSAGE } from '../db/backup-repository';
import { getDatabase, type PingchaDatabase } from '../db/database';
import { withPageRole } from './app-worker';
import { BackupJobsService, wholeBuffer } from './backup-jobs-service';
import type { BackupRunner } from './backup-protocol';
import { connect, local } from './rpc';

/** The app's backup runner: export, verification and restore run in the backup Web Worker. */
export function createWorkerBackupRunner(): BackupRunner {
  return connect<BackupJobsService>(
    () =>
      withPageRole(
        new Worker(new URL('./backup.worker.ts', import.meta.url), { type: 'module', name: 'backup' }),
      ),
    {
      crashed: (detail) => `后台备份程序出错：${detail || '未知错误'}`,
      disposed: () => BACKUP_CANCELLED_MESSAGE,
      // A chosen file's bytes move to the worker (the caller's array is detached).
      transfer: { inspect: (file) => wholeBuffer(file.bytes) },
    },
  );
}

/** The same service on the calling thread (tests; environments without module workers). */
export function createInProcessBackupRunner(db: PingchaDatabase): BackupRunner {
  return local(new BackupJobsService(db));
}

/** A Worker where the environment has one (the app), else in-process on `db` (the app's store unless given). */
export function createBackupRunner(db: () => PingchaDatabase = getDatabase): BackupRunner {
  return typeof Worker === 'undefined' ? createInProcessBackupRunner(db()) : createWorkerBackupRunner();
}
