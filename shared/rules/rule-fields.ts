// The fields the rule pack reads from a ledger row. The stored case record carries the core fields
// (立案/结案日期, 金额, 承办人, 执法证号 …); the statutory clocks need more (决定日期, 适用程序, 告知/听证/送达日期,
// 查封扣押的起止, 延期批准 …), which ledgers carry under many names. They are found here by header, among the
// row's original cells, so the census sees exactly what the ledger records and nothing else.

import type { CaseFileRecord } from '../ledger/types';
import { headerText, parseLedgerDate } from '../ledger/normalize';
import { isoDayNumber } from './working-days';

export const RULE_FIELDS = [
  'filedDate',
  'decisionDate',
  'closedDate',
  'noticeDate',
  'hearingRequestDate',
  'hearingNoticeDate',
  'hearingDate',
  'deliveryDate',
  'measureStartDate',
  'measureEndDate',
  'procedure',
  'extension',
  'excludedDays',
  'partyKind',
  'amount',
  'party',
  'officer',
  'certNo',
] as const;
export type RuleField = (typeof RULE_FIELDS)[number];

export const DATE_FIELDS = [
  'filedDate',
  'decisionDate',
  'closedDate',
  'noticeDate',
  'hearingRequestDate',
  'hearingNoticeDate',
  'hearingDate',
  'deliveryDate',
  'measureStartDate',
  'measureEndDate',
] as const satisfies readonly RuleField[];
export type DateField = (typeof DATE_FIELDS)[number];

/** The name a sentence or a "cannot check" reason uses for each field. */
export const RULE_FIELD_LABELS: Record<RuleField, string> = {
  filedDate: '立案（受理）日期',
  decisionDate: '决定日期',
  closedDate: '结案日期',
  noticeDate: '告知日期',
  hearingRequestDate: '听证申请日期',
  hearingNoticeDate: '听证通知日期',
  hearingDate: '听证日期',
  deliveryDate: '送达日期',
  measureStartDate: '查封扣押日期',
  measureEndDate: '解除日期',
  procedure: '适用程序',
  extension: '延期批准',
  excludedDays: '不计入期限的天数',
  partyKind: '当事人类型',
  amount: '罚没款金额',
  party: '当事人',
  officer: '承办人',
  certNo: '执法证号',
};

/** Headers (without bracketed notes) for the fields the core record does not carry. */
export const EXTRA_FIELD_HEADERS: Partial<Record<RuleField, readonly string[]>> = {
  decisionDate: [
    '处罚决定日期',
    '决定日期',
    '作出决定日期',
    '决定书日期',
    '处罚日期',
    '决定时间',
    '作出处罚决定日期',
  ],
  noticeDate: ['告知日期', '处罚告知日期', '事先告知日期', '告知书送达日期', '听证告知日期', '告知时间'],
  hearingRequestDate: ['听证申请日期', '申请听证日期', '听证申请时间'],
  hearingNoticeDate: ['听证通知日期', '听证通知书送达日期', '通知听证日期'],
  hearingDate: ['听证日期', '举行听证日期', '听证时间', '听证会日期'],
  deliveryDate: ['送达日期', '决定书送达日期', '处罚决定书送达日期', '送达时间'],
  measureStartDate: [
    '查封扣押日期',
    '查封扣押开始日期',
    '强制措施日期',
    '采取强制措施日期',
    '实施日期',
    '查封日期',
    '扣押日期',
  ],
  measureEndDate: [
    '解除日期',
    '解除查封扣押日期',
    '强制措施解除日期',
    '解除强制措施日期',
    '查封扣押解除日期',
  ],
  procedure: ['适用程序', '程序', '程序类型', '办案程序', '处罚程序', '案件程序'],
  extension: ['延期批准', '是否延期', '延期', '延长期限', '延期审批', '延长办案期限', '是否延长'],
  excludedDays: [
    '不计入期限天数',
    '不计入办案期限天数',
    '扣除天数',
    '中止天数',
    '鉴定天数',
    '听证天数',
    '公告天数',
    '检测天数',
  ],
  partyKind: ['当事人类型', '相对人类型', '当事人性质', '主体类型'],
};

const BRACKETS_RE = /[(（[【][^)）\]】]*[)）\]】]/g;
function baseHeader(h: string): string {
  return headerText(h)
    .replace(BRACKETS_RE, '')
    .replace(/[:：*＊]+$/, '')
    .replace(/^[*＊]+/, '');
}

/** Where each extra field is in a ledger's columns (0-based) and under which header. */
export interface RuleColumns {
  extra: Partial<Record<RuleField, { index: number; header: string }>>;
  /** Header of the core record's closed-date column, to name it in sentences ('结案日期', '办结日期' …). */
  closedHeader: string | null;
  /** Core fields the ledger has a column for. */
  core: Partial<Record<'filedDate' | 'closedDate' | 'amount' | 'party' | 'officer' | 'certNo', string>>;
}

/** Finds the extra fields among a ledger's headers. `coreHeaders`: the header the import mapped to each core field. */
export function findRuleColumns(
  headers: readonly string[],
  coreHeaders: RuleColumns['core'] = {},
): RuleColumns {
  const extra: RuleColumns['extra'] = {};
  const bases = headers.map((h) => baseHeader(h));
  for (const [field, names] of Object.entries(EXTRA_FIELD_HEADERS) as [RuleField, readonly string[]][]) {
    for (const name of names) {
      const index = bases.indexOf(name);
      if (index >= 0 && headers[index] !== coreHeaders.closedDate) {
        extra[field] = { index, header: headers[index]! };
        break;
      }
    }
  }
  // a ledger whose only date of decision is the core closed-date column (mapped from 决定日期): that is the decision
  if (!extra.decisionDate && coreHeaders.closedDate !== undefined) {
    const b = baseHeader(coreHeaders.closedDate);
    if (EXTRA_FIELD_HEADERS.decisionDate!.includes(b)) {
      extra.decisionDate = { index: headers.indexOf(coreHeaders.closedDate), header: coreHeaders.closedDate };
    }
  }
  return { extra, closedHeader: coreHeaders.closedDate ?? null, core: coreHeaders };
}

