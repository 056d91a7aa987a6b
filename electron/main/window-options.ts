import type { BrowserWindowConstructorOptions } from 'electron';
import { APP_TITLE } from './constants';

export const MAIN_WINDOW_BACKGROUND = '#f5f5f5';

/**
 * Options of the one application window. Every item of Electron's security checklist that is a
 * window option is spelled out here, even where it is the default, so a reader (and
 * electronegativity) can see it.
 */
export function createMainWindowOptions(
  preloadPath: string,
  options: { devTools?: boolean } = {},
): BrowserWindowConstructorOptions {
  return {
    title: APP_TITLE,
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    backgroundColor: MAIN_WINDOW_BACKGROUND,
    autoHideMenuBar: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      // Middle-click would open links in new windows behind window.open's back.
      disableBlinkFeatures: 'Auxclick',
      devTools: options.devTools ?? false,
    },
  };
}
