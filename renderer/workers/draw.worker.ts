/// <reference lib="webworker" />
// The draw worker: DrawService served over rpc.ts. The population, the draw and its storage stay off
// the UI thread. Calls run one after another so a draw and a replacement never interleave.
import { workerDatabase } from './app-worker';
import { DrawService } from './draw-service';
import { serve } from './rpc';

serve(new DrawService(workerDatabase()), {
  serial: true,
  transfer: { exportRecord: (bytes) => [bytes.buffer as ArrayBuffer] },
});