/**
 * One ledger row as the rules read it. Dates are day numbers (days since 1970-01-01); `undefined` = the
 * ledger has no such column, `null` = the cell is empty, NaN = the cell is not a readable date.
 */
export interface RuleRow {
  itemId: string;
  caseNo: string;
  department: string;
  caseType: string;
  sourceRow: number;
  dates: Partial<Record<DateField, number | null>>;
  /** The header each date came from, for the sentence ('处罚决定日期'). */
  dateHeaders: Partial<Record<DateField, string>>;
  text: Partial<Record<'procedure' | 'extension' | 'partyKind' | 'party' | 'officer' | 'certNo', string>>;
  amountFen: number | null | undefined;
  excludedDays: number | null | undefined;
  /** Worked out once per row by the first rule that needs them (the certificate and officer rules). */
  certificateNos?: readonly string[];
  officerNames?: readonly string[];
  /** The day a rule's in-force window is judged by (立案, else 决定, else 结案), once per row. */
  caseDay?: number | null;
}

function parseDay(cell: string): number | null {
  const iso = parseLedgerDate(cell);
  if (iso === null) return null;
  if (iso === false) return Number.NaN;
  return isoDayNumber(iso) ?? Number.NaN;
}

// A ledger's date cells take a few thousand distinct values over any number of rows: each is read once.
const dayMemo = new Map<string, number | null>();
function dateOf(cell: string | undefined): number | null {
  if (cell === undefined || cell === '') return null;
  let day = dayMemo.get(cell);
  if (day === undefined) {
    if (dayMemo.size >= 50_000) dayMemo.clear();
    dayMemo.set(cell, (day = parseDay(cell)));
  }
  return day;
}

type ExtraKind = 'date' | 'excluded' | 'text';
const DATE_FIELD_SET: ReadonlySet<string> = new Set(DATE_FIELDS);
interface CompiledColumns {
  extra: { field: RuleField; index: number; header: string; kind: ExtraKind }[];
  /** The header of every date column the ledger has: the same for all its rows, so one object serves them all. */
  dateHeaders: RuleRow['dateHeaders'];
}
const compiledColumns = new WeakMap<RuleColumns, CompiledColumns>();

/** The extra columns as a list and the date headers, worked out once per ledger. */
function compile(columns: RuleColumns): CompiledColumns {
  let c = compiledColumns.get(columns);
  if (!c) {
    const extra = (Object.entries(columns.extra) as [RuleField, { index: number; header: string }][]).map(
      ([field, at]) => ({
        field,
        index: at.index,
        header: at.header,
        kind: (DATE_FIELD_SET.has(field)
          ? 'date'
          : field === 'excludedDays'
            ? 'excluded'
            : 'text') as ExtraKind,
      }),
    );
    const dateHeaders: RuleRow['dateHeaders'] = {};
    if (columns.core.filedDate !== undefined) dateHeaders.filedDate = columns.core.filedDate;
    if (columns.core.closedDate !== undefined) dateHeaders.closedDate = columns.core.closedDate;
    for (const at of extra) if (at.kind === 'date') dateHeaders[at.field as DateField] = at.header;
    c = { extra, dateHeaders: Object.freeze(dateHeaders) };
    compiledColumns.set(columns, c);
  }
  return c;
}

/** The rule view of a stored case record, given the ledger's columns. */
export function ruleRowOf(record: CaseFileRecord, columns: RuleColumns): RuleRow {
  const dates: RuleRow['dates'] = {};
  const compiled = compile(columns);
  const core = columns.core;
  if (core.filedDate !== undefined) {
    dates.filedDate = record.filedDate === null ? null : (isoDayNumber(record.filedDate) ?? Number.NaN);
  }
  if (core.closedDate !== undefined) {
    dates.closedDate = record.closedDate === null ? null : (isoDayNumber(record.closedDate) ?? Number.NaN);
  }
  const text: RuleRow['text'] = {};
  if (core.party !== undefined) text.party = record.party;
  if (core.officer !== undefined) text.officer = record.officer;
  if (core.certNo !== undefined) text.certNo = record.certNo;
  let excludedDays: number | null | undefined;
  for (const at of compiled.extra) {
    const cell = record.raw[at.index];
    if (at.kind === 'date') {
      dates[at.field as DateField] = dateOf(cell);
    } else if (at.kind === 'excluded') {
      const t = (cell ?? '').trim();
      const n = t === '' ? null : Number(t.replace(/[天日]$/, ''));
      excludedDays = n === null ? null : Number.isFinite(n) && n >= 0 ? Math.floor(n) : null;
    } else if (at.field === 'procedure' || at.field === 'extension' || at.field === 'partyKind') {
      text[at.field] = (cell ?? '').trim();
    }
  }
  return {
    itemId: record.itemId,
    caseNo: record.caseNo,
    department: record.department,
    caseType: record.caseType,
    sourceRow: record.sourceRow,
    dates,
    dateHeaders: compiled.dateHeaders,
    text,
    amountFen: core.amount === undefined ? undefined : record.amountFen,
    excludedDays,
  };
}
