// Live reads for the review area: one campaign's draw, panel, assignment, sheets and results.
import { useMemo } from 'react';
import type { CaseRow } from '@shared/cases/case-index';
import { useCaseIndex } from '../ledgers/case-index-context';
import type { DrawnFile } from '../db/panel-repository';
import { useCampaignDraw, useCampaignPanel, useFinalResults, useScoreSheets } from '../db/hooks/review';
import type { CampaignRecord } from '../db/workflow-records';
import { useRememberedCampaign } from '../campaigns/use-campaign-choice';
import '../db/workflow-records';

/** The campaign chosen in the review area (remembered on this machine). */
export function useSelectedCampaign(
  campaigns: CampaignRecord[] | undefined,
): [string | null, (id: string) => void] {
  return useRememberedCampaign('pingcha.review.campaign', campaigns);
}

/** One campaign's panel, draw, sheets and final results, each its own live query (see db/hooks/review). */
export function useCampaignData(campaignId: string | null) {
  const base = useCampaignPanel(campaignId);
  const draw = useCampaignDraw(campaignId);
  const sheets = useScoreSheets(campaignId);
  const finals = useFinalResults(campaignId);
  return useMemo(() => {
    if (base === undefined || !draw || !sheets || !finals) return base === null ? null : undefined;
    if (!base) return null;
    return { ...base, draw, sheets, finals };
  }, [base, draw, sheets, finals]);
}

export type CampaignData = NonNullable<ReturnType<typeof useCampaignData>>;

/** Ledger rows of the given case files (case header: party, dates). */
export function useCaseRows(ids: readonly string[]): Map<string, CaseRow> {
  const { index, version } = useCaseIndex();
  const key = ids.join('\n');
  return useMemo(() => {
    const wanted = new Set(ids);
    const out = new Map<string, CaseRow>();
    if (!wanted.size) return out;
    for (const id of wanted) {
      const i = index.indexOfItemId(id);
      if (i >= 0) out.set(id, index.row(i));
    }
    return out;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the index is mutated in place; version tracks it; key stands for ids
  }, [index, version, key]);
}

/** The drawn files with department, case number and type (draw record first, ledger for replacements). */
export function useDrawnFiles(data: CampaignData | null | undefined): {
  files: DrawnFile[];
  rows: Map<string, CaseRow>;
} {
  // A reviewer's laptop has no draw: its files are the assignment's, their rows came in the package.
  const assigned = data?.assignment?.record.files;
  const ids = useMemo(() => {
    const drawn = data?.draw.itemIds ?? [];
    return drawn.length > 0 ? drawn : (assigned ?? []).map((f) => f.itemId);
  }, [data?.draw.itemIds, assigned]);
  const rows = useCaseRows(ids);
  const files = useMemo(() => {
    const fromRecord = new Map((data?.draw.draw?.record.drawn ?? []).map((d) => [d.itemId, d]));
    return ids.map((id): DrawnFile => {
      const r = fromRecord.get(id) ?? rows.get(id);
      if (r) return { itemId: id, department: r.department, caseNo: r.caseNo, caseType: r.caseType };
      const [department = '', caseNo = id] = id.split('|');
      return { itemId: id, department, caseNo, caseType: '' };
    });
  }, [ids, rows, data?.draw.draw]);
  return { files, rows };
}

/** Files by id: the drawn list, completed by the assignment record (which carries number, department, type). */
export function filesById(data: CampaignData, files: readonly DrawnFile[]): Map<string, DrawnFile> {
  const out = new Map<string, DrawnFile>();
  for (const f of data.assignment?.record.files ?? []) {
    const t = (f as { caseType?: string }).caseType ?? '';
    out.set(f.itemId, {
      itemId: f.itemId,
      department: f.department,
      caseNo: f.caseNo ?? f.itemId,
      caseType: t,
    });
  }
  for (const f of files) if (f.caseType || !out.has(f.itemId)) out.set(f.itemId, f);
  return out;
}
