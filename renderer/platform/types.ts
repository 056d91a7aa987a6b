import type { DesktopOfficeKey } from '@shared/audit/office-key-port';
// The one object through which the UI reaches the desktop. Two implementations:
// electron.ts (preload bridge, see shared/ipc) and browser.ts (file input, downloads).

export interface PickedFile {
  name: string;
  bytes: Uint8Array;
}

export interface SaveFileRequest {
  /** Suggested file name, e.g. 抽取记录.pdf */
  suggestedName: string;
  bytes: Uint8Array;
  /** Dialog filters, e.g. [{ name: 'PDF 文件', extensions: ['pdf'] }] */
  filters?: { name: string; extensions: string[] }[];
}

/** One installed 公文 font (desktop): which face it serves, its official name, its file and bytes. */
export interface InstalledFont {
  face: 'fangsong' | 'heiti' | 'kaiti' | 'xiaobiaosong';
  name: string;
  file: string;
  bytes: Uint8Array;
}

export interface InstalledFonts {
  fonts: InstalledFont[];
  /** Files carrying a wanted name that cannot be embedded (collection, CFF), with the Chinese reason. */
  skipped: { face: InstalledFont['face']; file: string; reason: string }[];
}

export type { DesktopOfficeKey };

export interface Platform {
  kind: 'electron' | 'browser';
  /**
   * Desktop: the office key in the main process. Absent on the web build, whose key lives in the
   * browser profile (the keyring database: the weaker mode).
   */
  officeKey?: DesktopOfficeKey;
  /** Ask the user for one or more files. Resolves [] when the user cancels. */
  openFiles(options: {
    multiple: boolean;
    filters?: { name: string; extensions: string[] }[];
  }): Promise<PickedFile[]>;
  /** Save bytes where the user chooses (desktop) or as a download (browser). Resolves false when cancelled. */
  saveFile(request: SaveFileRequest): Promise<boolean>;
  /**
   * Browser: a file written piece by piece as it is made (with `ask`, into the file chosen in the system's
   * save dialog where the browser has one; else a download of the pieces as one Blob, never joined into
   * one array). Ask while the user's click is fresh, before making the file. Resolves null when the user
   * cancels the dialog.
   */
  saveFileStream?(request: SaveStreamRequest): Promise<FileSink | null>;
  appVersion(): Promise<string>;
  /** The app's data and backups folders (desktop); null in the browser. */
  dataPaths(): Promise<{ data: string; backups: string } | null>;
  /**
   * The office's installed 仿宋/黑体/楷体/小标宋 TrueType fonts (desktop: the system's font folders, read by the
   * main process); the browser has none. Absent on test doubles.
   */
  officeFonts?(): Promise<InstalledFonts>;
  /** The app's backups folder (desktop only; absent in the browser, where backups are downloads). */
  backups?: BackupsFolder;
  /**
   * Desktop only (absent in the browser, which saves a ZIP instead): asks for a folder and writes
   * every file into a new sub-folder of it named `suggestedFolderName` (「名称 (2)」 if taken).
   * Names must be plain file names. Resolves { saved: false } when the user cancels.
   */
  saveFilesToFolder?(request: {
    suggestedFolderName: string;
    files: PickedFile[];
  }): Promise<{ saved: boolean; folder?: string; written?: string[] }>;
}

export interface SaveStreamRequest extends Omit<SaveFileRequest, 'bytes'> {
  /** Let the user choose where (a save dialog where the browser has one); else a plain download. */
  ask: boolean;
}

/** A file being written piece by piece (Platform.saveFileStream). */
export interface FileSink {
  write(piece: Uint8Array): Promise<void>;
  /** The last piece was written: the file is complete. */
  close(): Promise<void>;
  /** Making the file failed or was cancelled: nothing is kept. */
  abort(): Promise<void>;
}

export interface BackupsFolder {
  /**
   * Writes a backup named like 评查台备份-YYYYMMDD-HHMMSS-原因.pingcha-backup; the folder keeps the newest N,
   * N being the desktop shell's own setting (setKeep), ordered by the shell's sequence, not the clock.
   */
  write(fileName: string, bytes: Uint8Array): Promise<{ path: string; removed: string[] }>;
  /** Changes how many backups the folder keeps (the shell stores it). */
  setKeep(keep: number): Promise<void>;
  /** Backups in the folder, newest first. */
  list(): Promise<{ name: string; size: number }[]>;
  read(fileName: string): Promise<Uint8Array>;
}
