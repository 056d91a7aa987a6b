// 电子案卷 (issue 27): scanned case files attached to the drawn files of a campaign. The only writer
// of `caseFiles` and `caseFileBytes`. Each attachment is one transaction with its log entry (the
// file's SHA-256 in the entry's content and its record digest), so a failed or refused file leaves
// the store exactly as it was and every file already attached stays attached.
import type { Table } from 'dexie';
import { checkPdf } from '@shared/case-files/pdf-check';
import { setLabel, type DocumentKind, type PageLabels } from '@shared/case-files/page-labels';
import { appendAudit } from './audit-repository';
import type { PingchaDatabase } from './database';
import { randomId } from './random-id';
import { fastSha256 } from './backup-repository';
import { isQuotaError } from './quota-error';
import { readCampaignDraw } from './panel-repository';
import { formatBytes } from '@shared/util/number-format';
import { StoreError } from './store-error';

export interface CaseFileRow {
  id: string;
  campaignId: string;
  /** The drawn file (ledger item id) the case file belongs to. */
  itemId: string;
  name: string;
  size: number;
  sha256: string;
  attachedAt: string;
  attachedBy: string;
}

export interface CaseFileBytesRow {
  sha256: string;
  bytes: Uint8Array;
}

/** Page labels of one file (by its SHA-256: the same scan attached twice shares them). */
export interface CaseFilePagesRow {
  sha256: string;
  labels: PageLabels;
  updatedAt: string;
  updatedBy: string;
}

declare module './database' {
  interface PingchaDatabase {
    caseFiles: Table<CaseFileRow, string>;
    caseFileBytes: Table<CaseFileBytesRow, string>;
    caseFilePages: Table<CaseFilePagesRow, string>;
  }
}

export class CaseFileError extends StoreError {
  override name = 'CaseFileError';
}

export interface AttachInput {
  campaignId: string;
  itemId: string;
  /** The drawn file's 案号, for the log. */
  caseNo: string;
  name: string;
  bytes: Uint8Array;
  actor: string;
  at?: string;
}

/** Attaches one case file to a drawn file; refused (CaseFileError, nothing written) when it cannot be. */
export async function attachCaseFile(db: PingchaDatabase, input: AttachInput): Promise<CaseFileRow> {
  const check = checkPdf(input.name, input.bytes);
  if (!check.ok) throw new CaseFileError(check.reason);
  const { itemIds } = await readCampaignDraw(db, input.campaignId);
  if (!itemIds.includes(input.itemId))
    throw new CaseFileError(`“${input.name}”要附的案卷（${input.caseNo}）不在本活动抽中的案卷中，未导入。`);
  const sha256 = await fastSha256(input.bytes);
  const row: CaseFileRow = {
    id: randomId('cf_', 8),
    campaignId: input.campaignId,
    itemId: input.itemId,
    name: input.name,
    size: input.bytes.length,
    sha256,
    attachedAt: input.at ?? new Date().toISOString(),
    attachedBy: input.actor,
  };
  let restored: CaseFileRow | null = null;
  try {
    await db.transaction('rw', [db.caseFiles, db.caseFileBytes, db.auditLog], async () => {
      const same = await db.caseFiles
        .where('[campaignId+itemId]')
        .equals([input.campaignId, input.itemId])
        .filter((r) => r.sha256 === sha256)
        .first();
      if (same && (await db.caseFileBytes.get(sha256))) {
        throw new CaseFileError(
          `“${input.name}”与已附在 ${input.caseNo} 上的“${same.name}”内容相同，未重复导入。`,
        );
      }
      if (same) {
        // Restored from a backup made without the files: the content comes back under its hash.
        await db.caseFileBytes.put({ sha256, bytes: input.bytes });
        await appendAudit(db, {
          at: row.attachedAt,
          actor: input.actor,
          action: 'casefile.attach',
          objectType: 'caseFile',
          objectId: same.id,
          summary: `补回案卷 ${input.caseNo} 的电子案卷“${same.name}”的文件内容（SHA-256 与登记相符：${sha256.slice(0, 12)}…）`,
          content: {
            campaignId: same.campaignId,
            itemId: same.itemId,
            name: same.name,
            size: same.size,
            sha256,
          },
          records: [{ table: 'caseFiles', key: same.id, row: same, campaignId: same.campaignId }],
        });
        restored = same;
        return;
      }
      if (!(await db.caseFileBytes.get(sha256))) await db.caseFileBytes.put({ sha256, bytes: input.bytes });
      await db.caseFiles.put(row);
      await appendAudit(db, {
        at: row.attachedAt,
        actor: input.actor,
        action: 'casefile.attach',
        objectType: 'caseFile',
        objectId: row.id,
        summary: `为案卷 ${input.caseNo} 附电子案卷“${input.name}”（${formatBytes(row.size)}，SHA-256 ${sha256.slice(0, 12)}…）`,
        content: { campaignId: row.campaignId, itemId: row.itemId, name: row.name, size: row.size, sha256 },
        records: [{ table: 'caseFiles', key: row.id, row, campaignId: row.campaignId }],
      });
    });
  } catch (e) {
    if (e instanceof CaseFileError) throw e;
    if (isQuotaError(e))
      throw new CaseFileError(
        `磁盘空间不足，“${input.name}”未导入。请清理磁盘或移除不再需要的电子案卷后重试。`,
      );
    throw e;
  }
  return restored ?? row;
}

