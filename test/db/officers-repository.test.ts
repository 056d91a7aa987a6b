import { describe, expect, it } from 'vitest';
import { importOfficers } from '../../shared/officers/officer-import';
import type { Officer } from '../../shared/officers/officer-model';
import { applyDecision, runAnnualReview } from '../../shared/officers/annual-review';
import {
  campaignGradesForYear,
  changeOfficerStatus,
  importOfficerRecords,
  recordReviewDecisions,
  saveOfficer,
  listOfficers,
  saveReviewRun,
  withdrawReviewDecision,
  normaliseOfficerDepartments,
} from '../../renderer/db/officers-repository';
import { allocateDocumentNumber, documentObjectId } from '../../renderer/db/letters-repository';
import { saveDepartment } from '../../renderer/db/directory-repository';
import { reviewStatistics } from '../../shared/officers/annual-review';
import { checkDataAndLog } from '../../renderer/db/audit-repository';
import { readAuditLog, verifyStoredAuditLog } from '../../renderer/db/audit-repository';
import { removeDemoData } from '../../renderer/db/demo-repository';
import { freshDb, snapshot } from './helpers';
import { certifiedOfficer as officer, idn } from '../fixtures/officers';

const ID_A = idn('51060319850312001');
const ID_B = idn('51060319900101002');
const ID_C = idn('51060319920202003');

const meta = (fileName = '名册.xlsx') => ({
  fileName,
  sheetName: 'Sheet1',
  rowsRead: 1,
  counts: { valid: 1, errors: 0, warnings: 0, excluded: 0 },
  actor: '李四',
});

