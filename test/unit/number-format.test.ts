import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatFenAmount } from '../../shared/util/number-format';

describe('number formatting', () => {
  it('groups counts by thousands', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1000)).toBe('1,000');
    expect(formatCount(12345)).toBe('12,345');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(-50000)).toBe('-50,000');
    expect(formatCount(Number.NaN)).toBe('—');
  });

  it('shows money in 分 as 元 with two places', () => {
    expect(formatFenAmount(0)).toBe('0.00');
    expect(formatFenAmount(5)).toBe('0.05');
    expect(formatFenAmount(123456)).toBe('1,234.56');
    expect(formatFenAmount(1000000000)).toBe('10,000,000.00');
    expect(formatFenAmount(-123456)).toBe('-1,234.56');
  });
});

describe('formatBytes', () => {
  it('gives sizes in B, KB, MB and GB, and 未知 when not known', () => {
    expect(formatBytes(null)).toBe('未知');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(5 * 1024 ** 2)).toBe('5.0 MB');
    expect(formatBytes(3 * 1024 ** 3)).toBe('3.00 GB');
  });
});
