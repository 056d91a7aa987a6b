// 示例数据, part two: after the demo ledgers are committed, a whole demo campaign is built through the
// app's own repositories and draw code (so validation, locks and the audit log all apply): campaign,
// seeded draw, panel and assignment, submitted score sheets, the lead's final results, and a demo
// officer registry with an exam sitting and training. Everything is deterministic for the seeds below
// and marked as demo (isDemo, or belonging to the demo campaign, or a '-demo' standard copy).
import { mulberry32 } from '@shared/demo/ledger-generator';
import { generateOfficerDataset } from '@shared/officers/officer-generator';
import {
  compareSheets,
  type ItemDecision,
  type LeadDecisions,
  type ScoreSheet,
} from '@shared/review/scoring-engine';
import { defaultStandards } from '@shared/standards/default-standards';
import type { ReviewStandard } from '@shared/standards/standard-model';
import type { PingchaDatabase } from '../db/database';
import { createCampaign } from '../db/campaign-repository';
import { addReviewer, createAssignment, setCampaignStandards, type DrawnFile } from '../db/panel-repository';
import { finaliseFile, saveSheet, submitSheet } from '../db/score-repository';
import { saveStandard } from '../db/standards-repository';
import {
  addTrainingSession,
  createSitting,
  importExamCandidates,
  importOfficerRecords,
  recordAttendance,
} from '../db/officers-repository';
import { DrawService } from './draw-service';
import { DEMO_STANDARD_SUFFIX } from '../db/demo-repository';
import type { CampaignRecord } from '../db/workflow-records';
import { throwIfCancelled, type CancelSignal } from '@shared/util/cancel';

export const DEMO_CAMPAIGN_NAME = '示例：第十一次行政执法案卷评查（演示数据）';
export const DEMO_DRAW_SEED = '20251126000000000001';
export const DEMO_ASSIGNMENT_SEED = '20251127';
export const DEMO_OPERATOR = '示例操作员';
export const DEMO_WITNESSES = ['示例监督员（市人大代表）', '示例监督员（市政协委员）'];
export const DEMO_LEAD = '示例复核组长';
/** Id prefix of demo officers, exam candidates and training sessions (never collides with user ids). */
export const DEMO_OFFICER_PREFIX = 'demo_';

export interface DemoCampaignProgress {
  /** Chinese text for the progress line. */
  text: string;
  done: number;
  total: number;
}

export interface DemoCampaignOptions {
  /** Files drawn (minimum 1 per department). Default 40. */
  drawTotal?: number;
  /** Officers in the demo registry. Default 300. */
  officers?: number;
  onProgress?: (p: DemoCampaignProgress) => void;
  /** Checked between steps: once aborted the build throws the cancellation (AbortError, DEMO_CANCELLED_MESSAGE);
   * the caller removes what was written. */
  signal?: CancelSignal;
}

export interface DemoCampaignSummary {
  campaignId: string;
  drawId: string;
  drawn: number;
  reviewers: number;
  submittedSheets: number;
  finalised: number;
  officers: number;
  examCandidates: number;
}

export const DEMO_CANCELLED_MESSAGE = '已取消载入示例数据。';

/** Thrown when the demo campaign cannot be built; `message` is Chinese. */
export class DemoCampaignError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DemoCampaignError';
  }
}

const REVIEWERS: { name: string; unit: string; role: string }[] = [
  { name: '示例·周明', unit: '德阳市司法局', role: '机关工作人员' },
  { name: '示例·吴芳', unit: '德阳市人民检察院', role: '检察官' },
  { name: '示例·郑磊', unit: '四川示例律师事务所', role: '律师' },
  { name: '示例·王静', unit: '德阳市市场监督管理局', role: '机关工作人员' },
  { name: '示例·冯涛', unit: '西南示例大学法学院', role: '专家' },
  { name: '示例·陈洁', unit: '德阳市人民政府办公室', role: '机关工作人员' },
];

const DETAILS = [
  '，承办人未在案卷中说明理由',
  '，经核对案卷原件属实',
  '，涉及两份文书',
  '，系同类问题多次出现',
  '',
];

