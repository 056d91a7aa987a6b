// Sandboxed preload: exposes one named method per IPC channel as window.pingcha. ipcRenderer itself
// is never exposed, and each method forwards exactly one argument so the page cannot smuggle more.
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL_NAME, IPC_CHANNELS } from '../../shared/ipc/channels';
import type { PingchaBridge } from '../../shared/ipc/contract';

const bridge = {
  openFiles: (request) => ipcRenderer.invoke(IPC_CHANNELS.openFiles, request),
  saveFile: (request) => ipcRenderer.invoke(IPC_CHANNELS.saveFile, request),
  appVersion: () => ipcRenderer.invoke(IPC_CHANNELS.appVersion),
  dataPaths: () => ipcRenderer.invoke(IPC_CHANNELS.dataPaths),
  writeBackup: (request) => ipcRenderer.invoke(IPC_CHANNELS.writeBackup, request),
  listBackups: () => ipcRenderer.invoke(IPC_CHANNELS.listBackups),
  readBackup: (request) => ipcRenderer.invoke(IPC_CHANNELS.readBackup, request),
  setBackupKeep: (request) => ipcRenderer.invoke(IPC_CHANNELS.setBackupKeep, request),
  saveFilesToFolder: (request) => ipcRenderer.invoke(IPC_CHANNELS.saveFilesToFolder, request),
  officeFonts: () => ipcRenderer.invoke(IPC_CHANNELS.officeFonts),
  officeKeyStatus: () => ipcRenderer.invoke(IPC_CHANNELS.officeKeyStatus),
  ensureOfficeKey: () => ipcRenderer.invoke(IPC_CHANNELS.ensureOfficeKey),
  signLogHead: (request) => ipcRenderer.invoke(IPC_CHANNELS.signLogHead, request),
  readLogHead: () => ipcRenderer.invoke(IPC_CHANNELS.readLogHead),
  signPanelPackage: (request) => ipcRenderer.invoke(IPC_CHANNELS.signPanelPackage, request),
  exportOfficeKey: (request) => ipcRenderer.invoke(IPC_CHANNELS.exportOfficeKey, request),
  prepareOfficeKey: (request) => ipcRenderer.invoke(IPC_CHANNELS.prepareOfficeKey, request),
  activateOfficeKey: (request) => ipcRenderer.invoke(IPC_CHANNELS.activateOfficeKey, request),
  adoptOfficeKey: (request) => ipcRenderer.invoke(IPC_CHANNELS.adoptOfficeKey, request),
} satisfies PingchaBridge;

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL_NAME, bridge);
