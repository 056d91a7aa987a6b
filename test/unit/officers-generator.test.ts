import { describe, expect, it } from 'vitest';
import { passRateBySitting } from '../../shared/officers/exams';
import { isValidIdNumber } from '../../shared/officers/id-card';
import { validateRegistry } from '../../shared/officers/officer-checks';
import { createRng, generateOfficerDataset } from '../../shared/officers/officer-generator';
import { officerSchema } from '../../shared/officers/officer-model';

describe('officer generator', () => {
  const data = generateOfficerDataset();
  it('is deterministic for a seed and differs across seeds', () => {
    const again = generateOfficerDataset();
    expect(again.officers).toEqual(data.officers);
    expect(again.candidates).toEqual(data.candidates);
    expect(
      generateOfficerDataset({ seed: 'other' }).officers[0]!.name +
        generateOfficerDataset({ seed: 'other' }).officers[1]!.idNumber,
    ).not.toBe(data.officers[0]!.name + data.officers[1]!.idNumber);
    const a = createRng('x');
    const b = createRng('x');
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });
  it('produces valid, schema-conforming officers across 33 departments, mostly formal staff', () => {
    expect(data.officers).toHaveLength(1000);
    for (const o of data.officers) {
      expect(officerSchema.safeParse(o).success).toBe(true);
      expect(isValidIdNumber(o.idNumber)).toBe(true);
    }
    expect(new Set(data.officers.map((o) => o.department)).size).toBe(33);
    const nonFormal = data.officers.filter((o) => o.employmentType !== '正式在编');
    expect(nonFormal.length).toBeGreaterThan(0);
    expect(nonFormal.length).toBeLessThan(20);
    expect(validateRegistry(data.officers).filter((i) => i.severity === 'error')).toEqual([]);
  });
  it('produces ~1400 candidates for the latest sitting with ~77% passing', () => {
    const latest = passRateBySitting(data.sittings, data.candidates).find((s) => s.label === '第17次')!;
    expect(latest.registered).toBe(1400);
    expect(latest.passRate).toBeGreaterThan(0.72);
    expect(latest.passRate).toBeLessThan(0.82);
    for (const c of data.candidates.slice(0, 200)) expect(isValidIdNumber(c.idNumber)).toBe(true);
  });
});