/** The year most demo case files closed in (the generator's year; the loader does not fix it). */
async function demoYearAndDepartments(
  db: PingchaDatabase,
): Promise<{ year: number; departments: string[]; caseTypes: Set<string> }> {
  const demo = (await db.imports.where('status').equals('committed').toArray()).filter((r) => r.isDemo);
  if (!demo.length) throw new DemoCampaignError('示例台账尚未载入，无法生成示例评查活动。');
  const years = new Map<number, number>();
  const caseTypes = new Set<string>();
  for (const r of demo) {
    const chunks = await db.caseChunks.where('importId').equals(r.id).toArray();
    for (const c of chunks) {
      for (const d of c.closedDate) {
        const y = d ? Number(d.slice(0, 4)) : NaN;
        if (Number.isInteger(y)) years.set(y, (years.get(y) ?? 0) + 1);
      }
      for (const t of c.caseType) caseTypes.add(t);
    }
  }
  const year = [...years].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (year === undefined) throw new DemoCampaignError('示例台账中没有结案日期，无法确定示例评查年度。');
  const departments = [...new Set(demo.flatMap((r) => r.departments))].sort();
  return { year, departments, caseTypes };
}

/** A reviewer's sheet for one file: the file's problems, sometimes seen differently by the second reviewer. */
function demoSheets(
  standard: ReviewStandard,
  rnd: () => number,
  fileNo: number,
): { a: ScoreSheet; b: ScoreSheet } {
  const items = standard.categories.flatMap((c) => c.items);
  const base: ScoreSheet['deductions'] = [];
  const used = new Set<string>();
  const n = rnd() < 0.15 ? 0 : 1 + Math.floor(rnd() * 4);
  for (let k = 0; k < n; k++) {
    const item = items[Math.floor(rnd() * items.length)]!;
    const option = item.deductions[Math.floor(rnd() * item.deductions.length)];
    if (!option || used.has(option.id)) continue;
    used.add(option.id);
    base.push({
      itemId: item.id,
      optionId: option.id,
      count: option.mode === 'once' ? 1 : 1 + Math.floor(rnd() * 2),
      problem: option.label + DETAILS[Math.floor(rnd() * DETAILS.length)]!,
    });
  }
  const vetoes: ScoreSheet['vetoes'] = [];
  const fail = standard.vetoes.find((v) => v.kind === 'fail');
  const cap = standard.vetoes.find((v) => v.kind === 'cap');
  // A few vetoes at fixed places, so every demo shows them: two fails and two caps.
  if ((fileNo === 4 || fileNo === 17) && fail)
    vetoes.push({ vetoId: fail.id, reason: '经查阅卷宗，认定违法事实的主要证据缺失' });
  if ((fileNo === 9 || fileNo === 23) && cap)
    vetoes.push({ vetoId: cap.id, reason: '处罚决定书未加盖行政机关印章' });
  const a: ScoreSheet = { deductions: base.map((d) => ({ ...d })), vetoes: vetoes.map((v) => ({ ...v })) };
  const b: ScoreSheet = { deductions: base.map((d) => ({ ...d })), vetoes: vetoes.map((v) => ({ ...v })) };
  // About a third of the files: the second reviewer sees one problem differently (the lead decides).
  if (rnd() < 0.35) {
    if (b.deductions.length > 1 && rnd() < 0.5) b.deductions.pop();
    else {
      const item = items[Math.floor(rnd() * items.length)]!;
      const option = item.deductions[0];
      if (option && !used.has(option.id))
        b.deductions.push({
          itemId: item.id,
          optionId: option.id,
          count: 1,
          problem: option.label + '，经复核属实',
        });
    }
  }
  // A clean file is the commonest result; its reviewers record it as the explicit 未发现问题 finding.
  return { a: declaredClean(a), b: declaredClean(b) };
}

function declaredClean(sheet: ScoreSheet): ScoreSheet {
  return sheet.deductions.length === 0 && sheet.vetoes.length === 0
    ? { ...sheet, noProblemsFound: true }
    : sheet;
}

/** The lead's decisions: where the two sheets differ, alternately A's and B's view, with a reason. */
function leadDecisions(
  standard: ReviewStandard,
  a: ScoreSheet,
  b: ScoreSheet,
  fileNo: number,
): LeadDecisions {
  const cmp = compareSheets(standard, a, b);
  const items: ItemDecision[] = cmp.items.map((d, k) =>
    (fileNo + k) % 2 === 0
      ? { itemId: d.itemId, choice: 'a', reason: '经复核案卷原件，采纳第一名评查人员意见' }
      : { itemId: d.itemId, choice: 'b', reason: '经复核案卷原件，采纳第二名评查人员意见' },
  );
  return cmp.vetoDiffers
    ? { items, vetoes: { choice: 'a', reason: '经复核，采纳第一名评查人员意见' } }
    : { items };
}

