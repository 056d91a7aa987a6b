// Turns a sheet + mapping into the validation report shown before anything is stored: valid records plus
// one Chinese issue per problem, each naming file, sheet, row and column.
import { fieldLabelFor, requiredFieldsFor } from './case-type-fields';
import {
  type Cell,
  type CaseFileRecord,
  type IssueSeverity,
  type LedgerBuildOptions,
  type LedgerIssue,
  type LedgerIssueCode,
  type LedgerReport,
  type SheetData,
} from './types';
import {
  canonicalCaseType,
  canonicalText,
  caseNoKey,
  cellText,
  headerText,
  parseAmountFen,
  parseLedgerDate,
} from './normalize';
import { caseItemId } from './item-id';
import { caseNoPrefix, departmentKey } from './departments';
import { FIELD_LABELS, twoRowHeaderAt } from './header';
import { throwIfCancelled, type CancelSignal } from '../util/cancel';

const LEDGER_CANCELLED_MESSAGE = '已取消读取台账。';

export interface LedgerBuildControl {
  /** Rows done / rows total, called every `chunkRows` rows and at the end. */
  onProgress?: (done: number, total: number) => void;
  /** Checked every `chunkRows` rows; once aborted the build throws the cancellation (AbortError). */
  signal?: CancelSignal;
  /** Rows per chunk (default 2000). */
  chunkRows?: number;
}

export interface LedgerBuildAsyncControl extends LedgerBuildControl {
  /** Awaited between chunks so a Worker can receive a cancel message; default: a 0 ms timer. */
  pause?: () => Promise<void>;
}

const DEFAULT_CHUNK = 2000;
const TOTAL_WORDS = ['合计', '小计', '总计', '共计', '累计'];

