// The office's installed 公文 fonts (desktop) in place of the bundled open ones: 仿宋 for the body, 小标宋 for
// titles, 黑体 and 楷体 for headings. A font file the user chose in 设置 still wins over both.
import type { InstalledFonts, Platform } from '../platform/types';
import type { DocumentRenderer, FontOverrides } from './documents-protocol';

const NONE: InstalledFonts = { fonts: [], skipped: [] };

/**
 * Asks each platform once (the desktop reads the font folders once a session); a failure counts as "none
 * installed" (documents fall back to the bundled fonts).
 */
export function installedFontsLoader(platform: () => Platform): () => Promise<InstalledFonts> {
  const cached = new WeakMap<Platform, Promise<InstalledFonts>>();
  return () => {
    const p = platform();
    let answer = cached.get(p);
    if (!answer) {
      answer = Promise.resolve()
        .then(() => p.officeFonts?.() ?? NONE)
        .catch(() => NONE);
      cached.set(p, answer);
    }
    return answer;
  };
}

/** Installed fonts as renderer overrides, under the user's own choices. */
export function mergeInstalled(installed: InstalledFonts, user?: FontOverrides): FontOverrides {
  const of = (face: InstalledFonts['fonts'][number]['face']) =>
    installed.fonts.find((f) => f.face === face)?.bytes;
  const merged: FontOverrides = {};
  const set = (key: keyof FontOverrides, bytes: Uint8Array | undefined) => {
    if (bytes && bytes.length > 0) merged[key] = bytes;
  };
  set('body', user?.body ?? of('fangsong'));
  set('title', user?.title ?? of('xiaobiaosong'));
  set('bold', user?.bold ?? of('heiti'));
  set('kai', user?.kai ?? of('kaiti'));
  return merged;
}

/** A renderer that uses the installed fonts for every call (both PDF and DOCX, so both lay out alike). */
export function withInstalledFonts(
  inner: DocumentRenderer,
  load: () => Promise<InstalledFonts>,
): DocumentRenderer {
  const renderMany: DocumentRenderer['renderMany'] = async (docs, format, onProgress, fonts, signal) =>
    inner.renderMany(docs, format, onProgress, mergeInstalled(await load(), fonts), signal);
  return {
    renderMany,
    render: async (doc, format, fonts) => (await renderMany([doc], format, undefined, fonts))[0]!,
    dispose: () => inner.dispose(),
  };
}
