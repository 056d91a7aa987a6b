// 校准案卷: the office marks 3-5 assigned files that every panel member scores; bad choices are refused in
// Chinese and leave the store as it was; each reviewer's sheets are compared with the lead's settled sheet.
import { describe, expect, it } from 'vitest';
import { freshDb, snapshot } from './helpers';
import { setupCoordinator, CAMPAIGN, std } from './package-fixtures';
import {
  finaliseFile,
  saveSheet,
  submitSheet,
  submitNoProblemsFound,
} from '../../renderer/db/score-repository';
import { sheetId, setCalibrationFiles } from '../../renderer/db/panel-repository';
import { readAuditLog, verifyStoredAuditLog } from '../../renderer/db/audit-repository';
import { calibrationAgreement } from '../../shared/review/calibration';
import {
  exportAssignmentPackage,
  exportResultsPackage,
  importResultsPackage,
  openWorkspacePackage,
} from '../../renderer/db/package-repository';
import type { PingchaDatabase } from '../../renderer/db/database';
import type { ScoreSheet } from '../../shared/review/scoring-engine';

async function setup() {
  const db = freshDb();
  const cases = await setupCoordinator(db, 12);
  const record = (await db.assignments.get(CAMPAIGN))!.record;
  const ofR1 = record.result.filter((e) => e.reviewerIds[0] === 'r1').map((e) => e.itemId);
  const ofR2 = record.result.filter((e) => e.reviewerIds[0] === 'r2').map((e) => e.itemId);
  return { db, record, ofR1, ofR2, cases };
}

const score = (db: PingchaDatabase, itemId: string, reviewerId: string, sheet: ScoreSheet) =>
  saveSheet(db, { campaignId: CAMPAIGN, itemId, reviewerId, caseType: '行政处罚', sheet, actor: reviewerId });
/** Submits the reviewer's sheet; a sheet with nothing on it is the explicit 未发现问题 finding. */
const submit = async (db: PingchaDatabase, itemId: string, reviewerId: string) => {
  const row = await db.scoreSheets.get(sheetId(CAMPAIGN, itemId, reviewerId));
  const empty = !row || (row.sheet.deductions.length === 0 && row.sheet.vetoes.length === 0);
  return empty
    ? submitNoProblemsFound(db, {
        campaignId: CAMPAIGN,
        itemId,
        reviewerId,
        caseType: '行政处罚',
        actor: reviewerId,
      })
    : submitSheet(db, { campaignId: CAMPAIGN, itemId, reviewerId, actor: reviewerId });
};
const doc = (problem: string) => ({ itemId: 'pen-doc-1', optionId: 'pen-doc-1-d1', count: 1, problem });

