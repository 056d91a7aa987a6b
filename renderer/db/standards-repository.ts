// The only writer of review standards (评查标准): the four defaults, edits (a frozen version is never
// changed: an edit makes the next version), copies, drafts, JSON import and export. Rules come from
// shared/standards. Errors are Chinese (ReviewError, shared by the panel and score repositories) and the
// store is unchanged when an action fails.

import { comparePinyin } from '@shared/util/pinyin-sort';
import './directory-repository';
import {
  editStandard,
  newVersionFrom,
  parseStandardJson,
  serializeStandard,
  standardDigest,
  validateStandard,
  type ReviewStandard,
} from '@shared/standards/standard-model';
import { defaultStandards } from '@shared/standards/default-standards';
import type { PingchaDatabase } from './database';
import type { StandardRow } from './workflow-records';
import './workflow-records';
import { randomId } from './random-id';
import { StoreError } from './store-error';

/** Thrown for every refused action; the message is Chinese and says what to do. */
export class ReviewError extends StoreError {
  override name = 'ReviewError';
}

const SEEDED_KEY = 'review:default-standards-seeded';

function nowIso(): string {
  return new Date().toISOString();
}

// =============================================================================================
// Standards (评查标准)

/** Seeds the 4 default standards once (a deleted default is not brought back on the next start). */
export async function ensureDefaultStandards(db: PingchaDatabase): Promise<number> {
  return db.transaction('rw', db.meta, db.standards, async () => {
    if (await db.meta.get(SEEDED_KEY)) return 0;
    const defaults = defaultStandards();
    let added = 0;
    for (const s of defaults) {
      if (!(await db.standards.get([s.id, s.version]))) {
        await db.standards.add(s);
        added++;
      }
    }
    await db.meta.put({ key: SEEDED_KEY, value: nowIso() });
    return added;
  });
}

/** Every stored version, by name then version. */
export async function listStandards(db: PingchaDatabase): Promise<StandardRow[]> {
  const all = await db.standards.toArray();
  return all.sort(
    (a, b) => comparePinyin(a.name, b.name) || a.id.localeCompare(b.id) || a.version - b.version,
  );
}

/** The newest version of each standard id. */
export function latestVersions(rows: readonly StandardRow[]): StandardRow[] {
  const best = new Map<string, StandardRow>();
  for (const r of rows) {
    const prev = best.get(r.id);
    if (!prev || r.version > prev.version) best.set(r.id, r);
  }
  return [...best.values()];
}

function validationError(s: unknown, what: string): ReviewError | null {
  const errors = validateStandard(s);
  return errors.length ? new ReviewError(`${what}未通过校验：\n${errors.join('\n')}`) : null;
}

/**
 * Saves an edited standard. A draft is saved in place; a frozen (published) version is never
 * changed: the edit becomes a new version (editStandard). Returns the stored row.
 */
export async function saveStandard(db: PingchaDatabase, edited: ReviewStandard): Promise<StandardRow> {
  return db.transaction('rw', db.standards, async () => {
    const stored = await db.standards.get([edited.id, edited.version]);
    let next: ReviewStandard;
    if (stored && stored.status === 'published') {
      // editStandard never touches a frozen version: the edit lands in a new version after the newest.
      const newest = Math.max(
        ...(await db.standards.where('id').equals(edited.id).toArray()).map((r) => r.version),
      );
      next = editStandard(stored, (draft) => {
        const { version, basedOn } = draft;
        Object.assign(draft, JSON.parse(JSON.stringify(edited)) as ReviewStandard);
        draft.version = Math.max(version, newest + 1);
        if (basedOn) draft.basedOn = basedOn;
        draft.status = 'draft';
        delete draft.frozenAt;
        delete draft.digest;
      });
    } else {
      next = JSON.parse(JSON.stringify(edited)) as ReviewStandard;
      next.status = 'draft';
    }
    const err = validationError(next, `标准“${next.name || next.id}”`);
    if (err) throw err;
    await db.standards.put(next);
    return next;
  });
}

/**
 * How an error names a standard version that is not in the store: by the name its other versions carry, never
 * by its internal id ("评查标准“行政处罚案卷评查标准”第 3 版").
 */
export async function missingStandardText(db: PingchaDatabase, id: string, version: number): Promise<string> {
  const other = await db.standards.where('id').equals(id).first();
  return other
    ? `评查标准“${other.name}”第 ${version} 版`
    : `所用的评查标准（第 ${version} 版，本机已没有这套标准）`;
}

