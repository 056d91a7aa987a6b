// The backup file (.pingcha-backup): a ZIP holding every table of the store as NDJSON parts
// (tables/<table>/<n>.ndjson, a few MB each, so neither writing nor reading ever builds one giant
// string) and a manifest.json naming the format, versions, counts and the SHA-256 of every part.
// Pure: the store is read and written by renderer/db/backup-repository.ts.
import { storeTableLabel } from './table-labels';
import { Zip, ZipDeflate, unzipSync } from 'fflate';
import { z } from 'zod';
import { sha256BytesHex } from '../crypto/sha256';
import { signedLogHeadSchema, type SignedLogHead } from '../audit/log-head';
import { BlobSink, encodeTyped, parseTyped } from './typed-json';
import { compareVersions } from './versions';

export const BACKUP_FORMAT = 'pingcha.backup';
export const BACKUP_FORMAT_VERSION = 1;
export const BACKUP_EXTENSION = 'pingcha-backup';
export const MANIFEST_NAME = 'manifest.json';
/** A part is flushed once its text passes this size. */
export const PART_TARGET_CHARS = 4 * 1024 * 1024;

/** The largest manifest and the largest part a backup may declare (bounds memory while inflating). */
export const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;
export const MAX_PART_BYTES = 256 * 1024 * 1024;

export type BackupReason = 'manual' | 'daily' | 'before-upgrade' | 'before-restore';

const partSchema = z.object({
  file: z.string().regex(/^tables\/[A-Za-z0-9_]+\/\d{6}\.ndjson$/),
  count: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative().max(MAX_PART_BYTES),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

const tableSchema = z.object({
  name: z.string().regex(/^[A-Za-z0-9_]+$/),
  /** The table's key path (as Dexie writes it), or null when keys are stored apart from records. */
  keyPath: z.union([z.string(), z.array(z.string()), z.null()]),
  count: z.number().int().nonnegative(),
  parts: z.array(partSchema),
});

export const backupManifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int().positive(),
  appVersion: z.string().min(1),
  schemaVersion: z.number().int().positive(),
  createdAt: z.string().min(1),
  reason: z.enum(['manual', 'daily', 'before-upgrade', 'before-restore']),
  databaseName: z.string(),
  counts: z.record(z.string(), z.number().int().nonnegative()),
  tables: z.array(tableSchema),
  /** The log's head at backup time, signed by the office key (absent in older backups). */
  logHead: signedLogHeadSchema.optional(),
  /**
   * Made without the 电子案卷's content (issue 27, the user's choice): the files' records, hashes, page
   * labels and pins are in it, their bytes are not (a restore keeps them and says the files are missing).
   */
  caseFilesOmitted: z.literal(true).optional(),
});
export type BackupManifest = z.infer<typeof backupManifestSchema>;
export type BackupTableInfo = z.infer<typeof tableSchema>;

/** A backup that cannot be used; the message is for the user (Chinese) and says why. */
export class BackupFileError extends Error {
  constructor(
    message: string,
    readonly code: 'unreadable' | 'foreign' | 'corrupt' | 'newer' | 'incompatible' | 'invalid',
  ) {
    super(message);
    this.name = 'BackupFileError';
  }
}

/** SHA-256 as hex. Sync (portable) or async (WebCrypto in the renderer: many times faster). */
export type BytesHasher = (bytes: Uint8Array) => string | Promise<string>;
export type SyncBytesHasher = (bytes: Uint8Array) => string;

export interface BackupWriterOptions {
  /** Receives the ZIP's bytes as they are produced, in order. */
  onData(chunk: Uint8Array): void;
  /** Deflate level: 1 is several times faster than 6 for a few percent more bytes. */
  level?: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
  sha256?: BytesHasher;
}

/**
 * Streams tables into a backup: beginTable, addRecords (any number of times), endTable, ... finish.
 * Every call is synchronous, so a caller can write from inside one read transaction.
 */
export class BackupWriter {
  private readonly zip: Zip;
  private readonly encoder = new TextEncoder();
  private readonly tables: BackupTableInfo[] = [];
  private current: BackupTableInfo | null = null;
  private lines: string[] = [];
  private chars = 0;
  /** Characters of record text produced so far (all tables): lets a caller size its batches. */
  totalChars = 0;
  private failure: Error | null = null;
  private finished = false;
  /** Digests still being computed (async hasher): awaited by finish. */
  private readonly pending: Promise<void>[] = [];
  /**
   * Records holding Blobs: a Blob's bytes can only be read asynchronously (never inside the
   * caller's read transaction), so these are written as extra parts of their table by finish().
   */
  private readonly deferred: { table: BackupTableInfo; records: unknown[]; sink: BlobSink }[] = [];

