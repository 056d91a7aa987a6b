// Enforcement officers (行政执法人员) and their certificates (行政执法证). domain.md §3.
import { z } from 'zod';
import { addDays, addYears, isIsoDate } from './dates';

export const EMPLOYMENT_TYPES = [
  '正式在编',
  '合同工',
  '聘用人员',
  '劳务派遣',
  '临时工',
  '公益性岗位',
  '工勤人员',
  '其他',
] as const;
export type EmploymentType = (typeof EMPLOYMENT_TYPES)[number];

export const OFFICER_STATUSES = ['有效', '暂扣', '注销'] as const;
export type OfficerStatus = (typeof OFFICER_STATUSES)[number];

export const SANCTION_KINDS = ['纪律处分', '刑事处罚', '立案调查'] as const;
export type SanctionKind = (typeof SANCTION_KINDS)[number];

export const CERTIFICATE_ISSUE_KINDS = ['出借', '涂改'] as const;
export type CertificateIssueKind = (typeof CERTIFICATE_ISSUE_KINDS)[number];

/** Only formal staff may hold a certificate; every other type is flagged. */
export function isFormalStaff(type: EmploymentType): boolean {
  return type === '正式在编';
}

export const isoDateSchema = z.string().refine(isIsoDate, { message: '日期格式应为 YYYY-MM-DD' });
/** A date or a date-time (ISO 8601); history entries keep whatever precision the caller had. */
export const isoTimestampSchema = z
  .string()
  .refine((s) => isIsoDate(s.slice(0, 10)) && (s.length === 10 || s[10] === 'T'), {
    message: '时间格式应为 YYYY-MM-DD 或 ISO 8601 时间',
  });

export const statusChangeSchema = z.object({
  at: isoTimestampSchema,
  /** null for the first entry (certificate issued / imported). */
  from: z.enum(OFFICER_STATUSES).nullable(),
  to: z.enum(OFFICER_STATUSES),
  reason: z.string().trim().min(1, '状态变更原因不能为空'),
  by: z.string().trim().min(1, '经办人不能为空'),
});
export type StatusChange = z.infer<typeof statusChangeSchema>;

export const sanctionSchema = z.object({
  kind: z.enum(SANCTION_KINDS),
  date: isoDateSchema,
  note: z.string().default(''),
  /** 立案调查 only: the date the investigation closed; absent while it is still open. */
  endDate: isoDateSchema.nullable().optional(),
});
export type Sanction = z.infer<typeof sanctionSchema>;

export const certificateIssueSchema = z.object({
  kind: z.enum(CERTIFICATE_ISSUE_KINDS),
  date: isoDateSchema,
  note: z.string().default(''),
});
export type CertificateIssue = z.infer<typeof certificateIssueSchema>;

export const officerSchema = z.object({
  id: z.string().min(1, '人员编号不能为空'),
  name: z.string().trim().min(1, '姓名不能为空'),
  gender: z.enum(['男', '女']).nullable().default(null),
  /** Private: shown masked (maskIdNumber), never exported except in a full backup. */
  idNumber: z.string().default(''),
  department: z.string().trim().min(1, '执法部门不能为空'),
  post: z.string().default(''),
  employmentType: z.enum(EMPLOYMENT_TYPES),
  /** Empty while no certificate has been issued (e.g. an exam candidate). */
  certificateNo: z.string().default(''),
  areas: z.array(z.string()).default([]),
  issueDate: isoDateSchema.nullable().default(null),
  expiryDate: isoDateSchema.nullable().default(null),
  status: z.enum(OFFICER_STATUSES).default('有效'),
  statusHistory: z.array(statusChangeSchema).default([]),
  inEnforcementPost: z.boolean().default(true),
  sanctions: z.array(sanctionSchema).default([]),
  /** Latest enforcement act known from the registry itself; ledgers can add more via the review context. */
  lastEnforcementActDate: isoDateSchema.nullable().optional(),
  /** Certificate lent to someone else or altered (出借 / 涂改). */
  certificateIssues: z.array(certificateIssueSchema).default([]),
});
export type Officer = z.infer<typeof officerSchema>;
export type OfficerInput = z.input<typeof officerSchema>;

/** Local settings for the registry. Defaults are common practice, all editable. */
export const officerSettingsSchema = z.object({
  /** Warn this many days before a certificate expires. */
  expiryWarningDays: z.number().int().min(0).max(3650).default(90),
  /** Certificate validity when a record has an issue date but no expiry (5, 3 or 2 years seen). */
  validityYears: z.number().int().min(1).max(20).default(5),
});
export type OfficerSettings = z.infer<typeof officerSettingsSchema>;
export const DEFAULT_OFFICER_SETTINGS: OfficerSettings = officerSettingsSchema.parse({});

/** A broken rule the user can fix; `message` is Chinese and shown as is. */
export class OfficerRuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OfficerRuleError';
  }
}

/** Parse an officer from untrusted input (import, backup, IPC); throws zod errors with Chinese messages. */
export function parseOfficer(input: unknown): Officer {
  return officerSchema.parse(input);
}

/**
 * Change a certificate's status, appending to its dated history. Returns a new officer; the input is not
 * modified. A revoked (注销) certificate cannot come back: a new one must be issued.
 */
export function changeStatus(
  officer: Officer,
  to: OfficerStatus,
  reason: string,
  by: string,
  at: string,
): Officer {
  if (!OFFICER_STATUSES.includes(to)) throw new OfficerRuleError(`未知的证件状态“${String(to)}”`);
  const why = reason.trim();
  if (why === '') throw new OfficerRuleError(`变更${officer.name}的证件状态必须填写原因`);
  if (by.trim() === '') throw new OfficerRuleError('变更证件状态必须填写经办人');
  if (!isoTimestampSchema.safeParse(at).success) {
    throw new OfficerRuleError(`变更时间“${at}”格式不正确，应为 YYYY-MM-DD 或 ISO 8601 时间`);
  }
  if (officer.status === to) throw new OfficerRuleError(`${officer.name}的证件状态已是“${to}”，无需变更`);
  if (officer.status === '注销') {
    throw new OfficerRuleError(`${officer.name}的证件已注销，不能恢复为“${to}”，请重新申领证件`);
  }
  const entry: StatusChange = { at, from: officer.status, to, reason: why, by: by.trim() };
  return { ...officer, status: to, statusHistory: [...officer.statusHistory, entry] };
}

/** Expiry date, derived from the issue date and the validity setting when the record has none. */
export function effectiveExpiry(
  officer: Officer,
  settings: OfficerSettings = DEFAULT_OFFICER_SETTINGS,
): string | null {
  if (officer.expiryDate) return officer.expiryDate;
  if (!officer.issueDate) return null;
  // Valid through the day before the anniversary.
  return addDays(addYears(officer.issueDate, settings.validityYears), -1);
}
