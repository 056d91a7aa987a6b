// Panel packages (评查包): files that carry a reviewer's work between laptops without a network.
// An assignment package goes from the coordinator to one reviewer (campaign, frozen standards, the
// reviewer's files and identity, their existing sheets); a results package comes back with the
// reviewer's sheets. Every package is gzip'd canonical JSON with its campaign id, format version
// and the SHA-256 of its content; anything else (truncated, altered, unknown) is refused.
// Every package is signed (Ed25519): an assignment package by the office key, and it hands the
// reviewer their own key; a results package by that reviewer key. decodePackage checks that the
// signature matches the package; WHO must have signed is the receiver's check (the office knows
// which reviewer key it issued with which assignment package: renderer/db/package-repository.ts).
import { gunzipSync, gzipSync } from 'fflate';
import { z } from 'zod';
import { sha256Hex, type Sha256Hex } from '../crypto/sha256';
import { canonicalTyped, parseTyped } from '../backup/typed-json';
import { scoreSheetSchema } from '../review/scoring-engine';
import { publicKeyOf, signText, verifyText, type SigningKeyPair } from '../crypto/signing';
import { rulePackSettingsSchema } from '../rules/rule-pack';
import { caseFileManifestEntrySchema } from '../case-files/case-file-manifest';

export const PACKAGE_FORMAT = 'pingcha.panel-package';
export const PACKAGE_FORMAT_VERSION = 2;
export const PACKAGE_EXTENSION = 'pingcha-package';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const packageSheetSchema = z.looseObject({
  id: z.string().min(1),
  campaignId: z.string().min(1),
  itemId: z.string().min(1),
  reviewerId: z.string().min(1),
  standardId: z.string().min(1),
  standardVersion: z.number().int().min(1),
  sheet: scoreSheetSchema,
  status: z.enum(['draft', 'submitted']),
  revision: z.number().int().min(0),
  updatedAt: z.string(),
  updatedBy: z.string(),
  submittedAt: z.string().nullable(),
  origin: z.string(),
});
export type PackageSheet = z.infer<typeof packageSheetSchema>;

export const packageCaseSchema = z.object({
  itemId: z.string().min(1),
  caseNo: z.string(),
  department: z.string(),
  caseType: z.string(),
  cause: z.string(),
  party: z.string(),
  filedDate: z.string().nullable(),
  closedDate: z.string().nullable(),
  amountFen: z.number().nullable(),
  officer: z.string(),
  certNo: z.string(),
  sourceRow: z.number().int(),
  raw: z.array(z.string()),
});
export type PackageCase = z.infer<typeof packageCaseSchema>;

const reviewerSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().min(1),
  unit: z.string(),
  role: z.string(),
  conflicts: z.array(z.string()),
  campaignId: z.string().min(1),
});

/**
 * The 台账体检 flags of the reviewer's files (issue 26), so the score sheet shows its hints on the laptop: the
 * office's rule settings (the laptop runs the same pack: its SHA-256 must match), the rules by id and each flag
 * by file, rule index, sentence and the office's census date (UTC ISO; absent in packages from before that
 * carried no date). Absent in packages from before, or when the office's census is stale.
 */
export const packageCensusSchema = z
  .object({
    packSha256: hex64,
    packSettings: rulePackSettingsSchema,
    ruleIds: z.array(z.string().min(1)),
    flags: z.array(
      z.object({
        itemId: z.string().min(1),
        rule: z.number().int().min(0),
        sentence: z.string().min(1),
        checkedAt: z.iso.datetime().optional(),
      }),
    ),
  })
  .refine((c) => c.flags.every((f) => f.rule < c.ruleIds.length), {
    message: '台账体检线索指向不存在的规则',
    path: ['flags'],
  });
export type PackageCensus = z.infer<typeof packageCensusSchema>;

export const assignmentContentSchema = z.object({
  kind: z.literal('assignment'),
  campaign: z.looseObject({ id: z.string().min(1), name: z.string(), year: z.number() }),
  standards: z.array(z.looseObject({ id: z.string().min(1), version: z.number().int() })),
  reviewer: reviewerSchema,
  /** The coordinator's assignment record cut down to this reviewer's files. */
  assignment: z.looseObject({
    campaignId: z.string().min(1),
    record: z.looseObject({
      result: z.array(z.object({ itemId: z.string(), reviewerIds: z.array(z.string()) })),
    }),
  }),
  cases: z.array(packageCaseSchema),
  sheets: z.array(packageSheetSchema),
  /** Sheet id -> its revision on the coordinator's machine when the package was made (0: none yet). */
  baseRevisions: z.record(z.string(), z.number().int().min(0)),
  /** The reviewer's own signing key for their results package (the office keeps the public half). */
  reviewerKey: z.object({ secretKey: hex64, publicKey: hex64 }),
  census: packageCensusSchema.optional(),
  /** The case files of the reviewer's files that travel with the package (issue 27; absent: none). */
  caseFiles: z.array(caseFileManifestEntrySchema).optional(),
});
export type AssignmentContent = z.infer<typeof assignmentContentSchema>;

