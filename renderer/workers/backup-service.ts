// Making backups: manual, daily, before a schema upgrade and before a restore. Desktop writes them
// into the app's backups folder (keeping the newest N); the browser offers them as downloads.
// When the last one was made is remembered in meta ('backup:last').
import { z } from 'zod';
import {
  backupFileName,
  BACKUP_EXTENSION,
  concatBytes,
  type BackupReason,
} from '@shared/backup/backup-format';
import {
  exportDatabase,
  isStoreEmpty,
  openAtVersion,
  readLastBackup,
  recordLastBackup,
  storedSchemaVersion,
  type BackupProgress,
  type LastBackup,
} from '../db/backup-repository';
import type { PingchaDatabase } from '../db/database';
import { CURRENT_SCHEMA_VERSION, DB_NAME } from '../db/schema';
import { readSettings } from '../db/settings-repository';
import type { Platform } from '../platform';
import { isBackupPiece, type BackupRunner } from './backup-protocol';
import { onStore } from '../db/hooks/on-store';

export const BACKUP_SETTINGS_AREA = 'backups';
export const backupSettingsSchema = z.object({
  /** How many backups the backups folder keeps (desktop). */
  keep: z.number().int().min(1).max(100).default(10),
  /** Back up once a day when the app starts (desktop: silently; browser: a reminder to download). */
  autoDaily: z.boolean().default(true),
  /**
   * Manual and daily backups carry the 电子案卷's content (issue 27; they can be most of the store).
   * The backups made before a restore or an upgrade always do: they are the way back.
   */
  caseFiles: z.boolean().default(true),
});
export type BackupSettings = z.infer<typeof backupSettingsSchema>;

export const DAY_MS = 24 * 60 * 60 * 1000;

export const REASON_LABELS: Record<BackupReason, string> = {
  manual: '手动备份',
  daily: '每日自动备份',
  'before-upgrade': '升级前自动备份',
  'before-restore': '恢复前自动备份',
};

export const BACKUP_FILTERS = [{ name: '评查台备份', extensions: [BACKUP_EXTENSION] }];

export interface MadeBackup extends LastBackup {
  /** False when the user cancelled the download/save. */
  saved: boolean;
  removed: string[];
}

/** Exports the database and stores the file (backups folder or download). */
export async function makeBackup(
  db: PingchaDatabase,
  platform: Platform,
  reason: BackupReason,
  options: {
    now?: () => Date;
    onProgress?: (p: BackupProgress) => void;
    recordIn?: PingchaDatabase;
    /** Exports in the backup worker (the UI); without it the export runs on this thread. */
    runner?: Pick<BackupRunner, 'exportPieces'>;
    /** Stops the export (nothing is saved): it rejects as cancelled. */
    signal?: AbortSignal;
  } = {},
): Promise<MadeBackup> {
  const now = options.now ?? (() => new Date());
  const fileName = backupFileName(now(), reason);
  const toFolder = platform.backups !== undefined && reason !== 'manual';
  // Browser, through the worker: the file is written as its pieces arrive. Where it goes is asked first,
  // while the user's click is fresh (a save dialog needs it); cancelled there, nothing is exported.
  const sink =
    options.runner && !toFolder && platform.saveFileStream
      ? await platform.saveFileStream({
          suggestedName: fileName,
          filters: BACKUP_FILTERS,
          // Only a backup the user asked for opens a dialog (a safety backup downloads, as before).
          ask: reason === 'manual',
        })
      : undefined;
  if (sink === null) {
    return {
      at: now().toISOString(),
      reason,
      fileName,
      where: 'download',
      bytes: 0,
      saved: false,
      removed: [],
    };
  }
  const appVersion = await platform.appVersion();
  const caseFiles = await backupIncludesCaseFiles(db, reason);
  let bytes: Uint8Array;
  let size: number;
  if (options.runner) {
    // The worker's pieces arrive by transfer as they are made: into the sink, else kept as a list that
    // is joined only where the platform takes one array (the desktop's save and backups folder).
    const pieces: Uint8Array[] = [];
    let writing = Promise.resolve();
    size = 0;
    try {
      await options.runner.exportPieces(
        { appVersion, reason, createdAt: now().toISOString(), ...(caseFiles ? {} : { caseFiles }) },
        (e) => {
          if (!isBackupPiece(e)) return options.onProgress?.(e);
          size += e.data.byteLength;
          const piece = e.data;
          if (sink) writing = writing.then(() => sink.write(piece));
          else pieces.push(piece);
        },
        options.signal,
      );
      await writing;
    } catch (error) {
      await writing.catch(() => undefined);
      await sink?.abort().catch(() => undefined);
      throw error;
    }
    bytes = sink ? new Uint8Array(0) : concatBytes(pieces);
  } else {
    ({ bytes } = await exportDatabase(db, {
      appVersion,
      reason,
      now,
      ...(caseFiles ? {} : { caseFiles }),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    }));
    size = bytes.byteLength;
  }
  let where = 'download';
  let removed: string[] = [];
  let saved = true;
  if (sink) {
    await sink.close();
  } else if (platform.backups && toFolder) {
    // How many are kept is the desktop shell's own setting (see the 备份 settings card), not sent here.
    const r = await platform.backups.write(fileName, bytes);
    where = r.path;
    removed = r.removed;
  } else {
    saved = await platform.saveFile({ suggestedName: fileName, bytes, filters: BACKUP_FILTERS });
  }
  const last: LastBackup = { at: now().toISOString(), reason, fileName, where, bytes: size };
  if (saved) await recordLastBackup(options.recordIn ?? db, last);
  return { ...last, saved, removed };
}

