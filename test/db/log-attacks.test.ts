// Issue 23's attacks on the log (操作留痕), replayed on a real store and its backup. Each one must be
// named: by the in-app check (核对数据与留痕), by the restore preview (which then needs a second
// confirmation), and by `pingcha log verify` with and without --head (exit 1).
import { beforeAll, describe, expect, it } from 'vitest';
import { GENESIS_HASH, makeAuditEntry, recordDigest, type AuditEntry } from '../../shared/audit/audit-chain';
import { runCli } from '../../shared/cli/main';
import { sha256Hex } from '../../shared/crypto/sha256';
import { keyFingerprint, type SigningKeyPair } from '../../shared/crypto/signing';
import { restoreLosesNothing } from '../../shared/backup/restore-loss';
import { canonicalJson } from '../../shared/util/canonical-json';
import type { OfficialDocument } from '../../shared/documents/layout-model';
import {
  appendAudit,
  checkDataAndLog,
  checkpointCode,
  entryCode,
  readAuditLog,
  setCheckpointSigner,
} from '../../renderer/db/audit-repository';
import {
  exportDatabase,
  inspectBackup,
  restoreBackup,
  RestoreError,
} from '../../renderer/db/backup-repository';
import { createCampaign } from '../../renderer/db/campaign-repository';
import type { PingchaDatabase } from '../../renderer/db/database';
import { importCaseFiles } from '../../renderer/db/ledger-repository';
import {
  ensureLetterDrafts,
  issueLetter,
  letterId,
  voidLetterNumber,
  type IssueRequest,
} from '../../renderer/db/letters-repository';
import { ensureOfficeKey, readKeptLogHead } from '../../renderer/db/office-key-repository';
import { freezeCampaignStandards } from '../../renderer/db/panel-repository';
import { finaliseFile, saveSheet, submitSheet } from '../../renderer/db/score-repository';
import { DrawService } from '../../renderer/workers/draw-service';
import { recordingIo } from '../fixtures/memory-io';
import { rewriteParts } from './backup-forgery';
import { freshDb, freshMachine, makeRecords, newImportMeta, snapshot } from './helpers';
import { CAMPAIGN, setupCoordinator, std } from './package-fixtures';

const DEPTS = ['交通运输局', '市场监督管理局'];
const opts = { appVersion: '0.1.0', actor: '恢复员' };

const issueReq = (dept: string, text = '正文：请于期限内整改。'): IssueRequest => ({
  letterId: letterId(CAMPAIGN, dept),
  prefix: '德法函',
  issueDate: '2026-11-26',
  deadline: '2026-12-11',
  deadlineRule: { days: 15, mode: 'calendar' },
  actor: '组织者',
  build: ({ docNumber }): OfficialDocument => ({
    style: 'letter',
    issuerMark: '德阳市司法局',
    docNumber,
    title: '整改通知书',
    blocks: [{ type: 'paragraph', text }],
  }),
});

interface Office {
  db: PingchaDatabase;
  key: SigningKeyPair;
  itemId: string;
  drawId: string;
  letterCode: string;
  backup: Uint8Array;
}

/**
 * The office's store, all through the app's repositories: key, ledgers, a draw and a replacement,
 * a finalised file, an issued letter, and a letter issued then voided back to a draft (作废文号).
 */
