// `pingcha ledger check <file> [--json] [--encoding utf-8|gbk] [--sheet NAME] [--department NAME] [--case-type TYPE]`
// Lets a department pre-check its ledger with exactly the app's parser and rules.
import { takeFlag, takeOption, type CliIo } from './cli-io';
import { checkLedgerFile } from '../ledger/check-file';
import { mergedVariantLines } from '../ledger/department-resolution';
import { formatReportSummary, formatReportText } from '../ledger/format-report';
import { describeInferred } from '../ledger/infer';
import type { ColumnMapping, LedgerField } from '../ledger/types';
import { mappingToHeaderNames } from '../ledger/header';
import { LedgerReadError } from '../ledger/types';
import { MAX_FILE_BYTES, TOO_LARGE_FILE_MESSAGE } from '../ledger/limits';
import { engineErrorMessage } from '../ledger/engine-error';
import { DEFAULT_RULE_PACK } from '../rules/default-rule-pack';
import { formatCensusSummary, ledgerRuleColumns, runLedgerCensus } from '../rules/ledger-census';
import { buildCertificateRegistry, type CertificateRegistry } from '../rules/certificate-registry';
import { readWorkbook, firstDataSheetIndex } from '../ledger/read-workbook';
import { guessOfficerHeaderRow, importOfficers } from '../officers/officer-import';

export const LEDGER_CHECK_USAGE = `用法 / Usage: pingcha ledger check <文件.xlsx|文件.csv|-> [选项]
  检查执法台账：读取文件、识别表头和列，按导入规则逐行校验，输出与软件导入时相同的校验报告。
  Validate an enforcement ledger (XLSX/CSV) with the app's import rules and print the report.
  --json                 以 JSON 输出 / print the report as JSON
  --encoding utf-8|gbk   CSV 编码（默认自动识别）/ CSV encoding (default: detect)
  --sheet 名称|序号       工作表（默认第一个有数据的表）/ sheet name or 1-based number
  --department 名称       表中无“执法部门”列时使用的部门 / department when the sheet has no such column
  --case-type 类型        表中无“案件类型”列时使用的类型 / case type when the sheet has no such column
                         （不指定时从标题行、工作表名、文件名或案件编号前缀推断，并在报告中说明）
                         (without them, inferred from the title, sheet name, file name or case-number prefix)
  --all                  列出全部问题明细（默认按问题类别汇总）/ list every issue (default: a summary per kind)
  --rules                台账体检：按规则包逐行检查法定期限、当场处罚限额、承办人数、执法证等，输出每条规则的
                         线索数和前几行（--json 输出全部）/ check every row against the statutory rule pack
  --registry 名录.xlsx    与 --rules 同用：执法人员名录，用于核对执法证号是否在册、办案日期是否有效
                         / with --rules: the officer registry, to check certificates on the case date
  退出码 / exit code: 0 无错误 valid, 1 有错误行或无可导入行 problems found, 2 无法读取 unreadable`;

