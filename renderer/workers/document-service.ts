import type { OfficialDocument } from '@shared/documents/layout-model';
import { renderPdf, type DocumentFonts } from '@shared/documents/render-pdf';
import { renderDocx } from '@shared/documents/render-docx';
import { throwIfCancelled } from '@shared/util/cancel';
import type { BundledFonts, DocumentFormat, DocumentProgress, FontOverrides } from './documents-protocol';

/**
 * Font bytes arrive as a fresh copy with every message; the PDF layer caches parsed fonts and subsets by array
 * identity, so an equal file seen before is swapped for the first copy (cheap fingerprint, then a full compare).
 */
class SameBytes {
  private readonly seen = new Map<string, Uint8Array[]>();
  canonical(bytes: Uint8Array): Uint8Array {
    const step = Math.max(1, Math.floor(bytes.length / 64));
    let h = bytes.length;
    for (let i = 0; i < bytes.length; i += step) h = (Math.imul(h, 31) + bytes[i]!) >>> 0;
    const key = `${bytes.length}:${h}`;
    const list = this.seen.get(key) ?? [];
    for (const known of list) if (equal(known, bytes)) return known;
    list.push(bytes);
    this.seen.set(key, list);
    return bytes;
  }
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}

/** Loads the bundled fonts once; the same byte arrays are reused so the PDF layer's font cache hits. */
export class DocumentService {
  private bundled: Promise<BundledFonts> | null = null;
  private readonly same = new SameBytes();

  constructor(private readonly loadBundledFonts: () => Promise<BundledFonts>) {}

  private async fonts(overrides?: FontOverrides): Promise<DocumentFonts> {
    this.bundled ??= this.loadBundledFonts();
    const b = await this.bundled;
    const pick = (o: Uint8Array | undefined, fallback: Uint8Array) =>
      o && o.length > 0 ? this.same.canonical(o) : fallback;
    return {
      body: pick(overrides?.body, b.body),
      title: pick(overrides?.title, b.title),
      bold: pick(overrides?.bold, b.bold),
      kai: pick(overrides?.kai, b.kai),
      // Page numbers in 宋体 whatever the body face: the bundled Noto Serif SC; it also draws every character the
      // chosen faces have no glyph for (FandolFang lacks 堃, 昇, 喆 and other name characters).
      song: b.song,
      fallback: b.song,
    };
  }

  async renderMany(
    docs: OfficialDocument[],
    format: DocumentFormat,
    onProgress?: (p: DocumentProgress) => void,
    overrides?: FontOverrides,
    signal?: AbortSignal,
  ): Promise<Uint8Array[]> {
    // The DOCX is written from the PDF's layout (same pages), so both are measured with the same fonts.
    const fonts = await this.fonts(overrides);
    const out: Uint8Array[] = [];
    for (const doc of docs) {
      throwIfCancelled(signal, '已取消生成文书。');
      out.push(format === 'pdf' ? await renderPdf(doc, fonts) : await renderDocx(doc, fonts));
      onProgress?.({ done: out.length, total: docs.length });
    }
    return out;
  }
}
