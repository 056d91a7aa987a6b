// Training attendance import (法律知识培训签到/学时表): rows of a sheet matched to registered officers for ONE
// session chosen by the user. Every problem is reported per row before anything is written.
import type { Cell } from '../ledger/types';
import { parseSheetDate } from './dates';
import { maskIdNumber, normaliseIdNumber } from './id-card';
import { normaliseCertificateNo } from './officer-checks';
import type { Officer } from './officer-model';
import {
  cellText,
  guessHeaderRow,
  openSheet,
  type FieldMapping,
  type SheetIssue,
  type Synonyms,
} from './sheet-mapping';
import type { TrainingAttendance, TrainingSession } from './training';

export type TrainingField =
  'name' | 'idNumber' | 'certificateNo' | 'department' | 'sessionTitle' | 'date' | 'hours';

export const TRAINING_FIELD_LABELS: Record<TrainingField, string> = {
  name: '姓名',
  idNumber: '身份证号',
  certificateNo: '执法证号',
  department: '单位',
  sessionTitle: '培训名称',
  date: '培训日期',
  hours: '学时',
};

export const TRAINING_HEADER_SYNONYMS: Synonyms<TrainingField> = {
  name: ['姓名', '人员姓名', '执法人员姓名', '参训人员', '学员姓名'],
  idNumber: ['身份证号', '身份证号码', '公民身份号码', '身份证件号码', '证件号码', '身份证'],
  certificateNo: ['执法证号', '执法证件号', '执法证编号', '执法证件编号', '执法证件号码', '证件编号', '证号'],
  department: ['单位', '部门', '所在单位', '工作单位', '执法部门', '执法单位', '单位名称', '所属部门'],
  sessionTitle: ['培训名称', '培训班次', '培训班名称', '培训项目', '培训内容', '课程名称'],
  date: ['培训日期', '培训时间', '日期'],
  hours: ['学时', '培训学时', '计入学时', '获得学时', '课时'],
};

/** Upper bound of credited hours for one row, whatever the session says: guards against 学分/分钟 columns. */
export const MAX_ATTENDANCE_HOURS = 200;

export type TrainingImportIssueCode =
  | 'missing-column'
  | 'empty-row'
  | 'missing-field'
  | 'unmatched-officer'
  | 'ambiguous-officer'
  | 'name-mismatch'
  | 'bad-hours'
  | 'duplicate-in-file'
  | 'session-mismatch'
  | 'other-session'
  | 'existing-replaced'
  | 'cancelled-certificate';

export type TrainingImportIssue = SheetIssue<TrainingImportIssueCode>;

export interface TrainingImportOptions {
  fileName: string;
  sheetName: string;
  /** 0-based header row (see guessTrainingHeaderRow). */
  headerRow: number;
  mapping?: Partial<FieldMapping<TrainingField>>;
  /** The session every valid row is recorded for. */
  session: TrainingSession;
  /** The registry. */
  officers: readonly Officer[];
  /** Officer ids already recorded for this session: their record is replaced (reported as a warning). */
  alreadyAttended?: readonly string[];
}

export interface TrainingImportEntry extends TrainingAttendance {
  /** 1-based sheet row the entry comes from. */
  row: number;
}

export interface TrainingImportReport {
  fileName: string;
  sheetName: string;
  headerRow: number;
  headers: string[];
  mapping: FieldMapping<TrainingField>;
  rowsRead: number;
  sessionId: string;
  attendance: TrainingImportEntry[];
  issues: TrainingImportIssue[];
  counts: { valid: number; errors: number; warnings: number; excluded: number };
}

export function guessTrainingHeaderRow(rows: readonly (readonly Cell[])[]): number {
  return guessHeaderRow(rows, TRAINING_HEADER_SYNONYMS);
}

const squash = (s: string): string => s.normalize('NFKC').replace(/\s+/g, '');

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