/** Removes one attached case file (its bytes too when no other drawn file uses them), logged. */
export async function removeCaseFile(
  db: PingchaDatabase,
  id: string,
  actor: string,
  caseNo: string,
): Promise<void> {
  const tables = [db.caseFiles, db.caseFileBytes, db.caseFilePages, db.caseFileReadings, db.auditLog];
  await db.transaction('rw', tables, async () => {
    const row = await db.caseFiles.get(id);
    if (!row) throw new CaseFileError('该电子案卷已被移除。');
    await db.caseFiles.delete(id);
    if ((await db.caseFiles.where('sha256').equals(row.sha256).count()) === 0) {
      await db.caseFileBytes.delete(row.sha256);
      await db.caseFilePages.delete(row.sha256);
      await db.caseFileReadings.delete(row.sha256);
    }
    await appendAudit(db, {
      actor,
      action: 'casefile.remove',
      objectType: 'caseFile',
      objectId: id,
      summary: `移除案卷 ${caseNo} 的电子案卷“${row.name}”（SHA-256 ${row.sha256.slice(0, 12)}…）`,
      content: { campaignId: row.campaignId, itemId: row.itemId, name: row.name, sha256: row.sha256 },
      records: [{ table: 'caseFiles', key: id, row: null, campaignId: row.campaignId }],
    });
  });
}

/** How many 电子案卷 a campaign holds on this machine. */
export async function countCampaignCaseFiles(db: PingchaDatabase, campaignId: string): Promise<number> {
  return db.caseFiles.where('campaignId').equals(campaignId).count();
}

export async function listCaseFiles(db: PingchaDatabase, campaignId: string): Promise<CaseFileRow[]> {
  const rows = await db.caseFiles.where('campaignId').equals(campaignId).toArray();
  return rows.sort((a, b) => a.attachedAt.localeCompare(b.attachedAt) || a.name.localeCompare(b.name));
}

/** The stored bytes of a case file, checked against its SHA-256 (null when missing or altered). */
export async function readCaseFileBytes(db: PingchaDatabase, sha256: string): Promise<Uint8Array | null> {
  const row = await db.caseFileBytes.get(sha256);
  if (!row) return null;
  return (await fastSha256(row.bytes)) === sha256 ? row.bytes : null;
}

/** Space the stored case files take (each distinct file once; files whose content was deleted take none). */
export async function caseFileSpace(db: PingchaDatabase): Promise<{ files: number; bytes: number }> {
  const held = new Set(await db.caseFileBytes.toCollection().primaryKeys());
  const sizes = new Map<string, number>();
  await db.caseFiles.each((r) => {
    if (held.has(r.sha256)) sizes.set(r.sha256, r.size);
  });
  let bytes = 0;
  for (const s of sizes.values()) bytes += s;
  return { files: sizes.size, bytes };
}