  constructor(private readonly options: BackupWriterOptions) {
    this.zip = new Zip((error, data) => {
      if (error) this.failure = error;
      else options.onData(data);
    });
  }

  beginTable(name: string, keyPath: string | string[] | null): void {
    if (this.current) throw new Error(`table ${this.current.name} still open`);
    if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`unsupported table name ${name}`);
    this.current = { name, keyPath, count: 0, parts: [] };
  }

  /** Records of the open table; for tables without a key path pass [key, value] pairs. */
  addRecords(records: readonly unknown[]): void {
    const table = this.current;
    if (!table) throw new Error('no table open');
    for (const r of records) {
      const sink = new BlobSink();
      const encoded = encodeTyped(r, sink);
      if (sink.pending.length > 0) {
        let d = this.deferred.find((x) => x.table === table);
        if (!d) this.deferred.push((d = { table, records: [], sink: new BlobSink() }));
        d.records.push(encoded);
        d.sink.pending.push(...sink.pending);
        table.count += 1;
        continue;
      }
      const line = JSON.stringify(encoded);
      this.lines.push(line);
      this.chars += line.length + 1;
      this.totalChars += line.length + 1;
      table.count += 1;
      if (this.chars >= PART_TARGET_CHARS) this.flushPart();
    }
  }

  endTable(): void {
    if (!this.current) throw new Error('no table open');
    if (this.lines.length > 0) this.flushPart();
    this.tables.push(this.current);
    this.current = null;
  }

  private flushPart(table: BackupTableInfo = this.current!): void {
    const text = this.lines.join('\n') + '\n';
    const count = this.lines.length;
    this.lines = [];
    this.chars = 0;
    const bytes = this.encoder.encode(text);
    const file = `tables/${table.name}/${String(table.parts.length + 1).padStart(6, '0')}.ndjson`;
    const part = { file, count, bytes: bytes.byteLength, sha256: '' };
    table.parts.push(part);
    const digest = (this.options.sha256 ?? sha256BytesHex)(bytes);
    // An async digest runs alongside (never awaited here, so a caller's read transaction stays alive).
    if (typeof digest === 'string') part.sha256 = digest;
    else this.pending.push(digest.then((d) => void (part.sha256 = d)));
    this.addFile(file, bytes);
  }

  private addFile(name: string, bytes: Uint8Array): void {
    const entry = new ZipDeflate(name, { level: this.options.level ?? 1 });
    this.zip.add(entry);
    entry.push(bytes, true);
    if (this.failure) throw this.failure;
  }

  /** Call after the last table (outside any store transaction when the hasher is async). */
  async finish(meta: {
    appVersion: string;
    schemaVersion: number;
    createdAt: string;
    reason: BackupReason;
    databaseName: string;
    logHead?: SignedLogHead;
    caseFilesOmitted?: true;
  }): Promise<BackupManifest> {
    if (this.current) this.endTable();
    if (this.finished) throw new Error('backup already finished');
    this.finished = true;
    for (const d of this.deferred) {
      await d.sink.resolve();
      for (const r of d.records) {
        const line = JSON.stringify(r);
        this.lines.push(line);
        this.chars += line.length + 1;
        if (this.chars >= PART_TARGET_CHARS) this.flushPart(d.table);
      }
      if (this.lines.length > 0) this.flushPart(d.table);
    }
    await Promise.all(this.pending);
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      ...meta,
      counts: Object.fromEntries(this.tables.map((t) => [t.name, t.count])),
      tables: this.tables,
    };
    this.addFile(MANIFEST_NAME, this.encoder.encode(JSON.stringify(manifest, null, 2)));
    this.zip.end();
    if (this.failure) throw this.failure;
    return manifest;
  }
}

/** Concatenates chunks into one array (the file handed to a download or the backups folder). */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((a, c) => a + c.byteLength, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/**
 * One file of the ZIP, inflated into a buffer of at most `maxBytes`: a file whose directory entry
 * declares more is refused before anything is inflated, and one that lies about its size cannot
 * grow past the buffer (the output is cut there and then fails its size and SHA-256 check).
 */
function extract(bytes: Uint8Array, name: string, maxBytes: number): Uint8Array | null {
  let files: Record<string, Uint8Array>;
  let declared = 0;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        if (f.name !== name) return false;
        if (f.originalSize > maxBytes) {
          declared = f.originalSize;
          return false;
        }
        return true;
      },
    });
  } catch {
    throw new BackupFileError(
      '文件已损坏、不完整（可能只复制了一部分）或不是评查台备份文件（.pingcha-backup），无法读取。数据库未作任何更改。',
      'unreadable',
    );
  }
  if (declared > 0) {
    throw new BackupFileError(
      `备份文件已损坏或被改动：其中的“${name}”解压后有 ${declared} 字节，超过备份清单允许的 ${maxBytes} 字节，未解压。数据库未作任何更改。`,
      'corrupt',
    );
  }
  return files[name] ?? null;
}

