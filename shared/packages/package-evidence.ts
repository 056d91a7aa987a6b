// Case files travelling with an assignment package (issue 27). A package without case files stays
// what it always was (gzip'd signed JSON). With case files it becomes a ZIP (stored: scans are
// compressed already) holding the signed package and the files by their SHA-256; the signed
// manifest (content.caseFiles) names each file and its hash, so the ZIP itself needs no signature.
// A package over the part limit (2 GB) is split into parts: part 1 holds the signed package, every
// part a small descriptor naming the package and its part number; a single file over the limit is
// refused. Opening checks every part is there and every file against the signed hash.
import { unzipSync, zipSync, type Zippable } from 'fflate';
import type { CaseFileManifestEntry } from '../case-files/case-file-manifest';
import { formatBytes as formatByteSize } from '../ledger/limits';
import { PackageError } from './panel-package';

/** The largest part file written: 2 GB (what FAT32 sticks and many mail gateways take, and a browser buffer). */
export const MAX_PART_BYTES = 2 * 1024 ** 3;

const PACKAGE_ENTRY = 'pingcha-package.json.gz';
const PART_ENTRY = 'pingcha-package-part.json';
const FILE_DIR = 'case-files/';
const PART_FORMAT = 'pingcha.panel-package-part';
// Local header + central directory record per entry, plus the name twice (a generous bound).
const entryOverhead = (name: string) => 128 + 2 * name.length;

export interface PackagePartFile {
  name: string;
  bytes: Uint8Array;
}

export interface EvidenceFile {
  sha256: string;
  name: string;
  bytes: Uint8Array;
}

interface PartDescriptor {
  format: typeof PART_FORMAT;
  packageId: string;
  part: number;
  parts: number;
}

const REFUSED = '评查包未打开，数据库未作任何更改。';

function partName(fileName: string, part: number, parts: number): string {
  if (parts === 1) return fileName;
  const dot = fileName.lastIndexOf('.');
  return `${fileName.slice(0, dot)}（第${part}卷，共${parts}卷）${fileName.slice(dot)}`;
}

/** Room kept in part 1 for the signed package (gzip'd JSON: kilobytes for a real panel). */
export function packageReserve(limit: number): number {
  return Math.min(16 * 1024 ** 2, Math.floor(limit / 4));
}

/** How many part files a package of this size (signed package + files) needs; throws for a file over the limit. */
export function planParts(
  packageSize: number,
  files: readonly { name: string; sha256: string; size: number }[],
  limit = MAX_PART_BYTES,
): number[][] {
  const parts: number[][] = [[]];
  // Part 1 keeps room for the signed package whatever its size, so the plan shown before export
  // (made without it) is the plan the export follows.
  let used = Math.max(packageSize, packageReserve(limit)) + entryOverhead(PACKAGE_ENTRY) + 512;
  files.forEach((f, i) => {
    const need = f.size + entryOverhead(FILE_DIR + f.sha256);
    if (need + 512 > limit)
      throw new PackageError(
        `电子案卷“${f.name}”有 ${formatByteSize(f.size)}，超过评查包单个分卷的上限 ${formatByteSize(limit)}，无法放入评查包。请拆分该文件或降低扫描分辨率后重新附卷。评查包未导出。`,
      );
    if (used + need > limit) {
      parts.push([]);
      used = 512;
    }
    parts.at(-1)!.push(i);
    used += need;
  });
  return parts;
}

/**
 * The files to save for a package: the package alone when it carries no case files, else one ZIP
 * per part (each at most `limit` bytes), named "…（第2卷，共3卷）.pingcha-package".
 */
export function packEvidence(
  packageBytes: Uint8Array,
  packageId: string,
  fileName: string,
  files: readonly EvidenceFile[],
  limit = MAX_PART_BYTES,
): PackagePartFile[] {
  if (files.length === 0) return [{ name: fileName, bytes: packageBytes }];
  const plan = planParts(
    packageBytes.length,
    files.map((f) => ({ name: f.name, sha256: f.sha256, size: f.bytes.length })),
    limit,
  );
  return plan.map((indexes, p) => {
    const descriptor: PartDescriptor = { format: PART_FORMAT, packageId, part: p + 1, parts: plan.length };
    const entries: Zippable = {
      [PART_ENTRY]: new TextEncoder().encode(JSON.stringify(descriptor)),
    };
    if (p === 0) entries[PACKAGE_ENTRY] = packageBytes;
    for (const i of indexes) entries[FILE_DIR + files[i]!.sha256] = files[i]!.bytes;
    return { name: partName(fileName, p + 1, plan.length), bytes: zipSync(entries, { level: 0 }) };
  });
}

