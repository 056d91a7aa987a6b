// Review standard (评查标准): the data a case file is scored against.
//
// Points are exact to 0.5, so every amount is held as an integer number of HALF-POINTS
// (2.5 points = 5). The JSON file format (import/export) writes ordinary decimal points;
// parsing converts them and rejects anything that is not a multiple of 0.5. All arithmetic
// elsewhere (scoring engine, results) is integer arithmetic on half-points.

import { z } from 'zod';
import { sha256Hex } from '../crypto/sha256';
import { canonicalJson } from '../util/canonical-json';

// ---------------------------------------------------------------------------------------------
// Vocabulary

export const ITEM_GROUPS = ['实体', '程序', '文书归档'] as const;
export type ItemGroup = (typeof ITEM_GROUPS)[number];

/** 三项制度 checkpoints. */
export const THREE_SYSTEMS_TAGS = ['执法公示', '执法全过程记录', '重大执法决定法制审核'] as const;
export type ThreeSystemsTag = (typeof THREE_SYSTEMS_TAGS)[number];

export const DEDUCTION_MODES = ['per-occurrence', 'once'] as const;
export type DeductionMode = (typeof DEDUCTION_MODES)[number];

/** fail: score 0 and 不合格 whatever else; cap: points still count but the file cannot reach the top band. */
export const VETO_KINDS = ['fail', 'cap'] as const;
export type VetoKind = (typeof VETO_KINDS)[number];

export const STANDARD_STATUSES = ['draft', 'published'] as const;
export type StandardStatus = (typeof STANDARD_STATUSES)[number];

export const GRADE_EXCELLENT = '优秀';
export const GRADE_GOOD = '良好';
export const GRADE_PASS = '合格';
export const GRADE_FAIL = '不合格';

/** Categories seen in published standards; a standard may use any names. */
export const COMMON_CATEGORY_NAMES = [
  '执法主体',
  '事实证据',
  '法律适用',
  '程序',
  '裁量',
  '文书制作',
  '立卷归档',
] as const;

export const STANDARD_FILE_KIND = 'pingcha-review-standard';
export const STANDARD_FILE_FORMAT_VERSION = 1;

// ---------------------------------------------------------------------------------------------
// Internal model (integer half-points)

export interface DeductionOption {
  id: string;
  label: string;
  /** Amount deducted per occurrence (or once), in half-points, > 0. */
  amountHalfPoints: number;
  mode: DeductionMode;
}

export interface StandardItem {
  id: string;
  title: string;
  /** Maximum of this item, in half-points. */
  maxHalfPoints: number;
  deductions: DeductionOption[];
  /** Legal basis or guidance note (依据). */
  legalBasis: string;
  /**
   * 问题表述: the problem in the words of a 通报 heading ("执法人员不足2人或未出示证件"), beside the requirement
   * in `title`. Optional: a standard without it falls back to the requirement.
   */
  problemWording?: string;
  group: ItemGroup;
  tag?: ThreeSystemsTag;
}

export interface StandardCategory {
  id: string;
  name: string;
  /** Optional section label such as 卷面 / 内容 (display only). */
  part?: string;
  items: StandardItem[];
}

export interface VetoItem {
  id: string;
  kind: VetoKind;
  text: string;
  legalBasis?: string;
}

/**
 * A grade band covers [minHalfPoints, maxHalfPoints): min inclusive, max exclusive, except the
 * highest band whose max (= the standard's total) is inclusive. Bands are listed low to high.
 */
export interface GradeBand {
  grade: string;
  minHalfPoints: number;
  maxHalfPoints: number;
}

export interface ReviewStandard {
  id: string;
  name: string;
  /** Case types (案件类型) this standard applies to, e.g. 行政处罚. */
  caseTypes: string[];
  version: number;
  status: StandardStatus;
  isDefault: boolean;
  description?: string;
  totalHalfPoints: number;
  categories: StandardCategory[];
  vetoes: VetoItem[];
  bands: GradeBand[];
  /** Set by freezeStandard. */
  frozenAt?: string;
  /** standardDigest at freezing time. */
  digest?: string;
  /** The version this one was derived from (newVersionFrom). */
  basedOn?: { version: number; digest: string };
}

// ---------------------------------------------------------------------------------------------
// Half-point helpers

