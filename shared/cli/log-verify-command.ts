// `pingcha log verify BACKUP [--head CODE]`: reads a backup file (.pingcha-backup) or an exported
// log, and checks what the log (操作留痕) proves: every hash link, that it is not empty, the office
// key's signature on every entry and the key history, the signed head in the manifest, the backup's
// own part hashes, and every covered record against the last entry that may vouch for it.
// With --head, that a 留痕校验码 printed on a document is still in the log (a shortened or
// rewritten log loses it). Exit codes: 0 intact, 1 something wrong or a head missing, 2 unreadable.
import { storeTableLabel } from '../backup/table-labels';
import { verifyAuditChain, type AuditEntry } from '../audit/audit-chain';
import { findHead, verifyLogTrust, type RecordMismatch } from '../audit/log-trust';
import { checkBackupTrust, type BackupTrust } from '../backup/backup-trust';
import {
  BackupFileError,
  readBackupManifest,
  readPartBytes,
  readPartRecords,
  type BackupManifest,
} from '../backup/backup-format';
import { headCode } from '../crypto/signing';
import { takeFlag, takeOption, type CliIo } from './cli-io';
import { caseFileProblems } from '../case-files/case-file-integrity';
import { sha256BytesHex } from '../crypto/sha256';

export const LOG_VERIFY_USAGE = `用法：pingcha log verify 备份文件.pingcha-backup [--head 留痕校验码] [--json]

读取评查台备份文件中的操作留痕（auditLog）并核对：
  · 每条记录的内容哈希及其与前一条记录的链接（报告第一处断开的位置）；留痕为空视为不完整；
  · 本单位启用密钥后每条记录上本单位密钥的签名（没有任何密钥记录的留痕为“未签名”），及密钥更换记录；
  · 备份清单中签名的留痕末端（末尾记录被删除时报告“最后 N 条留痕缺失”）；
  · 备份文件各部分的 SHA-256；
  · 备份中的抽取结果、替换与追加抽取、复核定稿结果、已印发的整改函和年审结论是否与留痕中最后一次有效写入
    （有签名、且该操作有权写入该表）时的摘要一致。
--head 校验码：核对抽取记录、整改函或通报上印的“留痕校验码”仍在留痕中（留痕被截短或重写则找不到）。
也接受由“操作留痕”页面导出的留痕 JSON 文件（此时不核对数据）。
退出码：0 完整，1 发现问题（含校验码找不到），2 文件无法读取或用法错误。
`;

function readError(e: unknown, path: string): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return `无法读取文件“${path}”：文件不存在。`;
  if (code === 'EISDIR') return `无法读取文件“${path}”：这是一个文件夹。`;
  if (code === 'EACCES') return `无法读取文件“${path}”：没有读取权限。`;
  return `无法读取文件“${path}”。`;
}

function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b;
}

function tableRecords(bytes: Uint8Array, manifest: BackupManifest, name: string): unknown[] {
  const table = manifest.tables.find((t) => t.name === name);
  const out: unknown[] = [];
  if (table) for (let i = 0; i < table.parts.length; i++) out.push(...readPartRecords(bytes, table, i));
  return out;
}

/** The audit log entries of a backup, in seq order (the backup's own hashes are checked on the way). */
export function auditLogFromBackup(bytes: Uint8Array): { manifest: BackupManifest; entries: AuditEntry[] } {
  const manifest = readBackupManifest(bytes);
  const entries = tableRecords(bytes, manifest, 'auditLog') as AuditEntry[];
  entries.sort((a, b) => a.seq - b.seq);
  return { manifest, entries };
}