describe('officers repository: registry and status history', () => {
  it('keeps every status change, dated, in order, with an audit entry each; history only grows', async () => {
    const db = freshDb();
    await saveOfficer(db, officer(), { actor: '李四', at: '2025-01-02T08:00:00.000Z' });
    await changeOfficerStatus(db, 'off_a', '暂扣', '立案调查期间暂扣', '李四', '2025-03-01T09:00:00.000Z');
    await changeOfficerStatus(db, 'off_a', '有效', '调查结束，恢复', '王五', '2025-05-01T09:00:00.000Z');
    const stored = (await db.officers.get('off_a'))!;
    expect(stored.status).toBe('有效');
    expect(stored.statusHistory.map((h) => [h.at.slice(0, 10), h.from, h.to, h.reason, h.by])).toEqual([
      ['2025-01-02', null, '有效', '手工登记', '李四'],
      ['2025-03-01', '有效', '暂扣', '立案调查期间暂扣', '李四'],
      ['2025-05-01', '暂扣', '有效', '调查结束，恢复', '王五'],
    ]);
    const log = await readAuditLog(db);
    expect(log.map((e) => e.action)).toEqual(['officer.save', 'officer.status', 'officer.status']);
    expect(await verifyStoredAuditLog(db)).toMatchObject({ ok: true });

    // Editing the officer cannot rewrite status or history (they change only through changeOfficerStatus).
    await saveOfficer(db, officer({ post: '科长', status: '注销', statusHistory: [] }), { actor: '李四' });
    const edited = (await db.officers.get('off_a'))!;
    expect(edited.post).toBe('科长');
    expect(edited.status).toBe('有效');
    expect(edited.statusHistory).toEqual(stored.statusHistory);

    // An import of the same person appends its entry after the stored ones.
    const rows = [
      ['姓名', '身份证号', '执法部门', '人员性质', '执法证号', '状态'],
      ['张三', ID_A, '市市场监督管理局', '正式在编', '510601000001', '暂扣'],
    ];
    const report = importOfficers(rows, {
      fileName: '名册.csv',
      sheetName: '名册',
      headerRow: 0,
      existing: [edited],
      importedAt: '2025-06-01T00:00:00.000Z',
      importedBy: '李四',
    });
    await importOfficerRecords(db, report.officers, meta('名册.csv'));
    const after = (await db.officers.get('off_a'))!;
    expect(after.statusHistory.slice(0, 3)).toEqual(stored.statusHistory);
    expect(after.statusHistory).toHaveLength(4);
    expect(after.statusHistory[3]).toMatchObject({ from: '有效', to: '暂扣' });
  });

  it('refuses a status change without a reason, or out of 注销, and changes nothing', async () => {
    const db = freshDb();
    await saveOfficer(db, officer(), { actor: '李四' });
    let before = await snapshot(db);
    await expect(changeOfficerStatus(db, 'off_a', '暂扣', '  ', '李四')).rejects.toThrow(/必须填写原因/);
    expect(await snapshot(db)).toEqual(before);
    await changeOfficerStatus(db, 'off_a', '注销', '调离执法岗位', '李四');
    before = await snapshot(db);
    await expect(changeOfficerStatus(db, 'off_a', '有效', '误操作', '李四')).rejects.toThrow(
      /已注销，不能恢复/,
    );
    expect(await snapshot(db)).toEqual(before);
  });

  it('validates the manual form: ID check digit, duplicate certificate, duplicate person, expiry before issue', async () => {
    const db = freshDb();
    await saveOfficer(db, officer(), { actor: '李四' });
    const before = await snapshot(db);
    const wrongCheck = ID_B.slice(0, 17) + (ID_B[17] === '0' ? '1' : '0');
    await expect(
      saveOfficer(db, officer({ id: 'b', idNumber: wrongCheck, certificateNo: 'X2' }), { actor: 'a' }),
    ).rejects.toThrow(/身份证号有误：身份证号校验位不正确/);
    await expect(saveOfficer(db, officer({ id: 'b', idNumber: ID_B }), { actor: 'a' })).rejects.toThrow(
      /执法证号 510601000001 重复/,
    );
    await expect(saveOfficer(db, officer({ id: 'b', certificateNo: 'X2' }), { actor: 'a' })).rejects.toThrow(
      /同一身份证号 510603\*{8}\S{4} 登记了2条人员记录/,
    );
    await expect(
      saveOfficer(
        db,
        officer({
          id: 'b',
          idNumber: ID_B,
          certificateNo: 'X2',
          issueDate: '2025-01-01',
          expiryDate: '2024-01-01',
        }),
        {
          actor: 'a',
        },
      ),
    ).rejects.toThrow(/早于发证日期/);
    expect(await snapshot(db)).toEqual(before);
  });
});

describe('officers repository: atomic import', () => {
  it('writes all rows in one step with one audit entry', async () => {
    const db = freshDb();
    const n = await importOfficerRecords(
      db,
      [officer(), officer({ id: 'off_b', idNumber: ID_B, certificateNo: '510601000002', name: '李四' })],
      meta(),
    );
    expect(n).toEqual({ added: 2, updated: 0 });
    expect(await db.officers.count()).toBe(2);
    const log = await readAuditLog(db);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ action: 'officers.import' });
    // The ID numbers never reach the log's readable fields.
    expect(JSON.stringify(log)).not.toContain(ID_A);
  });

  it('leaves the store unchanged when a row duplicates a stored certificate or person, or nothing is valid', async () => {
    const db = freshDb();
    await importOfficerRecords(db, [officer()], meta());
    const before = await snapshot(db);
    // Valid rows plus one that collides with the stored certificate: nothing is written at all.
    await expect(
      importOfficerRecords(
        db,
        [
          officer({ id: 'n1', idNumber: ID_B, certificateNo: '510601000009', name: '王五' }),
          officer({ id: 'n2', idNumber: ID_C, certificateNo: '510601000001', name: '赵六' }),
        ],
        meta('第二批.xlsx'),
      ),
    ).rejects.toThrow(/导入被拒绝，数据库未作任何更改：执法证号 510601000001 重复/);
    expect(await snapshot(db)).toEqual(before);
    await expect(importOfficerRecords(db, [], meta('空表.xlsx'))).rejects.toThrow(
      /“空表.xlsx”中没有可导入的有效行/,
    );
    expect(await snapshot(db)).toEqual(before);
  });

  it('rolls back the whole import when the write itself fails part-way', async () => {
    const db = freshDb();
    await importOfficerRecords(db, [officer()], meta());
    const before = await snapshot(db);
    // A record without a primary key makes bulkPut fail inside the transaction.
    const broken = {
      ...officer({ idNumber: ID_C, certificateNo: 'Z9' }),
      id: undefined,
    } as unknown as Officer;
    await expect(
      importOfficerRecords(
        db,
        [officer({ id: 'n1', idNumber: ID_B, certificateNo: 'Z1' }), broken],
        meta('坏.xlsx'),
      ),
    ).rejects.toThrow(/写入数据库失败，数据库保持导入前的状态/);
    expect(await snapshot(db)).toEqual(before);
  });
});

