import { gunzipSync, gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  decodePackage,
  encodePackage,
  PACKAGE_FORMAT_VERSION,
  packageFileName,
  type ResultsContent,
} from '../../shared/packages/panel-package';
import { generateSigningKeyPair } from '../../shared/crypto/signing';

const key = generateSigningKeyPair();

const header = {
  campaignId: 'camp-1',
  campaignName: '2025 年度行政执法案卷评查',
  createdAt: '2026-01-01T00:00:00Z',
  createdBy: '组织者',
  appVersion: '0.1.0',
};

const content: ResultsContent = {
  kind: 'results',
  basePackageId: 'pkg_base',
  reviewerId: 'r1',
  reviewerName: '王评查',
  baseRevisions: { 'camp-1|f1|r1': 1 },
  sheets: [
    {
      id: 'camp-1|f1|r1',
      campaignId: 'camp-1',
      itemId: 'f1',
      reviewerId: 'r1',
      standardId: 's',
      standardVersion: 1,
      sheet: { deductions: [{ itemId: 'i', optionId: 'o', count: 1, problem: '未告知' }], vetoes: [] },
      status: 'submitted',
      revision: 3,
      updatedAt: '2026-01-01T00:00:00Z',
      updatedBy: '王评查',
      submittedAt: '2026-01-01T00:00:00Z',
      origin: 'local',
    },
  ],
};

function rewrite(bytes: Uint8Array, edit: (j: Record<string, unknown>) => void): Uint8Array {
  const j = JSON.parse(new TextDecoder().decode(gunzipSync(bytes))) as Record<string, unknown>;
  edit(j);
  return gzipSync(new TextEncoder().encode(JSON.stringify(j)));
}

describe('panel package format', () => {
  it('round-trips with campaign id, format version and SHA-256', () => {
    const { pkg, bytes } = encodePackage(header, content, key);
    expect(pkg.formatVersion).toBe(PACKAGE_FORMAT_VERSION);
    expect(pkg.sha256).toMatch(/^[0-9a-f]{64}$/);
    const back = decodePackage(bytes, 'a.pingcha-package', { kind: 'results', campaignIds: ['camp-1'] });
    expect(back.content).toEqual(content);
    expect(back.packageId).toBe(pkg.packageId);
  });

  it('refuses truncated, altered, foreign, unknown-version, wrong-campaign and wrong-kind packages in Chinese', () => {
    const { bytes } = encodePackage(header, content, key);
    const cases: [Uint8Array, RegExp, Parameters<typeof decodePackage>[2]?][] = [
      [bytes.slice(0, bytes.length - 30), /已损坏、不完整/],
      [new TextEncoder().encode('{"a":1}'), /不是评查包/],
      [gzipSync(new TextEncoder().encode('{"format":"x"}')), /不是评查台的评查包/],
      [rewrite(bytes, (j) => ((j.content as ResultsContent).sheets[0]!.revision = 99)), /SHA-256.*被改动/],
      [rewrite(bytes, (j) => (j.formatVersion = 3)), /第 3 版.*请先升级/],
      [rewrite(bytes, (j) => (j.formatVersion = 1)), /第 1 版格式/],
      // Unsigned, re-signed by another key over changed fields, or header changed after signing.
      [rewrite(bytes, (j) => delete j.signature), /评查包信息不完整/],
      [rewrite(bytes, (j) => (j.createdBy = '李律师')), /签名无效/],
      [
        rewrite(bytes, (j) => {
          const other = generateSigningKeyPair();
          (j.signature as { publicKey: string }).publicKey = other.publicKey;
        }),
        /签名无效/,
      ],
      [bytes, /另一个评查活动/, { campaignIds: ['camp-2'] }],
      [bytes, /评查结果包，应由活动组织者导入/, { kind: 'assignment' }],
    ];
    for (const [b, pattern, expect_] of cases) {
      expect(() => decodePackage(b, '包.pingcha-package', expect_)).toThrow(pattern);
      expect(() => decodePackage(b, '包.pingcha-package', expect_)).toThrow(/数据库未作任何更改/);
    }
  });

  it('refuses a package whose sheets belong to another reviewer', () => {
    const bad: ResultsContent = { ...content, sheets: [{ ...content.sheets[0]!, reviewerId: 'r2' }] };
    const { bytes } = encodePackage(header, bad, key);
    expect(() => decodePackage(bytes, 'x.pingcha-package')).toThrow(/不属于本包/);
  });

  it('suggests safe file names', () => {
    expect(packageFileName('results', '2025 年度/评查', '王 五')).toBe(
      '评查结果包-2025_年度_评查-王_五.pingcha-package',
    );
  });
});