/** Every part's SHA-256 against the manifest: the failures, in Chinese (empty = all match). */
function checkParts(bytes: Uint8Array, manifest: BackupManifest): string[] {
  const out: string[] = [];
  for (const t of manifest.tables) {
    for (let i = 0; i < t.parts.length; i++) {
      try {
        readPartBytes(bytes, t, i);
      } catch (e) {
        out.push(
          e instanceof BackupFileError
            ? e.message.replace('数据库未作任何更改。', '')
            : `数据表“${storeTableLabel(t.name)}”第 ${i + 1} 部分无法读取。`,
        );
      }
    }
  }
  return out;
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

function wellFormed(entries: readonly unknown[]): entries is AuditEntry[] {
  return entries.every((e) => {
    const x = e as Partial<AuditEntry> | null;
    return (
      !!x &&
      typeof x === 'object' &&
      typeof x.seq === 'number' &&
      typeof x.hash === 'string' &&
      typeof x.prevHash === 'string' &&
      typeof x.summary === 'string' &&
      typeof x.objectId === 'string' &&
      (x.records === undefined || Array.isArray(x.records))
    );
  });
}

export async function runLogVerify(argv: string[], io: CliIo): Promise<number> {
  const args = [...argv];
  if (takeFlag(args, '--help') || takeFlag(args, '-h')) {
    io.out(LOG_VERIFY_USAGE);
    return 0;
  }
  const json = takeFlag(args, '--json');
  const heads: string[] = [];
  for (let h = takeOption(args, '--head'); h !== undefined; h = takeOption(args, '--head')) heads.push(h);
  if (args.length !== 1 || args[0]!.startsWith('--')) {
    io.err(
      `${args.length === 0 ? '缺少备份文件。' : `参数无法识别：${args.join(' ')}。`}\n${LOG_VERIFY_USAGE}`,
    );
    return 2;
  }
  const badHead = heads.find((h) => findHead([], h) === null);
  if (badHead !== undefined) {
    io.err(`留痕校验码“${badHead}”格式不对：应为 16 位十六进制数字，如 1A2B-3C4D-5E6F-7A8B。\n`);
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
  let partProblems: string[] = [];
  let mismatches: RecordMismatch[] | null = null;
  let backupTrust: BackupTrust | null = null;
  let caseFileIssues: string[] = [];
  try {
    if (isZip(bytes)) {
      const manifest = readBackupManifest(bytes);
      source = `备份文件“${path}”（备份时间 ${manifest.createdAt}，程序版本 ${manifest.appVersion}）`;
      partProblems = checkParts(bytes, manifest);
      if (partProblems.length > 0) {
        entries = [];
      } else {
        const raw = tableRecords(bytes, manifest, 'auditLog');
        if (!wellFormed(raw))
          throw new BackupFileError('备份中的操作留痕记录格式不对，无法核对。', 'corrupt');
        entries = raw.sort((a, b) => a.seq - b.seq);
        backupTrust = checkBackupTrust(bytes, manifest, io.sha256Hex, entries);
        caseFileIssues = await caseFileProblems(
          tableRecords(bytes, manifest, 'caseFiles'),
          tableRecords(bytes, manifest, 'caseFileBytes'),
          sha256BytesHex,
          { contentOmitted: manifest.caseFilesOmitted === true },
        );
      }
    } else {
      const fromJson = auditLogFromJson(bytes);
      if (!fromJson) {
        io.err(
          `文件“${path}”既不是评查台备份文件（.pingcha-backup），也不是导出的操作留痕 JSON，无法核对。\n`,
        );
        return 2;
      }
      if (!wellFormed(fromJson)) {
        io.err(`文件“${path}”中的操作留痕记录格式不对，无法核对。\n`);
        return 2;
      }
      entries = fromJson;
      source = `操作留痕文件“${path}”`;
    }
  } catch (e) {
    io.err(
      `${e instanceof BackupFileError ? e.message.replace('数据库未作任何更改。', '') : '文件内容无法解析。'}（文件“${path}”）\n`,
    );
    return 2;
  }

  const chain = verifyAuditChain(entries, io.sha256Hex);
  const trust = backupTrust?.trust ?? verifyLogTrust(entries, io.sha256Hex);
  if (backupTrust) mismatches = backupTrust.mismatches;
  const problems = [
    ...partProblems,
    ...(partProblems.length ? [] : [...trust.problems, ...(backupTrust?.tailProblems ?? [])]),
    ...caseFileIssues,
  ];
  const warnings = backupTrust?.warnings ?? trust.warnings;
  const headResults = heads.map((code) => {
    const r = findHead(entries, code, trust)!;
    return { code, found: r.found?.seq ?? null, signed: r.signed, summary: r.found?.summary ?? null };
  });
  for (const h of headResults) {
    if (h.found === null)
      problems.push(`留痕校验码 ${h.code} 不在本留痕中：留痕被截短、重写，或校验码不是本单位的。`);
    else if (!h.signed)
      problems.push(`留痕校验码 ${h.code} 对应第 ${h.found} 条记录，但该记录没有本单位密钥的有效签名。`);
  }
  const dataProblems = mismatches ?? [];
  const ok = problems.length === 0 && dataProblems.length === 0;

  if (json) {
    io.out(
      JSON.stringify(
        {
          file: path,
          ok,
          entries: entries.length,
          ...(chain.ok ? { lastHash: chain.lastHash } : { brokenAt: chain.brokenAt, reason: chain.reason }),
          headCode: trust.lastHash ? headCode(trust.lastHash) : null,
          problems,
          warnings,
          keys: trust.keys,
          signedCheckpoints: trust.signedCheckpoints,
          records: mismatches,
          heads: headResults,
        },
        null,
        2,
      ) + '\n',
    );
    return ok ? 0 : 1;
  }
  const lines = [source];
  if (partProblems.length > 0) {
    lines.push('备份文件已被改动或损坏 (not intact)：以下部分与备份清单中的 SHA-256 不符，未再核对留痕。');
  } else if (chain.ok && trust.unsigned) {
    lines.push(
      `操作留痕未签名 (unsigned)：共 ${entries.length} 条记录，哈希链完整，但没有任何本单位密钥的签名，不能证明任何操作。`,
    );
  } else if (chain.ok && entries.length > 0) {
    lines.push(
      `操作留痕${ok ? '完整 (intact)' : '哈希链完整，但发现问题 (problems found)'}：共 ${entries.length} 条记录，每条记录的哈希和链接都正确。`,
    );
    lines.push(`最后一条记录的哈希：${chain.lastHash}（留痕校验码 ${headCode(chain.lastHash)}）`);
  } else if (!chain.ok) {
    lines.push(`操作留痕被改动 (broken)：共 ${chain.entries} 条记录，第一处断开在第 ${chain.brokenAt} 条。`);
  }
  for (const k of trust.keys)
    lines.push(`本单位签名密钥：指纹 ${k.fingerprint}（自第 ${k.fromSeq} 条起，${k.at}）`);
  if (trust.keys.length > 0) lines.push(`有效签名的关键节点：${trust.signedCheckpoints} 个。`);
  for (const p of problems) lines.push(`问题：${p}`);
  for (const w of warnings) lines.push(`注意：${w}`);
  for (const m of dataProblems) lines.push(`数据不符：${m.message}`);
  if (mismatches && mismatches.length === 0 && partProblems.length === 0)
    lines.push('数据核对：备份中的抽取结果、定稿结果、已印发整改函和年审结论都与留痕一致。');
  for (const h of headResults)
    if (h.found !== null && h.signed)
      lines.push(`留痕校验码 ${h.code}：找到，为第 ${h.found} 条记录（${h.summary}），有本单位密钥签名。`);
  io.out(lines.join('\n') + '\n');
  return ok ? 0 : 1;
}