/** Whether a backup made for `reason` carries the case files' content (the setting; always before a restore or upgrade). */
export async function backupIncludesCaseFiles(db: PingchaDatabase, reason: BackupReason): Promise<boolean> {
  if (reason === 'before-restore' || reason === 'before-upgrade') return true;
  return (await readSettings(db, BACKUP_SETTINGS_AREA, backupSettingsSchema)).caseFiles;
}

export type DailyBackupState = 'off' | 'empty' | 'not-due' | 'written' | 'reminder';

/**
 * At app start: is a daily backup due (none yet, or the last one older than 24 h)? Desktop writes it
 * into the backups folder; the browser only reports 'reminder' (a download needs the user's consent).
 */
export async function runDailyBackupIfDue(
  db: PingchaDatabase,
  platform: Platform,
  now: () => Date = () => new Date(),
  runner?: () => Pick<BackupRunner, 'exportPieces' | 'dispose'>,
): Promise<DailyBackupState> {
  const settings = await readSettings(db, BACKUP_SETTINGS_AREA, backupSettingsSchema);
  // Once per start the desktop shell learns the user's setting (a store restored or set up elsewhere);
  // the shell alone applies it when it prunes the folder.
  await platform.backups?.setKeep(settings.keep);
  if (!settings.autoDaily) return 'off';
  if (await isStoreEmpty(db)) return 'empty';
  const last = await readLastBackup(db);
  if (last && now().getTime() - Date.parse(last.at) < DAY_MS) return 'not-due';
  if (!platform.backups) return 'reminder';
  const r = runner?.();
  try {
    await makeBackup(db, platform, 'daily', r ? { now, runner: r } : { now });
  } finally {
    r?.dispose();
  }
  return 'written';
}

/**
 * Before the app opens its database with a newer schema: if the stored database is older, back it
 * up at its own version first. Must run before anything calls getDatabase(). Resolves the stored
 * version (0 = none) and whether a backup was made.
 */
export async function backupBeforeUpgrade(
  platform: Platform,
  options: { name?: string; now?: () => Date } = {},
): Promise<{ storedVersion: number; backedUp: boolean }> {
  const name = options.name ?? DB_NAME;
  const storedVersion = await storedSchemaVersion(name);
  if (storedVersion === 0 || storedVersion >= CURRENT_SCHEMA_VERSION)
    return { storedVersion, backedUp: false };
  const old = openAtVersion(name, storedVersion);
  try {
    await old.open();
    if (await isStoreEmpty(old)) return { storedVersion, backedUp: false };
    await makeBackup(old, platform, 'before-upgrade', options.now ? { now: options.now } : {});
    return { storedVersion, backedUp: true };
  } finally {
    old.close();
  }
}

/** Backups of the app's own store: what the backup page and the daily backup call. */
export const appBackups = onStore({ makeBackup, runDailyBackupIfDue });
