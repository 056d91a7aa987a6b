// Seeds for the public draw: typed from dice before witnesses, or generated here and shown.

/** The recommended length: 20 dice digits give ~66 bits, far beyond what anyone could steer. */
export const SEED_DIGITS = 20;
export const MIN_SEED_DIGITS = 6;
export const MAX_SEED_DIGITS = 100;

/**
 * `count` uniformly random decimal digits from crypto.getRandomValues. Bytes >= 250 are rejected so
 * every digit is exactly equally likely (256 is not a multiple of 10).
 */
export function generateSeed(
  count = SEED_DIGITS,
  random: (a: Uint8Array) => Uint8Array = (a) => crypto.getRandomValues(a),
): string {
  let out = '';
  while (out.length < count) {
    for (const b of random(new Uint8Array(count * 2))) {
      if (b < 250) out += String(b % 10);
      if (out.length === count) break;
    }
  }
  return out;
}

/** Chinese problem with a seed, or null when it can be used. */
export function seedProblem(seed: string): string | null {
  if (seed === '') return '请先输入或生成随机种子。';
  if (!/^\d+$/.test(seed)) return '种子只能由数字 0–9 组成（骰子读数或随机生成的数字）。';
  if (seed.length < MIN_SEED_DIGITS)
    return `种子太短：至少 ${MIN_SEED_DIGITS} 位数字，建议 ${SEED_DIGITS} 位。`;
  if (seed.length > MAX_SEED_DIGITS) return `种子太长：最多 ${MAX_SEED_DIGITS} 位数字。`;
  return null;
}

/** "01382438112797316654" -> "01382 43811 27973 16654" for reading aloud. */
export function groupDigits(seed: string): string {
  return seed.replace(/(\d{5})(?=\d)/g, '$1 ');
}
