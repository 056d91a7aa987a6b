// A coordinator's campaign ready for panel packages, shared by the db and ui tests.
import { assignReviewers } from '../../shared/assignment/assign-reviewers';
import { defaultPenaltyStandard } from '../../shared/standards/default-standards';
import type { PackageCase } from '../../shared/packages/panel-package';
import type { PingchaDatabase } from '../../renderer/db/database';
import type { CampaignRecord } from '../../renderer/db/workflow-records';

export const CAMPAIGN = 'camp-2025';
export const std = { ...defaultPenaltyStandard(), status: 'published' as const };

export function cases(n: number): PackageCase[] {
  return Array.from({ length: n }, (_, i) => ({
    itemId: `${i % 2 ? '市场监督管理局' : '交通运输局'}|X-${i + 1}`,
    caseNo: `X-${i + 1}`,
    department: i % 2 ? '市场监督管理局' : '交通运输局',
    caseType: '行政处罚',
    cause: '案由' + i,
    party: '当事人' + i,
    filedDate: '2025-01-02',
    closedDate: '2025-03-04',
    amountFen: 1000 * i,
    officer: '张三',
    certNo: '5100' + i,
    sourceRow: i + 2,
    raw: ['X-' + (i + 1), '原始单元格' + i],
  }));
}

/** A coordinator's store: a campaign with a frozen standard, two reviewers and a seeded assignment. */
export async function setupCoordinator(db: PingchaDatabase, files = 12): Promise<PackageCase[]> {
  const all = cases(files);
  const campaign: CampaignRecord = {
    id: CAMPAIGN,
    name: '2025 年度行政处罚案卷评查',
    year: 2025,
    periodFrom: null,
    periodTo: null,
    departments: [],
    caseTypes: [],
    createdAt: '2026-01-01T00:00:00Z',
    createdBy: '组织者',
    isDemo: false,
    standards: [{ caseType: '行政处罚', standardId: std.id, version: std.version }],
    standardsFrozenAt: '2026-01-02T00:00:00Z',
  };
  await db.campaigns.put(campaign);
  await db.standards.put(std);
  const reviewers = [
    { id: 'r1', name: '王评查', unit: '司法局', role: '机关工作人员', conflicts: [] },
    { id: 'r2', name: '李律师', unit: '律师事务所', role: '律师', conflicts: [] },
  ];
  await db.reviewers.bulkPut(reviewers.map((r) => ({ ...r, campaignId: CAMPAIGN })));
  const result = assignReviewers({
    files: all.map((c) => ({ itemId: c.itemId, department: c.department, caseNo: c.caseNo })),
    reviewers,
    perFile: 1,
    seed: 'seed',
  });
  if (!result.ok) throw new Error(result.errors.join());
  await db.assignments.put({ campaignId: CAMPAIGN, record: result.record });
  return all;
}