async function officeStore(): Promise<Office> {
  const db = freshDb();
  const key = await ensureOfficeKey(db, '组织者');
  await importCaseFiles(db, newImportMeta({ fileName: '市场.xlsx' }), makeRecords(30, DEPTS[1], 'SJ'));
  await importCaseFiles(db, newImportMeta({ fileName: '交通.xlsx' }), makeRecords(20, DEPTS[0], 'JT'));
  const drawCampaign = await createCampaign(db, {
    name: '第十一次行政执法案卷评查',
    year: 2025,
    periodFrom: null,
    periodTo: null,
    departments: [],
    caseTypes: [],
    createdBy: '组织者',
  });
  const service = new DrawService(db);
  const view = await service.execute({
    campaignId: drawCampaign.id,
    plan: { total: 8, stratifyBy: 'department', minimum: 1, sparesPerStratum: 2 },
    seed: '01382438112797316654',
    operator: '组织者',
    witnesses: [],
  });
  await service.replace(view.drawId, view.drawn[0]!.itemId, '案卷已移送司法机关', '组织者');

  await setupCoordinator(db);
  const rec = (await db.assignments.get(CAMPAIGN))!.record;
  const itemId = rec.result.find((e) => e.reviewerIds.includes('r1'))!.itemId;
  const item = std.categories[0]!.items[0]!;
  await saveSheet(db, {
    campaignId: CAMPAIGN,
    itemId,
    reviewerId: 'r1',
    caseType: '行政处罚',
    sheet: {
      deductions: [{ itemId: item.id, optionId: item.deductions[0]!.id, count: 1, problem: '未告知' }],
      vetoes: [],
    },
    actor: '王评查',
  });
  await submitSheet(db, { campaignId: CAMPAIGN, itemId, reviewerId: 'r1', actor: '王评查' });
  await finaliseFile(db, { campaignId: CAMPAIGN, itemId, lead: '组长' });

  await ensureLetterDrafts(db, CAMPAIGN, DEPTS);
  await issueLetter(db, issueReq(DEPTS[0]!));
  await issueLetter(db, issueReq(DEPTS[1]!));
  await voidLetterNumber(db, letterId(CAMPAIGN, DEPTS[1]!), '文号打错', '组织者');
  const code = (await checkpointCode(db, 'letter.issue', letterId(CAMPAIGN, DEPTS[0]!)))!.code;
  const backup = (await exportDatabase(db, { appVersion: '0.1.0', reason: 'manual' })).bytes;
  return { db, key, itemId, drawId: view.drawId, letterCode: code, backup };
}

/** An entry appended without the office key (what a forger can write). */
function unsignedAfter(
  last: AuditEntry,
  action: AuditEntry['action'],
  records: { table: string; key: string; row: unknown; campaignId?: string }[],
): AuditEntry {
  return makeAuditEntry(last, {
    at: '2026-12-01T00:00:00.000Z',
    actor: '组织者',
    action,
    objectType: 'letter',
    objectId: 'x',
    summary: '收到整改回复',
    content: {},
    records,
  });
}

async function verifyExit(bytes: Uint8Array, head?: string): Promise<{ code: number; out: string }> {
  const m = recordingIo({ 'b.pingcha-backup': bytes });
  const code = await runCli(['log', 'verify', 'b.pingcha-backup', ...(head ? ['--head', head] : [])], m.io);
  return { code, out: m.out() };
}

/** Every named problem the restore preview shows for a backup, on a new machine; the store unchanged. */
async function previewAndRefuse(bytes: Uint8Array): Promise<string> {
  const target = await freshMachine();
  const before = await snapshot(target);
  const { trust } = await inspectBackup(target, bytes, { appVersion: '0.1.0' });
  await expect(restoreBackup(target, bytes, opts)).rejects.toThrow(RestoreError);
  expect(await snapshot(target)).toEqual(before);
  return trust!.problems.join('\n');
}

let office: Office;
beforeAll(async () => {
  office = await officeStore();
}, 120_000);

