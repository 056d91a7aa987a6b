// The stored 台账体检 census is read once for all its readers on a page (issue 26, no UI task over 200 ms):
// the flags of 500,000 rows are megabytes, and a live query per reader read and copied them once per reader
// each time a census landed. Every reader sees the same records; a new census reaches them all.
import { describe, expect, it } from 'vitest';
import { render, waitFor } from '@testing-library/react';
import Dexie from 'dexie';
import { getDatabase } from '../../renderer/db/database';
import { useStoredRuleCensus } from '../../renderer/db/hooks/ledgers';
import type { RuleCensusRecord } from '../../renderer/db/rule-census-repository';
import { DEFAULT_RULE_PACK } from '../../shared/rules/default-rule-pack';
import { rulePackDigest } from '../../shared/rules/rule-pack';

const record = (checkedAt: string, flags: number): RuleCensusRecord => ({
  importId: 'imp_shared',
  packId: DEFAULT_RULE_PACK.id,
  packVersion: DEFAULT_RULE_PACK.version,
  packSha256: rulePackDigest(DEFAULT_RULE_PACK),
  registrySha256: '',
  checkedAt,
  ruleIds: ['ZJ-MISSING'],
  tallies: [],
  flagOffset: Array.from({ length: flags }, (_, i) => i),
  flagRule: Array.from({ length: flags }, () => 0),
  flagItemId: Array.from({ length: flags }, (_, i) => `交通运输局|X-${i}`),
  flagSentence: Array.from({ length: flags }, () => '承办人未填执法证号'),
});

type Seen = NonNullable<ReturnType<typeof useStoredRuleCensus>>['records'][];

function Reader({ seen }: { seen: Seen }) {
  const data = useStoredRuleCensus();
  if (data) seen.push(data.records);
  return <span>{data ? data.records.length : '…'}</span>;
}

describe('one shared read of the stored census', () => {
  it('three readers get the very same records; a new census reaches all of them', async () => {
    const db = getDatabase();
    await db.ruleCensus.put(record('2026-12-01T00:00:00.000Z', 3));
    const seen: Seen[] = [[], [], []];
    const view = render(
      <>
        <Reader seen={seen[0]!} />
        <Reader seen={seen[1]!} />
        <Reader seen={seen[2]!} />
      </>,
    );
    await waitFor(() => expect(seen.every((s) => s.length > 0)).toBe(true));
    const first = seen[0]!.at(-1)!;
    expect(first[0]!.flagItemId).toHaveLength(3);
    expect(seen[1]!.at(-1)).toBe(first);
    expect(seen[2]!.at(-1)).toBe(first);

    await db.ruleCensus.put(record('2026-12-02T00:00:00.000Z', 5));
    await waitFor(() => expect(seen.every((s) => s.at(-1)![0]!.flagItemId.length === 5)).toBe(true));
    expect(seen[1]!.at(-1)).toBe(seen[0]!.at(-1));
    expect(seen[2]!.at(-1)).toBe(seen[0]!.at(-1));
    view.unmount();

    // read afresh by the next reader, never a census kept from before
    await db.ruleCensus.put(record('2026-12-03T00:00:00.000Z', 7));
    const later: Seen = [];
    render(<Reader seen={later} />);
    await waitFor(() => expect(later.at(-1)?.[0]!.flagItemId).toHaveLength(7));
    expect(later.every((r) => r[0]!.flagItemId.length === 7)).toBe(true);
  });

  it("keeps the census out of Dexie's live-query cache, so no deep copy of megabytes of flags per read", async () => {
    const db = getDatabase();
    await db.ruleCensus.put(record('2026-12-04T00:00:00.000Z', 4));
    const seen: Seen = [];
    const view = render(<Reader seen={seen} />);
    await waitFor(() => expect(seen.at(-1)?.[0]!.flagItemId).toHaveLength(4));
    const cached = Dexie.cache[`idb://${db.name}/ruleCensus`];
    expect(Object.values(cached?.queries.query ?? {}).flat()).toHaveLength(0);
    view.unmount();
  });
});