/** A reviewer's decision on a 台账体检 flag of one of their files (issue 26); a dismissal names its reason. */
export const packageFlagDecisionSchema = z
  .object({
    campaignId: z.string().min(1),
    itemId: z.string().min(1),
    ruleId: z.string().min(1),
    sentence: z.string(),
    decision: z.enum(['confirmed', 'dismissed']),
    reason: z.string(),
    standardItemId: z.string().nullable(),
    reviewerId: z.string().min(1),
    by: z.string().min(1),
    at: z.iso.datetime({ offset: true }),
  })
  .refine((d) => d.decision === 'confirmed' || d.reason.trim() !== '', {
    message: '不予采纳台账体检线索须写明理由',
    path: ['reason'],
  });
export type PackageFlagDecision = z.infer<typeof packageFlagDecisionSchema>;

export const resultsContentSchema = z.object({
  kind: z.literal('results'),
  /** The assignment package this workspace was opened from. */
  basePackageId: z.string().min(1),
  reviewerId: z.string().min(1),
  reviewerName: z.string(),
  sheets: z.array(packageSheetSchema),
  baseRevisions: z.record(z.string(), z.number().int().min(0)),
  /** The reviewer's decisions on 台账体检 flags (absent in packages from before issue 26). */
  flagDecisions: z.array(packageFlagDecisionSchema).optional(),
});
export type ResultsContent = z.infer<typeof resultsContentSchema>;

const envelopeSchema = z.object({
  format: z.literal(PACKAGE_FORMAT),
  formatVersion: z.number().int(),
  packageId: z.string().min(1),
  kind: z.enum(['assignment', 'results']),
  campaignId: z.string().min(1),
  campaignName: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  appVersion: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  content: z.unknown(),
  /** Ed25519 over packageSigningText (every field above). */
  signature: z.object({ publicKey: hex64, value: z.string().regex(/^[0-9a-f]{128}$/) }),
});

export type PanelPackage =
  | (Omit<z.infer<typeof envelopeSchema>, 'kind' | 'content'> & {
      kind: 'assignment';
      content: AssignmentContent;
    })
  | (Omit<z.infer<typeof envelopeSchema>, 'kind' | 'content'> & { kind: 'results'; content: ResultsContent });

export class PackageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PackageError';
  }
}

export function packageDigest(content: unknown, sha: Sha256Hex = sha256Hex): string {
  return sha(canonicalTyped(content));
}

/** What a package's signature signs: the canonical JSON of its envelope (content digest included). */
export function packageSigningText(envelope: Record<string, unknown>): string {
  const { signature: _signature, content: _content, ...rest } = envelope;
  return `pingcha.panel-package:${canonicalTyped(rest)}`;
}

export function newPackageId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  return 'pkg_' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface PackageHeader {
  packageId?: string;
  campaignId: string;
  campaignName: string;
  createdAt: string;
  createdBy: string;
  appVersion: string;
}

/** A package as it is before its signature: envelope and content with the content digest. */
export type UnsignedPackage = Omit<PanelPackage, 'signature'>;

/** The package's envelope around `content` (what the signature will sign, with its digest). */
export function packageEnvelope(
  header: PackageHeader,
  content: AssignmentContent | ResultsContent,
  sha: Sha256Hex = sha256Hex,
): UnsignedPackage {
  return {
    format: PACKAGE_FORMAT,
    formatVersion: PACKAGE_FORMAT_VERSION,
    packageId: header.packageId ?? newPackageId(),
    kind: content.kind,
    campaignId: header.campaignId,
    campaignName: header.campaignName,
    createdAt: header.createdAt,
    createdBy: header.createdBy,
    appVersion: header.appVersion,
    sha256: packageDigest(content, sha),
    content,
  } as UnsignedPackage;
}

/** The package with its signature (made over packageSigningText of the envelope), and its bytes. */
export function sealPackage(
  unsigned: UnsignedPackage,
  signature: { publicKey: string; value: string },
): { pkg: PanelPackage; bytes: Uint8Array } {
  const pkg = { ...unsigned, signature } as PanelPackage;
  return { pkg, bytes: gzipSync(new TextEncoder().encode(canonicalTyped(pkg)), { level: 6 }) };
}

export function encodePackage(
  header: PackageHeader,
  content: AssignmentContent | ResultsContent,
  signer: SigningKeyPair,
  sha: Sha256Hex = sha256Hex,
): { pkg: PanelPackage; bytes: Uint8Array } {
  const unsigned = packageEnvelope(header, content, sha);
  return sealPackage(unsigned, {
    publicKey: signer.publicKey,
    value: signText(signer.secretKey, packageSigningText(unsigned)),
  });
}

const REFUSED = '评查包未导入，数据库未作任何更改。';

/** The largest package (inflated) the app opens: far above any real panel's, far below a zip bomb's. */
export const MAX_PACKAGE_BYTES = 128 * 1024 * 1024;

