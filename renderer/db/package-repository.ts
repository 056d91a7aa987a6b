// Panel packages (评查包) in the store. The coordinator exports one package per reviewer and merges
// the results packages that come back; a reviewer's installation opens a package as a workspace
// limited to it (meta record `packageWorkspace`). Every write is one transaction with its audit
// entry ('package.import'): a refused, cancelled or interrupted import leaves the store as it was.
import type { Table } from 'dexie';
import { scorersOf, type ScorersInput } from '@shared/review/calibration';
import { toColumnChunks } from '@shared/cases/case-columns';
import {
  decodePackage,
  encodePackage,
  packageEnvelope,
  packageSigningText,
  sealPackage,
  packageFileName,
  PackageError,
  type AssignmentContent,
  type PackageCase,
  type PanelPackage,
  type ResultsContent,
  type PackageFlagDecision,
} from '@shared/packages/panel-package';
import {
  planMerge,
  resolveMerge,
  type ConflictChoice,
  type MergePlan,
  type MergeSheet,
} from '@shared/packages/merge-sheets';
import { generateSigningKeyPair, keyFingerprint, type SigningKeyPair } from '@shared/crypto/signing';
import { scoreCaseFile, type ScoreSheet } from '@shared/review/scoring-engine';
import type { ReviewStandard } from '@shared/standards/standard-model';
import { appendAudit } from './audit-repository';
import { listFlagDecisions } from './flag-decision-repository';
import { newerFlagDecisions } from '@shared/packages/merge-flag-decisions';
import { requireStandard } from './standards-repository';
import { ensureOfficeKey, signAsOffice } from './office-key-repository';
import type { PingchaDatabase } from './database';
import { CHUNK_SIZE, type ImportRecord } from './schema';
import type { ReviewerRow, ScoreSheetRow, StandardRow } from './workflow-records';
import type { OfficePublicKey } from '@shared/crypto/office-public-key-file';
import './workflow-records';
import { randomId } from './random-id';
import { packageCensusFor, storeWorkspaceCensus } from './rule-census-repository';
import {
  checkEvidence,
  MAX_PART_BYTES,
  packEvidence,
  planParts,
  unpackPackageFiles,
  type EvidenceFile,
  type PackagePartFile,
} from '@shared/packages/package-evidence';
import { manifestLabels, type CaseFileManifestEntry } from '@shared/case-files/case-file-manifest';
import { fastSha256 } from './backup-repository';
import './case-file-repository';
import { emptyMapping } from '@shared/ledger/header';

export type PanelPackageKind = 'assignment-export' | 'workspace-open' | 'results-export' | 'results-import';

/** One package made or taken in on this machine (the coordinator's and the reviewer's ledger of packages). */
export interface PanelPackageRow {
  /** `${kind}:${packageId}` */
  id: string;
  packageId: string;
  kind: PanelPackageKind;
  campaignId: string;
  reviewerId: string;
  reviewerName: string;
  sha256: string;
  fileName: string;
  at: string;
  by: string;
  /** Outcome counts of a results import. */
  counts?: Record<string, number>;
  /** Assignment export: the public half of the key handed to the reviewer (their results must be signed with it). */
  reviewerPublicKey?: string;
  /** Assignment export: the reviewer's files and the sheets' revisions when the package was made. */
  itemIds?: string[];
  baseRevisions?: Record<string, number>;
  /** The key that signed the package (office key for assignment packages, reviewer key for results). */
  signedBy?: string;
}

/** The ledger row of one package made or taken in (its id `${kind}:${packageId}`, the reviewer it is for). */
function packageRow(
  kind: PanelPackageKind,
  pkg: { packageId: string; sha256: string },
  reviewer: { id: string; name: string },
  row: Omit<PanelPackageRow, 'id' | 'kind' | 'packageId' | 'sha256' | 'reviewerId' | 'reviewerName'>,
): PanelPackageRow {
  const { packageId, sha256 } = pkg;
  return {
    id: `${kind}:${packageId}`,
    packageId,
    kind,
    reviewerId: reviewer.id,
    reviewerName: reviewer.name,
    sha256,
    ...row,
  };
}

declare module './database' {
  interface PingchaDatabase {
    panelPackages: Table<PanelPackageRow, string>;
  }
}

/**
 * Meta key of a reviewer workspace. When present, this installation was opened from a panel package:
 * the review UI shows only `campaignId`, only reviewer `reviewerId`, only the files in `itemIds`, and
 * offers 导出评查结果包 instead of the coordinator's functions.
 */
export const WORKSPACE_META_KEY = 'packageWorkspace';

export interface PackageWorkspace {
  packageId: string;
  campaignId: string;
  campaignName: string;
  reviewerId: string;
  reviewerName: string;
  itemIds: string[];
  /** Sheet id -> revision when the package was made (the base of the merge at the coordinator). */
  baseRevisions: Record<string, number>;
  /** The import holding the package's case files. */
  importId: string;
  /** The reviewer's key from the package: signs the results package. */
  reviewerKey?: SigningKeyPair;
  /** The office key that signed the assignment package, and its fingerprint (to compare with the office). */
  officePublicKey?: string;
  officeFingerprint?: string;
  /** The office's name from the public key file this laptop was told to trust (absent: not checked). */
  officeName?: string;
  openedAt: string;
  openedBy: string;
}

