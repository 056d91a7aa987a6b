/// <reference lib="webworker" />
// Thin message adapter around LedgerImportService: parsing, validation and the store writes
// happen here, off the UI thread.
import { DB_NAME, SCHEMA_VERSIONS } from '../db/schema';
import { PingchaDatabase } from '../db/database';
import { workerGate } from '../db/writer-lock';
import { LedgerImportService, CancelledError } from './ledger-import-service';
import type { Progress, WorkerRequest, WorkerResponse } from './ledger-import-protocol';
import { describeEngineError } from '@shared/ledger/engine-error';

const service = new LedgerImportService(
  new PingchaDatabase(DB_NAME, SCHEMA_VERSIONS.length, workerGate(self)),
);

/** The worker's JS heap in use, where the engine exposes it (Chromium's performance.memory), for the watchdog. */
function heapBytes(): number | undefined {
  return (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize;
}
const post = (m: WorkerResponse) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(m);

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const msg = event.data;
  if (msg.op === 'cancel') {
    service.cancel();
    return;
  }
  const progress = (p: Progress) => post({ id: msg.id, progress: { ...p, heapBytes: heapBytes() } });
  try {
    let result: unknown;
    switch (msg.op) {
      case 'open':
        result = await service.open({ name: msg.name, bytes: msg.bytes }, msg.encoding, progress);
        break;
      case 'selectSheet':
        result = await service.selectSheet(msg.fileKey, msg.sheetIndex);
        break;
      case 'analyse':
        result = await service.analyse(msg.request, progress);
        break;
      case 'commit':
        result = await service.commit(msg.request, progress);
        break;
      case 'loadDemo':
        result = await service.loadDemo(progress);
        break;
      case 'discard':
        service.discard(msg.fileKey);
        result = null;
        break;
    }
    post({ id: msg.id, ok: true, result });
  } catch (e) {
    post({
      id: msg.id,
      ok: false,
      // our errors are Chinese; an engine error ("Invalid array length" ...) is described in Chinese
      error:
        e instanceof Error && /[\u4e00-\u9fff]/.test(e.message)
          ? e.message
          : `处理失败：${describeEngineError(e)}。数据库未作任何更改。`,
      cancelled: e instanceof CancelledError,
    });
  }
};
