// 评查情况通报: the campaign report, built from the results and the draw record, as keyed sections so
// the user's paragraph edits survive a rebuild (same scheme as the letters). Charts come in as PNG
// bytes (rendered by the caller: ECharts needs a canvas, shared/ has none).

import { chineseDate, type OfficialDocument } from '../documents/layout-model';
import { formatChineseDate } from '../util/time-format';
import type { CampaignResults } from '../review/results';
import { formatHalfPoints } from '../standards/standard-model';
import { estimateSections, type CampaignEstimates } from '../stats/estimate-report';
import { agreementSentence, type ReviewerAgreement } from '../review/reviewer-agreement';
import { chineseNumeral } from './chinese-numerals';
import { letterKind, type LetterSettings } from './letter-settings';
import { applyEdits, type LetterEdits, type LetterSection } from './rectification-letter';

export interface ReportCampaign {
  id: string;
  name: string;
  year: number;
  periodFrom: string | null;
  periodTo: string | null;
  /** Case types whose period the campaign judges by 立案/受理/检查日期 ('filedDate'); others by 办结. */
  dateByType?: Readonly<Record<string, 'closedDate' | 'filedDate'>>;
}

/** What the report says about the draw (from the draws table), or null when no draw record exists. */
export interface ReportDraw {
  drawId: string;
  seed: string;
  drawnAt: string;
  populationSize: number;
  /** Files drawn as the draw stands now (replacements and 追加抽取 folded in). */
  drawnCount: number;
  /** Of those, files without a final result yet (absent: drawnCount minus the reviewed files). */
  unfinishedCount?: number;
  /** The sampler's name and version, for the record and the UI: never printed in the 通报. */
  algorithm: string;
  stratification: string;
}

export interface ChartImage {
  png: Uint8Array;
  widthMm: number;
  heightMm: number;
}

export interface ReportInput {
  campaign: ReportCampaign;
  results: CampaignResults;
  draw: ReportDraw | null;
  settings: LetterSettings;
  /** ISO date printed under the signature (and as the 印发日期 of the 版记). */
  issueDate: string;
  /** 发文字号 from the register once the 通报 is issued; null/absent for a preview (placeholder number). */
  docNumber?: string | null;
  charts?: { grades?: ChartImage; problems?: ChartImage };
  /** What the random sample says about all files (shared/stats); omitted without a random draw. */
  estimates?: CampaignEstimates | null;
  /** How many frequent problems are described with examples; default 5. */
  typicalCount?: number;
  /** How far the two reviewers of each file agreed (one sentence in 评查方法); omitted = not said. */
  agreement?: ReviewerAgreement | null;
  /** 台账体检发现…: one plain paragraph (shared/rules/flag-review.ts censusReportParagraph); absent: none. */
  ledgerCensus?: string | null;
  /** The 通报 leaves the population estimates out (a 通报 option). */
  omitEstimates?: boolean;
  /**
   * A 阶段性通报: issued while drawn files are unfinished, and it says so (title and scope). A 通报 with
   * unfinished files is numbered only as one (see `reportFinalisation`).
   */
  interim?: boolean;
}

/** What 定稿 of a 通报 needs to know: unfinished drawn files make it a 阶段性通报, which the user confirms. */
export interface ReportFinalisation {
  drawnCount: number | null;
  reviewedCount: number;
  unfinishedCount: number;
  /** The user must confirm a 阶段性通报 before the number is allocated. */
  needsInterimConfirmation: boolean;
}

export function reportFinalisation(input: Pick<ReportInput, 'results' | 'draw'>): ReportFinalisation {
  const unfinished = unfinishedOf(input);
  return {
    drawnCount: input.draw?.drawnCount ?? null,
    reviewedCount: input.results.fileCount,
    unfinishedCount: unfinished,
    needsInterimConfirmation: unfinished > 0,
  };
}

