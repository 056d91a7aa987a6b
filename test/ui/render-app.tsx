import type { ReactNode } from 'react';
import { render } from '@testing-library/react';
import { AppProviders } from '../../renderer/app/app-providers';
import { createInProcessImporter } from '../../renderer/workers/ledger-import-client';
import { getDatabase } from '../../renderer/db/database';
import { setPlatform, type PickedFile, type Platform } from '../../renderer/platform';

/** A platform whose open dialog "chooses" the given files and whose saves are captured. */
export function fakePlatform(
  files: PickedFile[],
): Platform & { saved: { name: string; bytes: Uint8Array }[] } {
  const saved: { name: string; bytes: Uint8Array }[] = [];
  return {
    kind: 'browser',
    saved,
    openFiles: async () => files.map((f) => ({ name: f.name, bytes: f.bytes.slice() })),
    saveFile: async (r) => {
      saved.push({ name: r.suggestedName, bytes: r.bytes });
      return true;
    },
    appVersion: async () => '0.0.0-test',
    dataPaths: async () => null,
  };
}

/** Renders UI the way the app does, with the in-process importer (jsdom has no module workers). */
export function renderWithApp(ui: ReactNode, files: PickedFile[] = []) {
  const platform = fakePlatform(files);
  setPlatform(platform);
  const result = render(
    <AppProviders makeImporter={() => createInProcessImporter(getDatabase())}>{ui}</AppProviders>,
  );
  return { ...result, platform };
}
