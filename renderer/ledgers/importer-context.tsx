import { createContext, useContext } from 'react';
import type { LedgerImporter } from '../workers/ledger-import-protocol';
import { createWorkerImporter } from '../workers/ledger-import-client';

/** Makes a fresh importer; the app uses the Web Worker, tests inject the in-process one. */
export const ImporterFactoryContext = createContext<() => LedgerImporter>(createWorkerImporter);

export function useImporterFactory(): () => LedgerImporter {
  return useContext(ImporterFactoryContext);
}
