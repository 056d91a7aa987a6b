// `pingcha draw verify RECORD.json LEDGER...`: re-imports the ledgers with the record's own import
// settings, applies the record's scope filter, recomputes the draw and compares.
// Exit codes: 0 match, 1 mismatch, 2 unreadable input or bad usage.
import { applyCellEdits } from '../ledger/cell-edits';
import { sha256BytesHex, sha256Hex } from '../crypto/sha256';
import {
  DrawRecordError,
  applyScopeFilter,
  parseDrawRecord,
  verifyDrawRecord,
  type DrawRecord,
  type DrawRecordSource,
} from '../draw/draw-record';
import { checkLedgerFile } from '../ledger/check-file';
import { headerCellsAt, mappingFromHeaderNames, missingRequiredFields } from '../ledger/header';
import { readWorkbook } from '../ledger/read-workbook';
import { buildLedgerReport } from '../ledger/build-report';
import {
  LedgerReadError,
  type CaseFileRecord,
  type ColumnMapping,
  type LedgerField,
  type LedgerReport,
} from '../ledger/types';
import { FIELD_LABELS } from '../ledger/header';
import { takeFlag, takeOption, type CliIo } from './cli-io';
import { purposiveVerifiedSentence, recordedPackProblem, verifyPurposivePart } from '../draw/purposive';
import { rulePackSchema, type RulePack } from '../rules/rule-pack';
import { registryDigest, type CertificateRegistry } from '../rules/certificate-registry';
import { ledgerRuleColumns } from '../rules/ledger-census';
import { RuleCensus } from '../rules/evaluate';
import { ruleRowOf } from '../rules/rule-fields';
import { readRegistry } from './ledger-check-command';

export const DRAW_VERIFY_USAGE = `用法：pingcha draw verify 抽取记录.json 台账文件... [--registry 执法人员名录.xlsx]

用抽取记录中保存的导入设置（工作表、表头行、按列名的字段对应、默认部门和案件类型）重新读取台账，
按记录的范围筛选总体，重新计算分层、名额、抽中案卷、备选案卷以及替换和追加记录，与抽取记录逐项核对。
记录中没有导入设置的台账文件（按文件名或文件内容 SHA-256 查找）将自动识别表头和列。
记录中有“台账体检发现”层或定向抽取的，用记录所附的规则包重新体检台账、重新抽取该层并核对；
证照类规则用到执法人员名录时，用 --registry 提供抽取时的名录。
输出“一致 (match)”或第一处不同。退出码：0 一致，1 不一致，2 文件无法读取或用法错误。
`;

function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

function readError(e: unknown, what: string): string {
  if (e instanceof Error && 'code' in e && e.code === 'ENOENT') return `无法读取${what}：文件不存在。`;
  if (e instanceof Error && 'code' in e && e.code === 'EISDIR') return `无法读取${what}：这是一个文件夹。`;
  return `无法读取${what}：${e instanceof Error ? e.message : String(e)}。`;
}

