// One call from bytes to report, as the CLI and a quick pre-check need it: read, pick the first data sheet,
// find the header, map columns by synonyms, validate.
import { LedgerReadError, type ColumnMapping, type LedgerReport, type WorkbookData } from './types';
import { readWorkbook, firstDataSheetIndex, type ReadWorkbookOptions } from './read-workbook';
import { guessHeader } from './header';
import { suggestSheetMapping } from './case-number-column';
import { buildLedgerReport, type LedgerBuildControl } from './build-report';
import { addTextWarnings } from './text-hygiene';
import { inferLedgerContext, type LedgerInference } from './infer';
import type { DepartmentEntry } from './departments';
import { resolveSheetDepartments, type DepartmentResolutionRow } from './department-resolution';
import { cellText } from './normalize';

export interface CheckLedgerOptions extends ReadWorkbookOptions, LedgerBuildControl {
  /** Sheet by name or 0-based index; default: the first sheet with data. */
  sheet?: string | number;
  defaultDepartment?: string;
  defaultCaseType?: string;
  existingItemIds?: ReadonlySet<string>;
  /** Department name as written -> canonical name (机构名录); wins over the names resolved from `directory`. */
  departmentMap?: Readonly<Record<string, string>>;
  /** Directory used to infer a missing department, and to resolve names against with `resolveDepartments`. */
  directory?: readonly DepartmentEntry[];
  /** Infer a missing department / case type from title, names and case numbers (default true). */
  infer?: boolean;
  /**
   * Count each department name as the import will store it (default false: names as written): resolved
   * against `directory`, and the sheet's own variants joined (市X with 德阳市X). `pingcha ledger check`.
   */
  resolveDepartments?: boolean;
}

export interface LedgerCheckResult {
  workbook: WorkbookData;
  sheetIndex: number;
  mapping: ColumnMapping;
  report: LedgerReport;
  /** Values taken from the title, sheet name, file name or case-number prefix (null: not needed or not found). */
  inferred: LedgerInference;
  /** Why a column was chosen where header texts alone were not enough (the 案件编号 by content). */
  mappingNotes: string[];
  /** With `resolveDepartments`: every department name of the sheet and the department its rows are counted
   * under (as on import); else empty. */
  departments: DepartmentResolutionRow[];
}

/** Read a ledger file and validate it with the suggested mapping. Throws LedgerReadError when unreadable. */
export function checkLedgerFile(
  bytes: Uint8Array,
  fileName: string,
  opts: CheckLedgerOptions = {},
): LedgerCheckResult {
  const workbook = readWorkbook(bytes, fileName, opts);
  let sheetIndex: number;
  if (opts.sheet === undefined) {
    sheetIndex = firstDataSheetIndex(workbook);
    if (sheetIndex < 0) {
      throw new LedgerReadError(
        'empty',
        workbook.sheets.length > 1
          ? `文件“${fileName}”的所有工作表都是空的，没有台账数据。`
          : `文件“${fileName}”的工作表是空的，没有台账数据。`,
      );
    }
  } else {
    sheetIndex =
      typeof opts.sheet === 'number' ? opts.sheet : workbook.sheets.findIndex((s) => s.name === opts.sheet);
    if (sheetIndex < 0 || sheetIndex >= workbook.sheets.length) {
      const names = workbook.sheets.map((s) => `“${s.name}”`).join('、');
      throw new LedgerReadError(
        'empty',
        `文件“${fileName}”中没有工作表 ${String(opts.sheet)}。现有工作表：${names}。`,
      );
    }
  }
  const sheet = workbook.sheets[sheetIndex]!;
  if (sheet.rows.length === 0) {
    throw new LedgerReadError('empty', `文件“${fileName}”的工作表“${sheet.name}”是空的，没有台账数据。`);
  }
  const guess = guessHeader(sheet.rows);
  if (guess === null) {
    throw new LedgerReadError(
      'no-header',
      `文件“${fileName}”的工作表“${sheet.name}”前 30 行中找不到表头（应有“案件编号”“执法部门”“案件类型”“立案日期”等列名）。请确认选择了台账文件和正确的工作表。`,
    );
  }
  const { mapping, notes: mappingNotes } = suggestSheetMapping(sheet.rows, guess);
  const needDept = mapping.department === null && !opts.defaultDepartment?.trim();
  const needType = mapping.caseType === null && !opts.defaultCaseType?.trim();
  let inferred: LedgerInference = { department: null, caseType: null };
  if ((needDept || needType) && opts.infer !== false) {
    const caseNos: string[] = [];
    if (mapping.caseNo !== null) {
      const col = mapping.caseNo;
      for (let r = guess.headerRow + 1; r < sheet.rows.length && caseNos.length < 2000; r++)
        caseNos.push(cellText(sheet.rows[r]![col]));
    }
    const all = inferLedgerContext({
      fileName,
      sheetName: sheet.name,
      titleRows: sheet.rows.slice(0, guess.firstHeaderRow ?? guess.headerRow),
      caseNos,
      directory: opts.directory,
    });
    inferred = { department: needDept ? all.department : null, caseType: needType ? all.caseType : null };
  }
  const defaultDepartment = opts.defaultDepartment ?? inferred.department?.value;
  // the same resolution as the import's, so a pre-check counts the departments the app will store
  const departments = opts.resolveDepartments
    ? resolveSheetDepartments(
        sheet.rows,
        { headerRow: guess.headerRow, mapping, defaultDepartment: defaultDepartment ?? null },
        opts.directory ?? [],
      )
    : { map: {}, rows: [] };
  const report = buildLedgerReport(
    sheet,
    {
      fileName,
      sheetName: sheet.name,
      headerRow: guess.headerRow,
      mapping,
      defaultDepartment,
      defaultCaseType: opts.defaultCaseType ?? inferred.caseType?.value,
      existingItemIds: opts.existingItemIds,
      departmentMap: { ...departments.map, ...opts.departmentMap },
    },
    opts,
  );
  addTextWarnings(report, sheet.textNotes);
  return { workbook, sheetIndex, mapping, report, inferred, mappingNotes, departments: departments.rows };
}
