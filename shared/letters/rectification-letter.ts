// 整改通知书 / 行政执法监督意见书: one letter per department with problems, built from the final review
// results. The letter is a list of keyed sections so a user's paragraph edits (kept in the letter
// record) survive a rebuild, e.g. when the number and issue date are filled in at issue time.

import {
  chineseDate,
  formatDocNumber,
  type DocBlock,
  type OfficialDocument,
  type TableBlock,
} from '../documents/layout-model';
import type { CampaignResults, DepartmentRow, FileResult } from '../review/results';
import { formatHalfPoints, type ReviewStandard } from '../standards/standard-model';
import { computeDeadline, deadlinePeriodText, type DeadlineRule } from './deadline';
import { letterKind, letterPrefix, SUPERVISION_NOTICE_TITLE, type LetterSettings } from './letter-settings';
import { citationNote, citePins, type PageLabelLookup } from './evidence-citations';
import type { ProblemEntry } from '../review/scoring-engine';

export interface LetterCampaign {
  id: string;
  name: string;
  year: number;
}

/** Legal basis of standard items and vetoes, looked up by `${standardId}|${itemOrVetoId}`. */
export type BasisLookup = (standardId: string, id: string) => string | undefined;

/** Builds a BasisLookup from the standards the campaign's files were scored on. */
export function basisFromStandards(standards: readonly ReviewStandard[]): BasisLookup {
  const map = new Map<string, string>();
  for (const s of standards) {
    for (const c of s.categories) for (const it of c.items) map.set(`${s.id}|${it.id}`, it.legalBasis);
    for (const v of s.vetoes) if (v.legalBasis) map.set(`${s.id}|${v.id}`, v.legalBasis);
  }
  return (standardId, id) => map.get(`${standardId}|${id}`);
}

export interface LetterFacts {
  campaign: LetterCampaign;
  department: DepartmentRow;
  /** Number of departments ranked in the campaign. */
  departmentCount: number;
  /** Files drawn from this department (draw record), or null when no draw record is at hand. */
  drawnCount: number | null;
  /** All reviewed files of the department. */
  files: readonly FileResult[];
  basis: BasisLookup;
  /** Labels of the case files' pages (立案审批表, 送达回证 …) for the problems' page citations. */
  pageLabel?: PageLabelLookup;
}

export interface LetterIssue {
  /** Null for a draft (the number is allocated at issue time). */
  docNumber: string | null;
  /** ISO date of issue (成文日期); for a draft, the date the preview assumes. */
  issueDate: string;
}

export interface LetterSection {
  /** Stable key of the paragraph (edits are stored by key). */
  key: string;
  block: DocBlock;
  /** Headings and paragraphs are editable; tables are rebuilt from the data. */
  editable: boolean;
}

/** Departments that get a letter: at least one deduction or veto on their files. */
export function departmentsWithProblems(results: CampaignResults): DepartmentRow[] {
  return results.departments.filter((d) => d.problemCount > 0);
}

/** Facts for every department with problems, in ranking order. */
export function letterFactsFor(
  campaign: LetterCampaign,
  results: CampaignResults,
  basis: BasisLookup,
  drawnByDepartment: ReadonlyMap<string, number> | null,
  pageLabel?: PageLabelLookup,
): LetterFacts[] {
  const byDept = new Map<string, FileResult[]>();
  for (const f of results.files) {
    const l = byDept.get(f.department);
    if (l) l.push(f);
    else byDept.set(f.department, [f]);
  }
  return departmentsWithProblems(results).map((department) => ({
    campaign,
    department,
    departmentCount: results.departments.length,
    drawnCount: drawnByDepartment?.get(department.department) ?? null,
    files: byDept.get(department.department) ?? [],
    basis,
    ...(pageLabel ? { pageLabel } : {}),
  }));
}

/** The letter's title: the 函's own title, or the supervision-notice form's fixed title. */
export const letterTitle = (settings: LetterSettings, department: string): string =>
  settings.letterForm === 'supervision'
    ? SUPERVISION_NOTICE_TITLE
    : `${settings.issuer}关于${department}行政执法案卷评查发现问题的${settings.title}`;

