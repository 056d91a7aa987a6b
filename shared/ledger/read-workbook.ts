// Entry point for reading a ledger file: decides XLSX vs CSV by the bytes (a renamed file, or an .xls that
// is really a CSV, still reads), and turns every unreadable input into a LedgerReadError in Chinese.
import { readXlsx, isOle, isZip, oleError } from '../xlsx/read-xlsx';
import { readCsv, type EncodingChoice } from '../csv/read-csv';
import { LedgerReadError, type Cell, type SheetData, type WorkbookData } from './types';
import { MAX_FILE_BYTES, TOO_LARGE_FILE_MESSAGE } from './limits';
import { cleanSheetText, cleanText } from './text-hygiene';

export interface ReadWorkbookOptions {
  /** CSV only: 'auto' (default) detects UTF-8 vs GBK. */
  encoding?: EncodingChoice;
  /** XLSX only: scanning progress in bytes. */
  onProgress?: (done: number, total: number) => void;
  /** Row limit per sheet (default 1,000,000); exposed for tests. */
  maxRows?: number;
  /**
   * XLSX only: the one sheet to read (0-based index or name). Without it the first sheet with data is read.
   * Either way the other sheets are only listed (`unread: true`); readWorkbookSheet reads one later.
   */
  sheet?: number | string;
  /** XLSX only: read every sheet (small files whose every sheet is wanted). */
  allSheets?: boolean;
  /** Memory the reader may keep, as it counts it (default MAX_PARSE_BYTES); for tests. */
  maxParseBytes?: number;
  /** XLSX only: told every package part inflated (tests). */
  onInflate?: (part: string) => void;
}

function xlsxOptions(options: ReadWorkbookOptions) {
  return {
    onProgress: options.onProgress,
    maxRows: options.maxRows,
    maxParseBytes: options.maxParseBytes,
    onInflate: options.onInflate,
    hasData: (rows: Cell[][]) => sheetHasData({ name: '', rows }),
  };
}

function cleanSheet(sheet: SheetData): void {
  sheet.name = cleanText(sheet.name);
  if (!sheet.unread) sheet.textNotes = cleanSheetText(sheet);
}

const SIGNATURES: { bytes: number[]; what: string }[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'PDF 文档' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'PNG 图片' },
  { bytes: [0xff, 0xd8, 0xff], what: 'JPEG 图片' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'GIF 图片' },
  { bytes: [0x42, 0x4d], what: 'BMP 图片' },
  { bytes: [0x52, 0x61, 0x72, 0x21], what: 'RAR 压缩包' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], what: '7z 压缩包' },
  { bytes: [0x1f, 0x8b], what: 'gzip 压缩包' },
  { bytes: [0x7b, 0x5c, 0x72, 0x74, 0x66], what: 'RTF 文档' },
  { bytes: [0x4d, 0x5a], what: '程序文件' },
];

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
  if (bytes.length < sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[i] !== sig[i]) return false;
  return true;
}

function looksLikeHtml(bytes: Uint8Array): boolean {
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 1024)).trimStart().toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html') || head.startsWith('<table');
}

function notSpreadsheet(fileName: string, what: string): LedgerReadError {
  return new LedgerReadError(
    'not-spreadsheet',
    `文件“${fileName}”是${what}，不是表格文件，无法作为台账读取。请选择 Excel 工作簿（.xlsx）或 CSV 文件。`,
  );
}

/** Read an XLSX or CSV ledger file. Throws LedgerReadError (Chinese message) when it cannot be read. */
export function readWorkbook(
  bytes: Uint8Array,
  fileName: string,
  options: ReadWorkbookOptions = {},
): WorkbookData {
  if (bytes.length === 0)
    throw new LedgerReadError('empty', `文件“${fileName}”是空文件（0 字节），没有任何内容。`);
  if (bytes.length > MAX_FILE_BYTES)
    throw new LedgerReadError('too-large', TOO_LARGE_FILE_MESSAGE(fileName, bytes.length));
  if (isOle(bytes)) throw oleError(bytes, fileName);
  if (isZip(bytes)) {
    const wb = readXlsx(bytes, fileName, {
      ...xlsxOptions(options),
      sheet: options.sheet,
      allSheets: options.allSheets,
    });
    for (const sheet of wb.sheets) cleanSheet(sheet);
    return wb;
  }
  for (const sig of SIGNATURES) if (startsWith(bytes, sig.bytes)) throw notSpreadsheet(fileName, sig.what);
  if (looksLikeHtml(bytes)) {
    throw new LedgerReadError(
      'not-spreadsheet',
      `文件“${fileName}”是网页（HTML）格式，不是真正的 Excel 文件（有些系统导出的 .xls 实为网页）。请在 Excel/WPS 中打开后另存为 .xlsx 再导入。`,
    );
  }
  const { sheet, encoding, detected } = readCsv(bytes, fileName, options.encoding ?? 'auto', options.maxRows);
  if (sheet.rows.length === 0) throw new LedgerReadError('empty', `文件“${fileName}”中没有任何数据行。`);
  let widest = 0;
  for (const row of sheet.rows) if (row.length > widest) widest = row.length;
  if (widest < 2) {
    throw new LedgerReadError(
      'not-spreadsheet',
      `文件“${fileName}”看起来是普通文本，没有用逗号或制表符分隔的列，无法作为台账读取。请选择 Excel 工作簿（.xlsx）或 CSV 文件。`,
    );
  }
  return { kind: 'csv', sheets: [sheet], encoding, encodingDetected: detected };
}

/**
 * The sheet `index` of a workbook readWorkbook returned, read now if it was only listed (the same bytes, the
 * same bounds; a broken part of that sheet is refused here, when the user chooses it). Updates `workbook`.
 */
export function readWorkbookSheet(
  bytes: Uint8Array,
  fileName: string,
  workbook: WorkbookData,
  index: number,
  options: ReadWorkbookOptions = {},
): SheetData {
  const listed = workbook.sheets[index];
  if (!listed) throw new LedgerReadError('empty', `文件“${fileName}”中没有第 ${index + 1} 个工作表。`);
  if (!listed.unread) return listed;
  const wb = readXlsx(bytes, fileName, { ...xlsxOptions(options), sheet: index });
  const sheet = wb.sheets[index];
  if (!sheet || sheet.unread)
    throw new LedgerReadError('empty', `文件“${fileName}”中没有第 ${index + 1} 个工作表。`);
  cleanSheet(sheet);
  workbook.sheets[index] = sheet;
  return sheet;
}

function isEmptyCell(c: Cell | undefined): boolean {
  return c === null || c === undefined || (typeof c === 'string' && c.trim() === '');
}

/** Number of non-empty cells in a row. */
export function filledCells(row: readonly Cell[]): number {
  let n = 0;
  for (const c of row) if (!isEmptyCell(c)) n++;
  return n;
}

/** True when the sheet has at least one row with two or more filled cells (a table, not a note). */
export function sheetHasData(sheet: SheetData): boolean {
  for (const row of sheet.rows) if (filledCells(row) >= 2) return true;
  return false;
}

/** Index of the sheet to offer by default: the first visible sheet with data, else any with data, else -1. */
export function firstDataSheetIndex(wb: WorkbookData): number {
  const visible = wb.sheets.findIndex((s) => !s.hidden && sheetHasData(s));
  if (visible >= 0) return visible;
  return wb.sheets.findIndex((s) => sheetHasData(s));
}
