// The store's shared helpers: one quota check (every form IndexedDB and Dexie report), one random id.
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { isQuotaError } from '../../renderer/db/quota-error';
import { randomId } from '../../renderer/db/random-id';
import { errorText } from '../../shared/util/error-text';

describe('isQuotaError', () => {
  const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

  it('recognises the DOMException IndexedDB throws', () => {
    expect(isQuotaError(quota())).toBe(true);
  });

  it('recognises the Dexie wrapped forms', () => {
    expect(isQuotaError(new Dexie.QuotaExceededError('quota', quota()))).toBe(true);
    // A transaction aborted because a write ran out of space: Dexie's AbortError with the DOMException inside.
    expect(isQuotaError(new Dexie.AbortError('Transaction aborted', quota()))).toBe(true);
    // ... wrapped once more by a caller, as a cause.
    expect(isQuotaError(new Error('写入失败', { cause: new Dexie.AbortError('aborted', quota()) }))).toBe(
      true,
    );
  });

  it('is false for other failures, and a cycle in the chain ends', () => {
    expect(isQuotaError(new Dexie.AbortError('Transaction aborted', new Error('boom')))).toBe(false);
    expect(isQuotaError(new DOMException('x', 'ConstraintError'))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
    expect(isQuotaError('QuotaExceededError')).toBe(false);
    const a: { name: string; inner?: unknown } = { name: 'Error' };
    a.inner = { name: 'AbortError', inner: a };
    expect(isQuotaError(a)).toBe(false);
  });
});

describe('randomId', () => {
  it('is the prefix and the given number of random bytes in hex, and differs each time', () => {
    expect(randomId('imp_')).toMatch(/^imp_[0-9a-f]{24}$/);
    expect(randomId('dep_', 8)).toMatch(/^dep_[0-9a-f]{16}$/);
    const ids = new Set(Array.from({ length: 1000 }, () => randomId('x', 8)));
    expect(ids.size).toBe(1000);
  });
});

describe('errorText', () => {
  it('gives an error its message and anything else as text', () => {
    expect(errorText(new Error('文件无法读取。'))).toBe('文件无法读取。');
    expect(errorText('已取消')).toBe('已取消');
    expect(errorText(42)).toBe('42');
  });
});
