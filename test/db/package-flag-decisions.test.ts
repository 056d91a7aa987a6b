// 台账体检 flag decisions travel in the reviewer's results package and are merged at the office (issue 26):
// the latest decision per flag stands; a bad or foreign decision refuses the package in Chinese, store unchanged.
import { gunzipSync, gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../shared/util/canonical-json';
import { signText, type SigningKeyPair } from '../../shared/crypto/signing';
import {
  packageDigest,
  packageSigningText,
  type AssignmentContent,
  type ResultsContent,
} from '../../shared/packages/panel-package';
import {
  exportAssignmentPackage,
  exportResultsPackage,
  importResultsPackage,
  openWorkspacePackage,
} from '../../renderer/db/package-repository';
import { decideFlag, listFlagDecisions } from '../../renderer/db/flag-decision-repository';
import { freshDb, snapshot } from './helpers';
import { CAMPAIGN, setupCoordinator } from './package-fixtures';

type Json = Record<string, unknown> & {
  content: ResultsContent;
  signature: { publicKey: string; value: string };
};

function forge(bytes: Uint8Array, edit: (j: Json) => void, key: SigningKeyPair): Uint8Array {
  const j = JSON.parse(new TextDecoder().decode(gunzipSync(bytes))) as Json;
  edit(j);
  j.sha256 = packageDigest(j.content);
  j.signature = { publicKey: key.publicKey, value: signText(key.secretKey, packageSigningText(j)) };
  return gzipSync(new TextEncoder().encode(canonicalJson(j)));
}

async function world() {
  const db = freshDb();
  const all = await setupCoordinator(db, 12);
  const rec = (await db.assignments.get(CAMPAIGN))!.record;
  const r1Items = rec.result.filter((e) => e.reviewerIds.includes('r1')).map((e) => e.itemId);
  const r2Only = rec.result.find((e) => !e.reviewerIds.includes('r1'))!.itemId;
  const a1 = await exportAssignmentPackage(db, {
    cases: all,
    actor: '组织者',
    appVersion: '0.1.0',
    campaignId: CAMPAIGN,
    reviewerId: 'r1',
  });
  const key = (JSON.parse(new TextDecoder().decode(gunzipSync(a1.bytes))).content as AssignmentContent)
    .reviewerKey;
  const laptop = freshDb();
  await openWorkspacePackage(laptop, a1.bytes, a1.fileName, { actor: '王评查' });
  const flag = {
    campaignId: CAMPAIGN,
    itemId: r1Items[0]!,
    ruleId: 'CF-60-DECISION',
    sentence: '立案2025-01-02，决定2025-06-01，共150日，超过90日期限60日',
    reviewerId: 'r1',
    by: '王评查',
  };
  return { db, laptop, key, r1Items, r2Only, flag };
}

describe('flag decisions in the results package', () => {
  it('are exported from the laptop and merged at the office with the latest decision standing', async () => {
    const w = await world();
    // the office holds an older decision on the same flag (another panel member's)
    await decideFlag(w.db, {
      ...w.flag,
      reviewerId: 'r2',
      by: '李律师',
      decision: 'confirmed',
      reason: '',
      standardItemId: 'x',
      at: '2026-12-01T00:00:00.000Z',
    });
    await decideFlag(w.laptop, {
      ...w.flag,
      decision: 'dismissed',
      reason: '卷内有延期审批表',
      standardItemId: null,
      at: '2026-12-02T00:00:00.000Z',
    });
    const results = await exportResultsPackage(w.laptop, { actor: '王评查', appVersion: '0.1.0' });
    await importResultsPackage(w.db, results.bytes, results.fileName, { actor: '组织者' });
    const [stored] = await listFlagDecisions(w.db, CAMPAIGN);
    expect(stored).toMatchObject({ decision: 'dismissed', reason: '卷内有延期审批表', reviewerId: 'r1' });

    // an older decision in a later package does not overwrite a newer one at the office
    await decideFlag(w.db, {
      ...w.flag,
      decision: 'confirmed',
      reason: '',
      standardItemId: 'x',
      at: '2026-12-05T00:00:00.000Z',
    });
    const again = forge(
      results.bytes,
      (j) => {
        j.packageId = 'pkg_11111111111111111111';
      },
      w.key,
    );
    await importResultsPackage(w.db, again, '再次.pingcha-package', { actor: '组织者' });
    expect((await listFlagDecisions(w.db, CAMPAIGN))[0]).toMatchObject({ decision: 'confirmed' });
  });

  it('a bad decision or one on a file not assigned to the sender is refused in Chinese, store unchanged', async () => {
    const w = await world();
    await decideFlag(w.laptop, {
      ...w.flag,
      decision: 'dismissed',
      reason: '卷内有延期审批表',
      standardItemId: null,
    });
    const results = await exportResultsPackage(w.laptop, { actor: '王评查', appVersion: '0.1.0' });
    const cases: [string, (j: Json) => void, RegExp][] = [
      [
        '无理由',
        (j) => (j.content.flagDecisions![0]!.reason = ' '),
        /内容格式不对（flagDecisions\.0\.reason）/,
      ],
      [
        '错值',
        (j) => ((j.content.flagDecisions![0] as { decision: string }).decision = '待定'),
        /内容格式不对/,
      ],
      ['他人案卷', (j) => (j.content.flagDecisions![0]!.itemId = w.r2Only), /台账体检线索决定.*没有分配给/],
      ['冒名', (j) => (j.content.flagDecisions![0]!.reviewerId = 'r2'), /台账体检线索决定.*不是“/],
    ];
    for (const [name, edit, pattern] of cases) {
      const before = await snapshot(w.db);
      await expect(
        importResultsPackage(w.db, forge(results.bytes, edit, w.key), `${name}.pingcha-package`, {
          actor: '组织者',
        }),
      ).rejects.toThrow(pattern);
      expect(await snapshot(w.db)).toEqual(before);
    }
  });
});
