// The only writer of imported ledgers. An import is written in batches under a 'pending'
// import record and becomes visible in one final transaction that marks it 'committed':
// readers never see a half-written import, and a pending one (page closed, quota exceeded,
// cancelled) is rolled back - the store is either before or after, never between.
import type { CellEdit } from '@shared/ledger/cell-edits';
import { comparePinyin } from '@shared/util/pinyin-sort';
import type { CaseFileRecord, LedgerField } from '@shared/ledger/types';
import { toColumnChunks } from '@shared/cases/case-columns';
import { codePointOrder } from '@shared/draw/code-point';
import type { CaseColumns } from '@shared/cases/case-columns';
import type { PingchaDatabase } from './database';
import { appendAudit } from './audit-repository';
import { departmentCover, seedDirectoryFromImport } from './directory-repository';
import { webLocks } from './write-gate';
import './workflow-records';
import { CHUNK_SIZE, type CaseChunk, type ImportRecord, type MappingMemory } from './schema';
import { isQuotaError } from './quota-error';
import { randomId } from './random-id';
import { isCancelled, throwIfCancelled, type CancelSignal } from '@shared/util/cancel';
import { StoreError } from './store-error';

/** How many chunks one write transaction carries (CHUNK_SIZE rows each). */
const CHUNKS_PER_TRANSACTION = 5;

/** What the import wizard hands the store: the ImportRecord's own fields, before the store counts and dates it. */
export interface NewImport extends Pick<
  ImportRecord,
  | 'fileName'
  | 'sheetName'
  | 'sha256'
  | 'fileSize'
  | 'encoding'
  | 'headerRow'
  | 'headers'
  | 'mapping'
  | 'defaultDepartment'
  | 'defaultCaseType'
  | 'departmentMap'
> {
  counts: Omit<ImportRecord['counts'], 'imported'>;
  isDemo?: boolean;
  insistedDuplicate?: boolean;
  /** Cells corrected in the import wizard (the file is unchanged; draw verify replays them). */
  cellEdits?: CellEdit[];
}

export interface WriteProgress {
  written: number;
  total: number;
}

const IMPORT_CANCELLED_MESSAGE = '导入已取消，数据库未作任何更改。';

export class ImportWriteError extends StoreError {
  override name = 'ImportWriteError';
}

/** Committed imports of a file with this SHA-256 (the same file imported before). */
export async function findCommittedImportsBySha(
  db: PingchaDatabase,
  sha256: string,
): Promise<ImportRecord[]> {
  return (await db.imports.where('sha256').equals(sha256).toArray()).filter((r) => r.status === 'committed');
}

export interface WriteOptions {
  /** Who imports (recorded in the audit log). */
  actor?: string;
  onProgress?: (p: WriteProgress) => void;
  /** Checked between batches and before the commit: once aborted, the import is rolled back. */
  signal?: CancelSignal;
  now?: () => Date;
}

/**
 * Writes all valid rows of one sheet as one import, atomically as seen by readers.
 * Throws the cancellation (AbortError) / ImportWriteError (Chinese message); on any failure the
 * partial import is removed before the error propagates.
 */
export async function importCaseFiles(
  db: PingchaDatabase,
  meta: NewImport,
  records: readonly CaseFileRecord[],
  options: WriteOptions = {},
): Promise<ImportRecord> {
  const pending = await writePendingImport(db, meta, records, options);
  try {
    throwIfCancelled(options.signal, IMPORT_CANCELLED_MESSAGE);
    const [committed] = await commitImports(db, [pending.id], options.now, options.actor);
    return committed!;
  } catch (error) {
    await rollbackImport(db, pending.id).catch(() => undefined);
    throw error;
  }
}

