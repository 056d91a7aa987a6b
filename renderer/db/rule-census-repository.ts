// 台账体检 in the store: the rule census of every committed import, kept per import with its flags per row
// (offset in the import, rule, sentence) and its tallies, and the digests of the rule pack and officer
// registry it was computed with. A changed pack (设置) or registry makes the stored census stale; the
// import worker re-runs it (runStaleCensus). The office's pack settings are written here too, logged.

import type { Table } from 'dexie';
import type { CaseFileRecord } from '@shared/ledger/types';
import type { RuleTally } from '@shared/rules/evaluate';
import { DEFAULT_RULE_PACK } from '@shared/rules/default-rule-pack';
import {
  effectiveRulePack,
  rulePackDigest,
  rulePackSettingsSchema,
  type RulePack,
  type RulePackSettings,
} from '@shared/rules/rule-pack';
import {
  buildCertificateRegistry,
  registryDigest,
  type CertificateRegistry,
} from '@shared/rules/certificate-registry';
import { LedgerCensusRun, ledgerRuleColumns } from '@shared/rules/ledger-census';
import { canonicalJson } from '@shared/util/canonical-json';
import type { PackageCensus } from '@shared/packages/panel-package';
import { SYSTEM_ACTOR } from '@shared/util/operator-settings';
import type { PingchaDatabase } from './database';
import type { ImportRecord } from './schema';
import { appendAudit } from './audit-repository';
import { readSettings } from './settings-repository';
import { listCommittedImports } from './ledger-repository';

export interface RuleCensusRecord {
  importId: string;
  packId: string;
  packVersion: string;
  packSha256: string;
  /** SHA-256 of the certificates the census checked against ('' without a registry). */
  registrySha256: string;
  checkedAt: string;
  ruleIds: string[];
  tallies: RuleTally[];
  /** One entry per flag, in row order: the row's offset in the import, its rule (index into ruleIds), … */
  flagOffset: number[];
  flagRule: number[];
  flagItemId: string[];
  flagSentence: string[];
  /**
   * When each flag was found, where that is not checkedAt: a laptop's census from an assignment package keeps
   * the office's census dates (checkedAt is when the package was opened).
   */
  flagCheckedAt?: string[];
}

declare module './database' {
  interface PingchaDatabase {
    ruleCensus: Table<RuleCensusRecord, string>;
  }
}

export const RULES_AREA = 'ledgerRules';

export async function readRulePackSettings(db: PingchaDatabase): Promise<RulePackSettings> {
  return readSettings(db, RULES_AREA, rulePackSettingsSchema);
}

/** The pack as this office runs it (the default with the office's 设置). */
export async function currentRulePack(db: PingchaDatabase): Promise<RulePack> {
  return effectiveRulePack(DEFAULT_RULE_PACK, await readRulePackSettings(db));
}

/** Saves the office's rule settings and logs the change (what was switched off, which periods changed). */
export async function saveRulePackSettings(
  db: PingchaDatabase,
  input: RulePackSettings,
  actor: string,
): Promise<RulePackSettings> {
  const parsed = rulePackSettingsSchema.parse(input);
  const known = new Set(DEFAULT_RULE_PACK.rules.map((r) => r.id));
  for (const id of [...parsed.disabled, ...Object.keys(parsed.periods)])
    if (!known.has(id)) throw new Error(`规则“${id}”不在规则包中，设置未保存。`);
  const pack = effectiveRulePack(DEFAULT_RULE_PACK, parsed); // throws on a period the pack refuses
  return db.transaction('rw', db.meta, db.auditLog, async () => {
    const before = await readRulePackSettings(db);
    await db.meta.put({ key: `settings:${RULES_AREA}`, value: parsed });
    const changes = describeSettingsChange(before, parsed);
    await appendAudit(db, {
      actor,
      action: 'rules.settings',
      objectType: 'rulePack',
      objectId: pack.id,
      summary: `调整台账体检规则：${changes.length ? changes.join('；') : '无变化'}（规则包 SHA-256 ${rulePackDigest(pack).slice(0, 16)}…）`,
      content: { before, after: parsed, packSha256: rulePackDigest(pack) },
    });
    return parsed;
  });
}

