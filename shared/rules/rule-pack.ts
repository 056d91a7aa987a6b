// The rule pack (台账体检规则包): statutory checks of ledger rows, as data. Each rule names its law and
// article, the sector and case types it applies to, when it is in force, the fields it needs, its arithmetic
// (one of a few check kinds below) and a sentence template that prints the arithmetic. The pack is checked by
// zod wherever it enters (default, settings, backups), and its SHA-256 over canonical JSON is recorded in the
// draw record and the log, so a draw says exactly which rules flagged the files it drew on purpose.

import { z } from 'zod';
import { canonicalJson } from '../util/canonical-json';
import { sha256Hex } from '../crypto/sha256';
import { DATE_FIELDS, RULE_FIELDS } from './rule-fields';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const dateField = z.enum(DATE_FIELDS);

export const citationSchema = z.object({
  law: z.string().min(1, '法律依据不能为空'),
  article: z.string().min(1, '条款不能为空'),
  /** The article's words the rule rests on, quoted. */
  text: z.string().min(1, '条文不能为空'),
  /** Sector the rule is limited to ('' = every sector). */
  sector: z.string().default(''),
  inForceFrom: isoDate,
  inForceTo: isoDate.nullable().default(null),
});

/** Period between two dates must not exceed a limit (办案期限, 送达期限, 查封扣押期限 …). */
const periodCheck = z.object({
  kind: z.literal('period'),
  from: z.array(dateField).min(1),
  /** The first of these the row has is used, and the sentence says which. */
  to: z.array(dateField).min(1),
  days: z.number().int().min(1).max(3650),
  unit: z.enum(['calendar', 'working']),
  /** Extra days when the row records an approved extension (延期批准). */
  extensionDays: z.number().int().min(0).max(3650).default(0),
  /** The row's 不计入期限的天数 (听证、公告、鉴定 …) are added to the limit. */
  excludesRecordedDays: z.boolean().default(false),
});

/** The second date must come at least `days` after the first (听证通知 7 days before the hearing …). */
const waitingCheck = z.object({
  kind: z.literal('waiting'),
  from: z.array(dateField).min(1),
  to: z.array(dateField).min(1),
  days: z.number().int().min(1).max(3650),
  unit: z.enum(['calendar', 'working']),
  /** true: `to` must fall after the whole window (a decision after the 5-day request window); false: at least `days`. */
  afterWindow: z.boolean(),
});

const orderCheck = z.object({
  kind: z.literal('order'),
  /** Must not be earlier than `earlier`. */
  later: z.array(dateField).min(1),
  earlier: z.array(dateField).min(1),
});

const onTheSpotCheck = z.object({
  kind: z.literal('on-the-spot-amount'),
  /** The 适用程序 texts that mean 当场/简易程序. */
  procedureWords: z.array(z.string().min(1)).min(1),
  citizenLimitFen: z.number().int().min(0),
  organisationLimitFen: z.number().int().min(0),
  /** A party whose name ends with one of these is an organisation; otherwise a citizen. */
  organisationSuffixes: z.array(z.string().min(1)).min(1),
});

const officersCheck = z.object({
  kind: z.literal('min-officers'),
  min: z.number().int().min(1).max(10),
});

const certificateCheck = z.object({
  kind: z.literal('certificate'),
  problem: z.enum(['missing', 'unregistered', 'invalid-on-date']),
  /** The case date the certificate must be valid on: the first of these the row has. */
  on: z.array(dateField).min(1),
});

export const ruleCheckSchema = z.discriminatedUnion('kind', [
  periodCheck,
  waitingCheck,
  orderCheck,
  onTheSpotCheck,
  officersCheck,
  certificateCheck,
]);
export type RuleCheck = z.infer<typeof ruleCheckSchema>;

