import { describe, expect, it } from 'vitest';
import {
  closeLetter,
  ensureLetterDrafts,
  issueLetter,
  letterId,
  listLetterNumbers,
  recordReply,
  returnLetter,
  saveFontFile,
  saveLetterEdits,
  voidLetterNumber,
  type IssueRequest,
} from '../../renderer/db/letters-repository';
import { readAuditLog, verifyStoredAuditLog } from '../../renderer/db/audit-repository';
import type { OfficialDocument } from '../../shared/documents/layout-model';
import { freshDb, snapshot } from './helpers';

const depts = ['市市场监督管理局', '市交通运输局', '市生态环境局', '市卫生健康委员会'];
const doc = (n: string): OfficialDocument => ({
  style: 'letter',
  issuerMark: '德阳市司法局',
  docNumber: n,
  title: '整改通知书',
  blocks: [{ type: 'paragraph', text: '正文' }],
});
const issueReq = (dept: string, over: Partial<IssueRequest> = {}): IssueRequest => ({
  letterId: letterId('c1', dept),
  prefix: '德法函',
  issueDate: '2026-11-26',
  deadline: '2026-12-11',
  deadlineRule: { days: 15, mode: 'calendar' },
  actor: '李四',
  build: ({ docNumber }) => doc(docNumber),
  ...over,
});

async function setup() {
  const db = freshDb();
  expect(await ensureLetterDrafts(db, 'c1', depts)).toBe(4);
  expect(await ensureLetterDrafts(db, 'c1', depts)).toBe(0);
  return db;
}

describe('letters repository', () => {
  it('issues with consecutive numbers, keeps the issued document and logs it', async () => {
    const db = await setup();
    const a = await issueLetter(db, issueReq(depts[0]!));
    const b = await issueLetter(db, issueReq(depts[1]!));
    expect([a.docNumber, b.docNumber]).toEqual(['德法函〔2026〕1号', '德法函〔2026〕2号']);
    expect(a.status).toBe('issued');
    expect(a.issuedDocument?.docNumber).toBe('德法函〔2026〕1号');
    const log = await readAuditLog(db);
    expect(log.map((e) => e.action)).toEqual(['letter.issue', 'letter.issue']);
    expect(log[0]!.summary).toContain('德法函〔2026〕1号');
    expect(await verifyStoredAuditLog(db)).toMatchObject({ ok: true });
  });

  it('a failure while issuing leaves the store unchanged (no number used up, no log entry)', async () => {
    const db = await setup();
    await issueLetter(db, issueReq(depts[0]!));
    const before = await snapshot(db);
    await expect(
      issueLetter(
        db,
        issueReq(depts[1]!, {
          build: () => {
            throw new Error('排版失败');
          },
        }),
      ),
    ).rejects.toThrow('排版失败');
    expect(await snapshot(db)).toEqual(before);
    // The next issue gets 2, not 3: the failed attempt did not consume a number.
    expect((await issueLetter(db, issueReq(depts[1]!))).docNumber).toBe('德法函〔2026〕2号');
  });

  it('never gives a number twice under concurrent issue attempts', async () => {
    const db = await setup();
    const attempts = [...depts, ...depts].map((d) => issueLetter(db, issueReq(d)));
    const settled = await Promise.allSettled(attempts);
    const ok = settled.filter((s) => s.status === 'fulfilled');
    const failed = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
    expect(ok).toHaveLength(4);
    expect(failed).toHaveLength(4);
    for (const f of failed) expect(String(f.reason)).toContain('不能印发');
    const numbers = await listLetterNumbers(db);
    expect(numbers.map((n) => n.seq)).toEqual([1, 2, 3, 4]);
    expect(new Set(numbers.map((n) => n.letterId)).size).toBe(4);
    expect((await readAuditLog(db)).filter((e) => e.action === 'letter.issue')).toHaveLength(4);
  });

  it('voids a number on record and the re-issued letter gets the next one', async () => {
    const db = await setup();
    const a = await issueLetter(db, issueReq(depts[0]!));
    await expect(voidLetterNumber(db, a.id, ' ', '李四')).rejects.toThrow('作废文号的原因');
    const v = await voidLetterNumber(db, a.id, '主送机关名称有误', '李四');
    expect(v.status).toBe('draft');
    expect(v.voidedNumbers[0]).toMatchObject({ docNumber: '德法函〔2026〕1号', reason: '主送机关名称有误' });
    const again = await issueLetter(db, issueReq(depts[0]!));
    expect(again.docNumber).toBe('德法函〔2026〕2号');
    const numbers = await listLetterNumbers(db);
    expect(numbers.map((n) => [n.seq, n.status])).toEqual([
      [1, 'void'],
      [2, 'issued'],
    ]);
    expect((await readAuditLog(db)).map((e) => e.action)).toEqual([
      'letter.issue',
      'letter.void',
      'letter.issue',
    ]);
  });

  it('edits only drafts', async () => {
    const db = await setup();
    const id = letterId('c1', depts[0]!);
    expect((await saveLetterEdits(db, id, { intro: '改过的开头。' })).edits).toEqual({
      intro: '改过的开头。',
    });
    await issueLetter(db, issueReq(depts[0]!));
    await expect(saveLetterEdits(db, id, { intro: 'x' })).rejects.toThrow('不能再修改');
  });

  it('tracks reply, return, second reply and close, with the reply file attached', async () => {
    const db = await setup();
    const a = await issueLetter(db, issueReq(depts[0]!));
    await expect(closeLetter(db, a.id, '', '李四')).rejects.toThrow('不能审核销号');
    await expect(
      recordReply(db, a.id, { receivedAt: '2026-11-20', summary: '已整改', file: null, actor: '李四' }),
    ).rejects.toThrow('早于印发日期');
    const bytes = new TextEncoder().encode('%PDF-1.7 reply');
    const r = await recordReply(db, a.id, {
      receivedAt: '2026-12-05',
      summary: '已补正文书',
      file: { name: '整改报告.pdf', bytes },
      actor: '李四',
    });
    expect(r.status).toBe('replied');
    const att = await db.attachments.get(r.replies[0]!.attachmentId!);
    expect(att).toMatchObject({ ownerId: a.id, kind: 'reply', name: '整改报告.pdf', size: bytes.length });
    await expect(returnLetter(db, a.id, '', '李四')).rejects.toThrow('退回的原因');
    expect((await returnLetter(db, a.id, '未附音像记录', '李四')).status).toBe('returned');
    await recordReply(db, a.id, {
      receivedAt: '2026-12-09',
      summary: '已补音像记录',
      file: null,
      actor: '李四',
    });
    const c = await closeLetter(db, a.id, '整改到位', '李四');
    expect(c).toMatchObject({ status: 'closed', closeNote: '整改到位', closedBy: '李四' });
    expect(c.replies).toHaveLength(2);
    expect((await readAuditLog(db)).map((e) => e.action)).toEqual([
      'letter.issue',
      'letter.reply',
      'letter.return',
      'letter.reply',
      'letter.close',
    ]);
  });

  it('refuses a non-TrueType font file and stores a TrueType one', async () => {
    const db = freshDb();
    const otf = new Uint8Array(64);
    otf.set([0x4f, 0x54, 0x54, 0x4f]);
    await expect(saveFontFile(db, { name: '方正小标宋.otf', bytes: otf })).rejects.toThrow('CFF 轮廓');
    expect(await db.attachments.count()).toBe(0);
  });
});
