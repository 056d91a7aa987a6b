// 电子案卷: attaching scanned case files to drawn files; refusals leave the store exactly as it was.
import { describe, expect, it } from 'vitest';
import { freshDb, snapshot } from './helpers';
import {
  attachCaseFile,
  caseFileSpace,
  listCaseFiles,
  purgeCampaignCaseFileContent,
  readCaseFileBytes,
  readPageLabels,
  setPageLabel,
  removeCaseFile,
} from '../../renderer/db/case-file-repository';
import { readAuditLog, verifyStoredAuditLog } from '../../renderer/db/audit-repository';
import { sha256BytesHex } from '../../shared/crypto/sha256';
import { makeEncryptedPdf, makeTextPdf, makeTruncatedPdf } from '../fixtures/case-files';
import type { PingchaDatabase } from '../../renderer/db/database';

const C = 'camp-1';
const A = '德阳市市场监督管理局|德市监罚〔2024〕112号';
const B = '德阳市应急管理局|德应急罚〔2024〕7号';

async function setup(): Promise<PingchaDatabase> {
  const db = freshDb();
  await db.draws.put({
    id: 'd1',
    campaignId: C,
    createdAt: '2026-01-01T00:00:00Z',
    record: { drawn: [{ itemId: A }, { itemId: B }], replacements: [], extras: [] },
  } as never);
  return db;
}

const attach = (db: PingchaDatabase, itemId: string, name: string, bytes: Uint8Array) =>
  attachCaseFile(db, { campaignId: C, itemId, caseNo: itemId.split('|')[1]!, name, bytes, actor: '王评查' });

describe('case files', () => {
  it('stores the file once, records its SHA-256 on the drawn file and logs it', async () => {
    const db = await setup();
    const pdf = await makeTextPdf(3);
    const row = await attach(db, A, '德市监罚〔2024〕112号.pdf', pdf);
    expect(row).toMatchObject({
      itemId: A,
      size: pdf.length,
      sha256: sha256BytesHex(pdf),
      attachedBy: '王评查',
    });
    // The same scan is also the volume of another drawn file: the bytes are kept once.
    await attach(db, B, '合订本.pdf', pdf);
    expect(await db.caseFileBytes.count()).toBe(1);
    expect((await listCaseFiles(db, C)).map((r) => r.itemId)).toEqual([A, B]);
    expect(await readCaseFileBytes(db, row.sha256)).toEqual(pdf);
    expect(await caseFileSpace(db)).toEqual({ files: 1, bytes: pdf.length });
    const log = await readAuditLog(db);
    expect(log.map((e) => e.action)).toEqual(['casefile.attach', 'casefile.attach']);
    expect(log[0]!.summary).toContain('为案卷 德市监罚〔2024〕112号 附电子案卷“德市监罚〔2024〕112号.pdf”');
    expect(log[0]!.summary).toContain(row.sha256.slice(0, 12));
    expect((await verifyStoredAuditLog(db)).ok).toBe(true);
  });

  it('refuses encrypted, truncated, foreign and repeated files in Chinese with the store unchanged', async () => {
    const db = await setup();
    const pdf = await makeTextPdf(2);
    await attach(db, A, 'a.pdf', pdf);
    const before = await snapshot(db);
    const refused = async (p: Promise<unknown>, text: string) => {
      await expect(p).rejects.toThrow(text);
      expect(await snapshot(db)).toEqual(before);
    };
    await refused(attach(db, A, '加密.pdf', await makeEncryptedPdf()), '“加密.pdf”已加密');
    await refused(attach(db, A, '半截.pdf', await makeTruncatedPdf()), '“半截.pdf”不完整或已损坏');
    await refused(attach(db, A, '图.pdf', new Uint8Array([0xff, 0xd8, 0xff])), '不是 PDF 文件');
    await refused(attach(db, '其他|X-1', 'x.pdf', pdf), '不在本活动抽中的案卷中');
    await refused(attach(db, A, 'a 副本.pdf', pdf), '内容相同，未重复导入');
  });

  it('a stored file whose bytes were altered is not handed out', async () => {
    const db = await setup();
    const row = await attach(db, A, 'a.pdf', await makeTextPdf(1));
    const stored = (await db.caseFileBytes.get(row.sha256))!;
    stored.bytes[20] = stored.bytes[20]! ^ 1;
    await db.caseFileBytes.put(stored);
    expect(await readCaseFileBytes(db, row.sha256)).toBeNull();
  });

  it('removal deletes the bytes with the last file that uses them, and is logged', async () => {
    const db = await setup();
    const pdf = await makeTextPdf(1);
    const a = await attach(db, A, 'a.pdf', pdf);
    const b = await attach(db, B, 'b.pdf', pdf);
    await removeCaseFile(db, a.id, '王评查', '德市监罚〔2024〕112号');
    expect(await db.caseFileBytes.count()).toBe(1);
    await removeCaseFile(db, b.id, '王评查', '德应急罚〔2024〕7号');
    expect(await db.caseFileBytes.count()).toBe(0);
    expect(await caseFileSpace(db)).toEqual({ files: 0, bytes: 0 });
    const log = await readAuditLog(db);
    expect(log.at(-1)).toMatchObject({
      action: 'casefile.remove',
      summary: expect.stringContaining('“b.pdf”'),
    });
    expect((await verifyStoredAuditLog(db)).ok).toBe(true);
  });
});

