// Merge rules for a results package (评查结果包) arriving at the coordinator. Pure, so they are
// tested on their own. A sheet is compared with the base it had when the package was made:
// - the reviewer did not change it                -> unchanged (nothing to do);
// - only the reviewer changed it                  -> taken (add / update);
// - it was changed here too, to something else    -> conflict: the user chooses, seeing both;
// - the file is already finalised                 -> locked (kept as it is, reported);
// - the file is no longer assigned to the reviewer -> not-assigned (kept out, reported).
// Each merged row remembers what it was merged from (mergedFrom), so importing the same package
// again, or an older one from the same workspace, changes nothing, and a newer one fast-forwards.
import { canonicalJson } from '../util/canonical-json';
import { formatDateTime } from '../util/time-format';
import type { PackageSheet } from './panel-package';

export interface MergedFrom {
  /** The workspace the change came from: `package:<assignment package id>`. */
  source: string;
  /** The reviewer's revision that was merged. */
  incomingRevision: number;
  /** The revision the row had here right after the merge. */
  localRevision: number;
}

export type MergeSheet = PackageSheet & { mergedFrom?: MergedFrom };

export type SheetMergeOutcome =
  | { kind: 'add'; id: string; row: MergeSheet }
  | { kind: 'update'; id: string; row: MergeSheet; previous: MergeSheet }
  | { kind: 'unchanged'; id: string }
  | { kind: 'conflict'; id: string; local: MergeSheet; incoming: MergeSheet }
  | { kind: 'locked'; id: string; incoming: MergeSheet }
  | { kind: 'not-assigned'; id: string; incoming: MergeSheet };

export interface MergeInput {
  incoming: readonly PackageSheet[];
  /** Sheet id -> revision at the coordinator when the package was made (absent = 0). */
  baseRevisions: Readonly<Record<string, number>>;
  local: ReadonlyMap<string, MergeSheet>;
  source: string;
  /** Files with a final result (复核定稿): their sheets never change. */
  lockedItemIds: ReadonlySet<string>;
  isAssigned(itemId: string, reviewerId: string): boolean;
}

export interface MergePlan {
  outcomes: SheetMergeOutcome[];
  counts: Record<SheetMergeOutcome['kind'], number>;
}

/** Equal as far as scoring is concerned (the sheet, its standard and whether it was submitted). */
export function sameSheetContent(a: PackageSheet, b: PackageSheet): boolean {
  const pick = (s: PackageSheet) => ({
    sheet: s.sheet,
    status: s.status,
    standardId: s.standardId,
    standardVersion: s.standardVersion,
  });
  return canonicalJson(pick(a)) === canonicalJson(pick(b));
}

function merged(incoming: PackageSheet, local: MergeSheet | undefined, source: string): MergeSheet {
  const revision = Math.max(local?.revision ?? 0, incoming.revision);
  return {
    ...incoming,
    revision,
    origin: source,
    mergedFrom: { source, incomingRevision: incoming.revision, localRevision: revision },
  };
}

export function planMerge(input: MergeInput): MergePlan {
  const outcomes: SheetMergeOutcome[] = [];
  for (const s of input.incoming) {
    const local = input.local.get(s.id);
    const fromSame = local?.mergedFrom?.source === input.source ? local.mergedFrom : undefined;
    const incomingBase = fromSame ? fromSame.incomingRevision : (input.baseRevisions[s.id] ?? 0);
    const localBase = fromSame ? fromSame.localRevision : (input.baseRevisions[s.id] ?? 0);
    if (s.revision <= incomingBase) {
      outcomes.push({ kind: 'unchanged', id: s.id });
    } else if (input.lockedItemIds.has(s.itemId)) {
      outcomes.push({ kind: 'locked', id: s.id, incoming: s });
    } else if (!input.isAssigned(s.itemId, s.reviewerId)) {
      outcomes.push({ kind: 'not-assigned', id: s.id, incoming: s });
    } else if (!local) {
      outcomes.push({ kind: 'add', id: s.id, row: merged(s, undefined, input.source) });
    } else if (local.revision <= localBase || sameSheetContent(local, s)) {
      outcomes.push({ kind: 'update', id: s.id, row: merged(s, local, input.source), previous: local });
    } else {
      outcomes.push({ kind: 'conflict', id: s.id, local, incoming: s });
    }
  }
  const counts = { add: 0, update: 0, unchanged: 0, conflict: 0, locked: 0, 'not-assigned': 0 };
  for (const o of outcomes) counts[o.kind] += 1;
  return { outcomes, counts };
}

export type ConflictChoice = 'local' | 'incoming';

/**
 * The rows to write once every conflict has a choice. Keeping the local version still records the
 * incoming revision as seen, so importing the same package again asks nothing.
 */
export function resolveMerge(
  plan: MergePlan,
  choices: Readonly<Record<string, ConflictChoice>>,
  source: string,
): MergeSheet[] {
  const rows: MergeSheet[] = [];
  for (const o of plan.outcomes) {
    if (o.kind === 'add' || o.kind === 'update') rows.push(o.row);
    if (o.kind !== 'conflict') continue;
    const choice = choices[o.id];
    if (!choice) throw new Error('有评分表存在冲突，尚未选择保留哪一个版本。');
    const revision = Math.max(o.local.revision, o.incoming.revision) + 1;
    const base = choice === 'incoming' ? { ...o.incoming, origin: source } : { ...o.local };
    rows.push({
      ...base,
      revision,
      mergedFrom: { source, incomingRevision: o.incoming.revision, localRevision: revision },
    });
  }
  return rows;
}

/** A short Chinese description of a sheet version, for the conflict dialog. */
export function describeSheetVersion(s: PackageSheet): string {
  const deductions = s.sheet.deductions.length;
  const vetoes = s.sheet.vetoes.length;
  return `${s.status === 'submitted' ? '已提交' : '草稿'}，第 ${s.revision} 次修改，${s.updatedBy || '—'} 于 ${formatDateTime(s.updatedAt)} 修改；扣分 ${deductions} 项${vetoes ? `，否决 ${vetoes} 项` : ''}`;
}
