// Flags on the score sheet and in the results (台账体检, issue 26). A flag never deducts by itself: the
// reviewer confirms it (a deduction on the standard item it bears on, citing the flag) or dismisses it with
// a reason. The results report per rule how many flags the drawn files carried, how many were confirmed or
// dismissed (precision = confirmed / decided), and the 通报 one plain paragraph with the articles.

import type { ReviewStandard, StandardItem } from '../standards/standard-model';
import type { Rule } from './rule-pack';

export type FlagDecisionKind = 'confirmed' | 'dismissed';

export interface FlagDecision {
  itemId: string;
  ruleId: string;
  decision: FlagDecisionKind;
  reason: string;
}

/** Words of an item a rule's `bearsOn` words are looked for in. */
function itemText(item: StandardItem): string {
  return [item.title, item.legalBasis, ...item.deductions.map((d) => d.label)].join(' ');
}

/**
 * The standard item (and its deduction option) a rule bears on: the item whose title, basis and options
 * contain most of the rule's words; null when none contains any (the hint is then shown without an item).
 */
export function itemForRule(
  standard: ReviewStandard,
  rule: Pick<Rule, 'bearsOn'>,
): { item: StandardItem; optionId: string } | null {
  let best: { item: StandardItem; score: number } | null = null;
  for (const c of standard.categories)
    for (const item of c.items) {
      const text = itemText(item);
      const score = rule.bearsOn.filter((w) => text.includes(w)).length;
      if (score > 0 && (!best || score > best.score)) best = { item, score };
    }
  if (!best || best.item.deductions.length === 0) return null;
  const option =
    best.item.deductions.find((d) => rule.bearsOn.some((w) => d.label.includes(w))) ??
    best.item.deductions[0]!;
  return { item: best.item, optionId: option.id };
}

/** The problem text of the deduction a confirmed flag makes: it cites the flag and its article. */
export function flagDeductionText(rule: Pick<Rule, 'title' | 'citation'>, sentence: string): string {
  return `台账体检线索经核实：${rule.title}。${sentence}（《${rule.citation.law}》${rule.citation.article}）`;
}

export interface RulePrecision {
  ruleId: string;
  /** Flags on drawn files. */
  flagged: number;
  confirmed: number;
  dismissed: number;
  /** confirmed / (confirmed + dismissed); null while none is decided. */
  precision: number | null;
}

/** Per rule: flags on the drawn files and what the reviewers decided. Decisions on other files are ignored. */
export function flagPrecision(
  flagsOnDrawn: readonly { itemId: string; ruleId: string }[],
  decisions: readonly FlagDecision[],
): RulePrecision[] {
  const key = (itemId: string, ruleId: string) => `${itemId}\u0000${ruleId}`;
  const decided = new Map(decisions.map((d) => [key(d.itemId, d.ruleId), d.decision]));
  const out = new Map<string, RulePrecision>();
  for (const f of flagsOnDrawn) {
    const p = out.get(f.ruleId) ?? {
      ruleId: f.ruleId,
      flagged: 0,
      confirmed: 0,
      dismissed: 0,
      precision: null,
    };
    p.flagged += 1;
    const d = decided.get(key(f.itemId, f.ruleId));
    if (d === 'confirmed') p.confirmed += 1;
    else if (d === 'dismissed') p.dismissed += 1;
    out.set(f.ruleId, p);
  }
  for (const p of out.values())
    p.precision = p.confirmed + p.dismissed === 0 ? null : p.confirmed / (p.confirmed + p.dismissed);
  return [...out.values()].sort((a, b) => (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
}

/**
 * The 通报's paragraph: what the census found over all ledgers, per rule with its article, and how many of
 * the flags on drawn files the reviewers confirmed. Null when the census found nothing.
 */
export function censusReportParagraph(input: {
  files: number;
  lines: readonly { ruleId: string; title: string; citation: string; flagged: number }[];
  precision: readonly RulePrecision[];
}): string | null {
  const found = input.lines.filter((l) => l.flagged > 0).sort((a, b) => b.flagged - a.flagged);
  if (found.length === 0) return null;
  const total = found.reduce((n, l) => n + l.flagged, 0);
  const parts = found.map((l) => `${l.title}${l.flagged}件（${l.citation}）`);
  const confirmed = input.precision.reduce((n, p) => n + p.confirmed, 0);
  const decided = input.precision.reduce((n, p) => n + p.confirmed + p.dismissed, 0);
  return (
    `台账体检发现：对各执法部门报送台账的${input.files}件案卷逐件比对法定期限和执法证件，发现疑似问题线索${total}条，其中` +
    parts.join('，') +
    '。' +
    (decided > 0
      ? `抽中案卷中的线索经评查人员逐条核实，确认${confirmed}条，不予采纳${decided - confirmed}条。`
      : '') +
    '线索仅据台账记载比对得出，须经核实，不直接作为扣分依据；请各部门对照自查。'
  );
}
