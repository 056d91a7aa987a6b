// The reviewed campaigns the results and letters benches measure, seeded into the app's IndexedDB as the
// review leaves them: 500 files over 25 departments, and 33 departments of 3 files each (33 letters).
import type { Page } from 'playwright-core';
import { seedCampaignResults } from '../e2e/letters-seed';

export async function seedBenchCampaigns(page: Pick<Page, 'evaluate'>) {
  const big = await seedCampaignResults(page, {
    campaignId: 'cmp_bench_500',
    name: '500件案卷评查',
    departments: 25,
    filesPerDepartment: 20,
    seed: 3,
  });
  const letters = await seedCampaignResults(page, {
    campaignId: 'cmp_bench_33',
    name: '33个单位评查',
    departments: 33,
    filesPerDepartment: 3,
    seed: 9,
    cleanShare: 0,
  });
  return { big, letters };
}