/** Points (decimal, multiple of 0.5) -> half-points; throws on anything else. */
export function toHalfPoints(points: number): number {
  if (!isHalfPointMultiple(points))
    throw new Error(`分值必须是 0.5 的整数倍（如 1、1.5、2），收到 ${points}`);
  return Math.round(points * 2);
}

/** Half-points -> points. Exact: dividing an integer by 2 is exact in binary floating point. */
export function fromHalfPoints(half: number): number {
  return half / 2;
}

/** Half-points as display text: 5 -> '2.5', 4 -> '2'. */
export function formatHalfPoints(half: number): string {
  const sign = half < 0 ? '-' : '';
  const abs = Math.abs(half);
  return `${sign}${Math.floor(abs / 2)}${abs % 2 === 1 ? '.5' : ''}`;
}

export function isHalfPointMultiple(points: unknown): points is number {
  return typeof points === 'number' && Number.isFinite(points) && Number.isInteger(points * 2);
}

/** Default bands on a total: 不合格 < 60%, 合格 60%-<90%, 优秀 >= 90% (exact for total 100). */
export function defaultBands(totalHalfPoints = 200): GradeBand[] {
  const at = (pct: number) => Math.round((totalHalfPoints * pct) / 100);
  return [
    { grade: GRADE_FAIL, minHalfPoints: 0, maxHalfPoints: at(60) },
    { grade: GRADE_PASS, minHalfPoints: at(60), maxHalfPoints: at(90) },
    { grade: GRADE_EXCELLENT, minHalfPoints: at(90), maxHalfPoints: totalHalfPoints },
  ];
}

/** Four tiers with 良好 80-<90 (some provinces). */
export function bandsWithGood(totalHalfPoints = 200): GradeBand[] {
  const at = (pct: number) => Math.round((totalHalfPoints * pct) / 100);
  return [
    { grade: GRADE_FAIL, minHalfPoints: 0, maxHalfPoints: at(60) },
    { grade: GRADE_PASS, minHalfPoints: at(60), maxHalfPoints: at(80) },
    { grade: GRADE_GOOD, minHalfPoints: at(80), maxHalfPoints: at(90) },
    { grade: GRADE_EXCELLENT, minHalfPoints: at(90), maxHalfPoints: totalHalfPoints },
  ];
}

export const DEFAULT_BANDS: readonly GradeBand[] = Object.freeze(defaultBands(200));

// ---------------------------------------------------------------------------------------------
// Consistency rules shared by both schemas

export interface StandardIssue {
  path: (string | number)[];
  message: string;
}

/** Rules across fields: unique ids, item maxima sum to the total, bands cover 0..total. */
export function checkStandardConsistency(s: ReviewStandard): StandardIssue[] {
  const issues: StandardIssue[] = [];
  const seen = new Map<string, string>();
  const claim = (id: string, where: string, path: (string | number)[]) => {
    const prior = seen.get(id);
    if (prior !== undefined) issues.push({ path, message: `编号“${id}”重复：已用于${prior}` });
    else seen.set(id, where);
  };
  let sum = 0;
  s.categories.forEach((c, ci) => {
    claim(c.id, `类别“${c.name}”`, ['categories', ci, 'id']);
    if (c.items.length === 0)
      issues.push({ path: ['categories', ci, 'items'], message: `类别“${c.name}”没有评查项` });
    c.items.forEach((it, ii) => {
      claim(it.id, `评查项“${it.title}”`, ['categories', ci, 'items', ii, 'id']);
      sum += it.maxHalfPoints;
      if (it.deductions.length === 0)
        issues.push({
          path: ['categories', ci, 'items', ii, 'deductions'],
          message: `评查项“${it.title}”没有扣分选项`,
        });
      const optIds = new Set<string>();
      it.deductions.forEach((d, di) => {
        if (optIds.has(d.id))
          issues.push({
            path: ['categories', ci, 'items', ii, 'deductions', di, 'id'],
            message: `评查项“${it.title}”的扣分选项编号“${d.id}”重复`,
          });
        optIds.add(d.id);
        if (d.amountHalfPoints > it.maxHalfPoints)
          issues.push({
            path: ['categories', ci, 'items', ii, 'deductions', di, 'amount'],
            message: `扣分选项“${d.label}”扣 ${formatHalfPoints(d.amountHalfPoints)} 分，超过该项满分 ${formatHalfPoints(it.maxHalfPoints)} 分`,
          });
      });
    });
  });
  s.vetoes.forEach((v, vi) => claim(v.id, `否决项“${v.text}”`, ['vetoes', vi, 'id']));
  if (sum !== s.totalHalfPoints)
    issues.push({
      path: ['total'],
      message: `各评查项满分合计 ${formatHalfPoints(sum)} 分，与标准总分 ${formatHalfPoints(s.totalHalfPoints)} 分不一致`,
    });
  issues.push(...checkBands(s.bands, s.totalHalfPoints));
  return issues;
}