function describeSettingsChange(before: RulePackSettings, after: RulePackSettings): string[] {
  const out: string[] = [];
  for (const id of after.disabled) if (!before.disabled.includes(id)) out.push(`停用 ${id}`);
  for (const id of before.disabled) if (!after.disabled.includes(id)) out.push(`启用 ${id}`);
  const ids = new Set([...Object.keys(before.periods), ...Object.keys(after.periods)]);
  for (const id of ids) {
    const a = before.periods[id];
    const b = after.periods[id];
    if (canonicalJson(a ?? null) === canonicalJson(b ?? null)) continue;
    out.push(
      b ? `${id} 期限改为 ${b.days} 日（延长 ${b.extensionDays} 日）` : `${id} 期限恢复为规则包默认值`,
    );
  }
  return out;
}

/** The registry's certificates and their digest (changes when a certificate, its dates or status change). */
export async function currentRegistry(
  db: PingchaDatabase,
): Promise<{ registry: CertificateRegistry; sha256: string }> {
  const registry = buildCertificateRegistry(await db.officers.toArray());
  return { registry, sha256: registryDigest(registry) };
}

/**
 * Feeds the rows of one import, as the parser produced them, to a census run: chunk by chunk, the next chunk
 * read while this one is checked, one record object refilled per row (500,000 rows are never all held).
 */
async function checkStoredImport(
  db: PingchaDatabase,
  imp: ImportRecord,
  run: LedgerCensusRun,
): Promise<void> {
  const read = (seq: number) =>
    Promise.all([db.caseChunks.get([imp.id, seq]), db.rawChunks.get([imp.id, seq])]);
  let next = imp.chunkCount > 0 ? read(0) : null;
  const record: CaseFileRecord = {
    itemId: '',
    caseNo: '',
    department: '',
    caseType: '',
    cause: '',
    party: '',
    filedDate: null,
    closedDate: null,
    amountFen: null,
    officer: '',
    certNo: '',
    sourceRow: 0,
    raw: [],
  };
  for (let seq = 0; next; seq++) {
    const [c, raw] = await next;
    next = seq + 1 < imp.chunkCount ? read(seq + 1) : null;
    if (!c || !raw) throw new Error(`数据库中缺少导入“${imp.fileName}”的第 ${seq + 1} 块数据。`);
    for (let i = 0; i < c.count; i++) {
      record.itemId = c.itemId[i]!;
      record.caseNo = c.caseNo[i]!;
      record.department = c.department[i]!;
      record.caseType = c.caseType[i]!;
      record.cause = c.cause[i]!;
      record.party = c.party[i]!;
      record.filedDate = c.filedDate[i] ?? null;
      record.closedDate = c.closedDate[i] ?? null;
      record.amountFen = c.amountFen[i] ?? null;
      record.officer = c.officer[i]!;
      record.certNo = c.certNo[i]!;
      record.sourceRow = c.sourceRow[i]!;
      record.raw = raw.raw[i] ?? [];
      run.add(record);
    }
  }
}

function censusRun(imp: ImportRecord, pack: RulePack, registry: CertificateRegistry): LedgerCensusRun {
  return new LedgerCensusRun(
    ledgerRuleColumns(imp.mapping, imp.headers),
    pack,
    registry.size ? registry : undefined,
  );
}

