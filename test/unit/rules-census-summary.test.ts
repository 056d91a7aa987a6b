import { describe, expect, it } from 'vitest';
import { flaggedItemIds, summariseCensus, type StoredCensus } from '../../shared/rules/census-summary';
import { DEFAULT_RULE_PACK } from '../../shared/rules/default-rule-pack';

const tally = (ruleId: string, flagged: number, department: string) => ({
  ruleId,
  applicable: 10,
  flagged,
  cannotCheck: 2,
  cannotCheckReasons: { '台账无“决定日期”列': 2 },
  flaggedByDepartment: { [department]: flagged },
});

const rec = (importId: string, sha: string, department: string, items: string[]): StoredCensus => ({
  importId,
  packSha256: sha,
  ruleIds: ['SC-64-DECISION', 'ZJ-MISSING'],
  tallies: [tally('SC-64-DECISION', items.length, department), tally('ZJ-MISSING', 1, department)],
  flagRule: [...items.map(() => 0), 1],
  flagItemId: [...items, items[0]!],
  flagSentence: [...items.map((i) => `超期 ${i}`), '缺证'],
  checkedAt: '2026-12-01T00:00:00.000Z',
});

describe('census summary', () => {
  it('sums current census per rule and per department, skips stale and deleted imports', () => {
    const s = summariseCensus(
      [
        rec('a', 'P', '市场监管局', ['a1', 'a2']),
        rec('b', 'P', '交通局', ['b1']),
        rec('c', 'OLD', '交通局', ['c1']),
        rec('gone', 'P', '交通局', ['g1']),
      ],
      DEFAULT_RULE_PACK,
      'P',
      ['a', 'b', 'c'],
    );
    expect(s).toMatchObject({ current: 2, stale: 1, totalFlags: 5 });
    const sc = s.lines.find((l) => l.ruleId === 'SC-64-DECISION')!;
    expect(sc).toMatchObject({
      applicable: 20,
      flagged: 3,
      cannotCheck: 4,
      citation: '《市场监督管理行政处罚程序规定》第六十四条',
    });
    expect(sc.cannotCheckReasons).toEqual({ '台账无“决定日期”列': 4 });
    expect(s.byDepartment).toEqual({
      市场监管局: { 'SC-64-DECISION': 2, 'ZJ-MISSING': 1 },
      交通局: { 'SC-64-DECISION': 1, 'ZJ-MISSING': 1 },
    });
    expect(s.flagsByItem.get('a1')).toEqual([
      { ruleId: 'SC-64-DECISION', sentence: '超期 a1', checkedAt: '2026-12-01T00:00:00.000Z' },
      { ruleId: 'ZJ-MISSING', sentence: '缺证', checkedAt: '2026-12-01T00:00:00.000Z' },
    ]);
    expect([...flaggedItemIds(s, 'ZJ-MISSING')].sort()).toEqual(['a1', 'b1']);
    expect(flaggedItemIds(s, null).size).toBe(3);
    expect(flaggedItemIds(s, 'CF-51-ON-THE-SPOT').size).toBe(0);
  });
});

describe('census summary on the main thread', () => {
  it('counts without touching the flags; the index of every flag is built on first read, once', () => {
    const reads = { n: 0 };
    const counting = <T>(values: T[]): T[] =>
      new Proxy(values, {
        get(target, key, receiver) {
          if (typeof key === 'string' && /^\d+$/.test(key)) reads.n++;
          return Reflect.get(target, key, receiver) as unknown;
        },
      });
    const r = rec('a', 'P', '市场监管局', ['a1', 'a2', 'a3']);
    const watched = {
      ...r,
      flagItemId: counting(r.flagItemId),
      flagRule: counting(r.flagRule),
      flagSentence: counting(r.flagSentence),
    };
    const s = summariseCensus([watched], DEFAULT_RULE_PACK, 'P', ['a']);
    expect(s.totalFlags).toBe(4);
    expect(s.lines.find((l) => l.ruleId === 'SC-64-DECISION')!.flagged).toBe(3);
    expect(reads.n).toBe(0);
    const index = s.flagsByItem;
    expect(index.get('a1')).toEqual([
      { ruleId: 'SC-64-DECISION', sentence: '超期 a1', checkedAt: '2026-12-01T00:00:00.000Z' },
      { ruleId: 'ZJ-MISSING', sentence: '缺证', checkedAt: '2026-12-01T00:00:00.000Z' },
    ]);
    const afterFirst = reads.n;
    expect(afterFirst).toBeGreaterThan(0);
    expect(s.flagsByItem).toBe(index);
    expect(reads.n).toBe(afterFirst);
  });
});
