import { describe, expect, it } from 'vitest';
import {
  BackupWriter,
  PART_TARGET_CHARS,
  backupFileName,
  checkBackupCompatibility,
  concatBytes,
  readBackupManifest,
  partRecordPages,
  readPartRecords,
} from '../../shared/backup/backup-format';
import { base64ToBytes, bytesToBase64, parseTyped, stringifyTyped } from '../../shared/backup/typed-json';
import { compareVersions } from '../../shared/backup/versions';

async function build(tables: Record<string, unknown[]>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const w = new BackupWriter({ onData: (c) => chunks.push(c) });
  for (const [name, rows] of Object.entries(tables)) {
    w.beginTable(name, 'id');
    w.addRecords(rows);
    w.endTable();
  }
  await w.finish({
    appVersion: '0.1.0',
    schemaVersion: 2,
    createdAt: '2026-01-01T00:00:00Z',
    reason: 'manual',
    databaseName: 'pingcha',
  });
  return concatBytes(chunks);
}

describe('backup file format', () => {
  it('decodes a part a page of rows at a time, lazily, giving back the same records', async () => {
    const rows = Array.from({ length: 10 }, (_, i) => ({ id: i, text: '行政执法案卷\n评查'.repeat(i + 1) }));
    const bytes = await build({ rows });
    const t = readBackupManifest(bytes).tables.find((x) => x.name === 'rows')!;
    expect(t.parts).toHaveLength(1);
    const pages = partRecordPages(bytes, t, 0, { pageRows: 3 });
    // Nothing is decoded before a page is asked for; then one page at a time.
    expect(pages.next().value).toEqual(rows.slice(0, 3));
    const rest = [...pages];
    expect(rest.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(rest.flat()).toEqual(rows.slice(3));
    expect(readPartRecords(bytes, t, 0)).toEqual(rows);
  });

  it('splits big tables into parts of a few MB, each with its own SHA-256, and reads them back', async () => {
    const big = Array.from({ length: 3000 }, (_, i) => ({ id: i, text: '案卷内容'.repeat(500) }));
    const bytes = await build({ big, empty: [] });
    const m = readBackupManifest(bytes);
    const t = m.tables.find((x) => x.name === 'big')!;
    expect(t.parts.length).toBeGreaterThan(1);
    expect(t.parts.every((p) => p.bytes <= PART_TARGET_CHARS * 4)).toBe(true);
    expect(new Set(t.parts.map((p) => p.sha256)).size).toBe(t.parts.length);
    const back = t.parts.flatMap((_, i) => readPartRecords(bytes, t, i));
    expect(back).toEqual(big);
    expect(m.counts).toEqual({ big: 3000, empty: 0 });
  });

  it('keeps bytes and dates', () => {
    const value = { d: new Date('2026-01-02T03:04:05.006Z'), b: new Uint8Array([0, 255, 7]), s: '$pingcha' };
    const back = parseTyped(stringifyTyped(value)) as typeof value;
    expect(back.d).toEqual(value.d);
    expect(Array.from(back.b)).toEqual([0, 255, 7]);
    for (const n of [0, 1, 2, 3, 4, 5, 100]) {
      const b = crypto.getRandomValues(new Uint8Array(n));
      expect(Array.from(base64ToBytes(bytesToBase64(b)))).toEqual(Array.from(b));
    }
    expect(bytesToBase64(new TextEncoder().encode('评查'))).toBe(Buffer.from('评查').toString('base64'));
  });

  it('compares versions numerically and decides restore compatibility', async () => {
    expect(compareVersions('0.10.0', '0.9.9')).toBe(1);
    expect(compareVersions('1.0', '1.0.0')).toBe(0);
    expect(compareVersions('0.1.0-beta', '0.1.1')).toBe(-1);
    const m = readBackupManifest(await build({ meta: [] }));
    const here = { appVersion: '0.1.0', schemaVersion: 2, tables: ['meta'], knownVersions: [1, 2] };
    expect(checkBackupCompatibility(m, here)).toEqual({ kind: 'same' });
    expect(checkBackupCompatibility({ ...m, schemaVersion: 1 }, here)).toEqual({
      kind: 'older',
      from: 1,
      to: 2,
    });
    expect(checkBackupCompatibility({ ...m, schemaVersion: 3 }, here)).toMatchObject({ kind: 'refused' });
    expect(checkBackupCompatibility({ ...m, appVersion: '0.2.0' }, here)).toMatchObject({ kind: 'refused' });
    expect(checkBackupCompatibility(m, { ...here, tables: [] })).toMatchObject({
      kind: 'refused',
      message: expect.stringContaining('不认识的数据表'),
    });
  });

  it('names files by local time and reason', () => {
    expect(backupFileName(new Date(2026, 10, 26, 2, 41, 9), 'before-restore')).toBe(
      '评查台备份-20261126-024109-恢复前.pingcha-backup',
    );
  });
});