/** Makes pending imports visible, all in one transaction (several files become one step). */
export async function commitImports(
  db: PingchaDatabase,
  ids: readonly string[],
  now = () => new Date(),
  actor = '未署名操作人员',
): Promise<ImportRecord[]> {
  const committedAt = now().toISOString();
  return db.transaction('rw', db.imports, db.auditLog, db.departments, async () => {
    const out: ImportRecord[] = [];
    for (const id of ids) {
      const r = await db.imports.get(id);
      if (!r || r.status !== 'pending') throw new ImportWriteError('导入记录状态异常，已撤销本次导入。');
      await db.imports.update(id, { status: 'committed', committedAt });
      out.push({ ...r, status: 'committed', committedAt });
      // the directory learns the departments of every committed ledger, in the same transaction
      const { written } = await seedDirectoryFromImport(db, {
        names: r.departments,
        aliases: Object.entries(r.departmentMap ?? {})
          .filter(([alias, department]) => alias !== department)
          .map(([alias, department]) => ({ alias, department })),
        isDemo: r.isDemo,
        now: committedAt,
      });
      await appendAudit(db, {
        at: committedAt,
        actor,
        action: 'ledger.import',
        objectType: 'import',
        objectId: id,
        summary: `导入台账“${r.fileName}”（${r.sheetName}）${r.counts.imported} 件${r.isDemo ? '（示例数据）' : ''}${r.cellEdits?.length ? `，导入时改正 ${r.cellEdits.length} 个单元格` : ''}`,
        content: {
          fileName: r.fileName,
          sheet: r.sheetName,
          sha256: r.sha256,
          counts: r.counts,
          mapping: r.mapping,
          ...(r.cellEdits?.length ? { cellEdits: r.cellEdits } : {}),
        },
        // Only the directory rows this import added or changed (not the whole directory).
        records: written.map(departmentCover),
      });
    }
    return out;
  });
}

/**
 * Writes the chunks of one import under a 'pending' record, invisible to readers until
 * commitImports. On failure the partial write is removed and a Chinese error thrown.
 */
export async function writePendingImport(
  db: PingchaDatabase,
  meta: NewImport,
  records: readonly CaseFileRecord[],
  options: WriteOptions = {},
): Promise<ImportRecord> {
  if (records.length === 0) throw new ImportWriteError('没有可导入的有效行，数据库未作任何更改。');
  const now = options.now ?? (() => new Date());
  const departments = [...new Set(records.map((r) => r.department))].sort();
  const chunks = toColumnChunks(records, CHUNK_SIZE);
  const idOrder = codePointOrder(records.map((r) => r.itemId));
  const record: ImportRecord = {
    id: randomId('imp_'),
    status: 'pending',
    fileName: meta.fileName,
    sheetName: meta.sheetName,
    sha256: meta.sha256,
    fileSize: meta.fileSize,
    encoding: meta.encoding,
    headerRow: meta.headerRow,
    headers: meta.headers,
    mapping: meta.mapping,
    defaultDepartment: meta.defaultDepartment,
    defaultCaseType: meta.defaultCaseType,
    departments,
    counts: { ...meta.counts, imported: records.length },
    chunkCount: chunks.length,
    startedAt: now().toISOString(),
    committedAt: null,
    isDemo: meta.isDemo ?? false,
    insistedDuplicate: meta.insistedDuplicate ?? false,
    departmentMap: meta.departmentMap ?? {},
    ...(meta.cellEdits && meta.cellEdits.length > 0 ? { cellEdits: meta.cellEdits } : {}),
    owner: await importOwner(),
  };
  try {
    await db.imports.add(record);
    let written = 0;
    for (let start = 0; start < chunks.length; start += CHUNKS_PER_TRANSACTION) {
      throwIfCancelled(options.signal, IMPORT_CANCELLED_MESSAGE);
      const batch = chunks.slice(start, start + CHUNKS_PER_TRANSACTION);
      await db.transaction('rw', db.caseChunks, db.rawChunks, async () => {
        await db.caseChunks.bulkAdd(
          batch.map((c, k): CaseChunk => ({
            importId: record.id,
            seq: start + k,
            count: c.raw.length,
            ...c.columns,
            ...(start + k === 0 ? { idOrder } : {}),
          })),
        );
        await db.rawChunks.bulkAdd(
          batch.map((c, k) => ({ importId: record.id, seq: start + k, raw: c.raw })),
        );
      });
      written += batch.reduce((a, c) => a + c.raw.length, 0);
      options.onProgress?.({ written, total: records.length });
    }
    throwIfCancelled(options.signal, IMPORT_CANCELLED_MESSAGE);
    return record;
  } catch (error) {
    await rollbackImport(db, record.id).catch(() => undefined);
    if (isCancelled(error)) throw error;
    if (isQuotaError(error)) {
      throw new ImportWriteError(
        '存储空间不足，导入未完成，已撤销本次写入，数据库保持导入前的状态。请清理磁盘空间后重试。',
        {
          cause: error,
        },
      );
    }
    throw new ImportWriteError(
      `写入数据库失败，已撤销本次导入，数据库保持导入前的状态：${String((error as Error)?.message ?? error)}`,
      {
        cause: error,
      },
    );
  }
}

/** Removes an import and all its chunks in one transaction. */
export async function rollbackImport(db: PingchaDatabase, importId: string): Promise<void> {
  await db.transaction('rw', db.imports, db.caseChunks, db.rawChunks, db.ruleCensus, async () => {
    await db.caseChunks.where('importId').equals(importId).delete();
    await db.rawChunks.where('importId').equals(importId).delete();
    await db.ruleCensus.delete(importId);
    await db.imports.delete(importId);
  });
}