const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 3 && b[3] === 4;

export interface UnpackedPackage {
  /** The signed package (gzip'd JSON), for decodePackage. */
  packageBytes: Uint8Array;
  /** The name of the file that held it (for messages). */
  fileName: string;
  /** The case files the parts carried, by the SHA-256 their entry names (checked by checkEvidence). */
  files: Map<string, Uint8Array>;
}

/** Reads the chosen file(s) of a package: a plain package, or all parts of one with case files. */
export function unpackPackageFiles(chosen: readonly PackagePartFile[]): UnpackedPackage {
  if (chosen.length === 1 && !isZip(chosen[0]!.bytes))
    return { packageBytes: chosen[0]!.bytes, fileName: chosen[0]!.name, files: new Map() };
  const files = new Map<string, Uint8Array>();
  const seen = new Map<number, string>();
  let packageId: string | null = null;
  let parts = 0;
  let main: { bytes: Uint8Array; name: string } | null = null;
  for (const f of chosen) {
    if (!isZip(f.bytes))
      throw new PackageError(`文件“${f.name}”不是评查包的分卷（请只选同一评查包的各分卷）。${REFUSED}`);
    let entries: Record<string, Uint8Array>;
    try {
      entries = unzipSync(f.bytes);
    } catch {
      throw new PackageError(`文件“${f.name}”已损坏或不完整（可能只复制了一部分）。${REFUSED}`);
    }
    let d: Partial<PartDescriptor> | null = null;
    try {
      d = JSON.parse(new TextDecoder().decode(entries[PART_ENTRY])) as Partial<PartDescriptor>;
    } catch {
      d = null;
    }
    if (!d || d.format !== PART_FORMAT || typeof d.packageId !== 'string' || !d.part || !d.parts)
      throw new PackageError(`文件“${f.name}”不是评查台的评查包。${REFUSED}`);
    if (packageId !== null && (d.packageId !== packageId || d.parts !== parts))
      throw new PackageError(`所选文件不属于同一个评查包（“${f.name}”属于另一个评查包）。${REFUSED}`);
    packageId = d.packageId;
    parts = d.parts;
    if (seen.has(d.part))
      throw new PackageError(
        `“${f.name}”与“${seen.get(d.part)}”是同一分卷（第${d.part}卷），请各选一次。${REFUSED}`,
      );
    seen.set(d.part, f.name);
    for (const [entry, bytes] of Object.entries(entries)) {
      if (entry === PACKAGE_ENTRY) main = { bytes, name: f.name };
      else if (entry.startsWith(FILE_DIR)) files.set(entry.slice(FILE_DIR.length), bytes);
    }
  }
  const missing = Array.from({ length: parts }, (_, i) => i + 1).filter((p) => !seen.has(p));
  if (missing.length > 0)
    throw new PackageError(
      `该评查包共 ${parts} 卷，还缺第 ${missing.join('、')} 卷：请把各分卷放在一起，一次全部选中后再打开。${REFUSED}`,
    );
  if (!main) throw new PackageError(`所选分卷中没有评查包的签名内容（第1卷已损坏）。${REFUSED}`);
  return { packageBytes: main.bytes, fileName: main.name, files };
}

/**
 * Every case file the signed manifest names, checked against its hash; throws (Chinese, store
 * untouched) for a missing, altered or unlisted file.
 */
export async function checkEvidence(
  manifest: readonly CaseFileManifestEntry[],
  files: ReadonlyMap<string, Uint8Array>,
  hash: (bytes: Uint8Array) => Promise<string> | string,
): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  for (const entry of manifest) {
    if (out.has(entry.sha256)) continue;
    const bytes = files.get(entry.sha256);
    if (!bytes)
      throw new PackageError(
        `评查包缺少电子案卷“${entry.name}”（SHA-256 ${entry.sha256.slice(0, 12)}…）。${REFUSED}`,
      );
    if (bytes.length !== entry.size || (await hash(bytes)) !== entry.sha256)
      throw new PackageError(
        `评查包中的电子案卷“${entry.name}”与签名清单中的 SHA-256 不符：文件在导出后被替换或损坏。${REFUSED}`,
      );
    out.set(entry.sha256, bytes);
  }
  const listed = new Set(manifest.map((e) => e.sha256));
  const stray = [...files.keys()].find((k) => !listed.has(k));
  if (stray)
    throw new PackageError(
      `评查包中有一个签名清单未列出的文件（${stray.slice(0, 12)}…），可能被人夹带。${REFUSED}`,
    );
  return out;
}
