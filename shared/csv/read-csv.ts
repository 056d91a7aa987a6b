// CSV/TSV ledgers as exported by Excel or WPS: UTF-8 (with or without BOM) or GBK, detected by a strict
// UTF-8 decode first, since valid multi-byte UTF-8 is very unlikely to be GBK text by accident.
import { parseCsv } from './parse-csv';
import { cleanSheetText } from '../ledger/text-hygiene';
import { LedgerReadError, type SheetData, type TextEncodingName } from '../ledger/types';
import {
  CELL_TOO_LONG_MESSAGE,
  CSV_RECORD_TOO_LONG_MESSAGE,
  CSV_TOO_MANY_FIELDS_MESSAGE,
  CSV_TOO_MANY_ROWS_MESSAGE,
  MAX_CELL_CHARS,
  MAX_COLUMNS,
  MAX_CSV_RECORD_BYTES,
  MAX_ROWS,
  TOO_MANY_ROWS_MESSAGE,
  columnLetters,
} from '../ledger/limits';

export type EncodingChoice = 'auto' | TextEncodingName;

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  detected: boolean;
}

const ENCODING_LABEL: Record<TextEncodingName, string> = { 'utf-8': 'UTF-8', gbk: 'GBK' };

function badEncoding(fileName: string, detail: string): LedgerReadError {
  return new LedgerReadError(
    'bad-encoding',
    `文件“${fileName}”${detail}请在导入时选择正确的编码（UTF-8 或 GBK），或在 Excel/WPS 中另存为“CSV UTF-8（逗号分隔）”后再导入。`,
  );
}

function tryDecode(label: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Decode CSV bytes; throws 'bad-encoding' when the bytes are not text in the chosen/detected encoding. */
export function decodeCsvBytes(
  bytes: Uint8Array,
  fileName: string,
  choice: EncodingChoice = 'auto',
): DecodedText {
  if (
    bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
  ) {
    throw badEncoding(fileName, '是 UTF-16（Unicode）编码的文本，暂不支持。');
  }
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  // NUL bytes never occur in UTF-8/GBK text: this is UTF-16 without a BOM, or binary data
  const probe = Math.min(body.length, 65536);
  for (let i = 0; i < probe; i++) {
    if (body[i] === 0) throw badEncoding(fileName, '含有二进制字节，不是 UTF-8 或 GBK 编码的文本表格。');
  }

  if (choice === 'utf-8' || choice === 'gbk') {
    const text = tryDecode(choice, body);
    if (text === null) {
      const other: TextEncodingName = choice === 'utf-8' ? 'gbk' : 'utf-8';
      throw badEncoding(
        fileName,
        `无法按 ${ENCODING_LABEL[choice]} 编码读取（含有不合法的字节），它可能是 ${ENCODING_LABEL[other]} 编码。`,
      );
    }
    return { text, encoding: choice, detected: false };
  }
  if (hasBom) {
    const text = tryDecode('utf-8', body);
    if (text === null) throw badEncoding(fileName, '带有 UTF-8 标记，但内容不是合法的 UTF-8 文本。');
    return { text, encoding: 'utf-8', detected: true };
  }
  const utf8 = tryDecode('utf-8', body);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8', detected: true };
  const gbk = tryDecode('gbk', body);
  if (gbk !== null) return { text: gbk, encoding: 'gbk', detected: true };
  throw badEncoding(fileName, '既不是 UTF-8 也不是 GBK 编码的文本，无法识别其中的文字。');
}

/** Blank lines allowed past the row limit before the byte scan refuses (trailing blank lines are dropped later). */
const ROW_SLACK = 10_000;

/**
 * Bounds checked on the raw bytes, before anything is decoded: no record (a line, or several inside quotes)
 * longer than MAX_CSV_RECORD_BYTES, and not (much) more records than the row limit. Works for UTF-8 and GBK
 * alike: neither encoding uses the bytes of '"', LF or CR inside a multi-byte character. Uses the native
 * Uint8Array.indexOf, so a 100,000-row file costs a few milliseconds.
 */
export function prescanCsvBytes(body: Uint8Array, fileName: string, maxRows = MAX_ROWS): void {
  const n = body.length;
  const NL = body.indexOf(0x0a) >= 0 ? 0x0a : 0x0d; // files from old Macs end lines with CR only
  let pos = 0;
  let records = 0;
  let recordStart = 0;
  let inQuotes = false;
  let nextQuote = body.indexOf(0x22);
  while (pos < n) {
    const nl = body.indexOf(NL, pos);
    const end = nl < 0 ? n : nl;
    while (nextQuote >= 0 && nextQuote < end) {
      if (nextQuote - recordStart > MAX_CSV_RECORD_BYTES)
        throw new LedgerReadError('too-large', CSV_RECORD_TOO_LONG_MESSAGE(fileName, records + 1));
      inQuotes = !inQuotes;
      nextQuote = body.indexOf(0x22, nextQuote + 1);
    }
    if (end - recordStart > MAX_CSV_RECORD_BYTES)
      throw new LedgerReadError('too-large', CSV_RECORD_TOO_LONG_MESSAGE(fileName, records + 1));
    if (!inQuotes) {
      if (++records > maxRows + ROW_SLACK)
        throw new LedgerReadError('too-large', CSV_TOO_MANY_ROWS_MESSAGE(fileName));
      recordStart = end + 1;
    }
    pos = end + 1;
  }
}

/** Fields per row and cell length, checked on the parsed rows (row numbers as a spreadsheet shows them). */
function checkFields(rows: string[][], fileName: string): void {
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    if (row.length > MAX_COLUMNS)
      throw new LedgerReadError('too-large', CSV_TOO_MANY_FIELDS_MESSAGE(fileName, r + 1, row.length));
    for (let c = 0; c < row.length; c++) {
      if (row[c]!.length > MAX_CELL_CHARS) {
        throw new LedgerReadError(
          'too-large',
          CELL_TOO_LONG_MESSAGE(fileName, undefined, `第 ${r + 1} 行 ${columnLetters(c)} 列`, row[c]!.length),
        );
      }
    }
  }
}

