// Issue 31: text held as code units in one buffer answers exactly as the JS strings it was made from:
// rows back (null, empty, Chinese, surrogate pairs), order as `<`, case-insensitive search as
// toLowerCase().includes, and the lookup table finds each text's first row.
import { describe, expect, it } from 'vitest';
import {
  exactLength,
  lowerNeedle,
  TextColumn,
  TextColumnLookup,
  TextSet,
} from '../../shared/cases/text-column';

const SAMPLES: (string | null)[] = [
  '德阳市交通运输局|德交罚〔2025〕12号',
  '',
  null,
  'A-1',
  'a-1',
  '𠮷野家（分店）',
  'ÄBC-Ü',
  '2025-03-15',
  'x',
];

function columnOf(values: readonly (string | null)[]): TextColumn {
  const c = new TextColumn();
  for (const v of values) c.push(v);
  return c;
}

describe('text column', () => {
  it('gives every row back as it was pushed, before and after packing', () => {
    const c = columnOf(SAMPLES);
    expect(c.toArray()).toEqual(SAMPLES);
    const bulk = new TextColumn(); // a chunk's column at once, in two parts
    bulk.pushAll(SAMPLES, 0, 4);
    bulk.pushAll(SAMPLES, 4);
    expect(bulk.toArray()).toEqual(SAMPLES);
    expect(bulk.pack()).toEqual(c.pack());
    const back = TextColumn.fromPacked(c.pack());
    expect(back.toArray()).toEqual(SAMPLES);
    expect(back.text(2)).toBe('');
    expect(back.isNull(2)).toBe(true);
    expect(back.isNull(1)).toBe(false);
    const noNulls = columnOf(['a', 'b']).pack();
    expect(noNulls.nulls.length).toBe(0);
    expect(TextColumn.fromPacked(noNulls).at(1)).toBe('b');
  });

  it('compares as JS strings compare and searches as toLowerCase().includes', () => {
    const strings = SAMPLES.map((s) => s ?? '');
    const c = columnOf(strings);
    const probes = ['', '2025-03-01', '2025-03-15', '2025-12-31', 'A', 'a-1', '德', '𠮷', 'äbc'];
    for (let i = 0; i < strings.length; i++)
      for (const p of probes) {
        const s = strings[i]!;
        expect(c.compare(i, p)).toBe(s < p ? -1 : s > p ? 1 : 0);
        expect(c.includesLower(i, lowerNeedle(p.toLowerCase()))).toBe(
          s.toLowerCase().includes(p.toLowerCase()),
        );
        expect(c.equals(i, p)).toBe(s === p);
      }
  });

  it('finds the first row holding a text, through growth, and nothing for an absent one', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => `部门${i % 7}|N-${i}`);
    ids.push('部门3|N-3'); // repeated: the first row is the one found
    const c = columnOf(ids);
    const lookup = new TextColumnLookup(c, 0);
    expect(lookup.size).toBe(5000);
    for (const i of [0, 3, 1234, 4999]) expect(lookup.find(ids[i]!)).toBe(i);
    expect(lookup.find('部门3|N-5000')).toBe(-1);
    c.push('新增|1');
    expect(lookup.add(c.size - 1)).toBe(true);
    expect(lookup.find('新增|1')).toBe(c.size - 1);
    c.push('新增|1');
    expect(lookup.add(c.size - 1)).toBe(false);
    expect(lookup.find('新增|1')).toBe(c.size - 2);
  });

  it('a text set holds each text once and answers has() as a Set of strings', () => {
    const set = new TextSet();
    const reference = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      const id = `市场监督管理局|N-${(i * 7919) % 12_000}`;
      set.add(id);
      reference.add(id);
    }
    expect(set.size).toBe(reference.size);
    for (let i = 0; i < 13_000; i += 37) {
      const id = `市场监督管理局|N-${i}`;
      expect(set.has(id)).toBe(reference.has(id));
    }
    expect(set.has('')).toBe(false);
  });

  it('packs with release: the own buffers cut to length by ArrayBuffer.transfer, the old ones detached', () => {
    const proto = ArrayBuffer.prototype as ArrayBuffer & { transfer?: (n: number) => ArrayBuffer };
    const had = Object.getOwnPropertyDescriptor(proto, 'transfer');
    // the engine's transfer where Node has none yet (Chromium has had it since 114)
    if (!had)
      proto.transfer = function (this: ArrayBuffer, n: number) {
        const out = this.slice(0, n);
        structuredClone(this, { transfer: [this] });
        return out;
      };
    try {
      const c = new TextColumn();
      c.pushAll(SAMPLES);
      const copy = c.pack();
      const own = (c as unknown as { units: Uint16Array }).units;
      const released = c.pack(true);
      expect(own.buffer.byteLength).toBe(0); // detached: its memory is the packed column's now
      expect(released).toEqual(copy);
      expect(TextColumn.fromPacked(released).toArray()).toEqual(SAMPLES);
      const a = Int32Array.from([1, 2, 3, 4]);
      expect([...exactLength(a, 2, false)]).toEqual([1, 2]);
      expect(a.length).toBe(4);
      expect([...exactLength(a, 2, true)]).toEqual([1, 2]);
      expect(a.buffer.byteLength).toBe(0);
    } finally {
      if (!had) delete proto.transfer;
    }
  });
});
