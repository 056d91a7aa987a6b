import { readFileSync } from 'node:fs';
import { createInProcessDocumentRenderer } from '../../renderer/workers/documents-client';

const dir = 'node_modules/@expo-google-fonts/noto-serif-sc';
/** The bundled fonts read from node_modules, for in-process document rendering in tests. */
export function testDocumentRenderer() {
  return createInProcessDocumentRenderer(async () => ({
    body: new Uint8Array(readFileSync(`${dir}/400Regular/NotoSerifSC_400Regular.ttf`)),
    title: new Uint8Array(readFileSync(`${dir}/700Bold/NotoSerifSC_700Bold.ttf`)),
  }));
}