export const ruleSchema = z.object({
  id: z.string().regex(/^[A-Z][A-Z0-9-]{1,39}$/, '规则编号应为大写字母、数字和连字符'),
  title: z.string().min(1, '规则名称不能为空'),
  citation: citationSchema,
  /** Case types the rule applies to ([] = all). */
  caseTypes: z.array(z.string().min(1)).default([]),
  /** The rule applies only to departments whose name contains one of these ([] = all). */
  departmentKeywords: z.array(z.string().min(1)).default([]),
  /** …and not to departments whose name contains one of these (a sector with its own rule). */
  excludeDepartmentKeywords: z.array(z.string().min(1)).default([]),
  /** Fields the rule needs; a row without one is counted as “cannot check”, never flagged. */
  needs: z.array(z.enum(RULE_FIELDS)).min(1),
  check: ruleCheckSchema,
  /** Sentence printing the arithmetic; {placeholders} are filled by the check (see evaluate.ts). */
  sentence: z.string().min(1),
  /** The review-standard item the flag bears on, matched by words in the item's text. */
  bearsOn: z.array(z.string().min(1)).min(1),
  enabled: z.boolean().default(true),
});
export type Rule = z.infer<typeof ruleSchema>;
export type RuleInput = z.input<typeof ruleSchema>;

export const rulePackSchema = z
  .object({
    id: z.string().min(1),
    version: z.string().min(1),
    title: z.string().min(1),
    rules: z.array(ruleSchema).min(1),
  })
  .superRefine((pack, ctx) => {
    const seen = new Set<string>();
    for (const r of pack.rules) {
      if (seen.has(r.id)) ctx.addIssue({ code: 'custom', message: `规则编号“${r.id}”重复` });
      seen.add(r.id);
    }
  });
export type RulePack = z.infer<typeof rulePackSchema>;

/** SHA-256 (hex) of the pack's canonical JSON: the same rules always give the same digest. */
export function rulePackDigest(pack: RulePack): string {
  return sha256Hex(canonicalJson(pack));
}

const PERIOD_MESSAGE = '期限应为 1 到 3650 之间的整数天数';
const EXTENSION_MESSAGE = '延长期限应为 0 到 3650 之间的整数天数';

/** The office's changes to the default pack (设置 → 台账体检规则). */
export const rulePackSettingsSchema = z.object({
  disabled: z.array(z.string()).default([]),
  /** Rule id -> its period in days and extension days (sector periods). */
  periods: z
    .record(
      z.string(),
      z.object({
        days: z
          .number({ error: PERIOD_MESSAGE })
          .int(PERIOD_MESSAGE)
          .min(1, PERIOD_MESSAGE)
          .max(3650, PERIOD_MESSAGE),
        extensionDays: z
          .number({ error: EXTENSION_MESSAGE })
          .int(EXTENSION_MESSAGE)
          .min(0, EXTENSION_MESSAGE)
          .max(3650, EXTENSION_MESSAGE),
      }),
    )
    .default({}),
});
export type RulePackSettings = z.infer<typeof rulePackSettingsSchema>;

/** The pack as the office runs it: the default with its rules switched off and its periods changed. */
export function effectiveRulePack(pack: RulePack, settings: RulePackSettings): RulePack {
  const rules = pack.rules.map((r) => {
    let rule: Rule = settings.disabled.includes(r.id) ? { ...r, enabled: false } : r;
    const p = settings.periods[r.id];
    if (p && (rule.check.kind === 'period' || rule.check.kind === 'waiting')) {
      rule = {
        ...rule,
        check: {
          ...rule.check,
          days: p.days,
          ...(rule.check.kind === 'period' ? { extensionDays: p.extensionDays } : {}),
        } as RuleCheck,
      };
    }
    return rule;
  });
  return rulePackSchema.parse({ ...pack, version: settingsVersion(pack.version, settings), rules });
}

function settingsVersion(version: string, settings: RulePackSettings): string {
  const changed = settings.disabled.length > 0 || Object.keys(settings.periods).length > 0;
  return changed ? `${version}+本机调整` : version;
}
