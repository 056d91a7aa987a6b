// The restore's check of every record of a backup, part by part (nothing kept in memory), before
// the store is touched. Pure: renderer/db/backup-repository.ts calls it.
import { BackupFileError, partRecordPages, type BackupManifest } from './backup-format';
import { checkTableRecords, repairLegacyRecord, type RecordProblem } from './record-schemas';

export interface BackupCheckContext {
  /** Tables of the backup's schema version (a table outside it is refused). */
  tables: readonly string[];
  /** True when this installation is a reviewer workspace. */
  workspace: boolean;
  onProgress?: (done: number, total: number) => void;
}

/** Refusal message for the user (Chinese): the table, the record and what is wrong. */
export function problemMessage(p: RecordProblem): string {
  return `备份未恢复：${p.message}。数据库未作任何更改。`;
}

/**
 * One part's records, a page at a time (see partRecordPages), each page repaired of the shapes older
 * backups lost (see repairLegacyRecord). For a file whose parts were all verified before.
 */
export function* repairedPartPages(
  bytes: Uint8Array,
  manifest: BackupManifest,
  tableIndex: number,
  part: number,
  pageRows?: number,
): Generator<unknown[], void, undefined> {
  const info = manifest.tables[tableIndex]!;
  const pages = partRecordPages(bytes, info, part, { sha256: false, ...(pageRows ? { pageRows } : {}) });
  for (const records of pages) {
    for (const r of info.keyPath === null ? (records as [unknown, unknown][]).map((p) => p[1]) : records)
      repairLegacyRecord(info.name, r);
    yield records;
  }
}

/** Reads one part's records and repairs the shapes older backups lost (see repairLegacyRecord). */
export function readRepairedPart(
  bytes: Uint8Array,
  manifest: BackupManifest,
  tableIndex: number,
  part: number,
): unknown[] {
  const out: unknown[] = [];
  for (const page of repairedPartPages(bytes, manifest, tableIndex, part)) for (const r of page) out.push(r);
  return out;
}

/** Throws BackupFileError('invalid') naming the first unknown table or wrong-shaped record. */
export function checkBackupRecords(
  bytes: Uint8Array,
  manifest: BackupManifest,
  context: BackupCheckContext,
): void {
  const unknown = manifest.tables.find((t) => !context.tables.includes(t.name));
  if (unknown) {
    throw new BackupFileError(
      `备份未恢复：备份中有本程序不认识的数据表“${unknown.name}”（数据库结构第 ${manifest.schemaVersion} 版没有这张表），文件可能被改动过或不是评查台的备份。数据库未作任何更改。`,
      'invalid',
    );
  }
  const total = manifest.tables.reduce((a, t) => a + t.parts.length, 0);
  let done = 0;
  manifest.tables.forEach((info, t) => {
    let offset = 0;
    for (let i = 0; i < info.parts.length; i++) {
      for (const records of repairedPartPages(bytes, manifest, t, i)) {
        const values = info.keyPath === null ? (records as [unknown, unknown][]).map((p) => p[1]) : records;
        const problem = checkTableRecords(info.name, values, { workspace: context.workspace }, offset);
        if (problem) throw new BackupFileError(problemMessage(problem), 'invalid');
        offset += values.length;
      }
      context.onProgress?.(++done, total);
    }
  });
}
