import { BRIDGE_GLOBAL_NAME } from '@shared/ipc/channels';
import { createBrowserPlatform } from './browser';
import { createElectronPlatform, getPingchaBridge } from './electron';
import type { Platform } from './types';

export type {
  BackupsFolder,
  DesktopOfficeKey,
  FileSink,
  Platform,
  PickedFile,
  SaveFileRequest,
  SaveStreamRequest,
} from './types';

let current: Platform | null = null;

/** The desktop shell's page has no bridge (preload missing or failed, or an incomplete one). */
export class DesktopBridgeError extends Error {
  constructor() {
    super(
      '评查台桌面程序的组件（preload）没有正常加载，本窗口无法读写文件、备份或导出文档。' +
        '为防止“已导出”而实际没有保存，本窗口不会继续运行。请关闭后重新打开评查台；如仍出现，请重新安装评查台。' +
        '本机数据库中的数据不受影响。',
    );
    this.name = 'DesktopBridgeError';
  }
}

interface PageScope {
  [BRIDGE_GLOBAL_NAME]?: unknown;
  location?: { protocol?: string };
  navigator?: { userAgent?: string };
}

/** True when the page runs inside the desktop shell (app:// origin, or Electron's user agent). */
export function isDesktopShell(scope: PageScope): boolean {
  return scope.location?.protocol === 'app:' || /\bElectron\//.test(scope.navigator?.userAgent ?? '');
}

/**
 * The desktop bridge when running in Electron (exposed by the preload), else the browser platform.
 * Inside the desktop shell a missing or incomplete bridge is an error (DesktopBridgeError), never a
 * silent fall back to the browser platform, whose downloads the shell cancels.
 */
export function choosePlatform(scope: PageScope): Platform {
  const bridge = getPingchaBridge(scope);
  if (bridge) return createElectronPlatform(bridge);
  if (isDesktopShell(scope)) throw new DesktopBridgeError();
  return createBrowserPlatform();
}

export function getPlatform(): Platform {
  current ??= choosePlatform(globalThis as PageScope);
  return current;
}

/** Tests swap the platform. */
export function setPlatform(platform: Platform | null): void {
  current = platform;
}