/**
 * A letter whose department has more reviewed files than this puts the per-file table and the file-specific
 * points in an attachment (附件) and lists the files of each problem by their number in it.
 */
export const LONG_LETTER_FILES = 10;

export const draftDocNumber = (settings: LetterSettings, year: number): string =>
  `${letterPrefix(settings)}〔${year}〕（印发时编号）`;

const stripEnd = (s: string): string => s.trim().replace(/[。；;，,．.\s]+$/u, '');

const deadlineRule = (s: LetterSettings): DeadlineRule => ({ days: s.deadlineDays, mode: s.deadlineMode });

function fileLabel(f: FileResult): string {
  return f.caseNo && f.caseNo.trim() !== '' ? f.caseNo : f.itemId;
}

/** Where in the file's 电子案卷 a problem was found, as a note after it (empty without pins). */
const whereFound = (f: FileResult, p: ProblemEntry, pageLabel?: PageLabelLookup): string =>
  citationNote(citePins(fileLabel(f), p.pins, pageLabel));

/** One kind of problem (a deduction option of a standard item, or a veto) and the files it was found in. */
export interface ProblemKind {
  key: string;
  /** The kind's common wording (the standard's option label or the veto's text). */
  label: string;
  /** '评查项：…（程序类，扣2分）；依据：…' or '属否决项，…'. */
  detail: string;
  /** The item's 评查项 ('立卷归档“卷皮…”') or '否决项'; and its 依据 ('' when none). */
  item: string;
  basis: string;
  /** 实体 / 程序 / 文书归档, or '否决' for vetoes. */
  group: string;
  files: FileResult[];
  veto: boolean;
}

const GROUP_ORDER = ['否决', '实体', '程序', '文书归档'];

/** The reviewer's own words beyond the option label (what is specific to this file), or '' when none. */
function specificPart(problem: string, label: string): string {
  const p = stripEnd(problem);
  const l = stripEnd(label);
  if (p === '' || p === l) return '';
  if (l !== '' && p.startsWith(l)) return p.slice(l.length).replace(/^[，,；;：:\s]+/u, '');
  return p;
}

/**
 * Problems grouped by kind (one kind per wording), each listing its files: repeated kinds first, vetoes first
 * among them, then by the number of files.
 */
export function problemKinds(files: readonly FileResult[], basis: BasisLookup): ProblemKind[] {
  const kinds = new Map<string, ProblemKind>();
  const add = (key: string, make: () => Omit<ProblemKind, 'files'>, f: FileResult) => {
    let k = kinds.get(key);
    if (!k) kinds.set(key, (k = { ...make(), files: [] }));
    if (!k.files.includes(f)) k.files.push(f);
  };
  for (const f of files) {
    for (const v of f.vetoes) {
      // One kind per wording: the same veto of two standards (case types) is one problem to the department.
      const key = `veto:${stripEnd(v.text)}`;
      add(
        key,
        () => {
          const b = stripEnd(basis(f.standardId, v.vetoId) ?? '');
          const effect = v.kind === 'fail' ? '案卷评为不合格' : '案卷不得评为优秀';
          return {
            key,
            label: stripEnd(v.text),
            detail: `属否决项，${effect}${b ? `；依据：${b}` : ''}`,
            item: `否决项（${effect}）`,
            basis: b,
            group: '否决',
            veto: true,
          };
        },
        f,
      );
    }
    for (const p of f.problems) {
      const label = stripEnd(p.optionLabel || p.problem);
      const key = `${p.group}|${label}`;
      add(
        key,
        () => {
          const b = stripEnd(basis(f.standardId, p.itemId) ?? '');
          return {
            key,
            label,
            detail: `评查项：${p.categoryName}“${stripEnd(p.itemTitle)}”（${p.group}类）${b ? `；依据：${b}` : ''}`,
            item: `${p.categoryName}“${stripEnd(p.itemTitle)}”`,
            basis: b,
            group: p.group,
            veto: false,
          };
        },
        f,
      );
    }
  }
  return [...kinds.values()].sort(
    (a, b) =>
      Number(b.files.length > 1) - Number(a.files.length > 1) ||
      Number(b.veto) - Number(a.veto) ||
      b.files.length - a.files.length ||
      GROUP_ORDER.indexOf(a.group) - GROUP_ORDER.indexOf(b.group) ||
      a.key.localeCompare(b.key),
  );
}

