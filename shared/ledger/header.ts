// Header detection and column mapping by Chinese synonyms. Ledgers come from dozens of departments, each
// with its own column names, usually under one or more title rows.
import type { Cell, ColumnMapping, HeaderGuess, LedgerField } from './types';
import { headerText } from './normalize';

export const LEDGER_FIELDS: readonly LedgerField[] = [
  'caseNo',
  'department',
  'caseType',
  'cause',
  'party',
  'filedDate',
  'closedDate',
  'amount',
  'officer',
  'certNo',
];

/** Chinese label of each field, as shown to users. */
export const FIELD_LABELS: Record<LedgerField, string> = {
  caseNo: '案件编号',
  department: '执法部门',
  caseType: '案件类型',
  cause: '案由',
  party: '当事人',
  filedDate: '立案日期',
  closedDate: '结案日期',
  amount: '处罚金额',
  officer: '承办人',
  certNo: '执法证号',
};

/** Synonyms per field, most specific first; matched against header text with spaces and (units) removed. */
export const FIELD_SYNONYMS: Record<LedgerField, readonly string[]> = {
  caseNo: [
    '案件编号',
    '案号',
    '文号',
    '决定书文号',
    '处罚决定书文号',
    '行政处罚决定书文号',
    '决定文号',
    '许可文号',
    '文书编号',
    '文书号',
    '案卷编号',
    '案卷号',
    '案件号',
    '受理编号',
    '检查编号',
    '检查记录编号',
    '检查单编号',
    '编号',
  ],
  department: [
    '执法部门',
    '实施机关',
    '执法机关',
    '部门',
    '执法单位',
    '实施部门',
    '实施单位',
    '执法主体',
    '处罚机关',
    '决定机关',
    '行政机关',
    '承办单位',
    '承办部门',
    '所属部门',
    '办案单位',
    '办案部门',
    '实施主体',
    '执法主体名称',
    '检查单位',
    '检查机关',
    '填报单位',
  ],
  caseType: [
    '案件类型',
    '执法类别',
    '类型',
    '执法行为类别',
    '执法行为类型',
    '执法类型',
    '案件类别',
    '执法行为',
    '行为类别',
    '类别',
  ],
  cause: [
    '案由',
    '案件名称',
    '违法行为',
    '案件事由',
    '事由',
    '主要违法事实',
    '违法事实',
    '许可事项',
    '事项名称',
    '检查事项',
    '检查内容',
    '检查项目',
  ],
  party: [
    '当事人',
    '行政相对人',
    '相对人',
    '当事人名称',
    '当事人姓名',
    '当事人姓名或名称',
    '被处罚人',
    '被处罚单位',
    '管理相对人',
    '申请人',
    '检查对象',
    '被检查对象',
    '被检查单位',
    '被检查人',
    '检查对象名称',
  ],
  filedDate: ['立案日期', '受理日期', '立案时间', '受理时间', '立案日', '申请日期', '检查日期', '检查时间'],
  closedDate: [
    '结案日期',
    '办结日期',
    '决定日期',
    '结案时间',
    '办结时间',
    '决定时间',
    '处罚决定日期',
    '作出决定日期',
    '决定书日期',
    '结案日',
  ],
  amount: [
    '处罚金额',
    '罚没款',
    '罚款金额',
    '罚没金额',
    '罚没款金额',
    '罚款',
    '罚款数额',
    '罚没款数额',
    '罚没款合计',
    '金额',
  ],
  officer: [
    '承办人',
    '执法人员',
    '办案人员',
    '承办人员',
    '办案人',
    '经办人',
    '执法人员姓名',
    '承办人姓名',
    '检查人员',
    '检查人',
  ],
  certNo: ['执法证号', '执法证件号', '执法证件号码', '执法证编号', '执法证件编号', '证件号'],
};

