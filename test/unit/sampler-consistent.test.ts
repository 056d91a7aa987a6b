import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  SamplerError,
  drawSample,
  firstNonNine,
  firstTicket,
  nextTicket,
  ticketNumber,
  ticketOrder,
  trimTicket,
} from '../../shared/draw/sampler';
import { sha256Hex } from '../../shared/crypto/sha256';

const nodeSha = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

// ---- An independent, deliberately plain implementation of the handbook's definitions. ----
function naiveU(s: string, sha = nodeSha): string {
  return (
    '0.' +
    [
      ...BigInt('0x' + sha(s))
        .toString(10)
        .padStart(64, '0'),
    ]
      .reverse()
      .join('')
  );
}
function naiveP(x: string): number {
  const x0 = x + '0';
  for (let i = 2; i < x0.length; i++) if (x0[i] !== '9') return i;
  return x0.length;
}
function naiveNext(x: string, sha = nodeSha): string {
  const x0 = x + '0';
  let i = 0;
  let y = '0.';
  while (y <= x0) {
    i += 1;
    y = x0.slice(0, naiveP(x)) + naiveU(x + ':' + i, sha).slice(2);
  }
  return y;
}
function cmpCodePoints(a: string, b: string): number {
  const A = [...a].map((c) => c.codePointAt(0)!);
  const B = [...b].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(A.length, B.length); i++) if (A[i] !== B[i]) return A[i]! - B[i]!;
  return A.length - B.length;
}
interface T {
  t: string;
  id: string;
  g: number;
}
function cmpT(a: T, b: T): number {
  if (a.t !== b.t) return a.t < b.t ? -1 : 1;
  return cmpCodePoints(a.id, b.id) || a.g - b.g;
}
function naiveSample(
  ids: string[],
  seed: string,
  o: { withReplacement?: boolean; take?: number; drop?: number; digits?: number },
  sha = nodeSha,
): [string, string, number][] {
  const hs = sha(seed);
  const pool: T[] = ids.map((id) => ({ t: naiveU(hs + id, sha), id, g: 1 }));
  const drop = o.drop ?? 0;
  const take = o.take ?? ids.length;
  const digits = o.digits ?? 9;
  const out: [string, string, number][] = [];
  for (let pos = 1; pos <= drop + take && pool.length > 0; pos++) {
    pool.sort(cmpT);
    const top = pool.shift()!;
    if (pos > drop) out.push([top.t.slice(0, naiveP(top.t) + digits), top.id, top.g]);
    if (o.withReplacement) pool.push({ t: naiveNext(top.t, sha), id: top.id, g: top.g + 1 });
  }
  return out;
}

// ---- Deterministic random data. ----
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    s ^= s >>> 13;
    return (s >>> 0) / 4294967296;
  };
}
const ALPHABET = [
  'A',
  'b',
  '-',
  '0',
  '9',
  ' ',
  '|',
  '市',
  '监',
  '罚',
  '〔',
  '〕',
  '号',
  '😀',
  '𠀋',
  '\u00e9',
  ':',
  '\uff10',
];
function randomIds(r: () => number, n: number): string[] {
  const set = new Set<string>();
  while (set.size < n) {
    const len = Math.floor(r() * 90); // up to 2+ SHA blocks after the 64-byte prefix
    let s = '';
    for (let i = 0; i < len; i++) s += ALPHABET[Math.floor(r() * ALPHABET.length)];
    set.add(s);
  }
  return [...set];
}
const asTriples = (items: ReturnType<typeof drawSample>): [string, string, number][] =>
  items.map((x) => [x.ticket, x.id, x.generation]);

describe('published values (handbook)', () => {
  it('U("abc")', () => {
    expect(ticketNumber('abc')).toBe(
      '0.56998071861792858926477341561059638840106636224182943832566300809078486324348',
    );
  });
  it('first ticket of AB-130 and its next ticket', () => {
    const t = firstTicket('AB-130', '01382438112797316654');
    expect(t).toBe('0.26299714122838008416507544297546663599715395525154425586041245287750224561854');
    expect(nextTicket(t)).toBe(
      '0.8232357229934205790595761924514048157652891124687533667363938813600770093316',
    );
  });
  it('the sampler uses the same first ticket, with node:crypto or the portable hash', () => {
    for (const sha of [nodeSha, sha256Hex]) {
      const [item] = drawSample(['AB-130'], '01382438112797316654', { digits: 80, sha });
      expect(item!.fullTicket).toBe(
        '0.26299714122838008416507544297546663599715395525154425586041245287750224561854',
      );
      expect(item!.ticket).toBe(item!.fullTicket);
    }
  });
});