describe('officers repository: yearly review decisions', () => {
  it('applies decisions to certificates with history and audit; a second decision is refused', async () => {
    const db = freshDb();
    await importOfficerRecords(
      db,
      [
        officer(),
        officer({ id: 'off_b', idNumber: ID_B, certificateNo: 'C2', name: '李四', employmentType: '合同工' }),
      ],
      meta(),
    );
    const result = runAnnualReview(await db.officers.toArray(), { year: 2025, reviewDate: '2026-01-15' });
    const review = await saveReviewRun(db, result, '审核员');
    const b = review.proposals.find((p) => p.officerId === 'off_b')!;
    expect(b.outcome).toBe('fail');
    const a = review.proposals.find((p) => p.officerId === 'off_a')!;
    expect(() => applyDecision(b, 'pass', '', '审核员')).toThrow(/必须填写理由/);
    const r = await recordReviewDecisions(
      db,
      review.id,
      [
        applyDecision(b, 'suspend', '已转为在编，待核实后恢复', '审核员'),
        applyDecision(a, a.outcome, '', '审核员'),
      ],
      '审核员',
    );
    expect(r).toEqual({ recorded: 2, statusChanged: 1 });
    const off = (await db.officers.get('off_b'))!;
    expect(off.status).toBe('暂扣');
    expect(off.statusHistory.at(-1)!.reason).toMatch(/2025年度年审暂扣.*已转为在编/);
    expect((await readAuditLog(db)).at(-1)).toMatchObject({ action: 'certificate.decision' });
    const before = await snapshot(db);
    await expect(
      recordReviewDecisions(db, review.id, [applyDecision(b, 'fail', '', '审核员')], '审核员'),
    ).rejects.toThrow(/已有结论，不能重复审核/);
    expect(await snapshot(db)).toEqual(before);
  });

  it('withdraws a 不通过 decision with a reason until the 年审通知 is issued: status restored, logged', async () => {
    const db = freshDb();
    await importOfficerRecords(
      db,
      [officer({ id: 'off_b', idNumber: ID_B, certificateNo: 'C2', name: '李四', employmentType: '合同工' })],
      meta(),
    );
    const result = runAnnualReview(await db.officers.toArray(), { year: 2025, reviewDate: '2026-01-15' });
    const review = await saveReviewRun(db, result, '审核员');
    const b = review.proposals.find((p) => p.officerId === 'off_b')!;
    await recordReviewDecisions(db, review.id, [applyDecision(b, 'fail', '', '审核员')], '审核员');
    expect((await db.officers.get('off_b'))!.status).toBe('注销');
    const input = { reviewId: review.id, officerId: 'off_b', actor: '审核员' };

    let before = await snapshot(db);
    await expect(withdrawReviewDecision(db, { ...input, reason: ' ' })).rejects.toThrow(/必须填写理由/);
    expect(await snapshot(db)).toEqual(before);

    const r = await withdrawReviewDecision(db, { ...input, reason: '误点，劳动合同尚在履行' });
    expect(r).toEqual({ restored: true });
    const off = (await db.officers.get('off_b'))!;
    expect(off.status).toBe('有效');
    expect(off.statusHistory.at(-1)).toMatchObject({ from: '注销', to: '有效', by: '审核员' });
    expect(off.statusHistory.at(-1)!.reason).toMatch(/撤回2025年度年审结论.*误点/);
    expect(await db.reviewDecisions.get(`${review.id}|off_b`)).toBeUndefined();
    const last = (await readAuditLog(db)).at(-1)!;
    expect(last.summary).toMatch(/撤回李四的结论“不通过.*理由：误点.*恢复为“有效”/);
    expect(last.records).toEqual([{ table: 'reviewDecisions', key: `${review.id}|off_b`, digest: null }]);
    expect((await verifyStoredAuditLog(db)).ok).toBe(true);
    expect((await checkDataAndLog(db)).mismatches).toEqual([]);
    await expect(withdrawReviewDecision(db, { ...input, reason: '再撤' })).rejects.toThrow(
      /还没有结论，无需撤回/,
    );

    // Decided again, then the notice is issued: the decision can no longer be withdrawn.
    await recordReviewDecisions(db, review.id, [applyDecision(b, 'suspend', '待核实', '审核员')], '审核员');
    await allocateDocumentNumber(db, {
      docType: 'notice',
      objectId: documentObjectId('notice', '2025'),
      prefix: '德司证',
      issueDate: '2026-01-20',
      actor: '审核员',
      label: '2025年度行政执法证件年审结果通知',
    });
    before = await snapshot(db);
    await expect(withdrawReviewDecision(db, { ...input, reason: '再议' })).rejects.toThrow(
      /年审通知已定稿印发（德司证.*不能再撤回/,
    );
    expect(await snapshot(db)).toEqual(before);
  });

  it('links case-file grades of the year through the final results, and says when there are none', async () => {
    const db = freshDb();
    expect(await campaignGradesForYear(db, 2025, () => null)).toBeUndefined();
    await db.campaigns.add({
      id: 'c1',
      name: '2025年案卷评查',
      year: 2025,
      periodFrom: null,
      periodTo: null,
      departments: [],
      caseTypes: [],
      createdAt: '2025-01-01',
      createdBy: 'x',
      isDemo: false,
      standards: [],
      standardsFrozenAt: null,
    });
    await db.finalResults.add({
      campaignId: 'c1',
      itemId: 'item-1',
      department: '市市场监督管理局',
      caseNo: '市监罚〔2025〕1号',
      caseType: '行政处罚',
      standardId: 's',
      standardVersion: 1,
      sheet: {} as never,
      score: { grade: '不合格' } as never,
      reconciliation: null,
      finalisedAt: '2025-12-01',
      finalisedBy: 'x',
    });
    const grades = await campaignGradesForYear(db, 2025, (itemId) =>
      itemId === 'item-1' ? { officer: '张三', certNo: '510601000001' } : null,
    );
    expect(grades).toEqual([
      {
        certNo: '510601000001',
        officerName: '张三',
        department: '市市场监督管理局',
        grade: '不合格',
        caseNo: '市监罚〔2025〕1号',
        campaign: '2025年案卷评查',
      },
    ]);
    expect(await campaignGradesForYear(db, 2024, () => null)).toBeUndefined();
  });

  it('removes demo officers only', async () => {
    const db = freshDb();
    await importOfficerRecords(db, [officer()], meta());
    await importOfficerRecords(db, [officer({ id: 'd1', idNumber: ID_B, certificateNo: 'D1' })], {
      ...meta(),
      isDemo: true,
    });
    expect((await removeDemoData(db)).officers).toBe(1);
    expect((await db.officers.toArray()).map((o) => o.id)).toEqual(['off_a']);
  });
});

