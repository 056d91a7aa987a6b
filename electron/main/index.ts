// Electron main process: thin wiring of the pure modules next to it. Nothing here decides policy.
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session, shell } from 'electron';
import type { IpcMainInvokeEvent, Session } from 'electron';
import { mkdir, readdir, readFile, rename, rmdir, stat, unlink, writeFile } from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { officeFontFolders } from './office-fonts';
import { createAppProtocolHandler, PRIVILEGED_SCHEMES } from './app-protocol';
import { APP_ENTRY_URL, APP_ORIGIN, APP_SCHEME, DEV_SERVER_ORIGIN, DEV_SERVER_URL } from './constants';
import type { DialogPort, HandlerDeps } from './ipc-handlers';
import { registerIpcHandlers } from './ipc-register';
import { OfficeKeyStore } from './office-key-store';
import { aboutMessage, buildMenuTemplate } from './menu';
import {
  CONTENT_SECURITY_POLICY,
  createNavigationGuard,
  createWindowOpenHandler,
  createPermissionCheckHandler,
  createPermissionRequestHandler,
  developmentContentSecurityPolicy,
  isAllowedExternalUrl,
  isAllowedNavigation,
  isAllowedRequest,
  withSecurityHeaders,
} from './security';
import { createMainWindowOptions } from './window-options';
import { createRendererRecovery } from './renderer-recovery';

// Both must happen before 'ready'.
protocol.registerSchemesAsPrivileged(PRIVILEGED_SCHEMES);
app.enableSandbox();

/** The dev server is used only unpackaged and only when dev-electron.mjs asks for it. */
const useDevServer = !app.isPackaged && process.env['PINGCHA_DEV'] === '1';
const csp = useDevServer ? developmentContentSecurityPolicy(DEV_SERVER_ORIGIN) : CONTENT_SECURITY_POLICY;
const appOrigin = useDevServer ? DEV_SERVER_ORIGIN : APP_ORIGIN;
const rendererRoot = path.join(app.getAppPath(), 'dist', 'renderer');
const preloadPath = path.join(__dirname, '..', 'preload', 'index.cjs');

let mainWindow: BrowserWindow | null = null;

function openExternal(url: string): Promise<void> {
  if (!isAllowedExternalUrl(url)) return Promise.resolve();
  // Reviewed use of openExternal (electronegativity flags every non-literal argument for manual
  // review): the URL is re-checked on the line above against the https host allow-list in
  // security.ts, so no caller can bypass it.
  return shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK
}

function hardenSession(ses: Session): void {
  // Only the app's own origin, only full screen (the seed ceremony); everything else is refused.
  ses.setPermissionRequestHandler(createPermissionRequestHandler(appOrigin));
  ses.setPermissionCheckHandler(createPermissionCheckHandler(appOrigin));
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withSecurityHeaders(details.responseHeaders, csp) });
  });
  ses.webRequest.onBeforeRequest((details, callback) => {
    callback({
      cancel: !isAllowedRequest(details.url, { devServerOrigin: useDevServer ? DEV_SERVER_ORIGIN : null }),
    });
  });
  // Documents are saved through the save dialog (IPC); nothing is downloaded behind the user's back.
  ses.on('will-download', (event) => event.preventDefault());
  ses.protocol.handle(
    APP_SCHEME,
    createAppProtocolHandler({ rootDir: rendererRoot, readFile: (p) => readFile(p), csp }),
  );
}

function dialogFor(win: BrowserWindow | null): DialogPort {
  return {
    showOpenDialog: (options) => (win ? dialog.showOpenDialog(win, options) : dialog.showOpenDialog(options)),
    showSaveDialog: (options) => (win ? dialog.showSaveDialog(win, options) : dialog.showSaveDialog(options)),
  };
}

