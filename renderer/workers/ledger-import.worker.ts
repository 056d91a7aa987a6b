/// <reference lib="webworker" />
// The ledger-import worker: LedgerImportService served over rpc.ts. Parsing, validation and the store
// writes happen here, off the UI thread.
import { packedBuffers } from '@shared/cases/case-index';
import { describeEngineError } from '@shared/ledger/engine-error';
import { workerDatabase } from './app-worker';
import { LedgerImportService } from './ledger-import-service';
import { serve, toWireError } from './rpc';

/** The worker's JS heap in use, where the engine exposes it (Chromium's performance.memory), for the watchdog. */
function heapBytes(): number | undefined {
  return (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize;
}

serve(new LedgerImportService(workerDatabase()), {
  progress: (p) => ({ ...(p as object), heapBytes: heapBytes() }),
  // a committed import's rows go to the page's case index as typed columns, moved not copied
  transfer: { commit: (r) => (r.caseIndex ? packedBuffers(r.caseIndex) : []) },
  // our errors are Chinese; an engine error ("Invalid array length" ...) is described in Chinese
  toWire: (e) =>
    e instanceof Error && /[\u4e00-\u9fff]/.test(e.message)
      ? toWireError(e)
      : { name: 'Error', message: `处理失败：${describeEngineError(e)}。数据库未作任何更改。`, props: {} },
});
