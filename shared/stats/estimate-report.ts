// The 通报's paragraphs on what the random sample says about all files: one sentence per figure, in the
// report's words ("据此推算，全市约 9%（95% 置信区间 4%–17%）的案卷存在程序问题"), for each population the draw
// was random for; replacements and additional draws stated. Keyed sections, so paragraph edits survive.
import type { LetterSection } from '../letters/rectification-letter';
import { METHOD_TEXT, type CampaignEstimates, type PopulationEstimate } from './campaign-estimates';
import { figureClause, formatConfidence } from './estimate-text';

export type { CampaignEstimates } from './campaign-estimates';

function drawChanges(p: PopulationEstimate): string {
  const parts: string[] = [];
  if (p.replacements > 0) parts.push(`抽取后替换${p.replacements}件`);
  if (p.extraFiles > 0) parts.push(`追加抽取${p.extraFiles}件`);
  return parts.length ? `，其中${parts.join('、')}` : '';
}

function populationSentences(p: PopulationEstimate, confidence: number): string {
  const where = p.scope === 'city' ? '全市' : p.name;
  return p.figures.map((f) => `据此推算，${figureClause(where, f, confidence)}。`).join('');
}

export function estimateSections(est: CampaignEstimates): LetterSection[] {
  const s: LetterSection[] = [];
  const para = (key: string, text: string) =>
    s.push({ key, block: { type: 'paragraph', text }, editable: true });
  const c = est.city;
  if (c.method === null) {
    para('estimate-intro', '本次随机抽取的案卷尚无复核定稿的评查结果，暂不据此推算全部案卷的情况。');
    return s;
  }
  const changes: string[] = [];
  if (est.replacements > 0)
    changes.push(`抽取后因故替换${est.replacements}件（由同层备选案卷按随机顺序依次递补）`);
  if (est.extraFiles > 0)
    changes.push(`追加抽取${est.extraDraws}次共${est.extraFiles}件（沿用同一随机顺序）`);
  let intro =
    `本次评查案卷系按公开种子分层随机抽取，可据此推算全部案卷的情况。随机样本共${c.drawn}件` +
    (changes.length ? `，其中${changes.join('，')}` : '，未作替换和追加抽取') +
    `；推算依据其中已复核定稿的${c.reviewed}件案卷。` +
    `全市数字采用${METHOD_TEXT.stratified}，各单位数字采用${METHOD_TEXT.exact}（单位含多个层时采用分层估计），` +
    `置信水平均为${formatConfidence(est.confidence)}。`;
  if (c.uncoveredStrata > 0)
    intro += `另有${c.uncoveredStrata}个层共${c.uncoveredFiles}件案卷尚无定稿的样本案卷，未纳入推算。`;
  if (est.notInSample > 0) intro += `${est.notInSample}件不属于随机样本的评查案卷未计入推算。`;
  para('estimate-intro', intro);
  para('estimate-city', populationSentences(c, est.confidence));
  for (const d of est.departments) {
    if (d.method === null) {
      para(`estimate-dept:${d.name}`, `${d.name}随机抽中的${d.drawn}件案卷尚无定稿结果，不作推算。`);
      continue;
    }
    para(
      `estimate-dept:${d.name}`,
      `${d.name}共有案卷${d.population}件，随机抽取${d.drawn}件${drawChanges(d)}，已定稿${d.reviewed}件。` +
        populationSentences(d, est.confidence),
    );
  }
  return s;
}
