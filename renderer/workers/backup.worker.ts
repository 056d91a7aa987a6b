/// <reference lib="webworker" />
// The backup worker: BackupJobsService served over rpc.ts. The worker opens its own connection to the
// same IndexedDB database (shared per origin) and does the whole export / verify / restore here.
import { workerDatabase } from './app-worker';
import { BackupJobsService, wholeBuffer } from './backup-jobs-service';
import { serve } from './rpc';

serve(new BackupJobsService(workerDatabase()), {
  // The export's bytes own their whole buffer (concatBytes): transferred instead of copied.
  transfer: { exportDatabase: (result) => wholeBuffer(result.bytes) },
  // A streamed export's pieces are transferred as they are made (each owns its buffer, else copied).
  progressTransfer: (p) => {
    const data = (p as { data?: unknown }).data;
    return data instanceof Uint8Array ? wholeBuffer(data) : [];
  },
});
