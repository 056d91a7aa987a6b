/// <reference lib="webworker" />
// Thin message adapter around OfficersImportService: parsing, validation and the store writes happen
// here, off the UI thread.
import { DB_NAME, SCHEMA_VERSIONS } from '../db/schema';
import { PingchaDatabase } from '../db/database';
import { workerGate } from '../db/writer-lock';
import { OfficersImportService } from './officers-import-service';
import type { WorkerRequest, WorkerResponse } from './officers-import-protocol';

const service = new OfficersImportService(
  new PingchaDatabase(DB_NAME, SCHEMA_VERSIONS.length, workerGate(self)),
);
const post = (m: WorkerResponse) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(m);

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const msg = event.data;
  try {
    let result: unknown = null;
    switch (msg.op) {
      case 'open':
        result = await service.open({ name: msg.name, bytes: msg.bytes }, msg.encoding, msg.target);
        break;
      case 'describe':
        result = await service.describe(msg.fileKey, msg.sheetIndex, msg.headerRow);
        break;
      case 'analyseOfficers':
        result = await service.analyseOfficers(msg.request);
        break;
      case 'analyseExam':
        result = await service.analyseExam(msg.request);
        break;
      case 'analyseTraining':
        result = await service.analyseTraining(msg.request);
        break;
      case 'commit':
        result = await service.commit(msg.request);
        break;
      case 'discard':
        service.discard(msg.fileKey);
        break;
    }
    post({ id: msg.id, ok: true, result });
  } catch (e) {
    post({ id: msg.id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
};
