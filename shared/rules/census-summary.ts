// The stored census of every ledger, summed for the pages that show it: flags per rule and per department ×
// rule (台账体检 tab, planner), cannot-check counts, and the files each rule flagged (case browser filter,
// score-sheet hints). Pure: the records come from the store, the pack from 设置.

import type { RulePack } from './rule-pack';
import type { RuleTally } from './evaluate';

/** What the store keeps per import (renderer/db/rule-census-repository.ts). */
export interface StoredCensus {
  importId: string;
  packSha256: string;
  ruleIds: string[];
  tallies: RuleTally[];
  flagRule: number[];
  flagItemId: string[];
  flagSentence: string[];
  /** When each flag was found, where that is not checkedAt (a laptop's census keeps the office's dates). */
  flagCheckedAt?: string[];
  checkedAt: string;
}

/** One flag of a file as the pages show it: its rule, its sentence and when the census found it (UTC ISO). */
export interface FileFlag {
  ruleId: string;
  sentence: string;
  checkedAt: string;
}

export interface RuleCensusLine {
  ruleId: string;
  title: string;
  citation: string;
  enabled: boolean;
  applicable: number;
  flagged: number;
  cannotCheck: number;
  cannotCheckReasons: Record<string, number>;
}

export interface CensusSummary {
  /** Imports whose census was made with this pack (the others are stale or missing). */
  current: number;
  stale: number;
  lines: RuleCensusLine[];
  /** Department -> rule id -> flagged files. */
  byDepartment: Record<string, Record<string, number>>;
  /**
   * Item id -> its flags (rule id and sentence), for the browser filter and the score sheet. Built on first
   * read, once: the 台账体检 tab and the case browser without a rule filter never need the index of every flag.
   */
  readonly flagsByItem: Map<string, FileFlag[]>;
  totalFlags: number;
}

export function summariseCensus(
  records: readonly StoredCensus[],
  pack: RulePack,
  packSha256: string,
  importIds: readonly string[],
): CensusSummary {
  const wanted = new Set(importIds);
  const lines = new Map<string, RuleCensusLine>(
    pack.rules.map((r) => [
      r.id,
      {
        ruleId: r.id,
        title: r.title,
        citation: `《${r.citation.law}》${r.citation.article}`,
        enabled: r.enabled,
        applicable: 0,
        flagged: 0,
        cannotCheck: 0,
        cannotCheckReasons: {},
      },
    ]),
  );
  const byDepartment: CensusSummary['byDepartment'] = {};
  const counted: StoredCensus[] = [];
  let totalFlags = 0;
  for (const rec of records) {
    if (!wanted.has(rec.importId) || rec.packSha256 !== packSha256) continue;
    counted.push(rec);
    for (const t of rec.tallies) {
      const line = lines.get(t.ruleId);
      if (!line) continue;
      line.applicable += t.applicable;
      line.flagged += t.flagged;
      line.cannotCheck += t.cannotCheck;
      for (const [why, n] of Object.entries(t.cannotCheckReasons))
        line.cannotCheckReasons[why] = (line.cannotCheckReasons[why] ?? 0) + n;
      for (const [d, n] of Object.entries(t.flaggedByDepartment)) {
        const row = (byDepartment[d] ??= {});
        row[t.ruleId] = (row[t.ruleId] ?? 0) + n;
      }
    }
    totalFlags += rec.flagItemId.length;
  }
  let flagsByItem: CensusSummary['flagsByItem'] | null = null;
  return {
    current: counted.length,
    stale: importIds.length - counted.length,
    lines: [...lines.values()],
    byDepartment,
    get flagsByItem() {
      return (flagsByItem ??= indexFlags(counted));
    },
    totalFlags,
  };
}

function indexFlags(records: readonly StoredCensus[]): CensusSummary['flagsByItem'] {
  const out: CensusSummary['flagsByItem'] = new Map();
  for (const rec of records)
    for (let k = 0; k < rec.flagItemId.length; k++) {
      const id = rec.flagItemId[k]!;
      const flag: FileFlag = {
        ruleId: rec.ruleIds[rec.flagRule[k]!]!,
        sentence: rec.flagSentence[k]!,
        checkedAt: rec.flagCheckedAt?.[k] ?? rec.checkedAt,
      };
      const list = out.get(id);
      if (list) list.push(flag);
      else out.set(id, [flag]);
    }
  return out;
}

/** The item ids one rule flagged (any rule when ruleId is null). */
export function flaggedItemIds(summary: CensusSummary, ruleId: string | null): Set<string> {
  const out = new Set<string>();
  for (const [id, flags] of summary.flagsByItem)
    if (ruleId === null || flags.some((f) => f.ruleId === ruleId)) out.add(id);
  return out;
}
