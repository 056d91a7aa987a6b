// `pingcha log verify BACKUP`: reads a backup file (.pingcha-backup), takes its audit log
// (操作留痕) and checks every hash link. Exit codes: 0 intact, 1 broken, 2 unreadable or bad usage.
import { verifyAuditChain, type AuditEntry } from '../audit/audit-chain';
import {
  BackupFileError,
  readBackupManifest,
  readPartRecords,
  type BackupManifest,
} from '../backup/backup-format';
import { takeFlag, type CliIo } from './cli-io';

export const LOG_VERIFY_USAGE = `用法：pingcha log verify 备份文件.pingcha-backup [--json]

读取评查台备份文件中的操作留痕（auditLog），逐条核对每条记录的内容哈希及其与前一条记录的链接，
报告第一处断开的位置。也接受由“操作留痕”页面导出的留痕 JSON 文件。
退出码：0 完整，1 发现断链，2 文件无法读取或用法错误。
`;

function readError(e: unknown, path: string): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return `无法读取文件“${path}”：文件不存在。`;
  if (code === 'EISDIR') return `无法读取文件“${path}”：这是一个文件夹。`;
  return `无法读取文件“${path}”：${e instanceof Error ? e.message : String(e)}。`;
}

function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b;
}

/** The audit log entries of a backup, in seq order (the backup's own hashes are checked on the way). */
export function auditLogFromBackup(bytes: Uint8Array): { manifest: BackupManifest; entries: AuditEntry[] } {
  const manifest = readBackupManifest(bytes);
  const table = manifest.tables.find((t) => t.name === 'auditLog');
  const entries: AuditEntry[] = [];
  if (table) {
    for (let i = 0; i < table.parts.length; i++)
      entries.push(...(readPartRecords(bytes, table, i) as AuditEntry[]));
  }
  entries.sort((a, b) => a.seq - b.seq);
  return { manifest, entries };
}

/** The entries of an exported log file ({ format: 'pingcha.audit-log', entries }). */
function auditLogFromJson(bytes: Uint8Array): AuditEntry[] | null {
  try {
    const json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as {
      format?: unknown;
      entries?: unknown;
    };
    if (json?.format === 'pingcha.audit-log' && Array.isArray(json.entries))
      return json.entries as AuditEntry[];
  } catch {
    // fall through: not a log export
  }
  return null;
}

export async function runLogVerify(argv: string[], io: CliIo): Promise<number> {
  const args = [...argv];
  if (takeFlag(args, '--help') || takeFlag(args, '-h')) {
    io.out(LOG_VERIFY_USAGE);
    return 0;
  }
  const json = takeFlag(args, '--json');
  if (args.length !== 1 || args[0]!.startsWith('--')) {
    io.err(
      `${args.length === 0 ? '缺少备份文件。' : `参数无法识别：${args.join(' ')}。`}\n${LOG_VERIFY_USAGE}`,
    );
    return 2;
  }
  const path = args[0]!;
  let bytes: Uint8Array;
  try {
    bytes = await io.readFile(path);
  } catch (e) {
    io.err(readError(e, path) + '\n');
    return 2;
  }
  let entries: AuditEntry[];
  let source: string;
  if (isZip(bytes)) {
    try {
      const found = auditLogFromBackup(bytes);
      entries = found.entries;
      source = `备份文件“${path}”（备份时间 ${found.manifest.createdAt}，程序版本 ${found.manifest.appVersion}）`;
    } catch (e) {
      io.err(
        `${e instanceof BackupFileError ? e.message.replace('数据库未作任何更改。', '') : String(e)}（文件“${path}”）\n`,
      );
      return 2;
    }
  } else {
    const fromJson = auditLogFromJson(bytes);
    if (!fromJson) {
      io.err(`文件“${path}”既不是评查台备份文件（.pingcha-backup），也不是导出的操作留痕 JSON，无法核对。\n`);
      return 2;
    }
    entries = fromJson;
    source = `操作留痕文件“${path}”`;
  }
  const result = verifyAuditChain(entries, io.sha256Hex);
  if (json) {
    io.out(JSON.stringify({ file: path, ...result }, null, 2) + '\n');
  } else if (result.ok) {
    io.out(
      `${source}\n操作留痕完整 (intact)：共 ${result.entries} 条记录，每条记录的哈希和链接都正确。\n最后一条记录的哈希：${result.lastHash}\n`,
    );
  } else {
    io.out(
      `${source}\n操作留痕被改动 (broken)：共 ${result.entries} 条记录，第一处断开在第 ${result.brokenAt} 条。\n${result.reason}\n`,
    );
  }
  return result.ok ? 0 : 1;
}
