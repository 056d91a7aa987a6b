import { describe, expect, it } from 'vitest';
import {
  BackupWriter,
  concatBytes,
  readBackupManifest,
  readPartRecords,
} from '../../shared/backup/backup-format';
import {
  canonicalTyped,
  describeTyped,
  encodeTypedAsync,
  parseTyped,
  stringifyTyped,
  stringifyTypedAsync,
  TypedJsonError,
} from '../../shared/backup/typed-json';
import { canonicalJson } from '../../shared/util/canonical-json';

const roundTrip = (v: unknown) => parseTyped(stringifyTyped(v));

describe('typed JSON (the one serialisation of store records)', () => {
  it('gives back every typed array with its constructor and contents', () => {
    const values = [
      new Int8Array([-128, 0, 127]),
      new Uint8Array([0, 1, 255]),
      new Uint8ClampedArray([0, 200, 255]),
      new Int16Array([-32768, 5, 32767]),
      new Uint16Array([0, 7, 65535]),
      new Int32Array([-2147483648, 9, 2147483647]),
      new Uint32Array([0, 4294967295, 123456]),
      new Float32Array([1.5, -0, Number.NaN]),
      new Float64Array([Math.PI, -Infinity, 1e300]),
      new BigInt64Array([-(2n ** 63n), 42n]),
      new BigUint64Array([2n ** 64n - 1n, 0n]),
    ];
    for (const v of values) {
      const back = roundTrip(v);
      expect(Object.prototype.toString.call(back)).toBe(Object.prototype.toString.call(v));
      expect(describeTyped(back)).toEqual(describeTyped(v));
    }
  });

  it('keeps a draw population stratum index (the bug of issue 10): Uint16Array stays a Uint16Array', () => {
    const row = { drawId: 'd1', ids: ['a', 'b', 'c'], populationStrata: new Uint16Array([0, 2, 1]) };
    const text = stringifyTyped(row);
    expect(text).not.toContain('"0":0');
    const back = parseTyped(text) as typeof row;
    expect(back.populationStrata).toBeInstanceOf(Uint16Array);
    expect([...back.populationStrata]).toEqual([0, 2, 1]);
  });

  it('copies only the visible bytes of a view into a larger buffer', () => {
    const buffer = new ArrayBuffer(16);
    new Uint8Array(buffer).set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
    const view = new Uint16Array(buffer, 4, 3);
    const back = roundTrip(view) as Uint16Array;
    expect(back.length).toBe(3);
    expect([...back]).toEqual([...view]);
    const dv = roundTrip(new DataView(buffer, 2, 4)) as DataView;
    expect(dv).toBeInstanceOf(DataView);
    expect([...new Uint8Array(dv.buffer)]).toEqual([3, 4, 5, 6]);
    const ab = roundTrip(buffer) as ArrayBuffer;
    expect(ab).toBeInstanceOf(ArrayBuffer);
    expect([...new Uint8Array(ab)]).toEqual([...new Uint8Array(buffer)]);
  });

  it('keeps Dates (valid and invalid), Maps, Sets, BigInts, NaN, ±Infinity and -0', () => {
    const v = {
      at: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6)),
      bad: new Date(Number.NaN),
      map: new Map<unknown, unknown>([
        ['k', new Uint32Array([1])],
        [2, null],
      ]),
      set: new Set(['a', 1]),
      big: 2n ** 70n,
      nums: [Number.NaN, Infinity, -Infinity, -0, 0, 1.25],
    };
    const back = roundTrip(v);
    expect(describeTyped(back)).toEqual(describeTyped(v));
    expect(Object.is((back as typeof v).nums[3], -0)).toBe(true);
    expect(Object.is((back as typeof v).nums[4], 0)).toBe(true);
  });

  it('tells an undefined member apart from a missing one, and undefined in arrays from null', () => {
    const v = { present: undefined, list: [undefined, null, 1] };
    const back = roundTrip(v) as Record<string, unknown>;
    expect('present' in back).toBe(true);
    expect(back.present).toBeUndefined();
    expect(back.list).toEqual([undefined, null, 1]);
    expect((back.list as unknown[])[0]).toBeUndefined();
    expect('absent' in (roundTrip({}) as object)).toBe(false);
  });

  it('never mistakes a record that owns the tag key for a tag', () => {
    const v = { $pingcha: 'ta', t: 'Uint8Array', v: 'AAAA', nested: { $pingcha: 'date', v: 'x' } };
    expect(roundTrip(v)).toEqual(v);
  });

  it('reads the tags of backups written before this module (u8, ab, date)', () => {
    const old =
      '{"bytes":{"$pingcha":"u8","v":"AAH6/w=="},"at":{"$pingcha":"date","v":"2025-01-01T00:00:00.000Z"}}';
    const back = parseTyped(old) as { bytes: Uint8Array; at: Date };
    expect(back.bytes).toBeInstanceOf(Uint8Array);
    expect([...back.bytes]).toEqual([0, 1, 250, 255]);
    expect(back.at).toBeInstanceOf(Date);
  });

  it('reads a Blob asynchronously (bytes and MIME type); the sync form refuses a Blob', async () => {
    const blob = new Blob([new Uint8Array([9, 8, 7])], { type: 'application/pdf' });
    expect(() => stringifyTyped({ blob })).toThrow(TypedJsonError);
    const back = parseTyped(await stringifyTypedAsync({ blob })) as { blob: Blob };
    expect(back.blob).toBeInstanceOf(Blob);
    expect(back.blob.type).toBe('application/pdf');
    expect([...new Uint8Array(await back.blob.arrayBuffer())]).toEqual([9, 8, 7]);
    expect(await encodeTypedAsync([1, 'a'])).toEqual([1, 'a']);
  });

  it('writes records holding Blobs into a backup (bytes read after the synchronous writes)', async () => {
    const chunks: Uint8Array[] = [];
    const w = new BackupWriter({ onData: (c) => chunks.push(c) });
    w.beginTable('files', 'id');
    w.addRecords([
      { id: 'a', blob: new Blob(['甲'], { type: 'text/plain' }) },
      { id: 'b', plain: new Uint32Array([1, 2]) },
    ]);
    w.endTable();
    await w.finish({
      appVersion: '0.1.0',
      schemaVersion: 3,
      createdAt: '2026-01-01T00:00:00Z',
      reason: 'manual',
      databaseName: 'x',
    });
    const bytes = concatBytes(chunks);
    const table = readBackupManifest(bytes).tables[0]!;
    expect(table.count).toBe(2);
    const records = table.parts.flatMap((_, i) => readPartRecords(bytes, table, i)) as {
      id: string;
      blob?: Blob;
      plain?: Uint32Array;
    }[];
    const a = records.find((r) => r.id === 'a')!;
    expect(a.blob).toBeInstanceOf(Blob);
    expect(await a.blob!.text()).toBe('甲');
    expect(records.find((r) => r.id === 'b')!.plain).toBeInstanceOf(Uint32Array);
  });

  it('canonical form: same text as canonicalJson for plain JSON (package digests unchanged), typed values tagged', () => {
    const plain = { b: [1, 'x', null, { z: true, a: 2 }], a: '评查', u: undefined };
    expect(canonicalTyped(plain)).toBe(canonicalJson(plain));
    const typed = { s: new Uint16Array([1, 2]) };
    expect(describeTyped(parseTyped(canonicalTyped(typed)))).toEqual(describeTyped(typed));
  });
});
