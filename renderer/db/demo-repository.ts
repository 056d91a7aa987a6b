// The demo data's own repository: what is demo, and its removal in one step. Demo records are those
// marked isDemo (ledger imports, campaigns, officers, exam sittings and candidates, training), those
// belonging to a demo campaign (draw, events, panel, assignment, sheets, results, letters, their
// numbers and reply files, panel packages, report edits), the '-demo' standard copies, and the
// records of demo officers (attendance, yearly-review decisions and the runs that reviewed them). The audit log is append-only:
// its entries about demo data stay; a removal that takes directory entries away logs them as removed (demo.remove).
import { formatCount } from '@shared/util/number-format';
import type { Table } from 'dexie';
import { isDemoNumberPrefix } from '@shared/letters/numbering';
import type { PingchaDatabase } from './database';
import { appendAudit } from './audit-repository';
import './directory-repository';
import './workflow-records';
import './letters-repository';
import './officers-repository';
import './package-repository';
import './case-file-repository';

/** Suffix of the demo copies of the default standards (the demo never freezes the user's defaults). */
export const DEMO_STANDARD_SUFFIX = '-demo';

export interface DemoDataCounts {
  ledgers: number;
  cases: number;
  campaigns: number;
  officers: number;
}

export interface DemoRemovalSummary extends DemoDataCounts {
  /** Every record removed, all tables together. */
  records: number;
}

/** The campaign/draw link fields a table can be searched by (its primary key or an index). */
function linkKeys(table: Table): ('campaignId' | 'drawId')[] {
  const names = new Set([table.schema.primKey, ...table.schema.indexes].map((i) => i.name));
  return (['campaignId', 'drawId'] as const).filter((k) => names.has(k));
}

/** What the store holds of demo data (banner and settings card). */
export async function countDemoData(db: PingchaDatabase): Promise<DemoDataCounts> {
  const imports = (await db.imports.toArray()).filter((r) => r.isDemo && r.status === 'committed');
  return {
    ledgers: imports.length,
    cases: imports.reduce((a, r) => a + r.counts.imported, 0),
    campaigns: await db.campaigns.filter((c) => c.isDemo).count(),
    officers: await db.officers.filter((o) => o.isDemo === true).count(),
  };
}

/** True for a demo copy of a standard (never a user's own standard). */
export function isDemoStandardId(id: string): boolean {
  return id.endsWith(DEMO_STANDARD_SUFFIX);
}

/** The banner's and card's Chinese summary of the demo data in the store. */
export function demoCountText(c: DemoDataCounts): string {
  const parts: string[] = [];
  if (c.ledgers) parts.push(`${c.ledgers} 个示例台账（${formatCount(c.cases)} 件虚构案卷）`);
  if (c.campaigns) parts.push(`${c.campaigns} 个示例评查活动（含抽取、评分和结果）`);
  if (c.officers) parts.push(`${formatCount(c.officers)} 名示例执法人员`);
  return parts.join('、');
}

/**
 * Removes every piece of demo data in ONE transaction; user data is left as it was. Audit entries
 * are kept (the log is append-only). Returns what was removed.
 */
