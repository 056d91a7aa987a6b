// Issue 31: a restore decodes and writes a backup a page at a time. An instrumented reader (parseTyped,
// the one record decoder) counts the rows decoded since the last write: inside the restore's transaction
// it never exceeds one page, every page is written as it is decoded, and the round trip is identical.
import { describe, expect, it, vi } from 'vitest';
import { exportDatabase, restoreBackup } from '../../renderer/db/backup-repository';
import { RECORD_PAGE_ROWS } from '../../shared/backup/backup-format';
import { confirmingTrust, freshDb, snapshot } from './helpers';

const decoded = vi.hoisted(() => ({ sinceWrite: 0 }));
vi.mock('../../shared/backup/typed-json', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../shared/backup/typed-json')>();
  return {
    ...actual,
    parseTyped: (text: string) => {
      decoded.sinceWrite++;
      return actual.parseTyped(text);
    },
  };
});

// 20,000 rows (not 200k: fake-indexeddb took ~55 s for 200k on the shared machine); one part holds them all.
const ROWS = 20_000;

describe('paged restore', () => {
  it(`${ROWS} rows: decoded and written page by page (at most ${RECORD_PAGE_ROWS} rows at once), identical round trip`, async () => {
    const source = freshDb();
    const reviewers = Array.from({ length: ROWS }, (_, i) => ({
      id: `r${i}`,
      name: `评查员${i}`,
      campaignId: `c${i % 7}`,
      conflicts: i % 3 === 0 ? ['市场监督管理局'] : [],
    }));
    await source.table('reviewers').bulkPut(reviewers);
    const { bytes, manifest } = await exportDatabase(source, { appVersion: '0.1.0', reason: 'manual' });
    const parts = manifest.tables.find((t) => t.name === 'reviewers')!.parts;
    // More rows in a part than a page: the part itself is not what bounds the decoding.
    expect(Math.max(...parts.map((p) => p.count))).toBeGreaterThan(RECORD_PAGE_ROWS);

    const target = freshDb();
    await target.open();
    // Each write takes the rows decoded since the previous one.
    const written: number[] = [];
    let writing = false;
    for (const table of target.tables) {
      const original = table.bulkPut.bind(table);
      table.bulkPut = ((...args: Parameters<typeof original>) => {
        if (writing) written.push(decoded.sinceWrite);
        decoded.sinceWrite = 0;
        return original(...args);
      }) as typeof table.bulkPut;
    }
    await restoreBackup(
      target,
      bytes,
      confirmingTrust(bytes, {
        appVersion: '0.1.0',
        actor: '测试员',
        onProgress: (p: { phase: string; done: number }) => {
          // The replacing transaction starts: from here every decoded row is counted.
          if (p.phase === 'write' && p.done === 0) {
            writing = true;
            decoded.sinceWrite = 0;
          }
        },
      }),
    );
    expect(Math.max(...written)).toBe(RECORD_PAGE_ROWS);
    expect(written.reduce((a, n) => a + n, 0)).toBeGreaterThanOrEqual(ROWS);
    expect(written.filter((n) => n === RECORD_PAGE_ROWS).length).toBeGreaterThanOrEqual(
      ROWS / RECORD_PAGE_ROWS - parts.length,
    );

    const [a, b] = [await snapshot(source), await snapshot(target)] as Record<string, unknown[]>[];
    expect(b!.reviewers).toEqual(a!.reviewers);
    expect(b!.reviewers).toHaveLength(ROWS);
  }, 60_000);
});
