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

export interface Platform {
  kind: 'electron' | 'browser';
  /** Ask the user for one or more files. Resolves [] when the user cancels. */
  openFiles(options: {
    multiple: boolean;
    filters?: { name: string; extensions: string[] }[];
  }): Promise<PickedFile[]>;
  /** Save bytes where the user chooses (desktop) or as a download (browser). Resolves false when cancelled. */
  saveFile(request: SaveFileRequest): Promise<boolean>;
  appVersion(): Promise<string>;
  /** The app's data and backups folders (desktop); null in the browser. */
  dataPaths(): Promise<{ data: string; backups: string } | null>;
}
