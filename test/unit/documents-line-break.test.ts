import { describe, expect, it } from 'vitest';
import { NO_LINE_END, NO_LINE_START, breakLines, gridMeasure } from '../../shared/documents/line-break';

const HAN = '评查台行政执法案卷质量监督检查通知整改意见书面报告德阳市司法局市场管理';
const han = (n: number, from = 0): string =>
  Array.from({ length: n }, (_, i) => HAN[(i + from) % HAN.length] as string).join('');
const grid = (text: string, indent = 0) => breakLines(text, { maxWidth: 28, firstIndent: indent });
const starts = (s: string): string => Array.from(s)[0] ?? '';
const ends = (s: string): string => Array.from(s).at(-1) ?? '';

describe('breakLines on the 28-cell grid', () => {
  it('puts 28 full-width characters on a line and indents the first line', () => {
    const lines = grid(han(60), 2);
    expect(lines.map((l) => Array.from(l.text).length)).toEqual([26, 28, 6]);
    expect(lines.map((l) => l.indent)).toEqual([2, 0, 0]);
    expect(lines.map((l) => l.last)).toEqual([false, false, true]);
    expect(lines.map((l) => l.text).join('')).toBe(han(60));
  });

  it('covers the characters the standard forbids at line start and end', () => {
    for (const ch of '，。、；：！？）》」』】”’') expect(NO_LINE_START.has(ch)).toBe(true);
    for (const ch of '（《「『【“‘') expect(NO_LINE_END.has(ch)).toBe(true);
  });

  it.each([...NO_LINE_START])('never starts a line with %s: pushes the previous character down', (ch) => {
    const text = han(28) + ch + han(5, 3);
    const lines = grid(text);
    expect(lines).toHaveLength(2);
    expect(starts(lines[1]!.text)).not.toBe(ch);
    expect(Array.from(lines[0]!.text)).toHaveLength(27);
    expect(lines[1]!.text.startsWith(han(28).slice(-1) + ch)).toBe(true);
    expect(lines.map((l) => l.text).join('')).toBe(text);
    expect(lines.every((l) => !l.overflow)).toBe(true);
  });

  it.each([...NO_LINE_END])('never ends a line with %s: pushes it to the next line', (ch) => {
    const text = han(27) + ch + han(5, 3);
    const lines = grid(text);
    expect(ends(lines[0]!.text)).not.toBe(ch);
    expect(lines[0]!.text).toBe(han(27));
    expect(starts(lines[1]!.text)).toBe(ch);
    expect(lines.map((l) => l.text).join('')).toBe(text);
  });

  it('handles runs of closing punctuation (。” and ）。) by pushing one more character', () => {
    for (const run of ['。”', '）。', '”）', '》，']) {
      const text = han(27) + run + han(4);
      const lines = grid(text);
      expect(lines[0]!.text).toBe(han(26));
      expect(lines[1]!.text.startsWith(han(27).slice(-1) + run)).toBe(true);
    }
  });

  it('handles an opening bracket followed by an opening quote at the end of a line', () => {
    const text = han(26) + '（“' + han(6);
    const lines = grid(text);
    expect(lines[0]!.text).toBe(han(26));
    expect(lines[1]!.text.startsWith('（“')).toBe(true);
  });

  it('pulls the punctuation up (overflow) when pushing is not allowed', () => {
    const text = han(28) + '，' + han(3);
    const lines = breakLines(text, { maxWidth: 28, maxPush: 0 });
    expect(lines[0]!.text).toBe(han(28) + '，');
    expect(lines[0]!.overflow).toBe(true);
    expect(lines[0]!.width).toBe(29);
    expect(starts(lines[1]!.text)).toBe(han(3)[0]);
  });

  it('keeps Latin words and numbers whole and moves them to the next line', () => {
    const text = han(25) + 'ABCDEFGH' + han(3);
    const lines = grid(text);
    expect(lines[0]!.text).toBe(han(25));
    expect(lines[1]!.text.startsWith('ABCDEFGH')).toBe(true);
    const num = han(26) + '1,500.25%' + han(2);
    const nl = grid(num);
    expect(nl[1]!.text.startsWith('1,500.25%')).toBe(true);
  });

  it('measures Latin with the given widths so mixed text fills the line', () => {
    // 20 full-width cells + 16 half-width digits = 28 cells exactly.
    const text = han(20) + '1234567890123456' + han(4);
    const lines = grid(text);
    expect(lines[0]!.text).toBe(han(20) + '1234567890123456');
    expect(lines[0]!.width).toBe(28);
    const wide = breakLines(text, { maxWidth: 28, measure: (c) => (/\d/.test(c) ? 0.6 : gridMeasure(c)) });
    expect(wide[0]!.text).toBe(han(20));
  });

  it('splits a word only when it is longer than a whole line', () => {
    const lines = grid('A'.repeat(70));
    expect(lines.map((l) => l.text.length)).toEqual([56, 14]);
  });

  it('never splits 省略号 or 破折号', () => {
    for (const pair of ['……', '——']) {
      const text = han(27) + pair + han(3);
      const lines = grid(text);
      expect(lines.some((l) => l.text.includes(pair))).toBe(true);
      expect(ends(lines[0]!.text)).not.toBe(pair[0]);
    }
  });

  it('honours hard line breaks and drops spaces at soft breaks', () => {
    const lines = grid('第一行\n第二行');
    expect(lines.map((l) => [l.text, l.last])).toEqual([
      ['第一行', true],
      ['第二行', true],
    ]);
    const spaced = grid(`${'word '.repeat(11)}end`);
    expect(spaced.every((l) => !l.text.startsWith(' ') && !l.text.endsWith(' '))).toBe(true);
  });

  it('returns one empty line for empty text', () => {
    expect(grid('')).toEqual([{ text: '', width: 0, indent: 0, last: true, overflow: false }]);
  });

  it('keeps the rules on random mixed text (property test)', () => {
    let seed = 12345;
    const rand = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const starters = [...NO_LINE_START].filter((c) => c !== '…' && c !== '—');
    const enders = [...NO_LINE_END];
    for (let round = 0; round < 400; round += 1) {
      let text = '';
      const len = 20 + rand(200);
      while (Array.from(text).length < len) {
        const r = rand(10);
        if (r < 5) text += han(1, rand(30));
        else if (r === 5) text += starters[rand(starters.length)];
        else if (r === 6) text += enders[rand(enders.length)] + han(1, rand(30));
        else if (r === 7) text += String(rand(100000));
        else if (r === 8) text += 'Word';
        else text += han(2, rand(30));
        // At most two forbidden characters in a row: longer runs cannot always be set legally.
        text += han(1, rand(30));
      }
      const indent = rand(3);
      const lines = breakLines(text, { maxWidth: 28, firstIndent: indent });
      expect(lines.map((l) => l.text).join('')).toBe(text);
      lines.forEach((l, i) => {
        if (i > 0)
          expect(NO_LINE_START.has(starts(l.text)), `line ${i} of ${JSON.stringify(text)}`).toBe(false);
        if (i < lines.length - 1) expect(NO_LINE_END.has(ends(l.text))).toBe(false);
        expect(l.width).toBeLessThanOrEqual(28 - l.indent + (l.overflow ? 2 : 0) + 1e-9);
        if (!l.last) expect(l.width).toBeGreaterThan(28 - l.indent - 5);
      });
    }
  });
});
