// What every app worker needs around rpc.ts: on the UI side the page's writer role shared with the
// worker (until it is stopped); on the worker side the store connection gated by that role.
import { appGate, PingchaDatabase } from '../db/database';
import { DB_NAME, SCHEMA_VERSIONS } from '../db/schema';
import { signWhenOpen } from '../db/office-key-repository';
import { shareRoleWithWorker, workerGate } from '../db/writer-lock';
import type { WorkerLike } from './rpc';

/** A module worker that learns this page's role now and whenever it changes. */
export function withPageRole(worker: Worker): WorkerLike {
  const stop = shareRoleWithWorker(worker, appGate);
  const terminate = worker.terminate.bind(worker);
  worker.terminate = () => {
    stop();
    terminate();
  };
  return worker as unknown as WorkerLike;
}

/** Inside a worker: the store, writing only while the page that started the worker is the writer. */
export function workerDatabase(): PingchaDatabase {
  return signWhenOpen(new PingchaDatabase(DB_NAME, SCHEMA_VERSIONS.length, workerGate(self)));
}