export async function readWorkspace(db: PingchaDatabase): Promise<PackageWorkspace | null> {
  return ((await db.meta.get(WORKSPACE_META_KEY))?.value as PackageWorkspace | undefined) ?? null;
}

function sourceOf(basePackageId: string): string {
  return `package:${basePackageId}`;
}

function assignedItems(
  record: ScorersInput,
  reviewerId: string,
  calibrationItemIds?: readonly string[],
): string[] {
  // Calibration files (校准案卷) are scored by every panel member, so they travel in every package.
  return scorersOf(record, calibrationItemIds)
    .filter((e) => e.reviewerIds.includes(reviewerId))
    .map((e) => e.itemId);
}

export interface ExportAssignmentInput {
  campaignId: string;
  reviewerId: string;
  /** The reviewer's files from the case index (with their original cells). */
  cases: readonly PackageCase[];
  actor: string;
  appVersion: string;
  now?: () => Date;
  /** The largest part file (tests make it small); default 2 GB. */
  partLimit?: number;
}

/** The reviewer's files of a campaign (their own and the calibration files); empty when not assigned yet. */
async function reviewerItemIds(
  db: PingchaDatabase,
  campaignId: string,
  reviewerId: string,
): Promise<string[]> {
  const [campaign, assignment] = await Promise.all([
    db.campaigns.get(campaignId),
    db.assignments.get(campaignId),
  ]);
  if (!campaign || !assignment) return [];
  return assignedItems(assignment.record, reviewerId, campaign.calibrationItemIds);
}

/** The case files attached to the given drawn files (one row per file and drawn file). */
async function caseFilesOf(db: PingchaDatabase, campaignId: string, itemIds: readonly string[]) {
  const mine = new Set(itemIds);
  return (await db.caseFiles.where('campaignId').equals(campaignId).toArray())
    .filter((r) => mine.has(r.itemId))
    .sort((a, b) => a.itemId.localeCompare(b.itemId) || a.name.localeCompare(b.name));
}

export interface PackageEvidenceSize {
  /** Case files the reviewer's package will carry, and their bytes (each distinct file once). */
  files: number;
  bytes: number;
  /** Part files the package will be split into (1 = one file). */
  parts: number;
  /** Why the package cannot carry them (a single file over the part limit); null when it can. */
  refusal: string | null;
}

/** What the case files add to a reviewer's assignment package, before it is made (shown beside 导出). */
export async function assignmentEvidenceSize(
  db: PingchaDatabase,
  campaignId: string,
  reviewerId: string,
  partLimit = MAX_PART_BYTES,
): Promise<PackageEvidenceSize> {
  const rows = await caseFilesOf(db, campaignId, await reviewerItemIds(db, campaignId, reviewerId));
  const distinct = [...new Map(rows.map((r) => [r.sha256, r])).values()];
  const bytes = distinct.reduce((n, r) => n + r.size, 0);
  try {
    const parts = distinct.length ? planParts(0, distinct, partLimit).length : 1;
    return { files: distinct.length, bytes, parts, refusal: null };
  } catch (e) {
    return { files: distinct.length, bytes, parts: 0, refusal: (e as Error).message };
  }
}

/** The reviewer's case files with their bytes, each checked against its recorded SHA-256. */
async function collectEvidence(
  db: PingchaDatabase,
  campaignId: string,
  reviewerId: string,
): Promise<{ manifest: CaseFileManifestEntry[]; files: EvidenceFile[] }> {
  const rows = await caseFilesOf(db, campaignId, await reviewerItemIds(db, campaignId, reviewerId));
  const manifest: CaseFileManifestEntry[] = [];
  const files: EvidenceFile[] = [];
  for (const r of rows) {
    const labels = (await db.caseFilePages.get(r.sha256))?.labels ?? {};
    manifest.push({
      itemId: r.itemId,
      name: r.name,
      size: r.size,
      sha256: r.sha256,
      ...(Object.keys(labels).length ? { labels: labels as Record<string, string> } : {}),
    } as CaseFileManifestEntry);
    if (files.some((f) => f.sha256 === r.sha256)) continue;
    const bytes = (await db.caseFileBytes.get(r.sha256))?.bytes;
    if (!bytes || (await fastSha256(bytes)) !== r.sha256)
      throw new PackageError(
        `电子案卷“${r.name}”的内容与附卷时登记的 SHA-256 不符（已损坏或被改动），评查包未导出。请在“电子案卷”中移除后重新附卷。`,
      );
    files.push({ sha256: r.sha256, name: r.name, bytes });
  }
  return { manifest, files };
}

