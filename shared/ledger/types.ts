// The ledger (执法台账) contract shared by the parser (worker, CLI) and the store.
// Owned by shared/ledger; the renderer and the CLI only consume these shapes.

/** A cell as read from a spreadsheet: text, a number (XLSX numeric cell), or empty. */
export type Cell = string | number | null;

export interface SheetData {
  name: string;
  /** Rows top to bottom, cells left to right; merged ranges are filled with their top-left value. */
  rows: Cell[][];
  /** XLSX only: the sheet is hidden in Excel (still readable; not chosen by default). */
  hidden?: boolean;
  /** Text cells cleaned of invisible control characters while reading (see text-hygiene.ts). */
  textNotes?: import('./text-hygiene').SheetTextNotes;
  /** XLSX only: the sheet is listed by the workbook but was not read (its part never inflated); `rows` is
   * empty. Read it with readWorkbookSheet when the user chooses it. */
  unread?: boolean;
  /** Set by the reader when no text of the sheet can hold a character text hygiene removes. */
  textClean?: boolean;
}

export type TextEncodingName = 'utf-8' | 'gbk';

export interface WorkbookData {
  kind: 'xlsx' | 'csv';
  sheets: SheetData[];
  /** CSV only: the encoding used to decode the bytes (detected or forced). */
  encoding?: TextEncodingName;
  /** CSV only: true when the encoding was detected rather than forced by the user. */
  encodingDetected?: boolean;
}

/** The fields a case-file record can carry. */
export type LedgerField =
  | 'caseNo' // 案件编号/案号/文号/决定书文号
  | 'department' // 执法部门/实施机关
  | 'caseType' // 案件类型/执法类别
  | 'cause' // 案由
  | 'party' // 当事人/行政相对人
  | 'filedDate' // 立案日期/受理日期
  | 'closedDate' // 结案日期/办结日期/决定日期
  | 'amount' // 处罚金额/罚没款
  | 'officer' // 承办人/执法人员
  | 'certNo'; // 执法证号

/** Field -> 0-based column index in the sheet, or null when the sheet has no such column. */
export type ColumnMapping = Record<LedgerField, number | null>;

export interface HeaderGuess {
  /** 0-based index of the header row in SheetData.rows. */
  headerRow: number;
  /** Header texts (normalised: trimmed, NFKC, inner spaces removed), one per column. */
  headers: string[];
  /** A merged two-row header: its first row (headerRow is its second row, headers the combined texts). */
  firstHeaderRow?: number;
}

export interface LedgerBuildOptions {
  fileName: string;
  sheetName: string;
  headerRow: number;
  mapping: ColumnMapping;
  /** Used for every row when the sheet has no department column (a department's own ledger). */
  defaultDepartment?: string;
  /** Used for rows whose case type is empty / when there is no case-type column. */
  defaultCaseType?: string;
  /** Canonical item ids already in the store, for duplicate detection against stored data. */
  existingItemIds?: Pick<ReadonlySet<string>, 'has'>;
  /**
   * Department name as written (canonical text) -> the directory's canonical name (机构名录). Applied to
   * every row (and the default department) before ids are made; names not in the map stay as written.
   */
  departmentMap?: Readonly<Record<string, string>>;
  /**
   * The 机构名录's departments with their 代字 (案号 prefixes): a row whose 案号 carries another department's
   * 代字 (not its own) is a warning naming the row.
   */
  departmentCodes?: readonly { name: string; caseNoPrefixes: readonly string[] }[];
}

/** One case file as stored. Dates are ISO `YYYY-MM-DD`; money is integer 分 (fen), never floats. */
export interface CaseFileRecord {
  /** Canonical draw id: see shared/ledger/item-id.ts (documented rule). */
  itemId: string;
  caseNo: string;
  department: string;
  caseType: string;
  cause: string;
  party: string;
  filedDate: string | null;
  closedDate: string | null;
  amountFen: number | null;
  officer: string;
  certNo: string;
  /** 1-based row number in the sheet, as a spreadsheet shows it. */
  sourceRow: number;
  /** The row's original cells as text, column by column (unmapped columns included). */
  raw: string[];
}

export type LedgerIssueCode =
  | 'missing-field'
  | 'missing-for-case-type'
  | 'bad-date'
  | 'closed-before-filed'
  | 'bad-amount'
  | 'duplicate-in-file'
  | 'duplicate-stored'
  | 'total-row'
  | 'footer-row'
  | 'empty-row'
  | 'same-case-no-other-department'
  | 'case-no-other-department-code'
  | 'unknown-case-type'
  | 'text-cleaned';

/** error: the row is not imported; warning: imported, but look at it; info: excluded on purpose (totals, empty rows). */
export type IssueSeverity = 'error' | 'warning' | 'info';

export interface LedgerIssue {
  severity: IssueSeverity;
  code: LedgerIssueCode;
  file: string;
  sheet: string;
  /** 1-based spreadsheet row number. */
  row: number;
  /** Header text of the column concerned, or null for whole-row issues. */
  column: string | null;
  /** A clear Simplified-Chinese sentence for the user. */
  message: string;
}

export interface LedgerReport {
  fileName: string;
  sheetName: string;
  headerRow: number;
  headers: string[];
  /** Data rows looked at (below the header). */
  rowsRead: number;
  valid: CaseFileRecord[];
  issues: LedgerIssue[];
  counts: { valid: number; errors: number; warnings: number; excluded: number };
}

/** Thrown for input that cannot be read at all; `message` is Chinese and shown to the user as is. */
export class LedgerReadError extends Error {
  constructor(
    public readonly code:
      | 'not-spreadsheet'
      | 'corrupt'
      | 'encrypted'
      | 'legacy-xls'
      | 'empty'
      | 'no-header'
      | 'bad-encoding'
      | 'too-large',
    message: string,
  ) {
    super(message);
    this.name = 'LedgerReadError';
  }
}
