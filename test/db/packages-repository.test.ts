import { describe, expect, it } from 'vitest';
import type { PackageCase } from '../../shared/packages/panel-package';
import type { PingchaDatabase } from '../../renderer/db/database';
import { readAuditLog, settleLogSigning } from '../../renderer/db/audit-repository';
import {
  exportAssignmentPackage,
  exportResultsPackage,
  importResultsPackage,
  openWorkspacePackage,
  previewResultsPackage,
  readWorkspace,
} from '../../renderer/db/package-repository';
import { finaliseFile, saveSheet, submitNoProblemsFound } from '../../renderer/db/score-repository';
import type { ScoreSheetRow } from '../../renderer/db/workflow-records';
import { verifyAuditChain } from '../../shared/audit/audit-chain';
import { freshDb, snapshot } from './helpers';
import { CAMPAIGN, setupCoordinator, std } from './package-fixtures';

async function coordinator(files = 12): Promise<{ db: PingchaDatabase; all: PackageCase[] }> {
  const db = freshDb();
  return { db, all: await setupCoordinator(db, files) };
}

function mySheet(db: PingchaDatabase, itemId: string, problem: string) {
  return saveSheet(db, {
    campaignId: CAMPAIGN,
    itemId,
    reviewerId: 'r1',
    caseType: '行政处罚',
    sheet: {
      deductions: [
        {
          itemId: std.categories[0]!.items[0]!.id,
          optionId: std.categories[0]!.items[0]!.deductions[0]!.id,
          count: 1,
          problem,
        },
      ],
      vetoes: [],
    },
    actor: '王评查',
  });
}

const opts = { actor: '组织者', appVersion: '0.1.0' };

/** The case files the coordinator's assignment gives reviewer r1. */
async function r1Items(db: PingchaDatabase): Promise<string[]> {
  return (await db.assignments.get(CAMPAIGN))!.record.result
    .filter((e) => e.reviewerIds.includes('r1'))
    .map((e) => e.itemId);
}

/** The coordinator's assignment package for one reviewer (r1 unless named). */
function assignmentPackage(db: PingchaDatabase, cases: PackageCase[], reviewerId = 'r1') {
  return exportAssignmentPackage(db, { campaignId: CAMPAIGN, reviewerId, cases, ...opts });
}

/** A reviewer's laptop: a fresh store in which 王评查 opened the assignment package. */
async function reviewerLaptop(bytes: Uint8Array, fileName: string) {
  const laptop = freshDb();
  const ws = await openWorkspacePackage(laptop, bytes, fileName, { actor: '王评查' });
  return { laptop, ws };
}

/** The results package 王评查 exports from the laptop. */
const reviewerResults = (laptop: PingchaDatabase) =>
  exportResultsPackage(laptop, { actor: '王评查', appVersion: '0.1.0' });

