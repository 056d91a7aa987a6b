// Handler logic of the IPC channels, free of Electron: the dialog and the file system are injected,
// so Node tests drive every branch. The handlers only touch files the user picked in a dialog and
// the app's own data folder.
import path from 'node:path';
import { findOfficeFonts, type OfficeFonts } from './office-fonts';
import type { OfficeKeyStore } from './office-key-store';
import {
  BACKUP_FILE_PATTERN,
  MAX_BACKUP_FILE_BYTES,
  MAX_OPEN_FILE_BYTES,
  MAX_OPEN_TOTAL_BYTES,
  type BackupFileInfo,
  type DataPathsResponse,
  type WriteBackupResponse,
  type FileFilter,
  type OpenFilesResponse,
  fileNameProblem,
  type SaveFilesToFolderResponse,
} from '../../shared/ipc/contract';

export interface DialogPort {
  showOpenDialog(options: {
    title: string;
    properties: ('openFile' | 'multiSelections' | 'openDirectory' | 'createDirectory')[];
    defaultPath?: string;
    filters?: FileFilter[];
  }): Promise<{ canceled: boolean; filePaths: string[] }>;
  showSaveDialog(options: {
    title: string;
    defaultPath: string;
    filters?: FileFilter[];
  }): Promise<{ canceled: boolean; filePath?: string | undefined }>;
}

export interface FsPort {
  stat(filePath: string): Promise<{ size: number; isFile(): boolean }>;
  readFile(filePath: string): Promise<Uint8Array>;
  writeFile(filePath: string, data: Uint8Array): Promise<void>;
  /** Without `recursive`, fails with EEXIST when the folder exists (used to find a new folder name). */
  mkdir(dirPath: string, options: { recursive: boolean }): Promise<unknown>;
  /** Needed by the backups folder and save-to-folder handlers only. */
  readdir?(dirPath: string): Promise<string[]>;
  rename?(from: string, to: string): Promise<void>;
  unlink?(filePath: string): Promise<void>;
}

/** Save-to-folder removes the (empty) folder it made when nothing could be saved. */
export interface FolderCleanupPort {
  rmdir?(dirPath: string): Promise<void>;
}

export interface HandlerDeps {
  dialog: DialogPort;
  fs: FsPort & FolderCleanupPort;
  /** userData: the app's own folder; documents: where the save dialog starts. */
  paths: { userData: string; documents: string };
  appVersion: string;
  /** Font folders to search for the office's 公文 fonts (office-fonts.ts officeFontFolders); none if absent. */
  fontFolders?: () => string[];
  /** The office key, held by this process only (office-key-store.ts). */
  officeKey?: OfficeKeyStore;
}

export function officeKeyOf(deps: HandlerDeps): OfficeKeyStore {
  if (!deps.officeKey) throw new Error('office key store not wired');
  return deps.officeKey;
}

