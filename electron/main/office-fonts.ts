// The office's installed 公文 fonts (仿宋_GB2312, 黑体, 楷体_GB2312, 方正小标宋简体 …), found in the Windows and
// 信创/Linux font folders by the names inside each file ('name' table), not by file name. Only TrueType outlines
// are taken: a .ttc collection cannot be embedded and a CFF (.otf) subset renders blank where the font is not
// installed (the same rules as shared/documents/render-pdf.ts). Node only; no Electron import, so the whole
// search is tested in Node on fixture folders.
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  DOCUMENT_FACES,
  faceRank,
  parseNameTable,
  sfntDirectory,
  type DocumentFace,
  type FontNames,
} from '../../shared/documents/font-file';

export interface OfficeFont {
  face: DocumentFace;
  /** The official name it stands for, e.g. '仿宋_GB2312' or 'SimHei'. */
  name: string;
  file: string;
  bytes: Uint8Array;
}

export interface SkippedFont {
  face: DocumentFace;
  file: string;
  /** Chinese reason, shown in 设置. */
  reason: string;
}

export interface OfficeFonts {
  fonts: OfficeFont[];
  skipped: SkippedFont[];
}

/** Font folders to search on this system, most specific first. */
export function officeFontFolders(
  platform: NodeJS.Platform,
  env: Record<string, string | undefined>,
  home: string,
  listDir: (dir: string) => string[] = () => [],
): string[] {
  if (platform === 'win32') {
    const windir = env.WINDIR ?? env.SystemRoot ?? 'C:\\Windows';
    const folders = [join(windir, 'Fonts')];
    if (env.LOCALAPPDATA) folders.push(join(env.LOCALAPPDATA, 'Microsoft', 'Windows', 'Fonts'));
    return folders;
  }
  const folders = [
    join(home, '.local', 'share', 'fonts'),
    join(home, '.fonts'),
    '/usr/share/fonts',
    '/usr/local/share/fonts',
    '/opt/kingsoft/wps-office/office6/fonts',
  ];
  // 信创 desktops (UOS/Deepin, Kylin) install app-bundled fonts under /opt/apps/<app>/…/fonts.
  for (const app of listDir('/opt/apps')) {
    folders.push(join('/opt/apps', app, 'files', 'share', 'fonts'), join('/opt/apps', app, 'fonts'));
  }
  return folders;
}

const FONT_FILE = /\.(ttf|otf|ttc)$/i;
const MAX_DEPTH = 5;
const MAX_FILES = 20_000;
const MAX_FONT_BYTES = 80 * 1024 * 1024;

async function fontFiles(folders: string[]): Promise<string[]> {
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (depth > MAX_DEPTH || out.length >= MAX_FILES || seen.has(dir)) return;
    seen.add(dir);
    let entries: import('node:fs').Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return; // missing or unreadable folder: nothing there for us
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) await walk(p, depth + 1);
      else if ((e.isFile() || e.isSymbolicLink()) && FONT_FILE.test(e.name) && !seen.has(p)) {
        seen.add(p);
        out.push(p);
      }
    }
  };
  for (const f of folders) await walk(f, 0);
  return out;
}

/** Reads only the table directory and the 'name' table of a font file. */
async function namesOf(file: string): Promise<{ kind: string; names: FontNames | null } | null> {
  const handle = await open(file, 'r').catch(() => null);
  if (!handle) return null;
  try {
    const readAt = async (length: number, position: number): Promise<Uint8Array> => {
      const buf = new Uint8Array(length);
      const { bytesRead } = await handle.read(buf, 0, length, position);
      return buf.subarray(0, bytesRead);
    };
    let head = await readAt(16, 0);
    let dir = sfntDirectory(head);
    let kind = dir.kind;
    let base = 0;
    if (kind === 'collection' && head.length >= 16) {
      // A collection: read the names of its first font (table offsets count from the start of the file).
      base = ((head[12]! << 24) | (head[13]! << 16) | (head[14]! << 8) | head[15]!) >>> 0;
      head = await readAt(12, base);
      dir = sfntDirectory(head);
    }
    if (dir.headerLength > 12 && dir.headerLength < 65_536)
      dir = sfntDirectory(await readAt(dir.headerLength, base));
    if (kind !== 'collection') kind = dir.kind;
    if (!dir.name || dir.name.length > 1_000_000) return { kind, names: null };
    return { kind, names: parseNameTable(await readAt(dir.name.length, dir.name.offset)) };
  } catch {
    return null;
  } finally {
    await handle.close();
  }
}

const REASONS: Record<string, string> = {
  collection: '是字体集合（.ttc），无法嵌入 PDF',
  cff: '是 CFF 轮廓（多为 .otf），嵌入后在未安装该字体的电脑上会显示空白',
};

/**
 * The best installed TrueType file for each face (by the order of DOCUMENT_FACES[].names), with its bytes;
 * files that carry a wanted name but cannot be embedded are listed in `skipped` with the reason.
 */
export async function findOfficeFonts(folders: string[]): Promise<OfficeFonts> {
  const best = new Map<DocumentFace, { rank: number; file: string; name: string }>();
  const skipped: SkippedFont[] = [];
  for (const file of await fontFiles(folders)) {
    const info = await namesOf(file);
    if (!info?.names) continue;
    for (const spec of DOCUMENT_FACES) {
      const rank = faceRank(info.names, spec);
      if (rank < 0) continue;
      if (info.kind !== 'truetype') {
        skipped.push({
          face: spec.face,
          file,
          reason: `“${spec.names[rank]}”${REASONS[info.kind] ?? '不是可读的 TrueType 字体'}`,
        });
        continue;
      }
      const known = best.get(spec.face);
      if (!known || rank < known.rank) best.set(spec.face, { rank, file, name: spec.names[rank]! });
    }
  }
  const fonts: OfficeFont[] = [];
  for (const spec of DOCUMENT_FACES) {
    const pick = best.get(spec.face);
    if (!pick) continue;
    try {
      const info = await stat(pick.file);
      if (info.size > MAX_FONT_BYTES) {
        skipped.push({ face: spec.face, file: pick.file, reason: `“${pick.name}”超过 80 MB，未载入` });
        continue;
      }
      fonts.push({
        face: spec.face,
        name: pick.name,
        file: pick.file,
        bytes: new Uint8Array(await readFile(pick.file)),
      });
    } catch {
      skipped.push({ face: spec.face, file: pick.file, reason: `“${pick.name}”无法读取` });
    }
  }
  return { fonts, skipped };
}
