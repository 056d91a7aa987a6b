// Letter settings (设置 → 整改函), validated with zod: stored values that no longer fit fall back to
// the defaults field by field (see renderer/db/settings-repository.ts).
import { z } from 'zod';

export const LETTERS_SETTINGS_AREA = 'letters';

export const LETTER_TITLES = ['整改通知书', '行政执法监督意见书', '执法监督建议书'] as const;

export const letterSettingsSchema = z.object({
  /** 发文机关 (signature and issuer mark). */
  issuer: z.string().trim().max(40).default('市司法局'),
  /** 发文机关代字, e.g. 德法函. */
  prefix: z.string().trim().max(20).default('法函'),
  /** 文种, e.g. 整改通知书. */
  title: z.string().trim().min(1).max(20).default('整改通知书'),
  deadlineDays: z.number().int().min(1).max(365).default(15),
  deadlineMode: z.enum(['calendar', 'working']).default('calendar'),
  /** Days (working days) to object to the results. */
  objectionDays: z.number().int().min(1).max(60).default(5),
  /** 联系人及电话, printed in the reply paragraph when set. */
  contact: z.string().trim().max(80).default(''),
  /** attachments-table ids of the user's own TrueType fonts (仿宋 / 小标宋), or null for the bundled font. */
  bodyFontId: z.string().nullable().default(null),
  titleFontId: z.string().nullable().default(null),
});

export type LetterSettings = z.infer<typeof letterSettingsSchema>;

export const defaultLetterSettings = (): LetterSettings => letterSettingsSchema.parse({});
