// What a campaign's random draw says about all files: for the city and each department, the estimated number
// and share of files 不合格 and with 实体 / 程序 / 文书归档 problems, with limits (issue 17).
//
// The sample is the draw's random sample as it stands: the files drawn, minus those replaced, plus their
// replacements (the stratum's next spares in the same ticket order) and the files of additional draws (the
// ticket order continued). Each is random within its stratum. Only reviewed files of that sample count
// (the lead's final results); a drawn file not yet finalised is treated as missing at random and the text
// says how many there are. Reviewed files that are not in the random sample are never counted.
//
// Method per population (city, department):
//  - its files form ONE stratum of the draw (with reviewed files): exact hypergeometric limits;
//  - several strata: the stratified estimate with a normal-approximation interval, clamped to what the
//    sample proves (shared/stats/estimate.ts);
//  - strata without any reviewed sample file are left out of the estimate, and the text says so.
// A file-level attribute comes from the standard: 不合格 is the file's grade (vetoes included); a problem of a
// group is at least one deduction on an item of that group (the standard's 实体 / 程序 / 文书归档).

import { currentDrawnFiles } from '../draw/draw-record';
import type { FileResult } from '../review/results';
import { GRADE_FAIL, type ItemGroup } from '../standards/standard-model';
import { DEFAULT_CONFIDENCE, exactLimits, stratifiedEstimate, type StratumSample } from './estimate';

export type AttributeKey = 'fail' | 'substance' | 'procedure' | 'archive';

export interface FileAttribute {
  key: AttributeKey;
  /** Column title, e.g. 程序问题. */
  label: string;
  /** Predicate in the report's words: "…的案卷存在程序问题". */
  phrase: string;
  has(file: Pick<FileResult, 'grade' | 'failed' | 'problems'>): boolean;
}

const groupAttr = (key: AttributeKey, group: ItemGroup, label: string, phrase: string): FileAttribute => ({
  key,
  label,
  phrase,
  has: (f) => f.problems.some((p) => p.group === group),
});

export const FILE_ATTRIBUTES: readonly FileAttribute[] = [
  {
    key: 'fail',
    label: '不合格',
    phrase: '评查等次为不合格',
    has: (f) => f.failed || f.grade === GRADE_FAIL,
  },
  groupAttr('substance', '实体', '实体问题', '存在实体问题'),
  groupAttr('procedure', '程序', '程序问题', '存在程序问题'),
  groupAttr('archive', '文书归档', '归档问题', '存在文书归档问题'),
];

export type EstimateMethod = 'exact' | 'stratified';

export const METHOD_TEXT: Record<EstimateMethod, string> = {
  exact: '超几何分布精确区间（层内简单随机抽样）',
  stratified: '分层估计，正态近似区间（已按样本事实截断）',
};

export interface AttributeFigure {
  key: AttributeKey;
  label: string;
  phrase: string;
  /** Reviewed sample files with the attribute. */
  found: number;
  /** Estimated files (not rounded). */
  point: number;
  lower: number;
  upper: number;
  /** Shares of the covered population. */
  pointShare: number;
  lowerShare: number;
  upperShare: number;
  /** Stratified only: limits moved to what the sample proves. */
  clamped: boolean;
  /**
   * Stratified only: the estimated variance is 0 although not every file was reviewed (no file, or every
   * file, of each sampled stratum has the attribute), so the normal approximation gives no interval.
   */
  degenerate: boolean;
}

export interface PopulationEstimate {
  /** '全市' or the department. */
  name: string;
  scope: 'city' | 'department';
  /** null when no stratum of it has a reviewed sample file. */
  method: EstimateMethod | null;
  /** Files of the population (all its strata). */
  populationTotal: number;
  /** Files of the strata the estimate covers (with at least one reviewed sample file). */
  population: number;
  strata: number;
  /** Strata (and their files) left out: no reviewed sample file. */
  uncoveredStrata: number;
  uncoveredFiles: number;
  /** Random sample files of the population (after replacements and additional draws). */
  drawn: number;
  /** Of those, reviewed (final results). */
  reviewed: number;
  /** Replacements made and files added by additional draws in its strata. */
  replacements: number;
  extraFiles: number;
  /** Strata with one reviewed file out of several (stratified method only: most cautious variance). */
  singleFileStrata: number;
  figures: AttributeFigure[];
}

export interface EstimateDrawInput {
  stratification: { by: 'department' | 'department×caseType' };
  strata: readonly { key: string; size: number }[];
  drawn: readonly { itemId: string; stratum: string; department: string }[];
  replacements: readonly { itemId: string; replacedBy: string; stratum: string }[];
  extras: readonly { stratum: string; count: number; itemIds: readonly string[] }[];
}

export interface CampaignEstimates {
  confidence: number;
  city: PopulationEstimate;
  departments: PopulationEstimate[];
  /** Replacements made (a drawn file replaced by its stratum's next spare). */
  replacements: number;
  /** Files added by additional draws, and the number of such draws. */
  extraFiles: number;
  extraDraws: number;
  /** Reviewed files that are not in the random sample (not counted). */
  notInSample: number;
}