/** Bands sorted low to high, from 0 to total, each starting where the previous one ends. */
export function checkBands(bands: readonly GradeBand[], totalHalfPoints: number): StandardIssue[] {
  const issues: StandardIssue[] = [];
  if (bands.length < 2) {
    issues.push({ path: ['bands'], message: '等次至少需要 2 档（如 合格、不合格）' });
    return issues;
  }
  const names = new Set<string>();
  bands.forEach((b, i) => {
    if (names.has(b.grade)) issues.push({ path: ['bands', i, 'grade'], message: `等次名称“${b.grade}”重复` });
    names.add(b.grade);
    if (b.minHalfPoints >= b.maxHalfPoints)
      issues.push({
        path: ['bands', i],
        message: `等次“${b.grade}”的下限 ${formatHalfPoints(b.minHalfPoints)} 分须小于上限 ${formatHalfPoints(b.maxHalfPoints)} 分`,
      });
  });
  const first = bands[0]!;
  const last = bands[bands.length - 1]!;
  if (first.minHalfPoints !== 0)
    issues.push({
      path: ['bands', 0, 'min'],
      message: `最低等次“${first.grade}”须从 0 分开始，现为 ${formatHalfPoints(first.minHalfPoints)} 分（等次须按分数从低到高排列）`,
    });
  for (let i = 1; i < bands.length; i++) {
    const prev = bands[i - 1]!;
    const cur = bands[i]!;
    if (cur.minHalfPoints > prev.maxHalfPoints)
      issues.push({
        path: ['bands', i, 'min'],
        message: `等次“${prev.grade}”与“${cur.grade}”之间有空档：${formatHalfPoints(prev.maxHalfPoints)} 至 ${formatHalfPoints(cur.minHalfPoints)} 分未覆盖`,
      });
    else if (cur.minHalfPoints < prev.maxHalfPoints)
      issues.push({
        path: ['bands', i, 'min'],
        message: `等次“${prev.grade}”与“${cur.grade}”重叠：${formatHalfPoints(cur.minHalfPoints)} 至 ${formatHalfPoints(prev.maxHalfPoints)} 分同属两档`,
      });
  }
  if (last.maxHalfPoints !== totalHalfPoints)
    issues.push({
      path: ['bands', bands.length - 1, 'max'],
      message: `最高等次“${last.grade}”的上限须为总分 ${formatHalfPoints(totalHalfPoints)} 分，现为 ${formatHalfPoints(last.maxHalfPoints)} 分`,
    });
  return issues;
}

// ---------------------------------------------------------------------------------------------
// Schemas

/** zod type-error message: missing vs wrong type. */
const typeError =
  (what: string, kind: string) =>
  (iss: { input?: unknown }): string =>
    iss.input === undefined ? `缺少${what}` : `${what}须为${kind}`;

const idText = (what: string) =>
  z
    .string({ error: typeError(what, '文本') })
    .trim()
    .min(1, `${what}不能为空`)
    .max(64, `${what}不能超过 64 个字符`);
const text = (what: string, max = 500) =>
  z
    .string({ error: typeError(what, '文本') })
    .trim()
    .min(1, `${what}不能为空`)
    .max(max, `${what}不能超过 ${max} 个字符`);
const optionalText = (what: string, max = 2000) =>
  z.string({ error: typeError(what, '文本') }).max(max, `${what}不能超过 ${max} 个字符`);

const halfInt = (what: string, positive: boolean) =>
  z
    .number({ error: typeError(what, '数字') })
    .int(`${what}须为整数（半分制内部数据）`)
    .min(positive ? 1 : 0, positive ? `${what}须大于 0` : `${what}不能为负数`)
    .max(20000, `${what}过大`);

