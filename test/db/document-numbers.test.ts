// One numbering register for every outgoing document type: the 通报 and the 年审通知 take their 发文字号 at
// 定稿 from the same register as the letters (代字 and sequence per type), atomically, logged with the operator;
// a number is never given twice and never freed.
import { describe, expect, it } from 'vitest';
import {
  allocateDocumentNumber,
  documentNumberOf,
  documentObjectId,
  ensureLetterDrafts,
  issueLetter,
  letterId,
  listLetterNumbers,
  voidDocumentNumber,
  type DocumentNumberRequest,
} from '../../renderer/db/letters-repository';
import { readAuditLog, verifyStoredAuditLog } from '../../renderer/db/audit-repository';
import { removeDemoData } from '../../renderer/demo/demo-data';
import { defaultLetterSettings, prefixFor } from '../../shared/letters/letter-settings';
import { freshDb, snapshot } from './helpers';

const report = (campaignId: string, over: Partial<DocumentNumberRequest> = {}): DocumentNumberRequest => ({
  docType: 'report',
  objectId: documentObjectId('report', campaignId),
  prefix: '德法通',
  issueDate: '2026-12-01',
  actor: '王五',
  label: '2026年度行政执法案卷评查',
  campaignId,
  ...over,
});
const notice = (year: number, over: Partial<DocumentNumberRequest> = {}): DocumentNumberRequest => ({
  docType: 'notice',
  objectId: documentObjectId('notice', String(year)),
  prefix: '德法发',
  issueDate: '2026-01-15',
  actor: '王五',
  label: `${year}年度行政执法证件年审结果通知`,
  ...over,
});