/** File-specific points: the reviewer's words beyond each option label, and the reasons of vetoes. */
export function specificPoints(f: FileResult, pageLabel?: PageLabelLookup): string[] {
  const out: string[] = [];
  for (const v of f.vetoes)
    if (stripEnd(v.reason) !== '') out.push(`${stripEnd(v.text)}：${stripEnd(v.reason)}`);
  for (const p of f.problems) {
    const own = specificPart(p.problem, p.optionLabel);
    const times = p.count > 1 ? `（${p.count}处）` : '';
    const where = whereFound(f, p, pageLabel);
    if (own !== '') out.push(`${stripEnd(p.optionLabel)}${times}：${own}${where}`);
    else if (times !== '' || where !== '') out.push(`${stripEnd(p.optionLabel)}${times}${where}`);
  }
  return out;
}

/**
 * What a short letter says of one file: each problem found in this file only, with its 评查项 and 依据 (its number
 * as in the table), and the reviewer's own words on a 共性 problem, referring to it by number.
 */
function filePoints(f: FileResult, kinds: readonly ProblemKind[], pageLabel?: PageLabelLookup): string[] {
  const out: string[] = [];
  const numberOf = (key: string): number => kinds.findIndex((k) => k.key === key) + 1;
  const only = (key: string): boolean => (kinds.find((k) => k.key === key)?.files.length ?? 0) < 2;
  for (const v of f.vetoes) {
    const key = `veto:${stripEnd(v.text)}`;
    const kind = kinds.find((k) => k.key === key);
    const reason = stripEnd(v.reason);
    if (only(key) && kind)
      out.push(`${kind.label}${reason ? `，${reason}` : ''}（问题${numberOf(key)}，${kind.detail}）`);
    else if (reason !== '') out.push(`${stripEnd(v.text)}（见共性问题${numberOf(key)}）：${reason}`);
  }
  for (const p of f.problems) {
    const label = stripEnd(p.optionLabel || p.problem);
    const key = `${p.group}|${label}`;
    const kind = kinds.find((k) => k.key === key);
    const own = specificPart(p.problem, p.optionLabel);
    const times = p.count > 1 ? `（${p.count}处）` : '';
    const where = whereFound(f, p, pageLabel);
    if (only(key) && kind)
      out.push(`${label}${times}${own ? `，${own}` : ''}${where}（问题${numberOf(key)}，${kind.detail}）`);
    else if (own !== '' || times !== '' || where !== '')
      out.push(`${label}${times}（见共性问题${numberOf(key)}）${own ? `：${own}` : ''}${where}`);
  }
  return out;
}

/** The per-file table: in the body of a short letter, in the attachment of a long one. */
function filesTable(
  files: readonly FileResult[],
  kinds: readonly ProblemKind[],
  long: boolean,
  pageLabel?: PageLabelLookup,
): TableBlock {
  const kindNo = new Map<FileResult, number[]>();
  kinds.forEach((k, i) => {
    for (const f of k.files) kindNo.set(f, [...(kindNo.get(f) ?? []), i + 1]);
  });
  return {
    type: 'table',
    ...(long ? { fontSize: 10.5 } : {}),
    columns: [
      { title: '序号', width: 1, align: 'center' },
      { title: '案卷编号', width: long ? 4.3 : 4.2 },
      { title: '得分', width: 1.2, align: 'center' },
      { title: '等次', width: 1.3, align: 'center' },
      ...(long
        ? [
            { title: '问题序号', width: 2 },
            { title: '具体情况', width: 4.3 },
          ]
        : [{ title: '问题数', width: 1.4, align: 'center' as const }]),
    ],
    rows: files.map((f, i) => [
      String(i + 1),
      fileLabel(f),
      formatHalfPoints(f.totalHalfPoints),
      f.grade,
      ...(long
        ? [(kindNo.get(f) ?? []).join('、') || '无', specificPoints(f, pageLabel).join('；') || '—']
        : [String(f.problems.length + f.vetoes.length)]),
    ]),
  };
}