/** A decimal number of points in a JSON file, converted to half-points. */
const pointsField = (what: string, positive: boolean) =>
  z
    .number({ error: typeError(what, '数字') })
    .refine((v) => Number.isFinite(v), `${what}须为有效数字`)
    .refine((v) => Number.isInteger(v * 2), {
      error: (iss) => `${what}必须是 0.5 的整数倍（如 1、1.5、2），收到 ${String(iss.input)}`,
    })
    .refine((v) => (positive ? v > 0 : v >= 0), positive ? `${what}须大于 0` : `${what}不能为负数`)
    .refine((v) => v <= 10000, `${what}过大（不超过 10000 分）`)
    .transform((v) => Math.round(v * 2));

const groupField = z.enum(ITEM_GROUPS, { error: `分组须为 ${ITEM_GROUPS.join('、')} 之一` });
const tagField = z.enum(THREE_SYSTEMS_TAGS, {
  error: `三项制度标记须为 ${THREE_SYSTEMS_TAGS.join('、')} 之一`,
});
const modeField = z.enum(DEDUCTION_MODES, {
  error: '扣分方式须为 per-occurrence（按次扣分）或 once（只扣一次）',
});
const vetoKindField = z.enum(VETO_KINDS, {
  error: '否决项类型须为 fail（一票否决，不合格）或 cap（不得评为优秀）',
});
const statusField = z.enum(STANDARD_STATUSES, { error: '状态须为 draft（草稿）或 published（已发布）' });
const caseTypesField = z
  .array(text('适用案件类型', 50), { error: '适用案件类型须为列表' })
  .min(1, '至少指定一种适用案件类型');
const versionField = z
  .number({ error: typeError('版本号', '数字') })
  .int('版本号须为正整数')
  .min(1, '版本号须为正整数');
// Fields the stored shape and the JSON file format share (the file's objects are strict about keys).
const categoryHeadShape = {
  id: idText('类别编号'),
  name: text('类别名称', 100),
  part: optionalText('部分名称', 50).optional(),
};
const vetoShape = {
  id: idText('否决项编号'),
  kind: vetoKindField,
  text: text('否决项内容'),
  legalBasis: optionalText('依据').optional(),
};

/** Internal shape (as stored): integer half-points. */
export const reviewStandardSchema = z
  .object({
    id: idText('标准编号'),
    name: text('标准名称', 200),
    caseTypes: caseTypesField,
    version: versionField,
    status: statusField,
    isDefault: z.boolean({ error: '“是否默认”须为 true 或 false' }),
    description: optionalText('说明').optional(),
    totalHalfPoints: halfInt('总分', true),
    categories: z
      .array(
        z.object({
          ...categoryHeadShape,
          items: z.array(
            z.object({
              id: idText('评查项编号'),
              title: text('评查项名称'),
              maxHalfPoints: halfInt('满分', true),
              deductions: z.array(
                z.object({
                  id: idText('扣分选项编号'),
                  label: text('扣分情形'),
                  amountHalfPoints: halfInt('扣分值', true),
                  mode: modeField,
                }),
              ),
              legalBasis: optionalText('依据'),
              problemWording: optionalText('问题表述').optional(),
              group: groupField,
              tag: tagField.optional(),
            }),
          ),
        }),
      )
      .min(1, '标准至少需要一个类别'),
    vetoes: z.array(z.object(vetoShape)),
    bands: z.array(
      z.object({
        grade: text('等次名称', 20),
        minHalfPoints: halfInt('等次下限', false),
        maxHalfPoints: halfInt('等次上限', true),
      }),
    ),
    frozenAt: z.string().optional(),
    digest: z.string().optional(),
    basedOn: z.object({ version: z.number().int(), digest: z.string() }).optional(),
  })
  .superRefine((s, ctx) => {
    for (const issue of checkStandardConsistency(s)) ctx.addIssue({ code: 'custom', ...issue });
  });

/** A veto copied between the stored shape and the file format (legalBasis only when it is there). */
const copyVeto = (v: VetoItem): VetoItem => ({
  id: v.id,
  kind: v.kind,
  text: v.text,
  ...(v.legalBasis !== undefined ? { legalBasis: v.legalBasis } : {}),
});