describe('document numbering register', () => {
  it('has a 代字 per document type in the settings', () => {
    const s = {
      ...defaultLetterSettings(),
      prefix: '德法函',
      reportPrefix: '德法通',
      noticePrefix: '德法发',
    };
    expect([prefixFor(s, 'letter'), prefixFor(s, 'report'), prefixFor(s, 'notice')]).toEqual([
      '德法函',
      '德法通',
      '德法发',
    ]);
    // Stored settings from before the types keep working: the new fields take their defaults.
    expect(defaultLetterSettings()).toMatchObject({ reportPrefix: '法通', noticePrefix: '法发' });
  });

  it('numbers a 通报 at 定稿, logs it with the operator and keeps the number when issued again', async () => {
    const db = freshDb();
    const a = await allocateDocumentNumber(db, report('c1'));
    expect(a).toEqual({ docNumber: '德法通〔2026〕1号', reused: false });
    const again = await allocateDocumentNumber(db, report('c1', { actor: '赵六' }));
    expect(again).toEqual({ docNumber: '德法通〔2026〕1号', reused: true });
    const b = await allocateDocumentNumber(db, report('c2'));
    expect(b.docNumber).toBe('德法通〔2026〕2号');
    expect(await documentNumberOf(db, 'report', documentObjectId('report', 'c1'))).toBe('德法通〔2026〕1号');
    expect(await documentNumberOf(db, 'report', documentObjectId('report', 'c9'))).toBeNull();
    const log = await readAuditLog(db);
    expect(log.map((e) => [e.action, e.actor])).toEqual([
      ['number.allocate', '王五'],
      ['number.allocate', '王五'],
    ]);
    expect(log[0]!.summary).toContain('评查情况通报定稿编号德法通〔2026〕1号');
    expect(await verifyStoredAuditLog(db)).toMatchObject({ ok: true });
    const numbers = await listLetterNumbers(db);
    expect(numbers.map((n) => [n.docNumber, n.docType, n.allocatedBy])).toEqual([
      ['德法通〔2026〕1号', 'report', '王五'],
      ['德法通〔2026〕2号', 'report', '王五'],
    ]);
  });

  it('keeps each type on its own 代字 without touching the letters’ sequence', async () => {
    const db = freshDb();
    await ensureLetterDrafts(db, 'c1', ['市交通运输局']);
    const letter = await issueLetter(db, {
      letterId: letterId('c1', '市交通运输局'),
      prefix: '德法函',
      issueDate: '2026-11-26',
      deadline: '2026-12-11',
      deadlineRule: { days: 15, mode: 'calendar' },
      actor: '李四',
      build: ({ docNumber }) => ({ style: 'letter', docNumber, title: '函', blocks: [] }),
    });
    const r = await allocateDocumentNumber(db, report('c1'));
    const n = await allocateDocumentNumber(db, notice(2025));
    expect([letter.docNumber, r.docNumber, n.docNumber]).toEqual([
      '德法函〔2026〕1号',
      '德法通〔2026〕1号',
      '德法发〔2026〕1号',
    ]);
    expect(Object.fromEntries((await listLetterNumbers(db)).map((x) => [x.docNumber, x.docType]))).toEqual({
      '德法函〔2026〕1号': 'letter',
      '德法通〔2026〕1号': 'report',
      '德法发〔2026〕1号': 'notice',
    });
  });

  it('never gives a number twice: types sharing a 代字 share its sequence, old untyped numbers count', async () => {
    const db = freshDb();
    // A number of the register from before document types (no docType field).
    await db.letterNumbers.add({
      id: '德法|2026|1',
      prefix: '德法',
      year: 2026,
      seq: 1,
      docNumber: '德法〔2026〕1号',
      status: 'void',
      letterId: 'c0|某局',
      allocatedAt: '2026-03-01T00:00:00.000Z',
      allocatedBy: '张三',
      voidedAt: '2026-03-02T00:00:00.000Z',
      voidReason: '测试',
    });
    const results = await Promise.all([
      allocateDocumentNumber(db, report('c1', { prefix: '德法' })),
      allocateDocumentNumber(db, notice(2025, { prefix: '德法' })),
      allocateDocumentNumber(db, report('c2', { prefix: '德法' })),
    ]);
    expect(results.map((x) => x.docNumber).sort()).toEqual([
      '德法〔2026〕2号',
      '德法〔2026〕3号',
      '德法〔2026〕4号',
    ]);
    const ids = (await listLetterNumbers(db)).map((x) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('refuses a bad 代字 or date with a Chinese message and leaves the store as it was', async () => {
    const db = freshDb();
    await allocateDocumentNumber(db, report('c1'));
    const before = await snapshot(db);
    await expect(allocateDocumentNumber(db, report('c2', { prefix: '德法〔通〕' }))).rejects.toThrow(
      '不能包含括号',
    );
    await expect(allocateDocumentNumber(db, report('c2', { issueDate: '2026-13-01x' }))).rejects.toThrow(
      '印发日期',
    );
    expect(await snapshot(db)).toEqual(before);
  });

  it('gives a demo campaign’s 通报 a number of the demo register', async () => {
    const db = freshDb();
    await db.table('campaigns').add({ id: 'demo', name: '示例活动', year: 2026, isDemo: true });
    expect((await allocateDocumentNumber(db, report('demo'))).docNumber).toBe('示例德法通〔2026〕1号');
    expect((await allocateDocumentNumber(db, report('c1'))).docNumber).toBe('德法通〔2026〕1号');
    // Removing the demo takes its 通报's demo number with it; the office's own number stays.
    await removeDemoData(db);
    expect((await listLetterNumbers(db)).map((n) => n.docNumber)).toEqual(['德法通〔2026〕1号']);
  });

  it('voids a 通报’s or 年审通知’s number with its reason and logs it; the next 定稿 takes a new number', async () => {
    const db = freshDb();
    await allocateDocumentNumber(db, report('c1'));
    await allocateDocumentNumber(db, notice(2025));
    const voided = await voidDocumentNumber(db, {
      docType: 'report',
      objectId: documentObjectId('report', 'c1'),
      reason: '单位名称有误，重新印发',
      actor: '赵六',
      label: '2026年度行政执法案卷评查',
    });
    expect(voided).toBe('德法通〔2026〕1号');
    expect(await documentNumberOf(db, 'report', documentObjectId('report', 'c1'))).toBeNull();
    // The 年审通知's number is untouched.
    expect(await documentNumberOf(db, 'notice', documentObjectId('notice', '2025'))).toBe(
      '德法发〔2026〕1号',
    );
    const again = await allocateDocumentNumber(db, report('c1'));
    expect(again).toEqual({ docNumber: '德法通〔2026〕2号', reused: false });
    const numbers = await listLetterNumbers(db);
    expect(numbers.find((n) => n.docNumber === '德法通〔2026〕1号')).toMatchObject({
      status: 'void',
      voidReason: '单位名称有误，重新印发',
    });
    const log = await readAuditLog(db);
    const entry = log.find((e) => e.action === 'number.void');
    expect(entry).toMatchObject({ actor: '赵六' });
    expect(entry!.summary).toBe(
      '作废评查情况通报文号德法通〔2026〕1号（2026年度行政执法案卷评查）：单位名称有误，重新印发',
    );
    expect(await verifyStoredAuditLog(db)).toMatchObject({ ok: true });
  });

  it('refuses to void without a reason, or a number that was never given, and leaves the store as it was', async () => {
    const db = freshDb();
    await allocateDocumentNumber(db, report('c1'));
    const before = await snapshot(db);
    const req = {
      docType: 'report' as const,
      objectId: documentObjectId('report', 'c1'),
      reason: '  ',
      actor: '赵六',
      label: '2026年度行政执法案卷评查',
    };
    await expect(voidDocumentNumber(db, req)).rejects.toThrow('请填写作废文号的原因');
    await expect(
      voidDocumentNumber(db, { ...req, objectId: documentObjectId('report', 'c9'), reason: '重发' }),
    ).rejects.toThrow('还没有文号，无需作废');
    expect(await snapshot(db)).toEqual(before);
  });
});
