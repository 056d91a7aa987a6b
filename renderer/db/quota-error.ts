// Whether a failed write ran out of disk space. IndexedDB reports a DOMException named
// QuotaExceededError; Dexie wraps it (its own QuotaExceededError, or an AbortError of the transaction
// whose `inner` is the DOMException), and callers may wrap it again as a `cause`: the whole chain is
// searched, each link once.
export function isQuotaError(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (
    let e = error;
    e && !seen.has(e);
    e = (e as { inner?: unknown }).inner ?? (e as { cause?: unknown }).cause
  ) {
    seen.add(e);
    if ((e as { name?: string }).name === 'QuotaExceededError') return true;
  }
  return false;
}