/**
 * Builds the demo campaign over the committed demo ledgers. Must run after the demo ledgers are
 * committed (the draw reads committed ledgers only). Each step is its own transaction in the
 * repositories; a failure part way leaves demo-marked records only, which removeDemoData removes.
 */
export async function buildDemoCampaign(
  db: PingchaDatabase,
  options: DemoCampaignOptions = {},
): Promise<DemoCampaignSummary> {
  const STEPS = 6;
  const progress = (done: number, text: string) => {
    throwIfCancelled(options.signal, DEMO_CANCELLED_MESSAGE);
    options.onProgress?.({ text, done, total: STEPS });
  };
  progress(0, '正在创建示例评查活动');
  const { year, departments, caseTypes } = await demoYearAndDepartments(db);

  // Standards: demo copies of the defaults, so the user's own defaults are never frozen by the demo.
  const standards = defaultStandards().map((s) => ({
    ...s,
    id: s.id + DEMO_STANDARD_SUFFIX,
    name: s.name.replace(/（默认，可编辑）$/, '') + '（示例）',
  }));
  for (const s of standards) if (!(await db.standards.get([s.id, s.version]))) await saveStandard(db, s);
  const scopeTypes = standards.flatMap((s) => s.caseTypes).filter((t) => caseTypes.has(t));

  const campaign: CampaignRecord = await createCampaign(db, {
    name: DEMO_CAMPAIGN_NAME,
    year,
    periodFrom: `${year}-01-01`,
    periodTo: `${year}-12-31`,
    departments,
    caseTypes: scopeTypes,
    createdBy: DEMO_OPERATOR,
    isDemo: true,
  });

  progress(1, '正在按固定种子随机抽取案卷');
  const draws = new DrawService(db);
  const view = await draws.execute({
    campaignId: campaign.id,
    plan: { total: options.drawTotal ?? 40, stratifyBy: 'department', minimum: 1, sparesPerStratum: 2 },
    seed: DEMO_DRAW_SEED,
    operator: DEMO_OPERATOR,
    witnesses: DEMO_WITNESSES,
  });
  const files: DrawnFile[] = view.drawn.map((d) => ({
    itemId: d.itemId,
    department: d.department,
    caseNo: d.caseNo,
    caseType: d.caseType,
  }));

  progress(2, '正在组建评查组并分配案卷');
  const standardOf = new Map<string, ReviewStandard>();
  const choices = [...new Set(files.map((f) => f.caseType))].map((caseType) => {
    const s = standards.find((x) => x.caseTypes.some((t) => caseType.startsWith(t)));
    if (!s) throw new DemoCampaignError(`示例案卷的案件类型“${caseType}”没有对应的评查标准。`);
    standardOf.set(caseType, s);
    return { caseType, standardId: s.id, version: s.version };
  });
  await setCampaignStandards(db, campaign.id, choices);
  for (const r of REVIEWERS) await addReviewer(db, campaign.id, { ...r, conflicts: [] });
  const assigned = await createAssignment(db, {
    campaignId: campaign.id,
    files,
    perFile: 2,
    seed: DEMO_ASSIGNMENT_SEED,
    actor: DEMO_OPERATOR,
  });
  if (!assigned.ok) throw new DemoCampaignError(`示例分配失败：${assigned.errors.join('；')}`);
  const reviewerName = new Map(assigned.record.reviewers.map((r) => [r.id, r.name]));

  progress(3, '正在填写并提交示例评分表');
  // Most files are finalised; a few are left at earlier stages so every page shows work in progress:
  // the last two not started, two with one sheet still a draft, two waiting for the lead.
  const rnd = mulberry32(20251126);
  const n = files.length;
  let submitted = 0;
  let finalised = 0;
  for (let i = 0; i < n; i++) {
    const file = files[i]!;
    const entry = assigned.record.result.find((e) => e.itemId === file.itemId)!;
    const standard = standardOf.get(file.caseType)!;
    const sheets = demoSheets(standard, rnd, i);
    throwIfCancelled(options.signal, DEMO_CANCELLED_MESSAGE);
    if (i >= n - 2) continue;
    const stage = i >= n - 4 ? 'draft' : i >= n - 6 ? 'submitted' : 'final';
    // The two files awaiting the lead disagree, so the 复核 queue shows its order by disagreement: on the
    // first the second reviewer applies a fail veto the first did not (after the random draws: the other
    // files' sheets stay as they were).
    if (i === n - 6) {
      const fail = standard.vetoes.find((v) => v.kind === 'fail');
      if (fail) sheets.b.vetoes = [{ vetoId: fail.id, reason: '卷内未见认定违法事实的主要证据' }];
    }
    for (const [k, reviewerId] of entry.reviewerIds.entries()) {
      const actor = reviewerName.get(reviewerId) ?? DEMO_OPERATOR;
      await saveSheet(db, {
        campaignId: campaign.id,
        itemId: file.itemId,
        reviewerId,
        caseType: file.caseType,
        sheet: k === 0 ? sheets.a : sheets.b,
        actor,
      });
      if (stage === 'draft' && k === 1) continue;
      await submitSheet(db, { campaignId: campaign.id, itemId: file.itemId, reviewerId, actor });
      submitted++;
    }
    if (stage !== 'final') continue;
    await finaliseFile(db, {
      campaignId: campaign.id,
      itemId: file.itemId,
      decisions: leadDecisions(standard, sheets.a, sheets.b, i),
      lead: DEMO_LEAD,
    });
    finalised++;
    if (i % 8 === 7) progress(3, `正在填写并提交示例评分表（已复核定稿 ${finalised} 件）`);
  }

  progress(4, '正在载入示例执法人员名册');
  // Officers of last year's review (certificates still current today), in the demo ledgers' departments.
  const officerYear = Math.max(year, new Date().getFullYear() - 1);
  const officers = await loadDemoOfficers(db, officerYear, options.officers ?? 300, departments);

  progress(STEPS, '示例数据已载入');
  return {
    campaignId: campaign.id,
    drawId: view.drawId,
    drawn: n,
    reviewers: REVIEWERS.length,
    submittedSheets: submitted,
    finalised,
    ...officers,
  };
}

