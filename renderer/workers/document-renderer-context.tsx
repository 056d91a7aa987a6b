import { createContext, useContext } from 'react';
import type { DocumentRenderer } from './documents-protocol';
import { createWorkerDocumentRenderer } from './documents-client';
import { getPlatform } from '../platform';
import { installedFontsLoader, withInstalledFonts } from './installed-fonts';

/** The office's installed 公文 fonts (desktop), asked for once per session. */
export const loadInstalledFonts = installedFontsLoader(getPlatform);

let shared: DocumentRenderer | null = null;
/** One document worker for the app (fonts stay loaded); tests provide an in-process renderer. */
export const DocumentRendererContext = createContext<() => DocumentRenderer>(
  () => (shared ??= withInstalledFonts(createWorkerDocumentRenderer(), loadInstalledFonts)),
);

export function useDocumentRenderer(): DocumentRenderer {
  return useContext(DocumentRendererContext)();
}