/** Reads and checks the manifest only (fast): what the backup holds, before anything is replaced. */
export function readBackupManifest(bytes: Uint8Array): BackupManifest {
  const raw = extract(bytes, MANIFEST_NAME, MAX_MANIFEST_BYTES);
  if (!raw) {
    throw new BackupFileError(
      '这不是评查台备份文件：文件中没有备份清单（manifest.json）。数据库未作任何更改。',
      'foreign',
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
  } catch {
    throw new BackupFileError('备份清单（manifest.json）已损坏，无法读取。数据库未作任何更改。', 'corrupt');
  }
  if ((json as { format?: unknown } | null)?.format !== BACKUP_FORMAT) {
    throw new BackupFileError(
      '这不是评查台备份文件：备份清单中的格式标识不是“pingcha.backup”。数据库未作任何更改。',
      'foreign',
    );
  }
  const formatVersion = (json as { formatVersion?: unknown }).formatVersion;
  if (typeof formatVersion === 'number' && formatVersion > BACKUP_FORMAT_VERSION) {
    throw new BackupFileError(
      `该备份使用了更新的备份格式（第 ${formatVersion} 版，本程序只支持到第 ${BACKUP_FORMAT_VERSION} 版），请先升级评查台后再恢复。数据库未作任何更改。`,
      'newer',
    );
  }
  const parsed = backupManifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BackupFileError(
      `备份清单（manifest.json）内容不完整或格式不对（${issue?.path.join('.') || '根'}）。数据库未作任何更改。`,
      'corrupt',
    );
  }
  for (const t of parsed.data.tables) {
    const sum = t.parts.reduce((a, p) => a + p.count, 0);
    if (sum !== t.count || parsed.data.counts[t.name] !== t.count) {
      throw new BackupFileError(
        `备份清单中数据表“${storeTableLabel(t.name)}”的记录数前后不一致，文件可能被改动过。数据库未作任何更改。`,
        'corrupt',
      );
    }
  }
  return parsed.data;
}

/** What this installation can do with a backup: restore as is, migrate on restore, or refuse. */
export type BackupCompatibility =
  { kind: 'same' } | { kind: 'older'; from: number; to: number } | { kind: 'refused'; message: string };

export function checkBackupCompatibility(
  manifest: BackupManifest,
  here: {
    appVersion: string;
    schemaVersion: number;
    tables: readonly string[];
    knownVersions: readonly number[];
  },
): BackupCompatibility {
  if (manifest.schemaVersion > here.schemaVersion) {
    return {
      kind: 'refused',
      message: `该备份来自更新版本的评查台（程序版本 ${manifest.appVersion}，数据库结构第 ${manifest.schemaVersion} 版），本机是 ${here.appVersion}（第 ${here.schemaVersion} 版）。请先升级评查台后再恢复。数据库未作任何更改。`,
    };
  }
  if (compareVersions(manifest.appVersion, here.appVersion) > 0) {
    return {
      kind: 'refused',
      message: `该备份来自更新版本的评查台（${manifest.appVersion}），本机是 ${here.appVersion}。请先升级评查台后再恢复。数据库未作任何更改。`,
    };
  }
  if (!here.knownVersions.includes(manifest.schemaVersion)) {
    return {
      kind: 'refused',
      message: `该备份的数据库结构版本（第 ${manifest.schemaVersion} 版）无法识别。数据库未作任何更改。`,
    };
  }
  if (manifest.schemaVersion === here.schemaVersion) {
    const unknown = manifest.tables.find((t) => !here.tables.includes(t.name));
    if (unknown) {
      return {
        kind: 'refused',
        message: `该备份含有本程序不认识的数据表“${unknown.name}”，可能不是评查台的备份。数据库未作任何更改。`,
      };
    }
    return { kind: 'same' };
  }
  return { kind: 'older', from: manifest.schemaVersion, to: here.schemaVersion };
}

function partError(table: string, index: number, why: string): BackupFileError {
  return new BackupFileError(
    `备份文件已损坏或被改动：数据表“${storeTableLabel(table)}”的第 ${index + 1} 部分${why}。数据库未作任何更改。`,
    'corrupt',
  );
}