describe('a clean office store', () => {
  it('verifies with no problem in the app, in the restore preview and with pingcha log verify --head (incl. a voided draft letter)', async () => {
    const { db, backup, letterCode } = office;
    const log = await readAuditLog(db);
    // Every entry is covered by a signed head at or after it (heads that commit while a signing is
    // under way are signed once, as the newest).
    expect(log.every((e) => log.some((s) => s.seq >= e.seq && s.signature))).toBe(true);
    expect(log.map((e) => e.action)).toContain('letter.void');
    const check = await checkDataAndLog(db);
    expect(check.trust.problems).toEqual([]);
    expect(check.mismatches).toEqual([]);
    const target = await freshMachine();
    const { trust, keys, loss } = await inspectBackup(target, backup, { appVersion: '0.1.0' });
    expect(trust!.problems).toEqual([]);
    // The key question, asked first: this new machine holds another key than the office's.
    expect(keys!.backup).toBe(keyFingerprint(office.key.publicKey));
    expect(keys!.machine).not.toBe(keys!.backup);
    expect((await inspectBackup(db, backup, { appVersion: '0.1.0' })).keys!.machine).toBe(keys!.backup);
    // A new installation's own key entry is no work undone: nothing to 撤销 (issue 25 item 8).
    expect(restoreLosesNothing(loss!)).toBe(true);
    const r = await verifyExit(backup, letterCode);
    expect(r.out).toContain('操作留痕完整');
    expect(r.code).toBe(0);
    // Restored without any confirmation; the restore is signed on as the log's key changed.
    await restoreBackup(target, backup, opts);
    const after = await checkDataAndLog(target);
    expect(after.trust.problems).toEqual([]);
    expect(after.mismatches).toEqual([]);
    // The backup's register comes along: numbers already printed (1 issued, 2 voided) are never
    // offered again on this machine either.
    const again = await issueLetter(target, issueReq(DEPTS[1]!));
    expect(again.docNumber).toBe('德法函〔2026〕3号');
    expect((await checkDataAndLog(target)).mismatches).toEqual([]);
  });
});

