// The officer registry as the certificate rules read it: certificate number -> holder, validity and the
// dated status history (有效 / 暂扣 / 注销), so a ledger row can be checked against the certificate's state on
// the case date, not today's.

import type { Officer, OfficerSettings } from '../officers/officer-model';
import { effectiveExpiry } from '../officers/officer-model';
import { isoDayNumber } from './working-days';
import { normaliseCertificateNo } from '../officers/officer-checks';
import { sha256Hex } from '../crypto/sha256';
import { canonicalJson } from '../util/canonical-json';

export interface RegisteredCertificate {
  certificateNo: string;
  name: string;
  issueDay: number | null;
  expiryDay: number | null;
  issueDate: string | null;
  expiryDate: string | null;
  /** Status changes by day, oldest first: from `day` on the status is `status`. */
  statusFrom: { day: number; status: Officer['status'] }[];
}

export type CertificateRegistry = ReadonlyMap<string, RegisteredCertificate>;

/** Certificate numbers compare as the registry compares them: no spaces, full-width forms or letter case. */
export { normaliseCertificateNo };

/** Several numbers in one cell ('川A001、川A002'). */
const PLAIN_NO = /^[0-9A-Z-]+$/;

export function splitCertificateNos(cell: string): string[] {
  if (cell === '') return [];
  if (PLAIN_NO.test(cell)) return [cell]; // the common case: one number, nothing to normalise
  const out: string[] = [];
  for (const part of cell.split(/[、，,；;／/\n]+/)) {
    // spaces separate numbers only when each side is a whole number ('川A0001 川A0002'), not inside one ('川A 0001')
    const words = part.trim().split(/\s+/);
    const whole = words.length > 1 && words.every((w) => w.length >= 5);
    for (const w of whole ? words : [part]) {
      const no = normaliseCertificateNo(w);
      if (no !== '') out.push(no);
    }
  }
  return out;
}

export function buildCertificateRegistry(
  officers: readonly Officer[],
  settings?: OfficerSettings,
): CertificateRegistry {
  const out = new Map<string, RegisteredCertificate>();
  for (const o of officers) {
    const no = normaliseCertificateNo(o.certificateNo);
    if (no === '') continue;
    const expiry = effectiveExpiry(o, settings);
    const history = [...o.statusHistory].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    const statusFrom: RegisteredCertificate['statusFrom'] = [];
    // before the first recorded change the certificate had that change's `from` status (or was valid when issued)
    const first = history[0];
    statusFrom.push({ day: -Infinity, status: first ? (first.from ?? '有效') : '有效' });
    for (const h of history) {
      const day = isoDayNumber(h.at.slice(0, 10));
      if (day !== null) statusFrom.push({ day, status: h.to });
    }
    out.set(no, {
      certificateNo: o.certificateNo,
      name: o.name,
      issueDate: o.issueDate,
      expiryDate: expiry,
      issueDay: o.issueDate ? isoDayNumber(o.issueDate) : null,
      expiryDay: expiry ? isoDayNumber(expiry) : null,
      statusFrom,
    });
  }
  return out;
}

/** SHA-256 of what the certificate rules read from a registry ('' for none): changes with any certificate. */
export function registryDigest(registry: CertificateRegistry): string {
  if (registry.size === 0) return '';
  const entries = [...registry.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return sha256Hex(
    canonicalJson(
      entries.map(([no, c]) => [no, c.issueDate, c.expiryDate, c.statusFrom.map((s) => [s.day, s.status])]),
    ),
  );
}

/** Why a certificate was not valid on a day, or null when it was. */
export function certificateProblemOn(cert: RegisteredCertificate, day: number): string | null {
  if (cert.issueDay !== null && day < cert.issueDay) return `证件尚未颁发（${cert.issueDate!}颁发）`;
  if (cert.expiryDay !== null && day > cert.expiryDay) return `证件已过期（有效期至${cert.expiryDate!}）`;
  let status: Officer['status'] = '有效';
  for (const s of cert.statusFrom) if (s.day <= day) status = s.status;
  if (status === '暂扣') return '证件处于暂扣状态';
  if (status === '注销') return '证件已注销';
  return null;
}
