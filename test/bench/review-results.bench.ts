// Campaign results for 500 reviewed files (score every final sheet, department means and ranking,
// frequent problems, 三项制度 rates): target <= 200 ms; reviewer agreement over them: <= 100 ms. Also figures for one scoreCaseFile, a
// two-reviewer compare + reconcile, and seeded assignment of 500 files to 40 reviewers.
// Run: npx tsx test/bench/review-results.bench.ts  (or npm run bench -- review)
import { assignReviewers } from '../../shared/assignment/assign-reviewers';
import { buildCampaignResults, type ReviewedFileInput } from '../../shared/review/results';
import { compareSheets, reconcile, scoreCaseFile, type ScoreSheet } from '../../shared/review/scoring-engine';
import { defaultStandards } from '../../shared/standards/default-standards';
import { freezeStandard } from '../../shared/standards/standard-model';
import { reviewerAgreement } from '../../shared/review/reviewer-agreement';
import { report, timed } from './bench-report';

const N = 500;
const DEPTS = Array.from({ length: 30 }, (_, i) => `执法部门${String(i + 1).padStart(2, '0')}`);
const standards = defaultStandards().map((s) => freezeStandard(s, '2026-01-01T00:00:00Z'));

// xorshift32: deterministic figures from run to run.
let x = 20260501;
const rnd = (n: number) => {
  x ^= x << 13;
  x >>>= 0;
  x ^= x >>> 17;
  x ^= x << 5;
  x >>>= 0;
  return x % n;
};

function randomSheet(si: number): ScoreSheet {
  const std = standards[si]!;
  const items = std.categories.flatMap((c) => c.items);
  const deductions: ScoreSheet['deductions'] = [];
  const onceUsed = new Set<string>();
  for (let k = rnd(8); k > 0; k--) {
    const item = items[rnd(items.length)]!;
    const opt = item.deductions[rnd(item.deductions.length)]!;
    if (opt.mode === 'once' && onceUsed.has(opt.id)) continue;
    if (opt.mode === 'once') onceUsed.add(opt.id);
    deductions.push({
      itemId: item.id,
      optionId: opt.id,
      count: opt.mode === 'once' ? 1 : 1 + rnd(3),
      problem: `${item.title}：发现问题 ${k}`,
    });
  }
  const vetoes: ScoreSheet['vetoes'] = [];
  const r = rnd(40);
  if (r === 0) vetoes.push({ vetoId: std.vetoes.find((v) => v.kind === 'fail')!.id, reason: '评查认定' });
  else if (r < 4) vetoes.push({ vetoId: std.vetoes.find((v) => v.kind === 'cap')!.id, reason: '评查认定' });
  return { standardId: std.id, standardVersion: std.version, deductions, vetoes };
}

const files: ReviewedFileInput[] = Array.from({ length: N }, (_, i) => {
  const si = rnd(standards.length);
  return {
    itemId: `item-${i}`,
    caseNo: `案〔2025〕${i + 1}号`,
    department: DEPTS[rnd(DEPTS.length)]!,
    standard: standards[si]!,
    sheet: randomSheet(si),
  };
});

// Warm-up (JIT), then the median of 7 runs.
buildCampaignResults(files);
const runs: number[] = [];
let last = buildCampaignResults(files);
for (let i = 0; i < 7; i++) {
  const t = await timed(() => buildCampaignResults(files));
  runs.push(t.seconds * 1000);
  last = t.result;
}
runs.sort((a, b) => a - b);
report(`buildCampaignResults ${N} files (median of 7)`, runs[3]!, 'ms', 200);
// The worst run is shown for information: on a busy machine it includes GC pauses.
report(`buildCampaignResults ${N} files (worst of 7)`, runs[6]!, 'ms');
console.log(
  `  departments ${last.departments.length}, grades ${last.gradeDistribution.map((g) => `${g.grade} ${g.count}`).join(' / ')}, ` +
    `top problem “${last.problemsByItem[0]?.title ?? '—'}” in ${last.problemsByItem[0]?.fileCount ?? 0} files, ` +
    `三项制度 ${last.threeSystems.map((t) => `${t.tag} ${t.rateText}`).join(' / ')}`,
);

// 评查一致性 over the same files scored by a second reviewer (issue 29): it runs beside the results on the
// results page, so it gets half of their budget.
const pairs = files.map((f) => ({
  itemId: f.itemId,
  standard: f.standard,
  a: f.sheet,
  b: rnd(3) === 0 ? randomSheet(standards.indexOf(f.standard)) : f.sheet,
}));
reviewerAgreement(pairs);
const agreementRuns: number[] = [];
let agreement = reviewerAgreement(pairs);
for (let i = 0; i < 7; i++) {
  const t = await timed(() => reviewerAgreement(pairs));
  agreementRuns.push(t.seconds * 1000);
  agreement = t.result;
}
agreementRuns.sort((p, q) => p - q);
report(`reviewerAgreement ${N} files x 2 sheets (median of 7)`, agreementRuns[3]!, 'ms', 100);
console.log(
  `  ${agreement.judgementCount} judgements, agreement ${agreement.percent.value?.toFixed(4)}, ` +
    `κ ${agreement.kappa.value?.toFixed(3)}, AC1 ${agreement.ac1.value?.toFixed(3)}, ${agreement.ambiguous.length} items below 0.6`,
);

const one = files[0]!;
const t1 = await timed(() => {
  for (let i = 0; i < 1000; i++) scoreCaseFile(one.standard, one.sheet);
});
report('scoreCaseFile (one sheet, mean of 1000)', t1.seconds * 1000, 'µs');

const a = files[1]!;
const b = randomSheet(standards.indexOf(a.standard));
const t2 = await timed(() => {
  const c = compareSheets(a.standard, a.sheet, b);
  return reconcile(a.standard, a.sheet, b, {
    items: c.items.map((it) => ({ itemId: it.itemId, choice: 'a' as const })),
    vetoes: { choice: 'a' },
  });
});
report('compareSheets + reconcile (one file)', t2.seconds * 1000, 'ms');

const reviewers = Array.from({ length: 40 }, (_, i) => ({
  id: `r${i}`,
  name: `评查员${i}`,
  unit: i < 30 ? DEPTS[i]! : `律师事务所${i}`,
  role: i < 30 ? '机关工作人员' : '律师',
  conflicts: i % 7 === 0 ? [DEPTS[(i + 1) % DEPTS.length]!] : [],
}));
const assignFiles = files.map((f) => ({ itemId: f.itemId, department: f.department }));
const t3 = await timed(() => assignReviewers({ files: assignFiles, reviewers, perFile: 2, seed: 'bench' }));
report(`assignReviewers ${N} files x 2 / 40 reviewers`, t3.seconds * 1000, 'ms');
if (!t3.result.ok) throw new Error(t3.result.errors.join('\n'));