/** The coordinator's package for one reviewer. Throws PackageError (Chinese) when it cannot be made. */
export async function exportAssignmentPackage(
  db: PingchaDatabase,
  input: ExportAssignmentInput,
): Promise<{ pkg: PanelPackage; bytes: Uint8Array; fileName: string; parts: PackagePartFile[] }> {
  const now = (input.now ?? (() => new Date()))().toISOString();
  // Read and hash-checked before the transaction (hashing is not an IndexedDB request); a file too
  // large for any part is refused before anything is written.
  const evidence = await collectEvidence(db, input.campaignId, input.reviewerId);
  planParts(
    0,
    evidence.files.map((f) => ({ ...f, size: f.bytes.length })),
    input.partLimit,
  );
  const officeKey = await ensureOfficeKey(db, input.actor);
  const reviewerKey = generateSigningKeyPair();
  const made = await db.transaction(
    'rw',
    [
      db.campaigns,
      db.standards,
      db.reviewers,
      db.assignments,
      db.scoreSheets,
      db.panelPackages,
      db.ruleCensus,
      db.meta,
    ],
    async () => {
      const campaign = await db.campaigns.get(input.campaignId);
      if (!campaign) throw new PackageError('找不到该评查活动。');
      const reviewer = await db.reviewers.get(input.reviewerId);
      if (!reviewer || reviewer.campaignId !== campaign.id)
        throw new PackageError('该评查人员不属于本活动。');
      const assignment = await db.assignments.get(campaign.id);
      if (!assignment) throw new PackageError(`评查活动“${campaign.name}”尚未分配评查人员，不能导出评查包。`);
      const itemIds = assignedItems(assignment.record, reviewer.id, campaign.calibrationItemIds);
      if (itemIds.length === 0)
        throw new PackageError(`评查人员“${reviewer.name}”没有分配到案卷，无需导出评查包。`);
      const byId = new Map(input.cases.map((c) => [c.itemId, c]));
      // Every case type of the reviewer's files needs a saved standard (a suggestion shown in the
      // panel is not a choice until it is saved).
      const unsaved = [
        ...new Set(itemIds.map((id) => byId.get(id)?.caseType ?? '').filter((t) => t !== '')),
      ].filter((t) => !campaign.standards.some((c) => c.caseType === t));
      if (campaign.standards.length === 0 || unsaved.length > 0)
        throw new PackageError(
          `评查活动“${campaign.name}”尚未保存${unsaved.length ? `${unsaved.join('、')}案卷所用的` : ''}评查标准，不能导出评查包。` +
            '请在“评查 → 评查组与分配 → 评查标准”中选定并保存后再导出。',
        );
      const missing = itemIds.filter((id) => !byId.has(id));
      if (missing.length > 0) {
        throw new PackageError(
          `有 ${missing.length} 件分配给“${reviewer.name}”的案卷在台账中找不到（如 ${missing[0]}），台账可能已被删除。`,
        );
      }
      const standards: StandardRow[] = [];
      for (const s of campaign.standards) {
        const row = await requireStandard(
          db,
          s.standardId,
          s.version,
          (missing) => new PackageError(`找不到本活动所用的${missing}。`),
        );
        if (!standards.some((x) => x.id === row.id && x.version === row.version)) standards.push(row);
      }
      const sheets = (await db.scoreSheets.where('campaignId').equals(campaign.id).toArray()).filter(
        (s) => s.reviewerId === reviewer.id,
      );
      // Only what this reviewer needs: their files, the standards, their own identity and key.
      const mineSet = new Set(itemIds);
      const own = assignment.record.reviewers.filter((r) => r.id === reviewer.id);
      const baseRevisions = Object.fromEntries(sheets.map((s) => [s.id, s.revision]));
      const census = await packageCensusFor(db, itemIds);
      const content: AssignmentContent = {
        kind: 'assignment',
        campaign,
        standards,
        reviewer,
        assignment: {
          ...assignment,
          record: {
            ...assignment.record,
            reviewers: own,
            files: assignment.record.files.filter((f) => mineSet.has(f.itemId)),
            initialResult: [],
            log: [],
            result: assignment.record.result
              .filter((e) => mineSet.has(e.itemId))
              .map((e) => ({ itemId: e.itemId, reviewerIds: [reviewer.id] })),
          },
        },
        cases: itemIds.map((id) => byId.get(id)!),
        sheets,
        baseRevisions,
        reviewerKey,
        ...(census ? { census } : {}),
        ...(evidence.manifest.length ? { caseFiles: evidence.manifest } : {}),
      } as unknown as AssignmentContent;
      const pkg = packageEnvelope(
        {
          campaignId: campaign.id,
          campaignName: campaign.name,
          createdAt: now,
          createdBy: input.actor,
          appVersion: input.appVersion,
        },
        content,
      );
      const fileName = packageFileName('assignment', campaign.name, reviewer.name);
      await db.panelPackages.put(
        packageRow('assignment-export', pkg, reviewer, {
          campaignId: campaign.id,
          fileName,
          at: now,
          by: input.actor,
          reviewerPublicKey: reviewerKey.publicKey,
          itemIds,
          baseRevisions,
          signedBy: officeKey.publicKey,
        }),
      );
      return { unsigned: pkg, fileName };
    },
  );
  // Signed once the export is recorded: on the desktop the main process signs (the key never
  // comes to the page), which cannot happen inside the store's transaction.
  const value = await signAsOffice(officeKey, packageSigningText(made.unsigned));
  const { pkg, bytes } = sealPackage(made.unsigned, { publicKey: officeKey.publicKey, value });
  // The reviewer's case files travel beside the signed package (parts over the size limit).
  const parts = packEvidence(bytes, pkg.packageId, made.fileName, evidence.files, input.partLimit);
  return { pkg, bytes: parts[0]!.bytes, fileName: parts[0]!.name, parts };
}

