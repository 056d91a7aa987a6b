// Backup and restore of a database with 500,000 case files and a finished campaign, and merging a
// 60-file results package, in Chromium through the real UI (production web build).
// Run: npx tsx test/bench/backup-chromium.bench.ts  (or npm run bench -- backup)
// The store is filled directly through IndexedDB from page.evaluate (no test hook in the app),
// with records shaped like the repositories write them.
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { CHROMIUM, launchChromium, startPreview } from './browser-harness';
import { encodePackage, type ResultsContent } from '../../shared/packages/panel-package';
import { makeAuditEntry, type AuditEntry } from '../../shared/audit/audit-chain';
import { computeDrawRecord, type DrawRecord } from '../../shared/draw/draw-record';
import { generateSigningKeyPair } from '../../shared/crypto/signing';
import { defaultPenaltyStandard } from '../../shared/standards/default-standards';
import { report } from './bench-report';

const PORT = 5440;
const OUT = '/tmp/pingcha-bench-backup';
const CASES = 500_000;
const CAMPAIGN = 'camp-bench';

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    console.log(`skipped: Chromium not found at ${CHROMIUM} (set CHROMIUM_PATH)`);
    return;
  }
  const preview = await startPreview({ port: PORT, outDir: OUT });
  const url = preview.url;
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 1440, height: 900 },
      acceptDownloads: true,
    });
    // tsx names functions with an __name helper that does not exist inside page.evaluate.
    await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    // Main-thread long tasks (> 50 ms), to show the export / verify / restore run off the UI thread.
    await context.addInitScript({
      content: `globalThis.__longtasks = [];
        try {
          new PerformanceObserver((list) => {
            for (const e of list.getEntries()) globalThis.__longtasks.push(e.duration);
          }).observe({ type: 'longtask' });
        } catch {}`,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(180_000);
    await page.goto(url + '/#/data-safety/backup');
    await page.getByTestId('backup-now').waitFor();
    const t0 = performance.now();
    const filled = await fill(page);
    console.log(
      `(filled ${filled.cases.toLocaleString()} case files, ${filled.sheets} sheets, ${filled.audit} log entries in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
    );
    page.on('pageerror', (e) => console.log('page error:', e.message));
    await page.reload();
    try {
      await page.getByTestId('backup-now').waitFor({ timeout: 60_000 });
    } catch (e) {
      await page.screenshot({ path: '/tmp/pingcha-bench-backup-fail.png' });
      throw e;
    }
    await runBackupRestore(page);
    await runMerge(page);
  } finally {
    await browser.close();
    preview.stop();
  }
}

/** A real (verifiable) log chain: a restore refuses a backup whose log does not verify. */
function auditChain(n: number): AuditEntry[] {
  const out: AuditEntry[] = [];
  for (let i = 0; i < n; i++) {
    out.push(
      makeAuditEntry(out.at(-1) ?? null, {
        at: '2026-02-01T00:00:00Z',
        actor: '组织者',
        action: 'score.submit',
        objectType: 'score-sheet',
        objectId: 's' + i,
        summary: `评分表提交 ${i}`,
        content: { i },
      }),
    );
  }
  return out;
}

/** A draw record of the stored shape (ids kept apart in drawPopulations, as schema v3+ stores them). */
function drawRecordShape(campaign: string): DrawRecord {
  const cases = Array.from({ length: 66 }, (_, i) => ({
    itemId: `第${(i % 33) + 1}执法局|${i}`,
    caseNo: String(i),
    department: `第${(i % 33) + 1}执法局`,
    caseType: '行政处罚',
    closedDate: '2025-06-01',
  }));
  const { record } = computeDrawRecord({
    campaign: {
      id: campaign,
      name: '2025 年度全市行政执法案卷评查',
      year: 2025,
      period: { from: '2025-01-01', to: '2025-12-31' },
      scope: { departments: [], caseTypes: [] },
    },
    drawnAt: '2026-01-08T00:00:00Z',
    operator: '组织者',
    witnesses: ['甲', '乙'],
    seed: '20260108000000000001',
    stratifyBy: 'department',
    filter: { departments: null, caseTypes: null, closedFrom: null, closedTo: null },
    sources: [],
    population: cases,
    total: 33,
  });
  return { ...record, population: { ...record.population, ids: [] } };
}

/** Writes 500,000 case files (250 chunks) and a finished campaign straight into IndexedDB. */
async function fill(page: Page): Promise<{ cases: number; sheets: number; audit: number }> {
  return page.evaluate(
    async ({ cases, campaign, auditEntries, drawRecord }) => {
      const open = () =>
        new Promise<IDBDatabase>((resolve, reject) => {
          const r = indexedDB.open('pingcha');
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error);
        });
      const db = await open();
      const put = (stores: string[], write: (tx: IDBTransaction) => void) =>
        new Promise<void>((resolve, reject) => {
          const tx = db.transaction(stores, 'readwrite');
          write(tx);
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
      const depts = Array.from({ length: 33 }, (_, i) => `第${i + 1}执法局`);
      const types = ['行政处罚', '行政许可', '行政强制', '行政检查'];
      const CH = 2000;
      const chunks = Math.ceil(cases / CH);
      const itemIds: string[] = [];
      await put(['imports'], (tx) =>
        tx.objectStore('imports').put({
          id: 'imp_bench',
          status: 'committed',
          fileName: '全市执法台账.xlsx',
          sheetName: 'Sheet1',
          sha256: 'a'.repeat(64),
          fileSize: 90_000_000,
          encoding: null,
          headerRow: 0,
          headers: [
            '案件编号',
            '执法部门',
            '案件类型',
            '案由',
            '当事人',
            '立案日期',
            '结案日期',
            '罚没金额',
            '执法人员',
            '执法证号',
          ],
          mapping: {},
          defaultDepartment: null,
          defaultCaseType: null,
          departments: depts,
          counts: { rowsRead: cases, imported: cases, errors: 0, warnings: 0, excluded: 0 },
          chunkCount: chunks,
          startedAt: '2026-01-01T00:00:00Z',
          committedAt: '2026-01-01T00:01:00Z',
          isDemo: false,
          insistedDuplicate: false,
        }),
      );
      for (let c0 = 0; c0 < chunks; c0 += 10) {
        await put(['caseChunks', 'rawChunks'], (tx) => {
          for (let c = c0; c < Math.min(chunks, c0 + 10); c++) {
            const col: Record<string, unknown[]> = {
              itemId: [],
              caseNo: [],
              department: [],
              caseType: [],
              cause: [],
              party: [],
              filedDate: [],
              closedDate: [],
              amountFen: [],
              officer: [],
              certNo: [],
              sourceRow: [],
            };
            const raw: string[][] = [];
            for (let k = 0; k < CH; k++) {
              const n = c * CH + k;
              const d = depts[n % 33]!;
              const no = `${d.slice(0, 4)}罚〔2025〕${n + 1}号`;
              const id = `${d}|${no}`;
              if (itemIds.length < 60) itemIds.push(id);
              const row = [
                no,
                d,
                types[n % 4]!,
                '未按规定办理经营许可擅自从事经营活动',
                `某某商贸有限公司${n}`,
                '2025-03-01',
                '2025-05-20',
                String((n % 500) * 100),
                `执法员${n % 700}`,
                `51${String(n).padStart(10, '0')}`,
              ];
              col.itemId!.push(id);
              col.caseNo!.push(no);
              col.department!.push(d);
              col.caseType!.push(row[2]);
              col.cause!.push(row[3]);
              col.party!.push(row[4]);
              col.filedDate!.push(row[5]);
              col.closedDate!.push(row[6]);
              col.amountFen!.push((n % 500) * 10000);
              col.officer!.push(row[8]);
              col.certNo!.push(row[9]);
              col.sourceRow!.push(k + 2);
              raw.push(row);
            }
            tx.objectStore('caseChunks').put({ importId: 'imp_bench', seq: c, count: CH, ...col });
            tx.objectStore('rawChunks').put({ importId: 'imp_bench', seq: c, raw });
          }
        });
      }
      // A finished campaign: 400 drawn files, 2 reviewers each, final results, letters, log.
      const drawn = Array.from(
        { length: 400 },
        (_, i) => `${depts[i % 33]}|${depts[i % 33]!.slice(0, 4)}罚〔2025〕${i * 1237 + 1}号`,
      );
      const reviewers = Array.from({ length: 20 }, (_, i) => ({
        id: 'r' + i,
        name: '评查员' + i,
        unit: '司法局',
        role: '机关工作人员',
        conflicts: [],
        campaignId: campaign,
      }));
      // The results package's 60 files are assigned to reviewer r0 (see runMerge).
      const result = [
        ...drawn.map((itemId, i) => ({
          itemId,
          reviewerIds: ['r' + ((i % 19) + 1), 'r' + (((i + 7) % 19) + 1)],
        })),
        ...itemIds.map((itemId) => ({ itemId, reviewerIds: ['r0'] })),
      ];
      const sheet = {
        deductions: Array.from({ length: 4 }, (_, k) => ({
          itemId: 'p' + k,
          optionId: 'o1',
          count: 1,
          problem: '未载明告知当事人陈述申辩权利的具体内容',
        })),
        vetoes: [],
      };
      const sheets = result.flatMap((e) =>
        e.reviewerIds
          .filter((r) => r !== 'r0')
          .map((r) => ({
            id: `${campaign}|${e.itemId}|${r}`,
            campaignId: campaign,
            itemId: e.itemId,
            reviewerId: r,
            standardId: 'penalty',
            standardVersion: 1,
            sheet,
            status: 'submitted',
            revision: 5,
            updatedAt: '2026-02-01T00:00:00Z',
            updatedBy: r,
            submittedAt: '2026-02-01T00:00:00Z',
            origin: 'local',
          })),
      );
      const audit = auditEntries;
      await put(
        [
          'campaigns',
          'draws',
          'drawPopulations',
          'reviewers',
          'assignments',
          'scoreSheets',
          'finalResults',
          'letters',
          'auditLog',
        ],
        (tx) => {
          tx.objectStore('campaigns').put({
            id: campaign,
            name: '2025 年度全市行政执法案卷评查',
            year: 2025,
            periodFrom: '2025-01-01',
            periodTo: '2025-12-31',
            departments: [],
            caseTypes: [],
            createdAt: '2026-01-05T00:00:00Z',
            createdBy: '组织者',
            isDemo: false,
            standards: [{ caseType: '行政处罚', standardId: 'penalty', version: 1 }],
            standardsFrozenAt: '2026-01-10T00:00:00Z',
          });
          tx.objectStore('draws').put({
            id: 'draw1',
            campaignId: campaign,
            createdAt: '2026-01-08T00:00:00Z',
            record: drawRecord,
            populationSeparate: true,
          });
          // The largest shape: every population id and its stratum index (a typed array).
          const ids = Array.from({ length: cases }, (_, n) => `${depts[n % 33]}|${n}`);
          const strata = new Uint16Array(cases);
          for (let n = 0; n < cases; n++) strata[n] = n % 33;
          tx.objectStore('drawPopulations').put({ drawId: 'draw1', ids, populationStrata: strata });
          for (const r of reviewers) tx.objectStore('reviewers').put(r);
          tx.objectStore('assignments').put({
            campaignId: campaign,
            record: {
              kind: 'pingcha-reviewer-assignment',
              formatVersion: 1,
              seed: 's',
              seedHash: 'a'.repeat(64),
              rule: '按签号顺序分配',
              perFile: 2,
              reviewers,
              files: [],
              initialResult: result,
              result,
              createdAt: '',
              createdBy: '',
              log: [],
            },
          });
          for (const s of sheets) tx.objectStore('scoreSheets').put(s);
          for (const itemId of drawn)
            tx.objectStore('finalResults').put({
              campaignId: campaign,
              itemId,
              department: '',
              caseNo: '',
              caseType: '行政处罚',
              standardId: 'penalty',
              standardVersion: 1,
              sheet,
              score: { totalHalfPoints: 170, grade: '良好' },
              reconciliation: null,
              finalisedAt: '2026-02-10T00:00:00Z',
              finalisedBy: '组长',
            });
          for (let i = 0; i < 33; i++)
            tx.objectStore('letters').put({
              id: `${campaign}|${depts[i]}`,
              campaignId: campaign,
              department: depts[i],
              status: 'closed',
              edits: {},
              docNumber: `德法函〔2026〕${i + 1}号`,
              numberId: `德法函|2026|${i + 1}`,
              issueDate: '2026-02-12',
              deadline: '2026-03-12',
              deadlineRule: null,
              issuedDocument: null,
              issuedBy: '组织者',
              voidedNumbers: [],
              replies: [],
              returns: [],
              closedAt: '2026-03-20T00:00:00Z',
              closedBy: '组织者',
              closeNote: null,
              createdAt: '2026-02-11T00:00:00Z',
              updatedAt: '2026-03-20T00:00:00Z',
            });
          for (const e of audit) tx.objectStore('auditLog').put(e);
        },
      );
      db.close();
      (window as unknown as { __benchItemIds: string[] }).__benchItemIds = itemIds;
      return { cases: chunks * CH, sheets: sheets.length, audit: audit.length };
    },
    {
      cases: CASES,
      campaign: CAMPAIGN,
      auditEntries: auditChain(2000),
      drawRecord: drawRecordShape(CAMPAIGN),
    },
  );
}

/** The longest main-thread task (ms) and the count of long tasks since the last call; then resets. */
async function longTasks(page: Page): Promise<{ max: number; count: number; total: number }> {
  return page.evaluate(() => {
    const g = globalThis as unknown as { __longtasks: number[] };
    const list = g.__longtasks ?? [];
    g.__longtasks = [];
    return {
      max: list.reduce((a, b) => Math.max(a, b), 0),
      count: list.length,
      total: list.reduce((a, b) => a + b, 0),
    };
  });
}

function reportLongTasks(label: string, l: { max: number; count: number; total: number }): void {
  report(`longest main-thread task: ${label}`, l.max, 'ms', 200);
  console.log(`(${label}: ${l.count} long tasks, ${Math.round(l.total)} ms in all)`);
}

async function runBackupRestore(page: Page): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pingcha-bench-backup-'));
  // Backup: click -> the download is offered (the whole export, hashing and ZIP included).
  await longTasks(page);
  let t = performance.now();
  const download = page.waitForEvent('download');
  await page.getByTestId('backup-now').click();
  const file = await download;
  const backupSeconds = (performance.now() - t) / 1000;
  const backupLong = await longTasks(page);
  const path = join(dir, file.suggestedFilename());
  await file.saveAs(path);
  const mb = statSync(path).size / 1024 / 1024;
  report('backup 500k files + campaign (click -> file)', backupSeconds, 's', 30);
  console.log(`(backup file ${mb.toFixed(1)} MB)`);

  // Restore: choose the file -> preview (manifest + every part's SHA-256 checked).
  t = performance.now();
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('restore-choose').click();
  await (await chooser).setFiles(path);
  await page.getByTestId('restore-preview').waitFor();
  const verifySeconds = (performance.now() - t) / 1000;
  const verifyLong = await longTasks(page);
  // Confirm -> automatic backup of the current data (a download) -> restore in one transaction.
  t = performance.now();
  const pre = page.waitForEvent('download');
  await page.getByTestId('restore-confirm').click();
  await pre;
  const preSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  await page.getByText('已恢复').waitFor();
  const writeSeconds = (performance.now() - t) / 1000;
  const restoreLong = await longTasks(page);
  report('restore: read + verify (file -> preview)', verifySeconds, 's');
  report('restore: automatic backup before restore', preSeconds, 's', 30);
  report('restore: replace all tables (one transaction)', writeSeconds, 's');
  report('restore 500k files (verify + replace)', verifySeconds + writeSeconds, 's', 30);
  reportLongTasks('backup (click -> file)', backupLong);
  reportLongTasks('restore: file -> preview', verifyLong);
  reportLongTasks('restore: confirm -> restored (incl. backup before)', restoreLong);
  await page.waitForEvent('load');
}

async function runMerge(page: Page): Promise<void> {
  // The office exported an assignment package 'pkg_bench' to r0 with this key (results are signed with it).
  const reviewerKey = generateSigningKeyPair();
  const standard = { ...defaultPenaltyStandard(), id: 'penalty', version: 1, status: 'published' };
  const { itemIds, option } = await page.evaluate(
    async ({ publicKey, standard }) => {
      const r = indexedDB.open('pingcha');
      const db = await new Promise<IDBDatabase>((res) => (r.onsuccess = () => res(r.result)));
      const get = <T>(store: string, key: IDBValidKey) =>
        new Promise<T>((res) => {
          const q = db.transaction(store).objectStore(store).get(key);
          q.onsuccess = () => res(q.result as T);
        });
      const rec = await get<{ record: { result: { itemId: string; reviewerIds: string[] }[] } }>(
        'assignments',
        'camp-bench',
      );
      const std = await get<
        { categories: { items: { id: string; deductions: { id: string }[] }[] }[] } | undefined
      >('standards', ['penalty', 1]);
      const mine = rec.record.result.filter((e) => e.reviewerIds.includes('r0')).map((e) => e.itemId);
      await new Promise<void>((res) => {
        const tx = db.transaction(['panelPackages', 'standards'], 'readwrite');
        if (!std) tx.objectStore('standards').put(standard);
        tx.objectStore('panelPackages').put({
          id: 'assignment-export:pkg_bench',
          packageId: 'pkg_bench',
          kind: 'assignment-export',
          campaignId: 'camp-bench',
          reviewerId: 'r0',
          reviewerName: '评查员0',
          sha256: '0'.repeat(64),
          fileName: 'bench',
          at: '2026-02-01T00:00:00Z',
          by: 'bench',
          reviewerPublicKey: publicKey,
          itemIds: mine,
          baseRevisions: {},
        });
        tx.oncomplete = () => res();
      });
      db.close();
      const item = (std ?? standard).categories[0]!.items[0]!;
      return { itemIds: mine, option: { itemId: item.id, optionId: item.deductions[0]!.id } };
    },
    { publicKey: reviewerKey.publicKey, standard },
  );
  const content: ResultsContent = {
    kind: 'results',
    basePackageId: 'pkg_bench',
    reviewerId: 'r0',
    reviewerName: '评查员0',
    baseRevisions: {},
    sheets: itemIds.map((itemId) => ({
      id: `${CAMPAIGN}|${itemId}|r0`,
      campaignId: CAMPAIGN,
      itemId,
      reviewerId: 'r0',
      standardId: 'penalty',
      standardVersion: 1,
      sheet: { deductions: [{ ...option, count: 1, problem: '文书未送达' }], vetoes: [] },
      status: 'submitted',
      revision: 4,
      updatedAt: '2026-02-02T00:00:00Z',
      updatedBy: '评查员0',
      submittedAt: '2026-02-02T00:00:00Z',
      origin: 'local',
    })),
  };
  const { bytes } = encodePackage(
    {
      campaignId: CAMPAIGN,
      campaignName: '2025 年度全市行政执法案卷评查',
      createdAt: '2026-02-02T00:00:00Z',
      createdBy: '评查员0',
      appVersion: '0.1.0',
    },
    content,
    reviewerKey,
  );
  const file = join(mkdtempSync(join(tmpdir(), 'pingcha-bench-pkg-')), '评查结果包-评查员0.pingcha-package');
  writeFileSync(file, bytes);
  await page.goto(page.url().split('#')[0] + '#/data-safety/packages');
  let t = performance.now();
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('import-results').click();
  await (await chooser).setFiles(file);
  await page.getByTestId('merge-confirm').waitFor();
  const previewSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  await page.getByTestId('merge-confirm').click();
  try {
    await page.getByText(/已合并评分表 \d+ 份/).waitFor({ timeout: 60_000 });
  } catch (e) {
    await page.screenshot({ path: '/tmp/pingcha-bench-merge-fail.png' });
    throw e;
  }
  const mergeSeconds = (performance.now() - t) / 1000;
  // One of the 60 files is also a finalised file of the campaign: kept as it is (locked).
  console.log(`(${await page.getByText(/已合并评分表 \d+ 份/).textContent()})`);
  report(`results package (${itemIds.length} files): read + plan`, previewSeconds, 's');
  const storeSeconds = await page.evaluate(
    () => (performance.getEntriesByName('pingcha:package-merge').at(-1)?.duration ?? NaN) / 1000,
  );
  report(`results package (${itemIds.length} files): merge in the store`, storeSeconds, 's', 1);
  report(`results package (${itemIds.length} files): click -> message`, mergeSeconds, 's', 1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