/** The long letter's table of problem kinds (with 评查项 and 依据), numbered as in the body. */
function kindsTable(kinds: readonly ProblemKind[], index: ReadonlyMap<FileResult, number>): TableBlock {
  return {
    type: 'table',
    fontSize: 10.5,
    columns: [
      { title: '序号', width: 1, align: 'center' },
      { title: '问题', width: 3.6 },
      { title: '评查项', width: 3 },
      { title: '依据', width: 3.4 },
      { title: '所涉案卷', width: 3 },
    ],
    rows: kinds.map((k, i) => [
      String(i + 1),
      k.label,
      k.item,
      k.basis || '—',
      k.files.map((f) => `${index.get(f)}（${f.grade}）`).join('、'),
    ]),
  };
}

/** The long letter's attachment: 表1 problems by kind, 表2 the files. */
function annexBlocks(facts: LetterFacts): DocBlock[] {
  const kinds = problemKinds(facts.files, facts.basis);
  const index = new Map(facts.files.map((f, i) => [f, i + 1]));
  return [
    { type: 'paragraph', text: '表1　问题清单', indent: 0, align: 'center' },
    kindsTable(kinds, index),
    { type: 'paragraph', text: '表2　案卷评查情况', indent: 0, align: 'center' },
    filesTable(facts.files, kinds, true, facts.pageLabel),
  ];
}

/** Whether the letter is long: the per-file table and file-specific points go to the attachment. */
export const isLongLetter = (facts: LetterFacts): boolean => facts.files.length > LONG_LETTER_FILES;

/** Title of the long letter's attachment (附件说明 and the attachment's own title). */
export const letterAnnexTitle = (facts: LetterFacts): string =>
  `${facts.department.department}案卷评查情况及问题清单`;

const GROUP_REQUIREMENTS: Record<string, string> = {
  实体: '对事实认定、证据收集和法律适用方面的问题，逐案复查事实和证据，核对所引法律条款，确有错误的依法予以纠正。',
  程序: '对执法程序方面的问题，对照法定程序逐环节查找原因，完善告知、听证、法制审核、送达等环节的制度和记录，防止同类问题再次发生。',
  文书归档: '对执法文书和立卷归档方面的问题，规范文书制作，补正可以补正的文书，按要求整理、装订和归档案卷。',
};