/**
 * Opens an assignment package on the reviewer's installation: campaign, standards, identity,
 * assignment, sheets and the files (as one import), all in one transaction. Refused on an
 * installation that already holds campaign data (a workspace belongs on its own installation).
 */
export async function openWorkspacePackage(
  db: PingchaDatabase,
  bytes: Uint8Array,
  fileName: string,
  options: {
    actor: string;
    now?: () => Date;
    trustedOffice?: OfficePublicKey;
    /** The other part files of a package split into parts (any order). */
    moreParts?: readonly PackagePartFile[];
  },
): Promise<PackageWorkspace> {
  const unpacked = unpackPackageFiles([{ name: fileName, bytes }, ...(options.moreParts ?? [])]);
  const pkg = decodePackage(unpacked.packageBytes, unpacked.fileName, { kind: 'assignment' });
  const c = pkg.content as AssignmentContent;
  const manifest = c.caseFiles ?? [];
  const caseIds = new Set(c.cases.map((x) => x.itemId));
  const foreign = manifest.find((m) => !caseIds.has(m.itemId));
  if (foreign)
    throw new PackageError(
      `评查包“${fileName}”中的电子案卷“${foreign.name}”不属于包中分配的案卷。评查包未打开，数据库未作任何更改。`,
    );
  const evidence = await checkEvidence(manifest, unpacked.files, fastSha256);
  const trusted = options.trustedOffice;
  if (trusted && pkg.signature.publicKey !== trusted.publicKey) {
    throw new PackageError(
      `评查包“${fileName}”不是由本机信任的“${trusted.office}”签名密钥（指纹 ${trusted.fingerprint}）签名的，而是由指纹为 ${keyFingerprint(pkg.signature.publicKey)} 的密钥签名：它可能是伪造的。评查包未打开，数据库未作任何更改。请向本单位核实。`,
    );
  }
  const now = (options.now ?? (() => new Date()))().toISOString();
  const tables = [
    db.meta,
    db.campaigns,
    db.standards,
    db.reviewers,
    db.assignments,
    db.scoreSheets,
    db.imports,
    db.caseChunks,
    db.rawChunks,
    db.panelPackages,
    db.auditLog,
    db.ruleCensus,
    db.caseFiles,
    db.caseFileBytes,
    db.caseFilePages,
  ];
  return db.transaction('rw', tables, async () => {
    const existing = await readWorkspace(db);
    if (existing?.packageId === pkg.packageId) return existing;
    if (existing) {
      throw new PackageError(
        `本机已是评查人员“${existing.reviewerName}”在活动“${existing.campaignName}”中的评查工作区，不能再打开另一个评查包。请在另一台电脑或新安装的评查台中打开。数据库未作任何更改。`,
      );
    }
    if ((await db.campaigns.count()) > 0) {
      throw new PackageError(
        '本机已有评查活动数据，评查包只能在新安装的评查台中打开（以免与本机的活动混在一起）。数据库未作任何更改。',
      );
    }
    const importId = randomId('imp_');
    const chunks = toColumnChunks(c.cases, CHUNK_SIZE);
    const departments = [...new Set(c.cases.map((x) => x.department))].sort();
    const importRecord: ImportRecord = {
      id: importId,
      status: 'committed',
      fileName: `评查包：${pkg.campaignName}（${c.reviewer.name}）`,
      sheetName: '评查包',
      sha256: pkg.sha256,
      fileSize: bytes.byteLength,
      encoding: null,
      headerRow: 0,
      headers: [],
      mapping: emptyMapping(),
      defaultDepartment: null,
      defaultCaseType: null,
      departments,
      counts: { rowsRead: c.cases.length, imported: c.cases.length, errors: 0, warnings: 0, excluded: 0 },
      chunkCount: chunks.length,
      startedAt: now,
      committedAt: now,
      isDemo: false,
      insistedDuplicate: false,
    };
    await db.imports.add(importRecord);
    await db.caseChunks.bulkAdd(
      chunks.map((ch, seq) => ({ importId, seq, count: ch.raw.length, ...ch.columns })),
    );
    await db.rawChunks.bulkAdd(chunks.map((ch, seq) => ({ importId, seq, raw: ch.raw })));
    await db.campaigns.put(c.campaign as never);
    await db.standards.bulkPut(c.standards as never[]);
    await db.reviewers.put(c.reviewer as never);
    await db.assignments.put(c.assignment as never);
    await db.scoreSheets.bulkPut(c.sheets as ScoreSheetRow[]);
    const censusNote = !c.census
      ? ''
      : (await storeWorkspaceCensus(db, importId, c.census, c.cases, now))
        ? `，台账体检线索 ${c.census.flags.length} 条`
        : '，台账体检线索未载入（本机评查台的体检规则包与组织单位不同）';
    // The case files, as the office attached them (same hash, same page labels).
    for (const m of manifest) {
      await db.caseFiles.put({
        id: randomId('cf_', 8),
        campaignId: pkg.campaignId,
        itemId: m.itemId,
        name: m.name,
        size: m.size,
        sha256: m.sha256,
        attachedAt: now,
        attachedBy: options.actor,
      });
      await db.caseFileBytes.put({ sha256: m.sha256, bytes: evidence.get(m.sha256)! });
      const labels = manifestLabels(m);
      if (Object.keys(labels).length)
        await db.caseFilePages.put({ sha256: m.sha256, labels, updatedAt: now, updatedBy: pkg.createdBy });
    }
    const workspace: PackageWorkspace = {
      packageId: pkg.packageId,
      campaignId: pkg.campaignId,
      campaignName: pkg.campaignName,
      reviewerId: c.reviewer.id,
      reviewerName: c.reviewer.name,
      itemIds: c.cases.map((x) => x.itemId),
      baseRevisions: c.baseRevisions,
      importId,
      openedAt: now,
      openedBy: options.actor,
      reviewerKey: c.reviewerKey,
      officePublicKey: pkg.signature.publicKey,
      officeFingerprint: keyFingerprint(pkg.signature.publicKey),
      ...(trusted ? { officeName: trusted.office } : {}),
    };
    await db.meta.put({ key: WORKSPACE_META_KEY, value: workspace });
    await db.panelPackages.put(
      packageRow('workspace-open', pkg, c.reviewer, {
        campaignId: pkg.campaignId,
        fileName,
        at: now,
        by: options.actor,
        signedBy: pkg.signature.publicKey,
      }),
    );
    await appendAudit(db, {
      actor: options.actor,
      action: 'package.import',
      objectType: 'panel-package',
      objectId: pkg.packageId,
      summary: `打开评查包“${fileName}”：活动“${pkg.campaignName}”，评查人员 ${c.reviewer.name}，案卷 ${c.cases.length} 件${censusNote}${manifest.length ? `，电子案卷 ${manifest.length} 个（SHA-256 均已核对）` : ''}，组织单位密钥指纹 ${keyFingerprint(pkg.signature.publicKey)}`,
      content: {
        sha256: pkg.sha256,
        kind: pkg.kind,
        signedBy: pkg.signature.publicKey,
        ...(manifest.length
          ? { caseFiles: manifest.map((m) => ({ itemId: m.itemId, name: m.name, sha256: m.sha256 })) }
          : {}),
      },
    });
    return workspace;
  });
}

