// Excel date serials -> ISO dates, by integer day arithmetic (no Date objects, no time zones).

/** ISO 'YYYY-MM-DD' from days since 1970-01-01 (proleptic Gregorian; Howard Hinnant's civil_from_days). */
export function isoFromEpochDays(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** Days since 1970-01-01 of a civil date. */
export function epochDaysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const DAYS_1899_12_30 = -25569; // epoch days of 1899-12-30, day 0 of the 1900 system after its fake 29 Feb
const DAYS_1904_01_01 = -24107;

/**
 * ISO date of an Excel serial (the time of day is dropped). The 1900 system counts the non-existent
 * 1900-02-29 (serial 60), so serials before it are shifted by one day. Returns null outside 1..9999-12-31.
 */
export function excelSerialToIso(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial) || serial < 0 || serial > 2958466) return null;
  const whole = Math.floor(serial);
  if (date1904) return isoFromEpochDays(DAYS_1904_01_01 + whole);
  if (whole === 0) return null; // "1900-01-00"
  if (whole === 60) return null; // Excel's phantom 1900-02-29 is no real date
  return isoFromEpochDays(DAYS_1899_12_30 + whole + (whole < 60 ? 1 : 0));
}