const OWNER_LOCK_PREFIX = 'pingcha-import-owner:';
let ownerSession: Promise<string> | null = null;

/**
 * This realm's import session id. With Web Locks the session holds `pingcha-import-owner:<id>` for
 * its whole life (a closed page or a terminated worker releases it), so any window can tell a live
 * import from one a closed page left behind.
 */
function importOwner(): Promise<string> {
  ownerSession ??= (async () => {
    const id = randomId();
    const locks = webLocks();
    if (locks) {
      await new Promise<void>((granted) => {
        void locks.request(OWNER_LOCK_PREFIX + id, () => {
          granted();
          return new Promise<void>(() => undefined); // held until this page or worker ends
        });
      });
    }
    return id;
  })();
  return ownerSession;
}

/** Owners whose session is alive (their lock is held); without Web Locks none can be known. */
async function liveImportOwners(): Promise<Set<string>> {
  const locks = webLocks();
  if (!locks) return new Set();
  const { held = [] } = await locks.query();
  return new Set(
    held
      .map((l) => l.name ?? '')
      .filter((n) => n.startsWith(OWNER_LOCK_PREFIX))
      .map((n) => n.slice(OWNER_LOCK_PREFIX.length)),
  );
}

export interface PendingCleanupOptions {
  /** Whether the session that wrote a pending import is still alive (default: its Web Lock is held). */
  isOwnerLive?: (owner: string) => boolean | Promise<boolean>;
}

/**
 * Called on start (by the writer window only): imports left pending by a closed page or a crash are
 * removed. An import whose writing session is alive is left alone, and each import's state is
 * checked again INSIDE the rollback transaction, so an import committed meanwhile (by another window
 * or a worker) is never undone. Returns how many were rolled back.
 */
export async function rollbackPendingImports(
  db: PingchaDatabase,
  options: PendingCleanupOptions = {},
): Promise<number> {
  const pending = await db.imports.where('status').equals('pending').toArray();
  if (!pending.length) return 0;
  const live = options.isOwnerLive ? null : await liveImportOwners();
  const isLive = options.isOwnerLive ?? ((owner: string) => live!.has(owner));
  let removed = 0;
  for (const r of pending) {
    if (r.owner && (await isLive(r.owner))) continue;
    const done = await db.transaction('rw', db.imports, db.caseChunks, db.rawChunks, async () => {
      const now = await db.imports.get(r.id);
      // Committed, removed, or taken over meanwhile: not ours to undo.
      if (!now || now.status !== 'pending' || now.owner !== r.owner) return false;
      await db.caseChunks.where('importId').equals(r.id).delete();
      await db.rawChunks.where('importId').equals(r.id).delete();
      await db.imports.delete(r.id);
      return true;
    });
    if (done) removed += 1;
  }
  return removed;
}

/** A drawn campaign whose draw population came (partly) from a ledger import. */
export interface CampaignUsingLedger {
  campaignId: string;
  name: string;
}

/** Deleting the import would take away part of these campaigns' draw populations. */
export class LedgerInUseError extends Error {
  constructor(
    public readonly campaigns: CampaignUsingLedger[],
    fileName: string,
  ) {
    super(
      `台账“${fileName}”是已抽取的评查活动${campaigns.map((c) => `“${c.name}”`).join('、')}的抽取总体的一部分。` +
        '删除后，这些活动的抽取结果将无法再用本机保存的台账重新计算核验（除非重新导入同一文件）。' +
        '未删除任何内容；如确需删除，请在确认框中确认这些活动。',
    );
    this.name = 'LedgerInUseError';
  }
}

/**
 * Drawn campaigns whose draw used this import (the draw record's sources name the file's SHA-256 and
 * sheet) and that no other committed import of the same file and sheet still serves.
 */
export async function campaignsUsingImport(
  db: PingchaDatabase,
  importId: string,
): Promise<CampaignUsingLedger[]> {
  const r = await db.imports.get(importId);
  if (!r || r.status !== 'committed') return [];
  const twins = (await db.imports.where('sha256').equals(r.sha256).toArray()).filter(
    (o) => o.id !== r.id && o.status === 'committed' && o.sheetName === r.sheetName,
  );
  if (twins.length) return [];
  const out: CampaignUsingLedger[] = [];
  for (const draw of await db.draws.toArray()) {
    if (!draw.record.sources.some((s) => s.sha256 === r.sha256 && s.sheet === r.sheetName)) continue;
    const campaign = await db.campaigns.get(draw.campaignId);
    out.push({ campaignId: draw.campaignId, name: campaign?.name ?? draw.campaignId });
  }
  return out.sort((a, b) => comparePinyin(a.name, b.name));
}