describe('p, trim, next', () => {
  it('p skips "0." and leading 9s', () => {
    expect(firstNonNine('0.123')).toBe(2);
    expect(firstNonNine('0.99912')).toBe(5);
    expect(firstNonNine('0.999')).toBe(5); // the appended "0"
  });
  it('trim counts digits after the leading 9s and truncates', () => {
    expect(trimTicket('0.123456789987', 9)).toBe('0.123456789');
    expect(trimTicket('0.99912345678912', 3)).toBe('0.999123');
    expect(trimTicket('0.1299', 2)).toBe('0.12');
  });
  it('next ticket is larger and keeps the leading 9s of the full ticket', () => {
    const x = '0.99' + '1'.repeat(70);
    const y = nextTicket(x, nodeSha);
    expect(y > x).toBe(true);
    expect(y.startsWith('0.99')).toBe(true);
    expect(y).toBe(naiveNext(x));
  });
});

describe('fast path is bit-exact with the plain definition', () => {
  it('random populations (CJK, emoji, astral, long ids), without replacement, full order', () => {
    const r = rng(7);
    for (let round = 0; round < 12; round++) {
      const ids = randomIds(r, Math.floor(r() * 200));
      const seed = String(Math.floor(r() * 1e12));
      const digits = 1 + Math.floor(r() * 20);
      expect(asTriples(drawSample(ids, seed, { sha: nodeSha, digits }))).toEqual(
        naiveSample(ids, seed, { digits }),
      );
    }
  });
  it('random populations with replacement, drop and take', () => {
    const r = rng(11);
    for (let round = 0; round < 8; round++) {
      const ids = randomIds(r, 1 + Math.floor(r() * 25));
      const seed = 'seed-' + round + '-骰子';
      const drop = Math.floor(r() * 10);
      const take = Math.floor(r() * 40);
      const o = { withReplacement: true, drop, take, digits: 1 + Math.floor(r() * 12) };
      const fast = drawSample(ids, seed, { ...o, sha: nodeSha });
      expect(asTriples(fast)).toEqual(naiveSample(ids, seed, o));
      expect(fast.map((x) => x.position)).toEqual(fast.map((_, i) => drop + i + 1));
    }
  });
  it('the injected-hash key path gives the same order as the mid-state path', () => {
    const ids = randomIds(rng(3), 500);
    const a = drawSample(ids, 's', { sha: nodeSha });
    const b = drawSample(ids, 's', { sha: nodeSha, keyHash: 'injected' });
    expect(b).toEqual(a);
  });
  it('ties in the fast key are broken by the full ticket, then by id in code-point order', () => {
    // A hash whose integers all end in the same 13 decimal digits: every first ticket starts alike.
    const TEN13 = 10n ** 13n;
    const forged = (s: string): string => {
      let v = (BigInt('0x' + nodeSha(s)) / TEN13) * TEN13 + 1234567890123n;
      if (v >= 1n << 256n) v -= TEN13;
      return v.toString(16).padStart(64, '0');
    };
    const ids = randomIds(rng(5), 60);
    const fast = drawSample(ids, 'tie', { sha: forged, keyHash: 'injected' });
    expect(new Set(fast.map((x) => x.ticket.slice(0, 14))).size).toBe(1);
    expect(asTriples(fast)).toEqual(naiveSample(ids, 'tie', {}, forged));
  });
  it('a hash that disagrees with the built-in key hash is detected, not silently used', () => {
    const wrong = (s: string): string => nodeSha('x' + s);
    expect(() => drawSample(['a', 'b'], 's', { sha: wrong })).toThrow(SamplerError);
  });
});