describe('officers on the department directory', () => {
  it('resolves 单位 through the directory: 市应急管理局 and 德阳市应急管理局 are one department', async () => {
    const db = freshDb();
    await saveDepartment(
      db,
      { name: '德阳市应急管理局', aliases: ['应急局'], caseNoPrefixes: [], kind: 'municipal' },
      '测试',
    );
    await importOfficerRecords(
      db,
      [
        officer({ id: 'a1', department: '市应急管理局' }),
        officer({
          id: 'a2',
          idNumber: ID_B,
          certificateNo: 'C2',
          name: '李四',
          department: '德阳市应急管理局',
        }),
        officer({ id: 'a3', idNumber: ID_C, certificateNo: 'C3', name: '王五', department: '应急局' }),
      ],
      meta(),
    );
    const list = await listOfficers(db);
    expect(new Set(list.map((o) => o.department))).toEqual(new Set(['德阳市应急管理局']));
    // Stored as the directory writes it (issue 25: normalised on import, the import's log entry says so).
    expect((await db.officers.get('a1'))!.department).toBe('德阳市应急管理局');
    expect((await readAuditLog(db)).at(-1)!.summary).toContain('2 人的单位按机构名录统一写法');
    const run = runAnnualReview(list, { year: 2025, reviewDate: '2026-01-15' });
    expect(reviewStatistics(run.proposals).byDepartment.map((d) => d.department)).toEqual([
      '德阳市应急管理局',
    ]);
  });
});

