// 年度: which year a campaign, a training list and a yearly review are about. Defaults follow the
// data (a campaign on 2024 files is a 2024 campaign even when it is set up in 2026), and the one
// place where a campaign's 年度 matters outside the campaign is explained where it is chosen.

/** Shown next to a campaign's 年度: the yearly review reads the grades of that year's campaigns. */
export const CAMPAIGN_YEAR_NOTE = '本活动的案卷评查等次计入该年度执法证件年审';

/** Shown next to the yearly review's 年度: which campaigns' grades it reads. */
export const REVIEW_YEAR_NOTE = '年审读取“年度”相同的评查活动的案卷评查等次';

const YEAR = /^(\d{4})-\d{2}-\d{2}/;

/**
 * A new campaign's 年度: the year of the most recent 结案日期 among the imported files (a review of
 * last year's files is last year's campaign), or the current year when nothing is imported.
 */
export function defaultCampaignYear(closedDates: Iterable<string | null | undefined>, now: Date): number {
  let latest = '';
  for (const d of closedDates) if (d && d > latest && YEAR.test(d)) latest = d;
  return latest ? Number(latest.slice(0, 4)) : now.getFullYear();
}

interface YearOfCampaign {
  year: number;
  createdAt: string;
}

/** The 年度 of the most recently created campaign, or null when there is none. */
export function latestCampaignYear(campaigns: readonly YearOfCampaign[]): number | null {
  let best: YearOfCampaign | null = null;
  for (const c of campaigns)
    if (Number.isInteger(c.year) && (!best || c.createdAt > best.createdAt)) best = c;
  return best ? best.year : null;
}

function latest(years: Iterable<number>): number | null {
  let out: number | null = null;
  for (const y of years) if (Number.isInteger(y) && (out === null || y > out)) out = y;
  return out;
}

/**
 * The training list's 年度: the latest year that has training sessions (the list the user came to
 * see), else the latest campaign's year, else the current year.
 */
export function defaultTrainingYear(
  sessionYears: Iterable<number>,
  campaigns: readonly YearOfCampaign[],
  now: Date,
): number {
  return latest(sessionYears) ?? latestCampaignYear(campaigns) ?? now.getFullYear();
}

/**
 * The yearly review's 年度: the latest campaign's year (the review reads that year's file grades),
 * else last year (a year's certificates are reviewed early in the next year).
 */
export function defaultReviewYear(campaigns: readonly YearOfCampaign[], now: Date): number {
  return latestCampaignYear(campaigns) ?? now.getFullYear() - 1;
}
