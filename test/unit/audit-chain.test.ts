import { describe, expect, it } from 'vitest';
import {
  makeAuditEntry,
  verifyAuditChain,
  type AuditEntry,
  type AuditInput,
} from '../../shared/audit/audit-chain';

const input = (i: number): AuditInput => ({
  at: `2026-11-26T0${i}:00:00.000Z`,
  actor: '张三',
  action: 'draw.create',
  objectType: 'draw',
  objectId: 'd' + i,
  summary: `第 ${i} 次操作`,
  content: { i, list: [i, 'x'] },
});

function chain(n: number): AuditEntry[] {
  const out: AuditEntry[] = [];
  for (let i = 1; i <= n; i++) out.push(makeAuditEntry(out.at(-1) ?? null, input(i)));
  return out;
}

describe('audit chain', () => {
  it('links each entry to the previous and verifies', () => {
    const c = chain(5);
    expect(c[0]!.prevHash).toBe('0'.repeat(64));
    expect(c[3]!.prevHash).toBe(c[2]!.hash);
    expect(verifyAuditChain(c)).toEqual({ ok: true, entries: 5, lastHash: c[4]!.hash });
  });

  it('names the first broken link: edited entry, removed entry, reordered entries', () => {
    const edited = chain(5);
    edited[2] = { ...edited[2]!, summary: '篡改' };
    expect(verifyAuditChain(edited)).toMatchObject({ ok: false, brokenAt: 3 });
    const removed = chain(5);
    removed.splice(1, 1);
    expect(verifyAuditChain(removed)).toMatchObject({ ok: false, brokenAt: 2 });
    const swapped = chain(4);
    [swapped[1], swapped[2]] = [swapped[2]!, swapped[1]!];
    const r = verifyAuditChain(swapped);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/序号|链接/);
  });

  it('a changed content digest with a recomputed hash still breaks the next link', () => {
    const c = chain(3);
    const forged = makeAuditEntry(c[0]!, { ...input(2), content: { other: true } });
    c[1] = forged;
    expect(verifyAuditChain(c)).toMatchObject({ ok: false, brokenAt: 3 });
  });
});
