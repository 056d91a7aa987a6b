// The one random-id helper of the store: `prefix` + `bytes` random bytes as lowercase hex.
export function randomId(prefix = '', bytes = 12): string {
  const random = crypto.getRandomValues(new Uint8Array(bytes));
  return prefix + Array.from(random, (b) => b.toString(16).padStart(2, '0')).join('');
}