/** Hours cell: a positive number (half-hours allowed); '' means the whole session. */
function parseHours(cell: Cell | undefined): number | null | 'empty' {
  const t = cellText(cell).replace(/学时|课时|小时$/g, '');
  if (t === '') return 'empty';
  const n = typeof cell === 'number' ? cell : Number(t);
  return Number.isFinite(n) ? n : null;
}

export function importTrainingAttendance(
  rows: readonly (readonly Cell[])[],
  options: TrainingImportOptions,
): TrainingImportReport {
  const { headerRow, session } = options;
  const sheet = openSheet<TrainingField, TrainingImportIssueCode>(
    rows,
    options,
    TRAINING_HEADER_SYNONYMS,
    TRAINING_FIELD_LABELS,
  );
  const { mapping, add, text: get } = sheet;
  const attendance: TrainingImportEntry[] = [];
  const finish = (): TrainingImportReport => ({
    ...sheet.head(),
    sessionId: session.id,
    attendance,
    issues: sheet.issues,
    counts: sheet.counts(attendance.length),
  });

  if (mapping.name === null) {
    sheet.headerIssue('error', `第${headerRow + 1}行表头中找不到“姓名”列，请在列对应中指定`);
    return finish();
  }
  if (mapping.certificateNo === null && mapping.idNumber === null && mapping.department === null) {
    sheet.headerIssue(
      'error',
      '表头中没有“执法证号”“身份证号”或“单位”列，无法确认参训人员是名册中的哪一位，请至少指定其中一列',
    );
    return finish();
  }

  const byCert = new Map<string, Officer[]>();
  const byId = new Map<string, Officer[]>();
  const byNameDept = new Map<string, Officer[]>();
  for (const o of options.officers) {
    const cert = normaliseCertificateNo(o.certificateNo);
    if (cert) push(byCert, cert, o);
    const idn = normaliseIdNumber(o.idNumber);
    if (idn) push(byId, idn, o);
    push(byNameDept, `${squash(o.name)}\u0000${squash(o.department)}`, o);
  }
  // A certificate number can be reused after cancellation: prefer the holder whose certificate is live.
  const live = (list: Officer[] | undefined): Officer[] | undefined => {
    if (!list || list.length < 2) return list;
    const l = list.filter((o) => o.status !== '注销');
    return l.length > 0 ? l : list;
  };
  const previously = new Set(options.alreadyAttended ?? []);
  const seen = new Map<string, number>();

  for (const { row, rowNo } of sheet.dataRows()) {
    let ok = true;
    const fail = (code: TrainingImportIssueCode, field: TrainingField | null, message: string): void => {
      add('error', code, rowNo, field, message);
      ok = false;
    };
    const warn = (code: TrainingImportIssueCode, field: TrainingField | null, message: string): void =>
      add('warning', code, rowNo, field, message);

    const name = squash(get(row, 'name'));
    const who = name || `第${rowNo}行人员`;
    if (name === '') fail('missing-field', 'name', `第${rowNo}行姓名为空`);

    // Hours: empty means the whole session.
    let hours: number | undefined;
    if (mapping.hours !== null) {
      const h = parseHours(row[mapping.hours]);
      if (h === null || (h !== 'empty' && !(h > 0))) {
        fail('bad-hours', 'hours', `第${rowNo}行（${who}）学时“${get(row, 'hours')}”不是大于0的数字`);
      } else if (h !== 'empty' && h > MAX_ATTENDANCE_HOURS) {
        fail(
          'bad-hours',
          'hours',
          `第${rowNo}行（${who}）学时 ${h} 超过上限 ${MAX_ATTENDANCE_HOURS} 学时，请核对是否填成了分钟数`,
        );
      } else if (h !== 'empty' && h > session.hours) {
        fail(
          'bad-hours',
          'hours',
          `第${rowNo}行（${who}）学时 ${h} 超过本场培训“${session.title}”的 ${session.hours} 学时`,
        );
      } else if (h !== 'empty') hours = h;
    }

    // A row of another course (培训班次) never counts towards the chosen one: its hours would be
    // credited twice once that course is imported too.
    const title = get(row, 'sessionTitle');
    if (title !== '' && squash(title) !== squash(session.title)) {
      fail(
        'other-session',
        'sessionTitle',
        `第${rowNo}行（${who}）培训名称为“${title}”，不是所选场次“${session.title}”，不计入本场次；请为“${title}”选择（或登记）场次后单独导入这些行`,
      );
    }
    if (mapping.date !== null && get(row, 'date') !== '') {
      const d = parseSheetDate(row[mapping.date]);
      if (!d.ok) warn('session-mismatch', 'date', `第${rowNo}行（${who}）培训日期：${d.message}`);
      else if (d.date !== session.date)
        warn(
          'session-mismatch',
          'date',
          `第${rowNo}行（${who}）培训日期为 ${d.date}，与所选场次的 ${session.date} 不同，将计入所选场次，请核对`,
        );
    }

    // Match: certificate number, else ID number, else name + department.
    let officer: Officer | undefined;
    let matchedField: TrainingField | null = null;
    const cert = normaliseCertificateNo(get(row, 'certificateNo'));
    const idText = get(row, 'idNumber');
    const idn = idText ? normaliseIdNumber(idText) : '';
    const department = get(row, 'department');
    if (ok) {
      const tries: [TrainingField, string, Officer[] | undefined][] = [];
      if (cert) tries.push(['certificateNo', `执法证号 ${cert}`, live(byCert.get(cert))]);
      if (idn) tries.push(['idNumber', `身份证号 ${maskIdNumber(idn)}`, byId.get(idn)]);
      if (name && department)
        tries.push([
          'department',
          `姓名“${name}”和单位“${department}”`,
          byNameDept.get(`${name}\u0000${squash(department)}`),
        ]);
      const tried: string[] = [];
      for (const [field, label, found] of tries) {
        if (!found || found.length === 0) {
          tried.push(label);
          continue;
        }
        if (found.length > 1) {
          fail(
            'ambiguous-officer',
            field,
            `第${rowNo}行（${who}）按${label}在名册中找到 ${found.length} 人（${found.map((o) => `${o.name}，${o.department}`).join('；')}），无法确定是哪一位，请补充执法证号或身份证号`,
          );
          break;
        }
        officer = found[0];
        matchedField = field;
        break;
      }
      if (ok && !officer) {
        fail(
          'unmatched-officer',
          tries.length > 0 ? (tries[0]?.[0] ?? null) : 'name',
          tries.length === 0
            ? `第${rowNo}行（${who}）未填执法证号、身份证号或单位，无法在名册中找到该人员`
            : `第${rowNo}行（${who}）按${tried.join('、')}在人员名册中都找不到该人员，请先在名册中登记或核对本行`,
        );
      }
    }
    if (ok && officer && matchedField !== 'department' && squash(officer.name) !== name) {
      fail(
        'name-mismatch',
        'name',
        `第${rowNo}行姓名为“${name}”，但${matchedField === 'certificateNo' ? `执法证号 ${cert}` : `身份证号 ${maskIdNumber(idn)}`}在名册中登记的是“${officer.name}”（${officer.department}），请核对`,
      );
    }
    if (ok && officer) {
      const first = seen.get(officer.id);
      if (first !== undefined)
        fail(
          'duplicate-in-file',
          null,
          `第${rowNo}行（${who}）与第${first}行是同一人员（${officer.name}，${officer.department}），同一场培训只能记录一次`,
        );
    }
    if (!ok || !officer) continue;
    seen.set(officer.id, rowNo);
    if (officer.status === '注销')
      warn('cancelled-certificate', null, `第${rowNo}行（${who}）在名册中的执法证已注销，仍记录其培训学时`);
    if (previously.has(officer.id))
      warn('existing-replaced', null, `第${rowNo}行（${who}）在本场培训已有出勤记录，导入后以本文件为准`);
    attendance.push({
      sessionId: session.id,
      officerId: officer.id,
      row: rowNo,
      ...(hours !== undefined ? { hours } : {}),
    });
  }
  return finish();
}
