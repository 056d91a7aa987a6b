import type { ReactNode } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { CaseIndexProvider } from '../ledgers/case-index-context';
import { ImporterFactoryContext } from '../ledgers/importer-context';
import { createWorkerImporter } from '../workers/ledger-import-client';
import type { LedgerImporter } from '../workers/ledger-import-protocol';

dayjs.locale('zh-cn');

/** Everything the app's pages rely on; tests render pages inside the same providers. */
export function AppProviders({
  children,
  makeImporter = createWorkerImporter,
}: {
  children: ReactNode;
  makeImporter?: () => LedgerImporter;
}) {
  return (
    // autoInsertSpace off: "移除" stays "移除" (antd would render "移 除" in two-character buttons).
    <ConfigProvider
      locale={zhCN}
      button={{ autoInsertSpace: false }}
      theme={{ token: { colorPrimary: '#1f4e99', borderRadius: 4 } }}
    >
      <AntApp>
        <ImporterFactoryContext.Provider value={makeImporter}>
          <CaseIndexProvider>{children}</CaseIndexProvider>
        </ImporterFactoryContext.Provider>
      </AntApp>
    </ConfigProvider>
  );
}