describe('attack 1: an edited record covered by ONE appended unsigned entry', () => {
  it('a final score changed in a backup, covered by an unsigned entry with the new digest: named everywhere', async () => {
    const { db, backup, letterCode, itemId } = office;
    const key = `${CAMPAIGN}|${itemId}`;
    const row = (await db.finalResults.get([CAMPAIGN, itemId]))!;
    const changed = { ...row, score: { ...row.score, totalHalfPoints: 110 } };
    const forged = rewriteParts(backup, (table, records) => {
      if (table === 'finalResults')
        return records.map((r) => ((r as { itemId: string }).itemId === itemId ? changed : r));
      if (table === 'auditLog') {
        const log = records as AuditEntry[];
        return [
          ...log,
          unsignedAfter(log.at(-1)!, 'review.finalise', [
            { table: 'finalResults', key, row: changed, campaignId: CAMPAIGN },
          ]),
        ];
      }
      return records;
    });
    const problems = await previewAndRefuse(forged);
    expect(problems).toMatch(/没有本单位密钥的签名/);
    expect(problems).toMatch(
      /复核定稿结果“camp-2025\|.*”与第 \d+ 条留痕记录的内容不符.*第 \d+ 条留痕声称写入了它/,
    );
    for (const head of [undefined, letterCode]) {
      const r = await verifyExit(forged, head);
      expect(r.code).toBe(1);
      expect(r.out).toMatch(/没有本单位密钥的签名/);
      expect(r.out).toMatch(/数据不符：复核定稿结果/);
    }
  });

  it('an issued letter’s text changed, covered by an unsigned letter.reply with the new digest: named', async () => {
    const { db, backup, letterCode } = office;
    const id = letterId(CAMPAIGN, DEPTS[0]!);
    const letter = (await db.letters.get(id))!;
    const newRow = {
      ...letter,
      issuedDocument: {
        ...letter.issuedDocument!,
        blocks: [{ type: 'paragraph', text: '正文：无需整改。' }],
      },
    };
    const forged = rewriteParts(backup, (table, records) => {
      if (table === 'letters') return records.map((r) => ((r as { id: string }).id === id ? newRow : r));
      if (table === 'auditLog') {
        const log = records as AuditEntry[];
        return [
          ...log,
          unsignedAfter(log.at(-1)!, 'letter.reply', [
            { table: 'letters', key: id, row: newRow, campaignId: CAMPAIGN },
          ]),
        ];
      }
      return records;
    });
    const problems = await previewAndRefuse(forged);
    expect(problems).toMatch(/没有本单位密钥的签名/);
    expect(problems).toMatch(
      /整改函“camp-2025\|交通运输局”与第 \d+ 条留痕记录的内容不符.*第 \d+ 条留痕声称写入了它/,
    );
    for (const head of [undefined, letterCode]) expect((await verifyExit(forged, head)).code).toBe(1);
    // The forged entry really carries the edited letter's digest (the attack as filed).
    const appended = (await import('../../shared/backup/backup-trust'))
      .backupLogEntries(
        forged,
        (await import('../../shared/backup/backup-format')).readBackupManifest(forged),
      )
      .at(-1)!;
    expect(appended.records![0]!.digest).toBe(recordDigest(newRow));
  });

  it('live, from developer tools: a final result edited and an unsigned entry appended are named by 核对数据与留痕', async () => {
    const db = await freshCopy();
    const key = `${CAMPAIGN}|${office.itemId}`;
    const row = (await db.finalResults.get([CAMPAIGN, office.itemId]))!;
    const changed = { ...row, score: { ...row.score, totalHalfPoints: 110 } };
    await db.finalResults.put(changed);
    const last = (await db.auditLog.orderBy('seq').last())!;
    await db.auditLog.add(
      unsignedAfter(last, 'review.finalise', [
        { table: 'finalResults', key, row: changed, campaignId: CAMPAIGN },
      ]),
    );
    const check = await checkDataAndLog(db);
    expect(check.trust.problems.join('\n')).toMatch(/没有本单位密钥的签名/);
    expect(check.mismatches.map((m) => [m.kind, m.key])).toEqual([['changed', key]]);
  });

  it('live: a replacement of a drawn file (drawEvents row + unsigned draw.replace) is named', async () => {
    const db = await freshCopy();
    const events = await db.drawEvents.where('drawId').equals(office.drawId).toArray();
    const row = { ...events[0]!, id: `${office.drawId}|2`, seq: 2, payload: { seq: 2, forged: true } };
    await db.drawEvents.add(row);
    const last = (await db.auditLog.orderBy('seq').last())!;
    await db.auditLog.add(unsignedAfter(last, 'draw.replace', [{ table: 'drawEvents', key: row.id, row }]));
    const check = await checkDataAndLog(db);
    expect(check.trust.problems.join('\n')).toMatch(/没有本单位密钥的签名/);
    expect(check.mismatches.map((m) => [m.kind, m.table, m.key])).toEqual([
      ['unlogged', 'drawEvents', row.id],
    ]);
  });

  it('a wrongly-actioned entry, even if it were signed, is never a cover', async () => {
    const db = await freshCopy();
    const key = `${CAMPAIGN}|${office.itemId}`;
    const row = (await db.finalResults.get([CAMPAIGN, office.itemId]))!;
    const changed = { ...row, score: { ...row.score, totalHalfPoints: 110 } };
    await db.finalResults.put(changed);
    // Written through the app (so signed), but its action may not write final results.
    await appendAudit(db, {
      actor: '组织者',
      action: 'letter.reply',
      objectType: 'letter',
      objectId: 'x',
      summary: '收到整改回复',
      content: {},
      records: [{ table: 'finalResults', key, row: changed, campaignId: CAMPAIGN }],
    });
    const check = await checkDataAndLog(db);
    expect(check.trust.problems.join('\n')).toMatch(/无权写入复核定稿结果/);
    expect(check.mismatches.map((m) => [m.kind, m.key])).toEqual([['changed', key]]);
  });
});

/** The public chain algorithm, as a forger can run it: entries re-hashed in order, no signatures. */
function forgeChain(entries: readonly AuditEntry[]): AuditEntry[] {
  let prevHash = GENESIS_HASH;
  return entries.map((e, i) => {
    const base = {
      seq: i + 1,
      at: e.at,
      actor: e.actor,
      action: e.action,
      objectType: e.objectType,
      objectId: e.objectId,
      summary: e.summary,
      digest: e.digest,
      ...(e.records ? { records: e.records } : {}),
      prevHash,
    };
    prevHash = sha256Hex(canonicalJson(base));
    return { ...base, hash: prevHash };
  });
}

