// Drawing the 整改函's evidence crops (issue 27): each requested pin's region of its page, rendered by
// pdf.js at a scale that makes the region at most MAX_CROP_PX on its longest side (downscaled: a crop
// shows where, the 电子案卷 stays the evidence), as PNG. A file missing or altered since it was
// attached (its SHA-256 no longer matches) gives no crop rather than a wrong one.
import type { EvidenceCrop, EvidenceCropRequest } from '@shared/letters/evidence-annex';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { openPdf } from './pdf-document';

export const MAX_CROP_PX = 640;

async function canvasPng(canvas: HTMLCanvasElement): Promise<Uint8Array> {
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('截图生成失败');
  return new Uint8Array(await blob.arrayBuffer());
}

/** The crops that could be drawn, by request key; the caller says which could not. */
export async function drawEvidenceCrops(
  /** The stored bytes of a 电子案卷 by its SHA-256 (none when it is no longer on this machine). */
  readBytes: (sha256: string) => Promise<Uint8Array | null | undefined>,
  requests: readonly EvidenceCropRequest[],
): Promise<Map<string, EvidenceCrop>> {
  const docs = new Map<string, PDFDocumentProxy | null>();
  const out = new Map<string, EvidenceCrop>();
  try {
    for (const r of requests) {
      const sha = r.pin.fileSha256;
      if (!docs.has(sha)) {
        const bytes = await readBytes(sha);
        docs.set(sha, bytes ? await openPdf(bytes) : null);
      }
      const doc = docs.get(sha);
      if (!doc || r.pin.page >= doc.numPages) continue;
      const page = await doc.getPage(r.pin.page + 1);
      const base = page.getViewport({ scale: 1 });
      const region = Math.max(r.pin.rect.w * base.width, r.pin.rect.h * base.height, 1);
      const viewport = page.getViewport({ scale: Math.min(3, MAX_CROP_PX / region) });
      const full = document.createElement('canvas');
      full.width = Math.ceil(viewport.width);
      full.height = Math.ceil(viewport.height);
      await page.render({ canvas: full, viewport }).promise;
      const crop = document.createElement('canvas');
      crop.width = Math.max(1, Math.round(r.pin.rect.w * full.width));
      crop.height = Math.max(1, Math.round(r.pin.rect.h * full.height));
      crop
        .getContext('2d')!
        .drawImage(
          full,
          Math.round(r.pin.rect.x * full.width),
          Math.round(r.pin.rect.y * full.height),
          crop.width,
          crop.height,
          0,
          0,
          crop.width,
          crop.height,
        );
      out.set(r.key, { png: await canvasPng(crop), width: crop.width, height: crop.height });
    }
  } finally {
    for (const d of docs.values()) void d?.destroy();
  }
  return out;
}
