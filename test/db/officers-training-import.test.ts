import { describe, expect, it } from 'vitest';
import { importTrainingAttendance } from '../../shared/officers/training-import';
import { yearlyTrainingHours } from '../../shared/officers/training';
import {
  addTrainingSession,
  importOfficerRecords,
  importTrainingAttendanceRecords,
  recordAttendance,
} from '../../renderer/db/officers-repository';
import { readAuditLog, verifyStoredAuditLog } from '../../renderer/db/audit-repository';
import { freshDb, snapshot } from './helpers';
import { rosterOfficer as officer } from '../fixtures/officers';

async function setup() {
  const db = freshDb();
  await importOfficerRecords(db, [officer('a', '张三', 'C1'), officer('b', '李四', 'C2')], {
    fileName: '名册.xlsx',
    sheetName: 's',
    rowsRead: 2,
    counts: { valid: 2, errors: 0, warnings: 0, excluded: 0 },
    actor: '测试',
  });
  const session = await addTrainingSession(db, {
    title: '行政许可法培训',
    date: '2025-05-20',
    hours: 6,
    organiser: '',
  });
  return { db, session };
}

describe('training attendance import: store', () => {
  it('writes every valid row of a sheet in one step with one audit entry, replacing earlier records', async () => {
    const { db, session } = await setup();
    await recordAttendance(db, session.id, [{ officerId: 'a', hours: 2 }]);
    const report = importTrainingAttendance(
      [
        ['姓名', '执法证号', '学时'],
        ['张三', 'C1', 6],
        ['李四', 'C2', 4.5],
      ],
      {
        fileName: '签到.xlsx',
        sheetName: 'Sheet1',
        headerRow: 0,
        session,
        officers: await db.officers.toArray(),
        alreadyAttended: ['a'],
      },
    );
    expect(report.issues.map((i) => i.code)).toEqual(['existing-replaced']);
    const n = await importTrainingAttendanceRecords(db, session.id, report.attendance, {
      fileName: '签到.xlsx',
      actor: '王五',
      at: '2025-05-21T08:00:00.000Z',
    });
    expect(n).toBe(2);
    const hours = yearlyTrainingHours(
      await db.trainingSessions.toArray(),
      await db.trainingAttendance.toArray(),
      2025,
    );
    expect([hours.get('a'), hours.get('b')]).toEqual([6, 4.5]);
    const audit = (await readAuditLog(db)).filter((e) => e.action === 'training.import');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.summary).toContain('出勤 2 人次');
    expect(audit[0]!.summary).toContain('其中 1 人次替换原有记录');
    expect((await verifyStoredAuditLog(db)).ok).toBe(true);
  });

  it('writes nothing when any entry is refused (unknown officer, hours over the session, duplicate, no session)', async () => {
    const { db, session } = await setup();
    const before = await snapshot(db);
    const meta = { fileName: '签到.xlsx', actor: '王五' };
    await expect(
      importTrainingAttendanceRecords(db, session.id, [{ officerId: 'a' }, { officerId: 'gone' }], meta),
    ).rejects.toThrow('有 1 名人员已不在名册中');
    await expect(
      importTrainingAttendanceRecords(
        db,
        session.id,
        [{ officerId: 'a' }, { officerId: 'b', hours: 7 }],
        meta,
      ),
    ).rejects.toThrow('不在 0 到本次培训的 6 学时之间');
    await expect(
      importTrainingAttendanceRecords(db, session.id, [{ officerId: 'a' }, { officerId: 'a' }], meta),
    ).rejects.toThrow('同一人员在本次导入中出现两次');
    await expect(importTrainingAttendanceRecords(db, 'trn_none', [{ officerId: 'a' }], meta)).rejects.toThrow(
      '所选培训场次不存在',
    );
    await expect(importTrainingAttendanceRecords(db, session.id, [], meta)).rejects.toThrow(
      '没有可导入的出勤记录',
    );
    expect(await snapshot(db)).toEqual(before);
  });

  it('rolls back the attendance rows when the audit append fails inside the transaction', async () => {
    const { db, session } = await setup();
    const before = await snapshot(db);
    const original = db.auditLog.add.bind(db.auditLog);
    db.auditLog.add = (() => Promise.reject(new Error('磁盘已满'))) as unknown as typeof db.auditLog.add;
    try {
      await expect(
        importTrainingAttendanceRecords(db, session.id, [{ officerId: 'a' }, { officerId: 'b' }], {
          fileName: '签到.xlsx',
          actor: '王五',
        }),
      ).rejects.toThrow('写入数据库失败，数据库保持导入前的状态');
    } finally {
      db.auditLog.add = original;
    }
    expect(await snapshot(db)).toEqual(before);
  });
});
