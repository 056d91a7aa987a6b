// 电子案卷 as page images (issue 27): a scanner that writes one JPEG or PNG per page gives a folder of
// images for each 案卷. The images of one 案卷 become one PDF, pages in name order (“2.jpg” before
// “10.jpg”), so the rest of the app (viewer, pins, hashes, packages) sees a PDF like any other.
// One set per folder (a folder named by its 案号, in a ZIP or chosen as files with paths), or, for
// loose images, per name without its page number (“德市监罚〔2024〕112号_003.jpg”).
import { PDFDocument } from 'pdf-lib';
import type { SourceFile } from './case-file-sources';

export interface ImagePage {
  /** The image's path as chosen or inside its ZIP (folders separated by “/”). */
  path: string;
  bytes: Uint8Array;
}

export interface PageSet {
  /** The 案卷's name: its folder, or the images' common name (what the 案号 is read from). */
  name: string;
  pages: ImagePage[];
}

/** Page images the app turns into case files. */
export function isPageImageName(name: string): boolean {
  return /\.(jpe?g|png)$/i.test(name);
}

const baseName = (path: string) => path.replace(/^.*\//, '');

/** A loose image's set: its name without the extension and the trailing page number. */
function looseSetName(path: string): string {
  const stem = baseName(path).replace(/\.[^.]+$/, '');
  const bare = stem.replace(/[\s_\-－—.]*(?:第\s*)?[(（]?\d{1,4}[)）]?\s*(?:页|p)?$/i, '');
  return bare === '' ? stem : bare;
}

/** The images grouped into 案卷, each set's pages in name order (numbers compared as numbers). */
export function groupPageSets(images: readonly ImagePage[]): PageSet[] {
  const sets = new Map<string, ImagePage[]>();
  for (const img of images) {
    const folders = img.path.split('/').slice(0, -1);
    const name = folders.length ? folders.at(-1)! : looseSetName(img.path);
    const list = sets.get(name) ?? [];
    list.push(img);
    sets.set(name, list);
  }
  return [...sets].map(([name, pages]) => ({
    name,
    pages: [...pages].sort((a, b) => comparePageNames(baseName(a.path), baseName(b.path))),
  }));
}

/**
 * Page file names in scanning order: runs of digits compared as numbers (第2页 before 第10页), the
 * rest by code point, the same on every machine (no locale's collation: a page order is not a list of
 * names to read in pinyin).
 */
export function comparePageNames(a: string, b: string): number {
  const runs = (s: string) => s.match(/\d+|\D+/g) ?? [];
  const x = runs(a);
  const y = runs(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i]!;
    const q = y[i]!;
    if (/^\d/.test(p) && /^\d/.test(q)) {
      const d = Number(p) - Number(q) || p.length - q.length;
      if (d) return d;
    } else if (p !== q) return p < q ? -1 : 1;
  }
  return x.length - y.length;
}

type ImageKind = 'jpeg' | 'png';

/** The image's kind by its bytes, or why it cannot be a page (Chinese). */
function checkImage(img: ImagePage): ImageKind | string {
  const b = img.bytes;
  const name = baseName(img.path);
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) {
    // A whole JPEG ends with its EOI marker (some scanners pad after it).
    const tail = b.subarray(Math.max(0, b.length - 64));
    for (let i = tail.length - 2; i >= 0; i--) if (tail[i] === 0xff && tail[i + 1] === 0xd9) return 'jpeg';
    return `“${name}”不完整（JPEG 图片缺少结尾，可能拷贝中断）`;
  }
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) {
    const tail = new TextDecoder('latin1').decode(b.subarray(Math.max(0, b.length - 16)));
    return tail.includes('IEND') ? 'png' : `“${name}”不完整（PNG 图片缺少结尾，可能拷贝中断）`;
  }
  return `“${name}”不是 JPEG 或 PNG 图片`;
}

export type PageSetResult = { ok: true; file: SourceFile } | { ok: false; reason: string };

/** One PDF of the set's pages (each page the image at A4 width, its own proportions), or why not. */
export async function pageSetToPdf(set: PageSet): Promise<PageSetResult> {
  const refuse = (why: string): PageSetResult => ({
    ok: false,
    reason: `“${set.name}”的页面图片不能组成电子案卷：${why}，整套未导入。`,
  });
  const kinds: ImageKind[] = [];
  for (const img of set.pages) {
    const kind = checkImage(img);
    if (kind !== 'jpeg' && kind !== 'png') return refuse(kind);
    kinds.push(kind);
  }
  const doc = await PDFDocument.create();
  doc.setTitle(set.name);
  for (const [i, img] of set.pages.entries()) {
    let image;
    try {
      image = kinds[i] === 'jpeg' ? await doc.embedJpg(img.bytes) : await doc.embedPng(img.bytes);
    } catch {
      return refuse(`“${baseName(img.path)}”已损坏，无法读取`);
    }
    if (image.width < 1 || image.height < 1) return refuse(`“${baseName(img.path)}”没有图像内容`);
    const width = 595;
    const height = Math.round((width * image.height) / image.width);
    doc.addPage([width, height]).drawImage(image, { x: 0, y: 0, width, height });
  }
  return { ok: true, file: { name: `${set.name}.pdf`, bytes: await doc.save() } };
}

/** Every set turned into a case file; the sets that cannot be are named (Chinese) and left out. */
export async function pageSetsToPdfs(
  images: readonly ImagePage[],
): Promise<{ files: SourceFile[]; refused: string[] }> {
  const files: SourceFile[] = [];
  const refused: string[] = [];
  for (const set of groupPageSets(images)) {
    const r = await pageSetToPdf(set);
    if (r.ok) files.push(r.file);
    else refused.push(r.reason);
  }
  return { files, refused };
}
