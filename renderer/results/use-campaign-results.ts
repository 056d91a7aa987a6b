// Live reads for the results and letters pages: the chosen campaign, its final results (the lead's
// FinalResultRow records), the standards they were scored on, and its draw.
import { useDeferredValue, useMemo } from 'react';
import { buildCampaignResults, type CampaignResults } from '@shared/review/results';
import { defaultStandards } from '@shared/standards/default-standards';
import type { ReviewStandard } from '@shared/standards/standard-model';
import { basisFromStandards, type BasisLookup } from '@shared/letters/rectification-letter';
import { pageLabelLookup, type PageLabelLookup } from '@shared/letters/evidence-citations';
import type { PageLabels } from '@shared/case-files/page-labels';
import '../db/case-file-repository';
import type { ReportDraw } from '@shared/letters/campaign-report';
import { estimateCampaign, type CampaignEstimates } from '@shared/stats/campaign-estimates';
import { SAMPLER_ALGORITHM_LABEL } from '@shared/draw/sampler';
import { currentDrawnFiles } from '@shared/draw/draw-record';
import { purposiveDrawnFiles } from '@shared/draw/purposive';
import { useCampaignResultRecords } from '../db/hooks/review';
import { currentRecord } from '../db/campaign-repository';
import { useRememberedCampaign } from '../campaigns/use-campaign-choice';
import type {
  CampaignRecord,
  DrawEventRow,
  DrawRow,
  FinalResultRow,
  ScoreSheetRow,
} from '../db/workflow-records';
import {
  pairSubmittedSheets,
  reviewerAgreement,
  type ReviewerAgreement,
} from '@shared/review/reviewer-agreement';
import '../db/workflow-records';

/** The campaign shown on the results and letters pages (remembered on this machine). */
export function useResultsCampaign(
  campaigns: CampaignRecord[] | undefined,
): [string | null, (id: string) => void] {
  return useRememberedCampaign('pingcha.results.campaign', campaigns);
}

export interface CampaignResultData {
  campaign: CampaignRecord;
  finals: FinalResultRow[];
  standards: ReviewStandard[];
  draw: DrawRow | null;
  /** Replacements and additional draws of `draw`, in any order. */
  drawEvents?: DrawEventRow[];
  /** The submitted score sheets and who was assigned each file (reviewer agreement); absent = none. */
  sheets?: ScoreSheetRow[];
  assignment?: readonly { itemId: string; reviewerIds: readonly string[] }[];
  /** Page labels of the campaign's 电子案卷 by file SHA-256 (for the letters' page citations). */
  pageLabels?: ReadonlyMap<string, PageLabels>;
}

/** Resolves each final result's standard: the stored version, else the shipped default with that id. */
function resolveStandards(
  finals: readonly { standardId: string; standardVersion: number }[],
  stored: readonly ReviewStandard[],
): ReviewStandard[] {
  const out = new Map<string, ReviewStandard>();
  const defaults = defaultStandards();
  for (const f of finals) {
    const key = `${f.standardId}|${f.standardVersion}`;
    if (out.has(key)) continue;
    const s =
      stored.find((x) => x.id === f.standardId && x.version === f.standardVersion) ??
      defaults.find((x) => x.id === f.standardId);
    if (s) out.set(key, s);
  }
  return [...out.values()];
}

export function useCampaignResultData(campaignId: string | null): CampaignResultData | null | undefined {
  // Deferred: the pages' large first render (tables, charts, letters) then runs as a transition,
  // which React renders in slices, so no main-thread task runs past 200 ms (issue 16).
  return useDeferredValue(useCampaignResultDataNow(campaignId));
}

function useCampaignResultDataNow(campaignId: string | null): CampaignResultData | null | undefined {
  const records = useCampaignResultRecords(campaignId);
  return useMemo(() => {
    if (!records) return records;
    const { storedStandards, ...rest } = records;
    return { ...rest, standards: resolveStandards([...records.finals, ...records.sheets], storedStandards) };
  }, [records]);
}

export interface ComputedResults {
  results: CampaignResults;
  basis: BasisLookup;
  /** Files drawn per department as the draw stands now (replacements and 追加抽取 folded in), or null without a draw record. */
  drawnByDepartment: Map<string, number> | null;
  reportDraw: ReportDraw | null;
  /** Population estimates at 95 % from the random draw (null without a draw record). */
  estimates: CampaignEstimates | null;
  /** Final results whose standard could not be found (left out, with a warning). */
  missingStandards: string[];
  /** How far the two reviewers of each file agreed (评查一致性), from their submitted sheets. */
  agreement: ReviewerAgreement;
  /** The label of a page of a case file (letters cite "第12页 送达回证"). */
  pageLabel: PageLabelLookup;
}