/** The stored form of a finished run: flags as parallel columns, each with its row's offset in the import. */
function censusRecord(
  imp: ImportRecord,
  run: LedgerCensusRun,
  registrySha256: string,
  checkedAt: string,
): RuleCensusRecord {
  const result = run.result();
  const ruleIds = result.tallies.map((t) => t.ruleId);
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  return {
    importId: imp.id,
    packId: result.pack.id,
    packVersion: result.pack.version,
    packSha256: result.pack.sha256,
    registrySha256,
    checkedAt,
    ruleIds,
    tallies: result.tallies.map(({ title: _t, citation: _c, ...t }) => t),
    flagOffset: run.flagOffsets,
    flagRule: result.flags.map((f) => ruleIndex.get(f.ruleId)!),
    flagItemId: result.flags.map((f) => f.itemId),
    flagSentence: result.flags.map((f) => f.sentence),
  };
}

export function censusOfImport(
  imp: ImportRecord,
  records: readonly CaseFileRecord[],
  pack: RulePack,
  registry: { registry: CertificateRegistry; sha256: string },
  checkedAt: string,
): RuleCensusRecord {
  const run = censusRun(imp, pack, registry.registry);
  for (const r of records) run.add(r);
  return censusRecord(imp, run, registry.sha256, checkedAt);
}

export interface CensusRunSummary {
  checkedImports: number;
  rows: number;
  flags: number;
  packSha256: string;
}

/**
 * Re-runs the census of every committed import whose stored census is missing or was computed with another
 * pack or registry; all new census records and one log entry are written in one transaction.
 */
export async function runStaleCensus(
  db: PingchaDatabase,
  options: {
    actor?: string;
    now?: () => Date;
    onProgress?: (done: number, total: number) => void;
    /** Only these imports (a fresh import checks itself and leaves the others to the next full run). */
    onlyImports?: readonly string[];
    /** Rows the caller still holds (the import just written), so they are not read back from the store. */
    records?: ReadonlyMap<string, readonly CaseFileRecord[]>;
  } = {},
): Promise<CensusRunSummary> {
  const pack = await currentRulePack(db);
  const packSha256 = rulePackDigest(pack);
  const registry = await currentRegistry(db);
  const imports = await listCommittedImports(db);
  const stored = new Map((await db.ruleCensus.toArray()).map((r) => [r.importId, r]));
  const only = options.onlyImports ? new Set(options.onlyImports) : null;
  const stale = imports.filter((imp) => {
    if (only && !only.has(imp.id)) return false;
    const s = stored.get(imp.id);
    return !s || s.packSha256 !== packSha256 || s.registrySha256 !== registry.sha256;
  });
  const checkedAt = (options.now ?? (() => new Date()))().toISOString();
  const fresh: RuleCensusRecord[] = [];
  let rows = 0;
  for (const imp of stale) {
    const run = censusRun(imp, pack, registry.registry);
    const held = options.records?.get(imp.id);
    if (held) for (const r of held) run.add(r);
    else await checkStoredImport(db, imp, run);
    const record = censusRecord(imp, run, registry.sha256, checkedAt);
    rows += run.rowCount;
    fresh.push(record);
    options.onProgress?.(fresh.length, stale.length);
  }
  const flags = fresh.reduce((n, r) => n + r.flagItemId.length, 0);
  if (fresh.length > 0) {
    await db.transaction('rw', db.imports, db.ruleCensus, db.auditLog, async () => {
      // an import deleted meanwhile keeps no census
      const still = new Set(
        (await db.imports.bulkGet(fresh.map((r) => r.importId))).filter((r) => r).map((r) => r!.id),
      );
      await db.ruleCensus.bulkPut(fresh.filter((r) => still.has(r.importId)));
      await appendAudit(db, {
        at: checkedAt,
        actor: options.actor ?? SYSTEM_ACTOR,
        action: 'rules.census',
        objectType: 'rulePack',
        objectId: pack.id,
        summary: `台账体检：${fresh.length} 份台账 ${rows} 件，发现线索 ${flags} 条（规则包 ${pack.version}，SHA-256 ${packSha256.slice(0, 16)}…）`,
        content: {
          packId: pack.id,
          packVersion: pack.version,
          packSha256,
          registrySha256: registry.sha256,
          imports: fresh.map((r) => ({ importId: r.importId, flags: r.flagItemId.length })),
        },
      });
    });
  }
  return { checkedImports: fresh.length, rows, flags, packSha256 };
}