/** Parse decoded CSV text into rows of strings; trailing blank lines are dropped. */
export function parseCsvText(
  text: string,
  fileName: string,
  sheetName: string,
  maxRows = MAX_ROWS,
): string[][] {
  const rows = parseCsv(text);
  let last = rows.length - 1;
  while (last >= 0 && isBlankRow(rows[last]!)) last--;
  rows.length = last + 1;
  if (rows.length > maxRows)
    throw new LedgerReadError('too-large', TOO_MANY_ROWS_MESSAGE(fileName, sheetName));
  checkFields(rows, fileName);
  return rows;
}

function isBlankRow(row: string[]): boolean {
  for (let i = 0; i < row.length; i++) if (row[i]!.trim() !== '') return false;
  return true;
}

/** The single "sheet" of a CSV file is named after the file (without folder and extension). */
export function csvSheetName(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '');
  const dot = base.lastIndexOf('.');
  return (dot > 0 ? base.slice(0, dot) : base) || 'CSV';
}

export function readCsv(
  bytes: Uint8Array,
  fileName: string,
  choice: EncodingChoice = 'auto',
  maxRows = MAX_ROWS,
): { sheet: SheetData; encoding: TextEncodingName; detected: boolean } {
  prescanCsvBytes(bytes, fileName, maxRows);
  const decoded = decodeCsvBytes(bytes, fileName, choice);
  const name = csvSheetName(fileName);
  const rows = parseCsvText(decoded.text, fileName, name, maxRows);
  const sheet: SheetData = { name, rows };
  sheet.textNotes = cleanSheetText(sheet, decoded.text);
  return { sheet, encoding: decoded.encoding, detected: decoded.detected };
}
