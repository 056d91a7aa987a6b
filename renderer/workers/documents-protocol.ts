import type { OfficialDocument } from '@shared/documents/layout-model';

export type DocumentFormat = 'pdf' | 'docx';

/**
 * Font files used instead of the bundled open fonts (TrueType outlines only): the user's files from 设置, or the
 * office's installed 公文 fonts on the desktop. body 仿宋, title 小标宋, bold 黑体, kai 楷体.
 */
export interface FontOverrides {
  body?: Uint8Array;
  title?: Uint8Array;
  bold?: Uint8Array;
  kai?: Uint8Array;
}

/** The open fonts shipped with the app, one per face (see shared/documents/font-file.ts DOCUMENT_FACES). */
export interface BundledFonts {
  /** 仿宋: FandolFang (TrueType outlines). */
  body: Uint8Array;
  /** 宋体: Noto Serif SC, for the page numbers and every character another face lacks. */
  song: Uint8Array;
  title: Uint8Array;
  bold: Uint8Array;
  kai: Uint8Array;
}

export interface DocumentProgress {
  done: number;
  total: number;
}

/** Renders official documents off the UI thread (a Worker in the app, in-process in tests). */
export interface DocumentRenderer {
  render(doc: OfficialDocument, format: DocumentFormat, fonts?: FontOverrides): Promise<Uint8Array>;
  /** Many documents in one go (e.g. 33 letters), with progress; an aborted signal stops between documents. */
  renderMany(
    docs: OfficialDocument[],
    format: DocumentFormat,
    onProgress?: (p: DocumentProgress) => void,
    fonts?: FontOverrides,
    signal?: AbortSignal,
  ): Promise<Uint8Array[]>;
  dispose(): void;
}