/** A file's page labels (empty when none). */
export async function readPageLabels(db: PingchaDatabase, sha256: string): Promise<PageLabels> {
  return (await db.caseFilePages.get(sha256))?.labels ?? {};
}

/** Labels one page of an attached file with a document kind (null removes the label). */
export async function setPageLabel(
  db: PingchaDatabase,
  input: { sha256: string; page: number; kind: DocumentKind | null; actor: string },
): Promise<PageLabels> {
  if (!Number.isInteger(input.page) || input.page < 0) throw new CaseFileError('页码无效，未标记。');
  return db.transaction('rw', [db.caseFiles, db.caseFilePages], async () => {
    if ((await db.caseFiles.where('sha256').equals(input.sha256).count()) === 0)
      throw new CaseFileError('该电子案卷已被移除，未标记。');
    const labels = setLabel(await readPageLabels(db, input.sha256), input.page, input.kind);
    await db.caseFilePages.put({
      sha256: input.sha256,
      labels,
      updatedAt: new Date().toISOString(),
      updatedBy: input.actor,
    });
    return labels;
  });
}

/**
 * Removes every case file of a campaign from this machine, with their bytes and page labels, in one
 * transaction with one log entry per file (a reviewer's laptop once its results package is out:
 * case files hold personal data). Returns how many files were removed.
 */
export async function removeCampaignCaseFiles(
  db: PingchaDatabase,
  input: { campaignId: string; actor: string; reason: string },
): Promise<number> {
  return db.transaction('rw', [db.caseFiles, db.caseFileBytes, db.caseFilePages, db.auditLog], async () => {
    const rows = await db.caseFiles.where('campaignId').equals(input.campaignId).toArray();
    for (const row of rows) {
      await db.caseFiles.delete(row.id);
      if ((await db.caseFiles.where('sha256').equals(row.sha256).count()) === 0) {
        await db.caseFileBytes.delete(row.sha256);
        await db.caseFilePages.delete(row.sha256);
      }
      await appendAudit(db, {
        actor: input.actor,
        action: 'casefile.remove',
        objectType: 'caseFile',
        objectId: row.id,
        summary: `${input.reason}：从本机移除电子案卷“${row.name}”（SHA-256 ${row.sha256.slice(0, 12)}…）`,
        content: { campaignId: row.campaignId, itemId: row.itemId, name: row.name, sha256: row.sha256 },
        records: [{ table: 'caseFiles', key: row.id, row: null, campaignId: row.campaignId }],
      });
    }
    return rows.length;
  });
}

/**
 * The retention rule, run on demand (issue 27): deletes the content of a campaign's case files from
 * this machine and keeps everything else — each file's record and SHA-256, its page labels, every pin
 * pointing at it — so the record still says what was reviewed. Content another campaign's file still
 * uses stays. One `casefile.purge` entry per file, in the same transaction. Returns the files and bytes
 * whose content went.
 */
export async function purgeCampaignCaseFileContent(
  db: PingchaDatabase,
  input: { campaignId: string; actor: string },
): Promise<{ files: number; bytes: number }> {
  return db.transaction('rw', [db.caseFiles, db.caseFileBytes, db.auditLog], async () => {
    const rows = await db.caseFiles.where('campaignId').equals(input.campaignId).toArray();
    let files = 0;
    let bytes = 0;
    for (const row of rows) {
      if (!(await db.caseFileBytes.get(row.sha256))) continue;
      const others = await db.caseFiles
        .where('sha256')
        .equals(row.sha256)
        .filter((r) => r.campaignId !== input.campaignId)
        .count();
      if (others > 0) continue;
      await db.caseFileBytes.delete(row.sha256);
      files += 1;
      bytes += row.size;
      await appendAudit(db, {
        actor: input.actor,
        action: 'casefile.purge',
        objectType: 'caseFile',
        objectId: row.id,
        summary: `按保留规则删除电子案卷“${row.name}”的文件内容（${formatBytes(row.size)}；登记、SHA-256 ${row.sha256.slice(0, 12)}… 和标注保留）`,
        content: {
          campaignId: row.campaignId,
          itemId: row.itemId,
          name: row.name,
          size: row.size,
          sha256: row.sha256,
        },
        records: [],
      });
    }
    return { files, bytes };
  });
}