// The JSON file format: decimal points, strict keys (a misspelt key is reported, not dropped).
const deductionJson = z.strictObject({
  id: idText('扣分选项编号'),
  label: text('扣分情形'),
  amount: pointsField('扣分值', true),
  mode: modeField,
});
const itemJson = z.strictObject({
  id: idText('评查项编号'),
  title: text('评查项名称'),
  maxPoints: pointsField('满分', true),
  deductions: z.array(deductionJson, { error: '扣分选项须为列表' }),
  legalBasis: optionalText('依据').default(''),
  problemWording: optionalText('问题表述').optional(),
  group: groupField,
  tag: tagField.optional(),
});
const categoryJson = z.strictObject({
  ...categoryHeadShape,
  items: z.array(itemJson, { error: '评查项须为列表' }),
});
const vetoJson = z.strictObject(vetoShape);
const bandJson = z.strictObject({
  grade: text('等次名称', 20),
  min: pointsField('等次下限', false),
  max: pointsField('等次上限', true),
});

export const standardJsonSchema = z
  .strictObject({
    kind: z.literal(STANDARD_FILE_KIND, { error: `不是评查标准文件（kind 应为 ${STANDARD_FILE_KIND}）` }),
    formatVersion: z.literal(STANDARD_FILE_FORMAT_VERSION, {
      error: `不支持的文件格式版本（本软件支持 ${STANDARD_FILE_FORMAT_VERSION}）`,
    }),
    id: idText('标准编号'),
    name: text('标准名称', 200),
    caseTypes: caseTypesField,
    version: versionField,
    status: statusField,
    isDefault: z.boolean({ error: '“是否默认”须为 true 或 false' }).default(false),
    description: optionalText('说明').optional(),
    total: pointsField('总分', true),
    categories: z.array(categoryJson, { error: '类别须为列表' }).min(1, '标准至少需要一个类别'),
    vetoes: z.array(vetoJson, { error: '否决项须为列表' }).default([]),
    bands: z.array(bandJson, { error: '等次须为列表' }),
    frozenAt: z.string().optional(),
    digest: z.string().optional(),
    basedOn: z.strictObject({ version: z.number().int(), digest: z.string() }).optional(),
  })
  .transform((j): ReviewStandard => {
    const s: ReviewStandard = {
      id: j.id,
      name: j.name,
      caseTypes: j.caseTypes,
      version: j.version,
      status: j.status,
      isDefault: j.isDefault,
      totalHalfPoints: j.total,
      categories: j.categories.map((c) => ({
        id: c.id,
        name: c.name,
        ...(c.part !== undefined ? { part: c.part } : {}),
        items: c.items.map((it) => ({
          id: it.id,
          title: it.title,
          maxHalfPoints: it.maxPoints,
          deductions: it.deductions.map((d) => ({
            id: d.id,
            label: d.label,
            amountHalfPoints: d.amount,
            mode: d.mode,
          })),
          legalBasis: it.legalBasis,
          ...(it.problemWording !== undefined ? { problemWording: it.problemWording } : {}),
          group: it.group,
          ...(it.tag !== undefined ? { tag: it.tag } : {}),
        })),
      })),
      vetoes: j.vetoes.map(copyVeto),
      bands: j.bands.map((b) => ({ grade: b.grade, minHalfPoints: b.min, maxHalfPoints: b.max })),
    };
    if (j.description !== undefined) s.description = j.description;
    if (j.frozenAt !== undefined) s.frozenAt = j.frozenAt;
    if (j.digest !== undefined) s.digest = j.digest;
    if (j.basedOn !== undefined) s.basedOn = j.basedOn;
    return s;
  });

export type StandardJson = z.input<typeof standardJsonSchema>;

// ---------------------------------------------------------------------------------------------
// Chinese error paths

