// Stratified selection on the one ticket order (handbook: "Selection").
//
// The whole population is put in one ticket order (without replacement). Each stratum's own order is
// that order filtered to the stratum (the sampler's subset property), so strata can be drawn together
// or separately with the same result.
//
// Rules, per stratum s with list L_s (its items in ticket order) and a cursor `next` (items consumed):
//  - Draw: the first quota_s items of L_s are drawn; next = quota_s.
//  - Spares (备选): the following items L_s[next .. next + sparesLeft_s), in order. A stratum with no
//    drawn item has no spares. sparesLeft_s = sparesPerStratum - replacements already made in s.
//  - Replace a drawn item (cannot be produced): it takes L_s[next] (the first spare); next += 1 and
//    sparesLeft_s -= 1. With no spare left the replacement is refused.
//  - Draw more k in s: the next k items L_s[next .. next + k) are drawn (the former spares come first,
//    exactly as a larger sample extends a smaller one); next += k and the spares shift after them,
//    keeping sparesLeft_s (a stratum drawn into for the first time gets sparesPerStratum spares).
// Events (replacements, draw-more) are applied in sequence; replaying them on the same population and
// seed gives the same result, which is how a draw record is verified.

import type { Sha256Hex } from '../crypto/sha256';
import { ticketOrder, type TicketOrder, type TicketOrderOptions } from './sampler';

/** Stratum key of a case file: its department, or department × case type (documented in the record). */
export function stratumKey(department: string, caseType: string, byCaseType: boolean): string {
  return byCaseType ? `${department} × ${caseType}` : department;
}
export const STRATUM_KEY_RULE_TEXT =
  '层（分层抽样的层）= 执法部门；按部门和案件类型分层时 = 执法部门 + “ × ” + 案件类型（如“市场监管局 × 行政处罚”）。';

export interface PopulationItem {
  itemId: string;
  stratum: string;
}

export interface DrawPick {
  /** 1-based rank in the whole population's ticket order (line number of `pingcha sample`). */
  rank: number;
  /** Full-precision first ticket. */
  ticket: string;
  itemId: string;
  stratum: string;
  /** Index into the population array. */
  index: number;
}

export type DrawEvent =
  | { kind: 'replace'; itemId: string; replacedBy: string; stratum: string; reason: string }
  | { kind: 'more'; stratum: string; count: number; itemIds: string[]; reason: string };

export interface StratumState {
  key: string;
  size: number;
  /** Quota from the plan (before any draw-more). */
  quota: number;
  /** Items added by draw-more. */
  extra: number;
  /** Items of L_s consumed: drawn (quota + extra) plus replacements made. */
  next: number;
  sparesLeft: number;
}

export interface StratifiedDraw<T extends PopulationItem = PopulationItem> {
  readonly seed: string;
  readonly sparesPerStratum: number;
  readonly population: readonly T[];
  /** The ticket order (not serialisable; rebuilt from population and seed when needed). */
  readonly order: TicketOrder;
  readonly strata: readonly StratumState[];
  /** The original draw, in ticket order (as made, before any event). */
  readonly initialDrawn: readonly DrawPick[];
  /** The original spares, in ticket order. */
  readonly initialSpares: readonly DrawPick[];
  readonly events: readonly DrawEvent[];
  /** Items drawn now (replaced ones removed, replacements and draw-more added), in ticket order. */
  readonly drawn: readonly DrawPick[];
  /** Spares available now, in ticket order. */
  readonly spares: readonly DrawPick[];
  /** Each stratum's list L_s, as far as walked. */
  readonly lists: ReadonlyMap<string, readonly DrawPick[]>;
}

/** Thrown for an impossible selection request; `message` is Chinese. */
export class SelectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelectionError';
  }
}

export interface SelectionOptions extends TicketOrderOptions {
  /** Reuse a ticket order already built for this population and seed. */
  order?: TicketOrder;
}

function byRank(a: DrawPick, b: DrawPick): number {
  return a.rank - b.rank;
}

