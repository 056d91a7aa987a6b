// IPC channel names, kept apart from the zod schemas so that the sandboxed preload
// bundle carries only these strings and not the validation library.

export const IPC_CHANNELS = {
  openFiles: 'pingcha:open-files',
  saveFile: 'pingcha:save-file',
  appVersion: 'pingcha:app-version',
  dataPaths: 'pingcha:data-paths',
  writeBackup: 'pingcha:write-backup',
  listBackups: 'pingcha:list-backups',
  readBackup: 'pingcha:read-backup',
  setBackupKeep: 'pingcha:set-backup-keep',
  saveFilesToFolder: 'pingcha:save-files-to-folder',
  officeFonts: 'pingcha:office-fonts',
  officeKeyStatus: 'pingcha:office-key-status',
  ensureOfficeKey: 'pingcha:ensure-office-key',
  signLogHead: 'pingcha:sign-log-head',
  readLogHead: 'pingcha:read-log-head',
  signPanelPackage: 'pingcha:sign-panel-package',
  exportOfficeKey: 'pingcha:export-office-key',
  prepareOfficeKey: 'pingcha:prepare-office-key',
  activateOfficeKey: 'pingcha:activate-office-key',
  adoptOfficeKey: 'pingcha:adopt-office-key',
} as const;

export type IpcMethod = keyof typeof IPC_CHANNELS;
export type IpcChannel = (typeof IPC_CHANNELS)[IpcMethod];

/** What the main process signs for a panel package: its envelope's signing text, at most this long. */
export const PANEL_PACKAGE_TEXT_PREFIX = 'pingcha.panel-package:';
export const MAX_PANEL_PACKAGE_TEXT = 1024 * 1024;

/** The global name under which the preload exposes the bridge (`window.pingcha`). */
export const BRIDGE_GLOBAL_NAME = 'pingcha';

/** Largest single file the open dialog hands to the renderer (bytes travel over IPC). */
export const MAX_OPEN_FILE_BYTES = 300 * 1024 * 1024;
/** Largest total of one open-dialog selection. */
export const MAX_OPEN_TOTAL_BYTES = 600 * 1024 * 1024;
/** Largest document the renderer may ask to save. */
export const MAX_SAVE_FILE_BYTES = 300 * 1024 * 1024;

/** Most files one "save into a folder" request may carry (a campaign's letters are far fewer). */
export const MAX_FOLDER_FILES = 1000;
/** Largest total of one "save into a folder" request (all bytes travel over IPC at once). */
export const MAX_FOLDER_TOTAL_BYTES = 600 * 1024 * 1024;

/** Largest backup file written to or read from the app's backups folder. */
export const MAX_BACKUP_FILE_BYTES = 1024 * 1024 * 1024;
/** Backup files the app writes and prunes (never anything else in the folder). */
export const BACKUP_FILE_PATTERN =
  /^评查台备份-\d{8}-\d{6}-[\u4e00-\u9fa5A-Za-z0-9_-]{1,20}\.pingcha-backup$/;
