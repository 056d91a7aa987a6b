import type { OfficialDocument } from '@shared/documents/layout-model';

export type DocumentFormat = 'pdf' | 'docx';

/** Font files the user chose in 设置 instead of the bundled Noto Serif SC (TrueType outlines only). */
export interface FontOverrides {
  body?: Uint8Array;
  title?: Uint8Array;
}

export interface DocumentProgress {
  done: number;
  total: number;
}

/** Renders official documents off the UI thread (a Worker in the app, in-process in tests). */
export interface DocumentRenderer {
  render(doc: OfficialDocument, format: DocumentFormat, fonts?: FontOverrides): Promise<Uint8Array>;
  /** Many documents in one go (e.g. 33 letters), with progress; cancel() stops between documents. */
  renderMany(
    docs: OfficialDocument[],
    format: DocumentFormat,
    onProgress?: (p: DocumentProgress) => void,
    fonts?: FontOverrides,
  ): Promise<Uint8Array[]>;
  cancel(): void;
  dispose(): void;
}