const SYNONYM_INDEX = new Map<string, { field: LedgerField; rank: number }[]>();
for (const field of LEDGER_FIELDS) {
  FIELD_SYNONYMS[field].forEach((syn, rank) => {
    const list = SYNONYM_INDEX.get(syn) ?? [];
    list.push({ field, rank });
    SYNONYM_INDEX.set(syn, list);
  });
}

const BRACKETS_RE = /[(（[【][^)）\]】]*[)）\]】]/g;

/** Header text without bracketed notes such as （元） or (单位：万元), and without a trailing colon. */
function baseHeader(h: string): string {
  return h
    .replace(BRACKETS_RE, '')
    .replace(/[:：*＊]+$/, '')
    .replace(/^[*＊]+/, '');
}

interface Candidate {
  field: LedgerField;
  score: number;
}

const PARTY_WORDS = ['当事人', '相对人', '申请人', '检查对象', '被检查'];

/** How well one header matches each field (exact synonym > synonym contained in a short header). */
export function candidatesFor(header: string): Candidate[] {
  const h = headerText(header);
  if (h === '') return [];
  const base = baseHeader(h);
  const out: Candidate[] = [];
  const exact = SYNONYM_INDEX.get(base);
  if (exact) for (const e of exact) out.push({ field: e.field, score: 10 - e.rank * 0.01 });
  // "当事人证件号" (a two-row header's 当事人 over 证件号) is the party's, never an officer's number
  const aboutParty = PARTY_WORDS.some((w) => base.includes(w));
  for (const field of LEDGER_FIELDS) {
    if (out.some((c) => c.field === field)) continue;
    if (aboutParty && (field === 'certNo' || field === 'officer')) continue;
    let best = 0;
    for (const syn of FIELD_SYNONYMS[field]) {
      if (syn.length >= 2 && base.length <= syn.length + 6 && base.includes(syn)) {
        best = Math.max(best, 2 + syn.length / 4 - (base.length - syn.length) * 0.1);
      }
    }
    if (best > 0) out.push({ field, score: best });
  }
  // "承办人（执法证号）": the officer column also carries certificate numbers
  if (h !== base) {
    const inner = h.match(BRACKETS_RE)?.map((b) => b.slice(1, -1)) ?? [];
    for (const part of inner) {
      if (FIELD_SYNONYMS.certNo.includes(part) && !out.some((c) => c.field === 'certNo')) {
        out.push({ field: 'certNo', score: 1 });
      }
    }
  }
  return out;
}

const HEADER_SCAN_ROWS = 30;

/** Distinct ledger fields a header row names, weighted (an exact synonym counts 2, a contained one 1). */
function headerRowScore(texts: readonly string[]): { fields: number; score: number } {
  const seen = new Set<string>();
  const fields = new Map<LedgerField, number>();
  for (const h of texts) {
    if (h === '' || seen.has(h)) continue;
    seen.add(h);
    for (const c of candidatesFor(h))
      fields.set(c.field, Math.max(fields.get(c.field) ?? 0, c.score >= 10 ? 2 : 1));
  }
  let score = 0;
  for (const v of fields.values()) score += v;
  return { fields: fields.size, score };
}

/** Header texts of a row; numbers are data, never headers, and read as empty. */
function rowTexts(row: readonly Cell[] | undefined, width: number): string[] {
  const out: string[] = [];
  for (let c = 0; c < width; c++) {
    const cell = row?.[c] ?? null;
    out.push(typeof cell === 'string' ? headerText(cell) : '');
  }
  return out;
}

/**
 * A merged two-row header: a top row whose merged cells ("当事人" over "名称" and "证件号") head a
 * second row. The reader fills a merged range with its value, so a group shows as the same text in
 * adjacent top cells (or, unfilled, as a top cell followed by empty ones) over differing bottom cells.
 * Returns each column's combined text ("当事人名称", "当事人证件号"; a cell merged down both rows, or
 * with nothing below it, keeps its own text), or null when the two rows are not such a header: the
 * bottom row holds a number (or digits), no group spans differing bottom cells, or the combined
 * texts name fewer distinct fields than the bottom row alone or score lower than the top row alone (a title row above a header, or a header above data).
 */