/** Walks the order until every stratum has `need` items (capped at its size). */
function walk(
  order: TicketOrder,
  population: readonly PopulationItem[],
  need: ReadonlyMap<string, number>,
): Map<string, DrawPick[]> {
  const lists = new Map<string, DrawPick[]>();
  let pending = 0;
  for (const [key, n] of need) {
    lists.set(key, []);
    if (n > 0) pending++;
  }
  if (pending === 0) return lists;
  let rank = 0;
  for (const index of order.indices()) {
    rank++;
    const item = population[index]!;
    const want = need.get(item.stratum) ?? 0;
    const list = lists.get(item.stratum);
    if (list && list.length < want) {
      list.push({ rank, ticket: order.ticketOf(index), itemId: item.itemId, stratum: item.stratum, index });
      if (list.length === want && --pending === 0) break;
    }
  }
  return lists;
}

function currentState<T extends PopulationItem>(
  base: Omit<StratifiedDraw<T>, 'drawn' | 'spares' | 'lists' | 'strata'>,
  strata: StratumState[],
  replaced: ReadonlySet<string>,
): StratifiedDraw<T> {
  const need = new Map(strata.map((s) => [s.key, Math.min(s.size, s.next + s.sparesLeft)]));
  const lists = walk(base.order, base.population, need);
  const drawn: DrawPick[] = [];
  const spares: DrawPick[] = [];
  for (const s of strata) {
    const list = lists.get(s.key)!;
    for (let i = 0; i < list.length; i++) {
      const p = list[i]!;
      if (i < s.next) {
        if (!replaced.has(p.itemId)) drawn.push(p);
      } else spares.push(p);
    }
  }
  return { ...base, strata, drawn: drawn.sort(byRank), spares: spares.sort(byRank), lists };
}

/**
 * Draws `quotas` from `population` on the ticket order of its item ids under `seed`, with
 * `sparesPerStratum` spares per stratum that has a quota. Item ids must be distinct.
 */
export function selectStratified<T extends PopulationItem>(
  population: readonly T[],
  seed: string,
  quotas: readonly { key: string; quota: number }[],
  sparesPerStratum: number,
  options: SelectionOptions | Sha256Hex = {},
): StratifiedDraw<T> {
  const opts: SelectionOptions = typeof options === 'function' ? { sha: options } : options;
  if (!Number.isSafeInteger(sparesPerStratum) || sparesPerStratum < 0) {
    throw new SelectionError(`每层备选数必须是不小于 0 的整数，收到的是 ${String(sparesPerStratum)}。`);
  }
  const sizes = new Map<string, number>();
  for (const item of population) sizes.set(item.stratum, (sizes.get(item.stratum) ?? 0) + 1);
  const quotaOf = new Map<string, number>();
  for (const q of quotas) {
    if (quotaOf.has(q.key)) throw new SelectionError(`名额表中层“${q.key}”出现了两次。`);
    const size = sizes.get(q.key) ?? 0;
    if (!Number.isSafeInteger(q.quota) || q.quota < 0 || q.quota > size) {
      throw new SelectionError(`层“${q.key}”的名额 ${String(q.quota)} 无效：该层有 ${size} 件案卷。`);
    }
    quotaOf.set(q.key, q.quota);
  }
  for (const key of sizes.keys()) {
    if (!quotaOf.has(key)) throw new SelectionError(`层“${key}”有案卷，但名额表中没有这个层。`);
  }
  const order =
    opts.order ??
    ticketOrder(
      population.map((p) => p.itemId),
      seed,
      opts,
    );
  const strata: StratumState[] = quotas.map((q) => {
    const size = sizes.get(q.key) ?? 0;
    return {
      key: q.key,
      size,
      quota: q.quota,
      extra: 0,
      next: q.quota,
      sparesLeft: q.quota > 0 ? Math.min(sparesPerStratum, size - q.quota) : 0,
    };
  });
  const base = {
    seed,
    sparesPerStratum,
    population,
    order,
    initialDrawn: [] as DrawPick[],
    initialSpares: [] as DrawPick[],
    events: [] as DrawEvent[],
  };
  const made = currentState(base, strata, new Set());
  return { ...made, initialDrawn: made.drawn, initialSpares: made.spares };
}

function replacedSet(events: readonly DrawEvent[]): Set<string> {
  return new Set(events.filter((e) => e.kind === 'replace').map((e) => e.itemId));
}

