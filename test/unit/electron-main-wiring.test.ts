// The main process cannot run here (no Electron binary), so bundle electron/main/index.ts as
// build-electron.mjs does and run it against a fake 'electron' module: this checks the wiring
// (what is registered, when, and with which policy), the pure parts being tested elsewhere.
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../shared/ipc/contract';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/security';

const root = path.resolve(import.meta.dirname, '..', '..');
const nodeRequire = createRequire(import.meta.url);
let bundle = '';

beforeAll(async () => {
  const result = await build({
    entryPoints: [path.join(root, 'electron/main/index.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['electron'],
    write: false,
  });
  bundle = result.outputFiles[0]?.text ?? '';
});

type Listener = (...args: unknown[]) => unknown;

function loadMain(options: { isPackaged: boolean; env?: Record<string, string>; lock?: boolean }) {
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const appListeners = new Map<string, Listener>();
  const windows: FakeWindow[] = [];

  class FakeWindow {
    loadURL = vi.fn(async () => undefined);
    once = vi.fn();
    listeners = new Map<string, Listener>();
    on = vi.fn((event: string, listener: Listener) => this.listeners.set(event, listener));
    isDestroyed = vi.fn(() => false);
    contentsListeners = new Map<string, Listener>();
    webContents = {
      on: vi.fn((event: string, listener: Listener) => this.contentsListeners.set(event, listener)),
      reload: vi.fn(),
    };
    constructor(public options: { webPreferences?: Record<string, unknown>; title?: string }) {
      windows.push(this);
    }
    static fromWebContents = () => null;
  }

  const session = {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    webRequest: { onHeadersReceived: vi.fn(), onBeforeRequest: vi.fn() },
    on: vi.fn(),
    protocol: { handle: vi.fn() },
  };
  const electron = {
    app: {
      isPackaged: options.isPackaged,
      enableSandbox: vi.fn(),
      requestSingleInstanceLock: vi.fn(() => options.lock ?? true),
      quit: vi.fn(),
      on: vi.fn((event: string, listener: Listener) => appListeners.set(event, listener)),
      whenReady: () => ready,
      getAppPath: () => '/opt/pingcha/resources/app.asar',
      getPath: (name: string) => `/home/u/${name}`,
      getVersion: () => '0.1.0',
    },
    BrowserWindow: FakeWindow,
    dialog: {
      showOpenDialog: vi.fn(),
      showSaveDialog: vi.fn(),
      showMessageBox: vi.fn(async () => ({ response: 1 })),
    },
    ipcMain: { handle: vi.fn() },
    Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn((template: unknown) => template) },
    protocol: { registerSchemesAsPrivileged: vi.fn() },
    session: { defaultSession: session },
    shell: { openExternal: vi.fn(async () => undefined) },
  };
  const module = { exports: {} };
  const sandboxRequire = (id: string) => (id === 'electron' ? electron : nodeRequire(id));
  vm.runInNewContext(bundle, {
    require: sandboxRequire,
    module,
    exports: module.exports,
    __dirname: '/opt/pingcha/resources/app.asar/dist-electron/main',
    process: { env: options.env ?? {}, versions: process.versions, platform: process.platform },
    console,
    Response,
    URL,
    setTimeout,
    performance,
  });
  return {
    electron,
    session,
    windows,
    appListeners,
    async becomeReady() {
      markReady();
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
  };
}

describe('main process wiring', () => {
  it('registers the app scheme and the sandbox before ready, then builds everything on ready', async () => {
    const main = loadMain({ isPackaged: true });
    expect(main.electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true }),
      }),
    ]);
    expect(main.electron.app.enableSandbox).toHaveBeenCalled();
    expect(main.windows).toHaveLength(0);

    await main.becomeReady();
    expect(main.session.setPermissionRequestHandler).toHaveBeenCalledTimes(1);
    const deny = vi.fn();
    (main.session.setPermissionRequestHandler.mock.calls[0]?.[0] as Listener)({}, 'media', deny);
    expect(deny).toHaveBeenCalledWith(false);
    expect(main.session.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(main.electron.ipcMain.handle.mock.calls.map(([channel]) => channel).sort()).toEqual(
      Object.values(IPC_CHANNELS).sort(),
    );
    expect(main.electron.Menu.setApplicationMenu).toHaveBeenCalled();

    expect(main.windows).toHaveLength(1);
    const win = main.windows[0];
    expect(win?.options.title).toBe('评查台');
    expect(win?.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      devTools: false,
      preload: path.join('/opt/pingcha/resources/app.asar/dist-electron/preload/index.cjs'),
    });
    expect(win?.loadURL).toHaveBeenCalledWith('app://pingcha/index.html');
  });

  it('survives its renderer: a crashed page is reloaded with a message, a hung one asks', async () => {
    const main = loadMain({ isPackaged: true });
    await main.becomeReady();
    const win = main.windows[0]!;
    expect([...win.contentsListeners.keys()].sort()).toEqual(['preload-error', 'render-process-gone']);
    expect(win.listeners.has('unresponsive')).toBe(true);
    win.contentsListeners.get('render-process-gone')?.({}, { reason: 'crashed', exitCode: 139 });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(win.webContents.reload).toHaveBeenCalledTimes(1);
    expect(main.electron.dialog.showMessageBox).toHaveBeenCalledWith(
      win,
      expect.objectContaining({ message: '评查台页面意外退出，已自动重新载入' }),
    );
    // Hung: the dialog's second button (重新载入) reloads.
    win.listeners.get('unresponsive')?.();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(win.webContents.reload).toHaveBeenCalledTimes(2);
  });

  it('applies the production CSP to every response', async () => {
    const main = loadMain({ isPackaged: true });
    await main.becomeReady();
    const onHeaders = main.session.webRequest.onHeadersReceived.mock.calls[0]?.[0] as Listener;
    const callback = vi.fn();
    onHeaders({ responseHeaders: { 'Content-Security-Policy': ['default-src *'] } }, callback);
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: {
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
        'X-Content-Type-Options': ['nosniff'],
      },
    });
    const onRequest = main.session.webRequest.onBeforeRequest.mock.calls[0]?.[0] as Listener;
    const decide = vi.fn();
    onRequest({ url: 'https://www.gov.cn/' }, decide);
    onRequest({ url: 'app://pingcha/assets/a.js' }, decide);
    expect(decide.mock.calls).toEqual([[{ cancel: true }], [{ cancel: false }]]);
  });

  it('guards every web contents: navigation, redirects, window.open, webviews', async () => {
    const main = loadMain({ isPackaged: true });
    const created = main.appListeners.get('web-contents-created');
    expect(created).toBeDefined();
    const handlers = new Map<string, Listener>();
    const contents = {
      on: vi.fn((event: string, listener: Listener) => handlers.set(event, listener)),
      setWindowOpenHandler: vi.fn(),
    };
    created?.({}, contents);
    expect([...handlers.keys()].sort()).toEqual(
      ['will-attach-webview', 'will-frame-navigate', 'will-navigate', 'will-redirect'].sort(),
    );
    const away = { preventDefault: vi.fn() };
    handlers.get('will-navigate')?.(away, 'https://evil.com/');
    expect(away.preventDefault).toHaveBeenCalled();
    const subframe = { preventDefault: vi.fn(), isMainFrame: false, url: 'https://www.gov.cn/' };
    handlers.get('will-frame-navigate')?.(subframe);
    expect(subframe.preventDefault).toHaveBeenCalled();
    const inApp = { preventDefault: vi.fn(), isMainFrame: false, url: 'app://pingcha/index.html' };
    handlers.get('will-frame-navigate')?.(inApp);
    expect(inApp.preventDefault).not.toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    handlers.get('will-attach-webview')?.(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    const openHandler = contents.setWindowOpenHandler.mock.calls[0]?.[0] as Listener;
    expect(openHandler({ url: 'https://www.gov.cn/' })).toEqual({ action: 'deny' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    // Once, from window.open: the refused subframe navigation is not handed to the browser.
    expect(main.electron.shell.openExternal.mock.calls).toEqual([['https://www.gov.cn/']]);
  });

  it('uses the dev server only when unpackaged and asked to', async () => {
    const dev = loadMain({ isPackaged: false, env: { PINGCHA_DEV: '1' } });
    await dev.becomeReady();
    expect(dev.windows[0]?.loadURL).toHaveBeenCalledWith('http://127.0.0.1:5183/');
    expect(dev.windows[0]?.options.webPreferences?.['devTools']).toBe(true);

    const packaged = loadMain({ isPackaged: true, env: { PINGCHA_DEV: '1' } });
    await packaged.becomeReady();
    expect(packaged.windows[0]?.loadURL).toHaveBeenCalledWith('app://pingcha/index.html');
    expect(packaged.windows[0]?.options.webPreferences?.['devTools']).toBe(false);
  });

  it('quits a second instance without opening a window', async () => {
    const main = loadMain({ isPackaged: true, lock: false });
    expect(main.electron.app.quit).toHaveBeenCalled();
    await main.becomeReady();
    expect(main.windows).toHaveLength(0);
  });
});
