// What a determined insider does to a backup file: rewrites the records of some tables and makes the
// manifest's part sizes and SHA-256 match again (the manifest is not signed as a whole).
import { strToU8, unzipSync, zipSync } from 'fflate';
import { MANIFEST_NAME, type BackupManifest } from '../../shared/backup/backup-format';
import { parseTyped, stringifyTyped } from '../../shared/backup/typed-json';
import { sha256BytesHex } from '../../shared/crypto/sha256';

/** Rewrites every part of a backup with `encode` (manifest sizes and SHA-256 updated to match). */
export function rewriteParts(
  bytes: Uint8Array,
  edit: (table: string, records: unknown[]) => unknown[],
  encode: (r: unknown) => string = stringifyTyped,
  editManifest: (manifest: BackupManifest) => void = () => undefined,
): Uint8Array {
  const files = unzipSync(bytes);
  const manifest = JSON.parse(new TextDecoder().decode(files[MANIFEST_NAME])) as BackupManifest;
  for (const t of manifest.tables) {
    if (t.parts.length === 0) {
      // An empty table gets a part when the edit adds records to it.
      t.parts.push({ file: `tables/${t.name}/000001.ndjson`, count: 0, bytes: 0, sha256: '' });
      files[t.parts[0]!.file] = new Uint8Array(0);
    }
    for (const p of t.parts) {
      const lines = new TextDecoder().decode(files[p.file]).split('\n').filter(Boolean);
      const records = edit(
        t.name,
        lines.map((l) => parseTyped(l)),
      );
      const data = strToU8(records.map(encode).join('\n') + '\n');
      files[p.file] = data;
      p.bytes = data.byteLength;
      p.sha256 = sha256BytesHex(data);
      p.count = records.length;
    }
    t.count = t.parts.reduce((a, p) => a + p.count, 0);
    manifest.counts[t.name] = t.count;
  }
  editManifest(manifest);
  files[MANIFEST_NAME] = strToU8(JSON.stringify(manifest));
  return zipSync(files, { level: 1 });
}
