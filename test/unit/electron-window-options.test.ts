import { describe, expect, it } from 'vitest';
import { DEV_PORT } from '../../vite.config';
import { APP_ORIGIN, DEV_SERVER_ORIGIN, DEV_SERVER_PORT } from '../../electron/main/constants';
import { createMainWindowOptions } from '../../electron/main/window-options';

describe('createMainWindowOptions', () => {
  const options = createMainWindowOptions('/app/dist-electron/preload/index.cjs');
  const web = options.webPreferences ?? {};

  it('turns on every security option of the checklist', () => {
    expect(web.contextIsolation).toBe(true);
    expect(web.sandbox).toBe(true);
    expect(web.nodeIntegration).toBe(false);
    expect(web.nodeIntegrationInWorker).toBe(false);
    expect(web.nodeIntegrationInSubFrames).toBe(false);
    expect(web.webSecurity).toBe(true);
    expect(web.allowRunningInsecureContent).toBe(false);
    expect(web.experimentalFeatures).toBe(false);
    expect(web.webviewTag).toBe(false);
    expect(web.navigateOnDragDrop).toBe(false);
    expect(web.disableBlinkFeatures).toContain('Auxclick');
    expect(web).not.toHaveProperty('enableBlinkFeatures');
  });

  it('uses the given preload, the Chinese title and a sensible size', () => {
    expect(web.preload).toBe('/app/dist-electron/preload/index.cjs');
    expect(options.title).toBe('评查台');
    expect(web.spellcheck).toBe(false);
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
    expect(options.minWidth).toBeGreaterThanOrEqual(1024);
    expect(options.minHeight).toBeGreaterThanOrEqual(600);
    expect(options.width).toBeGreaterThanOrEqual(options.minWidth ?? 0);
    expect(options.height).toBeGreaterThanOrEqual(options.minHeight ?? 0);
    // Shown on ready-to-show, so the user never sees a blank window.
    expect(options.show).toBe(false);
  });

  it('enables devtools only when asked (development)', () => {
    expect(web.devTools).toBe(false);
    expect(createMainWindowOptions('/p.cjs', { devTools: true }).webPreferences?.devTools).toBe(true);
  });

  it('writes `sandbox: true` literally in the source (the checklist asks for it to be visible)', async () => {
    const { readFile } = await import('node:fs/promises');
    const source = await readFile(new URL('../../electron/main/window-options.ts', import.meta.url), 'utf8');
    expect(source).toMatch(/\bsandbox: true\b/);
  });
});

describe('origins', () => {
  it('pins the dev server origin to the port vite.config.ts uses', () => {
    expect(DEV_SERVER_PORT).toBe(DEV_PORT);
    expect(DEV_SERVER_ORIGIN).toBe(`http://127.0.0.1:${DEV_PORT}`);
  });

  it('serves production from app://pingcha', () => {
    expect(APP_ORIGIN).toBe('app://pingcha');
  });
});