/** An error whose message is meant for the user (Chinese, names the file). */
export class UserFacingError extends Error {
  override name = 'UserFacingError';
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return '文件或文件夹不存在';
    case 'EACCES':
    case 'EPERM':
      return '没有权限（文件可能被其他程序占用或位于受保护的文件夹）';
    case 'EBUSY':
      return '文件正被其他程序占用';
    case 'ENOSPC':
      return '磁盘空间不足';
    case 'EROFS':
      return '磁盘是只读的';
    case 'EISDIR':
      return '这是一个文件夹，不是文件';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

export async function openFiles(
  deps: HandlerDeps,
  request: { multiple: boolean; filters?: FileFilter[] | undefined },
): Promise<OpenFilesResponse> {
  const result = await deps.dialog.showOpenDialog({
    title: request.multiple ? '选择文件（可多选）' : '选择文件',
    properties: request.multiple ? ['openFile', 'multiSelections'] : ['openFile'],
    ...(request.filters ? { filters: request.filters } : {}),
  });
  if (result.canceled || result.filePaths.length === 0) return [];
  const chosen = request.multiple ? result.filePaths : result.filePaths.slice(0, 1);

  // Check every size before reading anything, so a refusal costs no memory.
  let total = 0;
  for (const filePath of chosen) {
    const name = path.basename(filePath);
    let stat: { size: number; isFile(): boolean };
    try {
      stat = await deps.fs.stat(filePath);
    } catch (error) {
      throw new UserFacingError(`无法读取文件「${name}」：${describeFsError(error)}。`);
    }
    if (!stat.isFile()) throw new UserFacingError(`「${name}」不是普通文件，无法打开。`);
    if (stat.size > MAX_OPEN_FILE_BYTES) {
      throw new UserFacingError(
        `文件「${name}」有 ${megabytes(stat.size)}，超过单个文件 ${megabytes(MAX_OPEN_FILE_BYTES)} 的上限，无法打开。请拆分后再导入。`,
      );
    }
    total += stat.size;
  }
  if (total > MAX_OPEN_TOTAL_BYTES) {
    throw new UserFacingError(
      `所选 ${chosen.length} 个文件共 ${megabytes(total)}，超过一次打开 ${megabytes(MAX_OPEN_TOTAL_BYTES)} 的上限。请分批打开。`,
    );
  }

  const files: OpenFilesResponse = [];
  for (const filePath of chosen) {
    const name = path.basename(filePath);
    try {
      const bytes = await deps.fs.readFile(filePath);
      // The file may have grown between stat and read.
      if (bytes.byteLength > MAX_OPEN_FILE_BYTES) {
        throw new UserFacingError(
          `文件「${name}」超过单个文件 ${megabytes(MAX_OPEN_FILE_BYTES)} 的上限，无法打开。`,
        );
      }
      files.push({ name, bytes });
    } catch (error) {
      if (error instanceof UserFacingError) throw error;
      throw new UserFacingError(`无法读取文件「${name}」：${describeFsError(error)}。`);
    }
  }
  return files;
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/**
 * A file name safe on Windows and Linux: no directories, no reserved characters or names, no
 * trailing dots or spaces, at most 200 characters. Falls back to 未命名.
 */
export function sanitizeFileName(suggested: string): string {
  const base = suggested.split(/[/\\]/).pop() ?? '';
  let name = base
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_')
    .trim()
    .replace(/[. ]+$/, '');
  if (name.startsWith('.')) name = `_${name.slice(1)}`;
  if (WINDOWS_RESERVED.test(name)) name = `_${name}`;
  if (name.length > 200) {
    const ext = path.extname(name).slice(0, 20);
    name = name.slice(0, 200 - ext.length) + ext;
  }
  return name === '' || /^_+$/.test(name) ? '未命名' : name;
}

export async function saveFile(
  deps: HandlerDeps,
  request: { suggestedName: string; bytes: Uint8Array; filters?: FileFilter[] | undefined },
): Promise<boolean> {
  const result = await deps.dialog.showSaveDialog({
    title: '保存文件',
    defaultPath: path.join(deps.paths.documents, sanitizeFileName(request.suggestedName)),
    ...(request.filters ? { filters: request.filters } : {}),
  });
  if (result.canceled || !result.filePath) return false;
  try {
    await deps.fs.writeFile(result.filePath, request.bytes);
  } catch (error) {
    throw new UserFacingError(
      `无法保存到「${result.filePath}」：${describeFsError(error)}。请换一个位置再试。`,
    );
  }
  return true;
}

/** The installed 公文 fonts in the system's font folders (read-only; nothing is written). */
export function officeFonts(deps: HandlerDeps): Promise<OfficeFonts> {
  return findOfficeFonts(deps.fontFolders?.() ?? []);
}

export function appVersion(deps: HandlerDeps): string {
  return deps.appVersion;
}

/** The app's data and backups folders under userData, created if missing. */
export async function dataPaths(deps: HandlerDeps): Promise<DataPathsResponse> {
  const result = {
    data: path.join(deps.paths.userData, 'data'),
    backups: path.join(deps.paths.userData, 'backups'),
  };
  for (const dir of [result.data, result.backups]) {
    try {
      await deps.fs.mkdir(dir, { recursive: true });
    } catch (error) {
      throw new UserFacingError(`无法创建数据文件夹「${dir}」：${describeFsError(error)}。`);
    }
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// The backups folder (userData/backups): automatic backups are written here without a dialog.
// Only names matching BACKUP_FILE_PATTERN are ever written, read or pruned, so nothing else a user
// keeps in the folder can be touched.

function backupFs(deps: HandlerDeps): Required<FsPort> {
  const fs = deps.fs;
  if (!fs.readdir || !fs.rename || !fs.unlink) throw new Error('backups folder file system not wired');
  return fs as Required<FsPort>;
}

async function backupsDir(deps: HandlerDeps): Promise<string> {
  const dir = path.join(deps.paths.userData, 'backups');
  try {
    await deps.fs.mkdir(dir, { recursive: true });
  } catch (error) {
    throw new UserFacingError(`无法创建备份文件夹「${dir}」：${describeFsError(error)}。`);
  }
  return dir;
}

// Retention never depends on the clock (a PC whose clock went back still keeps its newest backups):
// the main process numbers every backup it writes in a sidecar file (backup-state.json in userData)
// and orders by that number. The number of backups kept is the main process's own setting there,
// changed only through setBackupKeep, never passed with a write.

export const DEFAULT_BACKUP_KEEP = 10;
const STATE_FILE = 'backup-state.json';

export interface BackupState {
  /** How many backups the folder keeps. */
  keep: number;
  /** The sequence number the next backup gets (monotonic, never reused). */
  next: number;
  /** Sequence number of each backup written since numbering began. */
  sequence: Record<string, number>;
}

function statePath(deps: HandlerDeps): string {
  return path.join(deps.paths.userData, STATE_FILE);
}

/** The sidecar, or a fresh one when missing or unreadable (a damaged sidecar never blocks a backup). */
export async function readBackupState(deps: HandlerDeps): Promise<BackupState> {
  const fresh: BackupState = { keep: DEFAULT_BACKUP_KEEP, next: 1, sequence: {} };
  let text: string;
  try {
    text = new TextDecoder().decode(await deps.fs.readFile(statePath(deps)));
  } catch {
    return fresh;
  }
  try {
    const raw = JSON.parse(text) as Partial<BackupState>;
    const keep = Number.isInteger(raw.keep) && raw.keep! >= 1 && raw.keep! <= 100 ? raw.keep! : fresh.keep;
    const sequence: Record<string, number> = {};
    for (const [name, seq] of Object.entries(raw.sequence ?? {}))
      if (BACKUP_FILE_PATTERN.test(name) && Number.isSafeInteger(seq) && seq > 0) sequence[name] = seq;
    const top = Math.max(0, ...Object.values(sequence));
    const next = Number.isSafeInteger(raw.next) && raw.next! > top ? raw.next! : top + 1;
    return { keep, next, sequence };
  } catch {
    return fresh;
  }
}

async function writeBackupState(deps: HandlerDeps, state: BackupState): Promise<void> {
  const fs = backupFs(deps);
  const file = statePath(deps);
  await fs.writeFile(`${file}.tmp`, new TextEncoder().encode(JSON.stringify(state)));
  await fs.rename(`${file}.tmp`, file);
}

/**
 * Newest first: numbered backups by their sequence number, then backups from before numbering began
 * (older than any numbered one) by the date and time in their names.
 */
export function orderBackups(names: readonly string[], sequence: Readonly<Record<string, number>>): string[] {
  const stamp = (n: string) => /-(\d{8}-\d{6})-/.exec(n)?.[1] ?? '';
  return names
    .filter((n) => BACKUP_FILE_PATTERN.test(n))
    .sort(
      (a, b) =>
        (sequence[b] ?? 0) - (sequence[a] ?? 0) || stamp(b).localeCompare(stamp(a)) || b.localeCompare(a),
    );
}

/** Our backups in the folder, newest first (see orderBackups). */
async function backupNames(deps: HandlerDeps, dir: string, state?: BackupState): Promise<string[]> {
  let names: string[];
  try {
    names = await backupFs(deps).readdir(dir);
  } catch (error) {
    throw new UserFacingError(`无法读取备份文件夹「${dir}」：${describeFsError(error)}。`);
  }
  return orderBackups(names, (state ?? (await readBackupState(deps))).sequence);
}

/**
 * Writes a backup (to a temporary name first, then renamed, so a crash never leaves a half-written
 * backup under a backup's name), gives it the next sequence number, and removes the oldest ones
 * beyond the main process's `keep` setting. The backup just written is never removed.
 */
export async function writeBackup(
  deps: HandlerDeps,
  request: { fileName: string; bytes: Uint8Array },
): Promise<WriteBackupResponse> {
  const fs = backupFs(deps);
  const dir = await backupsDir(deps);
  const target = path.join(dir, request.fileName);
  const temp = `${target}.tmp`;
  try {
    await fs.writeFile(temp, request.bytes);
    await fs.rename(temp, target);
  } catch (error) {
    await fs.unlink(temp).catch(() => undefined);
    throw new UserFacingError(`无法把备份写入「${target}」：${describeFsError(error)}。`);
  }
  const state = await readBackupState(deps);
  state.sequence[request.fileName] = state.next;
  state.next += 1;
  const names = await backupNames(deps, dir, state);
  const removed: string[] = [];
  for (const name of names.slice(state.keep)) {
    if (name === request.fileName) continue;
    try {
      await fs.unlink(path.join(dir, name));
      removed.push(name);
    } catch {
      // A backup that cannot be removed now is tried again after the next backup.
    }
  }
  const present = new Set(names.filter((n) => !removed.includes(n)));
  for (const name of Object.keys(state.sequence)) if (!present.has(name)) delete state.sequence[name];
  try {
    await writeBackupState(deps, state);
  } catch (error) {
    throw new UserFacingError(
      `备份已写入「${target}」，但无法更新备份编号文件「${statePath(deps)}」：${describeFsError(error)}。`,
    );
  }
  return { path: target, removed };
}

/** Changes how many backups the folder keeps (applied at the next backup). */
export async function setBackupKeep(deps: HandlerDeps, request: { keep: number }): Promise<{ keep: number }> {
  const state = await readBackupState(deps);
  state.keep = request.keep;
  try {
    await writeBackupState(deps, state);
  } catch (error) {
    throw new UserFacingError(`无法保存备份保留份数：${describeFsError(error)}。`);
  }
  return { keep: state.keep };
}

export async function listBackups(deps: HandlerDeps): Promise<BackupFileInfo[]> {
  const dir = await backupsDir(deps);
  const out: BackupFileInfo[] = [];
  for (const name of await backupNames(deps, dir)) {
    try {
      const st = await deps.fs.stat(path.join(dir, name));
      if (st.isFile()) out.push({ name, size: st.size });
    } catch {
      // Removed meanwhile: not listed.
    }
  }
  return out;
}

export async function readBackup(deps: HandlerDeps, request: { fileName: string }): Promise<Uint8Array> {
  const dir = await backupsDir(deps);
  const file = path.join(dir, request.fileName);
  try {
    const st = await deps.fs.stat(file);
    if (st.size > MAX_BACKUP_FILE_BYTES) {
      throw new UserFacingError(
        `备份「${request.fileName}」超过 ${megabytes(MAX_BACKUP_FILE_BYTES)} 的上限，无法读取。`,
      );
    }
    return await deps.fs.readFile(file);
  } catch (error) {
    if (error instanceof UserFacingError) throw error;
    throw new UserFacingError(`无法读取备份「${request.fileName}」：${describeFsError(error)}。`);
  }
}

// ---------------------------------------------------------------------------------------------
// Saving several files at once (e.g. every letter of a campaign) into a folder the user picks.
// Nothing is ever overwritten: the files go into a NEW sub-folder named after the request
// (「名称」, 「名称 (2)」, ...), each written under a temporary name and then renamed, so a failure
// never leaves a half-written file under a real name.

/** How many numbered sub-folder names are tried before giving up. */
const MAX_FOLDER_SUFFIX = 999;
const TEMP_SUFFIX = '.pingcha-part';

export async function saveFilesToFolder(
  deps: HandlerDeps,
  request: { suggestedFolderName: string; files: { name: string; bytes: Uint8Array }[] },
): Promise<SaveFilesToFolderResponse> {
  const fs = deps.fs;
  if (!fs.rename || !fs.unlink) throw new Error('save-to-folder file system not wired');
  const { rename, unlink } = { rename: fs.rename.bind(fs), unlink: fs.unlink.bind(fs) };
  // The contract checked the names already; checked again here because these become paths.
  for (const file of request.files) {
    const problem = fileNameProblem(file.name);
    if (problem) throw new UserFacingError(`无法保存：${problem}。`);
  }
  const folderName = sanitizeFileName(request.suggestedFolderName);

  const result = await deps.dialog.showOpenDialog({
    title: `选择保存位置（将新建文件夹「${folderName}」）`,
    properties: ['openDirectory', 'createDirectory'],
    defaultPath: deps.paths.documents,
  });
  const parent = result.filePaths[0];
  if (result.canceled || !parent) return { saved: false };

  const folder = await createNewFolder(deps, parent, folderName);
  const temps: string[] = [];
  try {
    for (const file of request.files) {
      const temp = path.join(folder, file.name + TEMP_SUFFIX);
      temps.push(temp);
      try {
        await fs.writeFile(temp, file.bytes);
      } catch (error) {
        throw new UserFacingError(
          `无法在「${folder}」中写入「${file.name}」：${describeFsError(error)}。没有保存任何文件，请换一个位置再试。`,
        );
      }
    }
  } catch (error) {
    for (const temp of temps) await unlink(temp).catch(() => undefined);
    await fs.rmdir?.(folder).catch(() => undefined);
    throw error;
  }

  const written: string[] = [];
  for (const [i, file] of request.files.entries()) {
    try {
      await rename(temps[i]!, path.join(folder, file.name));
      written.push(file.name);
    } catch (error) {
      for (const temp of temps.slice(i)) await unlink(temp).catch(() => undefined);
      throw new UserFacingError(
        `无法在「${folder}」中保存「${file.name}」：${describeFsError(error)}。已保存 ${written.length} 个文件，其余 ${request.files.length - written.length} 个未保存。`,
      );
    }
  }
  return { saved: true, folder, written };
}

/** Makes `parent/name`, or `parent/name (2)`, ... whichever does not exist yet. */
async function createNewFolder(deps: HandlerDeps, parent: string, name: string): Promise<string> {
  for (let n = 1; n <= MAX_FOLDER_SUFFIX; n++) {
    const candidate = path.join(parent, n === 1 ? name : `${name} (${n})`);
    try {
      await deps.fs.mkdir(candidate, { recursive: false });
      return candidate;
    } catch (error) {
      if ((error as { code?: unknown } | null)?.code === 'EEXIST') continue;
      throw new UserFacingError(
        `无法在「${parent}」中新建文件夹「${path.basename(candidate)}」：${describeFsError(error)}。请换一个位置再试。`,
      );
    }
  }
  throw new UserFacingError(`「${parent}」中已有太多名为「${name}」的文件夹，请换一个位置再试。`);
}
