// Restoring an older backup never silently undoes what left the office: the preview names what is
// undone, the number register never goes backwards, the log is never cut (rolled-back entries kept
// as a superseded branch), a backup whose log does not verify needs an explicit confirmation, and
// demo letters use numbers of their own register.
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  exportDatabase,
  inspectBackup,
  readSupersededEntries,
  restoreBackup,
  RestoreError,
} from '../../renderer/db/backup-repository';
import type { PingchaDatabase } from '../../renderer/db/database';
import { readAuditLog, verifyStoredAuditLog } from '../../renderer/db/audit-repository';
import { ensureLetterDrafts, issueLetter, letterId } from '../../renderer/db/letters-repository';
import { removeDemoData } from '../../renderer/db/demo-repository';
import { MANIFEST_NAME, type BackupManifest } from '../../shared/backup/backup-format';
import { describeRestoreLoss, restoreLosesNothing } from '../../shared/backup/restore-loss';
import { describeTyped } from '../../shared/backup/typed-json';
import { sha256BytesHex } from '../../shared/crypto/sha256';
import type { OfficialDocument } from '../../shared/documents/layout-model';
import { ensureOfficeKey } from '../../renderer/db/office-key-repository';
import { freshDb } from './helpers';

const opts = { appVersion: '0.1.0', actor: '王恢复' };
const DEPTS = ['交通运输局', '市场监督管理局', '生态环境局', '应急管理局', '城管局'];

function campaign(id: string, isDemo: boolean) {
  return {
    id,
    name: isDemo ? '示例活动' : '2026 年度评查',
    year: 2026,
    periodFrom: null,
    periodTo: null,
    departments: [],
    caseTypes: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    createdBy: '张三',
    isDemo,
    standards: [],
    standardsFrozenAt: null,
  };
}

async function setup(): Promise<PingchaDatabase> {
  const db = freshDb();
  await db.open();
  await ensureOfficeKey(db, '系统');
  await db.campaigns.bulkPut([campaign('c-u', false), campaign('c-demo', true)]);
  await ensureLetterDrafts(db, 'c-u', DEPTS);
  await ensureLetterDrafts(db, 'c-demo', DEPTS);
  return db;
}

async function issue(db: PingchaDatabase, campaignId: string, department: string): Promise<string> {
  const l = await issueLetter(db, {
    letterId: letterId(campaignId, department),
    prefix: '德法函',
    issueDate: '2026-03-02',
    deadline: '2026-04-02',
    deadlineRule: { kind: 'calendar', days: 30 } as never,
    actor: '张三',
    build: ({ docNumber }) => ({ docNumber }) as unknown as OfficialDocument,
  });
  return l.docNumber!;
}

const backupOf = async (db: PingchaDatabase, at: string) =>
  (await exportDatabase(db, { appVersion: '0.1.0', reason: 'manual', now: () => new Date(at) })).bytes;

async function snapshot(db: PingchaDatabase): Promise<unknown> {
  const out: Record<string, unknown> = {};
  for (const t of db.tables) out[t.name] = describeTyped(await t.toArray());
  return out;
}

