// The typed contract between the renderer (through the preload bridge) and the main process.
// Every request is validated with these schemas in the main process before anything touches the disk.
import { z } from 'zod';
import { zhCN } from 'zod/locales';
import { signedLogHeadSchema } from '../audit/log-head';
import {
  BACKUP_FILE_PATTERN,
  IPC_CHANNELS,
  MAX_BACKUP_FILE_BYTES,
  MAX_FOLDER_FILES,
  MAX_FOLDER_TOTAL_BYTES,
  MAX_SAVE_FILE_BYTES,
  MAX_PANEL_PACKAGE_TEXT,
  PANEL_PACKAGE_TEXT_PREFIX,
  type IpcMethod,
} from './channels';

export {
  IPC_CHANNELS,
  BRIDGE_GLOBAL_NAME,
  MAX_OPEN_FILE_BYTES,
  MAX_OPEN_TOTAL_BYTES,
  MAX_SAVE_FILE_BYTES,
  MAX_BACKUP_FILE_BYTES,
  BACKUP_FILE_PATTERN,
  MAX_FOLDER_FILES,
  MAX_FOLDER_TOTAL_BYTES,
} from './channels';
export type { IpcChannel, IpcMethod } from './channels';

// z.custom rather than z.instanceof keeps the type Uint8Array<ArrayBufferLike>, matching Node buffers.
const bytesSchema = z.custom<Uint8Array>((value) => value instanceof Uint8Array, {
  error: '文件内容必须是字节数组（Uint8Array）',
});

export const FileFilterSchema = z.strictObject({
  name: z
    .string({ error: '文件类型名称必须是文字' })
    .min(1, { error: '文件类型名称不能为空' })
    .max(100, { error: '文件类型名称不能超过 100 个字符' }),
  extensions: z
    .array(
      z
        .string({ error: '扩展名必须是文字' })
        .regex(/^(\*|[A-Za-z0-9]{1,16})$/, { error: '扩展名只能是 1 到 16 个字母或数字（不带点），或 *' }),
      { error: '扩展名列表必须是数组' },
    )
    .min(1, { error: '扩展名列表不能为空' })
    .max(30, { error: '扩展名不能超过 30 个' }),
});
export type FileFilter = z.infer<typeof FileFilterSchema>;

const filtersSchema = z.array(FileFilterSchema, { error: '文件类型筛选必须是数组' }).max(20, {
  error: '文件类型筛选不能超过 20 组',
});

export const OpenFilesRequestSchema = z.strictObject({
  multiple: z.boolean({ error: '“是否多选”必须是 true 或 false' }),
  filters: filtersSchema.optional(),
});
export const OpenFilesResponseSchema = z.array(
  z.strictObject({ name: z.string().min(1), bytes: bytesSchema }),
);

export const SaveFileRequestSchema = z.strictObject({
  suggestedName: z
    .string({ error: '建议的文件名必须是文字' })
    .min(1, { error: '建议的文件名不能为空' })
    .max(255, { error: '建议的文件名不能超过 255 个字符' }),
  bytes: bytesSchema.refine((b) => b.byteLength <= MAX_SAVE_FILE_BYTES, {
    error: `要保存的文件超过 ${MAX_SAVE_FILE_BYTES / 1024 / 1024} MB 的上限`,
  }),
  filters: filtersSchema.optional(),
});
/** true when written, false when the user cancelled the dialog. */
export const SaveFileResponseSchema = z.boolean();

/** Channels without arguments: `ipcRenderer.invoke(channel)` delivers no argument at all. */
export const NoArgumentsSchema = z.undefined({ error: '此操作不接受参数' });

export const AppVersionResponseSchema = z.string().min(1);

export const DataPathsResponseSchema = z.strictObject({
  data: z.string().min(1),
  backups: z.string().min(1),
});

const backupNameSchema = z
  .string({ error: '备份文件名必须是文字' })
  .regex(BACKUP_FILE_PATTERN, { error: '备份文件名不符合“评查台备份-日期-时间-原因.pingcha-backup”的格式' });

export const WriteBackupRequestSchema = z.strictObject({
  fileName: backupNameSchema,
  bytes: bytesSchema.refine((b) => b.byteLength > 0 && b.byteLength <= MAX_BACKUP_FILE_BYTES, {
    error: `备份文件为空或超过 ${MAX_BACKUP_FILE_BYTES / 1024 / 1024} MB 的上限`,
  }),
});
/**
 * How many backups the folder keeps: a setting the main process stores and applies itself. A write
 * never carries it (the strict write request refuses a `keep` key).
 */