/** Excel column letters of a 0-based index: 0 -> A, 27 -> AB. */
export function columnLetter(col: number): string {
  let s = '';
  let n = col + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function quote(text: string): string {
  const t = text.length > 40 ? text.slice(0, 40) + '…' : text;
  return `“${t}”`;
}

function isBlank(c: Cell | undefined): boolean {
  if (c === null || c === undefined) return true;
  if (typeof c === 'number') return false;
  if (c === '') return true;
  for (let i = 0; i < c.length; i++) {
    const ch = c.charCodeAt(i);
    if (ch !== 32 && ch !== 9 && ch !== 10 && ch !== 13 && ch !== 0x3000 && ch !== 0xa0) return false;
  }
  return true;
}

/** "合计" / "小 计：" / "总计（元）" -> the word, else null. Cheap first-character test on the hot path. */
function totalWord(c: Cell | undefined): string | null {
  if (typeof c !== 'string' || c.length === 0 || c.length > 20) return null;
  let i = 0;
  while (i < c.length && (c.charCodeAt(i) === 32 || c.charCodeAt(i) === 0x3000)) i++;
  const first = c.charCodeAt(i);
  // 合 小 总 共 累
  if (first !== 0x5408 && first !== 0x5c0f && first !== 0x603b && first !== 0x5171 && first !== 0x7d2f)
    return null;
  const t = canonicalText(c).replace(/ /g, '');
  for (const w of TOTAL_WORDS) if (t.startsWith(w) && t.length <= w.length + 8) return w;
  return null;
}

const FOOTER_WORDS = [
  '填报人',
  '填表人',
  '制表人',
  '审核人',
  '审核',
  '复核人',
  '负责人',
  '单位负责人',
  '分管领导',
  '填报日期',
  '填表日期',
  '制表日期',
  '报送日期',
  '联系人',
  '联系电话',
  '填报单位',
];
// first characters of the footer words: 填 制 审 复 负 单 分 报 联
const FOOTER_FIRST = new Set([0x586b, 0x5236, 0x5ba1, 0x590d, 0x8d1f, 0x5355, 0x5206, 0x62a5, 0x8054]);

/** "填报人：张三  审核人：李四" -> 填报人; a cell that is a sign-off line under the table, else null. */
export function footerWord(c: Cell | undefined): string | null {
  if (typeof c !== 'string' || c.length === 0 || c.length > 80) return null;
  let i = 0;
  while (i < c.length && (c.charCodeAt(i) === 32 || c.charCodeAt(i) === 0x3000)) i++;
  if (!FOOTER_FIRST.has(c.charCodeAt(i))) return null;
  const t = canonicalText(c).replace(/ /g, '');
  for (const w of FOOTER_WORDS) {
    if (!t.startsWith(w)) continue;
    const next = t.charAt(w.length);
    if (next === '' || next === ':' || next === '(') return w;
  }
  return null;
}

/**
 * A 合计 row or a sign-off line under the table (填报人/审核人/填报日期): never a case file. The same
 * rule the report applies, for readers that look at the rows before it (department resolution).
 */
export function isTotalOrFooterRow(cells: readonly Cell[], caseNoCol: number | null): boolean {
  for (const c of cells) if (totalWord(c) !== null) return true;
  const caseNoCell = caseNoCol === null ? undefined : cells[caseNoCol];
  for (let c = 0; c < cells.length; c++) {
    if (c !== caseNoCol && !isBlank(caseNoCell)) continue;
    if (footerWord(cells[c]) !== null) return true;
  }
  return false;
}

class ReportBuilder {
  private readonly issues: LedgerIssue[] = [];
  private readonly valid: CaseFileRecord[] = [];
  private readonly firstRowOf = new Map<string, number>();
  /** Case-number key -> first row and department, to warn about one number under two departments. */
  private readonly caseNoOwner = new Map<string, { row: number; department: string }>();
  private readonly departmentMap: Readonly<Record<string, string>>;
  private readonly headers: string[];
  private readonly width: number;
  private readonly checkCols: number[];
  private readonly amountInWan: boolean;
  private readonly certInOfficer: boolean;
  private readonly defaultDepartment: string;
  private readonly defaultCaseType: string;
  /** The directory's 代字 (as compared) and the department each belongs to. */
  private readonly codes: { key: string; department: string }[] = [];
  /** 案号 prefix -> the departments whose 代字 it carries (memo: a ledger has few prefixes). */
  private readonly prefixOwners = new Map<string, readonly string[]>();
  private errorRows = 0;
  private warningRows = 0;
  private excludedRows = 0;
  private emptyRunStart = -1;
  private emptyRunLength = 0;
  readonly total: number;

  constructor(
    private readonly sheet: SheetData,
    private readonly options: LedgerBuildOptions,
  ) {
    const headerCells = sheet.rows[options.headerRow] ?? [];
    const mapped = Object.values(options.mapping).filter((c): c is number => c !== null);
    let width = headerCells.length;
    for (const c of mapped) width = Math.max(width, c + 1);
    this.width = width;
    // a merged two-row header: the combined texts ("当事人名称"), as guessHeader and draw verify name them
    const two = twoRowHeaderAt(sheet.rows, options.headerRow);
    this.headers = [];
    for (let c = 0; c < width; c++) this.headers.push(two?.[c] ?? headerText(headerCells[c] ?? null));
    this.checkCols = [...new Set(mapped)];
    const m = options.mapping;
    this.amountInWan =
      m.amount !== null &&
      /万元|\(万\)|（万）/.test(canonicalText(cellText(headerCells[m.amount])) + (two?.[m.amount] ?? ''));
    this.certInOfficer = m.certNo !== null && m.certNo === m.officer;
    this.departmentMap = options.departmentMap ?? {};
    this.defaultDepartment = canonicalText(options.defaultDepartment ?? '');
    this.defaultCaseType = canonicalText(options.defaultCaseType ?? '');
    for (const d of options.departmentCodes ?? [])
      for (const p of d.caseNoPrefixes) {
        const key = departmentKey(p);
        if (key !== '') this.codes.push({ key, department: d.name });
      }
    this.total = Math.max(0, sheet.rows.length - options.headerRow - 1);
  }

  /** Column label for messages: its header, or "C 列" when the header cell is empty. */
  private col(col: number | null): string | null {
    if (col === null) return null;
    return this.headers[col] || `${columnLetter(col)} 列`;
  }

  private issue(
    severity: IssueSeverity,
    code: LedgerIssueCode,
    row: number,
    column: string | null,
    message: string,
  ) {
    this.issues.push({
      severity,
      code,
      file: this.options.fileName,
      sheet: this.options.sheetName,
      row,
      column,
      message,
    });
  }

  private flushEmptyRun(): void {
    if (this.emptyRunLength === 0) return;
    const a = this.emptyRunStart;
    const n = this.emptyRunLength;
    this.issue(
      'info',
      'empty-row',
      a,
      null,
      n === 1 ? `第 ${a} 行为空行，已跳过。` : `第 ${a}–${a + n - 1} 行共 ${n} 行为空行，已跳过。`,
    );
    this.emptyRunLength = 0;
    this.emptyRunStart = -1;
  }

  private isEmptyRow(cells: readonly Cell[]): boolean {
    if (this.checkCols.length === 0) {
      for (const c of cells) if (!isBlank(c)) return false;
      return true;
    }
    for (const c of this.checkCols) if (!isBlank(cells[c])) return false;
    return true;
  }

  /** Process data rows [from, to) counted below the header (0 = first row under the header). */
  step(from: number, to: number): void {
    const { rows } = this.sheet;
    const base = this.options.headerRow + 1;
    for (let k = from; k < to; k++) {
      const cells = rows[base + k] ?? [];
      const sheetRow = base + k + 1;
      if (this.isEmptyRow(cells)) {
        if (this.emptyRunLength === 0) this.emptyRunStart = sheetRow;
        this.emptyRunLength++;
        this.excludedRows++;
        continue;
      }
      this.flushEmptyRun();
      let total: string | null = null;
      for (let c = 0; c < cells.length && total === null; c++) total = totalWord(cells[c]);
      if (total !== null) {
        this.issue(
          'info',
          'total-row',
          sheetRow,
          null,
          `第 ${sheetRow} 行是“${total}”汇总行，已排除，不作为案件导入。`,
        );
        this.excludedRows++;
        continue;
      }
      const m = this.options.mapping;
      const caseNoCell = m.caseNo === null ? undefined : cells[m.caseNo];
      let footer: string | null = null;
      for (let c = 0; c < cells.length && footer === null; c++) {
        if (c !== m.caseNo && !isBlank(caseNoCell)) continue;
        footer = footerWord(cells[c]);
      }
      if (footer !== null) {
        this.issue(
          'info',
          'footer-row',
          sheetRow,
          null,
          `第 ${sheetRow} 行是表尾的“${footer}”签署行，已排除，不作为案件导入。`,
        );
        this.excludedRows++;
        continue;
      }
      this.row(cells, sheetRow);
    }
  }

  private errorCount = 0;

  /** The departments whose 代字 the 案号 carries (none: no 代字 the directory knows). */
  private codeOwners(caseNo: string): readonly string[] {
    const prefix = caseNoPrefix(caseNo);
    let owners = this.prefixOwners.get(prefix);
    if (owners === undefined) {
      const found = new Set<string>();
      if (prefix !== '') for (const c of this.codes) if (prefix.startsWith(c.key)) found.add(c.department);
      owners = [...found];
      this.prefixOwners.set(prefix, owners);
    }
    return owners;
  }

  private err(code: LedgerIssueCode, col: number | null, r: number, message: string): void {
    this.errorCount++;
    this.issue('error', code, r, this.col(col), message);
  }

  private date(
    cells: readonly Cell[],
    col: number | null,
    field: 'filedDate' | 'closedDate',
    r: number,
  ): string | null {
    if (col === null) return null;
    const cell = cells[col];
    const v = parseLedgerDate(cell);
    if (v !== false) return v;
    this.err(
      'bad-date',
      col,
      r,
      `第 ${r} 行「${this.col(col)}」列（${FIELD_LABELS[field]}）的${quote(cellText(cell))}不是可识别的日期。可用格式：2017-03-05、2017/3/5、2017.3.5、2017年3月5日、20170305。`,
    );
    return null;
  }

  /** The row's cells as text. A CSV row (all strings, full width) is used as is: no copy per row. */
  private rawOf(cells: readonly Cell[]): string[] {
    const n = Math.max(this.width, cells.length);
    if (cells.length === n) {
      let allText = true;
      for (let c = 0; c < n; c++) {
        if (typeof cells[c] !== 'string') {
          allText = false;
          break;
        }
      }
      if (allText) return cells as string[];
    }
    const raw: string[] = new Array<string>(n);
    for (let c = 0; c < n; c++) raw[c] = cellText(cells[c]);
    return raw;
  }

  // One data row. Written without closures: this runs 100,000+ times per file.
  private row(cells: readonly Cell[], r: number): void {
    const m = this.options.mapping;
    const before = this.issues.length;
    this.errorCount = 0;

    const caseNo = m.caseNo === null ? '' : canonicalText(cells[m.caseNo]);
    if (caseNo === '') {
      this.err(
        'missing-field',
        m.caseNo,
        r,
        m.caseNo === null
          ? `第 ${r} 行缺少案件编号：表中没有对应“案件编号”的列，请在列对应中指定。`
          : `第 ${r} 行缺少案件编号（「${this.col(m.caseNo)}」列为空），无法导入。`,
      );
    }
    let department = m.department === null ? '' : canonicalText(cells[m.department]);
    if (department === '') department = this.defaultDepartment;
    if (department !== '') department = this.departmentMap[department] ?? department;
    if (department === '') {
      this.err(
        'missing-field',
        m.department,
        r,
        m.department === null
          ? `第 ${r} 行缺少执法部门：表中没有“执法部门”列，也未指定默认部门。`
          : `第 ${r} 行缺少执法部门（「${this.col(m.department)}」列为空），也未指定默认部门，无法导入。`,
      );
    }
    let caseTypeText = m.caseType === null ? '' : canonicalText(cells[m.caseType]);
    if (caseTypeText === '') caseTypeText = this.defaultCaseType;
    let caseType = '';
    if (caseTypeText === '') {
      this.err(
        'missing-field',
        m.caseType,
        r,
        m.caseType === null
          ? `第 ${r} 行缺少案件类型：表中没有“案件类型”列，也未指定默认类型。`
          : `第 ${r} 行缺少案件类型（「${this.col(m.caseType)}」列为空），也未指定默认类型，无法导入。`,
      );
    } else {
      const ct = canonicalCaseType(caseTypeText);
      caseType = ct.type;
      if (!ct.known) {
        this.issue(
          'warning',
          'unknown-case-type',
          r,
          this.col(m.caseType),
          `第 ${r} 行的案件类型${quote(caseTypeText)}不在常用类型中（行政许可、行政处罚、行政强制、行政检查、行政征收、行政确认、行政给付、行政裁决、其他），已按原文保留，请核对。`,
        );
      }
    }

    const filedDate = this.date(cells, m.filedDate, 'filedDate', r);
    const closedDate = this.date(cells, m.closedDate, 'closedDate', r);
    if (filedDate !== null && closedDate !== null && closedDate < filedDate) {
      // ISO dates compare correctly as strings
      this.err(
        'closed-before-filed',
        m.closedDate,
        r,
        `第 ${r} 行的结案日期 ${closedDate} 早于立案日期 ${filedDate}，请核对。`,
      );
    }

    let amountFen: number | null = null;
    if (m.amount !== null) {
      const amountCell = cells[m.amount];
      const amt = parseAmountFen(amountCell, this.amountInWan);
      if (amt === false) {
        this.err(
          'bad-amount',
          m.amount,
          r,
          `第 ${r} 行「${this.col(m.amount)}」列的${quote(cellText(amountCell))}不是可识别的金额（应为不小于 0 的数字，如 1,234.50、2000元、1.5万元）。`,
        );
      } else amountFen = amt;
    }

    let officer = m.officer === null ? '' : canonicalText(cells[m.officer]);
    let certNo = m.certNo === null ? '' : canonicalText(cells[m.certNo]);
    if (this.certInOfficer && officer !== '') {
      // "张三(15010012)、李四(15010013)": names stay in officer, the numbers go to certNo
      const nums = officer.match(/[A-Za-z0-9-]{5,}/g) ?? [];
      certNo = nums.join('、');
      officer = canonicalText(
        officer.replace(/[(（]?[A-Za-z0-9-]{5,}[)）]?/g, ' ').replace(/\s*([、,，;；])\s*/g, '$1'),
      );
    }

    if (caseNo !== '' && department !== '') {
      const itemId = caseItemId(department, caseNo);
      const noKey = caseNoKey(caseNo);
      const first = this.firstRowOf.get(department + '|' + noKey);
      const owner = this.caseNoOwner.get(noKey);
      if (owner === undefined) this.caseNoOwner.set(noKey, { row: r, department });
      else if (owner.department !== department) {
        this.issue(
          'warning',
          'same-case-no-other-department',
          r,
          this.col(m.caseNo),
          `第 ${r} 行（${department}）与第 ${owner.row} 行（${owner.department}）的案件编号同为“${caseNo}”，但执法部门不同，请核对是否填错部门。`,
        );
      }
      if (this.codes.length > 0) {
        const owners = this.codeOwners(caseNo);
        if (owners.length > 0 && !owners.includes(department)) {
          this.issue(
            'warning',
            'case-no-other-department-code',
            r,
            this.col(m.caseNo),
            `第 ${r} 行的案件编号“${caseNo}”带“${caseNoPrefix(caseNo)}”代字，按机构名录是${owners.join('、')}的案号，不是本行执法部门“${department}”的，请核对案号或部门。`,
          );
        }
      }
      if (first !== undefined) {
        this.err(
          'duplicate-in-file',
          m.caseNo,
          r,
          `第 ${r} 行与第 ${first} 行重复：执法部门“${department}”的案件编号“${caseNo}”出现多次（括号、全角数字不同也视为同一编号），本行不导入。`,
        );
      } else {
        this.firstRowOf.set(department + '|' + noKey, r);
        if (this.options.existingItemIds?.has(itemId)) {
          this.err(
            'duplicate-stored',
            m.caseNo,
            r,
            `第 ${r} 行的案件（${department}，案件编号“${caseNo}”）已在库中，不重复导入。`,
          );
        }
      }
      if (this.errorCount === 0) {
        const raw = this.rawOf(cells);
        const party = m.party === null ? '' : canonicalText(cells[m.party]);
        // Fields this case type should have: imported, but the rows are named (warnings).
        for (const req of requiredFieldsFor(caseType)) {
          const empty =
            req.field === 'party' ? party === '' : req.field === 'filedDate' ? filedDate === null : false;
          // A date that failed to parse is already an error; only a missing one is reported here.
          if (
            !empty ||
            (req.field === 'filedDate' && m.filedDate !== null && cellText(cells[m.filedDate]) !== '')
          )
            continue;
          const label = fieldLabelFor(req.field, caseType);
          const col = m[req.field];
          this.issue(
            'warning',
            'missing-for-case-type',
            r,
            col === null ? null : this.col(col),
            col === null
              ? `第 ${r} 行（${caseType}）缺少${label}：表中没有对应的列；${req.why}。`
              : `第 ${r} 行（${caseType}）的${label}为空：${req.why}。`,
          );
        }
        this.valid.push({
          itemId,
          caseNo,
          department,
          caseType,
          cause: m.cause === null ? '' : canonicalText(cells[m.cause]),
          party,
          filedDate,
          closedDate,
          amountFen,
          officer,
          certNo,
          sourceRow: r,
          raw,
        });
        if (this.issues.length > before) this.warningRows++;
        return;
      }
    }
    this.errorRows++;
  }

  finish(): LedgerReport {
    this.flushEmptyRun();
    return {
      fileName: this.options.fileName,
      sheetName: this.options.sheetName,
      headerRow: this.options.headerRow,
      headers: this.headers,
      rowsRead: this.total,
      valid: this.valid,
      issues: this.issues,
      counts: {
        valid: this.valid.length,
        errors: this.errorRows,
        warnings: this.warningRows,
        excluded: this.excludedRows,
      },
    };
  }
}

/**
 * Validate and normalise the data rows under the header. Synchronous; `control.signal` is checked every
 * `chunkRows` rows (useful with a flag another thread can set), `control.onProgress` reports rows done.
 * counts: valid + errors + excluded = rowsRead (rows, not issues); warnings = valid rows with a warning.
 */
export function buildLedgerReport(
  sheet: SheetData,
  options: LedgerBuildOptions,
  control: LedgerBuildControl = {},
): LedgerReport {
  const b = new ReportBuilder(sheet, options);
  const chunk = Math.max(1, control.chunkRows ?? DEFAULT_CHUNK);
  for (let from = 0; from < b.total; from += chunk) {
    throwIfCancelled(control.signal, LEDGER_CANCELLED_MESSAGE);
    const to = Math.min(b.total, from + chunk);
    b.step(from, to);
    control.onProgress?.(to, b.total);
  }
  if (b.total === 0) control.onProgress?.(0, 0);
  return b.finish();
}

function defaultPause(): Promise<void> {
  const g = globalThis as { setTimeout?: (fn: () => void, ms: number) => unknown };
  return new Promise((resolve) => (g.setTimeout ? g.setTimeout(resolve, 0) : resolve()));
}

/** Same result as buildLedgerReport, yielding between chunks so a Worker stays responsive to an abort. */
export async function buildLedgerReportAsync(
  sheet: SheetData,
  options: LedgerBuildOptions,
  control: LedgerBuildAsyncControl = {},
): Promise<LedgerReport> {
  const b = new ReportBuilder(sheet, options);
  const chunk = Math.max(1, control.chunkRows ?? DEFAULT_CHUNK);
  const pause = control.pause ?? defaultPause;
  for (let from = 0; from < b.total; from += chunk) {
    throwIfCancelled(control.signal, LEDGER_CANCELLED_MESSAGE);
    const to = Math.min(b.total, from + chunk);
    b.step(from, to);
    control.onProgress?.(to, b.total);
    await pause();
  }
  throwIfCancelled(control.signal, LEDGER_CANCELLED_MESSAGE);
  if (b.total === 0) control.onProgress?.(0, 0);
  return b.finish();
}
