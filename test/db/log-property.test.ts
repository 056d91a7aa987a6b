// Property: for random sequences of app actions written as the repositories write them (the record
// and its signed log entry in one transaction), a clean store verifies with 0 problems (no false
// alarm), and any single edit, deletion or appended unsigned entry is named by 核对数据与留痕.
import { describe, expect, it } from 'vitest';
import { makeAuditEntry, type AuditAction } from '../../shared/audit/audit-chain';
import { coveredKey, type CoveredTable } from '../../shared/audit/record-coverage';
import { appendAudit, checkDataAndLog } from '../../renderer/db/audit-repository';
import type { PingchaDatabase } from '../../renderer/db/database';
import { ensureOfficeKey } from '../../renderer/db/office-key-repository';
import { freshDb } from './helpers';

/** A small seeded generator (mulberry32), so a failing case can be replayed from its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CAMPAIGN = 'c1';

async function write(
  db: PingchaDatabase,
  action: AuditAction,
  table: CoveredTable | null,
  row: Record<string, unknown> | null,
): Promise<void> {
  const tables = table ? [db.auditLog, db.table(table)] : [db.auditLog];
  await db.transaction('rw', tables, async () => {
    if (table && row) await db.table(table).put(row);
    await appendAudit(db, {
      actor: '测试员',
      action,
      objectType: 'x',
      objectId: row ? String(row.id ?? row.itemId) : 'none',
      summary: action,
      content: row,
      ...(table && row
        ? { records: [{ table, key: coveredKey(table, row), row, campaignId: CAMPAIGN }] }
        : {}),
    });
  });
}

/** One random app action on the store. */
async function randomAction(db: PingchaDatabase, rnd: () => number, n: number): Promise<void> {
  const pick = <T>(xs: readonly T[]): T | undefined => xs[Math.floor(rnd() * xs.length)];
  const letters = (await db.table('letters').toArray()) as Record<string, unknown>[];
  const draws = (await db.table('draws').toArray()) as Record<string, unknown>[];
  switch (Math.floor(rnd() * 8)) {
    case 0:
      return write(db, 'draw.create', 'draws', { id: `d${n}`, campaignId: CAMPAIGN, drawn: [n] });
    case 1: {
      const d = pick(draws);
      if (!d) return write(db, 'score.submit', null, null);
      return write(db, 'draw.replace', 'drawEvents', { id: `${String(d.id)}|${n}`, drawId: d.id, seq: n });
    }
    case 2:
      // A file finalised, or finalised again with another score.
      return write(db, 'review.finalise', 'finalResults', {
        campaignId: CAMPAIGN,
        itemId: `f${Math.floor(rnd() * 4)}`,
        score: n,
      });
    case 3: {
      const draft = pick(letters.filter((l) => l.status === 'draft'));
      const id = draft ? String(draft.id) : `l${n}`;
      return write(db, 'letter.issue', 'letters', {
        id,
        campaignId: CAMPAIGN,
        status: 'issued',
        docNumber: n,
      });
    }
    case 4: {
      const issued = pick(letters.filter((l) => l.status === 'issued'));
      if (!issued) return write(db, 'score.submit', null, null);
      // 作废文号: the letter goes back to a draft.
      return write(db, 'letter.void', 'letters', { ...issued, status: 'draft', docNumber: null });
    }
    case 5: {
      const issued = pick(letters.filter((l) => l.status === 'issued'));
      if (!issued) return write(db, 'score.submit', null, null);
      return write(db, 'letter.reply', 'letters', { ...issued, reply: n });
    }
    case 6:
      return write(db, 'certificate.decision', 'reviewDecisions', {
        id: `r${Math.floor(rnd() * 3)}`,
        decided: n,
      });
    default:
      return write(db, 'score.submit', null, null);
  }
}

async function randomStore(seed: number): Promise<{ db: PingchaDatabase; rnd: () => number }> {
  const db = freshDb();
  await db.campaigns.put({ id: CAMPAIGN } as never);
  await ensureOfficeKey(db, '测试员');
  const rnd = random(seed);
  const steps = 5 + Math.floor(rnd() * 20);
  for (let i = 1; i <= steps; i++) await randomAction(db, rnd, i);
  // Make sure there is at least one covered record to tamper with.
  await write(db, 'review.finalise', 'finalResults', { campaignId: CAMPAIGN, itemId: 'last', score: 1 });
  return { db, rnd };
}

const TABLES: CoveredTable[] = ['draws', 'drawEvents', 'finalResults', 'letters', 'reviewDecisions'];

async function vouchedRows(
  db: PingchaDatabase,
): Promise<{ table: CoveredTable; row: Record<string, unknown> }[]> {
  const out: { table: CoveredTable; row: Record<string, unknown> }[] = [];
  for (const table of TABLES)
    for (const row of (await db.table(table).toArray()) as Record<string, unknown>[])
      if (table !== 'letters' || row.status !== 'draft') out.push({ table, row });
  return out;
}

const SEEDS = Array.from({ length: 12 }, (_, i) => 1000 + i * 7919);

describe('the log and the data: random app histories', () => {
  it.each(SEEDS)(
    'seed %i: a clean store has 0 problems; an edit, a deletion or an unsigned entry is named',
    async (seed) => {
      const { db, rnd } = await randomStore(seed);
      const clean = await checkDataAndLog(db);
      expect(clean.trust.problems).toEqual([]);
      expect(clean.mismatches).toEqual([]);

      const rows = await vouchedRows(db);
      const target = rows[Math.floor(rnd() * rows.length)]!;
      const key = coveredKey(target.table, target.row);
      const pk = db.table(target.table).schema.primKey.keyPath;
      const primary = Array.isArray(pk) ? pk.map((k) => target.row[k]) : target.row[pk as string];

      // One edit behind the app.
      await db.table(target.table).put({ ...target.row, tampered: true });
      let found = await checkDataAndLog(db);
      expect(found.mismatches.map((m) => [m.kind, m.table, m.key])).toEqual([['changed', target.table, key]]);
      await db.table(target.table).put(target.row);

      // One deletion behind the app.
      await db.table(target.table).delete(primary as never);
      found = await checkDataAndLog(db);
      expect(found.mismatches.map((m) => [m.kind, m.table, m.key])).toEqual([['missing', target.table, key]]);
      await db.table(target.table).put(target.row);

      // One appended unsigned entry (claiming the edited record): named, and never a cover.
      const edited = { ...target.row, tampered: true };
      await db.table(target.table).put(edited);
      const last = (await db.auditLog.orderBy('seq').last())!;
      await db.auditLog.add(
        makeAuditEntry(last, {
          at: '2026-12-01T00:00:00.000Z',
          actor: '测试员',
          action: 'review.finalise',
          objectType: 'x',
          objectId: key,
          summary: '伪造',
          content: null,
          records: [{ table: target.table, key, row: edited, campaignId: CAMPAIGN }],
        }),
      );
      found = await checkDataAndLog(db);
      expect(found.trust.problems.join('\n')).toMatch(/没有本单位密钥的签名/);
      expect(found.mismatches.map((m) => [m.kind, m.key])).toEqual([['changed', key]]);
    },
  );
});
