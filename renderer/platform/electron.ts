// Platform implementation for the desktop app: everything goes through the preload bridge
// (window.pingcha), whose arguments the main process validates against shared/ipc/contract.
import { BRIDGE_GLOBAL_NAME, BRIDGE_METHODS, type PingchaBridge } from '@shared/ipc/contract';
import type { Platform } from './types';

/**
 * Electron prefixes errors thrown by IPC handlers with
 * "Error invoking remote method 'pingcha:…': Error: ". The rest is our Chinese message.
 */
export function unwrapIpcError(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  const match = /^Error invoking remote method '[^']*': (?:[A-Za-z]*Error: )?([\s\S]*)$/.exec(message);
  return new Error(match?.[1] ?? message);
}

async function call<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw unwrapIpcError(error);
  }
}

/** The bridge if the page runs inside the desktop app, else null (browser build). */
export function getPingchaBridge(
  scope: { [BRIDGE_GLOBAL_NAME]?: unknown } = globalThis as never,
): PingchaBridge | null {
  const candidate = scope[BRIDGE_GLOBAL_NAME];
  if (typeof candidate !== 'object' || candidate === null) return null;
  const record = candidate as Record<string, unknown>;
  return BRIDGE_METHODS.every((method) => typeof record[method] === 'function')
    ? (candidate as PingchaBridge)
    : null;
}

export function createElectronPlatform(bridge: PingchaBridge): Platform {
  return {
    kind: 'electron',
    openFiles: (options) =>
      call(() =>
        bridge.openFiles({
          multiple: options.multiple,
          ...(options.filters ? { filters: options.filters } : {}),
        }),
      ),
    saveFile: (request) =>
      call(() =>
        bridge.saveFile({
          suggestedName: request.suggestedName,
          bytes: request.bytes,
          ...(request.filters ? { filters: request.filters } : {}),
        }),
      ),
    appVersion: () => call(() => bridge.appVersion()),
    dataPaths: () => call(() => bridge.dataPaths()),
    officeFonts: () => call(() => bridge.officeFonts()),
    officeKey: {
      status: () => call(() => bridge.officeKeyStatus()),
      ensure: () => call(() => bridge.ensureOfficeKey()),
      signLogHead: ({ seq, hash, at }) => call(() => bridge.signLogHead({ seq, hash, at })),
      readLogHead: () => call(() => bridge.readLogHead()),
      signPanelPackage: ({ text }) => call(() => bridge.signPanelPackage({ text })),
      exportKeyFile: ({ passphrase }) => call(() => bridge.exportOfficeKey({ passphrase })),
      prepareKey: (request) => call(() => bridge.prepareOfficeKey(request)),
      activateKey: ({ publicKey }) => call(() => bridge.activateOfficeKey({ publicKey })),
      adoptKey: ({ secretKey }) => call(() => bridge.adoptOfficeKey({ secretKey })),
    },
    backups: {
      write: (fileName, bytes) => call(() => bridge.writeBackup({ fileName, bytes })),
      setKeep: async (keep) => void (await call(() => bridge.setBackupKeep({ keep }))),
      list: () => call(() => bridge.listBackups()),
      read: (fileName) => call(() => bridge.readBackup({ fileName })),
    },
    saveFilesToFolder: (request) =>
      call(() =>
        bridge.saveFilesToFolder({
          suggestedFolderName: request.suggestedFolderName,
          files: request.files.map((f) => ({ name: f.name, bytes: f.bytes })),
        }),
      ),
  };
}
