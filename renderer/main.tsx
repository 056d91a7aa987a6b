import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Button, Result } from 'antd';
import { App } from './app/app';
import { backupBeforeUpgrade } from './workers/backup-service';
import { getPlatform } from './platform';
import { appGate, getDatabase } from './db/database';
import { webLocks } from './db/write-gate';
import { claimWriterRole } from './db/writer-lock';
import { rollbackPendingImports } from './db/ledger-repository';
import {
  ensureOfficeKey,
  holdOfficeKeyInMainProcess,
  signWhatWorkersWrite,
} from './db/office-key-repository';
import { normaliseOfficerDepartments } from './db/officers-repository';
import { OPERATOR_AREA, readSettings } from './db/settings-repository';
import { operatorLabel, operatorSettingsSchema, SYSTEM_ACTOR } from '@shared/util/operator-settings';

const root = createRoot(document.getElementById('root')!);
const renderApp = () =>
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );

// Inside the desktop shell without its bridge (preload missing or failed) nothing may run: saving and
// exporting would silently go nowhere. The user sees why, in Chinese, and nothing touches the store.
let platformProblem: string | null = null;
try {
  getPlatform();
} catch (error) {
  platformProblem = error instanceof Error ? error.message : String(error);
}

// The office signing key: created on first start; a restore onto a machine holding another key is
// recorded as a key change. Never blocks the app (checkpoints load the key again when they need it),
// and a read-only window (another window writes) leaves it to the writer.
const startApp = () => {
  const db = getDatabase();
  // Desktop: the key is the main process's (safeStorage); this page only asks it to sign heads.
  holdOfficeKeyInMainProcess(getPlatform().officeKey ?? null);
  // Made by the app itself at first start, before anyone is named: logged as such, never as 未署名.
  void readSettings(db, OPERATOR_AREA, operatorSettingsSchema)
    .then((op) => ensureOfficeKey(db, op.name ? operatorLabel(op) : SYSTEM_ACTOR))
    .then(() => signWhatWorkersWrite(db))
    .catch(() => undefined);
  // stored officers' 单位 as the department directory writes them (a logged one-time fix; no-op when done)
  if (appGate.role === 'writer') void normaliseOfficerDepartments(db, SYSTEM_ACTOR).catch(() => undefined);
  renderApp();
};

function start(): void {
  // First decide which window writes (one writer at a time; a reader takes over when the writer
  // closes, and then cleans up what the closed window left pending). Then, before anything opens the
  // database with a newer schema, an older database is backed up as it is (desktop: the backups
  // folder; browser: a download). If that fails, the user decides.
  claimWriterRole(
    appGate,
    webLocks(),
    () => void rollbackPendingImports(getDatabase()).catch(() => undefined),
  )
    .catch(() => appGate.set('writer')) // Web Locks failing: the one-window assumption, as without them
    .then(() => backupBeforeUpgrade(getPlatform()))
    .then(startApp, (error: unknown) =>
      root.render(
        <Result
          status="warning"
          title="升级数据库前的自动备份未能完成"
          subTitle={`本次启动需要把数据库升级到新版本。升级前的自动备份失败：${error instanceof Error ? error.message : String(error)}。建议先关闭程序、释放磁盘空间后重试；也可以不备份继续打开。`}
          extra={
            <Button danger onClick={renderApp}>
              不备份，继续打开
            </Button>
          }
        />,
      ),
    );
}

if (platformProblem === null) start();
else
  root.render(
    <Result status="error" title="评查台无法启动" subTitle={platformProblem} data-testid="platform-error" />,
  );
