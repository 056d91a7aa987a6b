import { createContext, useContext } from 'react';
import type { DocumentRenderer } from './documents-protocol';
import { createWorkerDocumentRenderer } from './documents-client';

let shared: DocumentRenderer | null = null;
/** One document worker for the app (fonts stay loaded); tests provide an in-process renderer. */
export const DocumentRendererContext = createContext<() => DocumentRenderer>(
  () => (shared ??= createWorkerDocumentRenderer()),
);

export function useDocumentRenderer(): DocumentRenderer {
  return useContext(DocumentRendererContext)();
}