describe('sampling properties', () => {
  const ids = Array.from({ length: 400 }, (_, i) => `执法局${i % 7}|案〔2024〕${i}号`);
  it('same seed, same output; another seed, another order', () => {
    const a = drawSample(ids, '12345678901234567890', { take: 30 });
    expect(drawSample(ids, '12345678901234567890', { take: 30 })).toEqual(a);
    expect(drawSample(ids, '12345678901234567891', { take: 30 }).map((x) => x.id)).not.toEqual(
      a.map((x) => x.id),
    );
  });
  it('a larger take extends a smaller one (both modes)', () => {
    for (const withReplacement of [false, true]) {
      const small = drawSample(ids, 'x', { take: 10, withReplacement });
      const large = drawSample(ids, 'x', { take: 60, withReplacement });
      expect(large.slice(0, 10)).toEqual(small);
    }
  });
  it('drop skips the first items of the same sequence', () => {
    const all = drawSample(ids, 'x', { take: 25 });
    expect(drawSample(ids, 'x', { drop: 10, take: 15 })).toEqual(all.slice(10));
    const wr = drawSample(ids, 'x', { take: 25, withReplacement: true });
    expect(drawSample(ids, 'x', { drop: 5, take: 20, withReplacement: true })).toEqual(wr.slice(5));
  });
  it("a subset's sample is the full sample filtered to the subset", () => {
    const subset = ids.filter((id) => id.startsWith('执法局3'));
    const full = drawSample(ids, 'seed').filter((x) => x.id.startsWith('执法局3'));
    const sub = drawSample(subset, 'seed');
    expect(sub.map((x) => [x.fullTicket, x.id])).toEqual(full.map((x) => [x.fullTicket, x.id]));
  });
  it('without replacement every id appears exactly once, tickets increase', () => {
    const out = drawSample(ids, 'seed', { take: 10_000 });
    expect(out).toHaveLength(ids.length);
    expect(new Set(out.map((x) => x.id)).size).toBe(ids.length);
    for (let i = 1; i < out.length; i++) expect(out[i - 1]!.fullTicket < out[i]!.fullTicket).toBe(true);
    expect(out.every((x) => x.generation === 1)).toBe(true);
  });
  it('with replacement, generations count the draws of each id and tickets never decrease', () => {
    const out = drawSample(['a', 'b', 'c'], 'seed', { withReplacement: true, take: 30 });
    const seen = new Map<string, number>();
    for (const x of out) {
      const g = (seen.get(x.id) ?? 0) + 1;
      seen.set(x.id, g);
      expect(x.generation).toBe(g);
    }
    for (let i = 1; i < out.length; i++) expect(out[i - 1]!.fullTicket <= out[i]!.fullTicket).toBe(true);
  });
  it('digits trims output tickets without changing the order', () => {
    const nine = drawSample(ids, 's', { take: 5 });
    const three = drawSample(ids, 's', { take: 5, digits: 3 });
    expect(three.map((x) => x.id)).toEqual(nine.map((x) => x.id));
    for (const x of three) expect(x.ticket).toBe(trimTicket(x.fullTicket, 3));
    expect(nine[0]!.ticket.length).toBeGreaterThanOrEqual(11);
  });
  it('empty population and take 0', () => {
    expect(drawSample([], 's')).toEqual([]);
    expect(drawSample([], 's', { withReplacement: true, take: 5 })).toEqual([]);
    expect(drawSample(ids, 's', { take: 0 })).toEqual([]);
  });
});

describe('bad input', () => {
  it('duplicate ids are refused, naming the id and both positions', () => {
    const ids = ['甲|1', '乙|2', '丙|3', '乙|2'];
    try {
      drawSample(ids, 's');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SamplerError);
      expect((e as SamplerError).code).toBe('duplicate-id');
      expect((e as SamplerError).message).toContain('“乙|2”');
      expect((e as SamplerError).message).toContain('第 2 个和第 4 个');
    }
  });
  it('the first repeat in input order is named when there are several', () => {
    const ids = Array.from({ length: 300 }, (_, i) => `id${i}`);
    ids.push('id250', 'id7');
    expect(() => ticketOrder(ids, 's')).toThrow(/“id250”.*第 251 个和第 301 个/);
  });
  it('bad take, drop, digits', () => {
    expect(() => drawSample(['a'], 's', { take: -1 })).toThrow(/抽取数量/);
    expect(() => drawSample(['a'], 's', { drop: 1.5 })).toThrow(/跳过数量/);
    expect(() => drawSample(['a'], 's', { digits: 0 })).toThrow(/签号位数/);
  });
});
