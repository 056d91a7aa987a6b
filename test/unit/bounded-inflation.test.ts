// Zip bombs: every backup part and every package is inflated into a buffer no larger than what the
// manifest (or the gzip trailer) declares and the app allows, so a crafted file is refused without
// inflating gigabytes (issue 23: 2 GiB inflated, 2.16 GB peak, before the fix).
import { gzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  BackupFileError,
  BackupWriter,
  concatBytes,
  readBackupManifest,
  readPartBytes,
} from '../../shared/backup/backup-format';
import { decodePackage, MAX_PACKAGE_BYTES, PackageError } from '../../shared/packages/panel-package';
import { unzipSync } from 'fflate';

async function smallBackup(): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const w = new BackupWriter({ onData: (c) => chunks.push(c) });
  w.beginTable('meta', 'key');
  w.addRecords([{ key: 'a', value: 1 }]);
  w.endTable();
  await w.finish({
    appVersion: '0.1.0',
    schemaVersion: 2,
    createdAt: '2026-01-02T00:00:00Z',
    reason: 'manual',
    databaseName: 'pingcha',
  });
  return concatBytes(chunks);
}

/** Sets the uncompressed size the ZIP's central directory declares for `name`. */
function declareSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let i = 0; i + 46 < out.length; i++) {
    if (view.getUint32(i, true) !== 0x02014b50) continue;
    const len = view.getUint16(i + 28, true);
    if (new TextDecoder().decode(out.subarray(i + 46, i + 46 + len)) === name) {
      view.setUint32(i + 24, size, true);
      return out;
    }
  }
  throw new Error(`no central directory entry for ${name}`);
}

function rssMb(): number {
  return process.memoryUsage().rss / 1024 / 1024;
}

describe('bounded inflation of backups', () => {
  it('a part whose ZIP entry declares 4 GB is refused before inflating (peak memory stays low)', async () => {
    const bytes = await smallBackup();
    const manifest = readBackupManifest(bytes);
    const table = manifest.tables[0]!;
    const bomb = declareSize(bytes, table.parts[0]!.file, 0xfffffff0);
    const before = rssMb();
    const t0 = performance.now();
    expect(() => readPartBytes(bomb, table, 0)).toThrow(BackupFileError);
    expect(() => readPartBytes(bomb, table, 0)).toThrow(/超过备份清单允许的 \d+ 字节，未解压/);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(rssMb() - before).toBeLessThan(300);
  });

  it('a part that inflates past its declared size is cut there and refused', async () => {
    const bytes = await smallBackup();
    const manifest = readBackupManifest(bytes);
    const table = manifest.tables[0]!;
    // 32 MB of zeros in place of the part, the directory lying that it is the part's size.
    const files = unzipSync(bytes);
    files[table.parts[0]!.file] = new Uint8Array(32 * 1024 * 1024);
    const swapped = declareSize(zipSync(files, { level: 6 }), table.parts[0]!.file, table.parts[0]!.bytes);
    expect(() => readPartBytes(swapped, table, 0)).toThrow(/SHA-256 校验值与备份清单不符/);
  });

  it('a manifest declaring a part larger than any real one is refused', async () => {
    const bytes = await smallBackup();
    const files = unzipSync(bytes);
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as {
      tables: { parts: { bytes: number }[] }[];
    };
    manifest.tables[0]!.parts[0]!.bytes = 2 ** 31;
    files['manifest.json'] = new TextEncoder().encode(JSON.stringify(manifest));
    expect(() => readBackupManifest(zipSync(files))).toThrow(/备份清单（manifest.json）内容不完整或格式不对/);
  });
});

describe('bounded inflation of panel packages', () => {
  it('a package whose gzip trailer declares more than any real package is refused before inflating', () => {
    const gz = gzipSync(new TextEncoder().encode('{}'));
    const view = new DataView(gz.buffer, gz.byteOffset, gz.byteLength);
    view.setUint32(gz.byteLength - 4, 0xfffffff0, true);
    const before = rssMb();
    expect(() => decodePackage(gz, '炸弹.pingcha-package')).toThrow(PackageError);
    expect(() => decodePackage(gz, '炸弹.pingcha-package')).toThrow(/超过评查包允许的/);
    expect(rssMb() - before).toBeLessThan(300);
    expect(MAX_PACKAGE_BYTES).toBeLessThanOrEqual(256 * 1024 * 1024);
  });

  it('a package lying about its size (smaller) is cut and refused as damaged', () => {
    const gz = gzipSync(new Uint8Array(8 * 1024 * 1024).fill(32));
    const view = new DataView(gz.buffer, gz.byteOffset, gz.byteLength);
    view.setUint32(gz.byteLength - 4, 10, true);
    expect(() => decodePackage(gz, '炸弹.pingcha-package')).toThrow(/内容不完整|已损坏/);
  });
});
