// The 通报's paragraphs on what the random sample says about all files, in words a 局长 reads: the city's
// figures, each with one plain gloss ("按抽样结果推算，全市约有4%的案卷评查等次为不合格，实际比例在1%至9%之间的
// 可能性为95%。"), the method in one footnote-style sentence, and a department's figures only where the sample
// there can carry them (at least 10 reviewed files and an interval narrower than 30 points). Keyed sections, so
// paragraph edits survive a rebuild.
import type { LetterSection } from '../letters/rectification-letter';
import type { AttributeFigure, CampaignEstimates, PopulationEstimate } from './campaign-estimates';
import { figureGloss, formatConfidence } from './estimate-text';

export type { CampaignEstimates } from './campaign-estimates';

/** A department's figures are stated only from this many reviewed sample files… */
export const DEPARTMENT_ESTIMATE_MIN_REVIEWED = 10;
/** …and only where the interval is narrower than this share (30 percentage points). */
export const DEPARTMENT_ESTIMATE_MAX_WIDTH = 0.3;

/** The figures of a department the 通报 may state (none when its sample is too small to carry them). */
export function statableDepartmentFigures(p: PopulationEstimate): AttributeFigure[] {
  if (p.method === null || p.reviewed < DEPARTMENT_ESTIMATE_MIN_REVIEWED) return [];
  return p.figures.filter((f) => {
    if (f.degenerate || f.upperShare - f.lowerShare >= DEPARTMENT_ESTIMATE_MAX_WIDTH) return false;
    const pct = Math.round(f.pointShare * 100 + 1e-9);
    return pct > 0 && pct < 100;
  });
}

export function estimateSections(est: CampaignEstimates): LetterSection[] {
  const s: LetterSection[] = [];
  const para = (key: string, text: string) =>
    s.push({ key, block: { type: 'paragraph', text }, editable: true });
  const c = est.city;
  if (c.method === null) {
    para('estimate-city', '随机抽取的案卷尚无完成评查的，暂不推算全部案卷的情况。');
    return s;
  }
  const conf = formatConfidence(est.confidence);
  para('estimate-city', c.figures.map((f) => figureGloss('全市', f, est.confidence, c.reviewed)).join(''));
  const departments = est.departments
    .map((d) => ({ d, figures: statableDepartmentFigures(d) }))
    .filter((x) => x.figures.length > 0);
  for (const { d, figures } of departments) {
    para(
      `estimate-dept:${d.name}`,
      `${d.name}已完成评查随机抽取的案卷${d.reviewed}件。` +
        figures.map((f) => figureGloss(d.name, f, est.confidence, d.reviewed)).join(''),
    );
  }
  let method =
    `（推算方法：以分层随机抽取并已完成评查的${c.reviewed}件案卷为样本，按各层案卷总数加权推算；` +
    `“可能性为${conf}”指按同样方法反复抽样时，约${conf}的推算区间包含实际比例` +
    (departments.length > 0
      ? `；各单位仅列出已评查${DEPARTMENT_ESTIMATE_MIN_REVIEWED}件以上且区间窄于${Math.round(DEPARTMENT_ESTIMATE_MAX_WIDTH * 100)}个百分点的推算结果`
      : `；各单位抽取案卷较少，不单独推算`);
  if (c.uncoveredStrata > 0)
    method += `；另有${c.uncoveredFiles}件案卷所在的层尚无完成评查的样本，未纳入推算`;
  if (est.notInSample > 0) method += `；${est.notInSample}件不属于随机样本的评查案卷未计入推算`;
  para('estimate-method', `${method}。）`);
  return s;
}