/** Path like ['categories', 1, 'items', 0, 'maxPoints'] -> 第 2 个类别“事实证据” → 第 1 个评查项“…” → 满分. */
export function describeStandardPath(path: readonly PropertyKey[], raw: unknown): string {
  const fieldNames: Record<string, string> = {
    id: '编号',
    name: '名称',
    title: '名称',
    caseTypes: '适用案件类型',
    version: '版本号',
    status: '状态',
    isDefault: '是否默认',
    description: '说明',
    total: '总分',
    totalHalfPoints: '总分',
    maxPoints: '满分',
    maxHalfPoints: '满分',
    amount: '扣分值',
    amountHalfPoints: '扣分值',
    mode: '扣分方式',
    label: '扣分情形',
    legalBasis: '依据',
    problemWording: '问题表述',
    group: '分组',
    tag: '三项制度标记',
    kind: '类型',
    text: '内容',
    grade: '等次名称',
    min: '下限',
    max: '上限',
    minHalfPoints: '下限',
    part: '部分名称',
    formatVersion: '文件格式版本',
  };
  const listNames: Record<string, string> = {
    categories: '类别',
    items: '评查项',
    deductions: '扣分选项',
    vetoes: '否决项',
    bands: '等次',
    caseTypes: '适用案件类型',
  };
  const parts: string[] = [];
  let node: unknown = raw;
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    const next = path[i + 1];
    if (typeof key === 'string' && typeof next === 'number' && key in listNames) {
      const child = Array.isArray((node as Record<string, unknown> | undefined)?.[key])
        ? ((node as Record<string, unknown[]>)[key]![next] as unknown)
        : undefined;
      const label = labelOf(child);
      parts.push(`第 ${next + 1} 个${listNames[key]}${label ? `“${label}”` : ''}`);
      node = child;
      i++;
    } else if (typeof key === 'string') {
      parts.push(fieldNames[key] ?? key);
      node = (node as Record<string, unknown> | undefined)?.[key];
    } else if (typeof key === 'number') {
      parts.push(`第 ${key + 1} 项`);
      node = Array.isArray(node) ? (node[key] as unknown) : undefined;
    }
  }
  return parts.length ? parts.join(' → ') : '标准';
}

function labelOf(v: unknown): string | undefined {
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    for (const k of ['name', 'title', 'label', 'text', 'grade']) {
      if (typeof o[k] === 'string' && o[k]) return String(o[k]).slice(0, 30);
    }
  }
  return undefined;
}

function translateIssue(issue: z.core.$ZodIssue): string {
  // Our own messages are Chinese already; zod's generic ones are replaced here.
  if (/[\u4e00-\u9fff]/.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return (issue as { input?: unknown }).input === undefined
        ? '缺少该字段'
        : `类型错误（应为 ${issue.expected}）`;
    case 'unrecognized_keys':
      return `无法识别的字段：${issue.keys.join('、')}（请检查拼写）`;
    case 'invalid_value':
      return `取值无效，可选：${issue.values.map(String).join('、')}`;
    default:
      return `数据无效（${issue.message}）`;
  }
}

// ---------------------------------------------------------------------------------------------
// Import / export

export type ParseStandardResult = { ok: true; standard: ReviewStandard } | { ok: false; errors: string[] };

/** Parse an exported standard file. Errors are Chinese and name the place of the problem. */
export function parseStandardJson(textIn: string): ParseStandardResult {
  let raw: unknown;
  const trimmed = textIn.replace(/^\uFEFF/, '');
  if (!trimmed.trim()) return { ok: false, errors: ['标准文件为空'] };
  try {
    raw = JSON.parse(trimmed);
  } catch (e) {
    return { ok: false, errors: [`标准文件不是有效的 JSON：${e instanceof Error ? e.message : String(e)}`] };
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    return { ok: false, errors: ['标准文件内容应为一个 JSON 对象'] };
  const parsed = standardJsonSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => `${describeStandardPath(i.path, raw)}：${translateIssue(i)}`),
    };
  }
  const issues = checkStandardConsistency(parsed.data);
  if (issues.length)
    return {
      ok: false,
      errors: issues.map((i) => `${describeStandardPath(i.path, raw)}：${i.message}`),
    };
  if (parsed.data.digest !== undefined && parsed.data.status === 'published') {
    const actual = standardDigest(parsed.data);
    if (actual !== parsed.data.digest)
      return {
        ok: false,
        errors: [
          `标准“${parsed.data.name}”第 ${parsed.data.version} 版的内容与其记录的摘要不符，文件可能被改动过`,
        ],
      };
  }
  return { ok: true, standard: parsed.data };
}

/** Validate an internal (stored) standard; Chinese messages with paths. */
export function validateStandard(s: unknown): string[] {
  const r = reviewStandardSchema.safeParse(s);
  if (r.success) return [];
  return r.error.issues.map((i) => `${describeStandardPath(i.path, s)}：${translateIssue(i)}`);
}