export const SetBackupKeepRequestSchema = z.strictObject({
  keep: z
    .number({ error: '保留份数必须是数字' })
    .int({ error: '保留份数必须是整数' })
    .min(1, { error: '保留份数至少为 1' })
    .max(100, { error: '保留份数不能超过 100' }),
});
export const SetBackupKeepResponseSchema = z.strictObject({ keep: z.number().int().min(1).max(100) });
export const BackupFileInfoSchema = z.strictObject({
  name: z.string().min(1),
  size: z.number().int().nonnegative(),
});
export const WriteBackupResponseSchema = z.strictObject({
  path: z.string().min(1),
  removed: z.array(z.string()),
});
export const ListBackupsResponseSchema = z.array(BackupFileInfoSchema);
export const ReadBackupRequestSchema = z.strictObject({ fileName: backupNameSchema });
export const ReadBackupResponseSchema = bytesSchema;

// ---------------------------------------------------------------------------------------------
// Saving several files into a folder the user picks. The names become paths in the main process,
// so they must be plain file names there: checked here and again by the handler.

const WINDOWS_RESERVED_NAME = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
export const MAX_FOLDER_FILE_NAME_LENGTH = 200;

/**
 * Why `name` cannot be used as a plain file (or folder) name on Windows and Linux, in Chinese;
 * null when it can.
 */
export function fileNameProblem(name: string): string | null {
  if (name.length === 0) return '文件名不能为空';
  if (name.length > MAX_FOLDER_FILE_NAME_LENGTH) {
    return `文件名不能超过 ${MAX_FOLDER_FILE_NAME_LENGTH} 个字符`;
  }
  if (/[/\\]/.test(name)) return `文件名「${name}」含有路径分隔符（/ 或 \\）`;
  if (name.includes('..')) return `文件名「${name}」含有“..”`;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f<>:"|?*]/.test(name)) {
    return `文件名「${name}」含有 Windows 不允许的字符（< > : " | ? * 或控制字符）`;
  }
  if (name.startsWith('.')) return `文件名「${name}」不能以点开头`;
  if (/[. ]$/.test(name) || /^ /.test(name)) return `文件名「${name}」不能以空格开头，也不能以点或空格结尾`;
  if (WINDOWS_RESERVED_NAME.test(name)) return `文件名「${name}」是 Windows 的保留名称`;
  return null;
}

