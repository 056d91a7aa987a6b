// 评查情况通报: the campaign report, built from the results and the draw record, as keyed sections so
// the user's paragraph edits survive a rebuild (same scheme as the letters). Charts come in as PNG
// bytes (rendered by the caller: ECharts needs a canvas, shared/ has none).

import { chineseDate, type OfficialDocument } from '../documents/layout-model';
import type { CampaignResults } from '../review/results';
import { formatHalfPoints } from '../standards/standard-model';
import { estimateSections, type CampaignEstimates } from '../stats/estimate-report';
import { chineseNumeral } from './chinese-numerals';
import { letterKind, type LetterSettings } from './letter-settings';
import { applyEdits, type LetterEdits, type LetterSection } from './rectification-letter';

export interface ReportCampaign {
  id: string;
  name: string;
  year: number;
  periodFrom: string | null;
  periodTo: string | null;
}

/** What the report says about the draw (from the draws table), or null when no draw record exists. */
export interface ReportDraw {
  drawId: string;
  seed: string;
  drawnAt: string;
  populationSize: number;
  drawnCount: number;
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
  /** 台账体检发现…: one plain paragraph (shared/rules/flag-review.ts censusReportParagraph); absent: none. */
  ledgerCensus?: string | null;
}

/** The number a document shows before it is issued: '德法通〔2026〕（印发时编号）'. */
export const draftNumber = (prefix: string, year: number): string =>
  `${prefix.trim()}〔${year}〕（印发时编号）`;

export const reportTitle = (settings: LetterSettings, campaign: ReportCampaign): string =>
  `${settings.issuer}关于${campaign.name}情况的通报`;

function periodText(c: ReportCampaign): string {
  if (c.periodFrom && c.periodTo) return `${chineseDate(c.periodFrom)}至${chineseDate(c.periodTo)}办结的`;
  if (c.periodFrom) return `${chineseDate(c.periodFrom)}以后办结的`;
  if (c.periodTo) return `${chineseDate(c.periodTo)}以前办结的`;
  return '';
}

const stripEnd = (s: string): string => s.trim().replace(/[。；;，,．.\s]+$/u, '');

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
  para(
    'scope',
    `本次评查范围为${r.departments.length}个行政执法单位${periodText(c)}${caseTypes.length ? caseTypes.join('、') : '行政执法'}案卷，` +
      `共评查案卷${r.fileCount}件。`,
  );
  heading('h-method', 1, '二、评查方法');
  if (input.draw) {
    const d = input.draw;
    para(
      'method-draw',
      `评查案卷采取公开随机抽取方式确定：${chineseDate(d.drawnAt.slice(0, 10))}从${d.populationSize}件案卷中抽取${d.drawnCount}件，` +
        `抽取方法为${d.algorithm}（${d.stratification}），公开种子为“${d.seed}”。抽取记录（评查台导出的抽取记录文件）` +
        `记载总体、各层配额和抽取结果，任何人可依据该记录和种子复核抽取结果。`,
    );
  } else {
    para('method-draw', '本次评查案卷由各单位报送的执法台账中抽取确定（本系统中未保存抽取记录）。');
  }
  para(
    'method-review',
    '评查采取交叉评查方式，评查人员回避本单位案卷，按评查标准逐卷逐项打分，经复核后确定每卷得分和等次；' +
      '单位平均分为其全部被评查案卷得分的平均值，按同一等次标准评定单位等次。',
  );

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

  if (input.draw && input.estimates) s.push(...estimateSections(input.estimates));
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
    heading(`typical:${it.standardId}|${it.itemId}`, 2, `（${chineseNumeral(i + 1)}）${stripEnd(it.title)}`);
    const examples: string[] = [];
    for (const f of r.files) {
      if (examples.length >= 2) break;
      if (f.standardId !== it.standardId) continue;
      const p = f.problems.find((x) => x.itemId === it.itemId);
      if (p)
        examples.push(
          `${f.department}${f.caseNo ? `${f.caseNo}案卷` : '案卷'}${stripEnd(p.problem || p.optionLabel)}`,
        );
    }
    para(
      `typical-text:${it.standardId}|${it.itemId}`,
      `该问题属${it.group}类（${it.categoryName}），涉及案卷${it.fileCount}件、${it.occurrences}处，共扣${formatHalfPoints(it.deductedHalfPoints)}分。` +
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
    title: reportTitle(s, input.campaign),
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