/** The JSON file object (decimal points). */
export function standardToJson(s: ReviewStandard): Record<string, unknown> {
  const out: Record<string, unknown> = {
    kind: STANDARD_FILE_KIND,
    formatVersion: STANDARD_FILE_FORMAT_VERSION,
    id: s.id,
    name: s.name,
    caseTypes: [...s.caseTypes],
    version: s.version,
    status: s.status,
    isDefault: s.isDefault,
  };
  if (s.description !== undefined) out.description = s.description;
  out.total = fromHalfPoints(s.totalHalfPoints);
  out.categories = s.categories.map((c) => ({
    id: c.id,
    name: c.name,
    ...(c.part !== undefined ? { part: c.part } : {}),
    items: c.items.map((it) => ({
      id: it.id,
      title: it.title,
      maxPoints: fromHalfPoints(it.maxHalfPoints),
      deductions: it.deductions.map((d) => ({
        id: d.id,
        label: d.label,
        amount: fromHalfPoints(d.amountHalfPoints),
        mode: d.mode,
      })),
      legalBasis: it.legalBasis,
      ...(it.problemWording !== undefined ? { problemWording: it.problemWording } : {}),
      group: it.group,
      ...(it.tag !== undefined ? { tag: it.tag } : {}),
    })),
  }));
  out.vetoes = s.vetoes.map(copyVeto);
  out.bands = s.bands.map((b) => ({
    grade: b.grade,
    min: fromHalfPoints(b.minHalfPoints),
    max: fromHalfPoints(b.maxHalfPoints),
  }));
  if (s.frozenAt !== undefined) out.frozenAt = s.frozenAt;
  if (s.digest !== undefined) out.digest = s.digest;
  if (s.basedOn !== undefined) out.basedOn = { ...s.basedOn };
  return out;
}

/** Pretty JSON for export (2-space indent, trailing newline). */
export function serializeStandard(s: ReviewStandard): string {
  return `${JSON.stringify(standardToJson(s), null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------
// Digest and versions

/** JSON with object keys sorted at every level and no whitespace. */
export { canonicalJson };

/**
 * SHA-256 (hex) of the canonical JSON of the exported file object, leaving out the fields that
 * describe the lifecycle rather than the content (status, frozenAt, digest): a draft and its frozen
 * copy have the same digest, and anyone can recompute it from an exported file.
 */
export function standardDigest(s: ReviewStandard): string {
  const obj = standardToJson(s);
  delete obj.status;
  delete obj.frozenAt;
  delete obj.digest;
  return sha256Hex(canonicalJson(obj));
}

export function isFrozen(s: ReviewStandard): boolean {
  return s.status === 'published';
}

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const child of Object.values(v as Record<string, unknown>)) deepFreeze(child);
  }
  return v;
}

function cloneStandard(s: ReviewStandard): ReviewStandard {
  return JSON.parse(JSON.stringify(s)) as ReviewStandard;
}

/**
 * Freeze a version (a campaign does this when scoring starts): status published, digest recorded,
 * and the returned object deeply frozen so accidental edits throw. Freezing a frozen standard returns it.
 */
export function freezeStandard(s: ReviewStandard, at: string = new Date().toISOString()): ReviewStandard {
  if (isFrozen(s) && s.digest !== undefined) return deepFreeze(s);
  const issues = validateStandard(s);
  if (issues.length) throw new Error(`标准“${s.name}”未通过校验，不能发布：${issues.join('；')}`);
  const copy = cloneStandard(s);
  copy.status = 'published';
  copy.frozenAt = at;
  copy.digest = standardDigest(copy);
  return deepFreeze(copy);
}

/** A new editable draft derived from a standard: version + 1, linked to its predecessor. */
export function newVersionFrom(s: ReviewStandard): ReviewStandard {
  const copy = cloneStandard(s);
  copy.version = s.version + 1;
  copy.status = 'draft';
  delete copy.frozenAt;
  delete copy.digest;
  copy.basedOn = { version: s.version, digest: s.digest ?? standardDigest(s) };
  return copy;
}

/**
 * Apply an edit. A draft is edited in a copy with the same version; a frozen (published) version is
 * never touched: the edit lands in newVersionFrom(it).
 */
export function editStandard(s: ReviewStandard, edit: (draft: ReviewStandard) => void): ReviewStandard {
  const draft = isFrozen(s) ? newVersionFrom(s) : cloneStandard(s);
  edit(draft);
  return draft;
}

/** Every item of a standard with its category, in order. */
export function standardItems(s: ReviewStandard): { category: StandardCategory; item: StandardItem }[] {
  const out: { category: StandardCategory; item: StandardItem }[] = [];
  for (const category of s.categories) for (const item of category.items) out.push({ category, item });
  return out;
}