/** The demo registry: generated officers, one exam sitting with candidates, the year's training. */
async function loadDemoOfficers(
  db: PingchaDatabase,
  year: number,
  count: number,
  departments: readonly string[],
): Promise<{ officers: number; examCandidates: number }> {
  const data = generateOfficerDataset({
    seed: 'pingcha-demo-registry',
    officers: count,
    candidates: Math.round(count * 0.6),
    year,
  });
  const idOf = (id: string) => DEMO_OFFICER_PREFIX + id;
  // Certificate numbers marked too: the generator's numbers follow a real pattern a user's registry may hold.
  // The generator names departments '市财政局'; the demo ledgers '德阳市财政局'.
  const department = (d: string) => departments.find((x) => x.endsWith(d)) ?? d;
  const officers = data.officers.map((o) => ({
    ...o,
    id: idOf(o.id),
    department: department(o.department),
    certificateNo: `示例${o.certificateNo}`,
  }));
  await importOfficerRecords(db, officers, {
    fileName: '示例执法人员名册（演示数据）',
    sheetName: '名册',
    rowsRead: officers.length,
    counts: { valid: officers.length, errors: 0, warnings: 0, excluded: 0 },
    actor: DEMO_OPERATOR,
    isDemo: true,
  });
  // The latest sitting only; its number may already be registered by the user, then the next free one.
  const latest = data.sittings[data.sittings.length - 1]!;
  const taken = new Set((await db.examSittings.toArray()).map((s) => s.number));
  let number = latest.number;
  while (taken.has(number)) number++;
  const sitting = await createSitting(db, { number, date: latest.date }, { isDemo: true });
  const candidates = data.candidates
    .filter((c) => c.sittingId === latest.id)
    .map((c) => ({ ...c, id: idOf(c.id), sittingId: sitting.id, department: department(c.department) }));
  await importExamCandidates(db, sitting.id, candidates, {
    fileName: '示例考试成绩（演示数据）',
    actor: DEMO_OPERATOR,
    replace: false,
    isDemo: true,
  });
  for (const s of data.trainingSessions) {
    const session = await addTrainingSession(
      db,
      { ...s, id: idOf(s.id), title: `${s.title}（示例）` },
      { isDemo: true },
    );
    const entries = data.attendance
      .filter((a) => a.sessionId === s.id)
      .map((a) => ({ officerId: idOf(a.officerId), ...(a.hours !== undefined ? { hours: a.hours } : {}) }));
    if (entries.length) await recordAttendance(db, session.id, entries, { isDemo: true });
  }
  return { officers: officers.length, examCandidates: candidates.length };
}
