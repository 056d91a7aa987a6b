// Font files as bytes, without fontkit: WOFF 1.0 -> TrueType (the open 楷体 stand-in ships only as WOFF), and
// what a file is (TrueType or CFF outlines, a collection) and what it is called (its 'name' table), so that the
// desktop can find the office's installed 公文 fonts by their real names rather than their file names.
// Pure: no I/O; works in Node, the renderer and Workers.

import { unzlibSync } from 'fflate';

const u16 = (b: Uint8Array, o: number): number => (b[o]! << 8) | b[o + 1]!;
const u32 = (b: Uint8Array, o: number): number =>
  ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
const tag = (b: Uint8Array, o: number): string => String.fromCharCode(b[o]!, b[o + 1]!, b[o + 2]!, b[o + 3]!);

export type FontFileKind = 'truetype' | 'cff' | 'collection' | 'woff' | 'woff2' | 'unknown';

/** What kind of font file the bytes are, from the first four bytes (and, for sfnt, the outline tables). */
export function fontFileKind(bytes: Uint8Array): FontFileKind {
  if (bytes.length < 12) return 'unknown';
  const t = tag(bytes, 0);
  if (t === 'ttcf') return 'collection';
  if (t === 'wOFF') return 'woff';
  if (t === 'wOF2') return 'woff2';
  if (t === 'OTTO') return 'cff';
  if (u32(bytes, 0) !== 0x00010000 && t !== 'true') return 'unknown';
  const tables = tableDirectory(bytes);
  if (tables.has('glyf') && tables.has('loca')) return 'truetype';
  if (tables.has('CFF ') || tables.has('CFF2')) return 'cff';
  return 'unknown';
}

function tableDirectory(bytes: Uint8Array): Map<string, { offset: number; length: number }> {
  const tables = new Map<string, { offset: number; length: number }>();
  const n = u16(bytes, 4);
  if (12 + n * 16 > bytes.length) return tables;
  for (let i = 0; i < n; i += 1) {
    const o = 12 + i * 16;
    const offset = u32(bytes, o + 8);
    const length = u32(bytes, o + 12);
    if (offset + length <= bytes.length) tables.set(tag(bytes, o), { offset, length });
  }
  return tables;
}

/**
 * WOFF 1.0 -> the TrueType/OpenType file it wraps (tables inflated with zlib, same order, 4-byte aligned).
 * Throws a Chinese message when the bytes are not WOFF 1.0.
 */
export function sfntFromWoff(woff: Uint8Array): Uint8Array {
  if (woff.length < 44 || tag(woff, 0) !== 'wOFF') throw new Error('字体文件不是 WOFF 格式，无法转换。');
  const flavor = u32(woff, 4);
  const numTables = u16(woff, 12);
  const tables: { tag: string; checksum: number; data: Uint8Array }[] = [];
  for (let i = 0; i < numTables; i += 1) {
    const o = 44 + i * 20;
    const offset = u32(woff, o + 4);
    const compLength = u32(woff, o + 8);
    const origLength = u32(woff, o + 12);
    if (offset + compLength > woff.length) throw new Error('WOFF 字体文件已损坏（表超出文件末尾）。');
    let data = woff.subarray(offset, offset + compLength);
    if (compLength < origLength) data = unzlibSync(data, { out: new Uint8Array(origLength) });
    if (data.length !== origLength) throw new Error('WOFF 字体文件已损坏（表长度不符）。');
    tables.push({ tag: tag(woff, o), checksum: u32(woff, o + 16), data });
  }
  let searchRange = 1;
  let entrySelector = 0;
  while (searchRange * 2 <= numTables) {
    searchRange *= 2;
    entrySelector += 1;
  }
  const headerLength = 12 + 16 * numTables;
  const total = tables.reduce((s, t) => s + ((t.data.length + 3) & ~3), headerLength);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, flavor);
  view.setUint16(4, numTables);
  view.setUint16(6, searchRange * 16);
  view.setUint16(8, entrySelector);
  view.setUint16(10, numTables * 16 - searchRange * 16);
  let at = headerLength;
  tables.forEach((t, i) => {
    const o = 12 + i * 16;
    for (let k = 0; k < 4; k += 1) out[o + k] = t.tag.charCodeAt(k);
    view.setUint32(o + 4, t.checksum);
    view.setUint32(o + 8, at);
    view.setUint32(o + 12, t.data.length);
    out.set(t.data, at);
    at += (t.data.length + 3) & ~3;
  });
  return out;
}

export interface FontNames {
  /** Family names in every language the file gives (name IDs 1 and 16), e.g. ['FangSong', '仿宋']. */
  families: string[];
  /** Full names (name ID 4), e.g. ['FangSong_GB2312', '仿宋_GB2312']. */
  fullNames: string[];
  /** PostScript name (name ID 6), e.g. 'FangSong_GB2312'. */
  postscript: string | null;
}

function decodeUtf16Be(b: Uint8Array, offset: number, length: number): string {
  let s = '';
  for (let i = 0; i + 1 < length; i += 2) s += String.fromCharCode(u16(b, offset + i));
  return s;
}

/** The names a TrueType/OpenType file gives itself; null when the bytes have no readable 'name' table. */
export function readFontNames(bytes: Uint8Array): FontNames | null {
  const kind = fontFileKind(bytes);
  if (kind !== 'truetype' && kind !== 'cff') return null;
  const name = tableDirectory(bytes).get('name');
  if (!name) return null;
  return parseNameTable(bytes.subarray(name.offset, name.offset + name.length));
}

