// The case files an assignment package carries (issue 27): one entry per file of the reviewer's
// drawn files, with its SHA-256. The manifest is part of the package's signed content, so a file
// swapped on the way no longer matches the hash the office signed.
import { z } from 'zod';
import { DOCUMENT_KINDS, type PageLabels } from './page-labels';

const kindNames = DOCUMENT_KINDS.map((k) => k.name) as [string, ...string[]];

export const caseFileManifestEntrySchema = z.object({
  itemId: z.string().min(1),
  name: z.string().min(1),
  size: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** The page labels the office gave the file (page index -> document kind). */
  labels: z.record(z.string().regex(/^\d+$/), z.enum(kindNames)).optional(),
});
export type CaseFileManifestEntry = z.infer<typeof caseFileManifestEntrySchema>;

/** Labels as the manifest carries them (JSON keys are strings) back to the store's shape. */
export function manifestLabels(entry: CaseFileManifestEntry): PageLabels {
  const out: PageLabels = {};
  for (const [page, kind] of Object.entries(entry.labels ?? {}))
    out[Number(page)] = kind as PageLabels[number];
  return out;
}
