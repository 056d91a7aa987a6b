// Officer registry import from spreadsheet rows: map columns, build records, report every problem per row
// before anything is written (the store writes `officers` in one transaction only if the user confirms).
import type { Cell } from '../ledger/types';
import { parseSheetDate } from './dates';
import { checkIdNumber, maskIdNumber, normaliseIdNumber } from './id-card';
import { normaliseCertificateNo } from './officer-checks';
import {
  DEFAULT_OFFICER_SETTINGS,
  effectiveExpiry,
  type EmploymentType,
  type Officer,
  type OfficerSettings,
  type OfficerStatus,
} from './officer-model';
import {
  cellText,
  guessHeaderRow,
  guessMapping,
  openSheet,
  randomId,
  type FieldMapping,
  type SheetIssue,
  type Synonyms,
} from './sheet-mapping';

export type OfficerField =
  | 'name'
  | 'gender'
  | 'idNumber'
  | 'department'
  | 'post'
  | 'employmentType'
  | 'certificateNo'
  | 'areas'
  | 'issueDate'
  | 'expiryDate'
  | 'status';

export const OFFICER_FIELD_LABELS: Record<OfficerField, string> = {
  name: '姓名',
  gender: '性别',
  idNumber: '身份证号',
  department: '执法部门',
  post: '岗位',
  employmentType: '人员性质',
  certificateNo: '执法证号',
  areas: '执法区域/类别',
  issueDate: '发证日期',
  expiryDate: '有效期至',
  status: '状态',
};

export const OFFICER_HEADER_SYNONYMS: Synonyms<OfficerField> = {
  name: ['姓名', '执法人员姓名', '人员姓名', '执法人员'],
  gender: ['性别'],
  idNumber: ['身份证号', '身份证号码', '公民身份号码', '身份证件号码', '证件号码', '身份证'],
  department: [
    '执法部门',
    '单位',
    '所在单位',
    '工作单位',
    '执法单位',
    '执法机关',
    '部门',
    '单位名称',
    '所属部门',
  ],
  post: ['岗位', '职务', '职位', '工作岗位', '现任职务'],
  employmentType: ['人员性质', '用工性质', '编制类型', '编制性质', '人员类别', '身份类别', '编制情况'],
  certificateNo: ['执法证号', '证件编号', '执法证件号', '执法证编号', '执法证件编号', '执法证件号码', '证号'],
  areas: ['执法区域', '执法种类', '执法类别', '执法范围', '执法领域', '执法区域/类别'],
  issueDate: ['发证日期', '发证时间', '领证日期', '颁发日期'],
  expiryDate: ['有效期至', '有效期限', '有效期', '截止日期', '有效截止日期', '证件有效期'],
  status: ['状态', '证件状态'],
};

export type OfficerImportIssueCode =
  | 'missing-column'
  | 'empty-row'
  | 'missing-field'
  | 'bad-id-number'
  | 'bad-date'
  | 'expiry-before-issue'
  | 'unknown-employment-type'
  | 'unknown-status'
  | 'unknown-gender'
  | 'gender-mismatch'
  | 'non-formal-staff'
  | 'duplicate-certificate-in-file'
  | 'duplicate-person-in-file'
  | 'existing-updated';

export type OfficerImportIssue = SheetIssue<OfficerImportIssueCode>;

export interface OfficerImportOptions {
  fileName: string;
  sheetName: string;
  /** 0-based header row index (see guessOfficerHeaderRow). */
  headerRow: number;
  /** User-confirmed mapping; missing fields are guessed from the header. */
  mapping?: Partial<FieldMapping<OfficerField>>;
  /** Used when the sheet has no department column (one department's own list). */
  defaultDepartment?: string;
  /** Officers already stored: a row with the same ID number or certificate number updates that officer. */
  existing?: readonly Officer[];
  /** ISO timestamp written into the first status-history entry. */
  importedAt: string;
  importedBy: string;
  today?: string;
  settings?: OfficerSettings;
  /** Id factory for new officers (tests inject a deterministic one). */
  newId?: () => string;
}

export interface OfficerImportReport {
  fileName: string;
  sheetName: string;
  headerRow: number;
  headers: string[];
  mapping: FieldMapping<OfficerField>;
  rowsRead: number;
  /** Records to write: new officers and updated existing ones (same id as stored). */
  officers: Officer[];
  /** Ids (of `officers`) that update a stored officer. */
  updatedIds: string[];
  issues: OfficerImportIssue[];
  counts: { valid: number; errors: number; warnings: number; excluded: number };
}