export function twoRowHeader(
  top: readonly Cell[] | undefined,
  bottom: readonly Cell[] | undefined,
  width: number,
): string[] | null {
  if (!top || !bottom) return null;
  if (bottom.some((c) => typeof c === 'number')) return null;
  const t = rowTexts(top, width);
  const b = rowTexts(bottom, width);
  // sub-headers have no numbers; data rows do (case numbers, dates, amounts)
  if (b.some((x) => /\d{2}/.test(x))) return null;
  // the group over each column: a top text, carried right over empty top cells that have a text below
  const group: string[] = [];
  let grouped = false;
  for (let c = 0; c < width; c++) {
    if (t[c] !== '') group.push(t[c]!);
    else if (c > 0 && group[c - 1] !== '' && b[c] !== '' && b[c - 1] !== '' && b[c - 1] !== group[c - 1])
      group.push(group[c - 1]!);
    else group.push('');
  }
  for (let c = 0; c + 1 < width; c++) {
    const g = group[c]!;
    if (g === '' || group[c + 1] !== g) continue;
    if (b[c] !== '' && b[c + 1] !== '' && b[c] !== g && b[c + 1] !== g && b[c] !== b[c + 1]) grouped = true;
  }
  if (!grouped) return null;
  const combined = group.map((g, c) => {
    const below = b[c]!;
    if (below === '' || below === g) return g;
    if (g === '') return below;
    return g + below;
  });
  const both = headerRowScore(combined);
  const above = headerRowScore(t);
  const under = headerRowScore(b);
  if (both.fields < 2 || both.fields < under.fields || both.score < above.score) return null;
  return combined;
}

/** Columns of a header row: its own and those of the next 200 rows (and the row above, for two rows). */
function sheetWidth(rows: readonly (readonly Cell[])[], headerRow: number, withAbove = true): number {
  let width = rows[headerRow]?.length ?? 0;
  if (withAbove && headerRow > 0) width = Math.max(width, rows[headerRow - 1]?.length ?? 0);
  for (let r = headerRow + 1; r < Math.min(rows.length, headerRow + 200); r++)
    width = Math.max(width, rows[r]!.length);
  return width;
}

/** The combined texts when the row above `headerRow` and it form a merged two-row header, else null. */
export function twoRowHeaderAt(rows: readonly (readonly Cell[])[], headerRow: number): string[] | null {
  if (headerRow < 1) return null;
  return twoRowHeader(rows[headerRow - 1], rows[headerRow], sheetWidth(rows, headerRow));
}

/**
 * The header texts of `headerRow`, one per column: the row's own, or, when the row above and this row
 * form a merged two-row header, the combined texts. Every reader of a header row (guessHeader, the
 * ledger report, `pingcha draw verify`) takes the headers from here, so recorded column names match.
 */
export function headerCellsAt(rows: readonly (readonly Cell[])[], headerRow: number, minWidth = 0): string[] {
  const width = Math.max(minWidth, sheetWidth(rows, headerRow, false));
  const two = twoRowHeaderAt(rows, headerRow);
  if (two) {
    while (two.length < width) two.push('');
    return two;
  }
  const row = rows[headerRow] ?? [];
  const out: string[] = [];
  for (let c = 0; c < width; c++) out.push(headerText(row[c] ?? null));
  return out;
}

/**
 * Find the header row among the first 30 rows: the row whose cells name the most distinct ledger fields
 * (at least two). Title rows ("2024年度行政执法案件台账", often merged across all columns) name at most
 * one. A merged two-row header (see twoRowHeader) is recognised around the best row: `headerRow` is
 * then its second row (data follow it) and `headers` the combined texts. Returns null when no row
 * looks like a header.
 */