/** The letter as keyed sections (before edits). */
export function letterSections(
  facts: LetterFacts,
  settings: LetterSettings,
  issue: LetterIssue,
): LetterSection[] {
  const d = facts.department;
  const reviewed = facts.files.length;
  const s: LetterSection[] = [];
  const para = (key: string, text: string) =>
    s.push({ key, block: { type: 'paragraph', text }, editable: true });
  const heading = (key: string, level: 1 | 2, text: string) =>
    s.push({ key, block: { type: 'heading', level, text }, editable: true });

  const kind = letterKind(settings);
  para(
    'intro',
    settings.letterForm === 'supervision'
      ? `根据${settings.supervisionBasis.trim() || '《行政执法监督条例》'}的规定，${settings.issuer}在${facts.campaign.name}中对你单位的行政执法案卷进行了评查，` +
          `发现你单位行政执法工作存在下列问题。现依法予以通知，请按要求纠正整改。`
      : `根据《行政执法监督条例》和${facts.campaign.name}工作安排，${settings.issuer}组织开展了行政执法案卷评查。` +
          `现将你单位被抽取案卷的评查情况和存在的问题通知如下，请认真整改。`,
  );
  heading('h-summary', 1, '一、评查基本情况');
  const grades = Object.entries(d.gradeCounts)
    .filter(([, c]) => c > 0)
    .map(([g, c]) => `${g}${c}件`)
    .join('、');
  const drawn =
    facts.drawnCount === null
      ? `本次评查共评查你单位案卷${reviewed}件`
      : `本次评查按随机抽取方式从你单位抽取案卷${facts.drawnCount}件，已完成评查${reviewed}件`;
  para(
    'summary',
    `${drawn}，平均得分${d.meanText}分，等次为${d.grade}，在参评的${facts.departmentCount}个单位中位列第${d.rank}名。` +
      `其中${grades}。各案卷评查情况见${isLongLetter(facts) ? '附件表2（含各案卷的具体问题）' : '下表'}。`,
  );
  const long = isLongLetter(facts);
  const kinds = problemKinds(facts.files, facts.basis);
  if (!long) {
    s.push({ key: 'table-files', editable: false, block: filesTable(facts.files, kinds, false) });
  }

  heading('h-problems', 1, '二、存在的问题');
  const withProblems = facts.files.filter((f) => f.problems.length + f.vetoes.length > 0);
  if (long) {
    // A long letter states each repeated problem once with the number of its files; the 评查项, 依据 and the
    // files' numbers are in 表1 of the attachment, problems of a single file in one paragraph per group.
    heading('h-kinds', 2, '（一）共性问题');
    para(
      'kinds-intro',
      `以下问题见于两件以上案卷，括号内为案卷数；评查项、依据和所涉案卷见附件表1（序号与本文一致）。`,
    );
    kinds.forEach((k, i) => {
      if (k.files.length < 2) return;
      para(`kind:${k.key}`, `${i + 1}．${k.label}（${k.veto ? '否决项，' : ''}${k.files.length}件）。`);
    });
    const singles = kinds.map((k, i) => ({ k, i })).filter((x) => x.k.files.length < 2);
    if (singles.length > 0) {
      heading('h-singles', 2, '（二）个别案卷中发现的问题（所涉案卷见附件表1）');
      const order = [...new Set(['否决', '实体', '程序', '文书归档', ...singles.map((x) => x.k.group)])];
      for (const g of order) {
        const own = singles.filter((x) => x.k.group === g);
        if (own.length === 0) continue;
        const list = own.map((x) => `${x.i + 1}．${x.k.label}`);
        para(`singles:${g}`, `${g === '否决' ? '否决项' : `${g}类`}：${list.join('；')}。`);
      }
    }
  } else {
    // Each problem once: 共性 only for a problem found in two or more files; a problem of one file is stated
    // with that file, and a file's own words on a 共性 problem refer to it by its number.
    const common = kinds.map((k, i) => ({ k, no: i + 1 })).filter((x) => x.k.files.length >= 2);
    if (common.length > 0) {
      heading('h-kinds', 2, '（一）共性问题');
      for (const { k, no } of common) {
        const where = `涉及案卷${k.files.length}件：${k.files.map((f) => `${fileLabel(f)}（${f.grade}）`).join('、')}`;
        para(`kind:${k.key}`, `${no}．${k.label}。${k.detail}。${where}。`);
      }
    }
    heading('h-specific', 2, `（${common.length > 0 ? '二' : '一'}）个案问题`);
    let n = 0;
    for (const f of withProblems) {
      const points = filePoints(f, kinds, facts.pageLabel);
      if (points.length === 0) continue;
      n += 1;
      para(
        `file:${f.itemId}`,
        `${n}．${fileLabel(f)}（${formatHalfPoints(f.totalHalfPoints)}分，${f.grade}）：${points.join('；')}。`,
      );
    }
    if (n === 0) para('specific-none', '各案卷问题均已在上述共性问题中列明。');
  }

  heading('h-requirements', 1, '三、整改要求');
  const groups = new Set<string>();
  for (const f of withProblems) for (const p of f.problems) groups.add(p.group);
  const reqs: { key: string; text: string }[] = [];
  if (withProblems.some((f) => f.vetoes.some((v) => v.kind === 'fail'))) {
    reqs.push({
      key: 'req-fail',
      text: '对评为不合格的案卷，逐卷分析原因，明确责任，依法能够纠正的予以纠正，并对相关执法人员进行执法能力培训。',
    });
  }
  for (const g of ['实体', '程序', '文书归档']) {
    if (groups.has(g)) reqs.push({ key: `req-${g}`, text: GROUP_REQUIREMENTS[g]! });
  }
  reqs.push({
    key: 'req-general',
    text: '举一反三，对本单位同类案件开展自查，完善执法制度和案卷管理，落实行政执法公示、执法全过程记录和重大执法决定法制审核制度。',
  });
  reqs.forEach((r, i) => para(r.key, `${i + 1}．${r.text}`));

  heading('h-deadline', 1, '四、整改期限和书面报告');
  const rule = deadlineRule(settings);
  const deadline = computeDeadline(issue.issueDate, rule);
  para(
    'deadline',
    `请你单位自本${kind}印发之日起${deadlinePeriodText(rule)}内（即${chineseDate(deadline)}前，` +
      `按${rule.mode === 'working' ? '工作日' : '自然日'}计算）完成整改，并将整改情况书面报送${settings.issuer}。` +
      `书面报告应逐卷逐项说明整改措施和结果，附相关证明材料，并加盖单位印章。`,
  );
  heading('h-objection', 1, '五、异议');
  para(
    'objection',
    `你单位对评查结果有异议的，可以自收到本${kind}之日起${settings.objectionDays}个工作日内向${settings.issuer}书面提出复核申请，` +
      `说明理由并附相关材料；逾期未提出的，视为无异议。异议期间不停止整改。`,
  );
  return s;
}

