import { createInProcessDocumentRenderer } from '../../renderer/workers/documents-client';
import { bundledFontsFromNodeModules } from '../fixtures/bundled-fonts';

/** The bundled fonts read from node_modules, for in-process document rendering in tests. */
export function testDocumentRenderer() {
  return createInProcessDocumentRenderer(async () => bundledFontsFromNodeModules());
}
