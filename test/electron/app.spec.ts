// Drives the built desktop app with Playwright's Electron support. Where no Electron binary exists
// (it is downloaded lazily by the electron package, and this machine may be offline) the test is
// skipped with the reason printed, never faked.
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);

/** The Electron executable, found without require('electron') (which would try to download it). */
function findElectron(): { path: string } | { reason: string } {
  let packageDir: string;
  try {
    packageDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron package is not installed' };
  }
  const pathFile = path.join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return { reason: `Electron binary not downloaded (${pathFile} missing)` };
  const relative = readFileSync(pathFile, 'utf8').trim();
  const dist = process.env['ELECTRON_OVERRIDE_DIST_PATH'] ?? path.join(packageDir, 'dist');
  const binary = path.join(dist, relative);
  return existsSync(binary) ? { path: binary } : { reason: `Electron binary missing at ${binary}` };
}

const electronBinary = findElectron();
const rendererIndex = path.join(root, 'dist', 'renderer', 'index.html');
const skipReason =
  'reason' in electronBinary
    ? `Electron 不可用，跳过桌面端测试 / skipped: ${electronBinary.reason}`
    : !existsSync(rendererIndex)
      ? `缺少 ${rendererIndex}，请先 npm run build:renderer / skipped: renderer not built`
      : null;
if (skipReason) console.log(`[test/electron] ${skipReason}`);

test.describe('desktop app', () => {
  test.skip(skipReason !== null, skipReason ?? '');

  let app: ElectronApplication;

  test.beforeAll(() => {
    execFileSync(process.execPath, [path.join(root, 'build/scripts/build-electron.mjs')], {
      cwd: root,
      stdio: 'inherit',
    });
  });

  test.beforeEach(async () => {
    const env = { ...process.env } as Record<string, string>;
    delete env['PINGCHA_DEV']; // production path: app://pingcha from dist/renderer
    delete env['ELECTRON_RUN_AS_NODE'];
    app = await electron.launch({
      executablePath: (electronBinary as { path: string }).path,
      args: [root],
      env,
    });
  });

  test.afterEach(async () => {
    await app?.close();
  });

  test('opens 评查台 from app://pingcha with only the named bridge methods', async () => {
    const page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    await expect(page).toHaveTitle('评查台');
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getTitle())).toBe(
      '评查台',
    );
    expect(await page.evaluate(() => location.origin)).toBe('app://pingcha');

    const bridge = await page.evaluate(() => {
      const value = (globalThis as unknown as { pingcha?: Record<string, unknown> }).pingcha ?? {};
      return Object.keys(value)
        .sort()
        .map((key) => [key, typeof value[key]]);
    });
    expect(bridge).toEqual([
      ['appVersion', 'function'],
      ['dataPaths', 'function'],
      ['openFiles', 'function'],
      ['saveFile', 'function'],
    ]);

    const globals = await page.evaluate(() => {
      const g = globalThis as unknown as Record<string, unknown>;
      return {
        require: typeof g['require'],
        process: typeof g['process'],
        ipcRenderer: typeof g['ipcRenderer'],
      };
    });
    expect(globals).toEqual({ require: 'undefined', process: 'undefined', ipcRenderer: 'undefined' });

    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
    expect(
      await page.evaluate(() =>
        (globalThis as unknown as { pingcha: { appVersion(): Promise<string> } }).pingcha.appVersion(),
      ),
    ).toBe(pkg.version);
  });

  test('blocks remote requests and new windows', async () => {
    const page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    const fetched = await page.evaluate(async () => {
      try {
        await fetch('https://www.gov.cn/');
        return 'fetched';
      } catch {
        return 'blocked';
      }
    });
    expect(fetched).toBe('blocked');
    await page.evaluate(() => window.open('https://evil.example/', '_blank'));
    await page.waitForTimeout(500);
    expect(app.windows()).toHaveLength(1);
  });
});
