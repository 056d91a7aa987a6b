// Hard limits for spreadsheet input. Beyond them the reader refuses with a clear message rather than
// exhausting memory (a renderer tab or Worker has a few GB at most).

/** Largest file accepted, in bytes (XLSX or CSV). */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;

/** Most rows with content accepted in one sheet. */
export const MAX_ROWS = 1_000_000;

/** Largest uncompressed part of an XLSX package (zip-bomb guard). */
export const MAX_XLSX_PART_BYTES = 1024 * 1024 * 1024;

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} 字节`;
}

export const TOO_LARGE_FILE_MESSAGE = (fileName: string, size: number): string =>
  `文件“${fileName}”过大（${formatBytes(size)}），超过 200 MB 的上限。请按部门或年度拆分成多个文件后再导入。`;

export const TOO_MANY_ROWS_MESSAGE = (fileName: string, sheet: string): string =>
  `文件“${fileName}”的工作表“${sheet}”超过 100 万行的上限。请按部门或年度拆分成多个文件后再导入。`;
