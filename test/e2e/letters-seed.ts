// Seeds a campaign with final review results (and a draw record) straight into the app's IndexedDB, as
// the review workflow would leave them: scores come from the shared engine (sampleReviewedFiles).
import type { Page } from '@playwright/test';
import { sampleReviewedFiles, type SampleResultsOptions } from '../../shared/letters/sample-results';

export interface SeededCampaign {
  campaignId: string;
  name: string;
  files: ReturnType<typeof sampleReviewedFiles>;
}

export async function seedCampaignResults(
  page: Pick<Page, 'evaluate'>,
  options: SampleResultsOptions & { campaignId?: string; name?: string } = {},
): Promise<SeededCampaign> {
  const campaignId = options.campaignId ?? 'cmp_e2e_letters';
  const name = options.name ?? '2026年度行政执法案卷评查';
  const files = sampleReviewedFiles(options);
  const now = '2026-10-20T09:00:00.000Z';
  const campaign = {
    id: campaignId,
    name,
    year: 2026,
    periodFrom: '2026-01-01',
    periodTo: '2026-09-30',
    departments: [],
    caseTypes: [],
    createdAt: now,
    createdBy: '测试',
    isDemo: false,
    standards: [],
    standardsFrozenAt: now,
  };
  const finals = files.map((f) => ({
    campaignId,
    itemId: f.itemId,
    department: f.department,
    caseNo: f.caseNo,
    caseType: f.caseType,
    standardId: f.standard.id,
    standardVersion: f.standard.version,
    sheet: f.sheet,
    score: f.score,
    reconciliation: null,
    finalisedAt: now,
    finalisedBy: '评查组长',
  }));
  // Only the fields the results and letters read; one extra file drawn per department.
  const draw = {
    id: 'drw_e2e_letters',
    campaignId,
    createdAt: now,
    record: {
      seed: '2026-10-08 上证指数收盘 3287.45',
      drawnAt: '2026-10-08T09:30:00+08:00',
      population: { size: 5321 },
      algorithm: { name: 'rivest-consistent-sampler', version: '1' },
      stratification: { by: 'department' },
      drawn: files
        .map((f) => ({ itemId: f.itemId, stratum: f.department, department: f.department }))
        .concat(
          [...new Set(files.map((f) => f.department))].map((department) => ({
            itemId: `${department}|未评查`,
            stratum: department,
            department,
          })),
        ),
      replacements: [],
      extras: [],
    },
  };
  await page.evaluate(
    async ({ campaign, finals, draw }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('pingcha');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(['campaigns', 'finalResults', 'draws'], 'readwrite');
        tx.objectStore('campaigns').put(campaign);
        tx.objectStore('draws').put(draw);
        for (const f of finals) tx.objectStore('finalResults').put(f);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { campaign, finals, draw },
  );
  return { campaignId, name, files };
}
