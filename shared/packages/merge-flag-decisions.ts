// Merging the 台账体检 flag decisions a results package carries (issue 26): one decision per campaign × file ×
// rule, the latest stands (the office may hold another panel member's decision on the same flag).
import type { PackageFlagDecision } from './panel-package';

export function flagDecisionId(campaignId: string, itemId: string, ruleId: string): string {
  return `${campaignId}|${itemId}|${ruleId}`;
}

/** The incoming decisions later than the stored one for the same flag (or with none stored), with their ids. */
export function newerFlagDecisions(
  stored: readonly { id: string; at: string }[],
  incoming: readonly PackageFlagDecision[],
): (PackageFlagDecision & { id: string })[] {
  const latest = new Map(stored.map((d) => [d.id, Date.parse(d.at)]));
  const out = new Map<string, PackageFlagDecision & { id: string }>();
  for (const d of incoming) {
    const id = flagDecisionId(d.campaignId, d.itemId, d.ruleId);
    const at = Date.parse(d.at);
    if (at <= (latest.get(id) ?? -Infinity)) continue;
    latest.set(id, at);
    out.set(id, { ...d, id });
  }
  return [...out.values()];
}
