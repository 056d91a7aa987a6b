// Letter settings (设置 → 整改函), validated with zod: stored values that no longer fit fall back to
// the defaults field by field (see renderer/db/settings-repository.ts).
import { z } from 'zod';

export const LETTERS_SETTINGS_AREA = 'letters';

/** 文种 of the rectification letter in 信函格式 (default 函). */
export const LETTER_TITLES = ['函', '整改通知书', '行政执法监督意见书', '执法监督建议书'] as const;

/**
 * The form of the rectification letter: 'letter' = a 函 in 信函格式 (文种 from `title`); 'supervision' = the
 * province's 行政执法监督通知书 form, in 通用格式 (红头, 版记) with the form's fixed title and wording.
 */
export const LETTER_FORMS = ['letter', 'supervision'] as const;
export type LetterForm = (typeof LETTER_FORMS)[number];
export const LETTER_FORM_LABELS: Record<LetterForm, string> = {
  letter: '函（信函格式）',
  supervision: '行政执法监督通知书（通用格式）',
};
/** Fixed 文种 and title of the supervision-notice form. */
export const SUPERVISION_NOTICE_TITLE = '行政执法监督通知书';

/** Outgoing document types that take a 发文字号 from the register, each with its own 代字 setting. */
export const DOC_TYPES = ['letter', 'report', 'notice'] as const;
export type DocType = (typeof DOC_TYPES)[number];
export const DOC_TYPE_LABELS: Record<DocType, string> = {
  letter: '整改函',
  report: '评查情况通报',
  notice: '证件年审结果通知',
};

export const letterSettingsSchema = z.object({
  /** 发文机关 (signature and issuer mark). */
  issuer: z.string().trim().max(40).default('市司法局'),
  /** 发文机关代字, e.g. 德法函. */
  prefix: z.string().trim().max(20).default('法函'),
  /** 文种 of the letter in 信函格式, e.g. 函 (default) or 整改通知书. */
  title: z.string().trim().min(1).max(20).default('函'),
  /** 函 in 信函格式, or the province's 行政执法监督通知书 form (通用格式). */
  letterForm: z.enum(LETTER_FORMS).default('letter'),
  /** 发文机关代字 of the 行政执法监督通知书 form, e.g. 德司法监 (its own register, not the 函's). */
  supervisionPrefix: z.string().trim().max(20).default('法监'),
  /** The basis the 行政执法监督通知书 cites, with its article, e.g. 《四川省行政执法监督条例》第二十条. */
  supervisionBasis: z.string().trim().max(120).default('《行政执法监督条例》'),
  /** 发文机关代字 of the 评查情况通报, e.g. 德法. */
  reportPrefix: z.string().trim().max(20).default('法通'),
  /** 发文机关代字 of the 证件年审结果通知, e.g. 德法发. */
  noticePrefix: z.string().trim().max(20).default('法发'),
  /** The basis the 证件年审结果通知 cites, with its article (e.g. 《四川省行政执法证件管理办法》第二十二条); empty: the default. */
  reviewNoticeBasis: z.string().trim().max(120).default(''),
  /** Where the 留痕校验码 is printed: the footer margin in small type (default) or the 附注. */
  logCodePlacement: z.enum(['footer', 'note']).default('footer'),
  /** 版记 抄送机关 of 通用格式 documents, e.g. 市人民政府办公室 (empty: no 抄送 line). */
  copyTo: z.string().trim().max(120).default(''),
  /** 版记 印发机关, e.g. 德阳市司法局办公室 (empty: the issuer). */
  printer: z.string().trim().max(40).default(''),
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

/** The 代字 of the rectification letter: the 函's, or the 行政执法监督通知书's own. */
export const letterPrefix = (settings: LetterSettings): string =>
  settings.letterForm === 'supervision' ? settings.supervisionPrefix : settings.prefix;

/** The register's 代字 for a document type. */
export function prefixFor(settings: LetterSettings, type: DocType): string {
  return type === 'letter'
    ? letterPrefix(settings)
    : type === 'report'
      ? settings.reportPrefix
      : settings.noticePrefix;
}

/** The 文种 the letter carries (in its title and in “本函”-style references). */
export const letterKind = (settings: LetterSettings): string =>
  settings.letterForm === 'supervision' ? SUPERVISION_NOTICE_TITLE : settings.title;

/** How the app names the letters on screen and in file names: 整改函 for a 函, else the 文种. */
export const letterDisplayName = (settings: LetterSettings): string =>
  letterKind(settings) === '函' ? '整改函' : letterKind(settings);
