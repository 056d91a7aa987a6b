import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { preparePopulation, type DrawCase } from '../../shared/draw/draw-record';
import { stratumKey } from '../../shared/draw/selection';

const hash = (s: string) => createHash('sha256').update(s).digest('hex');

const cases: DrawCase[] = Array.from({ length: 30 }, (_, i) => ({
  itemId: `部门${i % 3}|${String(i).padStart(3, '0')}号`,
  caseNo: `${i}号`,
  department: `部门${i % 3}`,
  caseType: i % 2 ? '行政处罚' : '行政检查',
  closedDate: null,
  filedDate: null,
}));
const sorted = [...cases].sort((a, b) => (a.itemId < b.itemId ? -1 : 1));

describe('preparePopulation given strata and digests computed ahead', () => {
  it('gives the same prepared population as computing them itself, without copying the cases', () => {
    const by = 'department×caseType' as const;
    const plain = preparePopulation(sorted, by, hash, { sorted: true });
    const withStrata = sorted.map((c) => ({ ...c, stratum: stratumKey(c.department, c.caseType, true) }));
    const digests = {
      population: hash(withStrata.map((c) => c.itemId).join('\n')),
      strata: new Map(
        plain.strata.map((s) => [
          s.key,
          hash(
            plain.items
              .filter((c) => c.stratum === s.key)
              .map((c) => c.itemId)
              .join('\n'),
          ),
        ]),
      ),
    };
    let hashed = 0;
    const counting = (s: string) => {
      hashed++;
      return hash(s);
    };
    const ahead = preparePopulation(withStrata, by, counting, { sorted: true, withStrata: true, digests });
    expect(ahead).toEqual(plain);
    expect(hashed).toBe(0); // every digest came from the caller
    expect(ahead.items[0]).toBe(withStrata[0]); // used as they are
  });

  it('refuses cases whose stratum is not their key under the rule', () => {
    const wrong = sorted.map((c) => ({ ...c, stratum: stratumKey(c.department, c.caseType, true) }));
    expect(() => preparePopulation(wrong, 'department', hash, { sorted: true, withStrata: true })).toThrow(
      /stratum/,
    );
  });
});
