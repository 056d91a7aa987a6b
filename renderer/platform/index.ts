import type { PingchaBridge } from '@shared/ipc/contract';
import { createBrowserPlatform } from './browser';
import { createElectronPlatform } from './electron';
import type { Platform } from './types';

export type { BackupsFolder, Platform, PickedFile, SaveFileRequest } from './types';

let current: Platform | null = null;

/** The desktop bridge when running in Electron (exposed by the preload), else the browser platform. */
export function getPlatform(): Platform {
  if (!current) {
    const bridge = (globalThis as { pingcha?: PingchaBridge }).pingcha;
    current = bridge ? createElectronPlatform(bridge) : createBrowserPlatform();
  }
  return current;
}

/** Tests swap the platform. */
export function setPlatform(platform: Platform | null): void {
  current = platform;
}