export type LetterEdits = Readonly<Record<string, string>>;

/** Applies paragraph edits: a key mapped to '' removes the paragraph; unknown keys are ignored. */
export function applyEdits(sections: readonly LetterSection[], edits: LetterEdits): DocBlock[] {
  const out: DocBlock[] = [];
  for (const sec of sections) {
    const edit = sec.editable ? edits[sec.key] : undefined;
    if (edit === undefined) out.push(sec.block);
    else if (edit.trim() !== '' && (sec.block.type === 'paragraph' || sec.block.type === 'heading')) {
      out.push({ ...sec.block, text: edit.trim() });
    }
  }
  return out;
}

/** Edits whose paragraph no longer exists (e.g. a problem was removed on review): shown to the user. */
export function orphanEdits(sections: readonly LetterSection[], edits: LetterEdits): string[] {
  const keys = new Set(sections.filter((s) => s.editable).map((s) => s.key));
  return Object.keys(edits).filter((k) => !keys.has(k));
}

/** The letter as an OfficialDocument (style 'letter', red issuer mark, 发文字号). */
export function buildRectificationLetter(
  facts: LetterFacts,
  settings: LetterSettings,
  issue: LetterIssue,
  edits: LetterEdits = {},
): OfficialDocument {
  if (settings.issuer.trim() === '')
    throw new Error('发文机关未设置：请在“设置 → 整改函”中填写发文机关名称。');
  if (issue.docNumber !== null && issue.docNumber.trim() === '') throw new Error('发文字号不能为空。');
  // Validate the prefix early so a bad setting is reported before anything is issued.
  formatDocNumber(letterPrefix(settings), facts.campaign.year, 1);
  const sections = letterSections(facts, settings, issue);
  const supervision = settings.letterForm === 'supervision';
  const long = isLongLetter(facts);
  const contact = stripEnd(settings.contact).replace(/^[（(]|[）)]$/gu, '');
  return {
    // 函 in 信函格式 (no 版记); the supervision-notice form in 通用格式 with its 版记.
    style: supervision ? 'document' : 'letter',
    issuerMark: settings.issuer,
    docNumber: issue.docNumber ?? draftDocNumber(settings, Number(issue.issueDate.slice(0, 4))),
    title: letterTitle(settings, facts.department.department),
    titleNames: [settings.issuer, facts.department.department],
    addressee: `${facts.department.department}：`,
    blocks: applyEdits(sections, edits),
    signature: { issuer: settings.issuer, date: chineseDate(issue.issueDate), sealPlace: true },
    ...(contact !== '' ? { note: contact } : {}),
    ...(long
      ? {
          attachments: [letterAnnexTitle(facts)],
          annexes: [
            {
              title: letterAnnexTitle(facts),
              blocks: annexBlocks(facts),
            },
          ],
        }
      : {}),
    ...(supervision
      ? {
          imprint: {
            copyTo: settings.copyTo,
            printer: settings.printer.trim() || settings.issuer,
            printDate: chineseDate(issue.issueDate),
          },
        }
      : {}),
  };
}

/** The deadline a letter issued on `issueDate` gets under the settings. */
export const letterDeadline = (settings: LetterSettings, issueDate: string): string =>
  computeDeadline(issueDate, deadlineRule(settings));