export async function runLedgerCheck(argsIn: string[], io: CliIo): Promise<number> {
  const args = [...argsIn];
  if (takeFlag(args, '--help') || takeFlag(args, '-h')) {
    io.out(LEDGER_CHECK_USAGE + '\n');
    return 0;
  }
  const json = takeFlag(args, '--json');
  const all = takeFlag(args, '--all');
  const encoding = takeOption(args, '--encoding');
  const sheetOpt = takeOption(args, '--sheet');
  const department = takeOption(args, '--department');
  const caseType = takeOption(args, '--case-type');
  const rules = takeFlag(args, '--rules');
  const registryPath = takeOption(args, '--registry');
  const unknown = args.find((a) => a.startsWith('--'));
  if (unknown !== undefined) {
    io.err(`未知选项：${unknown}\n\n${LEDGER_CHECK_USAGE}\n`);
    return 2;
  }
  if (encoding !== undefined && encoding !== 'utf-8' && encoding !== 'gbk') {
    io.err(`--encoding 只能是 utf-8 或 gbk，收到“${encoding}”。\n`);
    return 2;
  }
  if (args.length !== 1) {
    io.err(
      `${args.length === 0 ? '缺少要检查的文件。' : '一次只能检查一个文件。'}\n\n${LEDGER_CHECK_USAGE}\n`,
    );
    return 2;
  }
  if (registryPath !== undefined && !rules) {
    io.err('--registry 只能与 --rules 一起使用。\n');
    return 2;
  }
  const path = args[0]!;
  const fileName = path === '-' ? 'stdin' : path.replace(/^.*[\\/]/, '');
  let bytes: Uint8Array;
  try {
    // the size is checked before a byte is read: a 5 GB file is refused, not loaded
    const size = path === '-' || !io.fileSize ? null : await io.fileSize(path);
    if (size !== null && size > MAX_FILE_BYTES)
      return fail(io, json, fileName, 'too-large', TOO_LARGE_FILE_MESSAGE(fileName, size));
    bytes = path === '-' ? await io.readStdin() : await io.readFile(path);
  } catch (e) {
    const code = (e as { code?: string }).code;
    const why =
      code === 'ENOENT'
        ? '文件不存在'
        : code === 'EISDIR'
          ? '这是一个文件夹'
          : code === 'EACCES'
            ? '没有读取权限'
            : code === 'ERR_FS_FILE_TOO_LARGE'
              ? '文件过大'
              : '读取失败';
    return fail(io, json, path, 'unreadable', `无法打开文件“${path}”：${why}。`);
  }
  let sheet: string | number | undefined;
  if (sheetOpt !== undefined) sheet = /^\d+$/.test(sheetOpt) ? Number(sheetOpt) - 1 : sheetOpt;
  try {
    const { report, mapping, workbook, inferred, mappingNotes, departments } = checkLedgerFile(
      bytes,
      fileName,
      {
        encoding: (encoding as 'utf-8' | 'gbk' | undefined) ?? 'auto',
        sheet,
        defaultDepartment: department,
        defaultCaseType: caseType,
        resolveDepartments: true,
      },
    );
    const ok = report.counts.errors === 0 && report.counts.valid > 0;
    const notes: string[] = [...mappingNotes];
    if (inferred.department)
      notes.push(
        `执法部门：表中没有该列，推断为 ${describeInferred(inferred.department)}；如不对，请用 --department 指定。`,
      );
    if (inferred.caseType)
      notes.push(
        `案件类型：表中没有该列，推断为 ${describeInferred(inferred.caseType)}；如不对，请用 --case-type 指定。`,
      );
    const missing = missingColumns(mapping, {
      department: department ?? inferred.department?.value,
      caseType: caseType ?? inferred.caseType?.value,
    });
    for (const m of missing) notes.push(m.message);
    const merged = mergedVariantLines(departments);
    if (merged.length > 0)
      notes.push(`执法部门名称合并（与导入时相同）：\n${merged.map((l) => `  ${l}`).join('\n')}`);
    let registry: CertificateRegistry | undefined;
    if (registryPath !== undefined) {
      const loaded = await readRegistry(io, registryPath);
      if (typeof loaded === 'string') return fail(io, json, registryPath, 'unreadable', loaded);
      registry = loaded;
    }
    const census = rules
      ? runLedgerCensus(report.valid, ledgerRuleColumns(mapping, report.headers), DEFAULT_RULE_PACK, registry)
      : null;
    if (json) {
      io.out(
        JSON.stringify(
          {
            ok,
            file: fileName,
            kind: workbook.kind,
            encoding: workbook.encoding ?? null,
            sheet: report.sheetName,
            headerRow: report.headerRow + 1,
            headers: report.headers,
            mapping: mappingToHeaderNames(mapping, report.headers),
            inferred,
            mappingNotes,
            departments,
            mergedDepartments: merged,
            missingColumns: missing.map((m) => m.field),
            rowsRead: report.rowsRead,
            counts: report.counts,
            issues: report.issues,
            ...(census ? { rules: census } : {}),
          },
          null,
          2,
        ) + '\n',
      );
    } else {
      if (workbook.kind === 'csv') {
        io.out(
          `编码：${workbook.encoding === 'gbk' ? 'GBK' : 'UTF-8'}${workbook.encodingDetected ? '（自动识别）' : ''}\n`,
        );
      }
      io.out(
        (all
          ? [formatReportText(report, mapping), ...notes].join('\n')
          : formatReportSummary(report, { mapping, notes })) + '\n',
      );
      if (census) io.out('\n' + formatCensusSummary(census) + '\n');
    }
    return ok ? 0 : 1;
  } catch (e) {
    if (e instanceof LedgerReadError) return fail(io, json, fileName, e.code, e.message);
    // never an engine error in English or a stack trace ("Invalid array length" ...)
    return fail(io, json, fileName, 'unreadable', engineErrorMessage(fileName, e));
  }
}

/** The officer registry sheet (名录) for the certificate rules, or a Chinese reason it cannot be read. */
export async function readRegistry(io: CliIo, path: string): Promise<CertificateRegistry | string> {
  try {
    const bytes = await io.readFile(path);
    const name = path.replace(/^.*[\\/]/, '');
    const wb = readWorkbook(bytes, name);
    const index = firstDataSheetIndex(wb);
    if (index < 0) return `执法人员名录“${name}”是空的。`;
    const sheet = wb.sheets[index]!;
    const report = importOfficers(sheet.rows, {
      fileName: name,
      sheetName: sheet.name,
      headerRow: guessOfficerHeaderRow(sheet.rows),
      importedAt: new Date().toISOString(),
      importedBy: 'pingcha ledger check',
    });
    if (report.officers.length === 0) return `执法人员名录“${name}”中没有可用的人员记录。`;
    return buildCertificateRegistry(report.officers);
  } catch (e) {
    if (e instanceof LedgerReadError) return e.message;
    const code = (e as { code?: string }).code;
    return code === 'ENOENT' ? `无法打开执法人员名录“${path}”：文件不存在。` : engineErrorMessage(path, e);
  }
}

function fail(io: CliIo, json: boolean, file: string, code: string, message: string): number {
  if (json) io.out(JSON.stringify({ ok: false, file, error: { code, message } }, null, 2) + '\n');
  else io.err(`无法读取：${message}\n`);
  return 2;
}

/** Required columns the sheet lacks and no flag or inference supplies, each with the flag that does. */
function missingColumns(
  mapping: ColumnMapping,
  supplied: { department?: string; caseType?: string },
): { field: LedgerField; message: string }[] {
  const out: { field: LedgerField; message: string }[] = [];
  if (mapping.caseNo === null)
    out.push({
      field: 'caseNo',
      message:
        '缺少“案件编号”列：表头中没有案件编号（案号、文号、检查编号等）。请确认表头名称，或用 --sheet 选择正确的工作表。',
    });
  if (mapping.department === null && !supplied.department?.trim())
    out.push({
      field: 'department',
      message:
        '缺少“执法部门”列：表中没有该列，也无法从标题行、工作表名、文件名推断。请用 --department 名称 指定。',
    });
  if (mapping.caseType === null && !supplied.caseType?.trim())
    out.push({
      field: 'caseType',
      message:
        '缺少“案件类型”列：表中没有该列，也无法从标题行、文件名或案件编号前缀推断。请用 --case-type 类型 指定（如 行政处罚）。',
    });
  return out;
}
