// 公民身份号码 (GB 11643-1999): 6-digit region code, 8-digit birth date, 3-digit sequence (odd = male),
// and an ISO 7064 MOD 11-2 check character. Numbers are private: show them only through maskIdNumber.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

export type IdNumberProblem = 'empty' | 'length' | 'characters' | 'region' | 'birth-date' | 'check-digit';

export interface IdNumberCheck {
  ok: boolean;
  /** Upper-case, trimmed, NFKC form (full-width digits and 'ｘ' accepted). */
  normalised: string;
  problem?: IdNumberProblem;
  /** Chinese explanation when not ok. */
  message?: string;
  /** ISO YYYY-MM-DD when the birth-date part is valid. */
  birthDate?: string;
  gender?: '男' | '女';
}

/** Trim, NFKC (full-width digits), drop inner spaces, upper-case the final x. */
export function normaliseIdNumber(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

/** The check character for the first 17 digits; throws on non-digit input (programming error). */
export function idCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error(`idCheckChar expects 17 digits, got "${first17}"`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

function validBirthDate(yyyymmdd: string, today?: string): string | null {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < 1900 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  const iso = `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
  if (today && iso > today) return null;
  return iso;
}

/**
 * Full check of an 18-character 公民身份号码. 15-digit first-generation numbers are rejected on purpose:
 * they expired in 2013 and carry no check digit. `today` (ISO) rejects birth dates in the future.
 */
export function checkIdNumber(raw: string, today?: string): IdNumberCheck {
  const n = normaliseIdNumber(raw);
  if (n === '') return { ok: false, normalised: n, problem: 'empty', message: '身份证号为空' };
  if (n.length !== 18) {
    return {
      ok: false,
      normalised: n,
      problem: 'length',
      message:
        n.length === 15
          ? '身份证号为15位旧号码，请改为18位公民身份号码'
          : `身份证号应为18位，实际为${n.length}位`,
    };
  }
  if (!/^\d{17}[\dX]$/.test(n)) {
    return {
      ok: false,
      normalised: n,
      problem: 'characters',
      message: '身份证号只能由数字组成，最后一位可以是 X',
    };
  }
  // Province-level prefixes of GB/T 2260 (71 台湾, 81/82 港澳, 83 台湾居民居住证); finer codes change too often.
  if (!/^(1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[1-3])/.test(n)) {
    return {
      ok: false,
      normalised: n,
      problem: 'region',
      message: `身份证号前6位地址码 ${n.slice(0, 6)} 不存在`,
    };
  }
  const birthDate = validBirthDate(n.slice(6, 14), today);
  if (!birthDate) {
    return {
      ok: false,
      normalised: n,
      problem: 'birth-date',
      message: `身份证号第7至14位出生日期 ${n.slice(6, 14)} 不是有效日期`,
    };
  }
  const expected = idCheckChar(n.slice(0, 17));
  if (n[17] !== expected) {
    return {
      ok: false,
      normalised: n,
      problem: 'check-digit',
      message: '身份证号校验位不正确（可能有数字录入错误）',
    };
  }
  return { ok: true, normalised: n, birthDate, gender: Number(n[16]) % 2 === 1 ? '男' : '女' };
}

export function isValidIdNumber(raw: string, today?: string): boolean {
  return checkIdNumber(raw, today).ok;
}

/**
 * Masked form for display: first 6 and last 4 kept (510603********123X). Anything too short to mask
 * meaningfully is fully starred so a typo never leaks a number.
 */
export function maskIdNumber(raw: string): string {
  const n = normaliseIdNumber(raw);
  if (n.length < 11) return '*'.repeat(n.length);
  return n.slice(0, 6) + '*'.repeat(n.length - 10) + n.slice(-4);
}