describe('restoring an older backup', () => {
  it('says what it undoes, keeps every allocated number off the register and keeps the log as a branch', async () => {
    const db = await setup();
    expect(await issue(db, 'c-u', DEPTS[0]!)).toBe('德法函〔2026〕1号');
    const b0 = await backupOf(db, '2026-03-02T08:00:00.000Z');
    expect(await issue(db, 'c-u', DEPTS[1]!)).toBe('德法函〔2026〕2号');
    expect(await issue(db, 'c-u', DEPTS[2]!)).toBe('德法函〔2026〕3号');
    await db.reviewDecisions.put({
      id: 'review_2025|off_1',
      reviewId: 'review_2025',
      officerId: 'off_1',
      year: 2025,
      proposed: 'pass',
      decided: 'fail',
      reasonCodes: [],
      reason: '考试不合格',
      by: '张三',
      at: '2026-03-03T00:00:00.000Z',
      overridden: true,
    });
    const logBefore = await readAuditLog(db);

    // The preview: what will be undone, in words.
    const { loss, log } = await inspectBackup(db, b0, { appVersion: '0.1.0' });
    expect(log?.ok).toBe(true);
    expect(loss!.lettersIssued).toEqual([
      '德法函〔2026〕2号（市场监督管理局）',
      '德法函〔2026〕3号（生态环境局）',
    ]);
    expect(loss!.numbersAllocated).toEqual(['德法函〔2026〕2号', '德法函〔2026〕3号']);
    expect(loss!.certificateDecisions).toBe(1);
    expect(loss!.logEntries.count).toBe(2);
    const lines = describeRestoreLoss(loss!, '2026-03-02T08:00:00.000Z').join('\n');
    expect(lines).toContain('2 份整改函在备份之后印发');
    expect(lines).toContain('不会再次分配');
    expect(lines).toContain('1 项执法证年审决定');
    expect(lines).toContain('2 条记录（第 3–4 条');

    await restoreBackup(db, b0, opts);
    // The register never goes backwards: 2 and 3 stay on record as void and are never offered again.
    const numbers = await db.letterNumbers.orderBy('id').toArray();
    expect(numbers.map((n) => [n.docNumber, n.status])).toEqual([
      ['德法函〔2026〕1号', 'issued'],
      ['德法函〔2026〕2号', 'void'],
      ['德法函〔2026〕3号', 'void'],
    ]);
    expect(numbers[1]!.voidReason).toContain('恢复备份');
    expect(await issue(db, 'c-u', DEPTS[1]!)).toBe('德法函〔2026〕4号');

    // The log is not cut: it continues from the backup's log, and the rolled-back entries are kept.
    expect(await verifyStoredAuditLog(db)).toMatchObject({ ok: true });
    const after = await readAuditLog(db);
    expect(after.slice(0, 2)).toEqual(logBefore.slice(0, 2));
    expect(after[2]!.action).toBe('backup.restore');
    expect(after[2]!.actor).toBe('王恢复');
    const branch = await readSupersededEntries(db);
    expect(branch.map((e) => [e.seq, e.summary, e.restoreSeq, e.restoredBy])).toEqual([
      [3, logBefore[2]!.summary, 3, '王恢复'],
      [4, logBefore[3]!.summary, 3, '王恢复'],
    ]);
    // The branch is the entries exactly as they were (their hashes still link them).
    expect(branch.map(({ seq, hash, prevHash }) => ({ seq, hash, prevHash }))).toEqual(
      logBefore.slice(2).map(({ seq, hash, prevHash }) => ({ seq, hash, prevHash })),
    );
    expect(branch[0]!.prevHash).toBe(after[1]!.hash);

    // A second restore of the same backup keeps the first branch and adds its own.
    await restoreBackup(db, b0, opts);
    const branches = await readSupersededEntries(db);
    expect(new Set(branches.map((e) => e.restoreHash)).size).toBe(2);
    expect(branches.map((e) => e.summary)).toContain(logBefore[2]!.summary);
    expect(await issue(db, 'c-u', DEPTS[1]!)).toBe('德法函〔2026〕5号');
  });

  it('restoring a backup of the same moment undoes nothing and says so', async () => {
    const db = await setup();
    await issue(db, 'c-u', DEPTS[0]!);
    const b = await backupOf(db, '2026-03-02T08:00:00.000Z');
    const { loss } = await inspectBackup(db, b, { appVersion: '0.1.0' });
    expect(restoreLosesNothing(loss!)).toBe(true);
    expect(describeRestoreLoss(loss!, '2026-03-02T08:00:00.000Z')).toEqual([]);
  });

  it('a backup whose log chain does not verify is refused unless the broken entry is confirmed', async () => {
    const db = await setup();
    await issue(db, 'c-u', DEPTS[0]!);
    await issue(db, 'c-u', DEPTS[1]!);
    const good = await backupOf(db, '2026-03-02T08:00:00.000Z');
    // Alter the summary of log entry 1 inside the file (the part hashes are made to match again).
    const files = unzipSync(good);
    const manifest = JSON.parse(new TextDecoder().decode(files[MANIFEST_NAME])) as BackupManifest;
    const part = manifest.tables.find((t) => t.name === 'auditLog')!.parts[0]!;
    const text = new TextDecoder()
      .decode(files[part.file])
      .replace('印发德法函〔2026〕1号', '印发德法函〔2026〕9号');
    files[part.file] = strToU8(text);
    part.bytes = files[part.file]!.byteLength;
    part.sha256 = sha256BytesHex(files[part.file]!);
    files[MANIFEST_NAME] = strToU8(JSON.stringify(manifest));
    const bad = zipSync(files, { level: 1 });

    const target = await setup();
    const before = await snapshot(target);
    const { log, trust } = await inspectBackup(target, bad, { appVersion: '0.1.0' });
    expect(log).toMatchObject({ ok: false, brokenAt: 2 });
    // The preview names the break among the trust problems, as `pingcha log verify` does.
    expect(trust!.problems.join('\n')).toMatch(/第 2 条记录/);
    await expect(restoreBackup(target, bad, opts)).rejects.toThrow(RestoreError);
    await expect(restoreBackup(target, bad, opts)).rejects.toThrow(/第 2 条记录.*数据库未作任何更改/);
    await expect(restoreBackup(target, bad, { ...opts, acceptBrokenLogAt: 3 })).rejects.toThrow(/第 2 条/);
    // The broken entry confirmed but not the trust problems it causes: still refused.
    await expect(restoreBackup(target, bad, { ...opts, acceptBrokenLogAt: 2 })).rejects.toThrow(
      /不能证明.*数据库未作任何更改/,
    );
    expect(await snapshot(target)).toEqual(before);
    // Confirmed by the user, naming the broken entry and each problem: restored, and the log says so.
    await restoreBackup(target, bad, { ...opts, acceptBrokenLogAt: 2, acceptTrustProblems: trust!.problems });
    const restored = (await readAuditLog(target)).at(-1)!;
    expect(restored.action).toBe('backup.restore');
    expect(restored.summary).toMatch(/操作留痕有 \d+ 项问题，经确认仍恢复/);
  });
});