export interface DeleteImportOptions {
  /**
   * The campaigns the user confirmed may lose their ledger (as shown by campaignsUsingImport). Any
   * drawn campaign using the import that is not in this list refuses the deletion (LedgerInUseError).
   */
  confirmedCampaignIds?: readonly string[];
}

/**
 * Deletes a committed import with its chunks; the deletion is logged in the same transaction. An import
 * a drawn campaign's population uses is deleted only when the user confirmed every such campaign.
 */
export async function deleteImport(
  db: PingchaDatabase,
  importId: string,
  actor = '未署名操作人员',
  options: DeleteImportOptions = {},
): Promise<void> {
  const tables = [
    db.imports,
    db.caseChunks,
    db.rawChunks,
    db.ruleCensus,
    db.auditLog,
    db.draws,
    db.campaigns,
  ];
  await db.transaction('rw', tables, async () => {
    const r = await db.imports.get(importId);
    if (!r) return;
    const using = await campaignsUsingImport(db, importId);
    const confirmed = new Set(options.confirmedCampaignIds ?? []);
    if (using.some((c) => !confirmed.has(c.campaignId))) throw new LedgerInUseError(using, r.fileName);
    await rollbackImport(db, importId);
    await appendAudit(db, {
      actor,
      action: 'ledger.delete',
      objectType: 'import',
      objectId: importId,
      summary:
        `删除台账导入“${r.fileName}”（${r.counts.imported} 件）` +
        (using.length ? `，经确认影响已抽取的活动：${using.map((c) => c.name).join('、')}` : ''),
      content: {
        fileName: r.fileName,
        sha256: r.sha256,
        counts: r.counts,
        ...(using.length ? { drawnCampaigns: using } : {}),
      },
    });
  });
}

export async function listCommittedImports(db: PingchaDatabase): Promise<ImportRecord[]> {
  return (await db.imports.where('status').equals('committed').toArray()).sort((a, b) =>
    (a.committedAt ?? '').localeCompare(b.committedAt ?? ''),
  );
}

/**
 * All column chunks of the given committed imports, in import then sequence order. Read one
 * chunk per request so that no single deserialisation blocks the UI thread for long
 * (500,000 rows arrive as 250 small tasks, not one 100 MB one).
 */
export async function loadCaseChunks(
  db: PingchaDatabase,
  imports: readonly Pick<ImportRecord, 'id' | 'chunkCount'>[],
  onChunk: (importId: string, columns: CaseColumns) => void,
): Promise<void> {
  for (const imp of imports) {
    for (let seq = 0; seq < imp.chunkCount; seq++) {
      const chunk = await db.caseChunks.get([imp.id, seq]);
      if (!chunk) throw new Error(`数据库中缺少导入“${imp.id}”的第 ${seq + 1} 块数据。`);
      onChunk(imp.id, chunk);
    }
  }
}

export async function loadRawRow(
  db: PingchaDatabase,
  importId: string,
  offset: number,
): Promise<string[] | null> {
  const seq = Math.floor(offset / CHUNK_SIZE);
  const chunk = await db.rawChunks.get([importId, seq]);
  return chunk?.raw[offset % CHUNK_SIZE] ?? null;
}

/** A row's original cells with the headers and file name of the import it came from. */
export async function loadRawRowWithSource(
  db: PingchaDatabase,
  importId: string,
  offset: number,
): Promise<{ headers: string[]; cells: string[]; fileName: string }> {
  const [cells, imp] = await Promise.all([loadRawRow(db, importId, offset), db.imports.get(importId)]);
  return { headers: imp?.headers ?? [], cells: cells ?? [], fileName: imp?.fileName ?? '' };
}

/** Case chunks by [import id, sequence] key (undefined where a chunk is gone: the import was deleted). */
export async function readCaseChunks(
  db: PingchaDatabase,
  keys: [string, number][],
): Promise<(CaseChunk | undefined)[]> {
  return db.caseChunks.bulkGet(keys);
}

export async function rememberMapping(
  db: PingchaDatabase,
  department: string,
  byHeader: Record<LedgerField, string | null>,
  now = new Date(),
): Promise<void> {
  await db.mappings.put({ department, byHeader, updatedAt: now.toISOString() });
}

export async function recallMapping(
  db: PingchaDatabase,
  department: string,
): Promise<MappingMemory | undefined> {
  return db.mappings.get(department);
}