function unfinishedOf(input: Pick<ReportInput, 'results' | 'draw'>): number {
  const d = input.draw;
  if (!d) return 0;
  return d.unfinishedCount ?? Math.max(0, d.drawnCount - input.results.fileCount);
}

/** The number a document shows before it is issued: '德法通〔2026〕（印发时编号）'. */
export const draftNumber = (prefix: string, year: number): string =>
  `${prefix.trim()}〔${year}〕（印发时编号）`;

export const reportTitle = (settings: LetterSettings, campaign: ReportCampaign, interim = false): string =>
  `${settings.issuer}关于${campaign.name}情况的${interim ? '阶段性' : ''}通报`;

/** The date a case type's period is judged by, in the words of a 通报. */
const filedDateName = (caseType: string): string =>
  caseType.includes('检查') ? '检查日期' : caseType.includes('许可') ? '受理日期' : '立案日期';

/**
 * "2026年1月1日至2026年6月30日办结的" — or, where the campaign judges some types by another date,
 * "2026年1月1日至2026年6月30日办结（行政检查按检查日期计）的". Empty without a period.
 */
function periodText(c: ReportCampaign, caseTypes: readonly string[]): string {
  let range: string;
  if (c.periodFrom && c.periodTo) range = `${chineseDate(c.periodFrom)}至${chineseDate(c.periodTo)}`;
  else if (c.periodFrom) range = `${chineseDate(c.periodFrom)}以后`;
  else if (c.periodTo) range = `${chineseDate(c.periodTo)}以前`;
  else return '';
  const filed = Object.entries(c.dateByType ?? {})
    .filter(([, which]) => which === 'filedDate')
    .map(([type]) => type)
    .filter((t) => caseTypes.length === 0 || caseTypes.includes(t));
  if (filed.length === 0) return `${range}办结的`;
  const closedTypes = caseTypes.filter((t) => !filed.includes(t));
  const rule = filed.map((t) => `${t}按${filedDateName(t)}计`).join('，');
  // Every type judged by another date: the range alone, with the rule; else 办结 with the exceptions.
  return closedTypes.length === 0 && caseTypes.length > 0
    ? `${range}（${rule}）的`
    : `${range}办结（${rule}）的`;
}

const stripEnd = (s: string): string => s.trim().replace(/[。；;，,．.\s]+$/u, '');

/** A reviewer's note as the 通报 quotes it: without who on the panel said it ("（第二名评查人员认定）"). */
const withoutRoles = (s: string): string =>
  stripEnd(s.replace(/[（(][^（）()]*(?:评查人员|评查员|组长|复核人)[^（）()]*[）)]/gu, ''));

/** 一、评查范围: numbers that add up (drawn = reviewed + unfinished), unfinished files named, never hidden. */
function scopeText(input: ReportInput, caseTypes: readonly string[]): string {
  const r = input.results;
  const scope = `${periodText(input.campaign, caseTypes)}${caseTypes.length ? caseTypes.join('、') : '行政执法'}案卷`;
  const d = input.draw;
  if (!d)
    return `本次评查范围为${scope}，共评查${r.departments.length}个行政执法单位的案卷${r.fileCount}件。`;
  const unfinished = unfinishedOf(input);
  const reviewedDrawn = d.drawnCount - unfinished;
  let text =
    `本次评查范围为${scope}，共随机抽取案卷${d.drawnCount}件，已完成评查${reviewedDrawn}件` +
    (unfinished > 0 ? `，尚有${unfinished}件未完成评查` : '，全部完成评查');
  if (r.fileCount > reviewedDrawn) text += `；另评查随机抽取以外的案卷${r.fileCount - reviewedDrawn}件`;
  text += `，涉及${r.departments.length}个行政执法单位。`;
  if (input.interim && unfinished > 0)
    text += `本通报为阶段性通报，所列结果仅反映已完成评查的${r.fileCount}件案卷，全部评查完成后另行通报。`;
  return text;
}

