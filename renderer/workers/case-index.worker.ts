/// <reference lib="webworker" />
// The case-index worker: CaseIndexService served over rpc.ts; the packed index's typed columns are
// transferred to the page.
import { packedBuffers } from '@shared/cases/case-index';
import { workerDatabase } from './app-worker';
import { CaseIndexService } from './case-index-service';
import { serve } from './rpc';

serve(new CaseIndexService(workerDatabase()), { transfer: { build: (packed) => packedBuffers(packed) } });