/** The reviewer's results package (from a workspace). */
export async function exportResultsPackage(
  db: PingchaDatabase,
  options: { actor: string; appVersion: string; now?: () => Date },
): Promise<{ pkg: PanelPackage; bytes: Uint8Array; fileName: string; sheets: number }> {
  const now = (options.now ?? (() => new Date()))().toISOString();
  return db.transaction('rw', [db.meta, db.scoreSheets, db.panelPackages, db.flagDecisions], async () => {
    const ws = await readWorkspace(db);
    if (!ws) throw new PackageError('本机不是评查工作区（没有打开过评查包），无法导出评查结果包。');
    if (!ws.reviewerKey)
      throw new PackageError('本工作区由旧版评查包打开，没有评查人员签名密钥：请组织者重新导出评查包。');
    const sheets = (await db.scoreSheets.where('campaignId').equals(ws.campaignId).toArray()).filter(
      (s) => s.reviewerId === ws.reviewerId && ws.itemIds.includes(s.itemId),
    );
    const content: ResultsContent = {
      kind: 'results',
      basePackageId: ws.packageId,
      reviewerId: ws.reviewerId,
      reviewerName: ws.reviewerName,
      sheets: sheets as ResultsContent['sheets'],
      baseRevisions: ws.baseRevisions,
      flagDecisions: (await listFlagDecisions(db, ws.campaignId))
        .filter((d) => d.reviewerId === ws.reviewerId && ws.itemIds.includes(d.itemId))
        .map(({ id: _id, ...d }) => d),
    };
    const { pkg, bytes } = encodePackage(
      {
        campaignId: ws.campaignId,
        campaignName: ws.campaignName,
        createdAt: now,
        createdBy: options.actor,
        appVersion: options.appVersion,
      },
      content,
      ws.reviewerKey,
    );
    const fileName = packageFileName('results', ws.campaignName, ws.reviewerName);
    await db.panelPackages.put(
      packageRow(
        'results-export',
        pkg,
        { id: ws.reviewerId, name: ws.reviewerName },
        {
          campaignId: ws.campaignId,
          fileName,
          at: now,
          by: options.actor,
        },
      ),
    );
    return { pkg, bytes, fileName, sheets: sheets.length };
  });
}