export function reportSections(input: ReportInput): LetterSection[] {
  const { results: r, campaign: c, settings } = input;
  const s: LetterSection[] = [];
  const para = (key: string, text: string) =>
    s.push({ key, block: { type: 'paragraph', text }, editable: true });
  const heading = (key: string, level: 1 | 2, text: string) =>
    s.push({ key, block: { type: 'heading', level, text }, editable: true });
  const image = (key: string, img: ChartImage, caption: string) =>
    s.push({ key, editable: false, block: { type: 'image', ...img, caption } });

  const caseTypes = [...new Set(r.files.map((f) => f.caseType).filter((t): t is string => !!t))];
  para(
    'intro',
    `为规范行政执法行为，根据《行政执法监督条例》，${settings.issuer}组织开展了${c.name}。现将评查情况通报如下。`,
  );
  heading('h-scope', 1, '一、评查范围');
  para('scope', scopeText(input, caseTypes));
  heading('h-method', 1, '二、评查方法');
  if (input.draw) {
    const d = input.draw;
    para(
      'method-draw',
      `评查案卷采取公开随机抽取方式确定：${formatChineseDate(d.drawnAt)}，从${d.populationSize}件案卷中${d.stratification}随机抽取${d.drawnCount}件，` +
        `随机种子“${d.seed}”当场公开。抽取记录载明全部案卷、各层抽取数量和抽取结果，任何人可依据该记录和种子复核抽取结果。`,
    );
  } else {
    // No draw record in the app: said without naming the software (a 局长 signs this text).
    para('method-draw', '本次评查案卷从各单位报送的执法台账中抽取确定。');
  }
  para(
    'method-review',
    '评查采取交叉评查方式，评查人员回避本单位案卷，按评查标准逐卷逐项打分，经复核后确定每卷得分和等次；' +
      '单位平均分为其全部被评查案卷得分的平均值，按同一等次标准评定单位等次。',
  );
  const agreement = input.agreement ? agreementSentence(input.agreement) : null;
  if (agreement) para('method-agreement', agreement);

  heading('h-results', 1, '三、评查结果');
  const dist = r.gradeDistribution.map((g) => `${g.grade}${g.count}件`).join('、');
  // The grade chart follows the sentence it illustrates; the table follows the sentence that announces it.
  const gradesChart = input.charts?.grades;
  para(
    'results-overall',
    `全部${r.fileCount}件案卷平均得分${r.overall.meanText}分，其中${dist}${gradesChart ? '（见图1）' : ''}。` +
      (gradesChart ? '' : '各单位评查结果见下表（按平均分排名）。'),
  );
  if (gradesChart) {
    image('chart-grades', gradesChart, '图1　案卷评查等次分布');
    para('results-table', '各单位评查结果见下表（按平均分排名）。');
  }
  const gradeNames = r.gradeDistribution.map((g) => g.grade);
  s.push({
    key: 'table-departments',
    editable: false,
    block: {
      type: 'table',
      fontSize: 10.5,
      columns: [
        { title: '排名', width: 1, align: 'center' },
        { title: '单位', width: 4 },
        { title: '案卷数', width: 1.3, align: 'center' },
        { title: '平均分', width: 1.5, align: 'center' },
        { title: '等次', width: 1.3, align: 'center' },
        ...gradeNames.map((g) => ({ title: g, width: 1.2, align: 'center' as const })),
      ],
      rows: r.departments.map((d) => [
        String(d.rank),
        d.department,
        String(d.fileCount),
        d.meanText,
        d.grade,
        ...gradeNames.map((g) => String(d.gradeCounts[g] ?? 0)),
      ]),
    },
  });

  if (input.draw && input.estimates && !input.omitEstimates) s.push(...estimateSections(input.estimates));
  if (input.ledgerCensus) para('ledger-census', input.ledgerCensus);

  heading('h-problems', 1, '四、存在的主要问题');
  const groups = r.problemsByGroup
    .filter((g) => g.fileCount > 0)
    .map((g) => `${g.group}类问题涉及案卷${g.fileCount}件、${g.occurrences}处`)
    .join('，');
  para('problems-overall', groups ? `从问题类别看，${groups}。` : '本次评查未发现扣分问题。');
  if (input.charts?.problems) image('chart-problems', input.charts.problems, '图2　问题较多的评查项');
  const top = r.problemsByItem.slice(0, input.typicalCount ?? 5);
  top.forEach((it, i) => {
    heading(
      `typical:${it.standardId}|${it.itemId}`,
      2,
      `（${chineseNumeral(i + 1)}）${stripEnd(it.problemWording ?? it.title)}`,
    );
    const examples: string[] = [];
    for (const f of r.files) {
      if (examples.length >= 2) break;
      if (f.standardId !== it.standardId) continue;
      const p = f.problems.find((x) => x.itemId === it.itemId);
      if (p)
        examples.push(
          `${f.department}${f.caseNo ? `${f.caseNo}案卷` : '案卷'}${withoutRoles(p.problem || p.optionLabel)}`,
        );
    }
    para(
      `typical-text:${it.standardId}|${it.itemId}`,
      `涉及案卷${it.fileCount}件、${it.occurrences}处，共扣${formatHalfPoints(it.deductedHalfPoints)}分。` +
        (examples.length ? `如：${examples.join('；')}。` : ''),
    );
  });
  if (r.vetoStats.length > 0) {
    para(
      'vetoes',
      `触及否决项的情形：${r.vetoStats.map((v) => `${stripEnd(v.text)}${v.fileCount}件`).join('，')}。`,
    );
  }
  const ts = r.threeSystems.filter((t) => t.permille !== null);
  if (ts.length > 0) {
    para(
      'three-systems',
      `三项制度落实情况：${ts.map((t) => `${t.tag}合格率${t.rateText}（${t.compliantFiles}/${t.applicableFiles}件）`).join('，')}。`,
    );
  }

  heading('h-requirements', 1, '五、工作要求');
  para(
    'req-1',
    `（一）认真抓好整改。存在问题的单位要对照本通报和点对点发出的${letterKind(settings) === '函' ? '整改函' : letterKind(settings)}，逐卷逐项整改，按期书面报送整改情况。`,
  );
  para(
    'req-2',
    '（二）举一反三完善制度。各单位要对照本通报指出的共性问题开展自查，全面落实行政执法公示、执法全过程记录和重大执法决定法制审核制度。',
  );
  para(
    'req-3',
    '（三）加强执法人员培训。各单位要针对评查发现的问题组织业务培训，提高执法人员依法行政能力和案卷制作水平。',
  );
  return s;
}

export function buildCampaignReport(input: ReportInput, edits: LetterEdits = {}): OfficialDocument {
  if (input.settings.issuer.trim() === '')
    throw new Error('发文机关未设置：请在“设置 → 整改函”中填写发文机关名称。');
  const s = input.settings;
  const contact = stripEnd(s.contact).replace(/^[（(]|[）)]$/gu, '');
  return {
    style: 'document',
    issuerMark: s.issuer,
    docNumber: input.docNumber ?? draftNumber(s.reportPrefix, Number(input.issueDate.slice(0, 4))),
    title: reportTitle(s, input.campaign, input.interim),
    titleNames: [s.issuer],
    addressee: '各行政执法单位：',
    blocks: applyEdits(reportSections(input), edits),
    signature: { issuer: s.issuer, date: chineseDate(input.issueDate), sealPlace: true },
    ...(contact !== '' ? { note: contact } : {}),
    imprint: {
      copyTo: s.copyTo,
      printer: s.printer.trim() || s.issuer,
      printDate: chineseDate(input.issueDate),
    },
  };
}
