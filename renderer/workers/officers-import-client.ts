import type { PingchaDatabase } from '../db/database';
import { withPageRole } from './app-worker';
import type { OfficersImporter } from './officers-import-protocol';
import { OfficersImportService } from './officers-import-service';
import { connect, local } from './rpc';

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
    { crashed: (detail) => `后台处理程序出错：${detail || '未知错误'}` },
  );
}

/** The same service on the calling thread (UI tests). */
export function createInProcessOfficersImporter(db: PingchaDatabase): OfficersImporter {
  return local(new OfficersImportService(db));
}