/**
 * Reads a package file; throws PackageError (Chinese, names the file) when it is truncated,
 * altered, not a package, of an unknown version, or not the expected kind/campaign.
 */
export function decodePackage(
  bytes: Uint8Array,
  fileName: string,
  expect: { kind?: 'assignment' | 'results'; campaignIds?: readonly string[] } = {},
  sha: Sha256Hex = sha256Hex,
): PanelPackage {
  // The size the gzip trailer declares bounds the inflation: a package declaring more than any real
  // one is refused before inflating, and one lying about its size is cut at it (and then fails).
  const n = bytes.byteLength;
  const declared =
    n >= 18
      ? (bytes[n - 4]! | (bytes[n - 3]! << 8) | (bytes[n - 2]! << 16) | (bytes[n - 1]! << 24)) >>> 0
      : 0;
  if (declared > MAX_PACKAGE_BYTES)
    throw new PackageError(
      `文件“${fileName}”已损坏、不完整或被改动过：它声明解压后有 ${declared} 字节，超过评查包允许的 ${MAX_PACKAGE_BYTES} 字节，未解压。${REFUSED}`,
    );
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(
      gunzipSync(bytes, { out: new Uint8Array(declared) }),
    );
  } catch {
    throw new PackageError(`文件“${fileName}”已损坏、不完整（可能只复制了一部分）或不是评查包。${REFUSED}`);
  }
  let json: unknown;
  try {
    json = parseTyped(text);
  } catch {
    throw new PackageError(`文件“${fileName}”的内容不完整，无法读取。${REFUSED}`);
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) {
    const format = (json as { format?: unknown } | null)?.format;
    throw new PackageError(
      format === PACKAGE_FORMAT
        ? `文件“${fileName}”的评查包信息不完整（${envelope.error.issues[0]?.path.join('.') ?? ''}）。${REFUSED}`
        : `文件“${fileName}”不是评查台的评查包。${REFUSED}`,
    );
  }
  const e = envelope.data;
  if (e.formatVersion !== PACKAGE_FORMAT_VERSION) {
    throw new PackageError(
      `文件“${fileName}”是第 ${e.formatVersion} 版格式的评查包，本程序只能读取第 ${PACKAGE_FORMAT_VERSION} 版${e.formatVersion > PACKAGE_FORMAT_VERSION ? '，请先升级评查台' : ''}。${REFUSED}`,
    );
  }
  if (packageDigest(e.content, sha) !== e.sha256) {
    throw new PackageError(
      `文件“${fileName}”的 SHA-256 校验值与内容不符：评查包在导出后被改动过。${REFUSED}`,
    );
  }
  if (!verifyText(e.signature.publicKey, packageSigningText(e), e.signature.value)) {
    throw new PackageError(
      `文件“${fileName}”的签名无效：评查包在签名后被改动过，或不是由评查台签名的。${REFUSED}`,
    );
  }
  const content = (e.kind === 'assignment' ? assignmentContentSchema : resultsContentSchema).safeParse(
    e.content,
  );
  if (!content.success) {
    throw new PackageError(
      `文件“${fileName}”的评查包内容格式不对（${content.error.issues[0]?.path.join('.') ?? ''}）。${REFUSED}`,
    );
  }
  if (expect.kind && e.kind !== expect.kind) {
    throw new PackageError(
      expect.kind === 'results'
        ? `文件“${fileName}”是发给评查人员的评查包，不是评查结果包。${REFUSED}`
        : `文件“${fileName}”是评查结果包，应由活动组织者导入，不能用来打开评查工作区。${REFUSED}`,
    );
  }
  if (expect.campaignIds && !expect.campaignIds.includes(e.campaignId)) {
    throw new PackageError(
      `文件“${fileName}”属于另一个评查活动（“${e.campaignName}”，编号 ${e.campaignId}），与本机的评查活动不符。${REFUSED}`,
    );
  }
  if (
    content.data.kind === 'assignment' &&
    publicKeyOf(content.data.reviewerKey.secretKey) !== content.data.reviewerKey.publicKey
  ) {
    throw new PackageError(`文件“${fileName}”中的评查人员密钥已损坏。${REFUSED}`);
  }
  const sheets = content.data.sheets;
  const stray = sheets.find(
    (s) =>
      s.campaignId !== e.campaignId ||
      s.reviewerId !==
        (content.data.kind === 'assignment' ? content.data.reviewer.id : content.data.reviewerId),
  );
  if (stray) {
    throw new PackageError(`文件“${fileName}”中的评分表“${stray.id}”不属于本包的活动或评查人员。${REFUSED}`);
  }
  return { ...e, content: content.data } as PanelPackage;
}

/** Suggested file names. */
export function packageFileName(
  kind: 'assignment' | 'results',
  campaignName: string,
  reviewerName: string,
): string {
  const clean = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 40);
  return `${kind === 'assignment' ? '评查包' : '评查结果包'}-${clean(campaignName)}-${clean(reviewerName)}.${PACKAGE_EXTENSION}`;
}
