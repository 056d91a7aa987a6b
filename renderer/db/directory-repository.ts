// The only writer of the department directory (机构名录). Entries are seeded when ledgers are committed
// (inside the commit transaction, see ledger-repository.ts), edited in 设置, and renamed or merged in one
// logged transaction that also renames the department in the stored case files, imports and panels.
import { comparePinyin } from '@shared/util/pinyin-sort';
import Dexie, { type Table } from 'dexie';
import {
  departmentKey,
  directoryProblems,
  DirectoryError,
  mergeDepartmentEntries,
  newDepartmentEntry,
  renameDepartmentEntry,
  seedDirectory,
  type DepartmentEntry,
} from '@shared/ledger/departments';
import type { PingchaDatabase } from './database';
import { appendAudit } from './audit-repository';
import { caseItemId } from '@shared/ledger/item-id';
import './workflow-records';
import { newDepartmentId } from './schema';

export interface DepartmentRecord extends DepartmentEntry {
  /** Seeded by 示例数据 only: removed with the demo data. */
  isDemo: boolean;
  createdAt: string;
  updatedAt: string;
}

declare module './database' {
  interface PingchaDatabase {
    departments: Table<DepartmentRecord, string>;
  }
}

export { DirectoryError };

export async function listDirectory(db: PingchaDatabase): Promise<DepartmentRecord[]> {
  return (await db.departments.toArray()).sort((a, b) => comparePinyin(a.name, b.name));
}

function toRecord(
  e: DepartmentEntry,
  isDemo: boolean,
  now: string,
  old?: DepartmentRecord,
): DepartmentRecord {
  return {
    id: e.id,
    name: e.name,
    aliases: e.aliases,
    caseNoPrefixes: e.caseNoPrefixes,
    kind: e.kind,
    isDemo: old ? old.isDemo && isDemo : isDemo,
    createdAt: old?.createdAt ?? now,
    updatedAt: now,
  };
}

/** What an entry records for a directory row it wrote (null: removed): the log vouches for 机构名录. */
export function departmentCover(row: DepartmentRecord): {
  table: 'departments';
  key: string;
  row: DepartmentRecord;
} {
  return { table: 'departments', key: row.id, row };
}

/**
 * Adds the names of committed ledgers to the directory (new entries, or aliases by the city-prefix rule)
 * and the aliases the user chose on import. Runs inside the caller's transaction when there is one
 * (include db.departments and db.auditLog in it).
 */
export async function seedDirectoryFromImport(
  db: PingchaDatabase,
  input: {
    names: readonly string[];
    aliases?: readonly { alias: string; department: string }[];
    isDemo: boolean;
    now: string;
  },
): Promise<{
  added: string[];
  aliased: { alias: string; department: string }[];
  /** The rows this import added or changed (only those: the caller's entry carries their digests). */
  written: DepartmentRecord[];
}> {
  if (!Dexie.currentTransaction)
    return db.transaction('rw', db.departments, () => seedDirectoryFromImport(db, input));
  const existing = await db.departments.toArray();
  const seeded = seedDirectory(existing, input.names, newDepartmentId);
  const chosen: { alias: string; department: string }[] = [];
  for (const a of input.aliases ?? []) {
    const target = seeded.directory.find((d) => d.name === a.department);
    if (!target)
      throw new DirectoryError(`机构名录中没有“${a.department}”，无法把“${a.alias}”记为它的别名。`);
    if (a.alias === target.name || target.aliases.includes(a.alias)) continue;
    target.aliases = [...target.aliases, a.alias];
    chosen.push(a);
  }
  const problems = directoryProblems(seeded.directory);
  if (problems.length > 0) throw new DirectoryError(problems[0]!);
  const before = new Map(existing.map((d) => [d.id, d]));
  const written: DepartmentRecord[] = [];
  for (const e of seeded.directory) {
    const old = before.get(e.id);
    if (
      old &&
      JSON.stringify([old.name, old.aliases, old.caseNoPrefixes, old.kind]) ===
        JSON.stringify([e.name, e.aliases, e.caseNoPrefixes, e.kind])
    )
      continue;
    const row = toRecord(e, input.isDemo, input.now, old);
    await db.departments.put(row);
    written.push(row);
  }
  return { added: seeded.added, aliased: [...chosen, ...seeded.aliased], written };
}

