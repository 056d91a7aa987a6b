// The 示例数据 loader builds a whole demo campaign through the real repositories, and one step removes
// every demo record while the user's own data stays exactly as it was (the audit log only grows).
import { describe, expect, it } from 'vitest';
import { freshDb, makeRecords, newImportMeta, snapshot } from './helpers';
import type { PingchaDatabase } from '../../renderer/db/database';
import { importCaseFiles, type NewImport } from '../../renderer/db/ledger-repository';
import { createCampaign } from '../../renderer/db/campaign-repository';
import { ensureDefaultStandards } from '../../renderer/db/standards-repository';
import {
  createSitting,
  recordReviewDecisions,
  saveOfficer,
  saveReviewRun,
} from '../../renderer/db/officers-repository';
import { applyDecision, runAnnualReview } from '../../shared/officers/annual-review';
import { ensureLetterDrafts, issueLetter, letterId, recordReply } from '../../renderer/db/letters-repository';
import { readAuditLog, verifyStoredAuditLog } from '../../renderer/db/audit-repository';
import { LedgerImportService } from '../../renderer/workers/ledger-import-service';
import {
  DEMO_CAMPAIGN_NAME,
  DEMO_DRAW_SEED,
  DEMO_OPERATOR,
  buildDemoCampaign,
} from '../../renderer/workers/demo-campaign';
import { countDemoData, removeDemoData } from '../../renderer/demo/demo-data';
import { cancelDemoLoad, loadDemoData } from '../../renderer/workers/demo-loader';
import { DEMO_CANCELLED_MESSAGE } from '../../renderer/workers/demo-campaign';
import { createInProcessImporter } from '../../renderer/workers/ledger-import-client';
import { scoreCaseFile } from '../../shared/review/scoring-engine';
import type { OfficialDocument } from '../../shared/documents/layout-model';
import { certifiedOfficer } from '../fixtures/officers';

const userImport = (): NewImport =>
  newImportMeta({
    fileName: '本单位台账.xlsx',
    sha256: 'b'.repeat(64),
    fileSize: 2048,
    counts: { rowsRead: 20, errors: 0, warnings: 0, excluded: 0 },
  });

const userOfficer = certifiedOfficer({
  id: 'off_user1',
  department: '德阳市市场监督管理局',
  // The generator's first certificate number: the demo registry must not collide with it.
  certificateNo: '510601000001',
});

const stubDocument = (docNumber: string) => ({ docNumber }) as unknown as OfficialDocument;

/** A user's own work: a ledger, a campaign with an issued letter, an officer and exam sitting 17. */
async function addUserData(db: PingchaDatabase): Promise<string> {
  await ensureDefaultStandards(db);
  await importCaseFiles(db, userImport(), makeRecords(20, '本单位执法大队', 'U'));
  const campaign = await createCampaign(db, {
    name: '第十一次行政执法案卷评查',
    year: 2024,
    periodFrom: null,
    periodTo: null,
    departments: [],
    caseTypes: [],
    createdBy: '陈组长',
  });
  await ensureLetterDrafts(db, campaign.id, ['本单位执法大队']);
  await issueLetter(db, {
    letterId: letterId(campaign.id, '本单位执法大队'),
    prefix: '德法评函',
    issueDate: '2025-03-01',
    deadline: '2025-04-01',
    deadlineRule: { days: 30, mode: 'calendar' },
    actor: '陈组长',
    build: (issue) => stubDocument(issue.docNumber),
  });
  await saveOfficer(db, userOfficer, { actor: '陈组长' });
  await createSitting(db, { number: 17, date: '2024-10-25' });
  return campaign.id;
}

async function loadDemo(db: PingchaDatabase) {
  const cases = await new LedgerImportService(db).loadDemo();
  const summary = await buildDemoCampaign(db);
  return { cases, summary };
}

/** Runs the yearly review for 2024 over every officer and records a decision on the first proposal `pick` takes. */
async function reviewAndDecide(
  db: PingchaDatabase,
  pick: (p: { officerId: string }) => boolean,
): Promise<string> {
  const officers = await db.officers.toArray();
  const result = runAnnualReview(officers, { year: 2024, reviewDate: '2025-01-10' });
  expect(result.proposals.length).toBeGreaterThan(1);
  const run = await saveReviewRun(db, result, '陈组长', '2025-01-10T02:00:00.000Z');
  const proposal = result.proposals.find(pick)!;
  await recordReviewDecisions(
    db,
    run.id,
    [applyDecision(proposal, proposal.outcome, '', '陈组长', '2025-01-10T02:05:00.000Z')],
    '陈组长',
  );
  return run.id;
}

/** Every table but the audit log: what "the user's state" means after the demo is removed. */
function withoutAudit(s: unknown): Record<string, unknown[]> {
  const { auditLog: _auditLog, ...rest } = s as Record<string, unknown[]>;
  return rest;
}

