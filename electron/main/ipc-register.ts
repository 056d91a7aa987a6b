// Wires the IPC handlers to ipcMain.handle. Each call: check the sender, validate the arguments
// with the shared zod contract, run the pure handler, validate the result. Kept free of Electron
// imports (ipcMain is injected) so the whole path is tested in Node.
import {
  ACTION_NAMES,
  IPC_CHANNELS,
  IPC_SCHEMAS,
  parseIpcRequest,
  type IpcMethod,
} from '../../shared/ipc/contract';
import { APP_ORIGIN, DEV_SERVER_ORIGIN } from './constants';
import * as handlers from './ipc-handlers';
import { originOf } from './security';
import type { OfficeKeyStore } from './office-key-store';

export interface IpcSenderFrame {
  url: string;
  /** null for the top frame; the app has no iframes, so anything else is refused. */
  parent?: unknown;
}

export interface IpcInvokeEvent {
  senderFrame: IpcSenderFrame | null;
}

export interface IpcMainPort<E extends IpcInvokeEvent = IpcInvokeEvent> {
  handle(channel: string, listener: (event: E, ...args: unknown[]) => Promise<unknown>): void;
}

export interface RegisterIpcOptions<E extends IpcInvokeEvent = IpcInvokeEvent> {
  ipcMain: IpcMainPort<E>;
  /** True only when not packaged and running against the pinned Vite dev server. */
  allowDevServer: boolean;
  /** Handler dependencies for one call (the dialog is bound to the sender's window). */
  depsFor(event: E): handlers.HandlerDeps;
  /** Where unexpected errors are logged (their details stay in the main process). */
  logError?: (message: string, error: unknown) => void;
}

/** The sender must be the app's own top frame: app://pingcha, or the dev server in development. */
export function isTrustedSender(frame: IpcSenderFrame | null | undefined, allowDevServer: boolean): boolean {
  if (!frame || typeof frame.url !== 'string') return false;
  if (frame.parent !== undefined && frame.parent !== null) return false;
  const origin = originOf(frame.url);
  if (origin === APP_ORIGIN) return true;
  return allowDevServer && origin === DEV_SERVER_ORIGIN;
}

type Runner = (deps: handlers.HandlerDeps, request: never) => unknown;

const RUNNERS: Record<IpcMethod, Runner> = {
  openFiles: handlers.openFiles as Runner,
  saveFile: handlers.saveFile as Runner,
  appVersion: (deps) => handlers.appVersion(deps),
  dataPaths: (deps) => handlers.dataPaths(deps),
  writeBackup: handlers.writeBackup as Runner,
  listBackups: (deps) => handlers.listBackups(deps),
  readBackup: handlers.readBackup as Runner,
  setBackupKeep: handlers.setBackupKeep as Runner,
  saveFilesToFolder: handlers.saveFilesToFolder as Runner,
  officeFonts: (deps) => handlers.officeFonts(deps),
  officeKeyStatus: (deps) => handlers.officeKeyOf(deps).status(),
  ensureOfficeKey: (deps) => handlers.officeKeyOf(deps).ensure(),
  signLogHead: ((deps, request: { seq: number; hash: string; at: string }) =>
    handlers.officeKeyOf(deps).signLogHead(request)) as Runner,
  readLogHead: (deps) => handlers.officeKeyOf(deps).readLogHead(),
  signPanelPackage: ((deps, request: { text: string }) =>
    handlers.officeKeyOf(deps).signPanelPackage(request.text)) as Runner,
  exportOfficeKey: ((deps, request: { passphrase: string }) =>
    handlers.officeKeyOf(deps).exportKeyFile(request.passphrase)) as Runner,
  prepareOfficeKey: ((deps, request: Parameters<OfficeKeyStore['prepareKey']>[0]) =>
    handlers.officeKeyOf(deps).prepareKey(request)) as Runner,
  activateOfficeKey: ((deps, request: { publicKey: string }) =>
    handlers.officeKeyOf(deps).activatePreparedKey(request.publicKey)) as Runner,
  adoptOfficeKey: ((deps, request: { secretKey: string }) =>
    handlers.officeKeyOf(deps).adoptKey(request.secretKey)) as Runner,
};

/** Build the listener of one channel (exported so tests can drive it without ipcMain). */
export function createIpcListener<E extends IpcInvokeEvent>(
  method: IpcMethod,
  options: Omit<RegisterIpcOptions<E>, 'ipcMain'>,
): (event: E, ...args: unknown[]) => Promise<unknown> {
  const action = ACTION_NAMES[method];
  return async (event, ...args) => {
    if (!isTrustedSender(event.senderFrame, options.allowDevServer)) {
      throw new Error(`「${action}」被拒绝：请求不是来自评查台自己的页面。`);
    }
    if (args.length > 1) {
      throw new Error(`「${action}」的参数无效：只接受一个参数，实际收到 ${args.length} 个。`);
    }
    const parsed = parseIpcRequest(method, args[0]);
    if (!parsed.ok) throw new Error(parsed.message);

    let result: unknown;
    try {
      result = await RUNNERS[method](options.depsFor(event), parsed.data as never);
    } catch (error) {
      if (error instanceof handlers.UserFacingError) throw new Error(error.message);
      options.logError?.(`IPC ${method} failed`, error);
      const detail = error instanceof Error ? error.message : String(error);
      throw new Error(`「${action}」失败：${detail}`);
    }
    const checked = IPC_SCHEMAS[method].response.safeParse(result);
    if (!checked.success) {
      options.logError?.(`IPC ${method} returned an invalid result`, checked.error);
      throw new Error(`「${action}」失败：程序内部返回了无效的结果。`);
    }
    return checked.data;
  };
}

export function registerIpcHandlers<E extends IpcInvokeEvent>(options: RegisterIpcOptions<E>): void {
  for (const method of Object.keys(IPC_CHANNELS) as IpcMethod[]) {
    options.ipcMain.handle(IPC_CHANNELS[method], createIpcListener(method, options));
  }
}