describe('panel packages', () => {
  it('coordinator -> reviewer workspace -> results -> merge, idempotent, audited', async () => {
    const { db, all } = await coordinator();
    const mine = await r1Items(db);
    // One sheet exists before the package is made.
    await mySheet(db, mine[0]!, '初评');
    const { bytes, fileName, pkg } = await assignmentPackage(db, all);
    expect(pkg.campaignId).toBe(CAMPAIGN);
    expect(fileName).toMatch(/^评查包-.*王评查\.pingcha-package$/);

    const { laptop, ws } = await reviewerLaptop(bytes, fileName);
    expect([...ws.itemIds].sort()).toEqual([...mine].sort());
    expect((await readWorkspace(laptop))?.reviewerId).toBe('r1');
    expect(await laptop.caseChunks.count()).toBe(1);
    expect((await laptop.rawChunks.toArray())[0]!.raw[0]).toEqual(
      all.find((c) => c.itemId === ws.itemIds[0])!.raw,
    );
    expect(await laptop.reviewers.count()).toBe(1);
    // Opening the same package again changes nothing.
    const s1 = await snapshot(laptop);
    await openWorkspacePackage(laptop, bytes, fileName, { actor: '王评查' });
    expect(await snapshot(laptop)).toEqual(s1);

    // The reviewer scores offline with the ordinary review repository.
    await mySheet(laptop, mine[0]!, '复评修改');
    await mySheet(laptop, mine[1]!, '新评');
    const results = await reviewerResults(laptop);
    expect(results.sheets).toBe(2);

    const preview = await previewResultsPackage(db, results.bytes, results.fileName);
    expect(preview.plan.counts).toMatchObject({ add: 1, update: 1, conflict: 0 });
    expect(preview.alreadyImported).toBeNull();
    const r = await importResultsPackage(db, results.bytes, results.fileName, { actor: '组织者' });
    expect(r.written).toBe(2);
    const merged = (await db.scoreSheets.get(`${CAMPAIGN}|${mine[0]}|r1`))!;
    expect(merged.sheet.deductions[0]!.problem).toBe('复评修改');
    expect(merged.origin).toBe(`package:${pkg.packageId}`);

    // Importing twice changes nothing. (The first import's log head is signed after its commit: settle that
    // before the snapshot, as every reader of the log does, so the comparison does not race the signer.)
    await settleLogSigning(db);
    const s2 = await snapshot(db);
    const again = await importResultsPackage(db, results.bytes, results.fileName, { actor: '组织者' });
    expect(again.alreadyImported).toBe(true);
    expect(await snapshot(db)).toEqual(s2);
    expect((await previewResultsPackage(db, results.bytes, results.fileName)).alreadyImported).not.toBeNull();

    const log = await readAuditLog(db);
    expect(log.filter((e) => e.action === 'package.import')).toHaveLength(1);
    expect(verifyAuditChain(log).ok).toBe(true);
    expect((await readAuditLog(laptop)).some((e) => e.action === 'package.import')).toBe(true);
  });

  it('a reviewer laptop submits a clean file as 未发现问题; the coordinator merges it as a full-score sheet', async () => {
    const { db, all } = await coordinator();
    const mine = await r1Items(db);
    const { bytes, fileName } = await assignmentPackage(db, all);
    const { laptop } = await reviewerLaptop(bytes, fileName);
    await submitNoProblemsFound(laptop, {
      campaignId: CAMPAIGN,
      itemId: mine[0]!,
      reviewerId: 'r1',
      caseType: '行政处罚',
      actor: '王评查',
    });
    const results = await reviewerResults(laptop);
    await importResultsPackage(db, results.bytes, results.fileName, { actor: '组织者' });
    const merged = (await db.scoreSheets.get(`${CAMPAIGN}|${mine[0]}|r1`))!;
    expect(merged.status).toBe('submitted');
    expect(merged.sheet).toMatchObject({ deductions: [], vetoes: [], noProblemsFound: true });
    const final = await finaliseFile(db, { campaignId: CAMPAIGN, itemId: mine[0]!, lead: '组长' });
    expect(final.score.totalHalfPoints).toBe(std.totalHalfPoints);
    expect(final.sheet.noProblemsFound).toBe(true);
  });

  it('shows a conflict with both versions when a sheet changed in both places, then applies the choice', async () => {
    const { db, all } = await coordinator();
    const mine = await r1Items(db);
    await mySheet(db, mine[0]!, '组织者初评');
    const { bytes, fileName } = await assignmentPackage(db, all);
    const { laptop } = await reviewerLaptop(bytes, fileName);
    await mySheet(laptop, mine[0]!, '评查人员的版本');
    await mySheet(db, mine[0]!, '组织者改过的版本');
    const results = await reviewerResults(laptop);
    const preview = await previewResultsPackage(db, results.bytes, results.fileName);
    const conflict = preview.plan.outcomes.find((o) => o.kind === 'conflict');
    expect(conflict?.kind === 'conflict' && conflict.local.sheet.deductions[0]!.problem).toBe(
      '组织者改过的版本',
    );
    expect(conflict?.kind === 'conflict' && conflict.incoming.sheet.deductions[0]!.problem).toBe(
      '评查人员的版本',
    );
    const before = await snapshot(db);
    await expect(
      importResultsPackage(db, results.bytes, results.fileName, { actor: '组织者' }),
    ).rejects.toThrow(/冲突/);
    expect(await snapshot(db)).toEqual(before);
    await importResultsPackage(db, results.bytes, results.fileName, {
      actor: '组织者',
      choices: { [conflict!.id]: 'incoming' },
    });
    expect((await db.scoreSheets.get(conflict!.id))!.sheet.deductions[0]!.problem).toBe('评查人员的版本');
  });

  it('page closed in the middle of a merge: the store is before, never between', async () => {
    const { db, all } = await coordinator();
    const mine = await r1Items(db);
    const { bytes, fileName } = await assignmentPackage(db, all);
    const { laptop } = await reviewerLaptop(bytes, fileName);
    for (const id of mine) await mySheet(laptop, id, '评' + id);
    const results = await reviewerResults(laptop);
    const before = await snapshot(db);
    await expect(
      importResultsPackage(db, results.bytes, results.fileName, {
        actor: '组织者',
        beforeCommit: () => {
          throw new Error('页面已关闭（模拟）');
        },
      }),
    ).rejects.toThrow('页面已关闭');
    expect(await snapshot(db)).toEqual(before);
  });

  it('two results packages for the same sheet: the newer wins, the older changes nothing', async () => {
    const { db, all } = await coordinator();
    const mine = await r1Items(db);
    const { bytes, fileName } = await assignmentPackage(db, all);
    const { laptop } = await reviewerLaptop(bytes, fileName);
    await mySheet(laptop, mine[0]!, '第一版');
    const first = await reviewerResults(laptop);
    await mySheet(laptop, mine[0]!, '第二版');
    const second = await reviewerResults(laptop);
    await importResultsPackage(db, second.bytes, second.fileName, { actor: '组织者' });
    const s = await snapshot(db);
    const older = await previewResultsPackage(db, first.bytes, first.fileName);
    expect(older.plan.counts).toMatchObject({ unchanged: 1, conflict: 0 });
    await importResultsPackage(db, first.bytes, first.fileName, { actor: '组织者' });
    const row = (await db.scoreSheets.get(`${CAMPAIGN}|${mine[0]}|r1`)) as ScoreSheetRow;
    expect(row.sheet.deductions[0]!.problem).toBe('第二版');
    const after = (await snapshot(db)) as Record<string, unknown[]>;
    expect(after.scoreSheets).toEqual((s as Record<string, unknown[]>).scoreSheets);
  });

  it('refuses another campaign, altered or truncated packages, and a second workspace; store unchanged', async () => {
    const { db, all } = await coordinator();
    const { bytes, fileName } = await assignmentPackage(db, all);
    const { laptop } = await reviewerLaptop(bytes, fileName);
    const results = await reviewerResults(laptop);

    const other = freshDb();
    await other.campaigns.put({ ...(await db.campaigns.get(CAMPAIGN))!, id: 'camp-other', name: '另一活动' });
    const otherBefore = await snapshot(other);
    await expect(
      importResultsPackage(other, results.bytes, results.fileName, { actor: 'x' }),
    ).rejects.toThrow(/另一个评查活动/);
    expect(await snapshot(other)).toEqual(otherBefore);

    const before = await snapshot(db);
    await expect(
      importResultsPackage(db, results.bytes.slice(0, 100), 'cut.pingcha-package', { actor: 'x' }),
    ).rejects.toThrow(/不完整/);
    await expect(importResultsPackage(db, bytes, fileName, { actor: 'x' })).rejects.toThrow(/不是评查结果包/);
    expect(await snapshot(db)).toEqual(before);

    const lBefore = await snapshot(laptop);
    const r2 = await assignmentPackage(db, all, 'r2');
    await expect(openWorkspacePackage(laptop, r2.bytes, r2.fileName, { actor: 'x' })).rejects.toThrow(
      /已是评查人员“王评查”/,
    );
    await expect(openWorkspacePackage(db, r2.bytes, r2.fileName, { actor: 'x' })).rejects.toThrow(
      /已有评查活动数据/,
    );
    expect(await snapshot(laptop)).toEqual(lBefore);
  });

  it('refuses to export while a file type has no saved standard, saying where to save it; store unchanged', async () => {
    const { db, all } = await coordinator();
    await assignmentPackage(db, all);
    // r2's files are 行政许可 here, and only 行政处罚 has a saved standard.
    const licence = all.map((c) => ({ ...c, caseType: '行政许可' }));
    const before = await snapshot(db);
    await expect(assignmentPackage(db, licence, 'r2')).rejects.toThrow(
      /尚未保存行政许可案卷所用的评查标准，不能导出评查包。请在“评查 → 评查组与分配 → 评查标准”中选定并保存/,
    );
    expect(await snapshot(db)).toEqual(before);
    await db.campaigns.update(CAMPAIGN, { standards: [] });
    const cleared = await snapshot(db);
    await expect(assignmentPackage(db, all, 'r2')).rejects.toThrow(/尚未保存行政处罚案卷所用的评查标准/);
    expect(await snapshot(db)).toEqual(cleared);
  });
});