/** Replaces a drawn item that cannot be produced by its stratum's next spare, recording why. */
export function replaceDrawnItem<T extends PopulationItem>(
  draw: StratifiedDraw<T>,
  itemId: string,
  reason: string,
): StratifiedDraw<T> {
  const target = draw.drawn.find((p) => p.itemId === itemId);
  if (!target) {
    const wasReplaced = draw.events.some((e) => e.kind === 'replace' && e.itemId === itemId);
    throw new SelectionError(
      wasReplaced
        ? `案卷“${itemId}”已经被替换过，不能再次替换。`
        : `案卷“${itemId}”不在当前抽中的案卷中，无法替换。`,
    );
  }
  if (reason.trim() === '') throw new SelectionError('请填写替换原因（例如：案卷无法调取）。');
  const strata = draw.strata.map((s) => ({ ...s }));
  const s = strata.find((x) => x.key === target.stratum)!;
  const list = draw.lists.get(s.key) ?? [];
  const spare = list[s.next];
  if (s.sparesLeft <= 0 || !spare) {
    throw new SelectionError(
      `层“${s.key}”的备选案卷已用完（每层 ${draw.sparesPerStratum} 件），无法替换“${itemId}”。` +
        '可以对该层“追加抽取”，或保留原案卷并注明情况。',
    );
  }
  s.next += 1;
  s.sparesLeft -= 1;
  const events: DrawEvent[] = [
    ...draw.events,
    { kind: 'replace', itemId, replacedBy: spare.itemId, stratum: s.key, reason },
  ];
  return currentState({ ...draw, events }, strata, replacedSet(events));
}

/** Draws `count` more items in each listed stratum, continuing the same ticket order. */
export function drawMore<T extends PopulationItem>(
  draw: StratifiedDraw<T>,
  extra: readonly { key: string; count: number }[],
  reason = '',
): StratifiedDraw<T> {
  const strata = draw.strata.map((s) => ({ ...s }));
  const added: { key: string; from: number; count: number }[] = [];
  for (const e of extra) {
    const s = strata.find((x) => x.key === e.key);
    if (!s) throw new SelectionError(`没有名为“${e.key}”的层，无法追加抽取。`);
    if (!Number.isSafeInteger(e.count) || e.count < 1) {
      throw new SelectionError(`层“${e.key}”的追加数量必须是正整数，收到的是 ${String(e.count)}。`);
    }
    const left = s.size - s.next;
    if (e.count > left) {
      throw new SelectionError(`层“${e.key}”只剩 ${left} 件未被抽中或用作替换，无法追加 ${e.count} 件。`);
    }
    if (s.quota + s.extra === 0) s.sparesLeft = draw.sparesPerStratum;
    added.push({ key: s.key, from: s.next, count: e.count });
    s.extra += e.count;
    s.next += e.count;
    s.sparesLeft = Math.min(s.sparesLeft, s.size - s.next);
  }
  const need = new Map(strata.map((s) => [s.key, Math.min(s.size, s.next + s.sparesLeft)]));
  const lists = walk(draw.order, draw.population, need);
  const events: DrawEvent[] = [...draw.events];
  for (const a of added) {
    const ids = lists
      .get(a.key)!
      .slice(a.from, a.from + a.count)
      .map((p) => p.itemId);
    events.push({ kind: 'more', stratum: a.key, count: a.count, itemIds: ids, reason });
  }
  return currentState({ ...draw, events }, strata, replacedSet(events));
}

/** Replays recorded events on a fresh selection (verification). Throws SelectionError if one is impossible. */
export function replayEvents<T extends PopulationItem>(
  draw: StratifiedDraw<T>,
  events: readonly (
    | { kind: 'replace'; itemId: string; reason: string }
    | { kind: 'more'; stratum: string; count: number; reason: string }
  )[],
): StratifiedDraw<T> {
  let d = draw;
  for (const e of events) {
    d =
      e.kind === 'replace'
        ? replaceDrawnItem(d, e.itemId, e.reason)
        : drawMore(d, [{ key: e.stratum, count: e.count }], e.reason);
  }
  return d;
}
