import type { PingchaDatabase } from '../db/database';
import { withPageRole } from './app-worker';
import type { OfficersImporter } from './officers-import-protocol';
import { OfficersImportService } from './officers-import-service';
import { connect, local, type ConnectOptions } from './rpc';

/** Error from the officers importer (Chinese message, shown as is). */
export class OfficersImporterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OfficersImporterError';
  }
}

const errors: ConnectOptions<OfficersImportService>['errors'] = {
  default: (w) => new OfficersImporterError(w.message),
};

/** The app's importer: every step runs in the officers-import Web Worker. */
export function createWorkerOfficersImporter(): OfficersImporter {
  return connect<OfficersImportService>(
    () =>
      withPageRole(
        new Worker(new URL('./officers-import.worker.ts', import.meta.url), {
          type: 'module',
          name: 'officers-import',
        }),
      ),
    { errors, crashed: (detail) => new OfficersImporterError(`后台处理程序出错：${detail || '未知错误'}`) },
  );
}

/** The same service on the calling thread (UI tests). */
export function createInProcessOfficersImporter(db: PingchaDatabase): OfficersImporter {
  return local(new OfficersImportService(db), { errors });
}
