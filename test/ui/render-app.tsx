import type { ReactNode } from 'react';
import { render } from '@testing-library/react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { CaseIndexProvider } from '../../renderer/ledgers/case-index-context';
import { ImporterFactoryContext } from '../../renderer/ledgers/importer-context';
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
    <ConfigProvider locale={zhCN}>
      <AntApp>
        <ImporterFactoryContext.Provider value={() => createInProcessImporter(getDatabase())}>
          <CaseIndexProvider>{ui}</CaseIndexProvider>
        </ImporterFactoryContext.Provider>
      </AntApp>
    </ConfigProvider>,
  );
  return { ...result, platform };
}