export interface ResultsPreview {
  pkg: PanelPackage & { kind: 'results' };
  plan: MergePlan;
  /** The very same package (same SHA-256) was imported before: nothing will change. */
  alreadyImported: PanelPackageRow | null;
}

async function planFor(db: PingchaDatabase, pkg: PanelPackage & { kind: 'results' }): Promise<MergePlan> {
  const c = pkg.content;
  const assignment = await db.assignments.get(pkg.campaignId);
  const ids = c.sheets.map((s) => s.id);
  const local = (await db.scoreSheets.bulkGet(ids)).filter((s): s is ScoreSheetRow => s !== undefined);
  const finals = await db.finalResults.where('campaignId').equals(pkg.campaignId).primaryKeys();
  // Calibration files count as assigned to every panel member.
  const campaign = await db.campaigns.get(pkg.campaignId);
  const scorers = assignment ? scorersOf(assignment.record, campaign?.calibrationItemIds) : [];
  return planMerge({
    incoming: c.sheets,
    baseRevisions: c.baseRevisions,
    local: new Map(local.map((s) => [s.id, s as MergeSheet])),
    source: sourceOf(c.basePackageId),
    lockedItemIds: new Set(finals.map((k) => k[1])),
    isAssigned: (itemId, reviewerId) =>
      scorers.some((e) => e.itemId === itemId && e.reviewerIds.includes(reviewerId)),
  });
}

async function decodeResults(db: PingchaDatabase, bytes: Uint8Array, fileName: string) {
  const campaignIds = (await db.campaigns.toCollection().primaryKeys()) as string[];
  if (campaignIds.length === 0)
    throw new PackageError(`本机没有评查活动，无法导入评查结果包“${fileName}”。数据库未作任何更改。`);
  return decodePackage(bytes, fileName, { kind: 'results', campaignIds }) as PanelPackage & {
    kind: 'results';
  };
}

/** The most saves a reviewer can make on one sheet between an assignment package and its results. */
export const MAX_REVISION_STEP = 100_000;

type ResultsPackage = PanelPackage & { kind: 'results' };

/**
 * Who sent it and what it may hold. A results package is taken only if its base is an assignment
 * package this office exported, it is signed with the key handed out in that package, and every
 * sheet is that reviewer's sheet of one of that package's files, passes the scoring engine and
 * has a revision within reach of the base. Returns the package rebuilt from known fields only
 * (unknown fields dropped, base revisions as this office recorded them); throws PackageError
 * naming the file and the sheet otherwise.
 */