/** The raw bytes of one part, checked against the manifest's size (and SHA-256 when a sync hasher is given). */
export function readPartBytes(
  bytes: Uint8Array,
  table: BackupTableInfo,
  index: number,
  sha256: SyncBytesHasher | false = sha256BytesHex,
): Uint8Array {
  const part = table.parts[index];
  if (!part) throw partError(table.name, index, '不存在');
  const data = extract(bytes, part.file, Math.min(part.bytes, MAX_PART_BYTES));
  if (!data) throw partError(table.name, index, `（${part.file}）缺失`);
  if (data.byteLength !== part.bytes || (sha256 && sha256(data) !== part.sha256)) {
    throw partError(table.name, index, '的 SHA-256 校验值与备份清单不符');
  }
  return data;
}

/** Records a restore decodes (and writes) at once: one page of a part. */
export const RECORD_PAGE_ROWS = 2000;

/**
 * The records of one part, decoded a page (at most `pageRows` records) at a time: each page's lines are
 * cut from the part's bytes at their newline bytes (a UTF-8 newline is never inside a character) and
 * parsed only when that page is asked for. The count is checked against the manifest after the last page.
 * Pass sha256 = false only for a file whose parts were all verified before.
 */
export function* partRecordPages(
  bytes: Uint8Array,
  table: BackupTableInfo,
  index: number,
  options: { sha256?: SyncBytesHasher | false; pageRows?: number } = {},
): Generator<unknown[], void, undefined> {
  const data = readPartBytes(bytes, table, index, options.sha256 ?? sha256BytesHex);
  const pageRows = Math.max(1, options.pageRows ?? RECORD_PAGE_ROWS);
  const decoder = new TextDecoder('utf-8');
  let parsed = 0;
  let start = 0;
  while (start < data.byteLength) {
    // The end of this page: the byte after its pageRows-th newline (or the part's end).
    let end = start;
    for (let lines = 0; lines < pageRows && end < data.byteLength; lines++) {
      const nl = data.indexOf(0x0a, end);
      end = nl < 0 ? data.byteLength : nl + 1;
    }
    const text = decoder.decode(data.subarray(start, end));
    start = end;
    const page: unknown[] = [];
    for (const line of text.split('\n')) {
      if (line === '') continue;
      try {
        page.push(parseTyped(line));
      } catch {
        throw partError(table.name, index, `的第 ${parsed + page.length + 1} 条记录无法解析`);
      }
    }
    parsed += page.length;
    if (page.length > 0) yield page;
  }
  if (parsed !== table.parts[index]!.count) throw partError(table.name, index, '的记录数与备份清单不符');
}

/** The records of one part. Pass sha256 = false only for a file whose parts were all verified before. */
export function readPartRecords(
  bytes: Uint8Array,
  table: BackupTableInfo,
  index: number,
  sha256: SyncBytesHasher | false = sha256BytesHex,
): unknown[] {
  const out: unknown[] = [];
  for (const page of partRecordPages(bytes, table, index, { sha256 })) for (const r of page) out.push(r);
  return out;
}

/** Checks every part's size and SHA-256 without keeping the data (before a restore). */
export async function verifyBackupParts(
  bytes: Uint8Array,
  manifest: BackupManifest,
  options: { sha256?: BytesHasher; onProgress?: (done: number, total: number) => void } = {},
): Promise<void> {
  const hasher = options.sha256 ?? sha256BytesHex;
  const total = manifest.tables.reduce((a, t) => a + t.parts.length, 0);
  let done = 0;
  for (const t of manifest.tables) {
    for (let i = 0; i < t.parts.length; i++) {
      const data = readPartBytes(bytes, t, i, false);
      if ((await hasher(data)) !== t.parts[i]!.sha256) {
        throw partError(t.name, i, '的 SHA-256 校验值与备份清单不符');
      }
      options.onProgress?.(++done, total);
    }
  }
}

/** Suggested file name, e.g. 评查台备份-20261126-0241-manual.pingcha-backup */
export function backupFileName(createdAt: Date, reason: BackupReason): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${createdAt.getFullYear()}${p(createdAt.getMonth() + 1)}${p(createdAt.getDate())}-${p(createdAt.getHours())}${p(createdAt.getMinutes())}${p(createdAt.getSeconds())}`;
  const label: Record<BackupReason, string> = {
    manual: '手动',
    daily: '每日',
    'before-upgrade': '升级前',
    'before-restore': '恢复前',
  };
  return `评查台备份-${stamp}-${label[reason]}.${BACKUP_EXTENSION}`;
}
