// Yearly certificate review for 5,000 officers with full context (training hours, exam results, 600 graded
// case files, 50,000 ledger acts): target <= 1 s. Also registry checks, import and roster export figures.
// Run: npx tsx test/bench/officers-review.bench.ts  (or npm run bench -- officers)
import type { Cell } from '../../shared/ledger/types';
import { runAnnualReview } from '../../shared/officers/annual-review';
import { officerFlags, validateRegistry } from '../../shared/officers/officer-checks';
import { generateOfficerDataset, reviewContextFor } from '../../shared/officers/officer-generator';
import { importOfficers } from '../../shared/officers/officer-import';
import { publicRosterRows, rosterCsv, rosterHtml } from '../../shared/roster/public-roster';
import { report, timed } from './bench-report';
import { REGISTRY_HEADER, registryRow } from './officer-rows';

const N = 5000;
const gen = await timed(() =>
  generateOfficerDataset({
    seed: 'bench',
    officers: N,
    candidates: 1400,
    caseFiles: 600,
    enforcementActs: 50_000,
  }),
);
const data = gen.result;
report(`generate ${N} officers + context`, gen.seconds, 's');
const context = reviewContextFor(data);

// Warm-up once (JIT), then the measured run.
runAnnualReview(data.officers, context);
const review = await timed(() => runAnnualReview(data.officers, context));
const s = review.result.stats;
report(`runAnnualReview ${N} officers`, review.seconds, 's', 1);
console.log(
  `  reviewed ${s.reviewed}, passed ${s.passed}, failed ${s.failed}, suspended ${s.suspended}, ` +
    `needs explanation ${s.needsExplanation}, departments ${s.byDepartment.length}`,
);

const checks = await timed(() => {
  const issues = validateRegistry(data.officers, '2026-01-15');
  let flagged = 0;
  for (const o of data.officers) if (officerFlags(o, '2026-01-15').length > 0) flagged++;
  return { issues: issues.length, flagged };
});
report(`validateRegistry + officerFlags ${N}`, checks.seconds, 's', 1);

const rows: Cell[][] = [['行政执法人员名册'], REGISTRY_HEADER, ...data.officers.map(registryRow)];
const imp = await timed(() =>
  importOfficers(rows, {
    fileName: 'bench.xlsx',
    sheetName: 'Sheet1',
    headerRow: 1,
    importedAt: '2026-01-15',
    importedBy: 'bench',
  }),
);
report(`importOfficers ${N} rows (Node, rows already parsed)`, imp.seconds, 's', 3);
console.log(
  `  valid ${imp.result.counts.valid}, errors ${imp.result.counts.errors}, warnings ${imp.result.counts.warnings}`,
);

const roster = await timed(() => {
  const r = publicRosterRows(data.officers, { today: '2026-01-15' });
  return rosterCsv(r).length + rosterHtml(r, { generatedOn: '2026-01-15' }).length;
});
report(`public roster CSV + HTML ${N}`, roster.seconds, 's', 1);