export function guessOfficerHeaderRow(rows: readonly (readonly Cell[])[]): number {
  return guessHeaderRow(rows, OFFICER_HEADER_SYNONYMS);
}

export function guessOfficerMapping(headers: readonly string[]): FieldMapping<OfficerField> {
  return guessMapping(headers, OFFICER_HEADER_SYNONYMS);
}

const EMPLOYMENT_SYNONYMS: [RegExp, EmploymentType][] = [
  [
    /^(正式在编|正式|在编|公务员|参公|参照公务员管理|行政编制|事业编制|行政编|事业编|参公编制|全额事业|编制内)/,
    '正式在编',
  ],
  [/(公益性岗位|公益岗)/, '公益性岗位'],
  [/(工勤)/, '工勤人员'],
  // Kept as written: 劳务派遣 and 聘用 are not 合同工 (the roster and statistics name them).
  [/(劳务派遣|派遣)/, '劳务派遣'],
  [/(聘用|聘任)/, '聘用人员'],
  [/(合同|编外)/, '合同工'],
  [/(临时|临聘|协管|辅助)/, '临时工'],
  [/^其他$/, '其他'],
];

/** Map a sheet's wording to an employment type; null when unknown. */
export function parseEmploymentType(text: string): EmploymentType | null {
  const t = text.normalize('NFKC').replace(/\s+/g, '');
  for (const [re, type] of EMPLOYMENT_SYNONYMS) if (re.test(t)) return type;
  return null;
}

const STATUS_SYNONYMS: Record<string, OfficerStatus> = {
  有效: '有效',
  正常: '有效',
  在用: '有效',
  在岗: '有效',
  暂扣: '暂扣',
  暂停: '暂扣',
  注销: '注销',
  收回: '注销',
  吊销: '注销',
  作废: '注销',
  失效: '注销',
};

export function parseOfficerStatus(text: string): OfficerStatus | null {
  const t = text.normalize('NFKC').replace(/\s+/g, '');
  return STATUS_SYNONYMS[t] ?? null;
}

