// The one place where counts and amounts become text: thousands separators everywhere a number
// is shown to a person (12,345 件; 1,234.50 元). Documents and screens use these; next to
// time-format.ts, which does the same for times.

/** A count: 12345 → '12,345'. Non-finite values show as '—'. */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return '—';
  return formatGrouped(Math.round(n), 0);
}

/** Money stored in 分 (integer): 123456 → '1,234.56' (元, two places). */
export function formatFenAmount(fen: number): string {
  if (!Number.isFinite(fen)) return '—';
  const negative = fen < 0;
  const abs = Math.abs(Math.round(fen));
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  return `${negative ? '-' : ''}${group(String(yuan))}.${String(cents).padStart(2, '0')}`;
}

function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function formatGrouped(n: number, digits: number): string {
  const fixed = Math.abs(n).toFixed(digits);
  const [int, frac] = fixed.split('.');
  const sign = n < 0 && Number(fixed) !== 0 ? '-' : '';
  return `${sign}${group(int!)}${frac ? `.${frac}` : ''}`;
}

/** A size for people (storage, files): 1536 → '1.5 KB'; null (not known) → '未知'. */
export function formatBytes(n: number | null): string {
  if (n === null) return '未知';
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}
