// Batch output: every letter of a campaign as DOCX and PDF (document worker), packed in ONE ZIP.
// The browser saves the ZIP as a download; the desktop saves it through platform.saveFile (a folder
// picker would need a new IPC channel).
import { zipSync } from 'fflate';
import type { OfficialDocument } from '@shared/documents/layout-model';
import type { DocumentProgress, DocumentRenderer, FontOverrides } from '../workers/documents-protocol';
import { safeFileName } from './use-letters';

export interface BatchItem {
  department: string;
  docNumber: string | null;
  doc: OfficialDocument;
}

export interface BatchResult {
  zip: Uint8Array;
  count: number;
  seconds: number;
  maxPdfBytes: number;
  files: string[];
}

export async function renderLetterBatch(
  renderer: DocumentRenderer,
  items: readonly BatchItem[],
  onProgress: (p: DocumentProgress) => void,
  fonts?: FontOverrides,
): Promise<BatchResult> {
  const t0 = performance.now();
  const docs = items.map((i) => i.doc);
  const total = docs.length * 2;
  const docx = await renderer.renderMany(docs, 'docx', (p) => onProgress({ done: p.done, total }));
  const t1 = performance.now();
  performance.measure('letters:docx', { start: t0, end: t1 });
  const pdf = await renderer.renderMany(
    docs,
    'pdf',
    (p) => onProgress({ done: docs.length + p.done, total }),
    fonts,
  );
  performance.measure('letters:pdf', { start: t1 });
  const entries: Record<string, Uint8Array> = {};
  const names: string[] = [];
  items.forEach((it, i) => {
    const base = `${String(i + 1).padStart(2, '0')}-${safeFileName(it.department)}${it.docNumber ? `-${safeFileName(it.docNumber)}` : '-草稿'}`;
    entries[`${base}.docx`] = docx[i]!;
    entries[`${base}.pdf`] = pdf[i]!;
    names.push(`${base}.docx`, `${base}.pdf`);
  });
  // DOCX and PDF are compressed already: store them (level 0) to keep the UI thread free.
  const zip = zipSync(entries, { level: 0 });
  return {
    zip,
    count: items.length,
    seconds: (performance.now() - t0) / 1000,
    maxPdfBytes: Math.max(0, ...pdf.map((p) => p.length)),
    files: names,
  };
}