/** Saves one entry edited in 设置 (aliases, prefixes, kind). A full-name change goes through renameDepartment. */
export async function saveDepartment(
  db: PingchaDatabase,
  entry: Omit<DepartmentEntry, 'id'> & { id?: string },
  actor: string,
  now = new Date(),
): Promise<DepartmentRecord> {
  return db.transaction('rw', [db.departments, db.auditLog], async () => {
    const all = await db.departments.toArray();
    const old = entry.id ? all.find((d) => d.id === entry.id) : undefined;
    if (entry.id && !old) throw new DirectoryError('机构名录中没有这个机构，可能已被合并或删除。');
    if (old && old.name !== entry.name)
      throw new DirectoryError('修改机构全称请使用“改名”，以便同时更新已导入的案卷。');
    const e = newDepartmentEntry(old?.id ?? newDepartmentId(), entry.name, entry);
    if (e.name === '') throw new DirectoryError('机构全称不能为空。');
    const next = [...all.filter((d) => d.id !== e.id), e];
    const problems = directoryProblems(next);
    if (problems.length > 0) throw new DirectoryError(problems[0]!);
    const at = now.toISOString();
    const rec = toRecord(e, false, at, old);
    await db.departments.put(rec);
    await appendAudit(db, {
      at,
      actor,
      action: 'directory.save',
      objectType: 'department',
      objectId: rec.id,
      summary: `${old ? '修改' : '新增'}机构名录“${rec.name}”`,
      content: { name: rec.name, aliases: rec.aliases, caseNoPrefixes: rec.caseNoPrefixes, kind: rec.kind },
      records: [departmentCover(rec)],
    });
    return rec;
  });
}

/** Stored names renamed: case-file chunks, import records, mapping memory and review panels. */
async function renameStored(db: PingchaDatabase, byName: Record<string, string>): Promise<number> {
  // compared by key (canonical text without spaces): stored names may differ in spacing or width
  const byKey = new Map(Object.entries(byName).map(([k, v]) => [departmentKey(k), v]));
  if (byKey.size === 0) return 0;
  const to = (d: string): string | undefined => byKey.get(departmentKey(d));
  // A drawn file keeps its id for good (score sheets, results and the draw record use it): refuse.
  for (const draw of await db.draws.toArray()) {
    const hit = draw.record.drawn.find((f) => to(f.department) !== undefined);
    if (hit) {
      const campaign = await db.campaigns.get(draw.campaignId);
      throw new DirectoryError(
        `“${hit.department}”的案卷已在评查活动“${campaign?.name ?? draw.campaignId}”中抽取，为保证抽取记录可以核验，不能再改名或合并。可把“${hit.department}”记为别名，以后导入的台账会自动归入。`,
      );
    }
  }
  let files = 0;
  const imports = await db.imports.toArray();
  for (const imp of imports) {
    if (!imp.departments.some((d) => to(d) !== undefined)) continue;
    for (let seq = 0; seq < imp.chunkCount; seq++) {
      const chunk = await db.caseChunks.get([imp.id, seq]);
      if (!chunk) continue;
      let changed = false;
      const itemId = [...chunk.itemId];
      const department = chunk.department.map((d, k) => {
        const t = to(d);
        if (t === undefined) return d;
        changed = true;
        files++;
        itemId[k] = caseItemId(t, chunk.caseNo[k]!); // ids follow the name, as a fresh import would make them
        return t;
      });
      if (changed) {
        await db.caseChunks.put({ ...chunk, department, itemId });
        await db.ruleCensus.delete(imp.id); // its flags name the old ids: the next census run redoes it
      }
    }
    const departments = [...new Set(imp.departments.map((d) => to(d) ?? d))].sort();
    const departmentMap: Record<string, string> = {};
    for (const [k, v] of Object.entries(imp.departmentMap ?? {})) departmentMap[k] = to(v) ?? v;
    for (const d of imp.departments) departmentMap[d] = to(d) ?? departmentMap[d] ?? d;
    await db.imports.put({ ...imp, departments, departmentMap });
  }
  for (const memory of await db.mappings.toArray()) {
    const t = to(memory.department);
    if (t === undefined) continue;
    if (!(await db.mappings.get(t))) await db.mappings.put({ ...memory, department: t });
    await db.mappings.delete(memory.department);
  }
  for (const r of await db.reviewers.toArray()) {
    const unit = to(r.unit) ?? r.unit;
    const conflicts = r.conflicts.map((c) => to(c) ?? c);
    if (unit !== r.unit || conflicts.some((c, i) => c !== r.conflicts[i]))
      await db.reviewers.put({ ...r, unit, conflicts });
  }
  return files;
}