async function authenticateResults(
  db: PingchaDatabase,
  pkg: ResultsPackage,
  fileName: string,
): Promise<ResultsPackage> {
  const refused = (why: string) =>
    new PackageError(`评查结果包“${fileName}”未导入：${why}数据库未作任何更改。`);
  const c = pkg.content;
  const base = await db.panelPackages.get(`assignment-export:${c.basePackageId}`);
  if (!base || base.campaignId !== pkg.campaignId)
    throw refused(`它所依据的评查包（编号 ${c.basePackageId}）不是本机为本活动导出的。`);
  if (!base.reviewerPublicKey || !base.itemIds || !base.baseRevisions)
    throw refused(
      `它所依据的评查包（编号 ${c.basePackageId}）由旧版本导出，没有评查人员密钥，请重新导出评查包。`,
    );
  if (c.reviewerId !== base.reviewerId)
    throw refused(
      `结果包自称来自评查人员“${c.reviewerName}”（${c.reviewerId}），但评查包 ${c.basePackageId} 是发给“${base.reviewerName}”的。`,
    );
  if (pkg.signature.publicKey !== base.reviewerPublicKey)
    throw refused(`签名不是发给评查人员“${base.reviewerName}”的密钥所签：结果包被他人改动或伪造。`);
  const campaign = await db.campaigns.get(pkg.campaignId);
  if (!campaign) throw refused('找不到该评查活动。');
  const standards = new Map<string, ReviewStandard>();
  for (const choice of campaign.standards) {
    const row = await db.standards.get([choice.standardId, choice.version]);
    if (row) standards.set(`${row.id}|${row.version}`, row as unknown as ReviewStandard);
  }
  const mine = new Set(base.itemIds);
  const seen = new Set<string>();
  const sheets: ResultsContent['sheets'] = [];
  for (const s of c.sheets) {
    const name = `评分表“${s.id}”`;
    if (!mine.has(s.itemId)) throw refused(`${name}的案卷 ${s.itemId} 没有分配给“${base.reviewerName}”。`);
    const id = sheetIdOf(pkg.campaignId, s.itemId, base.reviewerId);
    if (s.id !== id || s.reviewerId !== base.reviewerId || s.campaignId !== pkg.campaignId)
      throw refused(`${name}的编号与案卷、评查人员不符（应为“${id}”）。`);
    if (seen.has(id)) throw refused(`${name}在包中出现了两次。`);
    seen.add(id);
    const standard = standards.get(`${s.standardId}|${s.standardVersion}`);
    if (!standard)
      throw refused(`${name}使用的评查标准“${s.standardId}”第 ${s.standardVersion} 版不是本活动选定的标准。`);
    const sheet: ScoreSheet = {
      standardId: s.standardId,
      standardVersion: s.standardVersion,
      deductions: s.sheet.deductions.map((d) => ({
        itemId: d.itemId,
        optionId: d.optionId,
        count: d.count,
        problem: d.problem,
        ...(d.pins?.length
          ? { pins: d.pins.map((p) => ({ fileSha256: p.fileSha256, page: p.page, rect: { ...p.rect } })) }
          : {}),
      })),
      vetoes: s.sheet.vetoes.map((v) => ({ vetoId: v.vetoId, reason: v.reason })),
      ...(s.sheet.noProblemsFound ? { noProblemsFound: true as const } : {}),
    };
    // A pin must point at a case file this office attached to that drawn file (same SHA-256).
    const officeFiles = new Set(
      (await db.caseFiles.where('[campaignId+itemId]').equals([pkg.campaignId, s.itemId]).toArray()).map(
        (r) => r.sha256,
      ),
    );
    for (const d of sheet.deductions)
      for (const p of d.pins ?? [])
        if (!officeFiles.has(p.fileSha256))
          throw refused(
            `${name}中扣分“${d.problem || d.optionId}”标注的第 ${p.page + 1} 页所在的电子案卷（SHA-256 ${p.fileSha256.slice(0, 12)}…）与本机为该案卷登记的文件不符，标注无法核对。`,
          );
    const score = scoreCaseFile(standard, sheet);
    // A draft may still miss a description; everything else must be right, and a submitted sheet complete.
    const errors = score.errors.filter(
      (e) => s.status === 'submitted' || (e.code !== 'missing-problem' && e.code !== 'missing-veto-reason'),
    );
    if (errors.length > 0) throw refused(`${name}不符合评查标准：${errors[0]!.message}。`);
    const baseRevision = base.baseRevisions[id] ?? 0;
    if (s.revision > baseRevision + MAX_REVISION_STEP)
      throw refused(`${name}的修改次数 ${s.revision} 不可信（评查包导出时为 ${baseRevision}）。`);
    sheets.push({
      id,
      campaignId: pkg.campaignId,
      itemId: s.itemId,
      reviewerId: base.reviewerId,
      standardId: s.standardId,
      standardVersion: s.standardVersion,
      sheet,
      status: s.status,
      revision: s.revision,
      // Who and when are the merge's to say: the reviewer the office assigned this package to, and
      // no time later than the package was made (a package cannot set them to anything it likes).
      updatedAt:
        s.updatedAt <= pkg.createdAt && !Number.isNaN(Date.parse(s.updatedAt)) ? s.updatedAt : pkg.createdAt,
      updatedBy: base.reviewerName,
      submittedAt: s.status === 'submitted' ? s.submittedAt : null,
      origin: s.origin,
    });
  }
  const flagDecisions: PackageFlagDecision[] = [];
  for (const d of c.flagDecisions ?? []) {
    const name = `台账体检线索决定（案卷 ${d.itemId}，规则 ${d.ruleId}）`;
    if (!mine.has(d.itemId)) throw refused(`${name}的案卷没有分配给“${base.reviewerName}”。`);
    if (d.reviewerId !== base.reviewerId || d.campaignId !== pkg.campaignId)
      throw refused(`${name}不是“${base.reviewerName}”在本活动中作出的。`);
    flagDecisions.push({ ...d, reason: d.decision === 'dismissed' ? d.reason.trim() : '' });
  }
  return {
    ...pkg,
    content: {
      kind: 'results',
      basePackageId: c.basePackageId,
      reviewerId: base.reviewerId,
      reviewerName: base.reviewerName,
      sheets,
      baseRevisions: base.baseRevisions,
      flagDecisions,
    },
  };
}

function sheetIdOf(campaignId: string, itemId: string, reviewerId: string): string {
  return `${campaignId}|${itemId}|${reviewerId}`;
}

/**
 * Inside the preview's or the import's transaction: the authenticated results package, its merge plan, and
 * the earlier import of these very bytes (same SHA-256), if any.
 */
async function planResults(
  db: PingchaDatabase,
  decoded: Awaited<ReturnType<typeof decodeResults>>,
  fileName: string,
): Promise<ResultsPreview> {
  const pkg = await authenticateResults(db, decoded, fileName);
  const before = await db.panelPackages.get(`results-import:${pkg.packageId}`);
  return {
    pkg,
    plan: await planFor(db, pkg),
    alreadyImported: before && before.sha256 === pkg.sha256 ? before : null,
  };
}

