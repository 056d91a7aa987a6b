// The letters UI tests' starting point: an empty database holding the letter settings, one campaign and
// its final review results (scores from the shared engine, sampleReviewedFiles).
import { getDatabase } from '../../renderer/db/database';
import { writeSettings } from '../../renderer/db/settings-repository';
import type { CampaignRecord } from '../../renderer/db/workflow-records';
import { letterSettingsSchema, LETTERS_SETTINGS_AREA } from '../../shared/letters/letter-settings';
import type { SampleReviewedFile } from '../../shared/letters/sample-results';

/** A 2026 campaign with no scope, no standards chosen yet and nothing frozen. */
export function blankCampaign(campaign: { id: string; name: string }): CampaignRecord {
  return {
    id: campaign.id,
    name: campaign.name,
    year: 2026,
    periodFrom: null,
    periodTo: null,
    departments: [],
    caseTypes: [],
    createdAt: '2026-10-01T00:00:00Z',
    createdBy: '测试',
    isDemo: false,
    standards: [],
    standardsFrozenAt: null,
  };
}

export async function seedLettersCampaign(
  campaign: { id: string; name: string },
  files: readonly SampleReviewedFile[],
): Promise<void> {
  const db = getDatabase();
  await Promise.all(db.tables.map((t) => t.clear()));
  localStorage.clear();
  await writeSettings(db, LETTERS_SETTINGS_AREA, letterSettingsSchema, {
    issuer: '德阳市司法局',
    prefix: '德法函',
  });
  await db.campaigns.put(blankCampaign(campaign));
  await db.finalResults.bulkPut(
    files.map((f) => ({
      campaignId: campaign.id,
      itemId: f.itemId,
      department: f.department,
      caseNo: f.caseNo,
      caseType: f.caseType,
      standardId: f.standard.id,
      standardVersion: f.standard.version,
      sheet: f.sheet,
      score: f.score,
      reconciliation: null,
      finalisedAt: '2026-10-20T00:00:00Z',
      finalisedBy: '组长',
    })),
  );
}
