// Registry checks (data errors) and always-visible flags (situations staff must act on).
import { daysBetween } from './dates';
import { checkIdNumber, maskIdNumber, normaliseIdNumber } from './id-card';
import {
  DEFAULT_OFFICER_SETTINGS,
  effectiveExpiry,
  isFormalStaff,
  type Officer,
  type OfficerSettings,
} from './officer-model';

export type RegistryIssueCode =
  | 'duplicate-certificate'
  | 'duplicate-person'
  | 'expiry-before-issue'
  | 'bad-id-number'
  | 'missing-id-number'
  | 'gender-mismatch';

export interface RegistryIssue {
  severity: 'error' | 'warning';
  code: RegistryIssueCode;
  officerId: string;
  officerName: string;
  field: 'certificateNo' | 'idNumber' | 'expiryDate' | 'gender';
  /** Chinese; ID numbers appear masked only. */
  message: string;
}

/** Canonical certificate number for comparisons: NFKC, no spaces, upper-case. */
export function normaliseCertificateNo(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

/** Data errors across the whole registry. Linear: one pass plus two maps. */
export function validateRegistry(officers: readonly Officer[], today?: string): RegistryIssue[] {
  const issues: RegistryIssue[] = [];
  const byCert = new Map<string, Officer[]>();
  const byId = new Map<string, Officer[]>();
  for (const o of officers) {
    const cert = normaliseCertificateNo(o.certificateNo);
    // A revoked certificate's number may legitimately be reissued; only live ones must be unique.
    if (cert !== '' && o.status !== '注销') push(byCert, cert, o);
    const idn = normaliseIdNumber(o.idNumber);
    if (idn === '') {
      issues.push(
        issue('warning', 'missing-id-number', o, 'idNumber', `${o.name}（${o.department}）未登记身份证号`),
      );
    } else {
      push(byId, idn, o);
      const check = checkIdNumber(idn, today);
      if (!check.ok) {
        issues.push(
          issue(
            'error',
            'bad-id-number',
            o,
            'idNumber',
            `${o.name}（${o.department}）的身份证号 ${maskIdNumber(idn)} 有误：${check.message}`,
          ),
        );
      } else if (o.gender && check.gender !== o.gender) {
        issues.push(
          issue(
            'warning',
            'gender-mismatch',
            o,
            'gender',
            `${o.name}的性别登记为“${o.gender}”，与身份证号显示的“${check.gender}”不一致`,
          ),
        );
      }
    }
    if (o.issueDate && o.expiryDate && o.expiryDate < o.issueDate) {
      issues.push(
        issue(
          'error',
          'expiry-before-issue',
          o,
          'expiryDate',
          `${o.name}的证件有效期至 ${o.expiryDate}，早于发证日期 ${o.issueDate}`,
        ),
      );
    }
  }
  for (const [cert, group] of byCert) {
    if (group.length < 2) continue;
    const names = group.map((o) => `${o.name}（${o.department}）`).join('、');
    for (const o of group) {
      issues.push(
        issue('error', 'duplicate-certificate', o, 'certificateNo', `执法证号 ${cert} 重复：${names}`),
      );
    }
  }
  for (const group of byId.values()) {
    if (group.length < 2) continue;
    const names = group
      .map((o) => `${o.name}（${o.department}，证号 ${o.certificateNo || '无'}）`)
      .join('、');
    for (const o of group) {
      issues.push(
        issue(
          'error',
          'duplicate-person',
          o,
          'idNumber',
          `同一身份证号 ${maskIdNumber(o.idNumber)} 登记了${group.length}条人员记录：${names}`,
        ),
      );
    }
  }
  return issues;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function issue(
  severity: RegistryIssue['severity'],
  code: RegistryIssueCode,
  o: Officer,
  field: RegistryIssue['field'],
  message: string,
): RegistryIssue {
  return { severity, code, officerId: o.id, officerName: o.name, field, message };
}

export type OfficerFlagCode =
  'non-formal-staff' | 'expired' | 'expiring' | 'suspended' | 'revoked' | 'no-expiry';

export interface OfficerFlag {
  code: OfficerFlagCode;
  severity: 'danger' | 'warning' | 'info';
  /** Short Chinese label for a tag. */
  label: string;
  /** Chinese sentence for a tooltip / report. */
  message: string;
}

/**
 * Flags shown next to an officer everywhere. `today` is ISO; expiring = expires within
 * settings.expiryWarningDays (inclusive) but not yet expired.
 */
export function officerFlags(
  officer: Officer,
  today: string,
  settings: OfficerSettings = DEFAULT_OFFICER_SETTINGS,
): OfficerFlag[] {
  const flags: OfficerFlag[] = [];
  const holds = officer.certificateNo.trim() !== '' && officer.status !== '注销';
  if (holds && !isFormalStaff(officer.employmentType)) {
    flags.push({
      code: 'non-formal-staff',
      severity: 'danger',
      label: '非在编持证',
      message: `${officer.name}的用工性质为“${officer.employmentType}”，只有正式在编人员可以持有行政执法证`,
    });
  }
  if (officer.status === '暂扣') {
    flags.push({
      code: 'suspended',
      severity: 'danger',
      label: '证件暂扣',
      message: `${officer.name}的执法证已暂扣，暂扣期间不得从事执法活动`,
    });
  }
  if (officer.status === '注销') {
    flags.push({
      code: 'revoked',
      severity: 'info',
      label: '证件注销',
      message: `${officer.name}的执法证已注销`,
    });
  }
  if (holds) {
    const expiry = effectiveExpiry(officer, settings);
    if (!expiry) {
      flags.push({
        code: 'no-expiry',
        severity: 'warning',
        label: '缺有效期',
        message: `${officer.name}的执法证未登记发证日期和有效期`,
      });
    } else {
      const left = daysBetween(today, expiry);
      if (left < 0) {
        flags.push({
          code: 'expired',
          severity: 'danger',
          label: '证件过期',
          message: `${officer.name}的执法证已于 ${expiry} 到期`,
        });
      } else if (left <= settings.expiryWarningDays) {
        flags.push({
          code: 'expiring',
          severity: 'warning',
          label: `${left}天后到期`,
          message: `${officer.name}的执法证将于 ${expiry} 到期（还剩${left}天）`,
        });
      }
    }
  }
  return flags;
}

/**
 * The status to show beside the flags: a certificate registered 有效 whose validity has run out is
 * shown as 已过期 (never 有效 next to 证件过期); the stored status is left as registered.
 */
export function shownStatus(officer: Pick<Officer, 'status'>, flags: readonly { code: string }[]): string {
  return officer.status === '有效' && flags.some((f) => f.code === 'expired') ? '已过期' : officer.status;
}
