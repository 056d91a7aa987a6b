import { describe, expect, it } from 'vitest';
import { idCheckChar } from '../../shared/officers/id-card';
import type { Officer } from '../../shared/officers/officer-model';
import {
  guessTrainingHeaderRow,
  importTrainingAttendance,
  type TrainingImportOptions,
} from '../../shared/officers/training-import';
import type { TrainingSession } from '../../shared/officers/training';

const idn = (first17: string) => first17 + idCheckChar(first17);
const ID_A = idn('51060319850312001');
const ID_B = idn('51060319900101002');

function officer(over: Partial<Officer>): Officer {
  return {
    id: 'x',
    name: '某人',
    gender: null,
    idNumber: '',
    department: '市市场监督管理局',
    post: '',
    employmentType: '正式在编',
    certificateNo: '',
    areas: [],
    issueDate: null,
    expiryDate: null,
    status: '有效',
    statusHistory: [],
    inEnforcementPost: true,
    sanctions: [],
    lastEnforcementActDate: null,
    certificateIssues: [],
    ...over,
  };
}

const officers: Officer[] = [
  officer({ id: 'a', name: '张三', idNumber: ID_A, certificateNo: '510601000001' }),
  officer({
    id: 'b',
    name: '李四',
    idNumber: ID_B,
    certificateNo: '510601000002',
    department: '市交通运输局',
  }),
  officer({ id: 'c', name: '王五', department: '市交通运输局' }),
  // Two 赵六 in the same department: only a certificate or ID number can tell them apart.
  officer({ id: 'd1', name: '赵六', department: '市生态环境局', certificateNo: '510601000004' }),
  officer({ id: 'd2', name: '赵六', department: '市生态环境局', certificateNo: '510601000005' }),
];
const session: TrainingSession = {
  id: 'trn_1',
  title: '行政处罚法专题培训',
  date: '2025-04-10',
  hours: 8,
  organiser: '市司法局',
};

function run(rows: (string | number | null)[][], over: Partial<TrainingImportOptions> = {}) {
  return importTrainingAttendance(rows, {
    fileName: '签到表.xlsx',
    sheetName: 'Sheet1',
    headerRow: guessTrainingHeaderRow(rows),
    session,
    officers,
    ...over,
  });
}

describe('training attendance import', () => {
  it('detects the header under a title row and matches by certificate, ID number, then name + department', () => {
    const r = run([
      ['2025年行政处罚法专题培训签到表'],
      ['序号', '姓名', '公民身份号码', '执法证号', '单位', '学时'],
      [1, '张三', '', '510601000001', '', 8],
      [2, '李四', ID_B, '', '', 6.5],
      [3, '王五', '', '', '市交通运输局', ''],
    ]);
    expect(r.headerRow).toBe(1);
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(r.attendance).toEqual([
      { sessionId: 'trn_1', officerId: 'a', row: 3, hours: 8 },
      { sessionId: 'trn_1', officerId: 'b', row: 4, hours: 6.5 },
      { sessionId: 'trn_1', officerId: 'c', row: 5 },
    ]);
    expect(r.counts.valid).toBe(3);
  });

  it('reports unmatched and ambiguous rows as errors naming the row and why, without ID numbers in clear', () => {
    const r = run([
      ['姓名', '身份证号', '执法证号', '单位'],
      ['钱七', idn('51060319700101003'), '', '市司法局'],
      ['赵六', '', '', '市生态环境局'],
      ['赵六', '', '510601000005', '市生态环境局'],
    ]);
    const errors = r.issues.filter((i) => i.severity === 'error');
    expect(errors.map((i) => [i.row, i.code])).toEqual([
      [2, 'unmatched-officer'],
      [3, 'ambiguous-officer'],
    ]);
    expect(errors[0]!.message).toContain('第2行（钱七）');
    expect(errors[0]!.message).toContain('在人员名册中都找不到');
    expect(errors[0]!.message).not.toContain('51060319700101003');
    expect(errors[1]!.message).toMatch(/找到 2 人.*无法确定/);
    expect(r.attendance.map((a) => a.officerId)).toEqual(['d2']);
  });

  it('rejects bad hours: not a number, zero, over the cap and over the session', () => {
    const r = run([
      ['姓名', '执法证号', '学时'],
      ['张三', '510601000001', '两个'],
      ['李四', '510601000002', 0],
      ['张三', '510601000001', 480],
      ['李四', '510601000002', 9],
    ]);
    expect(r.attendance).toEqual([]);
    const msgs = r.issues.filter((i) => i.code === 'bad-hours');
    expect(msgs.map((i) => i.row)).toEqual([2, 3, 4, 5]);
    expect(msgs[0]!.column).toBe('学时');
    expect(msgs[0]!.message).toContain('不是大于0的数字');
    expect(msgs[2]!.message).toContain('超过上限 200');
    expect(msgs[3]!.message).toContain('超过本场培训“行政处罚法专题培训”的 8 学时');
  });

  it('rejects the same officer twice in the sheet and a name that does not match the certificate', () => {
    const r = run([
      ['姓名', '执法证号', '身份证号'],
      ['张三', '510601000001', ''],
      ['张三', '', ID_A],
      ['王二', '510601000002', ''],
    ]);
    expect(r.attendance.map((a) => a.row)).toEqual([2]);
    const dup = r.issues.find((i) => i.code === 'duplicate-in-file')!;
    expect(dup.row).toBe(3);
    expect(dup.message).toContain('与第2行是同一人员');
    const mismatch = r.issues.find((i) => i.code === 'name-mismatch')!;
    expect(mismatch.message).toContain('登记的是“李四”');
  });

  it('refuses rows of another course (never counted into the chosen one); warns of another date and a replacement', () => {
    const r = run(
      [
        ['姓名', '执法证号', '培训名称', '培训日期'],
        ['张三', '510601000001', '行政处罚法专题培训', '2025/4/11'],
        ['李四', '510601000002', '安全生产培训', '2025/4/10'],
      ],
      { alreadyAttended: ['a'] },
    );
    expect(r.attendance.map((a) => a.officerId)).toEqual(['a']);
    expect(r.issues.map((i) => [i.severity, i.code, i.row])).toEqual([
      ['warning', 'session-mismatch', 2],
      ['warning', 'existing-replaced', 2],
      ['error', 'other-session', 3],
    ]);
    expect(r.issues[0]!.message).toContain('2025-04-11');
    expect(r.issues[2]!.message).toMatch(
      /培训名称为“安全生产培训”，不是所选场次“行政处罚法专题培训”，不计入本场次/,
    );
    expect(r.counts).toMatchObject({ valid: 1, errors: 1 });
  });

  it('refuses a sheet with no name column or no way to identify people', () => {
    expect(
      run(
        [
          ['证号说明', '学时'],
          ['x', 1],
        ],
        { headerRow: 0 },
      ).issues[0]!.message,
    ).toContain('找不到“姓名”列');
    const r = run([
      ['姓名', '学时'],
      ['张三', 1],
    ]);
    expect(r.counts.valid).toBe(0);
    expect(r.issues[0]!.code).toBe('missing-column');
    expect(r.issues[0]!.message).toContain('至少指定其中一列');
  });
});