describe('attack 2: the whole log re-chained without signatures and key entries', () => {
  it('is 未签名: log verify exits 1 (with and without --head) and the in-app check names it', async () => {
    const { backup, letterCode } = office;
    const forged = rewriteParts(
      backup,
      (table, records) =>
        table === 'auditLog'
          ? forgeChain((records as AuditEntry[]).filter((e) => !e.action.startsWith('key.')))
          : records,
      undefined,
      (m) => {
        delete m.logHead;
      },
    );
    for (const head of [undefined, letterCode]) expect((await verifyExit(forged, head)).code).toBe(1);
    expect((await verifyExit(forged)).out).toMatch(/操作留痕未签名/);
    expect(await previewAndRefuse(forged)).toMatch(/操作留痕未签名/);
    // The same log in a live store (restored after the second confirmation).
    const db = await freshMachine();
    const { trust } = await inspectBackup(db, forged, { appVersion: '0.1.0' });
    await restoreBackup(db, forged, { ...opts, acceptTrustProblems: trust!.problems });
    const check = await checkDataAndLog(db);
    // The forced restore is named for good, and nothing before it vouches for any record.
    expect(check.trust.problems.join('\n')).toMatch(/恢复的备份未通过留痕核对，经确认仍然恢复/);
    expect(check.mismatches.length).toBeGreaterThan(0);
    expect(check.mismatches.every((m) => m.kind === 'unlogged')).toBe(true);
  });
});

describe('attack 3: the restore preview runs the full check', () => {
  it('an empty log is named and needs the second confirmation, which the restore entry records', async () => {
    const forged = rewriteParts(office.backup, (table, records) => (table === 'auditLog' ? [] : records));
    const problems = await previewAndRefuse(forged);
    expect(problems).toMatch(/操作留痕为空/);
    const target = await freshMachine();
    const { trust } = await inspectBackup(target, forged, { appVersion: '0.1.0' });
    await restoreBackup(target, forged, { ...opts, acceptTrustProblems: trust!.problems });
    const last = (await readAuditLog(target)).at(-1)!;
    expect(last.action).toBe('backup.restore');
    expect(last.summary).toMatch(/经确认仍恢复/);
  });
});