export async function removeDemoData(
  db: PingchaDatabase,
  actor = '未署名操作人员',
): Promise<DemoRemovalSummary> {
  const tables = [
    db.auditLog,
    db.imports,
    db.caseChunks,
    db.rawChunks,
    db.ruleCensus,
    db.meta,
    db.campaigns,
    db.draws,
    db.drawEvents,
    db.standards,
    db.reviewers,
    db.assignments,
    db.scoreSheets,
    db.finalResults,
    db.letters,
    db.letterNumbers,
    db.attachments,
    db.panelPackages,
    db.officers,
    db.examSittings,
    db.examCandidates,
    db.trainingSessions,
    db.trainingAttendance,
    db.annualReviews,
    db.reviewDecisions,
    db.departments,
    db.caseFiles,
    db.caseFileBytes,
    db.caseFilePages,
  ];
  const known = new Set(tables.map((t) => t.name));
  // Tables added later that hang on a campaign or a draw (campaignId / drawId key or index) are
  // covered too, so a new workflow table cannot keep demo records behind.
  const linked = db.tables.filter((t) => !known.has(t.name) && linkKeys(t).length > 0);
  return db.transaction('rw', [...tables, ...linked], async () => {
    const counts = await countDemoData(db);
    let records = 0;
    const drop = async <K>(table: Table<unknown, K>, keys: K[]) => {
      if (!keys.length) return;
      await table.bulkDelete(keys);
      records += keys.length;
    };

    // Ledgers (pending demo imports too: an interrupted load leaves them).
    const demoImports = (await db.imports.toArray()).filter((r) => r.isDemo).map((r) => r.id);
    for (const id of demoImports) {
      await drop(db.caseChunks, await db.caseChunks.where('importId').equals(id).primaryKeys());
      await drop(db.rawChunks, await db.rawChunks.where('importId').equals(id).primaryKeys());
      if (await db.ruleCensus.get(id)) await drop(db.ruleCensus, [id]);
    }
    await drop(db.imports, demoImports);
    // Directory entries only the demo ledgers brought in.
    const demoDepartments = (await db.departments.toArray()).filter((d) => d.isDemo).map((d) => d.id);
    await drop(db.departments, demoDepartments);

    // Campaigns and everything that belongs to them.
    const campaigns = (await db.campaigns.toArray()).filter((c) => c.isDemo).map((c) => c.id);
    const demoDraws = campaigns.length
      ? await db.draws.where('campaignId').anyOf(campaigns).primaryKeys()
      : [];
    for (const table of linked) {
      for (const key of linkKeys(table)) {
        const ids = key === 'campaignId' ? campaigns : demoDraws;
        if (ids.length) await drop(table, await table.where(key).anyOf(ids).primaryKeys());
      }
    }
    for (const cid of campaigns) {
      const draws = await db.draws.where('campaignId').equals(cid).primaryKeys();
      for (const did of draws)
        await drop(db.drawEvents, await db.drawEvents.where('drawId').equals(did).primaryKeys());
      await drop(db.draws, draws);
      await drop(db.reviewers, await db.reviewers.where('campaignId').equals(cid).primaryKeys());
      await drop(db.assignments, await db.assignments.where('campaignId').equals(cid).primaryKeys());
      await drop(db.scoreSheets, await db.scoreSheets.where('campaignId').equals(cid).primaryKeys());
      await drop(db.finalResults, await db.finalResults.where('campaignId').equals(cid).primaryKeys());
      const letters = await db.letters.where('campaignId').equals(cid).primaryKeys();
      const letterSet = new Set(letters);
      // Demo-marked numbers go with the demo. A number of the real register on a demo letter (made
      // before demo numbers were marked) stays on record as void: removing the demo frees nothing.
      // …and so do the numbers of the demo campaign's 通报 (object id 'report:<campaign>').
      const numbers = (await db.letterNumbers.toArray()).filter(
        (n) => letterSet.has(n.letterId) || n.letterId === `report:${cid}`,
      );
      await drop(
        db.letterNumbers,
        numbers.filter((n) => isDemoNumberPrefix(n.prefix)).map((n) => n.id),
      );
      for (const n of numbers.filter((x) => !isDemoNumberPrefix(x.prefix) && x.status !== 'void')) {
        await db.letterNumbers.put({
          ...n,
          status: 'void',
          voidedAt: new Date().toISOString(),
          voidReason: '示例整改函使用过的文号：示例数据已移除，文号作废保留，不再分配。',
        });
      }
      for (const lid of letters)
        await drop(db.attachments, await db.attachments.where('ownerId').equals(lid).primaryKeys());
      await drop(db.letters, letters);
      await drop(db.panelPackages, await db.panelPackages.where('campaignId').equals(cid).primaryKeys());
      if (await db.meta.get(`report-edits:${cid}`)) await drop(db.meta, [`report-edits:${cid}`]);
    }
    await drop(db.campaigns, campaigns);

    // 电子案卷 of the demo campaigns (their rows went with them), then the bytes and page labels no
    // attached file uses any more: kept by hash, they hang on no campaign themselves.
    if (campaigns.length)
      await drop(db.caseFiles, await db.caseFiles.where('campaignId').anyOf(campaigns).primaryKeys());
    const inUse = new Set((await db.caseFiles.orderBy('sha256').uniqueKeys()) as string[]);
    await drop(
      db.caseFileBytes,
      ((await db.caseFileBytes.toCollection().primaryKeys()) as string[]).filter((k) => !inUse.has(k)),
    );
    await drop(
      db.caseFilePages,
      ((await db.caseFilePages.toCollection().primaryKeys()) as string[]).filter((k) => !inUse.has(k)),
    );

    // Demo standard copies, unless a user's campaign has chosen one since.
    const usedByUser = new Set(
      (await db.campaigns.toArray()).flatMap((c) => c.standards.map((s) => `${s.standardId}|${s.version}`)),
    );
    await drop(
      db.standards,
      (await db.standards.toArray())
        .filter((s) => isDemoStandardId(s.id) && !usedByUser.has(`${s.id}|${s.version}`))
        .map((s) => [s.id, s.version] as [string, number]),
    );

    // Officers and what hangs on them.
    const officers = new Set((await db.officers.toArray()).filter((o) => o.isDemo).map((o) => o.id));
    const demoSessions = new Set(
      (await db.trainingSessions.toArray()).filter((s) => s.isDemo).map((s) => s.id),
    );
    await drop(db.officers, [...officers]);
    for (const table of [db.examSittings, db.examCandidates, db.trainingSessions] as Table<
      { id: string; isDemo?: boolean },
      string
    >[])
      await drop(
        table,
        (await table.toArray()).filter((r) => r.isDemo).map((r) => r.id),
      );
    await drop(
      db.trainingAttendance,
      (await db.trainingAttendance.toArray())
        .filter((a) => a.isDemo || officers.has(a.officerId) || demoSessions.has(a.sessionId))
        .map((a) => a.id),
    );
    // Yearly-review runs over a registry that held demo officers. A run in which no user officer's
    // decision was recorded is demo work: it goes with all its decisions. A run holding a user's
    // decision stays, without the demo officers' proposals and decisions.
    const decisions = await db.reviewDecisions.toArray();
    for (const review of await db.annualReviews.toArray()) {
      const touched =
        review.proposals.some((p) => officers.has(p.officerId)) ||
        review.skipped.some((x) => officers.has(x.officerId));
      const own = decisions.filter((d) => d.reviewId === review.id);
      if (!touched) continue;
      if (!own.some((d) => !officers.has(d.officerId))) {
        await drop(
          db.reviewDecisions,
          own.map((d) => d.id),
        );
        await drop(db.annualReviews, [review.id]);
        continue;
      }
      const proposals = review.proposals.filter((p) => !officers.has(p.officerId));
      const skipped = review.skipped.filter((x) => !officers.has(x.officerId));
      await db.annualReviews.put({ ...review, proposals, skipped });
      records += review.proposals.length - proposals.length + review.skipped.length - skipped.length;
    }
    await drop(
      db.reviewDecisions,
      (await db.reviewDecisions.toArray()).filter((d) => officers.has(d.officerId)).map((d) => d.id),
    );
    // The log vouches for 机构名录: the entries the demo ledgers brought in leave it with this entry.
    if (demoDepartments.length > 0)
      await appendAudit(db, {
        actor,
        action: 'demo.remove',
        objectType: 'demo',
        objectId: 'demo',
        summary: `移除示例数据（${formatCount(records)} 条记录，其中机构名录 ${formatCount(demoDepartments.length)} 个机构）`,
        content: { records, departments: demoDepartments.length },
        records: demoDepartments.map((id) => ({ table: 'departments', key: id, row: null })),
      });
    return { ...counts, records };
  });
}
