import { describe, expect, it } from 'vitest';
import {
  checkIdNumber,
  idCheckChar,
  isValidIdNumber,
  maskIdNumber,
  normaliseIdNumber,
} from '../../shared/officers/id-card';

// Independent ISO 7064 MOD 11-2: weight of position i (from the right, check char at 1) is 2^(i-1) mod 11,
// and the check value is (12 - sum mod 11) mod 11, with 10 written as X.
function referenceCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  const v = (12 - (sum % 11)) % 11;
  return v === 10 ? 'X' : String(v);
}

describe('GB 11643 check digit', () => {
  it('accepts the examples published in the standard', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('440524188001010014')).toBe(false); // valid check digit but born 1880 < 1900
    expect(idCheckChar('44052418800101001')).toBe('4');
  });

  it('agrees with an independent implementation on many numbers', () => {
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let k = 0; k < 500; k++) {
      const birth = `19${String(50 + (next() % 50)).padStart(2, '0')}${String(1 + (next() % 12)).padStart(2, '0')}${String(1 + (next() % 28)).padStart(2, '0')}`;
      const first17 = `510603${birth}${String(next() % 1000).padStart(3, '0')}`;
      const check = referenceCheck(first17);
      expect(idCheckChar(first17)).toBe(check);
      expect(isValidIdNumber(first17 + check)).toBe(true);
      // Every other check character is rejected.
      const wrong = '0123456789X'.replace(check, '')[next() % 10]!;
      expect(checkIdNumber(first17 + wrong).problem).toBe('check-digit');
    }
  });

  it('accepts a lower-case x and full-width digits', () => {
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
    expect(isValidIdNumber('１１０１０５１９４９１２３１００２Ｘ')).toBe(true);
    expect(normaliseIdNumber(' 11010519491231002x ')).toBe('11010519491231002X');
  });

  it('explains each kind of error in Chinese', () => {
    expect(checkIdNumber('').message).toBe('身份证号为空');
    expect(checkIdNumber('110105491231002').message).toContain('15位旧号码');
    expect(checkIdNumber('1101051949123100').message).toContain('实际为16位');
    expect(checkIdNumber('11010519491231002Y').problem).toBe('characters');
    expect(checkIdNumber('99010519491231002X').problem).toBe('region');
    const feb30 = `11010519490230002`;
    expect(checkIdNumber(feb30 + idCheckChar(feb30)).problem).toBe('birth-date');
    const future = '11010520990101002';
    expect(checkIdNumber(future + idCheckChar(future), '2026-01-01').problem).toBe('birth-date');
    expect(checkIdNumber('110105194912310021').message).toContain('校验位');
  });

  it('derives birth date and gender', () => {
    const r = checkIdNumber('11010519491231002X');
    expect(r.birthDate).toBe('1949-12-31');
    expect(r.gender).toBe('女'); // 17th digit 2 is even
  });
});

describe('maskIdNumber', () => {
  it('keeps the first 6 and the last 4', () => {
    expect(maskIdNumber('51060319800101123x')).toBe('510603********123X');
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });
  it('stars short junk entirely', () => {
    expect(maskIdNumber('12345')).toBe('*****');
  });
});
