/// <reference lib="webworker" />
// The officers-import worker: OfficersImportService served over rpc.ts. Parsing, validation and the
// store writes happen here, off the UI thread.
import { workerDatabase } from './app-worker';
import { OfficersImportService } from './officers-import-service';
import { serve } from './rpc';

serve(new OfficersImportService(workerDatabase()));
