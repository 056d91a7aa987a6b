// 台账体检 over one checked ledger: the rule view of its rows (found by the ledger's own headers), every enabled
// rule of the pack, and a summary the CLI prints and the app stores. Same code in the CLI, the import worker
// and the tests.

import type { CaseFileRecord, ColumnMapping } from '../ledger/types';
import { mappingToHeaderNames } from '../ledger/header';
import { findRuleColumns, ruleRowOf, RULE_FIELD_LABELS, type RuleColumns } from './rule-fields';
import { RuleCensus, type RuleFlag, type RuleTally } from './evaluate';
import { rulePackDigest, type RulePack } from './rule-pack';
import type { CertificateRegistry } from './certificate-registry';
import { calendarYearsText } from './working-days';

/** The core columns the import mapped, by header text, as findRuleColumns wants them. */
export function coreRuleHeaders(mapping: ColumnMapping, headers: readonly string[]): RuleColumns['core'] {
  const names = mappingToHeaderNames(mapping, headers);
  const core: RuleColumns['core'] = {};
  if (names.filedDate) core.filedDate = names.filedDate;
  if (names.closedDate) core.closedDate = names.closedDate;
  if (names.amount) core.amount = names.amount;
  if (names.party) core.party = names.party;
  if (names.officer) core.officer = names.officer;
  if (names.certNo) core.certNo = names.certNo;
  return core;
}

export interface LedgerCensusResult {
  pack: { id: string; version: string; sha256: string };
  rows: number;
  tallies: (RuleTally & { title: string; citation: string })[];
  flags: RuleFlag[];
  /** The extra columns found ('决定日期' ← '处罚决定日期' …), to say what the census could see. */
  columnsFound: { field: string; header: string }[];
}

/**
 * One census over rows added one at a time (the store hands them over chunk by chunk, and the rows need not
 * all be held at once); each flag keeps the offset of its row among the rows added.
 */
export class LedgerCensusRun {
  readonly flags: RuleFlag[] = [];
  /** flagOffsets[k]: the offset (order of `add`) of the row flags[k] is about. */
  readonly flagOffsets: number[] = [];
  private readonly census: RuleCensus;
  private rows = 0;

  /** Rows added so far. */
  get rowCount(): number {
    return this.rows;
  }

  constructor(
    private readonly columns: RuleColumns,
    private readonly pack: RulePack,
    registry?: CertificateRegistry,
  ) {
    this.census = new RuleCensus(pack, { registry });
  }

  add(record: CaseFileRecord): void {
    const before = this.flags.length;
    // the row view is built once per record and reused by every rule
    this.census.checkInto(ruleRowOf(record, this.columns), this.flags);
    for (let k = before; k < this.flags.length; k++) this.flagOffsets.push(this.rows);
    this.rows += 1;
  }

  result(): LedgerCensusResult {
    const pack = this.pack;
    const byId = new Map(pack.rules.map((r) => [r.id, r]));
    return {
      pack: { id: pack.id, version: pack.version, sha256: rulePackDigest(pack) },
      rows: this.rows,
      tallies: this.census.tallies.map((t) => {
        const rule = byId.get(t.ruleId)!;
        return { ...t, title: rule.title, citation: `《${rule.citation.law}》${rule.citation.article}` };
      }),
      flags: this.flags,
      columnsFound: Object.entries(this.columns.extra).map(([field, at]) => ({
        field: RULE_FIELD_LABELS[field as keyof typeof RULE_FIELD_LABELS],
        header: at.header,
      })),
    };
  }
}

export function runLedgerCensus(
  records: readonly CaseFileRecord[],
  columns: RuleColumns,
  pack: RulePack,
  registry?: CertificateRegistry,
): LedgerCensusResult {
  const run = new LedgerCensusRun(columns, pack, registry);
  for (const r of records) run.add(r);
  return run.result();
}

export function ledgerRuleColumns(mapping: ColumnMapping, headers: readonly string[]): RuleColumns {
  return findRuleColumns(headers, coreRuleHeaders(mapping, headers));
}

/** The plain-text summary: counts per rule (flagged / cannot check) and the first rows of each. */
export function formatCensusSummary(result: LedgerCensusResult, firstRows = 3): string {
  const lines: string[] = [];
  lines.push(
    `台账体检：规则包 ${result.pack.id} ${result.pack.version}（SHA-256 ${result.pack.sha256.slice(0, 16)}…），共 ${result.rows} 行，工作日历已收录${calendarYearsText()}。`,
  );
  lines.push(
    result.columnsFound.length === 0
      ? '可用于体检的附加列：无（仅能检查立案/结案日期、金额、承办人、执法证号）。'
      : `可用于体检的附加列：${result.columnsFound.map((c) => `${c.field}←“${c.header}”`).join('，')}。`,
  );
  const flagged = result.flags.length;
  lines.push(`发现线索 ${flagged} 条（线索须经评查人员核实，不直接扣分）。`);
  for (const t of result.tallies) {
    if (t.applicable === 0) continue;
    const reasons = Object.entries(t.cannotCheckReasons)
      .sort((a, b) => b[1] - a[1])
      .map(([why, n]) => `${why} ${n} 行`)
      .join('；');
    lines.push('');
    lines.push(`【${t.ruleId}】${t.title}（${t.citation}）`);
    lines.push(
      `  适用 ${t.applicable} 行，发现 ${t.flagged} 行，无法检查 ${t.cannotCheck} 行${reasons ? `（${reasons}）` : ''}`,
    );
    let shown = 0;
    for (const f of result.flags) {
      if (f.ruleId !== t.ruleId) continue;
      if (shown === firstRows) {
        lines.push(`  …… 另有 ${t.flagged - firstRows} 行（--json 列出全部）`);
        break;
      }
      lines.push(`  第 ${f.sourceRow} 行 ${f.caseNo}：${f.sentence}`);
      shown++;
    }
  }
  return lines.join('\n');
}