describe('every covered table: the number register and the frozen standards', () => {
  it('a register number voided or removed in a backup (so it would be offered again) is named everywhere', async () => {
    const { backup, letterCode } = office;
    const voided = rewriteParts(backup, (table, records) =>
      table === 'letterNumbers'
        ? records.map((n) =>
            (n as { status: string }).status === 'issued'
              ? { ...(n as object), status: 'void', voidReason: '改动', voidedAt: '2026-12-01T00:00:00.000Z' }
              : n,
          )
        : records,
    );
    expect(await previewAndRefuse(voided)).toMatch(/文号登记“德法函\|2026\|1”与第 \d+ 条留痕记录的内容不符/);
    const removed = rewriteParts(backup, (table, records) =>
      table === 'letterNumbers' ? records.filter((n) => (n as { seq: number }).seq !== 1) : records,
    );
    expect(await previewAndRefuse(removed)).toMatch(
      /文号登记“德法函\|2026\|1”已由第 \d+ 条留痕写入，现在却不见了/,
    );
    for (const forged of [voided, removed])
      for (const head of [undefined, letterCode]) {
        const r = await verifyExit(forged, head);
        expect(r.code).toBe(1);
        expect(r.out).toMatch(/数据不符：文号登记/);
      }
  });

  it('a frozen standard version edited in a backup (its name changed) is named everywhere', async () => {
    // A store whose campaign froze its standard through the app (开始评分: standard.freeze).
    const db = freshDb();
    await ensureOfficeKey(db, '组织者');
    await setupCoordinator(db);
    await db.campaigns.update(CAMPAIGN, { standardsFrozenAt: null });
    const a = (await db.assignments.get(CAMPAIGN))!;
    a.record.files = a.record.files.map((f) => ({ ...f, caseType: '行政处罚' }));
    await db.assignments.put(a);
    await freezeCampaignStandards(db, CAMPAIGN, '组织者');
    const freeze = (await readAuditLog(db)).find((e) => e.action === 'standard.freeze')!;
    const named = freeze.records!.find((r) => r.table === 'standards')!;
    const [standardId, version] = named.key.split('|') as [string, string];
    const frozen = (await db.standards.get([standardId, Number(version)]))!;
    expect(frozen.status).toBe('published');
    expect((await checkDataAndLog(db)).mismatches).toEqual([]);
    const backup = (await exportDatabase(db, { appVersion: '0.1.0', reason: 'manual' })).bytes;
    const forged = rewriteParts(backup, (table, records) =>
      table === 'standards'
        ? records.map((s) => {
            const row = s as typeof frozen;
            return row.id === frozen.id && row.version === frozen.version
              ? { ...row, name: `${row.name}（改）` }
              : s;
          })
        : records,
    );
    const problems = await previewAndRefuse(forged);
    expect(problems).toContain(
      `评查标准冻结版本“${frozen.id}|${frozen.version}”与第 ${freeze.seq} 条留痕记录的内容不符`,
    );
    const code = (await entryCode(db, freeze))!.code;
    for (const head of [undefined, code]) {
      const r = await verifyExit(forged, head);
      expect(r.code).toBe(1);
      expect(r.out).toMatch(/数据不符：评查标准冻结版本/);
    }
    // Removed altogether: named as missing.
    const removed = rewriteParts(backup, (table, records) =>
      table === 'standards'
        ? records.filter(
            (s) => (s as typeof frozen).id !== frozen.id || (s as typeof frozen).version !== frozen.version,
          )
        : records,
    );
    expect(await previewAndRefuse(removed)).toContain(
      `评查标准冻结版本“${frozen.id}|${frozen.version}”已由第 ${freeze.seq} 条留痕写入，现在却不见了`,
    );
  });

  it('live: a register number edited from developer tools is named by 核对数据与留痕', async () => {
    const db = await freshCopy();
    const n = (await db.letterNumbers.toArray()).find((x) => x.status === 'issued')!;
    await db.letterNumbers.put({ ...n, letterId: 'letter|camp-2025|另一个单位' });
    const check = await checkDataAndLog(db);
    expect(check.mismatches.map((m) => `${m.table}:${m.key}:${m.kind}`)).toEqual([
      `letterNumbers:${n.id}:changed`,
    ]);
  });
});

describe('every covered table: the department directory (机构名录)', () => {
  it('a department’s name, 代字 or alias edited in a backup is named by the preview and log verify', async () => {
    const { backup, letterCode } = office;
    const entries = await readAuditLog(office.db);
    const dept = (await office.db.departments.toArray()).find((d) => d.name === DEPTS[0])!;
    const by = entries.filter((e) => e.records?.some((r) => r.table === 'departments' && r.key === dept.id));
    expect(by.map((e) => e.action)).toEqual(['ledger.import']);
    const edits: Record<string, (d: typeof dept) => typeof dept> = {
      name: (d) => ({ ...d, name: '交通局（改）' }),
      prefix: (d) => ({ ...d, caseNoPrefixes: [...d.caseNoPrefixes, '德交改'] }),
      alias: (d) => ({ ...d, aliases: [...d.aliases, '市交通局'] }),
    };
    for (const edit of Object.values(edits)) {
      const forged = rewriteParts(backup, (table, records) =>
        table === 'departments'
          ? records.map((r) => ((r as typeof dept).id === dept.id ? edit(r as typeof dept) : r))
          : records,
      );
      expect(await previewAndRefuse(forged)).toContain(
        `机构名录“${dept.id}”与第 ${by[0]!.seq} 条留痕记录的内容不符`,
      );
      for (const head of [undefined, letterCode]) {
        const r = await verifyExit(forged, head);
        expect(r.code).toBe(1);
        expect(r.out).toMatch(/数据不符：机构名录/);
      }
    }
    // Removed altogether: named as missing.
    const removed = rewriteParts(backup, (table, records) =>
      table === 'departments' ? records.filter((r) => (r as typeof dept).id !== dept.id) : records,
    );
    expect(await previewAndRefuse(removed)).toContain(
      `机构名录“${dept.id}”已由第 ${by[0]!.seq} 条留痕写入，现在却不见了`,
    );
  });

  it('live: a department edited from developer tools is named by 核对数据与留痕', async () => {
    const db = await freshCopy();
    expect((await checkDataAndLog(db)).mismatches).toEqual([]);
    const d = (await db.departments.toArray()).find((x) => x.name === DEPTS[1])!;
    await db.departments.put({ ...d, aliases: [...d.aliases, '交通运输局'] });
    const check = await checkDataAndLog(db);
    expect(check.mismatches.map((m) => `${m.table}:${m.key}:${m.kind}`)).toEqual([
      `departments:${d.id}:changed`,
    ]);
    expect(check.mismatches[0]!.message).toContain('机构名录');
  });
});

