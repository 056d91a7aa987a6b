import { describe, expect, it } from 'vitest';
import {
  allocateNumber,
  findSequenceGaps,
  letterNumberId,
  nextSequence,
  type AllocatedNumber,
} from '../../shared/letters/numbering';
import { checkTransition, followUps, isOverdue } from '../../shared/letters/letter-tracking';
import { checkTrueTypeFont } from '../../shared/letters/font-check';
import { readFileSync } from 'node:fs';

const n = (seq: number, status: AllocatedNumber['status'] = 'issued', year = 2026, prefix = '德法函') => ({
  prefix,
  year,
  seq,
  status,
});

describe('letter numbering', () => {
  it('formats the standard 发文字号 and starts each year and prefix at 1', () => {
    expect(allocateNumber([], '德法函', 2026)).toEqual({
      id: '德法函|2026|1',
      prefix: '德法函',
      year: 2026,
      seq: 1,
      docNumber: '德法函〔2026〕1号',
    });
    const used = [n(1), n(2), n(1, 'issued', 2025), n(5, 'issued', 2026, '德法督')];
    expect(allocateNumber(used, '德法函', 2026).docNumber).toBe('德法函〔2026〕3号');
    expect(nextSequence(used, '德法函', 2027)).toBe(1);
    expect(nextSequence(used, '德法督', 2026)).toBe(6);
  });

  it('never gives a voided number again: the next one is past it', () => {
    const used = [n(1), n(2, 'void')];
    const a = allocateNumber(used, '德法函', 2026);
    expect(a.seq).toBe(3);
    expect(a.id).toBe(letterNumberId('德法函', 2026, 3));
  });

  it('reports gaps, so no number is skipped silently', () => {
    expect(findSequenceGaps([n(1), n(2, 'void'), n(3)])).toEqual([]);
    expect(findSequenceGaps([n(1), n(4)])).toEqual([
      { prefix: '德法函', year: 2026, seq: 2 },
      { prefix: '德法函', year: 2026, seq: 3 },
    ]);
  });

  it('rejects a bad prefix with a Chinese message', () => {
    expect(() => allocateNumber([], '', 2026)).toThrow('不能为空');
    expect(() => allocateNumber([], '德法函〔', 2026)).toThrow('不能包含括号');
    expect(() => allocateNumber([], '德法函第', 2026)).toThrow('不应以“第”结尾');
  });
});

describe('letter tracking rules', () => {
  it('allows only the documented transitions', () => {
    expect(checkTransition('draft', 'issue')).toBeNull();
    expect(checkTransition('issued', 'issue')).toContain('不能印发');
    expect(checkTransition('issued', 'reply')).toBeNull();
    expect(checkTransition('returned', 'reply')).toBeNull();
    expect(checkTransition('issued', 'close')).toContain('不能审核销号');
    expect(checkTransition('replied', 'return')).toBeNull();
    expect(checkTransition('closed', 'reply')).toContain('已销号');
  });

  it('marks letters overdue after the deadline day only while a reply is awaited', () => {
    const l = { status: 'issued' as const, deadline: '2026-12-11' };
    expect(isOverdue(l, '2026-12-11')).toBe(false);
    expect(isOverdue(l, '2026-12-12')).toBe(true);
    expect(isOverdue({ ...l, status: 'replied' }, '2027-01-01')).toBe(false);
    expect(isOverdue({ ...l, status: 'returned' }, '2027-01-01')).toBe(true);
    const list = followUps(
      [
        { id: 'a', status: 'draft' as const, deadline: null },
        { id: 'b', status: 'issued' as const, deadline: '2026-12-30' },
        { id: 'c', status: 'issued' as const, deadline: '2026-12-01' },
        { id: 'd', status: 'replied' as const, deadline: '2026-12-01' },
        { id: 'e', status: 'closed' as const, deadline: '2026-12-01' },
      ],
      '2026-12-05',
    );
    expect(list.map((f) => [f.letter.id, f.kind])).toEqual([
      ['c', 'overdue'],
      ['d', 'check-reply'],
      ['b', 'await-reply'],
      ['a', 'issue'],
    ]);
  });
});

describe('user font check', () => {
  it('accepts a TrueType-outline font and refuses others in Chinese', () => {
    const ttf = new Uint8Array(
      readFileSync('node_modules/@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf'),
    );
    expect(checkTrueTypeFont(ttf, '仿宋.ttf')).toBeNull();
    const otf = ttf.slice(0, 64);
    otf.set([0x4f, 0x54, 0x54, 0x4f], 0);
    expect(checkTrueTypeFont(otf, 'a.otf')).toContain('CFF 轮廓');
    const ttc = ttf.slice(0, 64);
    ttc.set([0x74, 0x74, 0x63, 0x66], 0);
    expect(checkTrueTypeFont(ttc, 'a.ttc')).toContain('字体集合');
    expect(checkTrueTypeFont(new TextEncoder().encode('hello world, not a font'), 'x.ttf')).toContain(
      '不是 TrueType',
    );
    expect(checkTrueTypeFont(ttf.slice(0, 20), 'cut.ttf')).toContain('不完整');
  });
});
