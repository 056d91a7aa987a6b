// Hard limits for spreadsheet input, checked while reading (never after): beyond them the reader refuses
// with a Chinese message naming the file, sheet and place, rather than exhausting memory (a renderer tab or
// Worker has a few GB at most, and the CLI must stay far below 1.5 GB).

/** Largest file accepted, in bytes (XLSX or CSV). */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;

/** Most rows with content accepted in one sheet. */
export const MAX_ROWS = 1_000_000;

/** Columns of a sheet: A … XFD, as in Excel. Also the most fields in one CSV row. */
export const MAX_COLUMNS = 16_384;

/** Longest cell text, in UTF-16 code units, as in Excel. */
export const MAX_CELL_CHARS = 32_767;

/** All XML parts of one XLSX package together, inflated (zip-bomb guard; inflation stops there). */
export const MAX_INFLATED_BYTES = 1024 * 1024 * 1024;

/** Kept for callers of the old per-part limit: one part can never exceed the whole budget. */
export const MAX_XLSX_PART_BYTES = MAX_INFLATED_BYTES;

/** Filled cells of one file, merged areas included once filled (bounds the memory of what is kept). */
export const MAX_CELLS = 25_000_000;

/** Characters of text kept from one file (bounds memory: at most ~2 bytes each). */
export const MAX_TEXT_CHARS = 256 * 1024 * 1024;

/**
 * Memory the reader may keep for one file, as it counts it while reading (not as the engine reports it):
 * every kept cell, every kept string's characters, every row, the shared-string table and the merged areas
 * filled. Counted the same way in Node, Chromium and any other engine, so the bound holds where
 * performance.memory does not exist. An honest 100,000-row ledger counts about 100 MB; a sheet whose rows each
 * hold one cell at column XFD (16,383 empty cells before it, 2 KB compressed per thousand rows) is stopped
 * after ~1,400 rows instead of taking 13 GB for 100,000.
 */
export const MAX_PARSE_BYTES = 512 * 1024 * 1024;

/** Bytes the reader counts for one kept cell (its slot and a boxed number or a string header). */
export const CELL_BYTES = 24;

/** Bytes the reader counts for one kept row (the array and its header), besides its cells. */
export const ROW_BYTES = 64;

/** Merge ranges in one sheet. */
export const MAX_MERGES = 200_000;

/** XML of one worksheet row (a row is read whole; no honest row comes near this). */
export const MAX_ROW_XML_BYTES = 64 * 1024 * 1024;

/** One CSV record (a line, or several when a quoted field holds line breaks), in bytes. */
export const MAX_CSV_RECORD_BYTES = 4 * 1024 * 1024;

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 * 1024) return `${(n / 1024 / 1024 / 1024).toFixed(1)} GB`;
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} 字节`;
}

/** Excel column letters of a 0-based column index (0 -> A, 16383 -> XFD). */
export function columnLetters(col: number): string {
  let s = '';
  let n = col + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** "文件“a.xlsx”的工作表“台账”" — the file and sheet part of every limit message. */
export function wherePrefix(fileName: string, sheet?: string): string {
  return sheet === undefined ? `文件“${fileName}”` : `文件“${fileName}”的工作表“${sheet}”`;
}

export const TOO_LARGE_FILE_MESSAGE = (fileName: string, size: number): string =>
  `文件“${fileName}”过大（${formatBytes(size)}），超过 200 MB 的上限。请按部门或年度拆分成多个文件后再导入。`;

export const CSV_TOO_MANY_ROWS_MESSAGE = (fileName: string): string =>
  `文件“${fileName}”超过 100 万行的上限（在读取内容之前按行数检查）。请按部门或年度拆分成多个文件后再导入。`;

export const TOO_MANY_ROWS_MESSAGE = (fileName: string, sheet: string, row?: number): string =>
  `${wherePrefix(fileName, sheet)}超过 100 万行的上限${row !== undefined ? `（第 ${row} 行）` : ''}。请按部门或年度拆分成多个文件后再导入。`;

export const TOO_MANY_COLUMNS_MESSAGE = (fileName: string, sheet: string, place: string): string =>
  `${wherePrefix(fileName, sheet)}超出了 Excel 的最大列 XFD（16384 列）（位置：${place}），文件内容异常，无法读取。请在 Excel/WPS 中打开后另存为 .xlsx 再导入。`;

export const CELL_TOO_LONG_MESSAGE = (
  fileName: string,
  sheet: string | undefined,
  place: string,
  length: number,
): string =>
  `${wherePrefix(fileName, sheet)}的${place}内容过长（${length} 个字符），超过单元格 32767 个字符的上限，无法读取。请检查该单元格。`;

export const TOO_MANY_CELLS_MESSAGE = (fileName: string, sheet: string, place: string): string =>
  `${wherePrefix(fileName, sheet)}的数据量过大（读到${place}时已超过 2500 万个单元格或 2.56 亿个字符的上限）。请按部门或年度拆分成多个文件后再导入。`;

export const MEMORY_BUDGET_MESSAGE = (
  fileName: string,
  sheet: string | undefined,
  place: string,
  budget: number,
): string =>
  `${wherePrefix(fileName, sheet)}的数据量过大：读到${place}时，读取所需内存已超过 ${formatBytes(budget)} 的上限，已停止读取（数据库未作任何更改）。请按部门或年度拆分成多个文件后再导入。`;

export const TOO_MANY_MERGES_MESSAGE = (fileName: string, sheet: string): string =>
  `${wherePrefix(fileName, sheet)}的合并单元格超过 20 万处的上限，文件内容异常，无法读取。请取消合并后另存再导入。`;

export const ROW_TOO_LONG_MESSAGE = (fileName: string, sheet: string, place: string): string =>
  `${wherePrefix(fileName, sheet)}的${place}内容过长（超过 64 MB），文件内容异常，无法读取。`;

export const INFLATED_TOO_LARGE_MESSAGE = (fileName: string, part: string, size: number): string =>
  `文件“${fileName}”解压后过大（读取 ${part} 时已超过 ${formatBytes(MAX_INFLATED_BYTES)} 的上限${size > 0 ? `，该部分声明为 ${formatBytes(size)}` : ''}），可能是异常文件。请拆分成多个文件后再导入。`;

export const ZIP_CORRUPT_MESSAGE = (fileName: string, part?: string): string =>
  `文件“${fileName}”已损坏${part ? `（${part} 的内容与压缩包记录的大小或校验值不符）` : '或不完整'}（可能下载或拷贝未完成），无法读取。请重新获取原文件，或在 Excel/WPS 中打开后另存为 .xlsx 再导入。`;

export const CSV_RECORD_TOO_LONG_MESSAGE = (fileName: string, row: number): string =>
  `文件“${fileName}”的第 ${row} 行过长（超过 4 MB），不像是台账的一行（可能缺少换行或引号不配对）。请检查文件后再导入。`;

export const CSV_TOO_MANY_FIELDS_MESSAGE = (fileName: string, row: number, n: number): string =>
  `文件“${fileName}”的第 ${row} 行有 ${n} 列，超过 16384 列的上限（可能分隔符有误）。请检查文件后再导入。`;