/** Reviewer agreement over the files whose two sheets are both submitted. */
export function campaignAgreement(data: CampaignResultData): ReviewerAgreement {
  const byKey = new Map(data.standards.map((s) => [`${s.id}|${s.version}`, s]));
  return reviewerAgreement(
    pairSubmittedSheets(data.assignment ?? [], data.sheets ?? [], (id, v) => byKey.get(`${id}|${v}`)),
  );
}

/**
 * Population estimates from the campaign's draw (null without a usable draw record: a record without its strata,
 * e.g. one written by an older version, gives none rather than taking the page down).
 */
export function campaignEstimates(
  data: CampaignResultData,
  files: CampaignResults['files'],
  confidence?: number,
): CampaignEstimates | null {
  const rec = data.draw ? currentRecord(data.draw, data.drawEvents ?? []) : null;
  if (!rec || !Array.isArray(rec.strata) || !Array.isArray(rec.drawn) || !rec.stratification) return null;
  try {
    return estimateCampaign(
      { ...rec, replacements: rec.replacements ?? [], extras: rec.extras ?? [] },
      files,
      confidence,
    );
  } catch {
    return null;
  }
}

/** Results from the final records; pure apart from the lookup tables (see shared/review/results.ts). */
export function computeResults(data: CampaignResultData): ComputedResults {
  const byKey = new Map(data.standards.map((s) => [`${s.id}|${s.version}`, s]));
  const byId = new Map(data.standards.map((s) => [s.id, s]));
  const missing = new Set<string>();
  const input = [];
  for (const f of data.finals) {
    const standard = byKey.get(`${f.standardId}|${f.standardVersion}`) ?? byId.get(f.standardId);
    if (!standard) {
      missing.add(`${f.standardId} 第 ${f.standardVersion} 版`);
      continue;
    }
    input.push({
      itemId: f.itemId,
      department: f.department,
      caseNo: f.caseNo,
      caseType: f.caseType,
      standard,
      sheet: f.sheet,
      score: f.score,
    });
  }
  const results = buildCampaignResults(input);
  let drawnByDepartment: Map<string, number> | null = null;
  let reportDraw: ReportDraw | null = null;
  let estimates: CampaignEstimates | null = null;
  if (data.draw) {
    estimates = campaignEstimates(data, results.files);
    const rec = currentRecord(data.draw, data.drawEvents ?? []);
    // Files drawn on purpose are sent for review too, so they count as drawn (never in the estimates).
    const random = currentDrawnFiles(rec);
    const randomIds = new Set(random.map((d) => d.itemId));
    const drawn = [...random, ...purposiveDrawnFiles(rec.purposive).filter((p) => !randomIds.has(p.itemId))];
    const finalIds = new Set(data.finals.map((f) => f.itemId));
    drawnByDepartment = new Map();
    for (const d of drawn)
      drawnByDepartment.set(d.department, (drawnByDepartment.get(d.department) ?? 0) + 1);
    reportDraw = {
      drawId: data.draw.id,
      seed: rec.seed,
      drawnAt: rec.drawnAt,
      populationSize: rec.population.size,
      drawnCount: drawn.length,
      unfinishedCount: drawn.filter((d) => !finalIds.has(d.itemId)).length,
      algorithm: `${SAMPLER_ALGORITHM_LABEL}（版本 ${rec.algorithm.version}）`,
      stratification: rec.stratification.by === 'department' ? '按执法部门分层' : '按执法部门和案件类型分层',
    };
  }
  return {
    results,
    basis: basisFromStandards(data.standards),
    drawnByDepartment,
    reportDraw,
    estimates,
    missingStandards: [...missing],
    agreement: campaignAgreement(data),
    pageLabel: pageLabelLookup(data.pageLabels ?? new Map()),
  };
}

export function useComputedResults(data: CampaignResultData | null | undefined): ComputedResults | null {
  return useMemo(() => {
    if (!data) return null;
    performance.mark('results:compute-start');
    const out = computeResults(data);
    performance.measure('results:compute', 'results:compute-start');
    return out;
  }, [data]);
}
