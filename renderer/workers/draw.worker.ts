/// <reference lib="webworker" />
// Thin message adapter around DrawService: the population, the draw and its storage stay off the
// UI thread. Requests run one after another so a draw and a replacement never interleave.
import { DB_NAME, SCHEMA_VERSIONS } from '../db/schema';
import { PingchaDatabase } from '../db/database';
import { workerGate } from '../db/writer-lock';
import { DrawCancelledError, DrawService } from './draw-service';
import type { DrawProgress, DrawWorkerRequest, DrawWorkerResponse } from './draw-protocol';

const service = new DrawService(new PingchaDatabase(DB_NAME, SCHEMA_VERSIONS.length, workerGate(self)));
const post = (m: DrawWorkerResponse, transfer: Transferable[] = []) =>
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(m, transfer);

let queue: Promise<void> = Promise.resolve();

async function handle(msg: Exclude<DrawWorkerRequest, { op: 'cancel' }>): Promise<void> {
  const progress = (p: DrawProgress) => post({ id: msg.id, progress: p });
  try {
    let result: unknown;
    const transfer: Transferable[] = [];
    switch (msg.op) {
      case 'prepare':
        result = await service.prepare();
        break;
      case 'preparePopulation':
        result = await service.preparePopulation(msg.campaignId, msg.stratifyBy);
        break;
      case 'execute':
        result = await service.execute(msg.request, progress);
        break;
      case 'view':
        result = await service.view(msg.drawId);
        break;
      case 'replace':
        result = await service.replace(msg.drawId, msg.itemId, msg.reason, msg.by);
        break;
      case 'more':
        result = await service.more(msg.drawId, msg.stratum, msg.count, msg.reason, msg.by);
        break;
      case 'checkPopulation':
        result = await service.checkPopulation(msg.drawId);
        break;
      case 'exportRecord': {
        const bytes = await service.exportRecord(msg.drawId);
        transfer.push(bytes.buffer);
        result = bytes;
        break;
      }
      case 'verify':
        result = await service.verify(msg.text, progress);
        break;
    }
    post({ id: msg.id, ok: true, result }, transfer);
  } catch (e) {
    post({
      id: msg.id,
      ok: false,
      error: e instanceof Error ? e.message : String(e),
      cancelled: e instanceof DrawCancelledError,
    });
  }
}

self.onmessage = (event: MessageEvent<DrawWorkerRequest>) => {
  const msg = event.data;
  if (msg.op === 'cancel') {
    service.cancel();
    return;
  }
  queue = queue.then(() => handle(msg));
};