/** Re-imports one ledger with a recorded source's settings. Throws LedgerReadError when impossible. */
function importWithSource(
  bytes: Uint8Array,
  fileName: string,
  source: DrawRecordSource,
  existingItemIds: ReadonlySet<string>,
): { report: LedgerReport; mapping: ColumnMapping } {
  const wb = readWorkbook(bytes, fileName, { encoding: source.encoding ?? 'auto', sheet: source.sheet });
  // A CSV has one sheet named after its file, so a renamed CSV still matches its recorded sheet.
  const sheet =
    wb.kind === 'csv' && wb.sheets.length === 1
      ? wb.sheets[0]
      : wb.sheets.find((s) => s.name === source.sheet);
  if (!sheet) {
    const names = wb.sheets.map((s) => `“${s.name}”`).join('、');
    throw new LedgerReadError(
      'empty',
      `文件“${fileName}”中没有记录所用的工作表“${source.sheet}”。现有工作表：${names}。`,
    );
  }
  if (source.cellEdits) applyCellEdits(sheet.rows, source.cellEdits, fileName);
  const headerRow = sheet.rows[source.headerRow];
  if (!headerRow) {
    throw new LedgerReadError(
      'no-header',
      `文件“${fileName}”的工作表“${sheet.name}”没有第 ${source.headerRow + 1} 行（记录中的表头行）。`,
    );
  }
  const headers = headerCellsAt(sheet.rows, source.headerRow, headerRow.length);
  const mapping = mappingFromHeaderNames(
    source.mapping as Partial<Record<LedgerField, string | null>>,
    headers,
  );
  const lost = (Object.entries(source.mapping) as [LedgerField, string | null][]).filter(
    ([f, name]) => name !== null && mapping[f] === null,
  );
  if (lost.length > 0) {
    const [f, name] = lost[0]!;
    throw new LedgerReadError(
      'no-header',
      `文件“${fileName}”的表头（第 ${source.headerRow + 1} 行）中找不到记录中的列“${name}”（${FIELD_LABELS[f] ?? f}）。`,
    );
  }
  const defaults = {
    defaultDepartment: source.defaultDepartment ?? undefined,
    defaultCaseType: source.defaultCaseType ?? undefined,
  };
  const missing = missingRequiredFields(mapping, defaults);
  if (missing.length > 0) {
    throw new LedgerReadError(
      'no-header',
      `文件“${fileName}”缺少必需的列：${missing.map((f) => FIELD_LABELS[f]).join('、')}。`,
    );
  }
  const report = buildLedgerReport(sheet, {
    fileName,
    sheetName: sheet.name,
    headerRow: source.headerRow,
    mapping,
    ...defaults,
    departmentMap: source.departmentMap,
    existingItemIds,
  });
  return { report, mapping };
}

/** The census `draw verify` re-runs for a record's 台账体检发现 stratum: the flagged ids are collected here. */
export interface VerifyCensus {
  census: RuleCensus;
  ruleIds: ReadonlySet<string>;
  flagged: Set<string>;
}

/**
 * Re-imports the ledgers as `draw verify` does (each with its recorded settings) and applies the
 * record's scope filter: the population the draw is recomputed from. Returns the exit code (2, with the
 * message written) when a file cannot be used.
 */
export async function readVerifyPopulation(
  record: DrawRecord,
  ledgerPaths: readonly string[],
  io: CliIo,
  census?: VerifyCensus,
): Promise<CaseFileRecord[] | number> {
  const cases: CaseFileRecord[] = [];
  const ids = new Set<string>();
  for (const path of ledgerPaths) {
    const fileName = baseName(path);
    let bytes: Uint8Array;
    try {
      bytes = await io.readFile(path);
    } catch (e) {
      io.err(`错误：${readError(e, `台账“${path}”`)}\n`);
      return 2;
    }
    const fileHash = sha256BytesHex(bytes);
    const source =
      record.sources.find((s) => s.fileName === fileName) ??
      record.sources.find((s) => s.sha256 === fileHash);
    let report: LedgerReport;
    let mapping: ColumnMapping;
    try {
      if (source) {
        ({ report, mapping } = importWithSource(bytes, fileName, source, ids));
        if (source.sha256 !== fileHash) {
          io.err(
            `注意：台账“${path}”的内容与抽取时导入的文件不同（SHA-256 记录 ${source.sha256}，现为 ${fileHash}）。\n`,
          );
        }
      } else {
        io.err(`注意：抽取记录中没有台账“${fileName}”的导入设置，已自动识别工作表、表头和列。\n`);
        ({ report, mapping } = checkLedgerFile(bytes, fileName, { existingItemIds: ids }));
      }
    } catch (e) {
      if (e instanceof LedgerReadError) {
        io.err(`错误：${e.message}\n`);
        return 2;
      }
      throw e;
    }
    for (const c of report.valid) {
      ids.add(c.itemId);
      cases.push(c);
    }
    if (census) {
      const columns = ledgerRuleColumns(mapping, report.headers);
      for (const c of report.valid)
        for (const f of census.census.check(ruleRowOf(c, columns)))
          if (census.ruleIds.has(f.ruleId)) census.flagged.add(f.itemId);
    }
    if (report.counts.errors > 0) {
      io.err(
        `注意：台账“${fileName}”有 ${report.counts.errors} 行有错误，未计入总体（与导入时的规则相同）。\n`,
      );
    }
  }

  return applyScopeFilter(cases, record.filter);
}

