// A hostile reviewer with the app's source at hand: every forged or invalid results package is
// refused with a Chinese message naming the sheet, and the coordinator's store is unchanged.
import { gunzipSync, gzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../shared/util/canonical-json';
import { generateSigningKeyPair, signText, type SigningKeyPair } from '../../shared/crypto/signing';
import {
  packageDigest,
  packageSigningText,
  type AssignmentContent,
  type ResultsContent,
} from '../../shared/packages/panel-package';
import type { PingchaDatabase } from '../../renderer/db/database';
import {
  exportAssignmentPackage,
  exportResultsPackage,
  importResultsPackage,
  openWorkspacePackage,
  previewResultsPackage,
} from '../../renderer/db/package-repository';
import { saveSheet, submitSheet } from '../../renderer/db/score-repository';
import { readOfficeKeyInfo } from '../../renderer/db/office-key-repository';
import { decodeOfficePublicKey, encodeOfficePublicKey } from '../../shared/crypto/office-public-key-file';
import { freshDb, snapshot } from './helpers';
import { CAMPAIGN, setupCoordinator, std } from './package-fixtures';

type Json = Record<string, unknown> & {
  content: ResultsContent;
  signature: { publicKey: string; value: string };
};

function read(bytes: Uint8Array): Json {
  return JSON.parse(new TextDecoder().decode(gunzipSync(bytes))) as Json;
}

/** What an attacker can do with the source: edit, recompute the SHA-256, sign with a key they hold. */
function forge(bytes: Uint8Array, edit: (j: Json) => void, key: SigningKeyPair | null): Uint8Array {
  const j = read(bytes);
  edit(j);
  j.sha256 = packageDigest(j.content);
  if (key) j.signature = { publicKey: key.publicKey, value: signText(key.secretKey, packageSigningText(j)) };
  return gzipSync(new TextEncoder().encode(canonicalJson(j)));
}

const item0 = std.categories[0]!.items[0]!;
const deduction = (problem: string, count = 1) => ({
  itemId: item0.id,
  optionId: item0.deductions[0]!.id,
  count,
  problem,
});

interface World {
  db: PingchaDatabase;
  r1Items: string[];
  r2Items: string[];
  r1Key: SigningKeyPair;
  r2PackageId: string;
  r1PackageId: string;
  results: { bytes: Uint8Array; fileName: string };
  assignmentBytes: Uint8Array;
}

async function world(): Promise<World> {
  const db = freshDb();
  const all = await setupCoordinator(db, 12);
  const rec = (await db.assignments.get(CAMPAIGN))!.record;
  const r1Items = rec.result.filter((e) => e.reviewerIds.includes('r1')).map((e) => e.itemId);
  const r2Items = rec.result.filter((e) => e.reviewerIds.includes('r2')).map((e) => e.itemId);
  // r2's genuine submitted sheet on the coordinator.
  await saveSheet(db, {
    campaignId: CAMPAIGN,
    itemId: r2Items[0]!,
    reviewerId: 'r2',
    caseType: '行政处罚',
    sheet: { deductions: [deduction('李律师的真实意见')], vetoes: [] },
    actor: '李律师',
  });
  await submitSheet(db, { campaignId: CAMPAIGN, itemId: r2Items[0]!, reviewerId: 'r2', actor: '李律师' });
  const opts = { cases: all, actor: '组织者', appVersion: '0.1.0', campaignId: CAMPAIGN };
  const a1 = await exportAssignmentPackage(db, { ...opts, reviewerId: 'r1' });
  const a2 = await exportAssignmentPackage(db, { ...opts, reviewerId: 'r2' });
  const laptop = freshDb();
  await openWorkspacePackage(laptop, a1.bytes, a1.fileName, { actor: '王评查' });
  await saveSheet(laptop, {
    campaignId: CAMPAIGN,
    itemId: r1Items[0]!,
    reviewerId: 'r1',
    caseType: '行政处罚',
    sheet: { deductions: [deduction('王评查的意见')], vetoes: [] },
    actor: '王评查',
  });
  const results = await exportResultsPackage(laptop, { actor: '王评查', appVersion: '0.1.0' });
  const content = JSON.parse(new TextDecoder().decode(gunzipSync(a1.bytes))).content as AssignmentContent;
  return {
    db,
    r1Items,
    r2Items,
    r1Key: content.reviewerKey,
    r1PackageId: a1.pkg.packageId,
    r2PackageId: a2.pkg.packageId,
    results,
    assignmentBytes: a1.bytes,
  };
}

describe('results packages from a hostile reviewer', () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });

  async function refused(bytes: Uint8Array, pattern: RegExp) {
    const before = await snapshot(w.db);
    await expect(previewResultsPackage(w.db, bytes, '伪造.pingcha-package')).rejects.toThrow(pattern);
    await expect(
      importResultsPackage(w.db, bytes, '伪造.pingcha-package', { actor: '组织者' }),
    ).rejects.toThrow(/伪造\.pingcha-package”.*(未导入|评查包未导入).*数据库未作任何更改/s);
    expect(await snapshot(w.db)).toEqual(before);
  }

  function asR2(j: Json, base: string) {
    j.content.basePackageId = base;
    j.content.reviewerId = 'r2';
    j.content.reviewerName = '李律师';
    j.content.sheets = [
      {
        ...j.content.sheets[0]!,
        id: `${CAMPAIGN}|${w.r2Items[0]}|r2`,
        itemId: w.r2Items[0]!,
        reviewerId: 'r2',
        status: 'submitted',
        submittedAt: '2026-12-01T00:00:00Z',
        revision: 50,
        sheet: { deductions: [], vetoes: [] },
      },
    ];
  }

  it('who changed a sheet and when is set by the merge, not by the package', async () => {
    const own = await world();
    const forged = forge(
      own.results.bytes,
      (j) => {
        j.content.sheets = j.content.sheets.map((x) => ({
          ...x,
          updatedBy: '组织者',
          updatedAt: '2099-01-01T00:00:00.000Z',
        }));
      },
      own.r1Key,
    );
    await importResultsPackage(own.db, forged, own.results.fileName, { actor: '组织者' });
    const stored = (await own.db.scoreSheets.get(`${CAMPAIGN}|${own.r1Items[0]}|r1`))!;
    expect(stored.updatedBy).toBe('王评查');
    expect(stored.updatedAt <= String(read(forged).createdAt)).toBe(true);
  });

  it('the genuine package is accepted (control)', async () => {
    const p = await previewResultsPackage(w.db, w.results.bytes, w.results.fileName);
    expect(p.plan.counts.add).toBe(1);
  });

  it('claims to be another reviewer (their base package id), re-hashed and signed with own key', async () => {
    await refused(
      forge(w.results.bytes, (j) => asR2(j, w.r2PackageId), w.r1Key),
      /签名不是发给评查人员“李律师”的密钥所签/,
    );
  });

  it('claims another reviewer on its own base package', async () => {
    await refused(
      forge(w.results.bytes, (j) => asR2(j, w.r1PackageId), w.r1Key),
      /自称来自评查人员“李律师”/,
    );
  });

  it('a base package the office never exported', async () => {
    await refused(
      forge(w.results.bytes, (j) => (j.content.basePackageId = 'pkg_00000000000000000000'), w.r1Key),
      /不是本机为本活动导出的/,
    );
  });

  it("a sheet whose id names another reviewer's key while its fields name the sender", async () => {
    await refused(
      forge(
        w.results.bytes,
        (j) => {
          j.content.sheets[0]!.id = `${CAMPAIGN}|${w.r2Items[0]}|r2`;
        },
        w.r1Key,
      ),
      /编号与案卷、评查人员不符/,
    );
  });

  it('a sheet for a file not assigned to the sender', async () => {
    await refused(
      forge(
        w.results.bytes,
        (j) => {
          const s = j.content.sheets[0]!;
          s.itemId = w.r2Items[0]!;
          s.id = `${CAMPAIGN}|${w.r2Items[0]}|r1`;
        },
        w.r1Key,
      ),
      /没有分配给“王评查”/,
    );
  });

  it.each([
    [
      'an unknown item',
      (s: ResultsContent['sheets'][number]) => (s.sheet.deductions[0]!.itemId = 'no-such-item'),
      /不存在的评查项/,
    ],
    [
      'a count of 1e9',
      (s: ResultsContent['sheets'][number]) => (s.sheet.deductions[0]!.count = 1e9),
      /次数须为 1 至 999/,
    ],
    [
      'a count of -5',
      (s: ResultsContent['sheets'][number]) => (s.sheet.deductions[0]!.count = -5),
      /次数须为 1 至 999/,
    ],
    [
      'an empty problem text on a submitted sheet',
      (s: ResultsContent['sheets'][number]) => {
        s.sheet.deductions[0]!.problem = ' ';
        s.status = 'submitted';
        s.submittedAt = '2026-12-01T00:00:00Z';
      },
      /未填写问题描述/,
    ],
    [
      'a revision of 1,000,000,000',
      (s: ResultsContent['sheets'][number]) => (s.revision = 1_000_000_000),
      /修改次数 1000000000 不可信/,
    ],
  ])('an invalid sheet: %s', async (_name, edit, pattern) => {
    await refused(
      forge(w.results.bytes, (j) => edit(j.content.sheets[0]!), w.r1Key),
      pattern,
    );
    await refused(
      forge(w.results.bytes, (j) => edit(j.content.sheets[0]!), w.r1Key),
      /评分表“camp-2025\|/,
    );
  });

  it('an unsigned package, and one re-signed with a key of the attacker', async () => {
    await refused(
      forge(w.results.bytes, (j) => delete (j as Partial<Json>).signature, null),
      /信息不完整/,
    );
    await refused(
      forge(w.results.bytes, (j) => (j.content.reviewerName = '王评查'), generateSigningKeyPair()),
      /签名不是发给评查人员“王评查”的密钥所签/,
    );
    // Changed after signing, hash recomputed, signature kept.
    const j = read(w.results.bytes);
    await refused(
      forge(
        w.results.bytes,
        (x) => ((x.content.sheets[0]!.sheet.deductions[0]!.problem = '改'), (x.signature = j.signature)),
        null,
      ),
      /签名无效/,
    );
  });

  it('unknown fields (unlocks, finalised) are dropped; the sheet itself is taken', async () => {
    const w2 = await world();
    const bytes = forge(
      w2.results.bytes,
      (j) => {
        Object.assign(j.content.sheets[0]!, {
          unlocks: [{ at: 'x', by: 'y', reason: 'z' }],
          finalised: true,
        });
        Object.assign(j.content.sheets[0]!.sheet.deductions[0]!, { bonus: 100 });
      },
      w2.r1Key,
    );
    await importResultsPackage(w2.db, bytes, 'x.pingcha-package', { actor: '组织者' });
    const row = (await w2.db.scoreSheets.get(`${CAMPAIGN}|${w2.r1Items[0]}|r1`)) as unknown as Record<
      string,
      unknown
    >;
    expect(row.sheet).toMatchObject({ deductions: [deduction('王评查的意见')] });
    expect(row).not.toHaveProperty('unlocks');
    expect(row).not.toHaveProperty('finalised');
    expect(JSON.stringify(row)).not.toContain('bonus');
    // r2's submitted sheet was never touched.
    expect(
      (await w2.db.scoreSheets.get(`${CAMPAIGN}|${w2.r2Items[0]}|r2`))!.sheet.deductions[0]!.problem,
    ).toBe('李律师的真实意见');
  });
});

