import { describe, expect, it } from 'vitest';
import { exportKeyFile, KeyFileError } from '../../shared/crypto/key-file';
import { COMMON_PASSWORDS, passphraseProblem } from '../../shared/crypto/passphrase-rule';
import { generateSigningKeyPair } from '../../shared/crypto/signing';

describe('the key file passphrase rule', () => {
  it('refuses short, blank, one-character and common passphrases in Chinese', () => {
    expect(passphraseProblem('')).toMatch(/不能为空/);
    expect(passphraseProblem(' '.repeat(8))).toMatch(/全是空格/);
    expect(passphraseProblem('abc')).toMatch(/至少 8 个字符/);
    expect(passphraseProblem('aaaaaaaa')).toMatch(/同一个字符重复/);
    expect(passphraseProblem('中中中中中中中中')).toMatch(/同一个字符重复/);
    expect(passphraseProblem('12345678')).toMatch(/最常见的口令/);
    expect(passphraseProblem('PassWord1')).toMatch(/最常见的口令/);
    expect(passphraseProblem('woaini1314')).toMatch(/最常见的口令/);
  });

  it('accepts a passphrase nobody guesses first; the list has 100 distinct entries', () => {
    expect(passphraseProblem('德阳司法局2026评查')).toBeNull();
    expect(passphraseProblem('correct horse battery')).toBeNull();
    expect(new Set(COMMON_PASSWORDS).size).toBe(100);
  });

  it('the key file is never written under a refused passphrase', async () => {
    const key = generateSigningKeyPair();
    for (const p of ['12345678', ' '.repeat(8), 'zzzzzzzzzz'])
      await expect(exportKeyFile(key, p, '2026-12-01T00:00:00.000Z', 1000)).rejects.toBeInstanceOf(
        KeyFileError,
      );
    await expect(
      exportKeyFile(key, '德阳司法局2026评查', '2026-12-01T00:00:00.000Z', 1000),
    ).resolves.toBeInstanceOf(Uint8Array);
  });
});
