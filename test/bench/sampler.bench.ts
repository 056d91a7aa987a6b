// Sampler figures: 120 drawn from 1,000,000 ids (target <= 1.0 s in Node), and a stratified draw over
// 500,000 case files (in-app target <= 3 s in Chromium; measured here in Node with the portable hash).
// Run: npx tsx test/bench/sampler.bench.ts   (or npm run bench -- sampler)
import { createHash } from 'node:crypto';
import { computeDrawRecord, type DrawCase } from '../../shared/draw/draw-record';
import { drawSample, ticketOrder } from '../../shared/draw/sampler';
import { allocateQuotas } from '../../shared/draw/allocation';
import { selectStratified } from '../../shared/draw/selection';
import { sha256Hex } from '../../shared/crypto/sha256';
import { report, timed } from './bench-report';

const nodeSha = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');
const SEED = '01382438112797316654';
const DEPTS = [
  '德阳市市场监督管理局',
  '德阳市交通运输局',
  '德阳市生态环境局',
  '德阳市综合行政执法局',
  '德阳市文化广播电视和旅游局',
  '德阳市卫生健康委员会',
  '德阳市应急管理局',
  '德阳市自然资源和规划局',
];
const TYPES = ['行政处罚', '行政检查', '行政许可', '行政强制'];

// Item ids shaped like caseItemId(): "部门|文号" (normalised strings, as the ledger import produces).
function makeCases(n: number): DrawCase[] {
  const out: DrawCase[] = [];
  for (let i = 0; i < n; i++) {
    // Skewed department sizes, as in real cities.
    const d = DEPTS[Math.min(DEPTS.length - 1, Math.floor(-Math.log2(1 - ((i * 0.618034) % 1)) * 1.5))]!;
    const caseNo = `德市罚〔${2020 + (i % 5)}〕${i + 1}号`;
    out.push({ itemId: `${d}|${caseNo}`.normalize('NFKC'), caseNo, department: d, caseType: TYPES[i % 4]! });
  }
  return out;
}

const mb = (b: number): number => b / 1024 / 1024;
function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

async function main(): Promise<void> {
  const million = makeCases(1_000_000).map((c) => c.itemId);
  const shortIds = Array.from({ length: 1_000_000 }, (_, i) => `ID-${i + 1}`);
  const bytes = million.reduce((a, s) => a + new TextEncoder().encode(s).length, 0) / million.length;
  console.log(
    `ids: 1,000,000 item ids "部门|文号", mean ${bytes.toFixed(1)} UTF-8 bytes each; and 1,000,000 short ids "ID-n"`,
  );

  const a = await timed(() => drawSample(million, SEED, { take: 120, sha: nodeSha }));
  report('sampler.take120.of1M (node:crypto injected)', a.seconds, 's', 1.0);
  if (a.result.length !== 120) throw new Error('wrong sample size');

  // Memory: what a live ticket order holds (keys, buckets, order) beyond the ids themselves.
  gc();
  const before = process.memoryUsage();
  const order = ticketOrder(million, SEED, { sha: nodeSha });
  order.first(120);
  gc();
  const after = process.memoryUsage();
  const held = after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers;
  report('  memory held by the ticket order of 1M ids', mb(held), 'MB');
  report('  memory per id', held / million.length, 'bytes');
  report('  process rss', mb(after.rss), 'MB');
  if (order.size !== million.length) throw new Error('wrong order size');

  const b = await timed(() => drawSample(million, SEED, { take: 120 }));
  report('sampler.take120.of1M (portable noble hash)', b.seconds, 's', 1.0);
  if (b.result.map((x) => x.id).join() !== a.result.map((x) => x.id).join())
    throw new Error('hash paths differ');

  const c = await timed(() => drawSample(shortIds, SEED, { take: 120, sha: nodeSha }));
  report('sampler.take120.of1M short ids', c.seconds, 's', 1.0);

  const d = await timed(() => drawSample(million, SEED, { take: 120, withReplacement: true, sha: nodeSha }));
  report('sampler.take120.of1M with replacement', d.seconds, 's', 1.0);

  const e = await timed(() => drawSample(million, SEED, { take: 120, sha: nodeSha, keyHash: 'injected' }));
  report('sampler.take120.of1M (node:crypto for every id)', e.seconds, 's');

  // Stratified draw over 500,000 case files, portable hash only (what the app runs in Chromium).
  const cases = makeCases(500_000);
  gc();
  const items = cases.map((x) => ({ ...x, stratum: `${x.department} × ${x.caseType}` }));
  const sizes = new Map<string, number>();
  for (const it of items) sizes.set(it.stratum, (sizes.get(it.stratum) ?? 0) + 1);
  const quotas = allocateQuotas(
    [...sizes].map(([key, size]) => ({ key, size })),
    120,
  );
  const s = await timed(() => selectStratified(items, SEED, quotas, 2));
  report(`draw.stratified.500k (${sizes.size} strata, noble)`, s.seconds, 's', 3.0);
  const r = await timed(() =>
    computeDrawRecord({
      campaign: {
        id: 'bench',
        name: 'bench',
        year: 2024,
        period: { from: null, to: null },
        scope: { departments: [], caseTypes: [] },
      },
      drawnAt: new Date().toISOString(),
      operator: 'bench',
      witnesses: [],
      seed: SEED,
      stratifyBy: 'department×caseType',
      filter: { departments: null, caseTypes: null, closedFrom: null, closedTo: null },
      sources: [],
      population: cases,
      total: 120,
      sha: sha256Hex,
    }),
  );
  report('draw.record.500k (hashes + draw + record, noble)', r.seconds, 's', 3.0);
  if (r.result.record.drawn.length !== 120) throw new Error('wrong draw size');
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
