// Where bulk-attached case files come from: several chosen files, or ZIP archives of them. ZIPs
// made on Chinese Windows store names in GBK without the UTF-8 flag; those names are decoded here.
import { unzipSync } from 'fflate';
import { sortByPinyin } from '../util/pinyin-sort';
import { isPageImageName, type ImagePage } from './image-page-sets';

export interface SourceFile {
  name: string;
  bytes: Uint8Array;
}

/** Kinds of case file the app stores (PDF for now). */
export function isCaseFileName(name: string): boolean {
  return /\.pdf$/i.test(name);
}

/** A ZIP entry name read by fflate as Latin-1 (no UTF-8 flag) decoded as UTF-8 or GBK. */
export function decodeZipName(name: string): string {
  const codes = Array.from(name, (c) => c.charCodeAt(0));
  if (!codes.some((c) => c >= 0x80) || codes.some((c) => c > 0xff)) return name;
  const bytes = Uint8Array.from(codes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    try {
      return new TextDecoder('gbk', { fatal: true }).decode(bytes);
    } catch {
      return name;
    }
  }
}

/** A ZIP's files with their decoded paths (folders, macOS metadata left out). */
function zipEntries(zipName: string, bytes: Uint8Array): ImagePage[] | { error: string } {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (f) => !f.name.endsWith('/') && !/(^|\/)(__MACOSX|\._)/.test(f.name),
    });
  } catch {
    return { error: `“${zipName}”不是完整的 ZIP 压缩包，未读取其中的文件。` };
  }
  return Object.entries(entries).map(([raw, data]) => ({ path: decodeZipName(raw), bytes: data }));
}

/** The case files in a ZIP (folders, macOS metadata and other kinds left out), names without folders. */
export function caseFilesInZip(zipName: string, bytes: Uint8Array): SourceFile[] | { error: string } {
  const entries = zipEntries(zipName, bytes);
  if ('error' in entries) return entries;
  const out: SourceFile[] = [];
  for (const { path, bytes: data } of entries) {
    const name = path.replace(/^.*\//, '');
    if (isCaseFileName(name)) out.push({ name, bytes: data });
  }
  return sortByPinyin(out, (f) => f.name);
}

/**
 * Chosen files expanded: ZIPs opened, case files kept, JPEG/PNG page images gathered (with their
 * folders: image-page-sets.ts makes one case file of each set), anything else named as skipped.
 */
export function expandSources(files: readonly SourceFile[]): {
  files: SourceFile[];
  images: ImagePage[];
  skipped: string[];
} {
  const out: SourceFile[] = [];
  const images: ImagePage[] = [];
  const skipped: string[] = [];
  for (const f of files) {
    if (/\.zip$/i.test(f.name)) {
      const entries = zipEntries(f.name, f.bytes);
      if ('error' in entries) {
        skipped.push(entries.error);
        continue;
      }
      const pdfs: SourceFile[] = [];
      for (const e of entries) {
        const name = e.path.replace(/^.*\//, '');
        if (isCaseFileName(name)) pdfs.push({ name, bytes: e.bytes });
        else if (isPageImageName(name)) images.push(e);
      }
      out.push(...sortByPinyin(pdfs, (p) => p.name));
    } else if (isCaseFileName(f.name)) out.push(f);
    else if (isPageImageName(f.name)) images.push({ path: f.name, bytes: f.bytes });
    else skipped.push(`“${f.name}”不是 PDF、JPEG/PNG 图片或 ZIP 文件，已跳过。`);
  }
  return { files: out, images, skipped };
}
