import { describe, expect, it } from 'vitest';
import {
  planMerge,
  resolveMerge,
  type MergeInput,
  type MergeSheet,
} from '../../shared/packages/merge-sheets';
import type { PackageSheet } from '../../shared/packages/panel-package';

const SRC = 'package:pkg_a';

function sheet(
  item: string,
  revision: number,
  deductions: string[] = [],
  over: Partial<PackageSheet> = {},
): PackageSheet {
  return {
    id: `c1|${item}|r1`,
    campaignId: 'c1',
    itemId: item,
    reviewerId: 'r1',
    standardId: 's',
    standardVersion: 1,
    sheet: {
      deductions: deductions.map((d) => ({ itemId: d, optionId: 'o', count: 1, problem: '问题' })),
      vetoes: [],
    },
    status: 'draft',
    revision,
    updatedAt: '2026-01-01T00:00:00Z',
    updatedBy: '评查员',
    submittedAt: null,
    origin: 'local',
    ...over,
  };
}

function input(incoming: PackageSheet[], local: MergeSheet[], over: Partial<MergeInput> = {}): MergeInput {
  return {
    incoming,
    baseRevisions: { 'c1|f1|r1': 2, 'c1|f2|r1': 0 },
    local: new Map(local.map((s) => [s.id, s])),
    source: SRC,
    lockedItemIds: new Set(),
    isAssigned: () => true,
    ...over,
  };
}

/** Applies resolved rows to a local map, like the repository does. */
function apply(local: MergeSheet[], rows: MergeSheet[]): MergeSheet[] {
  const m = new Map(local.map((s) => [s.id, s]));
  for (const r of rows) m.set(r.id, r);
  return [...m.values()];
}

describe('results package merge rules', () => {
  it('takes sheets only the reviewer changed, and adds new ones', () => {
    const plan = planMerge(input([sheet('f1', 4, ['a']), sheet('f2', 3, ['b'])], [sheet('f1', 2)]));
    expect(plan.counts).toMatchObject({ update: 1, add: 1, conflict: 0 });
    const rows = resolveMerge(plan, {}, SRC);
    expect(rows.map((r) => [r.id, r.revision, r.origin])).toEqual([
      ['c1|f1|r1', 4, SRC],
      ['c1|f2|r1', 3, SRC],
    ]);
  });

  it('sheets the reviewer did not touch are unchanged, even when changed locally', () => {
    const plan = planMerge(input([sheet('f1', 2)], [sheet('f1', 5, ['x'])]));
    expect(plan.counts.unchanged).toBe(1);
    expect(resolveMerge(plan, {}, SRC)).toEqual([]);
  });

  it('is idempotent: importing the same package twice changes nothing the second time', () => {
    const incoming = [sheet('f1', 4, ['a']), sheet('f2', 3, ['b'])];
    let local: MergeSheet[] = [sheet('f1', 2)];
    local = apply(local, resolveMerge(planMerge(input(incoming, local)), {}, SRC));
    const second = planMerge(input(incoming, local));
    expect(second.counts).toMatchObject({ unchanged: 2, add: 0, update: 0, conflict: 0 });
  });

  it('detects a conflict when the same sheet changed in both places, and applies the choice', () => {
    const local = [sheet('f1', 3, ['local'])];
    const plan = planMerge(input([sheet('f1', 4, ['reviewer'])], local));
    expect(plan.counts.conflict).toBe(1);
    const c = plan.outcomes[0]!;
    expect(c.kind === 'conflict' && c.local.sheet.deductions[0]!.itemId).toBe('local');
    expect(c.kind === 'conflict' && c.incoming.sheet.deductions[0]!.itemId).toBe('reviewer');
    expect(() => resolveMerge(plan, {}, SRC)).toThrow(/冲突/);
    const [takeIncoming] = resolveMerge(plan, { 'c1|f1|r1': 'incoming' }, SRC);
    expect(takeIncoming!.sheet.deductions[0]!.itemId).toBe('reviewer');
    expect(takeIncoming!.revision).toBe(5);
    const [keepLocal] = resolveMerge(plan, { 'c1|f1|r1': 'local' }, SRC);
    expect(keepLocal!.sheet.deductions[0]!.itemId).toBe('local');
    // Once chosen, the same package asks nothing again.
    const after = apply(local, [keepLocal!]);
    expect(planMerge(input([sheet('f1', 4, ['reviewer'])], after)).counts.unchanged).toBe(1);
  });

  it('the same content changed in both places is not a conflict', () => {
    const plan = planMerge(input([sheet('f1', 4, ['same'])], [sheet('f1', 3, ['same'])]));
    expect(plan.counts.update).toBe(1);
  });

  it('two results packages for the same sheet: a newer one fast-forwards, an older one changes nothing', () => {
    const older = sheet('f1', 4, ['v4']);
    const newer = sheet('f1', 6, ['v6']);
    let local: MergeSheet[] = [sheet('f1', 2)];
    local = apply(local, resolveMerge(planMerge(input([newer], local)), {}, SRC));
    expect(planMerge(input([older], local)).counts.unchanged).toBe(1);
    let local2: MergeSheet[] = [sheet('f1', 2)];
    local2 = apply(local2, resolveMerge(planMerge(input([older], local2)), {}, SRC));
    const plan = planMerge(input([newer], local2));
    expect(plan.counts.update).toBe(1);
    expect(apply(local2, resolveMerge(plan, {}, SRC))[0]!.sheet.deductions[0]!.itemId).toBe('v6');
  });

  it('packages from two different workspaces for the same sheet conflict when both changed it', () => {
    let local: MergeSheet[] = [sheet('f1', 2)];
    local = apply(local, resolveMerge(planMerge(input([sheet('f1', 4, ['A'])], local)), {}, SRC));
    const plan = planMerge(input([sheet('f1', 3, ['B'])], local, { source: 'package:pkg_b' }));
    expect(plan.counts.conflict).toBe(1);
  });

  it('never touches a finalised file or a file no longer assigned to the reviewer', () => {
    const plan = planMerge(
      input([sheet('f1', 4, ['a']), sheet('f2', 3, ['b'])], [sheet('f1', 2)], {
        lockedItemIds: new Set(['f1']),
        isAssigned: (item) => item !== 'f2',
      }),
    );
    expect(plan.counts).toMatchObject({ locked: 1, 'not-assigned': 1 });
    expect(resolveMerge(plan, {}, SRC)).toEqual([]);
  });
});