describe('示例数据: a whole demo campaign, removed in one step', () => {
  it('loads ledgers, campaign, draw, panel, sheets, results and officers; removal leaves user data as it was', async () => {
    const db = freshDb();
    const userCampaign = await addUserData(db);
    const before = await snapshot(db);
    const auditBefore = (await readAuditLog(db)).length;

    const started = Date.now();
    const { cases, summary } = await loadDemo(db);
    const took = Date.now() - started;
    console.log(`demo load (fake-indexeddb, Node): ${took} ms, ${cases} cases`, summary);

    // Campaign and draw.
    const campaign = (await db.campaigns.toArray()).find((c) => c.isDemo)!;
    expect(campaign.name).toBe(DEMO_CAMPAIGN_NAME);
    expect(campaign.year).toBe(2024);
    const draw = (await db.draws.where('campaignId').equals(campaign.id).toArray())[0]!;
    expect(draw.record.seed).toBe(DEMO_DRAW_SEED);
    expect(draw.record.operator).toBe(DEMO_OPERATOR);
    expect(draw.record.witnesses.length).toBeGreaterThan(0);
    expect(draw.record.drawn.length).toBeGreaterThanOrEqual(40);
    // Every demo department has at least one drawn file; no user file is in the demo population.
    const demoDepts = new Set(
      (await db.imports.toArray()).filter((r) => r.isDemo).flatMap((r) => r.departments),
    );
    expect(demoDepts.size).toBe(33);
    expect(new Set(draw.record.drawn.map((d) => d.department))).toEqual(demoDepts);
    expect(draw.record.strata.map((x) => x.key).sort()).toEqual([...demoDepts].sort());
    expect(draw.record.population.size).toBeLessThanOrEqual(cases);

    // Panel, assignment, sheets, results.
    expect(await db.reviewers.where('campaignId').equals(campaign.id).count()).toBe(6);
    const assignment = (await db.assignments.get(campaign.id))!;
    expect(assignment.record.result.every((e) => e.reviewerIds.length === 2)).toBe(true);
    const sheets = await db.scoreSheets.where('campaignId').equals(campaign.id).toArray();
    expect(sheets.filter((s) => s.status === 'submitted').length).toBe(summary.submittedSheets);
    expect(sheets.some((s) => s.status === 'draft')).toBe(true);
    const finals = await db.finalResults.where('campaignId').equals(campaign.id).toArray();
    expect(finals.length).toBe(summary.finalised);
    expect(finals.length).toBeGreaterThanOrEqual(draw.record.drawn.length - 6);
    expect(finals.some((f) => f.score.vetoes.some((v) => v.kind === 'fail'))).toBe(true);
    expect(finals.some((f) => f.sheet.deductions.length > 0)).toBe(true);
    for (const f of finals) for (const d of f.sheet.deductions) expect(d.problem.trim()).not.toBe('');
    // The stored score is what the engine gives for the stored sheet on the stored standard.
    const f0 = finals[0]!;
    const std = (await db.standards.get([f0.standardId, f0.standardVersion]))!;
    expect(scoreCaseFile(std, f0.sheet).totalHalfPoints).toBe(f0.score.totalHalfPoints);
    // Demo standard copies were frozen; the user's default standards were not touched.
    expect(std.id.endsWith('-demo')).toBe(true);
    expect(std.status).toBe('published');
    const defaults = (await db.standards.toArray()).filter(
      (s) => s.id.startsWith('default-') && !s.id.endsWith('-demo'),
    );
    expect(defaults.length).toBe(4);
    expect(defaults.every((s) => s.status === 'draft')).toBe(true);

    // Officers: flagged, with an exam sitting (17 is the user's, so the demo takes 18) and training.
    expect(summary.officers).toBe(300);
    expect(await db.officers.filter((o) => o.isDemo === true).count()).toBe(300);
    const demoSitting = (await db.examSittings.toArray()).find((s) => s.isDemo)!;
    expect(demoSitting.number).toBe(18);
    expect(await db.examCandidates.where('sittingId').equals(demoSitting.id).count()).toBe(
      summary.examCandidates,
    );
    expect(await db.trainingAttendance.filter((a) => a.isDemo === true).count()).toBeGreaterThan(1000);

    expect(await countDemoData(db)).toEqual({ ledgers: 33, cases, campaigns: 1, officers: 300 });

    // The user works on the demo: a letter issued with a number after the user's, with a reply file.
    const demoDept = finals[0]!.department;
    await ensureLetterDrafts(db, campaign.id, [demoDept]);
    const demoLetter = await issueLetter(db, {
      letterId: letterId(campaign.id, demoDept),
      prefix: '德法评函',
      issueDate: '2025-03-02',
      deadline: '2025-04-02',
      deadlineRule: { days: 30, mode: 'calendar' },
      actor: '陈组长',
      build: (issue) => stubDocument(issue.docNumber),
    });
    expect(demoLetter.docNumber).toContain('2');
    await recordReply(db, demoLetter.id, {
      receivedAt: '2025-03-20',
      summary: '已整改',
      file: { name: '回复.pdf', bytes: new Uint8Array([1, 2, 3]) },
      actor: '陈组长',
    });
    expect(await db.attachments.count()).toBe(1);

    // The user runs the yearly review over the registry (their officer and the demo's) and decides
    // on a demo officer: a run that is demo work, to go with the demo.
    const reviewId = await reviewAndDecide(db, (p) => p.officerId !== userOfficer.id);
    expect(await db.annualReviews.get(reviewId)).toBeDefined();
    expect(await db.reviewDecisions.where('reviewId').equals(reviewId).count()).toBe(1);

    // One step: every demo record goes; the store equals the user's data as it was.
    const removed = await removeDemoData(db);
    expect(removed.campaigns).toBe(1);
    expect(removed.records).toBeGreaterThan(300);
    expect(withoutAudit(await snapshot(db))).toEqual(withoutAudit(before));
    expect(await countDemoData(db)).toEqual({ ledgers: 0, cases: 0, campaigns: 0, officers: 0 });
    expect((await db.campaigns.toArray()).map((c) => c.id)).toEqual([userCampaign]);

    // The audit log keeps the demo's entries and still verifies.
    const log = await readAuditLog(db);
    expect(log.length).toBeGreaterThan(auditBefore + 80);
    expect(log.some((e) => e.action === 'draw.create' && e.actor === DEMO_OPERATOR)).toBe(true);
    expect(await verifyStoredAuditLog(db)).toMatchObject({ ok: true });
  }, 120_000);

  it("a yearly-review run with a user's decision stays, without the demo officers' proposals or decisions", async () => {
    const db = freshDb();
    await addUserData(db);
    await new LedgerImportService(db).loadDemo();
    await buildDemoCampaign(db);
    const reviewId = await reviewAndDecide(db, (p) => p.officerId === userOfficer.id);
    await reviewAndDecide(db, (p) => p.officerId !== userOfficer.id);
    expect(await db.reviewDecisions.where('reviewId').equals(reviewId).count()).toBe(2);

    await removeDemoData(db);
    const run = (await db.annualReviews.get(reviewId))!;
    expect(run.proposals.map((p) => p.officerId)).toEqual([userOfficer.id]);
    expect(run.skipped).toEqual([]);
    const decisions = await db.reviewDecisions.toArray();
    expect(decisions.map((d) => d.officerId)).toEqual([userOfficer.id]);
    // Nothing else of the demo is left in any table but the log.
    const left = withoutAudit(await snapshot(db));
    for (const [table, rows] of Object.entries(left))
      expect(JSON.stringify(rows), table).not.toMatch(/示例|isDemo":true|-demo"/);
  }, 120_000);

  it('is deterministic: the same seed draws the same files and gives the same results', async () => {
    const a = freshDb();
    const b = freshDb();
    await loadDemo(a);
    await loadDemo(b);
    const view = async (db: PingchaDatabase) => {
      const finals = await db.finalResults.toArray();
      return finals.map((f) => [f.itemId, f.score.totalHalfPoints, f.score.grade]).sort();
    };
    const drawn = async (db: PingchaDatabase) =>
      (await db.draws.toArray())[0]!.record.drawn.map((d) => d.itemId);
    expect(await drawn(a)).toEqual(await drawn(b));
    expect(await view(a)).toEqual(await view(b));
  }, 120_000);

  it('removes a demo whose load stopped part way (ledgers only) and leaves an empty store empty', async () => {
    const db = freshDb();
    const empty = withoutAudit(await snapshot(db));
    await new LedgerImportService(db).loadDemo();
    expect((await countDemoData(db)).ledgers).toBe(33);
    await removeDemoData(db);
    expect(withoutAudit(await snapshot(db))).toEqual(empty);
  }, 60_000);

  it('the one user action: loads all of it, and a cancel part way leaves the store as it was', async () => {
    const db = freshDb();
    await addUserData(db);
    const before = withoutAudit(await snapshot(db));
    const texts: string[] = [];
    const importer = createInProcessImporter(db);
    const wrapped = {
      ...importer,
      // Cancel once the campaign's score sheets are being written (after the draw and the panel).
      loadDemo: async (
        p?: Parameters<typeof importer.loadDemo>[0],
        signal?: Parameters<typeof importer.loadDemo>[1],
      ) => {
        const n = await importer.loadDemo(p, signal);
        void db.draws.hook('creating', () => {
          texts.push('draw');
          setTimeout(cancelDemoLoad, 0);
        });
        return n;
      },
    };
    await expect(loadDemoData(db, wrapped)).rejects.toMatchObject({
      name: 'AbortError',
      message: DEMO_CANCELLED_MESSAGE,
    });
    expect(texts).toEqual(['draw']);
    expect(withoutAudit(await snapshot(db))).toEqual(before);

    const fresh = freshDb();
    const result = await loadDemoData(fresh, createInProcessImporter(fresh));
    expect(result.campaign.finalised).toBeGreaterThan(30);
    expect(await countDemoData(fresh)).toMatchObject({ ledgers: 33, campaigns: 1, officers: 300 });
  }, 120_000);
});