describe('attack 4: the last entries removed', () => {
  it('is named 最后 N 条留痕缺失 from the signed head in the manifest', async () => {
    const forged = rewriteParts(office.backup, (table, records) => {
      if (table === 'auditLog') return (records as AuditEntry[]).slice(0, -2);
      return records;
    });
    const problems = await previewAndRefuse(forged);
    expect(problems).toMatch(/最后 2 条留痕缺失/);
    const r = await verifyExit(forged);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/最后 2 条留痕缺失/);
  });

  it('a forged head (signed by another key) is named', async () => {
    const forged = rewriteParts(
      office.backup,
      (table, records) => (table === 'auditLog' ? (records as AuditEntry[]).slice(0, -1) : records),
      undefined,
      (m) => {
        m.logHead = { ...m.logHead!, seq: m.logHead!.seq - 1 };
      },
    );
    expect(await previewAndRefuse(forged)).toMatch(/留痕末端签名无效/);
  });
});

/** A copy of the office store on the office machine (its key held), for the live attacks. */
async function freshCopy(): Promise<PingchaDatabase> {
  const db = freshDb();
  setCheckpointSigner(db, office.key);
  await restoreBackup(db, office.backup, opts);
  return db;
}

describe('attack 6 (minor): records outside the app’s vocabulary', () => {
  it('a letter with an unknown status is refused in Chinese, store unchanged', async () => {
    const forged = rewriteParts(office.backup, (table, records) =>
      table === 'letters' ? records.map((r) => ({ ...(r as object), status: 'approved' })) : records,
    );
    const target = await freshMachine();
    const before = await snapshot(target);
    await expect(inspectBackup(target, forged, { appVersion: '0.1.0' })).rejects.toThrow(
      /备份未恢复：.*文书（整改函等）.*数据库未作任何更改/,
    );
    await expect(restoreBackup(target, forged, opts)).rejects.toThrow(/数据库未作任何更改/);
    expect(await snapshot(target)).toEqual(before);
  });
});

describe('attack 4, live: the last entries deleted from the store', () => {
  it('is named 最后 N 条留痕缺失 from the head this machine kept outside the log', async () => {
    const db = await freshCopy();
    const last = (await db.auditLog.orderBy('seq').last())!;
    // The head is kept once the write has committed.
    let kept = await readKeptLogHead(db);
    for (let i = 0; i < 50 && kept?.seq !== last.seq; i++) {
      await new Promise((r) => setTimeout(r, 20));
      kept = await readKeptLogHead(db);
    }
    expect(kept).toMatchObject({ seq: last.seq, hash: last.hash });
    expect((await checkDataAndLog(db, kept)).trust.problems).toEqual([]);
    await db.auditLog.bulkDelete([last.seq, last.seq - 1]);
    const check = await checkDataAndLog(db, kept);
    expect(check.trust.problems.join('\n')).toMatch(/最后 2 条留痕缺失/);
    expect(check.trust.ok).toBe(false);
  });
});
