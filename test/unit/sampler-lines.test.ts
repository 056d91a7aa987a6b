// The byte-range path of `pingcha sample` (ids as UTF-8 lines, hashed in place) must give exactly what
// the string path gives: same order, tickets, duplicate and empty-line messages.
import { createHash } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { splitIdLines, type IdLines } from '../../shared/draw/id-lines';
import { drawSample, drawSampleOfLines, SamplerError } from '../../shared/draw/sampler';
import { firstTicketKeys, firstTicketKeysOfRanges } from '../../shared/draw/ticket-key';
import { parseIdLines } from '../../shared/cli/sample-command';

const nodeSha = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    s ^= s >>> 13;
    return (s >>> 0) / 4294967296;
  };
}
const ALPHABET = ['A', 'b', '-', '0', ' ', '\t', '\r', '|', '〔', '号', '市', 'é', '😀', '𠀋', '\u00a0', '9'];
function randomIds(r: () => number, n: number): string[] {
  const set = new Set<string>();
  while (set.size < n) {
    // 0 .. 150 UTF-16 units: up to 3 SHA blocks after the 64-byte prefix.
    const len = 1 + Math.floor(r() * 150);
    let s = '';
    for (let i = 0; i < len; i++) s += ALPHABET[Math.floor(r() * ALPHABET.length)];
    if (s.endsWith('\r')) continue; // "\r\n" is a newline, so such an id cannot be a line
    set.add(s);
  }
  return [...set];
}
function lines(text: string | Uint8Array): IdLines {
  const r = splitIdLines(typeof text === 'string' ? enc(text) : text);
  if (!('lines' in r)) throw new Error(JSON.stringify(r));
  return r.lines;
}
const allIds = (l: IdLines): string[] => Array.from({ length: l.length }, (_, i) => l.id(i));

describe('splitIdLines', () => {
  it('splits like parseIdLines (BOM, CRLF, lone CR, optional final newline, spaces kept)', () => {
    const texts = [
      '\ufeffa \r\n b\t\n',
      'a\r\nb\r',
      'a\rb\n',
      '',
      '\ufeff',
      'x',
      'x\n',
      '市场监管局|罚〔2024〕1号\r\n😀 emoji id\r\n  spaced  ',
      'a\n\ufeffb\n',
    ];
    for (const t of texts) {
      const expected = parseIdLines(t);
      expect('ids' in expected).toBe(true);
      expect(allIds(lines(t))).toEqual((expected as { ids: string[] }).ids);
    }
  });
  it('empty lines and invalid UTF-8 are reported, with the line number, whichever check is used', () => {
    for (const check of [undefined, isUtf8]) {
      expect(splitIdLines(enc('a\n\nb\n'), check)).toEqual({ error: 'empty-line', line: 2 });
      expect(splitIdLines(enc('\n'), check)).toEqual({ error: 'empty-line', line: 1 });
      expect(splitIdLines(enc('a\r\n\r\n'), check)).toEqual({ error: 'empty-line', line: 2 });
      expect(splitIdLines(new Uint8Array([0xc9, 0xcf, 0xba, 0xa3, 0x0a]), check)).toEqual({
        error: 'not-utf8',
      });
      // A UTF-8-encoded lone surrogate is not UTF-8.
      expect(splitIdLines(new Uint8Array([0x61, 0x0a, 0xed, 0xa0, 0x80]), check)).toEqual({
        error: 'not-utf8',
      });
    }
  });
  it('same() compares ids byte for byte', () => {
    const l = lines('ab\nab\r\nabc\nb\n');
    expect(l.same(0, 1)).toBe(true);
    expect(l.same(0, 2)).toBe(false);
    expect(l.same(0, 3)).toBe(false);
  });
});

describe('keys and draws from byte ranges', () => {
  it('firstTicketKeysOfRanges equals firstTicketKeys on the decoded ids (0 to 3 blocks)', () => {
    const ids = randomIds(rng(21), 400);
    const l = lines(ids.join('\n'));
    const seedHash = nodeSha('seed');
    expect(firstTicketKeysOfRanges(seedHash, l.bytes, l.starts, l.ends)).toEqual(
      firstTicketKeys(seedHash, ids),
    );
  });
  it('drawSampleOfLines = drawSample, without and with replacement, take/drop/digits', () => {
    const r = rng(9);
    for (let round = 0; round < 10; round++) {
      const ids = randomIds(r, 1 + Math.floor(r() * 300));
      const seed = String(Math.floor(r() * 1e12));
      const o = {
        withReplacement: round % 2 === 1,
        take: Math.floor(r() * 50),
        drop: Math.floor(r() * 5),
        digits: 1 + Math.floor(r() * 15),
        sha: nodeSha,
      };
      const text = ids.join(round % 3 === 0 ? '\r\n' : '\n') + (round % 4 === 0 ? '' : '\n');
      expect(drawSampleOfLines(lines(text), seed, o)).toEqual(drawSample(ids, seed, o));
    }
  });
  it('ties in the fast key: the full ticket, then the id in code-point order (bytes never compared as keys)', () => {
    const TEN13 = 10n ** 13n;
    const forged = (s: string): string => {
      let v = (BigInt('0x' + nodeSha(s)) / TEN13) * TEN13 + 1234567890123n;
      if (v >= 1n << 256n) v -= TEN13;
      return v.toString(16).padStart(64, '0');
    };
    const ids = randomIds(rng(5), 60);
    const o = { sha: forged, keyHash: 'injected' as const };
    expect(drawSampleOfLines(lines(ids.join('\n')), 'tie', o)).toEqual(drawSample(ids, 'tie', o));
  });
  it('duplicates: the same SamplerError (first repeat in input order) as the string path', () => {
    const ids = ['a', 'b', 'c', 'b', 'a'];
    let fromLines: unknown;
    let fromStrings: unknown;
    try {
      drawSampleOfLines(lines(ids.join('\n')), 's');
    } catch (e) {
      fromLines = e;
    }
    try {
      drawSample(ids, 's');
    } catch (e) {
      fromStrings = e;
    }
    expect(fromLines).toBeInstanceOf(SamplerError);
    expect((fromLines as SamplerError).message).toBe((fromStrings as SamplerError).message);
    expect((fromLines as SamplerError).message).toContain('第 2 个和第 4 个');
  });
});