export function guessHeader(rows: readonly (readonly Cell[])[]): HeaderGuess | null {
  let bestRow = -1;
  let bestScore = 0;
  const limit = Math.min(rows.length, HEADER_SCAN_ROWS);
  for (let r = 0; r < limit; r++) {
    const row = rows[r]!;
    const texts: string[] = [];
    for (const cell of row) if (typeof cell === 'string') texts.push(headerText(cell));
    const { fields, score } = headerRowScore(texts);
    if (fields >= 2 && score > bestScore) {
      bestScore = score;
      bestRow = r;
    }
  }
  if (bestRow < 0) return null;
  // a two-row header whose second row is the best row, or whose first row is
  for (const second of [bestRow, bestRow + 1]) {
    if (second < 1 || second >= rows.length) continue;
    const two = twoRowHeaderAt(rows, second);
    if (two) return { headerRow: second, headers: two, firstHeaderRow: second - 1 };
  }
  return { headerRow: bestRow, headers: headerCellsAt(rows, bestRow) };
}

export function emptyMapping(): ColumnMapping {
  return {
    caseNo: null,
    department: null,
    caseType: null,
    cause: null,
    party: null,
    filedDate: null,
    closedDate: null,
    amount: null,
    officer: null,
    certNo: null,
  };
}

/**
 * Map fields to columns by synonyms: best-scoring pairs first, each field and each column used once,
 * except that a certificate column may share the officer's column ("承办人（执法证号）").
 */
export function suggestMapping(headers: readonly string[]): ColumnMapping {
  const mapping = emptyMapping();
  const pairs: { field: LedgerField; col: number; score: number }[] = [];
  headers.forEach((h, col) => {
    for (const c of candidatesFor(h)) pairs.push({ field: c.field, col, score: c.score });
  });
  pairs.sort((a, b) => b.score - a.score || a.col - b.col);
  const usedCols = new Set<number>();
  for (const p of pairs) {
    if (mapping[p.field] !== null) continue;
    const sharedCert = p.field === 'certNo' && p.score === 1;
    if (usedCols.has(p.col) && !sharedCert) continue;
    if (sharedCert && mapping.officer !== p.col) continue;
    mapping[p.field] = p.col;
    usedCols.add(p.col);
  }
  // a bracketed cert note is only a fallback: a column of its own wins (already handled by score order)
  return mapping;
}

/** The mapping expressed by header texts, to remember it per department independent of column order. */
export function mappingToHeaderNames(
  mapping: ColumnMapping,
  headers: readonly string[],
): Record<LedgerField, string | null> {
  const out = {} as Record<LedgerField, string | null>;
  for (const f of LEDGER_FIELDS) {
    const col = mapping[f];
    out[f] = col === null ? null : (headers[col] ?? null);
  }
  return out;
}

/** Rebuild a mapping from remembered header texts; a header no longer present maps to null. */
export function mappingFromHeaderNames(
  names: Partial<Record<LedgerField, string | null>>,
  headers: readonly string[],
): ColumnMapping {
  const mapping = emptyMapping();
  const norm = headers.map((h) => headerText(h));
  for (const f of LEDGER_FIELDS) {
    const name = names[f];
    if (name === null || name === undefined) continue;
    const col = norm.indexOf(headerText(name));
    mapping[f] = col >= 0 ? col : null;
  }
  return mapping;
}

/** Required fields that have neither a column nor a default value. */
export function missingRequiredFields(
  mapping: ColumnMapping,
  defaults: { defaultDepartment?: string; defaultCaseType?: string } = {},
): LedgerField[] {
  const out: LedgerField[] = [];
  if (mapping.caseNo === null) out.push('caseNo');
  if (mapping.department === null && !defaults.defaultDepartment?.trim()) out.push('department');
  if (mapping.caseType === null && !defaults.defaultCaseType?.trim()) out.push('caseType');
  return out;
}