/** One stored standard version; when it is gone, the error `refuse` builds around missingStandardText. */
export async function requireStandard(
  db: PingchaDatabase,
  id: string,
  version: number,
  refuse: (missing: string) => Error,
): Promise<StandardRow> {
  const standard = await db.standards.get([id, version]);
  if (!standard) throw refuse(await missingStandardText(db, id, version));
  return standard;
}

/** A new draft version from any stored version (the newest version + 1). */
export async function createStandardVersion(
  db: PingchaDatabase,
  id: string,
  version: number,
): Promise<StandardRow> {
  return db.transaction('rw', db.standards, async () => {
    const base = await requireStandard(db, id, version, (missing) => new ReviewError(`找不到${missing}`));
    const all = await db.standards.where('id').equals(id).toArray();
    const newest = Math.max(...all.map((r) => r.version));
    const next = newVersionFrom(base);
    next.version = newest + 1;
    await db.standards.add(next);
    return next;
  });
}

/** A copy under a new id (e.g. a local standard based on a default one). */
export async function copyStandard(db: PingchaDatabase, id: string, version: number): Promise<StandardRow> {
  const base = await requireStandard(db, id, version, (missing) => new ReviewError(`找不到${missing}`));
  const next = JSON.parse(JSON.stringify(base)) as ReviewStandard;
  next.id = randomId('std-', 8);
  next.version = 1;
  next.status = 'draft';
  next.isDefault = false;
  next.name = base.name.replace(/（默认，可编辑）$/, '') + '（副本）';
  delete next.frozenAt;
  delete next.digest;
  delete next.basedOn;
  await db.standards.add(next);
  return next;
}

/** Removes a draft version; frozen versions are part of a campaign's record and stay. */
export async function deleteStandardDraft(db: PingchaDatabase, id: string, version: number): Promise<void> {
  await db.transaction('rw', db.standards, db.campaigns, async () => {
    const s = await db.standards.get([id, version]);
    if (!s) return;
    if (s.status === 'published')
      throw new ReviewError(`标准“${s.name}”第 ${version} 版已冻结（已用于评查），不能删除`);
    const usedBy = (await db.campaigns.toArray()).find((c) =>
      c.standards.some((x) => x.standardId === id && x.version === version),
    );
    if (usedBy)
      throw new ReviewError(`标准“${s.name}”第 ${version} 版已被评查活动“${usedBy.name}”选用，不能删除`);
    await db.standards.delete([id, version]);
  });
}

/** Imports a standard file (JSON). Refuses a version that already exists with different content. */
export async function importStandardJson(
  db: PingchaDatabase,
  text: string,
  fileName = '标准文件',
): Promise<StandardRow> {
  const parsed = parseStandardJson(text);
  if (!parsed.ok) throw new ReviewError(`“${fileName}”无法导入：\n${parsed.errors.join('\n')}`);
  const s = parsed.standard;
  return db.transaction('rw', db.standards, async () => {
    const existing = await db.standards.get([s.id, s.version]);
    if (existing) {
      if (standardDigest(existing) === standardDigest(s))
        throw new ReviewError(`“${fileName}”：标准“${s.name}”第 ${s.version} 版已存在，内容相同，无需导入`);
      throw new ReviewError(
        `“${fileName}”：已存在标准“${existing.name}”第 ${s.version} 版（编号 ${s.id}），内容不同；请在文件中改用新的版本号或编号后再导入`,
      );
    }
    await db.standards.add(s);
    return s;
  });
}

export function exportStandardBytes(s: ReviewStandard): { name: string; bytes: Uint8Array } {
  const safe = s.name.replace(/[\\/:*?"<>|]/g, '_');
  return { name: `${safe}-第${s.version}版.json`, bytes: new TextEncoder().encode(serializeStandard(s)) };
}

/** A stored standard by id and version. */
export async function getStandard(
  db: PingchaDatabase,
  id: string,
  version: number,
): Promise<StandardRow | undefined> {
  return db.standards.get([id, version]);
}

/** The stored standards of the given [id, version] keys (those not stored are left out). */
export async function getStandards(
  db: PingchaDatabase,
  keys: readonly (readonly [string, number])[],
): Promise<StandardRow[]> {
  return (await db.standards.bulkGet(keys.map(([id, v]) => [id, v]))).filter((s): s is StandardRow => !!s);
}