describe("retention: deleting the content of a campaign's case files", () => {
  it('deletes the bytes, keeps records, hashes, labels and space figures honest, logs each file; shared content stays', async () => {
    const db = await setup();
    const one = await makeTextPdf(3, 'one');
    const two = await makeTextPdf(4, 'two');
    const a = await attach(db, A, 'a.pdf', one);
    const b = await attach(db, B, 'b.pdf', two);
    // The same scan as A's, attached in another campaign: its content must stay.
    await db.draws.put({
      id: 'd2',
      campaignId: 'camp-2',
      createdAt: '2026-01-01T00:00:00Z',
      record: { drawn: [{ itemId: A }], replacements: [], extras: [] },
    } as never);
    await attachCaseFile(db, {
      campaignId: 'camp-2',
      itemId: A,
      caseNo: 'X',
      name: 'a2.pdf',
      bytes: one,
      actor: '王评查',
    });
    await setPageLabel(db, { sha256: b.sha256, page: 0, kind: '送达回证', actor: '王评查' });
    const before = await caseFileSpace(db);

    expect(await purgeCampaignCaseFileContent(db, { campaignId: C, actor: '管理员' })).toEqual({
      files: 1,
      bytes: two.length,
    });
    expect(await readCaseFileBytes(db, b.sha256)).toBeNull();
    expect(await readCaseFileBytes(db, a.sha256)).toEqual(one);
    expect((await listCaseFiles(db, C)).map((r) => [r.id, r.sha256])).toEqual([
      [a.id, a.sha256],
      [b.id, b.sha256],
    ]);
    expect(await readPageLabels(db, b.sha256)).toEqual({ 0: '送达回证' });
    expect(await caseFileSpace(db)).toEqual({ files: before.files - 1, bytes: before.bytes - two.length });
    const last = (await readAuditLog(db)).at(-1)!;
    expect(last).toMatchObject({ action: 'casefile.purge', actor: '管理员', objectId: b.id });
    expect(last.summary).toContain('b.pdf');
    expect((await verifyStoredAuditLog(db)).ok).toBe(true);
    // Run again: nothing left to delete, nothing logged.
    const entries = (await readAuditLog(db)).length;
    expect(await purgeCampaignCaseFileContent(db, { campaignId: C, actor: '管理员' })).toEqual({
      files: 0,
      bytes: 0,
    });
    expect((await readAuditLog(db)).length).toBe(entries);
  });
});

describe('page labels', () => {
  it('are kept with the file hash, removed with the file, refused for a removed file', async () => {
    const db = await setup();
    const row = await attach(db, A, 'a.pdf', await makeTextPdf(3));
    await setPageLabel(db, { sha256: row.sha256, page: 0, kind: '立案审批表', actor: '王评查' });
    await setPageLabel(db, { sha256: row.sha256, page: 2, kind: '送达回证', actor: '王评查' });
    await setPageLabel(db, { sha256: row.sha256, page: 0, kind: null, actor: '王评查' });
    expect(await readPageLabels(db, row.sha256)).toEqual({ 2: '送达回证' });
    const before = await snapshot(db);
    await expect(
      setPageLabel(db, { sha256: row.sha256, page: -1, kind: '告知书', actor: 'x' }),
    ).rejects.toThrow('页码无效');
    await expect(
      setPageLabel(db, { sha256: 'f'.repeat(64), page: 1, kind: '告知书', actor: 'x' }),
    ).rejects.toThrow('已被移除');
    expect(await snapshot(db)).toEqual(before);
    await removeCaseFile(db, row.id, '王评查', '德市监罚〔2024〕112号');
    expect(await db.caseFilePages.count()).toBe(0);
  });
});
