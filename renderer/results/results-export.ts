// 评查结果 as an XLSX workbook: departments, files, problems, frequent problems, 三项制度, grades.
import { writeXlsx, type XlsxSheetSpec, type XlsxValue } from '@shared/xlsx/write-xlsx';
import type { CampaignResults } from '@shared/review/results';
import { METHOD_TEXT, type CampaignEstimates } from '@shared/stats/campaign-estimates';
import { formatHalfPoints } from '@shared/standards/standard-model';
import type { ReviewerAgreement } from '@shared/review/reviewer-agreement';
import type { AgreementEstimate } from '@shared/stats/agreement';

// Numbers rounded to 4 decimals (an empty cell where a figure is undefined; the note column says why).
const num = (v: number | null | undefined): XlsxValue =>
  v === null || v === undefined ? null : Math.round(v * 1e4) / 1e4;
const estimate = (e: AgreementEstimate): XlsxValue[] => [
  num(e.value),
  num(e.interval?.[0]),
  num(e.interval?.[1]),
];
const notes = (...es: (AgreementEstimate | null)[]): string =>
  [...new Set(es.map((e) => e?.note).filter((n): n is string => !!n))].join('；');

/** 评查一致性 as a sheet: the pooled figures first, then one row per 评查要点 and veto. */
export function agreementSheet(a: ReviewerAgreement): XlsxSheetSpec {
  const ci = (name: string) => [name, `${name}下限`, `${name}上限`];
  return {
    name: '评查一致性',
    header: [
      '评查标准',
      '版本',
      '类别',
      '评查要点',
      '理解不一',
      '案卷数',
      '两人均认定',
      '仅A认定',
      '仅B认定',
      '均未认定',
      ...ci('一致率'),
      ...ci('Cohen κ'),
      ...ci('Gwet AC1'),
      '扣分平均差（分）',
      '说明',
    ],
    rows: [
      [
        '合计（全部评查要点）',
        '',
        '',
        `${a.judgementCount}项判断`,
        '',
        a.fileCount,
        a.counts.both,
        a.counts.onlyA,
        a.counts.onlyB,
        a.counts.neither,
        ...estimate(a.percent),
        ...estimate(a.kappa),
        ...estimate(a.ac1),
        num(a.meanTotalGap.value),
        notes(a.percent, a.kappa, a.ac1) || '扣分平均差为两人总分之差的平均',
      ],
      ...a.items.map((i) => [
        i.standardName,
        i.standardVersion,
        i.categoryName,
        i.wording,
        i.ambiguous ? '是' : '',
        i.fileCount,
        i.counts.both,
        i.counts.onlyA,
        i.counts.onlyB,
        i.counts.neither,
        ...estimate(i.percent),
        ...estimate(i.kappa),
        ...estimate(i.ac1),
        i.meanPointGap ? num(i.meanPointGap.value) : '',
        notes(i.percent, i.kappa, i.ac1),
      ]),
    ],
  };
}

/** Percent with one decimal, as a number (a clerk can sort it). */
const percent = (share: number): number => Math.round(share * 1000) / 10;
/** Files with one decimal (an estimate is not a whole number). */
const files1 = (n: number): number => Math.round(n * 10) / 10;

/**
 * 总体推算: what the random sample says of all files, per population (全市, each department) and per
 * attribute, with the interval at the page's confidence; one row each, figures as numbers.
 */
export function estimatesSheet(est: CampaignEstimates): XlsxSheetSpec {
  const level = `${Math.round(est.confidence * 100)}%`;
  return {
    name: '总体推算',
    header: [
      '范围',
      '总体案卷数',
      '推算覆盖案卷数',
      '已评查样本',
      '指标',
      '样本中案卷数',
      '推算案卷数',
      `下限（${level}）`,
      `上限（${level}）`,
      '推算比例（%）',
      '比例下限（%）',
      '比例上限（%）',
      '方法',
    ],
    rows: [est.city, ...est.departments].flatMap((p) =>
      p.figures.map((f) => [
        p.name,
        p.populationTotal,
        p.population,
        p.reviewed,
        f.label,
        f.found,
        files1(f.point),
        files1(f.lower),
        files1(f.upper),
        percent(f.pointShare),
        percent(f.lowerShare),
        percent(f.upperShare),
        p.method ? METHOD_TEXT[p.method] : '无已评查样本，不能推算',
      ]),
    ),
  };
}

/** Optional sheets: 总体推算 (with a random draw) and 评查一致性 (with two reviewers per file). */
export interface ResultsWorkbookExtras {
  estimates?: CampaignEstimates | null;
  agreement?: ReviewerAgreement | null;
}

export function resultsWorkbook(r: CampaignResults, extras: ResultsWorkbookExtras = {}): Uint8Array {
  const { estimates, agreement } = extras;
  const grades = r.gradeDistribution.map((g) => g.grade);
  return writeXlsx([
    {
      name: '部门排名',
      header: [
        '排名',
        '执法部门',
        '评查案卷数',
        '平均分',
        '等次',
        ...grades.map((g) => `${g}（件）`),
        '问题数',
      ],
      rows: r.departments.map((d) => [
        d.rank,
        d.department,
        d.fileCount,
        Number(d.meanText),
        d.grade,
        ...grades.map((g) => d.gradeCounts[g] ?? 0),
        d.problemCount,
      ]),
    },
    {
      name: '案卷结果',
      header: ['执法部门', '案卷编号', '案件类型', '得分', '等次', '否决项', '问题数'],
      rows: r.files.map((f) => [
        f.department,
        f.caseNo ?? f.itemId,
        f.caseType ?? '',
        f.total,
        f.grade,
        f.vetoes.map((v) => `${v.kind === 'fail' ? '否决' : '限优'}：${v.text}`).join('；'),
        f.problems.length + f.vetoes.length,
      ]),
    },
    {
      name: '问题明细',
      header: ['执法部门', '案卷编号', '类别', '评查项', '扣分选项', '问题描述', '次数', '扣分'],
      rows: r.files.flatMap((f) =>
        f.problems.map((p) => [
          f.department,
          f.caseNo ?? f.itemId,
          p.group,
          `${p.categoryName}：${p.itemTitle}`,
          p.optionLabel,
          p.problem,
          p.count,
          Number(formatHalfPoints(p.amountHalfPoints)),
        ]),
      ),
    },
    {
      name: '高频问题',
      header: ['评查项', '类别', '分类', '涉及案卷数', '问题处数', '扣分合计', '问题举例'],
      rows: r.problemsByItem.map((i) => [
        i.title,
        i.group,
        i.categoryName,
        i.fileCount,
        i.occurrences,
        Number(formatHalfPoints(i.deductedHalfPoints)),
        i.examples.join('；'),
      ]),
    },
    {
      name: '三项制度',
      header: ['制度', '适用案卷数', '落实案卷数', '落实率（%）'],
      // A number, so the office can sort and compute with it; '' where no file applies.
      rows: r.threeSystems.map((t) => [
        t.tag,
        t.applicableFiles,
        t.compliantFiles,
        t.permille === null ? '' : t.permille / 10,
      ]),
    },
    {
      name: '等次分布',
      header: ['等次', '案卷数'],
      rows: [...r.gradeDistribution.map((g) => [g.grade, g.count]), ['合计', r.fileCount]],
    },
    ...(estimates ? [estimatesSheet(estimates)] : []),
    ...(agreement ? [agreementSheet(agreement)] : []),
  ]);
}