const RENAME_TABLES = (db: PingchaDatabase) => [
  db.draws,
  db.campaigns,
  db.departments,
  db.imports,
  db.caseChunks,
  db.ruleCensus,
  db.mappings,
  db.reviewers,
  db.auditLog,
];

/**
 * Merge two directory entries in ONE logged transaction: `fromId`'s names become aliases of `intoId`, and
 * stored case files, imports, remembered mappings and panel members of the old name move to the target.
 * Item ids (the draw's ids) are not rewritten: a draw already made stays verifiable.
 */
export async function mergeDepartments(
  db: PingchaDatabase,
  fromId: string,
  intoId: string,
  actor: string,
  now = new Date(),
): Promise<{ files: number; renamed: Record<string, string> }> {
  return db.transaction('rw', RENAME_TABLES(db), async () => {
    const all = await db.departments.toArray();
    const { directory, renamed } = mergeDepartmentEntries(all, fromId, intoId);
    const at = now.toISOString();
    const into = directory.find((d) => d.id === intoId)!;
    const old = all.find((d) => d.id === intoId);
    const intoRow = toRecord(into, old?.isDemo ?? false, at, old);
    await db.departments.delete(fromId);
    await db.departments.put(intoRow);
    const files = await renameStored(db, renamed);
    const [fromName] = Object.keys(renamed);
    await appendAudit(db, {
      at,
      actor,
      action: 'directory.merge',
      objectType: 'department',
      objectId: intoId,
      summary: `机构名录：将“${fromName}”合并到“${into.name}”（${files} 件案卷改记到“${into.name}”）`,
      content: { from: fromName, into: into.name, files, aliases: into.aliases },
      records: [departmentCover(intoRow), { table: 'departments', key: fromId, row: null }],
    });
    return { files, renamed };
  });
}

/** Rename a department in ONE logged transaction; the old name stays as an alias. */
export async function renameDepartment(
  db: PingchaDatabase,
  id: string,
  newName: string,
  actor: string,
  now = new Date(),
): Promise<{ files: number; renamed: Record<string, string> }> {
  return db.transaction('rw', RENAME_TABLES(db), async () => {
    const all = await db.departments.toArray();
    const { directory, renamed } = renameDepartmentEntry(all, id, newName);
    if (Object.keys(renamed).length === 0) return { files: 0, renamed };
    const at = now.toISOString();
    const e = directory.find((d) => d.id === id)!;
    const row = toRecord(
      e,
      false,
      at,
      all.find((d) => d.id === id),
    );
    await db.departments.put(row);
    const files = await renameStored(db, renamed);
    const [[from, to]] = Object.entries(renamed) as [[string, string]];
    await appendAudit(db, {
      at,
      actor,
      action: 'directory.rename',
      objectType: 'department',
      objectId: id,
      summary: `机构名录：“${from}”改名为“${to}”（${files} 件案卷随之改名）`,
      content: { from, to, files },
      records: [departmentCover(row)],
    });
    return { files, renamed };
  });
}
