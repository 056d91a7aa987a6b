// The container of an assignment package with case files (issue 27): parts, their descriptors and the
// checks on opening, without a store.
import { describe, expect, it } from 'vitest';
import {
  checkEvidence,
  packEvidence,
  planParts,
  unpackPackageFiles,
} from '../../shared/packages/package-evidence';
import { sha256BytesHex } from '../../shared/crypto/sha256';

const file = (n: number, fill: number) => {
  const bytes = new Uint8Array(n).fill(fill);
  return { sha256: sha256BytesHex(bytes), name: `f${fill}.pdf`, bytes };
};
const pkg = new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2, 3]);

describe('package evidence container', () => {
  it('a package without case files is the package itself; with files a ZIP that opens back', async () => {
    expect(packEvidence(pkg, 'p1', 'a.pingcha-package', [])).toEqual([
      { name: 'a.pingcha-package', bytes: pkg },
    ]);
    const files = [file(1000, 1), file(2000, 2)];
    const parts = packEvidence(pkg, 'p1', 'a.pingcha-package', files);
    expect(parts).toHaveLength(1);
    const back = unpackPackageFiles(parts);
    expect(back.packageBytes).toEqual(pkg);
    const manifest = files.map((f) => ({
      itemId: 'x',
      name: f.name,
      size: f.bytes.length,
      sha256: f.sha256,
    }));
    const checked = await checkEvidence(manifest, back.files, sha256BytesHex);
    expect(checked.get(files[1]!.sha256)).toEqual(files[1]!.bytes);
    // A file the signed manifest does not list is refused (smuggled in).
    await expect(checkEvidence(manifest.slice(0, 1), back.files, sha256BytesHex)).rejects.toThrow(
      '签名清单未列出',
    );
  });

  it('splits at the limit, names the parts, and refuses a mix of two packages or a part chosen twice', () => {
    const files = [file(3000, 1), file(3000, 2), file(3000, 3)];
    expect(
      planParts(
        0,
        files.map((f) => ({ ...f, size: 3000 })),
        8000,
      ),
    ).toEqual([[0], [1, 2]]);
    const parts = packEvidence(pkg, 'p1', 'a.pingcha-package', files, 8000);
    expect(parts.map((p) => p.name)).toEqual([
      'a（第1卷，共2卷）.pingcha-package',
      'a（第2卷，共2卷）.pingcha-package',
    ]);
    const other = packEvidence(pkg, 'p2', 'b.pingcha-package', files, 8000);
    expect(() => unpackPackageFiles([parts[0]!, other[1]!])).toThrow('不属于同一个评查包');
    expect(() => unpackPackageFiles([parts[0]!, parts[0]!])).toThrow('是同一分卷（第1卷）');
    expect(() => unpackPackageFiles([parts[1]!])).toThrow('还缺第 1 卷');
    expect(() => unpackPackageFiles([parts[0]!, { name: 'x.pdf', bytes: new Uint8Array([1, 2]) }])).toThrow(
      '不是评查包的分卷',
    );
    expect(() => planParts(0, [{ name: '大.pdf', sha256: 'a', size: 9000 }], 8000)).toThrow(
      '“大.pdf”有 8.8 KB，超过评查包单个分卷的上限 7.8 KB',
    );
  });
});