describe('assignment packages', () => {
  it("carry only the reviewer's own files and identity, and a tampered one is refused by the laptop", async () => {
    const w = await world();
    const text = new TextDecoder().decode(gunzipSync(w.assignmentBytes));
    expect(text).not.toContain('李律师');
    expect(text).not.toContain('律师事务所');
    const c = JSON.parse(text).content as AssignmentContent & {
      assignment: { record: { reviewers: unknown[]; files: { itemId: string }[] } };
    };
    expect(c.assignment.record.reviewers).toHaveLength(1);
    expect(c.assignment.record.files.map((f) => f.itemId).sort()).toEqual([...w.r1Items].sort());
    for (const id of w.r2Items) expect(text).not.toContain(id);

    // Someone edits the package on its way (recomputes the SHA-256, cannot sign as the office).
    const tampered = forge(
      w.assignmentBytes,
      (j) => ((j.content as unknown as AssignmentContent).reviewer.name = '冒名者'),
      generateSigningKeyPair(),
    );
    const laptop = freshDb();
    const before = await snapshot(laptop);
    // The signature is valid for its own key, but the workspace shows whose key it is; a package
    // changed after the office signed it is refused outright.
    const j = read(w.assignmentBytes);
    const resignedless = forge(
      w.assignmentBytes,
      (x) => (
        ((x.content as unknown as AssignmentContent).reviewer.name = '冒名者'),
        (x.signature = j.signature)
      ),
      null,
    );
    await expect(
      openWorkspacePackage(laptop, resignedless, 'a.pingcha-package', { actor: 'x' }),
    ).rejects.toThrow(/签名无效/);
    expect(await snapshot(laptop)).toEqual(before);
    const ws = await openWorkspacePackage(freshDb(), tampered, 'b.pingcha-package', { actor: 'x' });
    expect(ws.officeFingerprint).not.toBe(
      (await openWorkspacePackage(freshDb(), w.assignmentBytes, 'c', { actor: 'x' })).officeFingerprint,
    );
    expect(ws.officeName).toBeUndefined();

    // A laptop told to trust the office's public key file refuses the forger's package, store unchanged,
    // and names the office in words when the package is the office's.
    const office = (await readOfficeKeyInfo(w.db)).publicKey!;
    const trustedOffice = decodeOfficePublicKey(
      encodeOfficePublicKey('德阳市司法局', office),
      '本单位公钥.pingcha-office-key',
    );
    const careful = freshDb();
    const clean = await snapshot(careful);
    await expect(
      openWorkspacePackage(careful, tampered, 'b.pingcha-package', { actor: 'x', trustedOffice }),
    ).rejects.toThrow(
      /不是由本机信任的“德阳市司法局”签名密钥（指纹 .*）签名的.*可能是伪造的.*数据库未作任何更改/,
    );
    expect(await snapshot(careful)).toEqual(clean);
    const genuine = await openWorkspacePackage(careful, w.assignmentBytes, 'c', {
      actor: 'x',
      trustedOffice,
    });
    expect(genuine.officeName).toBe('德阳市司法局');
    expect(genuine.officeFingerprint).toBe(trustedOffice.fingerprint);
    expect(() => decodeOfficePublicKey(new TextEncoder().encode('{}'), 'x.pingcha-office-key')).toThrow(
      /不是评查台的本单位公钥文件/,
    );
  });
});
