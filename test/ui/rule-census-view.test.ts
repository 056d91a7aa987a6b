// The 台账体检 summary is worked out once for every component that shows it (case browser, census tab,
// score-sheet hints): the same stored census gives the same summary object; a new census gives a new one.
import { describe, expect, it } from 'vitest';
import { censusView } from '../../renderer/ledgers/use-rule-census';
import { DEFAULT_RULE_PACK } from '../../shared/rules/default-rule-pack';
import { rulePackDigest } from '../../shared/rules/rule-pack';
import type { RuleCensusRecord } from '../../renderer/db/rule-census-repository';

const record = (checkedAt: string): RuleCensusRecord => ({
  importId: 'imp_a',
  packId: DEFAULT_RULE_PACK.id,
  packVersion: DEFAULT_RULE_PACK.version,
  packSha256: rulePackDigest(DEFAULT_RULE_PACK),
  registrySha256: '',
  checkedAt,
  ruleIds: ['CF-60-DECISION'],
  tallies: [],
  flagOffset: [0],
  flagRule: [0],
  flagItemId: ['交通运输局|X-1'],
  flagSentence: ['立案2025-01-02，决定2025-06-01，共150日，超过90日期限60日'],
});

describe('census view shared by its readers', () => {
  it('one summary per stored census, a new one when the census is re-run', () => {
    // each reader has its own copy of the records (its own live query)
    const a = censusView(DEFAULT_RULE_PACK, [record('2026-12-01T00:00:00.000Z')], ['imp_a']);
    const b = censusView(DEFAULT_RULE_PACK, [record('2026-12-01T00:00:00.000Z')], ['imp_a']);
    expect(b).toBe(a);
    expect(a.summary.flagsByItem.get('交通运输局|X-1')).toHaveLength(1);
    const c = censusView(DEFAULT_RULE_PACK, [record('2026-12-02T00:00:00.000Z')], ['imp_a']);
    expect(c).not.toBe(a);
    expect(censusView(DEFAULT_RULE_PACK, [record('2026-12-02T00:00:00.000Z')], [])).not.toBe(c);
  });
});
