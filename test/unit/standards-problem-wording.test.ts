// 问题表述: every item of the four default standards words its problem for the 通报 (not the requirement), and
// the wording survives the JSON file format.
import { describe, expect, it } from 'vitest';
import { defaultStandards } from '../../shared/standards/default-standards';
import { parseStandardJson, serializeStandard } from '../../shared/standards/standard-model';

describe('问题表述 of standard items', () => {
  it('every default item has its own problem wording, different from its requirement', () => {
    for (const s of defaultStandards())
      for (const c of s.categories)
        for (const it of c.items) {
          expect(it.problemWording, `${s.id} ${it.id}`).toBeTruthy();
          expect(it.problemWording).not.toBe(it.title);
          expect(it.problemWording).not.toMatch(/ /u);
        }
  });

  it('round-trips through the JSON file and stays optional', () => {
    const s = defaultStandards()[0]!;
    const parsed = parseStandardJson(serializeStandard(s));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.standard.categories[0]!.items[0]!.problemWording).toBe(
      s.categories[0]!.items[0]!.problemWording,
    );
    const without = structuredClone(s);
    delete without.categories[0]!.items[0]!.problemWording;
    const again = parseStandardJson(serializeStandard(without));
    expect(again.ok && again.standard.categories[0]!.items[0]!.problemWording).toBeUndefined();
  });
});
