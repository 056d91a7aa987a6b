// Character spacing that keeps a laid-out line on one line in Word, WPS and LibreOffice (docx-line-fit.ts).
import { describe, expect, it } from 'vitest';
import { AUTOSPACE_EM, fitSpacing, scriptBoundaries, scriptOf } from '../../shared/documents/docx-line-fit';

describe('where Chinese and Latin text meet', () => {
  it('gives digits and ASCII the Latin script, ideographs and full-width punctuation the Asian one', () => {
    expect(scriptOf('2')).toBe('latin');
    expect(scriptOf('%')).toBe('latin');
    expect(scriptOf('评')).toBe('asian');
    expect(scriptOf('，')).toBe('asian');
    expect(scriptOf('〔')).toBe('asian');
    expect(scriptOf('“')).toBe('weak');
  });

  it('counts each meeting once', () => {
    expect(scriptBoundaries('评查评查')).toBe(0);
    expect(scriptBoundaries('2026')).toBe(0);
    expect(scriptBoundaries('共10件')).toBe(2);
    expect(scriptBoundaries('2026年1月1日至2026年9月')).toBe(9);
    expect(scriptBoundaries('德法函〔2026〕3号')).toBe(4);
  });

  it('counts a quote between Chinese and Latin text as a meeting', () => {
    expect(scriptBoundaries('评查“A')).toBe(1);
    expect(scriptBoundaries('A”评查')).toBe(1);
  });
});

describe('fitSpacing', () => {
  const LINE = 442.2; // 156 mm
  const CELL = LINE / 28;

  it('keeps the style spacing for a line of Chinese that fits', () => {
    expect(fitSpacing('评'.repeat(28), 16, -5, LINE)).toBeUndefined();
    expect(fitSpacing('评'.repeat(26), 16, -5, LINE - 2 * CELL)).toBeUndefined();
  });

  it('condenses a line the layout compressed (punctuation pulled up) until it fits', () => {
    const text = `${'评'.repeat(28)}。`;
    const s = fitSpacing(text, 16, -5, LINE) as number;
    expect(s).toBeLessThan(-5);
    expect(29 * 16 + (29 - 1) * (s / 20)).toBeLessThanOrEqual(LINE);
  });

  it("makes room for LibreOffice's spaces where Chinese and Latin meet", () => {
    const text = '本次评查范围为8个行政执法单位2026年1月1日至2026年9月';
    const s = fitSpacing(text, 16, -5, LINE - 2 * CELL) as number;
    expect(s).toBeLessThan(-5);
    // Width in LibreOffice: the glyphs, the spacing on all but the last character of each script run, and a
    // fifth of the size at each of the 12 meetings.
    const chars = Array.from(text);
    const natural = chars.reduce((w, ch) => w + (/[\d]/.test(ch) ? 8 : 16), 0);
    const meetings = scriptBoundaries(text);
    expect(meetings).toBe(12);
    const width = natural + (chars.length - meetings - 1) * (s / 20) + meetings * AUTOSPACE_EM * 16;
    expect(width).toBeLessThanOrEqual(LINE - 2 * CELL);
    // and no more than needed: one twentieth of a point less condensed would not fit.
    const looser = natural + (chars.length - meetings - 1) * ((s + 1) / 20) + meetings * AUTOSPACE_EM * 16;
    expect(looser).toBeGreaterThan(LINE - 2 * CELL - 0.3);
  });

  it('leaves an empty line alone', () => {
    expect(fitSpacing('', 16, -5, LINE)).toBeUndefined();
  });
});