const folderFileNameSchema = z.string({ error: '文件名必须是文字' }).superRefine((name, ctx) => {
  const problem = fileNameProblem(name);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const SaveFilesToFolderRequestSchema = z
  .strictObject({
    suggestedFolderName: folderFileNameSchema,
    files: z
      .array(
        z.strictObject({
          name: folderFileNameSchema,
          bytes: bytesSchema.refine((b) => b.byteLength <= MAX_SAVE_FILE_BYTES, {
            error: `单个文件超过 ${MAX_SAVE_FILE_BYTES / 1024 / 1024} MB 的上限`,
          }),
        }),
        { error: '文件列表必须是数组' },
      )
      .min(1, { error: '至少要有一个文件' })
      .max(MAX_FOLDER_FILES, { error: `一次最多保存 ${MAX_FOLDER_FILES} 个文件` }),
  })
  .superRefine((request, ctx) => {
    const total = request.files.reduce((sum, f) => sum + f.bytes.byteLength, 0);
    if (total > MAX_FOLDER_TOTAL_BYTES) {
      ctx.addIssue({
        code: 'custom',
        path: ['files'],
        message: `文件共 ${(total / 1024 / 1024).toFixed(1)} MB，超过一次保存 ${MAX_FOLDER_TOTAL_BYTES / 1024 / 1024} MB 的上限`,
      });
    }
    // Windows file names ignore case: 甲.PDF and 甲.pdf would be the same file.
    const seen = new Set<string>();
    request.files.forEach((f, i) => {
      const key = f.name.toLowerCase();
      if (seen.has(key)) {
        ctx.addIssue({ code: 'custom', path: ['files', i, 'name'], message: `文件名「${f.name}」重复` });
      }
      seen.add(key);
    });
  });
export const SaveFilesToFolderResponseSchema = z.strictObject({
  /** false when the user cancelled the folder dialog. */
  saved: z.boolean(),
  /** The new sub-folder the files were written into. */
  folder: z.string().min(1).optional(),
  /** Names of the files written, in request order. */
  written: z.array(z.string().min(1)).optional(),
});

/** The office's installed 公文 fonts (desktop): one TrueType file per face, and what was found but refused. */
const documentFaceSchema = z.enum(['fangsong', 'heiti', 'kaiti', 'xiaobiaosong']);
export const OfficeFontsResponseSchema = z.strictObject({
  fonts: z.array(
    z.strictObject({
      face: documentFaceSchema,
      name: z.string().min(1),
      file: z.string().min(1),
      bytes: bytesSchema,
    }),
  ),
  skipped: z.array(
    z.strictObject({ face: documentFaceSchema, file: z.string().min(1), reason: z.string().min(1) }),
  ),
});

/** The office key held by the main process: only its public half ever crosses IPC. */
export const OfficeKeyStatusResponseSchema = z.strictObject({
  publicKey: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
  protectedBy: z.enum(['safeStorage', 'unavailable']),
});
export const EnsureOfficeKeyResponseSchema = z.strictObject({
  publicKey: z.string().regex(/^[0-9a-f]{64}$/),
  created: z.boolean(),
});
/** A log head to sign: the place and hash of the last entry a committed write appended. */
export const SignLogHeadRequestSchema = z.strictObject({
  seq: z
    .number({ error: '留痕序号必须是数字' })
    .int({ error: '留痕序号必须是整数' })
    .positive({ error: '留痕序号必须大于 0' }),
  hash: z
    .string({ error: '留痕哈希必须是文字' })
    .regex(/^[0-9a-f]{64}$/, { error: '留痕哈希必须是 64 位十六进制' }),
  at: z
    .string({ error: '时间必须是文字' })
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/, { error: '时间必须是 UTC ISO 格式' }),
});
export const SignedLogHeadResponseSchema = signedLogHeadSchema;
/** A panel package's signing text: nothing else is signed with the office key on request. */
export const SignPanelPackageRequestSchema = z.strictObject({
  text: z
    .string({ error: '要签名的内容必须是文字' })
    .max(MAX_PANEL_PACKAGE_TEXT, { error: '要签名的评查包信封过长' })
    .refine((t) => t.startsWith(PANEL_PACKAGE_TEXT_PREFIX), { error: '只能为评查包签名' }),
});
export const SignPanelPackageResponseSchema = z.strictObject({
  publicKey: z.string().regex(/^[0-9a-f]{64}$/),
  signature: z.string().regex(/^[0-9a-f]{128}$/),
});
export const ReadLogHeadResponseSchema = signedLogHeadSchema.nullable();
const publicKeySchema = z.string().regex(/^[0-9a-f]{64}$/, { error: '公钥必须是 64 位十六进制' });
const passphraseSchema = z.string({ error: '口令必须是文字' }).max(1024, { error: '口令过长' });
/** A key file is small: its JSON is well under 4 KiB. */
const MAX_KEY_FILE_BYTES = 64 * 1024;
/** 导出密钥文件: the passphrase that encrypts the file (the main process applies the passphrase rule). */
export const ExportOfficeKeyRequestSchema = z.strictObject({ passphrase: passphraseSchema });
export const ExportOfficeKeyResponseSchema = z.strictObject({
  bytes: bytesSchema,
  publicKey: publicKeySchema,
});
/** 更换密钥 (a new key) or 导入密钥文件: the key is held aside until activated. */
export const PrepareOfficeKeyRequestSchema = z.discriminatedUnion('source', [
  z.strictObject({ source: z.literal('generate') }),
  z.strictObject({
    source: z.literal('file'),
    bytes: bytesSchema.refine((b) => b.byteLength > 0 && b.byteLength <= MAX_KEY_FILE_BYTES, {
      error: '密钥文件为空或过大',
    }),
    passphrase: passphraseSchema,
    fileName: z.string().min(1).max(260),
  }),
]);
export const OfficeKeyPublicResponseSchema = z.strictObject({ publicKey: publicKeySchema });
export const ActivateOfficeKeyRequestSchema = z.strictObject({ publicKey: publicKeySchema });
/** Migration of an older desktop install: the page's keyring key moves to the main process. */
export const AdoptOfficeKeyRequestSchema = z.strictObject({
  secretKey: z.string().regex(/^[0-9a-f]{64}$/, { error: '密钥格式不正确' }),
});
export const AdoptOfficeKeyResponseSchema = z.strictObject({
  publicKey: publicKeySchema,
  adopted: z.boolean(),
});

/** Request and response schema for each bridge method, keyed like IPC_CHANNELS. */
export const IPC_SCHEMAS = {
  openFiles: { request: OpenFilesRequestSchema, response: OpenFilesResponseSchema },
  saveFile: { request: SaveFileRequestSchema, response: SaveFileResponseSchema },
  appVersion: { request: NoArgumentsSchema, response: AppVersionResponseSchema },
  dataPaths: { request: NoArgumentsSchema, response: DataPathsResponseSchema },
  writeBackup: { request: WriteBackupRequestSchema, response: WriteBackupResponseSchema },
  listBackups: { request: NoArgumentsSchema, response: ListBackupsResponseSchema },
  readBackup: { request: ReadBackupRequestSchema, response: ReadBackupResponseSchema },
  setBackupKeep: { request: SetBackupKeepRequestSchema, response: SetBackupKeepResponseSchema },
  saveFilesToFolder: { request: SaveFilesToFolderRequestSchema, response: SaveFilesToFolderResponseSchema },
  officeFonts: { request: NoArgumentsSchema, response: OfficeFontsResponseSchema },
  officeKeyStatus: { request: NoArgumentsSchema, response: OfficeKeyStatusResponseSchema },
  ensureOfficeKey: { request: NoArgumentsSchema, response: EnsureOfficeKeyResponseSchema },
  signLogHead: { request: SignLogHeadRequestSchema, response: SignedLogHeadResponseSchema },
  readLogHead: { request: NoArgumentsSchema, response: ReadLogHeadResponseSchema },
  signPanelPackage: { request: SignPanelPackageRequestSchema, response: SignPanelPackageResponseSchema },
  exportOfficeKey: { request: ExportOfficeKeyRequestSchema, response: ExportOfficeKeyResponseSchema },
  prepareOfficeKey: { request: PrepareOfficeKeyRequestSchema, response: OfficeKeyPublicResponseSchema },
  activateOfficeKey: { request: ActivateOfficeKeyRequestSchema, response: OfficeKeyPublicResponseSchema },
  adoptOfficeKey: { request: AdoptOfficeKeyRequestSchema, response: AdoptOfficeKeyResponseSchema },
} as const satisfies Record<IpcMethod, { request: z.ZodType; response: z.ZodType }>;

export type OpenFilesRequest = z.input<typeof OpenFilesRequestSchema>;
export type OpenFilesResponse = z.output<typeof OpenFilesResponseSchema>;
export type SaveFileRequest = z.input<typeof SaveFileRequestSchema>;
export type SaveFileResponse = z.output<typeof SaveFileResponseSchema>;
export type AppVersionResponse = z.output<typeof AppVersionResponseSchema>;
export type DataPathsResponse = z.output<typeof DataPathsResponseSchema>;
export type WriteBackupRequest = z.input<typeof WriteBackupRequestSchema>;
export type WriteBackupResponse = z.output<typeof WriteBackupResponseSchema>;
export type BackupFileInfo = z.output<typeof BackupFileInfoSchema>;
export type ReadBackupRequest = z.input<typeof ReadBackupRequestSchema>;
export type SetBackupKeepRequest = z.input<typeof SetBackupKeepRequestSchema>;
export type SetBackupKeepResponse = z.output<typeof SetBackupKeepResponseSchema>;
export type SaveFilesToFolderRequest = z.input<typeof SaveFilesToFolderRequestSchema>;
export type SaveFilesToFolderResponse = z.output<typeof SaveFilesToFolderResponseSchema>;
export type OfficeFontsResponse = z.output<typeof OfficeFontsResponseSchema>;
export type OfficeKeyStatusResponse = z.output<typeof OfficeKeyStatusResponseSchema>;
export type EnsureOfficeKeyResponse = z.output<typeof EnsureOfficeKeyResponseSchema>;
export type SignLogHeadRequest = z.input<typeof SignLogHeadRequestSchema>;
export type SignedLogHeadResponse = z.output<typeof SignedLogHeadResponseSchema>;

/** What the preload exposes as `window.pingcha`: one named method per channel, nothing else. */
export interface PingchaBridge {
  openFiles(request: OpenFilesRequest): Promise<OpenFilesResponse>;
  saveFile(request: SaveFileRequest): Promise<SaveFileResponse>;
  appVersion(): Promise<AppVersionResponse>;
  dataPaths(): Promise<DataPathsResponse>;
  /** Writes a backup into userData/backups and keeps the newest N there (N: the main process's setting). */
  writeBackup(request: WriteBackupRequest): Promise<WriteBackupResponse>;
  listBackups(): Promise<BackupFileInfo[]>;
  readBackup(request: ReadBackupRequest): Promise<Uint8Array>;
  /** Changes the main process's setting of how many backups the folder keeps. */
  setBackupKeep(request: SetBackupKeepRequest): Promise<SetBackupKeepResponse>;
  /** Asks for a folder and writes every file into a new sub-folder of it (never overwrites). */
  saveFilesToFolder(request: SaveFilesToFolderRequest): Promise<SaveFilesToFolderResponse>;
  /** The installed 仿宋/黑体/楷体/小标宋 TrueType files found in the system's font folders. */
  officeFonts(): Promise<OfficeFontsResponse>;
  /** The public half of the office key the main process holds (encrypted with safeStorage). */
  officeKeyStatus(): Promise<OfficeKeyStatusResponse>;
  /** Creates the office key in the main process on first use; returns its public half only. */
  ensureOfficeKey(): Promise<EnsureOfficeKeyResponse>;
  /** Signs a committed log head and keeps it in the main process's own file. */
  signLogHead(request: SignLogHeadRequest): Promise<SignedLogHeadResponse>;
  /** The head the main process signed last. */
  readLogHead(): Promise<SignedLogHeadResponse | null>;
  /** Signs an assignment package's signing text with the office key (no other text is signed). */
  signPanelPackage(request: { text: string }): Promise<z.output<typeof SignPanelPackageResponseSchema>>;
  /** The office key as a passphrase-encrypted key file (the web build's format). */
  exportOfficeKey(
    request: z.input<typeof ExportOfficeKeyRequestSchema>,
  ): Promise<z.output<typeof ExportOfficeKeyResponseSchema>>;
  /** A new key (generated or from a key file) held aside, unused until activated. */
  prepareOfficeKey(request: z.input<typeof PrepareOfficeKeyRequestSchema>): Promise<{ publicKey: string }>;
  /** The prepared key becomes the office key (after the page logged the change, signed by the old). */
  activateOfficeKey(request: { publicKey: string }): Promise<{ publicKey: string }>;
  /** Moves an older install's keyring key into the main process (when it holds none, or the same). */
  adoptOfficeKey(request: { secretKey: string }): Promise<z.output<typeof AdoptOfficeKeyResponseSchema>>;
}

/** Names of the bridge methods, in channel order (used by tests and the renderer's bridge detection). */
export const BRIDGE_METHODS = Object.keys(IPC_CHANNELS) as IpcMethod[];

/**
 * Turn a zod failure into one readable Chinese sentence naming the field, e.g.
 * 「保存文件」的参数无效：suggestedName：建议的文件名不能为空
 */
export function describeInvalidArguments(action: string, error: z.ZodError): string {
  const details = error.issues
    .slice(0, 5)
    .map((issue) => {
      const where = issue.path.length > 0 ? `${issue.path.map(String).join('.')}：` : '';
      return `${where}${issue.message}`;
    })
    .join('；');
  return `「${action}」的参数无效：${details}`;
}

/** Chinese fallback for issues without a message of their own (e.g. unknown keys in a strict object). */
const chineseErrorMap = zhCN().localeError;

export type ParsedRequest<M extends IpcMethod> =
  { ok: true; data: z.output<(typeof IPC_SCHEMAS)[M]['request']> } | { ok: false; message: string };

/** Validate the argument a renderer sent for `method`; the message is Chinese and names the field. */
export function parseIpcRequest<M extends IpcMethod>(method: M, argument: unknown): ParsedRequest<M> {
  const schema: z.ZodType = IPC_SCHEMAS[method].request;
  const result = schema.safeParse(argument, { error: chineseErrorMap });
  if (result.success) {
    return { ok: true, data: result.data as z.output<(typeof IPC_SCHEMAS)[M]['request']> };
  }
  return { ok: false, message: describeInvalidArguments(ACTION_NAMES[method], result.error) };
}

/** Chinese names of the actions, for error messages. */
export const ACTION_NAMES: Record<IpcMethod, string> = {
  openFiles: '打开文件',
  saveFile: '保存文件',
  appVersion: '读取版本号',
  dataPaths: '读取数据目录',
  writeBackup: '写入备份',
  listBackups: '列出备份',
  readBackup: '读取备份',
  setBackupKeep: '设置备份保留份数',
  saveFilesToFolder: '保存到文件夹',
  officeFonts: '查找已安装的公文字体',
  officeKeyStatus: '读取本单位签名密钥',
  ensureOfficeKey: '创建本单位签名密钥',
  signLogHead: '签名操作留痕',
  readLogHead: '读取留痕末端',
  signPanelPackage: '为评查包签名',
  exportOfficeKey: '导出密钥文件',
  prepareOfficeKey: '准备新的签名密钥',
  activateOfficeKey: '启用新的签名密钥',
  adoptOfficeKey: '迁移本单位签名密钥',
};