describe('officers stored before the directory knew their 单位', () => {
  it('the one-time fix rewrites each 单位 as the directory writes it, logged once; nothing to fix: nothing logged', async () => {
    const db = freshDb();
    // stored before the directory had the department (as imports did before issue 25)
    await importOfficerRecords(
      db,
      [
        officer({ id: 'a1', department: '市应急管理局' }),
        officer({ id: 'a2', idNumber: ID_B, certificateNo: 'C2', name: '李四', department: '应急局' }),
        officer({ id: 'a3', idNumber: ID_C, certificateNo: 'C3', name: '王五', department: '德阳市公安局' }),
      ],
      meta(),
    );
    expect((await db.officers.get('a1'))!.department).toBe('市应急管理局');
    await saveDepartment(
      db,
      { name: '德阳市应急管理局', aliases: ['应急局'], caseNoPrefixes: [], kind: 'municipal' },
      '测试',
    );
    const before = (await readAuditLog(db)).length;
    expect(await normaliseOfficerDepartments(db, '系统', '2026-12-08T00:00:00.000Z')).toEqual({ changed: 2 });
    expect((await db.officers.toArray()).map((o) => [o.id, o.department])).toEqual([
      ['a1', '德阳市应急管理局'],
      ['a2', '德阳市应急管理局'],
      ['a3', '德阳市公安局'],
    ]);
    const log = await readAuditLog(db);
    expect(log).toHaveLength(before + 1);
    expect(log.at(-1)).toMatchObject({ action: 'officers.normalise', actor: '系统' });
    expect(log.at(-1)!.summary).toBe(
      '按机构名录统一执法人员单位名称 2 人：市应急管理局→德阳市应急管理局；应急局→德阳市应急管理局',
    );
    // run again (every start): nothing to change, nothing written or logged
    const snap = await snapshot(db);
    expect(await normaliseOfficerDepartments(db, '系统')).toEqual({ changed: 0 });
    expect(await snapshot(db)).toEqual(snap);
    expect((await verifyStoredAuditLog(db)).ok).toBe(true);
  });

  it('the manual form stores the directory’s name too', async () => {
    const db = freshDb();
    await saveDepartment(
      db,
      { name: '德阳市应急管理局', aliases: ['应急局'], caseNoPrefixes: [], kind: 'municipal' },
      '测试',
    );
    await saveOfficer(db, officer({ department: '应急局' }), { actor: '甲' });
    expect((await db.officers.get('off_a'))!.department).toBe('德阳市应急管理局');
  });
});
