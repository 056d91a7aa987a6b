import { describe, expect, it } from 'vitest';
import {
  CAMPAIGN_YEAR_NOTE,
  defaultCampaignYear,
  defaultReviewYear,
  defaultTrainingYear,
  latestCampaignYear,
  REVIEW_YEAR_NOTE,
} from '../../shared/review/campaign-year';

const NOW = new Date(2026, 11, 2);

describe('年度 defaults follow the data', () => {
  it('a new campaign takes the year of the latest 结案日期 imported', () => {
    expect(defaultCampaignYear(['2024-03-01', null, '2024-12-31', '2023-06-30', ''], NOW)).toBe(2024);
    expect(defaultCampaignYear(['2025-01-02', '2024-12-31'], NOW)).toBe(2025);
  });

  it('a new campaign takes the current year when nothing (or nothing dated) is imported', () => {
    expect(defaultCampaignYear([], NOW)).toBe(2026);
    expect(defaultCampaignYear([null, undefined, '未结案'], NOW)).toBe(2026);
  });

  it('the latest campaign is the most recently created one, not the highest year', () => {
    const campaigns = [
      { year: 2025, createdAt: '2026-01-05T02:00:00.000Z' },
      { year: 2024, createdAt: '2026-11-30T02:00:00.000Z' },
    ];
    expect(latestCampaignYear(campaigns)).toBe(2024);
    expect(latestCampaignYear([])).toBeNull();
  });

  it('the yearly review reads the latest campaign year, else last year', () => {
    expect(defaultReviewYear([{ year: 2024, createdAt: '2026-12-01T00:00:00.000Z' }], NOW)).toBe(2024);
    expect(defaultReviewYear([], NOW)).toBe(2025);
  });

  it('training shows the latest year with sessions, else the campaign year, else this year', () => {
    const campaigns = [{ year: 2024, createdAt: '2026-12-01T00:00:00.000Z' }];
    expect(defaultTrainingYear([2023, 2025], campaigns, NOW)).toBe(2025);
    expect(defaultTrainingYear([], campaigns, NOW)).toBe(2024);
    expect(defaultTrainingYear([], [], NOW)).toBe(2026);
  });

  it('the link between a campaign 年度 and the yearly review is explained in words', () => {
    expect(CAMPAIGN_YEAR_NOTE).toContain('年审');
    expect(REVIEW_YEAR_NOTE).toContain('评查活动');
  });
});
