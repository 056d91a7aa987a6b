import type { OfficialDocument } from '@shared/documents/layout-model';
import { renderPdf } from '@shared/documents/render-pdf';
import { renderDocx } from '@shared/documents/render-docx';
import type { DocumentFormat, DocumentProgress, FontOverrides } from './documents-protocol';

export class DocumentsCancelledError extends Error {
  constructor() {
    super('已取消生成文书。');
    this.name = 'DocumentsCancelledError';
  }
}

/** Loads the bundled fonts once; the same byte arrays are reused so the PDF layer's font cache hits. */
export class DocumentService {
  private bundled: Promise<{ body: Uint8Array; title: Uint8Array }> | null = null;
  private signal = { aborted: false };

  constructor(private readonly loadBundledFonts: () => Promise<{ body: Uint8Array; title: Uint8Array }>) {}

  private fonts(overrides?: FontOverrides) {
    this.bundled ??= this.loadBundledFonts();
    return this.bundled.then((b) => ({
      body: overrides?.body ?? b.body,
      title: overrides?.title ?? b.title,
      bold: overrides?.title ?? b.title,
    }));
  }

  async renderMany(
    docs: OfficialDocument[],
    format: DocumentFormat,
    onProgress?: (p: DocumentProgress) => void,
    overrides?: FontOverrides,
  ): Promise<Uint8Array[]> {
    this.signal = { aborted: false };
    const signal = this.signal;
    // The DOCX is written from the PDF's layout (same pages), so both are measured with the same fonts.
    const fonts = await this.fonts(overrides);
    const out: Uint8Array[] = [];
    for (const doc of docs) {
      if (signal.aborted) throw new DocumentsCancelledError();
      out.push(format === 'pdf' ? await renderPdf(doc, fonts) : await renderDocx(doc, fonts));
      onProgress?.({ done: out.length, total: docs.length });
    }
    return out;
  }

  cancel(): void {
    this.signal.aborted = true;
  }
}