/** Where the 'name' table lies and the outline kind, from the first 12 + 16 × numTables bytes of a file. */
export function sfntDirectory(head: Uint8Array): {
  kind: FontFileKind;
  name: { offset: number; length: number } | null;
  headerLength: number;
} {
  if (head.length < 12) return { kind: 'unknown', name: null, headerLength: 12 };
  const t = tag(head, 0);
  if (t === 'ttcf') return { kind: 'collection', name: null, headerLength: 12 };
  if (t === 'wOFF' || t === 'wOF2')
    return { kind: t === 'wOFF' ? 'woff' : 'woff2', name: null, headerLength: 12 };
  const sfnt = t === 'OTTO' || t === 'true' || u32(head, 0) === 0x00010000;
  if (!sfnt) return { kind: 'unknown', name: null, headerLength: 12 };
  const n = u16(head, 4);
  const headerLength = 12 + n * 16;
  if (head.length < headerLength) return { kind: 'unknown', name: null, headerLength };
  const tags = new Map<string, { offset: number; length: number }>();
  for (let i = 0; i < n; i += 1) {
    const o = 12 + i * 16;
    tags.set(tag(head, o), { offset: u32(head, o + 8), length: u32(head, o + 12) });
  }
  const kind: FontFileKind =
    tags.has('glyf') && tags.has('loca')
      ? 'truetype'
      : tags.has('CFF ') || tags.has('CFF2')
        ? 'cff'
        : 'unknown';
  return { kind, name: tags.get('name') ?? null, headerLength };
}

/** Family, full and PostScript names from the bytes of a 'name' table. */
export function parseNameTable(table: Uint8Array): FontNames | null {
  if (table.length < 6) return null;
  const count = u16(table, 2);
  const strings = u16(table, 4);
  const families = new Set<string>();
  const fullNames = new Set<string>();
  let postscript: string | null = null;
  for (let i = 0; i < count; i += 1) {
    const r = 6 + i * 12;
    if (r + 12 > table.length) break;
    const platform = u16(table, r);
    const encoding = u16(table, r + 2);
    const nameId = u16(table, r + 6);
    const length = u16(table, r + 8);
    const offset = strings + u16(table, r + 10);
    if (offset + length > table.length) continue;
    let value: string | null = null;
    if (platform === 3 && (encoding === 1 || encoding === 10 || encoding === 0)) {
      value = decodeUtf16Be(table, offset, length);
    } else if (platform === 0) {
      value = decodeUtf16Be(table, offset, length);
    } else if (platform === 1 && encoding === 0) {
      value = String.fromCharCode(...table.subarray(offset, offset + length));
    }
    if (value === null) continue;
    value = value.replace(/\0/g, '').trim();
    if (value === '') continue;
    if (nameId === 1 || nameId === 16) families.add(value);
    else if (nameId === 4) fullNames.add(value);
    else if (nameId === 6 && postscript === null) postscript = value;
  }
  return { families: [...families], fullNames: [...fullNames], postscript };
}

/** The four faces of an official document (GB/T 9704 and the office's templates). */
export type DocumentFace = 'fangsong' | 'heiti' | 'kaiti' | 'xiaobiaosong';

export interface FaceSpec {
  face: DocumentFace;
  /** What the face is for, as 设置 shows it. */
  label: string;
  /**
   * Installed names that stand for the face, most wanted first (matched against family, full and PostScript
   * names, ignoring case, spaces and '-').
   */
  names: readonly string[];
  /** The open font embedded when none is installed. */
  bundled: string;
}

export const DOCUMENT_FACES: readonly FaceSpec[] = [
  {
    face: 'fangsong',
    label: '正文（仿宋）',
    names: [
      '仿宋_GB2312',
      'FangSong_GB2312',
      '仿宋',
      'FangSong',
      '方正仿宋_GBK',
      'FZFangSong-Z02',
      '华文仿宋',
      'STFangsong',
    ],
    bundled: 'FandolFang（Fandol 仿宋，缺字用思源宋体）',
  },
  {
    face: 'heiti',
    label: '一级标题（黑体）',
    names: ['黑体', 'SimHei', '方正黑体_GBK', 'FZHei-B01', '华文黑体', 'STHeiti'],
    bundled: 'Noto Sans SC（思源黑体）',
  },
  {
    face: 'kaiti',
    label: '二级标题（楷体）',
    names: [
      '楷体_GB2312',
      'KaiTi_GB2312',
      '楷体',
      'KaiTi',
      '方正楷体_GBK',
      'FZKai-Z03',
      '华文楷体',
      'STKaiti',
    ],
    bundled: 'LXGW WenKai（霞鹜文楷）',
  },
  {
    face: 'xiaobiaosong',
    label: '标题（小标宋）',
    names: [
      '方正小标宋简体',
      'FZXiaoBiaoSong-B05S',
      '方正小标宋_GBK',
      'FZXiaoBiaoSong-B05',
      '华文中宋',
      'STZhongsong',
    ],
    bundled: 'Noto Serif SC Bold（思源宋体 粗）',
  },
];

const norm = (s: string): string => s.toLowerCase().replace(/[\s-]/g, '');

/**
 * How well a font's names match a face: the index of the first wanted name it carries (0 = best), or -1 when it
 * is not that face at all.
 */
export function faceRank(names: FontNames, spec: FaceSpec): number {
  const own = new Set([...names.families, ...names.fullNames, names.postscript ?? ''].map(norm));
  return spec.names.findIndex((n) => own.has(norm(n)));
}