let officeKeyStore: OfficeKeyStore | null = null;
function officeKey(): OfficeKeyStore {
  officeKeyStore ??= new OfficeKeyStore({
    safeStorage,
    fs: {
      readFile: (p) => readFile(p),
      writeFile: (p, data) => writeFile(p, data),
      rename: (from, to) => rename(from, to),
      mkdir: (p, options) => mkdir(p, options),
    },
    userData: app.getPath('userData'),
  });
  return officeKeyStore;
}

function handlerDeps(event: IpcMainInvokeEvent): HandlerDeps {
  return {
    officeKey: officeKey(),
    dialog: dialogFor(BrowserWindow.fromWebContents(event.sender)),
    fs: {
      stat: (p) => stat(p),
      readFile: (p) => readFile(p),
      writeFile: (p, data) => writeFile(p, data),
      mkdir: (p, options) => mkdir(p, options),
      readdir: (p) => readdir(p),
      rename: (from, to) => rename(from, to),
      unlink: (p) => unlink(p),
      rmdir: (p) => rmdir(p),
    },
    paths: { userData: app.getPath('userData'), documents: app.getPath('documents') },
    appVersion: app.getVersion(),
    fontFolders: () =>
      officeFontFolders(process.platform, process.env, app.getPath('home'), (dir) => {
        try {
          return readdirSync(dir);
        } catch {
          return [];
        }
      }),
  };
}

function showAbout(): void {
  const text = aboutMessage(app.getVersion(), process.versions);
  const options = { type: 'info' as const, buttons: ['确定'], ...text };
  void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
}

function createMainWindow(): BrowserWindow {
  const options = createMainWindowOptions(preloadPath, { devTools: useDevServer });
  const win = new BrowserWindow({
    ...options,
    webPreferences: {
      ...options.webPreferences,
      // Restated where the window is made, so the checklist is visible at the construction site
      // (and to electronegativity, which reads only literal options). Same values as window-options.ts.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.once('ready-to-show', () => win.show());
  // The shell survives its renderer: a crashed page is reloaded with a message, a hung one asks.
  const recovery = createRendererRecovery({
    isDestroyed: () => win.isDestroyed(),
    reload: () => win.webContents.reload(),
    showMessageBox: (options) => dialog.showMessageBox(win, options),
    quit: () => app.quit(),
    now: () => performance.now(),
    log: (message, details) => console.error(message, details),
  });
  win.webContents.on('render-process-gone', (_event, details) => void recovery.onRenderProcessGone(details));
  win.on('unresponsive', () => void recovery.onUnresponsive());
  // A failing preload leaves the page without its bridge: the page then shows its own error screen
  // (renderer/platform), never the browser fallback; the cause is logged here.
  win.webContents.on('preload-error', (_event, failedPath, error) =>
    console.error(`preload ${failedPath} failed`, error),
  );
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadURL(useDevServer ? DEV_SERVER_URL : APP_ENTRY_URL);
  return win;
}

// Every web contents (including any a bug might create) gets the same guards.
app.on('web-contents-created', (_event, contents) => {
  const guard = createNavigationGuard(appOrigin, openExternal);
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  // Main-frame navigations are already handled by will-navigate; subframes (the app has none) are
  // simply kept in the app, never handed to the browser.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame && !isAllowedNavigation(event.url, appOrigin)) event.preventDefault();
  });
  contents.setWindowOpenHandler(createWindowOpenHandler(openExternal));
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

if (!app.requestSingleInstanceLock()) {
  // A second copy would open the same IndexedDB; hand over to the first one.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('window-all-closed', () => app.quit());

  void app.whenReady().then(() => {
    hardenSession(session.defaultSession);
    registerIpcHandlers<IpcMainInvokeEvent>({
      ipcMain,
      allowDevServer: useDevServer,
      depsFor: handlerDeps,
      logError: (message, error) => console.error(message, error),
    });
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(buildMenuTemplate({ isDev: useDevServer, onAbout: showAbout })),
    );
    mainWindow = createMainWindow();
  });
}
