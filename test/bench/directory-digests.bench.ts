// The department directory (机构名录) covered by record digests (issue 23) without slowing imports:
// the ledger.import entry carries the digests of the directory rows that import added or changed,
// not of the whole directory. Figures: on a store whose directory holds DIRECTORY departments, the
// commit of a ledger naming DEPARTMENTS departments (NEW of them new) — the digests its entry carries
// (target: NEW) and the commit time beside the cost digesting the whole directory would add.
// Store: fake-indexeddb in Node (the app's IndexedDB in Chromium is faster).
// Run: npx tsx test/bench/directory-digests.bench.ts   (or npm run bench -- directory-digests)
import 'fake-indexeddb/auto';
import { recordDigest } from '../../shared/audit/audit-chain';
import { PingchaDatabase } from '../../renderer/db/database';
import { readAuditLog } from '../../renderer/db/audit-repository';
import { importCaseFiles } from '../../renderer/db/ledger-repository';
import { makeRecords, newImportMeta } from '../db/helpers';
import { report, timed } from './bench-report';

const DIRECTORY = 2_000;
const DEPARTMENTS = 40;
const NEW = 2;

const db = new PingchaDatabase(`bench-directory-${Date.now()}`);
// The directory: one ledger naming DIRECTORY departments (one case each).
const names = Array.from({ length: DIRECTORY }, (_, i) => `德阳市第${i + 1}执法局`);
await importCaseFiles(
  db,
  newImportMeta({ sha256: '1'.repeat(64) }),
  names.flatMap((n, i) => makeRecords(1, n, `D${i}`)),
);
// The measured ledger: DEPARTMENTS - NEW known departments, NEW new ones, 50 cases each.
const ledger = [
  ...names.slice(0, DEPARTMENTS - NEW),
  ...Array.from({ length: NEW }, (_, i) => `德阳市新设第${i + 1}局`),
].flatMap((n, i) => makeRecords(50, n, `L${i}`));
const { seconds } = await timed(() => importCaseFiles(db, newImportMeta({ sha256: '2'.repeat(64) }), ledger));
const entry = (await readAuditLog(db)).at(-1)!;
const carried = (entry.records ?? []).filter((r) => r.table === 'departments').length;
const whole = await timed(async () => {
  for (const row of await db.departments.toArray()) recordDigest(row);
});
report(`directory rows digested by the import (of ${DIRECTORY + NEW})`, carried, 'rows', NEW);
report(`import of ${ledger.length} cases, ${DEPARTMENTS} departments`, seconds * 1000, 'ms');
report('whole-directory digest it does not pay', whole.seconds * 1000, 'ms');
db.close();