export async function loadRuleCensus(db: PingchaDatabase): Promise<RuleCensusRecord[]> {
  return db.ruleCensus.toArray();
}

/**
 * The flags of some files for an assignment package: the office's rule settings and every flag of the
 * current census (this pack, this registry) on those files. Null when no ledger has a current census (the
 * package then claims nothing). Called inside the export transaction (ruleCensus and meta in its scope).
 */
export async function packageCensusFor(
  db: PingchaDatabase,
  itemIds: readonly string[],
): Promise<PackageCensus | null> {
  const packSettings = await readRulePackSettings(db);
  const pack = effectiveRulePack(DEFAULT_RULE_PACK, packSettings);
  const packSha256 = rulePackDigest(pack);
  const ruleIds = pack.rules.map((r) => r.id);
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const wanted = new Set(itemIds);
  const flags: PackageCensus['flags'] = [];
  let current = false;
  for (const rec of await db.ruleCensus.toArray()) {
    if (rec.packSha256 !== packSha256) continue;
    current = true;
    for (let k = 0; k < rec.flagItemId.length; k++) {
      const itemId = rec.flagItemId[k]!;
      const rule = index.get(rec.ruleIds[rec.flagRule[k]!]!);
      if (wanted.has(itemId) && rule !== undefined)
        flags.push({
          itemId,
          rule,
          sentence: rec.flagSentence[k]!,
          checkedAt: rec.flagCheckedAt?.[k] ?? rec.checkedAt,
        });
    }
  }
  return current ? { packSha256, packSettings, ruleIds, flags } : null;
}

/**
 * On the reviewer's laptop: the package's flags stored as the census of the workspace's one import, under the
 * office's rule settings, so the score sheet shows the same hints. Only when this app runs the office's pack
 * (same SHA-256); otherwise nothing is stored and false returned. Inside the open transaction (meta, ruleCensus).
 */
export async function storeWorkspaceCensus(
  db: PingchaDatabase,
  importId: string,
  census: PackageCensus,
  cases: readonly { itemId: string; department: string }[],
  checkedAt: string,
): Promise<boolean> {
  const pack = effectiveRulePack(DEFAULT_RULE_PACK, census.packSettings);
  if (rulePackDigest(pack) !== census.packSha256) return false;
  const offset = new Map(cases.map((c, i) => [c.itemId, i]));
  const flags = census.flags.filter((f) => offset.has(f.itemId));
  const tallies: RuleTally[] = census.ruleIds.map((ruleId) => ({
    ruleId,
    applicable: 0,
    flagged: 0,
    cannotCheck: 0,
    cannotCheckReasons: {},
    flaggedByDepartment: {},
  }));
  for (const f of flags) {
    const t = tallies[f.rule]!;
    const department = cases[offset.get(f.itemId)!]!.department;
    // only the flagged files travel: what was checked without a flag is the office's to count
    t.applicable += 1;
    t.flagged += 1;
    t.flaggedByDepartment[department] = (t.flaggedByDepartment[department] ?? 0) + 1;
  }
  await db.meta.put({ key: `settings:${RULES_AREA}`, value: census.packSettings });
  await db.ruleCensus.put({
    importId,
    packId: pack.id,
    packVersion: pack.version,
    packSha256: census.packSha256,
    registrySha256: '',
    checkedAt,
    ruleIds: census.ruleIds,
    tallies,
    flagOffset: flags.map((f) => offset.get(f.itemId)!),
    flagRule: flags.map((f) => f.rule),
    flagItemId: flags.map((f) => f.itemId),
    flagSentence: flags.map((f) => f.sentence),
    // the office's census dates travel with the flags (a package from before carried none: the opening time)
    flagCheckedAt: flags.map((f) => f.checkedAt ?? checkedAt),
  });
  return true;
}