function departmentOfStratum(key: string, byCaseType: boolean, known: Map<string, string>): string {
  const d = known.get(key);
  if (d !== undefined) return d;
  if (!byCaseType) return key;
  const i = key.lastIndexOf(' × ');
  return i < 0 ? key : key.slice(0, i);
}

interface StratumData {
  key: string;
  department: string;
  size: number;
  drawn: number;
  replacements: number;
  extraFiles: number;
  reviewed: FileResult[];
}

function estimatePopulation(
  name: string,
  scope: 'city' | 'department',
  strata: readonly StratumData[],
  confidence: number,
): PopulationEstimate {
  const nonEmpty = strata.filter((s) => s.size > 0);
  const covered = nonEmpty.filter((s) => s.reviewed.length > 0);
  const populationTotal = nonEmpty.reduce((a, s) => a + s.size, 0);
  const population = covered.reduce((a, s) => a + s.size, 0);
  const base = {
    name,
    scope,
    populationTotal,
    population,
    strata: nonEmpty.length,
    uncoveredStrata: nonEmpty.length - covered.length,
    uncoveredFiles: populationTotal - population,
    drawn: nonEmpty.reduce((a, s) => a + s.drawn, 0),
    reviewed: covered.reduce((a, s) => a + s.reviewed.length, 0),
    replacements: nonEmpty.reduce((a, s) => a + s.replacements, 0),
    extraFiles: nonEmpty.reduce((a, s) => a + s.extraFiles, 0),
  };
  if (covered.length === 0) return { ...base, method: null, singleFileStrata: 0, figures: [] };
  const method: EstimateMethod = covered.length === 1 ? 'exact' : 'stratified';
  let singleFileStrata = 0;
  const figures = FILE_ATTRIBUTES.map((attr): AttributeFigure => {
    const samples: StratumSample[] = covered.map((s) => ({
      key: s.key,
      population: s.size,
      sample: s.reviewed.length,
      found: s.reviewed.filter((f) => attr.has(f)).length,
    }));
    const found = samples.reduce((a, s) => a + s.found, 0);
    let point: number;
    let lower: number;
    let upper: number;
    let clamped = false;
    let degenerate = false;
    if (method === 'exact') {
      const r = exactLimits(samples[0]!, confidence);
      ({ point, lower, upper } = r);
    } else {
      const r = stratifiedEstimate(samples, confidence);
      ({ point, lower, upper, clamped } = r);
      degenerate = r.variance === 0 && samples.some((s) => s.sample < s.population);
      singleFileStrata = r.singleFileStrata.length;
    }
    return {
      key: attr.key,
      label: attr.label,
      phrase: attr.phrase,
      found,
      point,
      lower,
      upper,
      pointShare: point / population,
      lowerShare: lower / population,
      upperShare: upper / population,
      clamped,
      degenerate,
    };
  });
  return { ...base, method, singleFileStrata, figures };
}

/** Estimates for the city and each department (departments in code-point order of their names). */
export function estimateCampaign(
  draw: EstimateDrawInput,
  files: readonly FileResult[],
  confidence = DEFAULT_CONFIDENCE,
): CampaignEstimates {
  const byCaseType = draw.stratification.by !== 'department';
  // The random sample as it stands, item → stratum.
  const sample = new Map(currentDrawnFiles(draw).map((f) => [f.itemId, f.stratum]));
  const deptOfStratum = new Map(draw.drawn.map((d) => [d.stratum, d.department]));
  const extraFiles = draw.extras.reduce((n, e) => n + e.itemIds.length, 0);
  const strata = new Map<string, StratumData>(
    draw.strata.map((s) => [
      s.key,
      {
        key: s.key,
        department: departmentOfStratum(s.key, byCaseType, deptOfStratum),
        size: s.size,
        drawn: 0,
        replacements: 0,
        extraFiles: 0,
        reviewed: [],
      },
    ]),
  );
  for (const r of draw.replacements) {
    const s = strata.get(r.stratum);
    if (s) s.replacements++;
  }
  for (const e of draw.extras) {
    const s = strata.get(e.stratum);
    if (s) s.extraFiles += e.itemIds.length;
  }
  for (const stratum of sample.values()) {
    const s = strata.get(stratum);
    if (s) s.drawn++;
  }
  let notInSample = 0;
  for (const f of files) {
    const key = sample.get(f.itemId);
    const s = key === undefined ? undefined : strata.get(key);
    if (!s) notInSample++;
    else s.reviewed.push(f);
  }
  const all = [...strata.values()];
  const departments = [...new Set(all.map((s) => s.department))]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((d) =>
      estimatePopulation(
        d,
        'department',
        all.filter((s) => s.department === d),
        confidence,
      ),
    )
    .filter((e) => e.populationTotal > 0);
  return {
    confidence,
    city: estimatePopulation('全市', 'city', all, confidence),
    departments,
    replacements: draw.replacements.length,
    extraFiles,
    extraDraws: draw.extras.length,
    notInSample,
  };
}
