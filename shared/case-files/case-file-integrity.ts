// Every stored 电子案卷 against the SHA-256 it was attached with (issue 27): what a restore refuses
// and `pingcha log verify` reports. A file's bytes are kept under their hash, so bytes whose hash is
// not their key were altered, and an attached file without bytes lost its content.

type Hasher = (bytes: Uint8Array) => Promise<string> | string;

interface FileRow {
  name?: unknown;
  sha256?: unknown;
  size?: unknown;
}
interface BytesRow {
  sha256?: unknown;
  bytes?: unknown;
}

/** The problems found (Chinese, one line each; empty when every file matches its hash). */
export async function caseFileProblems(
  files: readonly unknown[],
  bytesRows: readonly unknown[],
  hash: Hasher,
  /** The content was left out on purpose (a backup made without case files): absent bytes are no problem. */
  options: { contentOmitted?: boolean } = {},
): Promise<string[]> {
  const out: string[] = [];
  const nameOf = new Map<string, string>();
  for (const f of files as FileRow[])
    if (typeof f.sha256 === 'string' && typeof f.name === 'string') nameOf.set(f.sha256, f.name);
  const held = new Map<string, number>();
  for (const r of bytesRows as BytesRow[]) {
    const key = String(r.sha256);
    const label = nameOf.has(key)
      ? `电子案卷“${nameOf.get(key)}”`
      : `电子案卷文件（SHA-256 ${key.slice(0, 12)}…）`;
    if (!(r.bytes instanceof Uint8Array)) {
      out.push(`${label}的内容无法读取`);
      continue;
    }
    if ((await hash(r.bytes)) !== key)
      out.push(`${label}的内容与附卷时登记的 SHA-256 不符（已被改动或损坏）`);
    held.set(key, r.bytes.length);
  }
  for (const f of files as FileRow[]) {
    const key = String(f.sha256);
    if (!held.has(key)) {
      if (!options.contentOmitted)
        out.push(`电子案卷“${String(f.name)}”缺少文件内容（SHA-256 ${key.slice(0, 12)}…）`);
    } else if (typeof f.size === 'number' && held.get(key) !== f.size)
      out.push(`电子案卷“${String(f.name)}”的大小与登记不符`);
  }
  return [...new Set(out)];
}