describe('calibration files', () => {
  it('refuses a bad choice in Chinese and leaves the store exactly as it was', async () => {
    const { db, ofR1, ofR2 } = await setup();
    const before = await snapshot(db);
    const refused = async (itemIds: string[], text: string) => {
      await expect(
        setCalibrationFiles(db, { campaignId: CAMPAIGN, itemIds, actor: '组织者' }),
      ).rejects.toThrow(text);
      expect(await snapshot(db)).toEqual(before);
    };
    await refused(ofR1.slice(0, 2), '校准案卷须选 3-5 件（现选 2 件）');
    await refused([...ofR1, ...ofR2].slice(0, 6), '现选 6 件');
    await refused([ofR1[0]!, ofR1[0]!, ofR1[1]!, ofR1[2]!], '不能重复选择');
    await refused([ofR1[0]!, ofR1[1]!, '不存在|X-99'], '不在本活动的分配中');
    // A file the lead already settled can no longer be scored by the others.
    await score(db, ofR2[3]!, 'r2', { deductions: [], vetoes: [] });
    await submit(db, ofR2[3]!, 'r2');
    await finaliseFile(db, { campaignId: CAMPAIGN, itemId: ofR2[3]!, lead: '组长' });
    const settled = await snapshot(db);
    await expect(
      setCalibrationFiles(db, {
        campaignId: CAMPAIGN,
        itemIds: [ofR1[0]!, ofR1[1]!, ofR2[3]!],
        actor: '组织者',
      }),
    ).rejects.toThrow('已复核定稿，其他评查人员不能再评分');
    expect(await snapshot(db)).toEqual(settled);
    await expect(
      setCalibrationFiles(db, { campaignId: 'nope', itemIds: [], actor: '组织者' }),
    ).rejects.toThrow('找不到该评查活动');
    expect(await snapshot(db)).toEqual(settled);
  });

  it('lets every panel member score a calibration file, logs the choice, and keeps a scored file marked', async () => {
    const { db, ofR1, ofR2 } = await setup();
    const chosen = [ofR1[0]!, ofR1[1]!, ofR2[0]!];
    await setCalibrationFiles(db, { campaignId: CAMPAIGN, itemIds: chosen, actor: '组织者' });
    expect((await db.campaigns.get(CAMPAIGN))!.calibrationItemIds).toEqual(chosen);
    const log = await readAuditLog(db);
    expect(log.at(-1)!.action).toBe('assignment.calibration');
    expect(log.at(-1)!.summary).toContain('指定校准案卷 3 件');
    expect((await verifyStoredAuditLog(db)).ok).toBe(true);

    // r2 is not assigned to ofR1[0], but it is a calibration file: r2 may score it. Not ofR1[2].
    await score(db, ofR1[0]!, 'r2', { deductions: [], vetoes: [] });
    await expect(score(db, ofR1[2]!, 'r2', { deductions: [], vetoes: [] })).rejects.toThrow(
      '未分配给该评查人员，不能评分',
    );

    // ofR1[0] now carries a non-assigned reviewer's sheet: it cannot stop being a calibration file.
    const before = await snapshot(db);
    await expect(
      setCalibrationFiles(db, { campaignId: CAMPAIGN, itemIds: [], actor: '组织者' }),
    ).rejects.toThrow('不能再取消其校准案卷身份');
    expect(await snapshot(db)).toEqual(before);
    await setCalibrationFiles(db, {
      campaignId: CAMPAIGN,
      itemIds: [ofR1[0]!, ofR2[0]!, ofR2[1]!],
      actor: '组织者',
    });
  });

  it("compares each reviewer's calibration sheets with the lead's settled sheet", async () => {
    const { db, ofR1 } = await setup();
    const chosen = ofR1.slice(0, 3);
    await setCalibrationFiles(db, { campaignId: CAMPAIGN, itemIds: chosen, actor: '组织者' });
    for (const itemId of chosen) {
      // r1 (assigned) finds the documents problem; r2 (calibration only) finds nothing.
      await score(db, itemId, 'r1', { deductions: [doc('文书不规范')], vetoes: [] });
      await submit(db, itemId, 'r1');
      await score(db, itemId, 'r2', { deductions: [], vetoes: [] });
      await submit(db, itemId, 'r2');
      await finaliseFile(db, { campaignId: CAMPAIGN, itemId, lead: '组长' });
    }
    const rows = calibrationAgreement(
      ['r1', 'r2'],
      chosen,
      await db.scoreSheets.toArray(),
      await db.finalResults.toArray(),
      (id, v) => (id === std.id && v === std.version ? std : undefined),
    );
    const [r1, r2] = rows;
    expect(r1!.fileCount).toBe(3);
    expect(r1!.agreement.percent.value).toBe(1);
    expect(r2!.fileCount).toBe(3);
    expect(r2!.agreement.percent.value).toBeLessThan(1);
    // r2 never deducted where the lead did on every file: κ = 0 on that item; the item is named.
    expect(r2!.agreement.ambiguous.map((i) => i.id)).toEqual(['pen-doc-1']);
    expect(r2!.agreement.meanTotalGap.value).toBeCloseTo(1, 12); // pen-doc-1-d1 is one point
  });

  it("travels in every reviewer's package: scored on a laptop, merged back as that reviewer's sheet", async () => {
    const { db, ofR1, ofR2, cases } = await setup();
    const chosen = ofR1.slice(0, 3);
    await setCalibrationFiles(db, { campaignId: CAMPAIGN, itemIds: chosen, actor: '组织者' });
    const pkg = await exportAssignmentPackage(db, {
      campaignId: CAMPAIGN,
      reviewerId: 'r2',
      cases,
      actor: '组织者',
      appVersion: '0.1.0',
    });
    const laptop = freshDb();
    const ws = await openWorkspacePackage(laptop, pkg.bytes, pkg.fileName, { actor: '李律师' });
    expect([...ws.itemIds].sort()).toEqual([...ofR2, ...chosen].sort());

    await score(laptop, chosen[0]!, 'r2', { deductions: [doc('校准评分')], vetoes: [] });
    const results = await exportResultsPackage(laptop, { actor: '李律师', appVersion: '0.1.0' });
    await importResultsPackage(db, results.bytes, results.fileName, { actor: '组织者' });
    const merged = await db.scoreSheets.get(`${CAMPAIGN}|${chosen[0]!}|r2`);
    expect(merged!.sheet.deductions[0]!.problem).toBe('校准评分');
  });
});