/** Areas cell: "市场监管、食品安全" / "交通运输;道路运政" -> list. */
export function splitAreas(text: string): string[] {
  return text
    .normalize('NFKC')
    .split(/[、,;，；/|\n]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

const RANGE_SEPARATOR = /\s*(?:至|到|~|～|—|－－|--)\s*/;

export function importOfficers(
  rows: readonly (readonly Cell[])[],
  options: OfficerImportOptions,
): OfficerImportReport {
  const { fileName, headerRow } = options;
  const settings = options.settings ?? DEFAULT_OFFICER_SETTINGS;
  const newId = options.newId ?? (() => randomId('off_'));
  const sheet = openSheet<OfficerField, OfficerImportIssueCode>(
    rows,
    options,
    OFFICER_HEADER_SYNONYMS,
    OFFICER_FIELD_LABELS,
  );
  const { mapping, add, text: get, cell: getRaw } = sheet;

  if (mapping.name === null) {
    sheet.headerIssue('error', `第${headerRow + 1}行表头中找不到“姓名”列，请在列对应中指定`);
    return finish([], []);
  }
  if (mapping.department === null && !options.defaultDepartment) {
    sheet.headerIssue('error', '表头中找不到“执法部门/单位”列，请指定该列，或为整张表选择所属部门');
    return finish([], []);
  }
  if (mapping.employmentType === null) {
    sheet.headerIssue(
      'warning',
      '表头中没有“人员性质/用工性质”列，全部按“正式在编”导入，请核对是否有合同工、临时工',
    );
  }
  if (mapping.idNumber === null) {
    sheet.headerIssue('warning', '表头中没有“身份证号”列，无法核对重复人员');
  }

  const existingById = new Map<string, Officer>();
  const existingByCert = new Map<string, Officer>();
  for (const o of options.existing ?? []) {
    const idn = normaliseIdNumber(o.idNumber);
    if (idn) existingById.set(idn, o);
    const cert = normaliseCertificateNo(o.certificateNo);
    if (cert && o.status !== '注销') existingByCert.set(cert, o);
  }
  const seenCert = new Map<string, number>();
  const seenId = new Map<string, number>();
  const officers: Officer[] = [];
  const updatedIds: string[] = [];

  for (const { row, rowNo } of sheet.dataRows()) {
    let rowOk = true;
    const fail = (code: OfficerImportIssueCode, field: OfficerField | null, message: string): void => {
      add('error', code, rowNo, field, message);
      rowOk = false;
    };
    const warn = (code: OfficerImportIssueCode, field: OfficerField | null, message: string): void =>
      add('warning', code, rowNo, field, message);

    const name = get(row, 'name').replace(/\s+/g, '');
    if (name === '') fail('missing-field', 'name', `第${rowNo}行姓名为空`);
    const who = name || `第${rowNo}行人员`;
    const department = get(row, 'department') || options.defaultDepartment || '';
    if (department === '') fail('missing-field', 'department', `第${rowNo}行（${who}）执法部门为空`);

    // ID number
    let idNumber = '';
    let idGender: '男' | '女' | undefined;
    const idText = get(row, 'idNumber');
    if (idText !== '') {
      const check = checkIdNumber(idText, options.today);
      if (!check.ok) {
        fail(
          'bad-id-number',
          'idNumber',
          `第${rowNo}行（${who}）身份证号 ${maskIdNumber(idText)} 有误：${check.message}`,
        );
      } else {
        idNumber = check.normalised;
        idGender = check.gender;
      }
    } else if (mapping.idNumber !== null) {
      warn('missing-field', 'idNumber', `第${rowNo}行（${who}）未填身份证号`);
    }

    // Gender: the ID number is authoritative; a differing cell is reported, not silently fixed.
    let gender: '男' | '女' | null = idGender ?? null;
    const genderText = get(row, 'gender');
    if (genderText !== '') {
      const g =
        genderText === '男' || genderText === '男性'
          ? '男'
          : genderText === '女' || genderText === '女性'
            ? '女'
            : null;
      if (g === null)
        warn('unknown-gender', 'gender', `第${rowNo}行（${who}）性别“${genderText}”无法识别，应为“男”或“女”`);
      else if (idGender && g !== idGender) {
        warn(
          'gender-mismatch',
          'gender',
          `第${rowNo}行（${who}）性别填写为“${g}”，与身份证号显示的“${idGender}”不一致，已按身份证号记录`,
        );
      } else gender = g;
    }

    // Employment type
    let employmentType: EmploymentType = '正式在编';
    if (mapping.employmentType !== null) {
      const text = get(row, 'employmentType');
      const parsed = text === '' ? null : parseEmploymentType(text);
      if (parsed === null) {
        employmentType = '其他';
        warn(
          'unknown-employment-type',
          'employmentType',
          text === ''
            ? `第${rowNo}行（${who}）人员性质为空，暂记为“其他”，请补充`
            : `第${rowNo}行（${who}）人员性质“${text}”无法识别，暂记为“其他”（可选：正式在编、合同工、聘用人员、劳务派遣、临时工、公益性岗位、工勤人员）`,
        );
      } else employmentType = parsed;
    }

    const certificateNo = normaliseCertificateNo(get(row, 'certificateNo'));
    if (certificateNo === '' && mapping.certificateNo !== null) {
      warn('missing-field', 'certificateNo', `第${rowNo}行（${who}）未填执法证号，按未持证人员导入`);
    }
    if (certificateNo !== '' && employmentType !== '正式在编') {
      warn(
        'non-formal-staff',
        'employmentType',
        `第${rowNo}行（${who}）人员性质为“${employmentType}”却持有执法证 ${certificateNo}，只有正式在编人员可以持证`,
      );
    }

    // Dates; 有效期限 is sometimes a range "2021-01-01至2026-01-01".
    let issueDate: string | null = null;
    let expiryDate: string | null = null;
    const issueCell = getRaw(row, 'issueDate');
    if (cellText(issueCell) !== '') {
      const p = parseSheetDate(issueCell);
      if (p.ok) issueDate = p.date;
      else fail('bad-date', 'issueDate', `第${rowNo}行（${who}）发证日期：${p.message}`);
    }
    const expiryCell = getRaw(row, 'expiryDate');
    const expiryText = cellText(expiryCell);
    if (expiryText !== '') {
      const parts =
        typeof expiryCell === 'string' ? expiryText.split(RANGE_SEPARATOR).filter((s) => s !== '') : [];
      if (parts.length === 2) {
        const a = parseSheetDate(parts[0]);
        const b = parseSheetDate(parts[1]);
        if (a.ok && b.ok) {
          if (issueDate === null) issueDate = a.date;
          expiryDate = b.date;
        } else fail('bad-date', 'expiryDate', `第${rowNo}行（${who}）有效期限“${expiryText}”无法识别`);
      } else {
        const p = parseSheetDate(expiryCell);
        if (p.ok) expiryDate = p.date;
        else fail('bad-date', 'expiryDate', `第${rowNo}行（${who}）有效期至：${p.message}`);
      }
    }
    if (issueDate && expiryDate && expiryDate < issueDate) {
      fail(
        'expiry-before-issue',
        'expiryDate',
        `第${rowNo}行（${who}）有效期至 ${expiryDate} 早于发证日期 ${issueDate}`,
      );
    }

    let status: OfficerStatus = '有效';
    const statusText = get(row, 'status');
    if (statusText !== '') {
      const s = parseOfficerStatus(statusText);
      if (s === null)
        fail(
          'unknown-status',
          'status',
          `第${rowNo}行（${who}）证件状态“${statusText}”无法识别，应为“有效”“暂扣”或“注销”`,
        );
      else status = s;
    }

    // Duplicates within the file: the first occurrence wins, later ones are errors naming it.
    if (rowOk && certificateNo !== '' && status !== '注销') {
      const first = seenCert.get(certificateNo);
      if (first !== undefined)
        fail(
          'duplicate-certificate-in-file',
          'certificateNo',
          `第${rowNo}行（${who}）执法证号 ${certificateNo} 与第${first}行重复`,
        );
    }
    if (rowOk && idNumber !== '') {
      const first = seenId.get(idNumber);
      if (first !== undefined) {
        fail(
          'duplicate-person-in-file',
          'idNumber',
          `第${rowNo}行（${who}）身份证号 ${maskIdNumber(idNumber)} 与第${first}行重复（同一人员登记了两次）`,
        );
      }
    }
    if (!rowOk) continue;
    if (certificateNo !== '' && status !== '注销') seenCert.set(certificateNo, rowNo);
    if (idNumber !== '') seenId.set(idNumber, rowNo);

    const previous =
      (idNumber && existingById.get(idNumber)) ||
      (certificateNo && existingByCert.get(certificateNo)) ||
      undefined;
    const base: Officer = {
      id: previous?.id ?? newId(),
      name,
      gender,
      idNumber,
      department,
      post: get(row, 'post') || previous?.post || '',
      employmentType,
      certificateNo,
      areas: mapping.areas !== null ? splitAreas(get(row, 'areas')) : (previous?.areas ?? []),
      issueDate,
      expiryDate,
      status,
      statusHistory: previous?.statusHistory ?? [],
      inEnforcementPost: previous?.inEnforcementPost ?? true,
      sanctions: previous?.sanctions ?? [],
      // A spreadsheet says nothing about enforcement acts: leave it unknown (undefined), never
      // null, which the yearly review would read as "no act known" and flag for explanation.
      lastEnforcementActDate: previous?.lastEnforcementActDate,
      certificateIssues: previous?.certificateIssues ?? [],
    };
    if (base.expiryDate === null && base.issueDate !== null)
      base.expiryDate = effectiveExpiry(base, settings);
    if (!previous || previous.status !== status) {
      base.statusHistory = [
        ...base.statusHistory,
        {
          at: options.importedAt,
          from: previous?.status ?? null,
          to: status,
          reason: `从“${fileName}”第${rowNo}行导入`,
          by: options.importedBy,
        },
      ];
    }
    if (previous) {
      updatedIds.push(previous.id);
      warn(
        'existing-updated',
        null,
        `第${rowNo}行（${who}）与已登记人员 ${previous.name}（${previous.department}）为同一人或同一证号，导入后将更新其信息`,
      );
    }
    officers.push(base);
  }
  return finish(officers, updatedIds);

  function finish(list: Officer[], updated: string[]): OfficerImportReport {
    return {
      ...sheet.head(),
      officers: list,
      updatedIds: updated,
      issues: sheet.issues,
      counts: sheet.counts(list.length),
    };
  }
}
