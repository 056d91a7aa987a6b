// Batch output: every letter of a campaign as DOCX and PDF (document worker). The desktop writes the
// files into a new sub-folder of a folder the user picks (platform.saveFilesToFolder); the browser,
// which cannot write folders, saves them packed in ONE ZIP (zipBatch) as a download.
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
  /** DOCX then PDF of each letter, in list order, under plain file names. */
  entries: { name: string; bytes: Uint8Array }[];
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
  signal?: AbortSignal,
): Promise<BatchResult> {
  const t0 = performance.now();
  const docs = items.map((i) => i.doc);
  const total = docs.length * 2;
  const docx = await renderer.renderMany(
    docs,
    'docx',
    (p) => onProgress({ done: p.done, total }),
    undefined,
    signal,
  );
  const t1 = performance.now();
  performance.measure('letters:docx', { start: t0, end: t1 });
  const pdf = await renderer.renderMany(
    docs,
    'pdf',
    (p) => onProgress({ done: docs.length + p.done, total }),
    fonts,
    signal,
  );
  performance.measure('letters:pdf', { start: t1 });
  const entries: { name: string; bytes: Uint8Array }[] = [];
  items.forEach((it, i) => {
    const base = `${String(i + 1).padStart(2, '0')}-${safeFileName(it.department)}${it.docNumber ? `-${safeFileName(it.docNumber)}` : '-草稿'}`;
    entries.push({ name: `${base}.docx`, bytes: docx[i]! }, { name: `${base}.pdf`, bytes: pdf[i]! });
  });
  return {
    entries,
    count: items.length,
    seconds: (performance.now() - t0) / 1000,
    maxPdfBytes: Math.max(0, ...pdf.map((p) => p.length)),
    files: entries.map((e) => e.name),
  };
}

/** The batch as one ZIP (browser download). */
export function zipBatch(entries: readonly { name: string; bytes: Uint8Array }[]): Uint8Array {
  // DOCX and PDF are compressed already: store them (level 0) to keep the UI thread free.
  return zipSync(Object.fromEntries(entries.map((e) => [e.name, e.bytes])), { level: 0 });
}