/** What importing a results package would do (no writes): counts and conflicts with both versions. */
export async function previewResultsPackage(
  db: PingchaDatabase,
  bytes: Uint8Array,
  fileName: string,
): Promise<ResultsPreview> {
  const decoded = await decodeResults(db, bytes, fileName);
  return db.transaction(
    'r',
    [
      db.assignments,
      db.scoreSheets,
      db.finalResults,
      db.panelPackages,
      db.campaigns,
      db.standards,
      db.caseFiles,
    ],
    () => planResults(db, decoded, fileName),
  );
}

export interface ImportResultsOptions {
  actor: string;
  choices?: Readonly<Record<string, ConflictChoice>>;
  now?: () => Date;
  /** Test hook: runs inside the transaction after the sheets are written (throw = page closed). */
  beforeCommit?: () => void;
}

/** Merges a results package in ONE transaction (re-planned inside it); idempotent. */
export async function importResultsPackage(
  db: PingchaDatabase,
  bytes: Uint8Array,
  fileName: string,
  options: ImportResultsOptions,
): Promise<{ plan: MergePlan; written: number; alreadyImported: boolean }> {
  const started = performance.now();
  const decoded = await decodeResults(db, bytes, fileName);
  const at = (options.now ?? (() => new Date()))().toISOString();
  const result = await db.transaction(
    'rw',
    [
      db.assignments,
      db.scoreSheets,
      db.finalResults,
      db.panelPackages,
      db.auditLog,
      db.campaigns,
      db.standards,
      db.flagDecisions,
      db.caseFiles,
    ],
    async () => {
      const { pkg, plan, alreadyImported } = await planResults(db, decoded, fileName);
      if (alreadyImported) return { plan, written: 0, alreadyImported: true };
      const source = sourceOf(pkg.content.basePackageId);
      const rows = resolveMerge(plan, options.choices ?? {}, source);
      await db.scoreSheets.bulkPut(rows as ScoreSheetRow[]);
      const decisions = newerFlagDecisions(
        await listFlagDecisions(db, pkg.campaignId),
        pkg.content.flagDecisions ?? [],
      );
      await db.flagDecisions.bulkPut(decisions);
      await db.panelPackages.put(
        packageRow(
          'results-import',
          pkg,
          { id: pkg.content.reviewerId, name: pkg.content.reviewerName },
          {
            campaignId: pkg.campaignId,
            fileName,
            at,
            by: options.actor,
            counts: plan.counts,
            signedBy: pkg.signature.publicKey,
          },
        ),
      );
      const k = plan.counts;
      await appendAudit(db, {
        actor: options.actor,
        action: 'package.import',
        objectType: 'panel-package',
        objectId: pkg.packageId,
        summary: `导入评查结果包“${fileName}”（评查人员 ${pkg.content.reviewerName}）：新增 ${k.add}，更新 ${k.update}，冲突 ${k.conflict}，未变 ${k.unchanged}，已定稿未改 ${k.locked}，未分配未改 ${k['not-assigned']}`,
        content: {
          sha256: pkg.sha256,
          choices: options.choices ?? {},
          written: rows.map((r) => ({ id: r.id, revision: r.revision, origin: r.origin })),
          flagDecisions: decisions,
        },
      });
      options.beforeCommit?.();
      return { plan, written: rows.length, alreadyImported: false };
    },
  );
  // Read by the bench: decode + plan + write, committed.
  performance.measure(PACKAGE_MERGE_MEASURE, { start: started, end: performance.now() });
  return result;
}

export const PACKAGE_MERGE_MEASURE = 'pingcha:package-merge';

export async function listPanelPackages(
  db: PingchaDatabase,
  campaignId?: string,
): Promise<PanelPackageRow[]> {
  const rows = campaignId
    ? await db.panelPackages.where('campaignId').equals(campaignId).toArray()
    : await db.panelPackages.toArray();
  return rows.sort((a, b) => b.at.localeCompare(a.at));
}

/** Each reviewer of a campaign with the files assigned to them and how many sheets they have, for 评查包. */
export async function reviewerPackageSummaries(
  db: PingchaDatabase,
  campaignId: string,
): Promise<(ReviewerRow & { files: string[]; sheets: number; evidence: PackageEvidenceSize })[]> {
  const [reviewers, assignment, sheets] = await Promise.all([
    db.reviewers.where('campaignId').equals(campaignId).toArray(),
    db.assignments.get(campaignId),
    db.scoreSheets.where('campaignId').equals(campaignId).toArray(),
  ]);
  return Promise.all(
    reviewers.map(async (r) => ({
      ...r,
      files: assignment?.record.result.filter((e) => e.reviewerIds.includes(r.id)).map((e) => e.itemId) ?? [],
      sheets: sheets.filter((s) => s.reviewerId === r.id).length,
      // The case files that travel with this reviewer's assignment package (shown before export).
      evidence: await assignmentEvidenceSize(db, campaignId, r.id),
    })),
  );
}