describe('demo letters and the number register', () => {
  it('demo letters take marked numbers; removing the demo frees and reuses nothing of the real register', async () => {
    const db = await setup();
    expect(await issue(db, 'c-demo', DEPTS[0]!)).toBe('示例德法函〔2026〕1号');
    expect(await issue(db, 'c-u', DEPTS[0]!)).toBe('德法函〔2026〕1号');
    expect(await issue(db, 'c-demo', DEPTS[1]!)).toBe('示例德法函〔2026〕2号');
    expect(await issue(db, 'c-u', DEPTS[1]!)).toBe('德法函〔2026〕2号');
    // A real number a demo letter got before demo numbers were marked.
    await db.letterNumbers.put({
      id: '德法函|2026|3',
      prefix: '德法函',
      year: 2026,
      seq: 3,
      docNumber: '德法函〔2026〕3号',
      status: 'issued',
      letterId: letterId('c-demo', DEPTS[2]!),
      allocatedAt: '2026-03-01T00:00:00.000Z',
      allocatedBy: '张三',
      voidedAt: null,
      voidReason: null,
    });
    const userNumbers = await db.letterNumbers.where('prefix').equals('德法函').toArray();
    await removeDemoData(db);
    const left = await db.letterNumbers.orderBy('id').toArray();
    expect(left.map((n) => n.docNumber)).toEqual([
      '德法函〔2026〕1号',
      '德法函〔2026〕2号',
      '德法函〔2026〕3号',
    ]);
    expect(left.slice(0, 2)).toEqual(userNumbers.slice(0, 2));
    expect(left[2]!.status).toBe('void');
    expect(await issue(db, 'c-u', DEPTS[2]!)).toBe('德法函〔2026〕4号');
  });
});