export async function runDrawVerify(argv: string[], io: CliIo): Promise<number> {
  const args = [...argv];
  if (takeFlag(args, '--help') || takeFlag(args, '-h')) {
    io.out(DRAW_VERIFY_USAGE);
    return 0;
  }
  const registryPath = takeOption(args, '--registry');
  const unknown = args.find((a) => a.startsWith('--'));
  if (unknown) {
    io.err(`错误：不认识的参数“${unknown}”。\n\n${DRAW_VERIFY_USAGE}`);
    return 2;
  }
  if (args.length < 2) {
    io.err(`错误：需要一个抽取记录文件和至少一个台账文件。\n\n${DRAW_VERIFY_USAGE}`);
    return 2;
  }
  const [recordPath, ...ledgerPaths] = args as [string, ...string[]];
  const sha = io.sha256Hex ?? sha256Hex;

  let record: DrawRecord;
  try {
    const bytes = await io.readFile(recordPath);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new DrawRecordError('抽取记录不是有效的 UTF-8 文本。');
    }
    record = parseDrawRecord(text);
  } catch (e) {
    io.err(
      e instanceof DrawRecordError
        ? `错误：抽取记录“${recordPath}”无法使用：${e.message}\n`
        : `错误：${readError(e, `抽取记录“${recordPath}”`)}\n`,
    );
    return 2;
  }

  const purposive = record.purposive;
  let census: VerifyCensus | undefined;
  if (purposive) {
    const packProblem = recordedPackProblem(purposive);
    if (packProblem) {
      io.out(`不一致 (mismatch)\n${packProblem}\n`);
      return 1;
    }
    const pack = rulePackSchema.parse(purposive.rulePack.pack);
    let registry: CertificateRegistry | undefined;
    if (registryPath !== undefined) {
      const loaded = await readRegistry(io, registryPath);
      if (typeof loaded === 'string') {
        io.err(`错误：${loaded}\n`);
        return 2;
      }
      registry = loaded;
      if (registryDigest(registry) !== purposive.rulePack.registrySha256)
        io.err('注意：所给执法人员名录与抽取时所用名录的 SHA-256 不同，证照类规则的结果可能不同。\n');
    } else if (purposive.rulePack.registrySha256 !== '' && purposive.flagged) {
      io.err(
        `错误：抽取时的台账体检用到了执法人员名录（SHA-256 ${purposive.rulePack.registrySha256}），请用 --registry 提供该名录。\n`,
      );
      return 2;
    }
    census = {
      census: new RuleCensus(pack as RulePack, { registry }),
      ruleIds: new Set(purposive.flagged?.ruleIds ?? []),
      flagged: new Set(),
    };
  }
  const population = await readVerifyPopulation(record, ledgerPaths, io, census);
  if (typeof population === 'number') return population;
  const result = verifyDrawRecord(record, population, sha);
  if (result.ok && purposive && census) {
    const difference = verifyPurposivePart(
      record,
      census.flagged,
      new Set(population.map((c) => c.itemId)),
      sha,
    );
    if (difference) {
      io.out(`不一致 (mismatch)\n${difference}\n`);
      return 1;
    }
  }
  if (result.ok) {
    io.out(
      `一致 (match)\n总体 ${record.population.size} 件，SHA-256 ${record.population.sha256}；` +
        `抽中 ${record.drawn.length} 件，备选 ${record.spares.length} 件` +
        (record.replacements.length + record.extras.length > 0
          ? `；替换 ${record.replacements.length} 次，追加 ${record.extras.length} 次，均可重现`
          : '') +
        '。\n' +
        (purposive ? `${purposiveVerifiedSentence(purposive)}\n` : ''),
    );
    return 0;
  }
  io.out(`不一致 (mismatch)\n${result.firstDifference}\n`);
  return 1;
}
